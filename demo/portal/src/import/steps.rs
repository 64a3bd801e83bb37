//! Steps (trình tự thực hiện), split at "Bước N" or, failing that, at list items.

use std::sync::LazyLock;

use dvc_core::model::Step;
use regex::Regex;

use super::cleanup::is_none_marker;

static STEP_MARKER: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"Bước\s*(?P<number>\d{1,3})\s*(?:[:.)–-]\s*)?"));

/// A list item at the start of a line: "- ", "+ ", "• ".
static BULLET_LINE: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"^[-+•]\s*"));

/// A numbered line: "1. ", "2) ".
static NUMBERED_LINE: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"^(?P<number>\d{1,2})[.)]\s+"));

/// Line prefixes that may stand before "Bước N": bullets and "a)".
static MARKER_LINE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"^(?:[-+*•]|[a-zđ]\)|\([a-z0-9]+\))?\s*$"));

/// A step title longer than this is split at its first sentence end.
const MAX_TITLE_CHARS: usize = 200;

/// Splits a steps text into steps.
pub fn parse(text: &str) -> Vec<Step> {
    let text = text.trim();
    if is_none_marker(text) {
        return Vec::new();
    }

    let markers: Vec<(usize, usize, Option<u32>)> = STEP_MARKER
        .captures_iter(text)
        .filter_map(|captures| {
            let marker = captures.get(0)?;
            let number = captures
                .name("number")
                .and_then(|m| m.as_str().parse().ok());
            starts_step(text, marker.start()).then_some((marker.start(), marker.end(), number))
        })
        .collect();

    if markers.is_empty() {
        return parse_list(text);
    }

    let mut steps = Vec::with_capacity(markers.len() + 1);
    let Some((first_start, _, _)) = markers.first() else {
        return steps;
    };
    if let Some(preamble) = preamble_step(&text[..*first_start]) {
        steps.push(preamble);
    }
    for (index, (_, end, number)) in markers.iter().enumerate() {
        let step_end = markers
            .get(index + 1)
            .map_or(text.len(), |(next, _, _)| *next);
        let body = strip_trailing_prefix(&text[*end..step_end]);
        steps.push(make_step(*number, body));
    }
    steps
}

/// Returns true when "Bước N" at `start` begins a step: at the start of a
/// line (after an optional bullet or "a)") or after the end of a sentence.
/// Inside a sentence ("chuyển sang Bước 2 để …") it is a reference.
fn starts_step(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    if MARKER_LINE_PREFIX.is_match(&text[line_start..start]) {
        return true;
    }
    let before = text[..start].trim_end();
    before
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | ';' | ':' | '+' | '-' | '*' | '•'))
}

/// Removes the bullet or "a)" that the next step's line begins with.
fn strip_trailing_prefix(body: &str) -> &str {
    let body = body.trim_end();
    let line_start = body.rfind('\n').map_or(0, |newline| newline + 1);
    if line_start > 0 && MARKER_LINE_PREFIX.is_match(&body[line_start..]) {
        return body[..line_start].trim_end();
    }
    let trimmed = body.trim_end_matches(['-', '+', '*', '•']).trim_end();
    if trimmed.len() + 2 >= body.len() {
        trimmed
    } else {
        body
    }
}

/// Text before the first step: kept as an unnumbered step unless it is only
/// a heading such as "Trình tự thực hiện:".
fn preamble_step(text: &str) -> Option<Step> {
    let text = text.trim().trim_start_matches(['-', '+', '*', '•']).trim();
    if text.is_empty() || is_none_marker(text) || MARKER_LINE_PREFIX.is_match(text) {
        return None;
    }
    let is_heading = !text.contains('\n') && text.ends_with(':') && text.chars().count() < 80;
    (!is_heading).then(|| make_step(None, text))
}

/// Builds a step: the first line (or first sentence of a long line) is the
/// title, the rest the description.
fn make_step(number: Option<u32>, body: &str) -> Step {
    let body = body.trim();
    let (first_line, rest) = match body.split_once('\n') {
        Some((first, rest)) => (first.trim(), rest.trim()),
        None => (body, ""),
    };

    let (title, lead) = split_long_title(first_line);
    let description = match (lead.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => lead.to_owned(),
        (false, false) => format!("{lead}\n{rest}"),
    };
    Step {
        number,
        title: title.to_owned(),
        description,
    }
}

fn split_long_title(line: &str) -> (&str, &str) {
    if line.chars().count() <= MAX_TITLE_CHARS {
        return (line, "");
    }
    let limit = line
        .char_indices()
        .nth(MAX_TITLE_CHARS)
        .map_or(line.len(), |(index, _)| index);
    let cut = [". ", ": ", "; "]
        .iter()
        .filter_map(|mark| line[..limit].find(mark).map(|index| index + 1))
        .filter(|index| *index > 10)
        .min();
    match cut {
        Some(index) => (
            line[..index].trim_end_matches([':', ';']).trim(),
            line[index..].trim(),
        ),
        None => (line, ""),
    }
}

/// Splits a text without "Bước" at its list items: "- " lines, else "1."
/// lines; a text with neither is one step.
fn parse_list(text: &str) -> Vec<Step> {
    let lines: Vec<&str> = text.lines().collect();
    let bullets = lines
        .iter()
        .filter(|line| BULLET_LINE.is_match(line))
        .count();
    let numbered = lines
        .iter()
        .filter(|line| NUMBERED_LINE.is_match(line))
        .count();

    if bullets < 2 && numbered < 2 {
        return vec![make_step(None, text)];
    }
    let use_numbers = numbered >= 2 && numbered >= bullets;

    let mut steps = Vec::new();
    let mut current: Option<(Option<u32>, String)> = None;
    let mut preamble = String::new();
    for line in lines {
        let item = if use_numbers {
            NUMBERED_LINE.captures(line).and_then(|captures| {
                let whole = captures.get(0)?;
                let number = captures.name("number")?.as_str().parse().ok();
                Some((number, &line[whole.end()..]))
            })
        } else {
            BULLET_LINE
                .find(line)
                .map(|bullet| (None, &line[bullet.end()..]))
        };

        match (item, current.as_mut()) {
            (Some((number, content)), _) => {
                if let Some((previous_number, body)) = current.take() {
                    steps.push(make_step(previous_number, &body));
                }
                current = Some((number, content.to_owned()));
            }
            (None, Some((_, body))) => {
                body.push('\n');
                body.push_str(line);
            }
            (None, None) => {
                preamble.push_str(line);
                preamble.push('\n');
            }
        }
    }
    if let Some((number, body)) = current {
        steps.push(make_step(number, &body));
    }
    if let Some(step) = preamble_step(&preamble) {
        steps.insert(0, step);
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(steps: &[Step]) -> Vec<(Option<u32>, &str)> {
        steps
            .iter()
            .map(|step| (step.number, step.title.as_str()))
            .collect()
    }

    #[test]
    fn numbered_steps_split() {
        let steps = parse("Bước 1: Nộp hồ sơ tại Công an cấp xã.\nBước 2: Nhận giấy hẹn.\n- Bước 3. Nhận kết quả\nMang theo giấy hẹn.");
        assert_eq!(
            titles(&steps),
            vec![
                (Some(1), "Nộp hồ sơ tại Công an cấp xã."),
                (Some(2), "Nhận giấy hẹn."),
                (Some(3), "Nhận kết quả"),
            ]
        );
        assert_eq!(steps[2].description, "Mang theo giấy hẹn.");
        assert_eq!(steps[1].description, "");
    }

    #[test]
    fn inline_reference_is_not_a_step() {
        let steps = parse("Bước 1: Kiểm tra hồ sơ, nếu thiếu thì quay lại Bước 1 để bổ sung.\nBước 2: Trả kết quả.");
        assert_eq!(steps.len(), 2);
        assert!(steps[0].title.contains("quay lại Bước 1"));
    }

    #[test]
    fn steps_after_bullets_and_letters() {
        let steps =
            parse("a) Bước 1. Nộp hồ sơ\n+ Bước 2: Thẩm định\n(i) Khai thuế + Bước 3. Nộp thuế");
        assert_eq!(
            titles(&steps),
            vec![
                (Some(1), "Nộp hồ sơ"),
                (Some(2), "Thẩm định"),
                (Some(3), "Nộp thuế")
            ]
        );
        assert_eq!(steps[1].description, "(i) Khai thuế");
    }

    #[test]
    fn heading_preamble_dropped_and_text_kept() {
        let steps = parse("Trình tự thực hiện:\nBước 1: Nộp.");
        assert_eq!(titles(&steps), vec![(Some(1), "Nộp.")]);
        let steps = parse("Tổ chức chuẩn bị hồ sơ đầy đủ.\nBước 1: Nộp.");
        assert_eq!(
            titles(&steps),
            vec![(None, "Tổ chức chuẩn bị hồ sơ đầy đủ."), (Some(1), "Nộp.")]
        );
    }

    #[test]
    fn bullets_without_step_numbers() {
        let steps = parse("- Nộp hồ sơ trực tiếp.\n- Cán bộ kiểm tra hồ sơ.\n(i) Nếu đủ thì nhận.\n- Trả kết quả.");
        assert_eq!(
            titles(&steps),
            vec![
                (None, "Nộp hồ sơ trực tiếp."),
                (None, "Cán bộ kiểm tra hồ sơ."),
                (None, "Trả kết quả.")
            ]
        );
        assert_eq!(steps[1].description, "(i) Nếu đủ thì nhận.");
    }

    #[test]
    fn numbered_lines_without_step_word() {
        let steps = parse("1. Nộp hồ sơ.\n2. Nhận kết quả.");
        assert_eq!(
            titles(&steps),
            vec![(Some(1), "Nộp hồ sơ."), (Some(2), "Nhận kết quả.")]
        );
    }

    #[test]
    fn single_paragraph_is_one_step() {
        let steps = parse("Nộp hồ sơ và nhận kết quả tại Bộ phận một cửa.");
        assert_eq!(
            titles(&steps),
            vec![(None, "Nộp hồ sơ và nhận kết quả tại Bộ phận một cửa.")]
        );
        assert!(parse("Không có thông tin").is_empty());
        assert!(parse("").is_empty());
    }

    #[test]
    fn long_first_line_split_at_sentence() {
        let long = format!(
            "Bước 1: Lập hồ sơ. {}",
            "Người lao động chuẩn bị giấy tờ ".repeat(10)
        );
        let steps = parse(&long);
        assert_eq!(steps[0].title, "Lập hồ sơ.");
        assert!(steps[0].description.starts_with("Người lao động"));
    }
}
