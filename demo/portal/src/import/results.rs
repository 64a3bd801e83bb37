//! Results (kết quả xử lý) with their national codes.
//!
//! The page lists "NameMã: KQ.G15.000031" pairs glued together, and the
//! crawler kept the page's interface text after them ("Từ khóa…", "Chọn cơ
//! quan thực hiện…", "Nộp hồ sơ"), which is cut off here.

use dvc_core::model::ProcedureResult;

use super::cleanup::is_none_marker;

const CODE_LABEL: &str = "Mã:";

/// Interface text of the page; everything from the first of these on goes.
const PAGE_INTERFACE_TEXT: [&str; 3] =
    ["Từ khóa", "Chọn cơ quan thực hiện", "Hệ thống chỉ hiển thị"];

/// Parses a results text into results, each with its code when published.
pub fn parse(text: &str) -> Vec<ProcedureResult> {
    let text = strip_page_interface(text);
    if is_none_marker(text) {
        return Vec::new();
    }

    let mut results = Vec::new();
    let mut pieces = text.split(CODE_LABEL);
    let mut name = pieces.next().unwrap_or_default().trim().to_owned();
    for piece in pieces {
        let (code, next_name) = split_code(piece.trim_start());
        push_result(&mut results, &name, code);
        name = next_name.trim().to_owned();
    }
    push_result(&mut results, &name, None);
    results
}

fn push_result(results: &mut Vec<ProcedureResult>, name: &str, code: Option<&str>) {
    let name = name.trim().trim_start_matches(['-', '+', '*', '•']).trim();
    let code = code.filter(|code| !code.is_empty()).map(str::to_owned);
    if name.is_empty() && code.is_none() {
        return;
    }
    if is_none_marker(name) && code.is_none() {
        return;
    }
    results.push(ProcedureResult {
        code,
        name: name.to_owned(),
    });
}

fn strip_page_interface(text: &str) -> &str {
    let end = PAGE_INTERFACE_TEXT
        .iter()
        .filter_map(|marker| text.find(marker))
        .min()
        .unwrap_or(text.len());
    let text = text[..end].trim();
    text.strip_suffix("Nộp hồ sơ").unwrap_or(text).trim()
}

/// Splits "KQ.G19.000201Văn bản…" into the code and the next result's name.
///
/// A code is a run of capitals, digits, `.`, `-`, `_` and `/`. When the next
/// name is glued on, the run swallows that name's capital ("…000201V"), so a
/// run followed by a lower-case letter is cut back to its last digit, or by
/// one letter when it has no digit.
fn split_code(text: &str) -> (Option<&str>, &str) {
    let run_length: usize = text
        .chars()
        .take_while(|c| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/')
        })
        .map(char::len_utf8)
        .sum();
    let mut end = run_length;
    let glued = text[run_length..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    if glued {
        end = match text[..run_length].rfind(|c: char| c.is_ascii_digit()) {
            Some(last_digit) if last_digit > 0 => last_digit + 1,
            _ => run_length.saturating_sub(1),
        };
    }
    let code = text[..end].trim_end_matches(['.', '-', '/']);
    let code = (code.len() >= 2).then_some(code);
    let rest = if code.is_some() { &text[end..] } else { text };
    (code, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(results: &[ProcedureResult]) -> Vec<(Option<&str>, &str)> {
        results
            .iter()
            .map(|result| (result.code.as_deref(), result.name.as_str()))
            .collect()
    }

    #[test]
    fn code_and_page_interface_removed() {
        let results = parse("Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ");
        assert_eq!(
            pairs(&results),
            vec![(Some("KQ.G15.000031"), "Giấy khai sinh")]
        );
    }

    #[test]
    fn glued_results_split() {
        let results =
            parse("Văn bản chấp thuậnMã: KQ.G19.000201Văn bản không chấp thuậnMã: KQ.G19.000501");
        assert_eq!(
            pairs(&results),
            vec![
                (Some("KQ.G19.000201"), "Văn bản chấp thuận"),
                (Some("KQ.G19.000501"), "Văn bản không chấp thuận")
            ]
        );
    }

    #[test]
    fn other_code_shapes() {
        assert_eq!(
            pairs(&parse("Thẻ Mã: KQ-G01.000123")),
            vec![(Some("KQ-G01.000123"), "Thẻ")]
        );
        assert_eq!(
            pairs(&parse("Bản ánMã: VBTTGiấy báo")),
            vec![(Some("VBTT"), "Bản án"), (None, "Giấy báo")]
        );
        assert_eq!(
            pairs(&parse("Phiếu Mã: 000.00.00.G01-KQ0001")),
            vec![(Some("000.00.00.G01-KQ0001"), "Phiếu")]
        );
    }

    #[test]
    fn result_without_code() {
        let results =
            parse("Giấy chứng nhận quyền sử dụng đất; Giấy chứng nhận quyền sở hữu nhà ở");
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].code, None);
        assert!(parse("Không có thông tinTừ khóa").is_empty());
        assert!(parse("").is_empty());
    }

    #[test]
    fn dangling_code_label() {
        assert_eq!(pairs(&parse("Quyết địnhMã:")), vec![(None, "Quyết định")]);
        assert_eq!(pairs(&parse("Mã: KQ.G01.1")), vec![(Some("KQ.G01.1"), "")]);
    }
}
