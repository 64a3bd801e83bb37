use super::*;

const HEADER: &str = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";

fn parse(text: &str) -> (Vec<DossierCase>, Vec<WarningKind>) {
    let mut warnings = Vec::new();
    let cases = parse_table(text, &mut warnings);
    (
        cases,
        warnings.into_iter().map(|warning| warning.kind).collect(),
    )
}

fn rows(case: &DossierCase) -> Vec<(&str, u32, u32)> {
    case.components
        .iter()
        .map(|component| {
            (
                component.name.as_str(),
                component.originals,
                component.copies,
            )
        })
        .collect()
}

#[test]
fn cases_with_titles_and_counts() {
    let (cases, warnings) = parse(&format!(
        "* Giấy tờ phải nộp:{HEADER}- Tờ khai đăng ký khai sinh1 bản chính- Giấy chứng sinh.1 bản chính\
         * Giấy tờ phải xuất trình:{HEADER}Hộ chiếu hoặc thẻ căn cước1 bản chínhGiấy chứng nhận kết hôn0 bản chính,1 bản sao"
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].name.as_deref(), Some("Giấy tờ phải nộp"));
    assert_eq!(cases[1].name.as_deref(), Some("Giấy tờ phải xuất trình"));
    assert_eq!(
        rows(&cases[0]),
        vec![
            ("Tờ khai đăng ký khai sinh", 1, 0),
            ("Giấy chứng sinh.", 1, 0)
        ]
    );
    assert_eq!(
        rows(&cases[1]),
        vec![
            ("Hộ chiếu hoặc thẻ căn cước", 1, 0),
            ("Giấy chứng nhận kết hôn", 0, 1)
        ]
    );
}

#[test]
fn unnamed_single_case() {
    let (cases, _) = parse(&format!("--{HEADER}Đơn đề nghị2 bản chính"));
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].name, None);
    assert_eq!(rows(&cases[0]), vec![("Đơn đề nghị", 2, 0)]);
}

#[test]
fn digits_of_name_and_count_split() {
    let (cases, _) = parse(&format!(
        "--{HEADER}Văn bản đề nghị theo Phụ lục IX ban hành ngày 24/07/20231 bản chính\
         Bản khai theo mẫu BM.NCC.20.031 bản chínhGiấy tờ theo Mẫu số 180 bản chính,1 bản sao"
    ));
    assert_eq!(
        rows(&cases[0]),
        vec![
            (
                "Văn bản đề nghị theo Phụ lục IX ban hành ngày 24/07/2023",
                1,
                0
            ),
            ("Bản khai theo mẫu BM.NCC.20.03", 1, 0),
            ("Giấy tờ theo Mẫu số 18", 0, 1),
        ]
    );
}

#[test]
fn zero_padded_count() {
    let (cases, _) = parse(&format!("--{HEADER}Ảnh chân dung01 bản chính"));
    assert_eq!(rows(&cases[0]), vec![("Ảnh chân dung", 1, 0)]);
    let (cases, _) = parse(&format!("--{HEADER}02 bản chính"));
    assert!(
        cases.is_empty(),
        "a count without a document is no component"
    );
    let (cases, _) = parse(&format!("--{HEADER}Ảnh chân dung02 bản chính"));
    assert_eq!(rows(&cases[0]), vec![("Ảnh chân dung", 2, 0)]);
}

#[test]
fn count_inside_sentence_is_text() {
    let (cases, _) = parse(&format!(
        "--{HEADER}Người khai hải quan khai và nộp 02 bản chính tờ khai hàng hóa1 bản chính"
    ));
    assert_eq!(
        rows(&cases[0]),
        vec![(
            "Người khai hải quan khai và nộp 02 bản chính tờ khai hàng hóa",
            1,
            0
        )]
    );
}

#[test]
fn form_file_names_split_off() {
    let (cases, _) = parse(&format!(
        "--{HEADER}Giấy đề nghị đăng ký hoạt động theo mẫu thống nhấtMẫu TP-LS-02-sđ.docx1 bản chính\
         Giấy miễn thị thực theo Thông tư số 22/2023/TT-BCA của Bộ Công an.NA5.doc1 bản chính\
         Đơn đề nghị cấp đổi thẻ bảo hiểm y tếMau01-ĐN(BHYT) (1).doc1 bản chính\
         Đơn xin thường trú;Mau TK01.tt73.2021.doc1 bản chính\
         Phiếu đề nghị (Mẫu NA9).10-Mẫu NA9.doc0 bản chính,1 bản sao"
    ));
    let forms: Vec<(&str, Vec<&str>)> = cases[0]
        .components
        .iter()
        .map(|component| {
            (
                component.name.as_str(),
                component
                    .forms
                    .iter()
                    .map(|form| form.name.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        forms,
        vec![
            (
                "Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất",
                vec!["Mẫu TP-LS-02-sđ.docx"]
            ),
            (
                "Giấy miễn thị thực theo Thông tư số 22/2023/TT-BCA của Bộ Công an.",
                vec!["NA5.doc"]
            ),
            (
                "Đơn đề nghị cấp đổi thẻ bảo hiểm y tế",
                vec!["Mau01-ĐN(BHYT) (1).doc"]
            ),
            ("Đơn xin thường trú", vec!["Mau TK01.tt73.2021.doc"]),
            ("Phiếu đề nghị (Mẫu NA9).", vec!["10-Mẫu NA9.doc"]),
        ]
    );
    assert!(cases[0]
        .components
        .iter()
        .flat_map(|c| &c.forms)
        .all(|form| form.url.is_none()));
}

#[test]
fn form_link_kept_as_url() {
    let (cases, _) = parse(&format!(
        "--{HEADER}Tờ khai theo mẫuhttps://example.gov.vn/bieu-mau/tk-01.docx1 bản chính"
    ));
    let component = &cases[0].components[0];
    assert_eq!(component.name, "Tờ khai theo mẫu");
    assert_eq!(component.forms[0].name, "tk-01.docx");
    assert_eq!(
        component.forms[0].url.as_deref(),
        Some("https://example.gov.vn/bieu-mau/tk-01.docx")
    );
}

#[test]
fn row_without_count_flagged() {
    let (cases, warnings) = parse(&format!(
        "--{HEADER}Tờ khai1 bản chínhGhi chú: nộp kèm bản điện tử"
    ));
    assert_eq!(
        rows(&cases[0]),
        vec![("Tờ khai", 1, 0), ("Ghi chú: nộp kèm bản điện tử", 0, 0)]
    );
    assert_eq!(warnings, vec![WarningKind::ComponentCountMissing]);
}

#[test]
fn text_without_table_kept_whole() {
    let (cases, warnings) = parse("Theo quy định tại Điều 99 Luật Quản lý, sử dụng vũ khí");
    assert_eq!(
        rows(&cases[0]),
        vec![(
            "Theo quy định tại Điều 99 Luật Quản lý, sử dụng vũ khí",
            0,
            0
        )]
    );
    assert_eq!(warnings, vec![WarningKind::ComponentsUnstructured]);
    assert!(parse("Không có thông tin").0.is_empty());
    assert!(parse("").0.is_empty());
}

#[test]
fn counts_written_as_text() {
    assert_eq!(parse_count_text("Bản chính: 1 - Bản sao: 0"), Some((1, 0)));
    assert_eq!(parse_count_text("Bản chính: 0 - Bản sao: 2"), Some((0, 2)));
    assert_eq!(parse_count_text("2 bản chính, 1 bản sao"), Some((2, 1)));
    assert_eq!(parse_count_text("01 bản sao"), Some((0, 1)));
    assert_eq!(parse_count_text(""), None);
    assert_eq!(
        parse_count_text("Bản chính: 99999999999999"),
        Some((u32::MAX, 0))
    );
}

#[test]
fn garbage_does_not_panic() {
    for garbage in [
        HEADER.to_owned(),
        format!("{HEADER}{HEADER}"),
        format!("--{HEADER}.docx1 bản chính"),
        format!("--{HEADER}https://.docx1 bản chính"),
        format!("--{HEADER}9999999999999999999999 bản chính"),
        format!("--{HEADER}é.docx"),
        format!("{HEADER}1 bản chính,"),
    ] {
        let _ = parse(&garbage);
    }
}
