use super::*;

const HEADER: &str = "Tên văn bản pháp lýMã văn bản";

fn parse(text: &str) -> (Vec<(Option<String>, String)>, Vec<WarningKind>) {
    let mut warnings = Vec::new();
    let documents = parse_table(text, &mut warnings)
        .into_iter()
        .map(|document| (document.number, document.title))
        .collect();
    (
        documents,
        warnings.into_iter().map(|warning| warning.kind).collect(),
    )
}

fn row(number: &str, title: &str) -> (Option<String>, String) {
    (Some(number.to_owned()), title.to_owned())
}

#[test]
fn citation_inside_title_is_not_a_row() {
    let (documents, warnings) = parse(&format!(
        "{HEADER}Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết Luật Hộ tịch123/2015/NĐ-CPLuật Hộ tịch60/2014/QH13"
    ));
    assert!(warnings.is_empty());
    assert_eq!(
        documents,
        vec![
            row("123/2015/NĐ-CP", "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết Luật Hộ tịch"),
            row("60/2014/QH13", "Luật Hộ tịch"),
        ]
    );
}

#[test]
fn issuer_glued_to_next_title() {
    let (documents, _) = parse(&format!(
        "{HEADER}Thông tư hướng dẫn về phí và lệ phí85/2019/TT-BTCNghị định sửa đổi104/2022/NĐ-CPQuyết định về chế độ53/2010/QĐ-TTgThông tư hướng dẫn41/2023/TT-BCA"
    ));
    let numbers: Vec<Option<String>> = documents.into_iter().map(|(number, _)| number).collect();
    assert_eq!(
        numbers,
        vec![
            Some("85/2019/TT-BTC".to_owned()),
            Some("104/2022/NĐ-CP".to_owned()),
            Some("53/2010/QĐ-TTg".to_owned()),
            Some("41/2023/TT-BCA".to_owned()),
        ]
    );
}

#[test]
fn title_citing_its_own_number() {
    let (documents, _) = parse(&format!(
        "{HEADER}Luật 60/2014/QH1360/2014/QH13Thuế xuất khẩu, thuế nhập khẩu107/2016/QH13"
    ));
    assert_eq!(
        documents,
        vec![
            row("60/2014/QH13", "Luật 60/2014/QH13"),
            row("107/2016/QH13", "Thuế xuất khẩu, thuế nhập khẩu")
        ]
    );
}

#[test]
fn number_shapes() {
    let (documents, _) = parse(&format!(
        "{HEADER}Quyết định công bố thủ tục163/QĐ-BTPNghị quyết cắt giảm thủ tục66.7/2025/NQ-CPBộ luật Lao động45/2019/QH14"
    ));
    let numbers: Vec<String> = documents
        .into_iter()
        .filter_map(|(number, _)| number)
        .collect();
    assert_eq!(
        numbers,
        vec!["163/QĐ-BTP", "66.7/2025/NQ-CP", "45/2019/QH14"]
    );
}

#[test]
fn number_then_space_then_title() {
    let (documents, _) = parse(&format!(
        "{HEADER}Nghị định cắt giảm thủ tục của Bộ Tư pháp18/2026/NĐ-CP Nghị định về Cơ sở dữ liệu hộ tịch điện tử87/2020/NĐ-CP"
    ));
    assert_eq!(
        documents,
        vec![
            row("18/2026/NĐ-CP", "Nghị định cắt giảm thủ tục của Bộ Tư pháp"),
            row(
                "87/2020/NĐ-CP",
                "Nghị định về Cơ sở dữ liệu hộ tịch điện tử"
            ),
        ]
    );
}

#[test]
fn glued_document_kind_dropped_from_title() {
    let (documents, _) = parse(&format!(
        "{HEADER}Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTPvề cấp và quản lý bảo lãnh Chính phủNghị định số 92/2018/NĐ-CP"
    ));
    assert_eq!(
        documents,
        vec![
            row(
                "03/2023/TT-BTP",
                "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp"
            ),
            row("92/2018/NĐ-CP", "về cấp và quản lý bảo lãnh Chính phủ"),
        ]
    );
}

#[test]
fn trailing_row_without_number() {
    let (documents, _) = parse(&format!("{HEADER}Luật Hộ tịch60/2014/QH13Luật Hóa chất"));
    assert_eq!(
        documents,
        vec![
            row("60/2014/QH13", "Luật Hộ tịch"),
            (None, "Luật Hóa chất".to_owned())
        ]
    );
}

#[test]
fn repeated_number_row_dropped() {
    let (documents, _) = parse(&format!(
        "{HEADER}Luật Các tổ chức tín dụngLuật số 32/2024/QH1550/2025/TT-NHNNsố 50/2025/TT-NHNN"
    ));
    assert_eq!(
        documents,
        vec![
            row("32/2024/QH15", "Luật Các tổ chức tín dụng"),
            row("50/2025/TT-NHNN", "50/2025/TT-NHNN")
        ]
    );
}

#[test]
fn text_without_table() {
    let (documents, warnings) = parse("Theo Thông tư 269/2016/TT-BTC của Bộ Tài chính");
    assert_eq!(
        documents,
        vec![row(
            "269/2016/TT-BTC",
            "Theo Thông tư 269/2016/TT-BTC của Bộ Tài chính"
        )]
    );
    assert_eq!(warnings, vec![WarningKind::LegalBasisUnparsed]);
    assert!(parse("Không có thông tin").0.is_empty());
    assert!(parse(HEADER).0.is_empty());
}

#[test]
fn numbers_found_in_text() {
    assert_eq!(
        find_document_numbers(
            "theo Nghị định số 104/2022/NĐ-CP và Thông tư 08/2025/TT-BTP, ngày 30/6/2025"
        ),
        vec!["104/2022/NĐ-CP", "08/2025/TT-BTP"]
    );
}

#[test]
fn garbage_does_not_panic() {
    for garbage in [
        "1/",
        "1/Đ",
        "1/2020/",
        "99999/9999/Q-",
        "1/A-B-C-D-E-Fg",
        "1.1/2020/ĐĐĐĐĐđ",
        "/TT-BTC1/2020/TTg",
    ] {
        let _ = parse(&format!("{HEADER}{garbage}"));
        let _ = find_document_numbers(garbage);
    }
}
