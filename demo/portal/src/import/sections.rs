//! Splits a national record's `raw_text` (the whole page as text) into sections.
//!
//! The crawler that produced the national file cut each section at the first
//! occurrence of the next section's heading anywhere on the page. When a fee
//! note contains "(Căn cứ pháp lý: …)" or a step refers to "mục Thành phần hồ
//! sơ", its fields end early and the next field starts in the wrong place.
//! Here each heading is searched only after the previous one, in the page's
//! fixed order, and the table headings must be followed by their table, which
//! recovers the real sections.

/// Section headings of a procedure page, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Name,
    Code,
    DecisionNumber,
    Levels,
    ProcedureType,
    Field,
    ApplicantTypes,
    CompetentAgencies,
    ReceivingAddress,
    AuthorisedAgencies,
    CoordinatingAgencies,
    RelatedProcedures,
    Steps,
    Channels,
    Components,
    LegalBasis,
    ExecutingAgencies,
    Conditions,
    Results,
}

const HEADINGS: [(Section, &str); 19] = [
    (Section::Name, "Tên thủ tục"),
    (Section::Code, "Mã thủ tục"),
    (Section::DecisionNumber, "Số quyết định"),
    (Section::Levels, "Cấp thực hiện"),
    (Section::ProcedureType, "Loại thủ tục"),
    (Section::Field, "Lĩnh vực"),
    (Section::ApplicantTypes, "Đối tượng thực hiện"),
    (Section::CompetentAgencies, "Cơ quan có thẩm quyền"),
    (Section::ReceivingAddress, "Địa chỉ tiếp nhận HS"),
    (Section::AuthorisedAgencies, "Cơ quan được ủy quyền"),
    (Section::CoordinatingAgencies, "Cơ quan phối hợp"),
    (Section::RelatedProcedures, "Thủ tục hành chính liên quan"),
    (Section::Steps, "Trình Tự Thực Hiện"),
    (Section::Channels, "Cách Thức Thực Hiện"),
    (Section::Components, "Thành phần hồ sơ"),
    (Section::LegalBasis, "Căn cứ pháp lý"),
    (Section::ExecutingAgencies, "Cơ quan thực hiện"),
    (Section::Conditions, "Yêu cầu, điều kiện thực hiện"),
    (Section::Results, "Kết quả xử lý"),
];

/// Start of the page's interface text after the last section (search box
/// labels, agency pickers, the submit button); it is never procedure content.
pub const PAGE_FOOTER: &str = "Từ khóa";

/// The sections found in a page, each as the text between its heading and
/// the next heading found.
#[derive(Debug, Default)]
pub struct PageSections<'a> {
    found: Vec<(Section, &'a str)>,
}

impl<'a> PageSections<'a> {
    /// Splits `page` (already cleaned text). Headings that cannot be found
    /// are absent, and the caller keeps the record's own field for them.
    pub fn split(page: &'a str) -> PageSections<'a> {
        let mut positions: Vec<(Section, usize, usize)> = Vec::new();
        let mut from = 0;
        for (section, heading) in HEADINGS {
            if let Some(start) = find_heading(page, section, heading, from) {
                let end = start + heading.len();
                positions.push((section, start, end));
                from = end;
            }
        }

        let footer = page[from..].find(PAGE_FOOTER).map(|offset| from + offset);
        let mut found = Vec::with_capacity(positions.len());
        for (index, (section, _, end)) in positions.iter().enumerate() {
            let next = positions
                .get(index + 1)
                .map(|(_, start, _)| *start)
                .or(footer)
                .unwrap_or(page.len());
            if let Some(text) = page.get(*end..next) {
                found.push((*section, text.trim()));
            }
        }
        PageSections { found }
    }

    /// Returns the text of `section`, if its heading was found.
    pub fn get(&self, section: Section) -> Option<&'a str> {
        self.found
            .iter()
            .find(|(found, _)| *found == section)
            .map(|(_, text)| *text)
    }
}

fn find_heading(page: &str, section: Section, heading: &str, from: usize) -> Option<usize> {
    let mut search_from = from;
    let mut first = None;
    while let Some(offset) = page.get(search_from..)?.find(heading) {
        let start = search_from + offset;
        let end = start + heading.len();
        first.get_or_insert(start);
        if heading_fits(page, section, start, end) {
            return Some(start);
        }
        search_from = end;
    }
    // A heading that never fits its rule is still better than none, except
    // for the tables, whose rule is what tells a heading from a mention.
    match section {
        Section::Components => first,
        _ => None,
    }
}

/// Checks the text around a heading: the table sections must be followed by
/// their table header or the "no information" marker, and the component
/// heading is glued to what precedes it, unlike a mention inside a sentence.
fn heading_fits(page: &str, section: Section, start: usize, end: usize) -> bool {
    let after = &page[end..];
    match section {
        Section::Channels => after.starts_with("Hình thức nộp"),
        Section::LegalBasis => {
            after.starts_with("Tên văn bản pháp lý") || after.starts_with("Không có thông tin")
        }
        Section::Components => {
            let before = page[..start].chars().next_back();
            let glued = before.is_some_and(|c| !c.is_whitespace() && c != '(');
            let next = after.chars().next();
            let mention = next.is_some_and(|c| matches!(c, ')' | ',' | '.' | ';' | ':'));
            glued && !mention
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Cấp lại thẻTên thủ tụcCấp lại thẻMã thủ tục1.000001Số quyết định1/QĐ-BCACấp thực hiệnCấp tỉnhLoại thủ tụcLoại khácLĩnh vựcCư trúĐối tượng thực hiệnCông dân Việt NamCơ quan có thẩm quyềnĐịa chỉ tiếp nhận HSCơ quan được ủy quyềnCơ quan phối hợpThủ tục hành chính liên quanKhông có thông tinTrình Tự Thực HiệnBước 1: Lập hồ sơ theo mục Thành phần hồ sơ.\nBước 2: Nộp.Cách Thức Thực HiệnHình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc100 VNĐ(Căn cứ pháp lý: Thông tư 1/2020/TT-BTC.)Thành phần hồ sơ--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chínhCăn cứ pháp lýKhông có thông tinCơ quan thực hiệnCông an tỉnhYêu cầu, điều kiện thực hiệnKhông có thông tinKết quả xử lýThẻMã: KQ.G01.000001Từ khóaKhông có thông tinNộp hồ sơ";

    #[test]
    fn mentions_inside_sections_are_skipped() {
        let sections = PageSections::split(PAGE);
        assert_eq!(
            sections.get(Section::Steps),
            Some("Bước 1: Lập hồ sơ theo mục Thành phần hồ sơ.\nBước 2: Nộp.")
        );
        assert_eq!(
            sections.get(Section::Channels),
            Some("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc100 VNĐ(Căn cứ pháp lý: Thông tư 1/2020/TT-BTC.)")
        );
        assert_eq!(
            sections.get(Section::LegalBasis),
            Some("Không có thông tin")
        );
    }

    #[test]
    fn header_values_and_footer() {
        let sections = PageSections::split(PAGE);
        assert_eq!(sections.get(Section::Code), Some("1.000001"));
        assert_eq!(sections.get(Section::Name), Some("Cấp lại thẻ"));
        assert_eq!(sections.get(Section::CompetentAgencies), Some(""));
        assert_eq!(sections.get(Section::Results), Some("ThẻMã: KQ.G01.000001"));
    }

    #[test]
    fn missing_headings_are_absent() {
        let sections = PageSections::split("Tên thủ tụcABC");
        assert_eq!(sections.get(Section::Name), Some("ABC"));
        assert_eq!(sections.get(Section::Code), None);
        assert_eq!(PageSections::split("").get(Section::Name), None);
    }
}
