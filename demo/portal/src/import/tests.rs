use std::io::Write;

use dvc_core::model::{ChannelKind, Level};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

use super::*;

/// Returns a small national record whose page text matches its fields.
fn record(code: &str, name: &str) -> Value {
    let page = format!(
        "{name}Tên thủ tục{name}Mã thủ tục{code}Số quyết định1/QĐ-BTPCấp thực hiệnCấp xãLoại thủ tụcLoại khác\
         Lĩnh vựcHộ tịchĐối tượng thực hiệnCông dân Việt NamCơ quan có thẩm quyềnỦy ban nhân dân cấp xã\
         Địa chỉ tiếp nhận HSCơ quan được ủy quyềnCơ quan phối hợpThủ tục hành chính liên quanKhông có thông tin\
         Trình Tự Thực Hiện Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.\
         Cách Thức Thực HiệnHình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp3 Ngày làm việcMiễn phí\
         Thành phần hồ sơ--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính\
         Căn cứ pháp lýTên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13\
         Cơ quan thực hiệnỦy ban nhân dân cấp xãYêu cầu, điều kiện thực hiệnKhông có thông tin\
         Kết quả xử lýTrích lụcMã: KQ.G15.000001Từ khóaKhông có thông tinNộp hồ sơ"
    );
    json!({
        "ma_thu_tuc": code,
        "detail_url": format!("https://example.gov.vn/thu-tuc/{code}"),
        "ten_thu_tuc": name,
        "so_quyet_dinh": "1/QĐ-BTP",
        "cap_thuc_hien": "Cấp xã",
        "loai_thu_tuc": "Loại khác",
        "linh_vuc": "Hộ tịch",
        "doi_tuong_thuc_hien": "Công dân Việt Nam",
        "co_quan_co_tham_quyen": "Ủy ban nhân dân cấp xã",
        "dia_chi_tiep_nhan": "",
        "co_quan_duoc_uy_quyen": "",
        "co_quan_phoi_hop": "",
        "thu_tuc_lien_quan": "Không có thông tin",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp3 Ngày làm việcMiễn phí",
        "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
        "co_quan_thuc_hien": "Ủy ban nhân dân cấp xã",
        "yeu_cau_dieu_kien": "Không có thông tin",
        "ket_qua_xu_ly": "Trích lụcMã: KQ.G15.000001Từ khóaKhông có thông tinNộp hồ sơ",
        "raw_text": page,
        "ministry": "bo-tu-phap",
    })
}

fn parse(value: &Value) -> Result<(Procedure, Vec<WarningKind>), RecordError> {
    parse_national_record(&value.to_string()).map(|(procedure, warnings)| {
        (
            procedure,
            warnings.into_iter().map(|warning| warning.kind).collect(),
        )
    })
}

fn set(value: &mut Value, key: &str, new: Value) {
    if let Some(object) = value.as_object_mut() {
        object.insert(key.to_owned(), new);
    }
}

#[test]
fn clean_record_has_no_warnings() {
    let (procedure, warnings) = parse(&record("1.000001", "Cấp bản sao trích lục")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(procedure.code, "1.000001");
    assert_eq!(procedure.name, "Cấp bản sao trích lục");
    assert_eq!(procedure.levels, vec![Level::Commune]);
    assert_eq!(procedure.fields, vec!["Hộ tịch"]);
    assert_eq!(procedure.agencies.competent, vec!["Ủy ban nhân dân cấp xã"]);
    assert_eq!(procedure.decision_number.as_deref(), Some("1/QĐ-BTP"));
    assert_eq!(procedure.receiving_address, None);
    assert!(procedure.related_procedures.is_empty());
    assert!(procedure.conditions.is_empty());
    assert_eq!(procedure.channels[0].kind, ChannelKind::InPerson);
    assert_eq!(procedure.dossier_cases[0].components[0].name, "Tờ khai");
    assert_eq!(procedure.steps.len(), 2);
    assert_eq!(
        procedure.legal_basis[0].number.as_deref(),
        Some("60/2014/QH13")
    );
    assert_eq!(procedure.results[0].code.as_deref(), Some("KQ.G15.000001"));
    assert_eq!(
        procedure.official_url.as_deref(),
        Some("https://example.gov.vn/thu-tuc/1.000001")
    );
}

#[test]
fn code_mismatch_uses_consistent_page() {
    let mut value = record("1.000002", "Đăng ký lại khai sinh");
    set(&mut value, "ma_thu_tuc", json!("1.000009"));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.code, "1.000002");
    assert_eq!(warnings, vec![WarningKind::CodeMismatch]);
}

#[test]
fn code_mismatch_with_other_name_keeps_field() {
    let mut value = record("1.000002", "Đăng ký lại khai sinh");
    set(&mut value, "ma_thu_tuc", json!("1.000009"));
    set(&mut value, "ten_thu_tuc", json!("Đăng ký khai tử"));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.code, "1.000009");
    assert_eq!(procedure.name, "Đăng ký khai tử");
    assert_eq!(warnings, vec![WarningKind::CodeMismatch]);
}

#[test]
fn malformed_code_repaired_from_page() {
    let mut value = record("1.000003", "Cấp bản sao");
    set(&mut value, "ma_thu_tuc", json!("1,000003"));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.code, "1.000003");
    assert_eq!(warnings, vec![WarningKind::MalformedCode]);

    set(&mut value, "ma_thu_tuc", Value::Null);
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.code, "1.000003");
    assert_eq!(warnings, vec![WarningKind::MalformedCode]);
}

#[test]
fn record_without_usable_code_rejected() {
    let mut value = record("1.000004", "Cấp bản sao");
    set(&mut value, "raw_text", json!(""));
    set(&mut value, "ma_thu_tuc", json!(""));
    assert_eq!(parse(&value).unwrap_err(), RecordError::MissingCode);
    set(&mut value, "ma_thu_tuc", json!("TTHC-04"));
    assert_eq!(
        parse(&value).unwrap_err(),
        RecordError::MalformedCode("TTHC-04".to_owned())
    );
}

#[test]
fn local_code_with_agency_suffix_accepted() {
    let mut value = record("1.000494.000.00.00.H29", "Cấp bản sao");
    set(&mut value, "raw_text", json!(""));
    let (procedure, _) = parse(&value).unwrap();
    assert_eq!(procedure.code, "1.000494.000.00.00.H29");
}

#[test]
fn missing_name_taken_from_page() {
    let mut value = record("1.000005", "Cấp bản sao");
    set(&mut value, "ten_thu_tuc", json!("  "));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.name, "Cấp bản sao");
    assert_eq!(warnings, vec![WarningKind::MissingName]);

    set(&mut value, "raw_text", Value::Null);
    assert_eq!(parse(&value).unwrap_err(), RecordError::MissingName);
}

#[test]
fn wrong_types_become_warnings() {
    let mut value = record("1.000006", "Cấp bản sao");
    set(&mut value, "raw_text", json!(""));
    set(&mut value, "linh_vuc", json!(["Hộ tịch", "Chứng thực"]));
    set(&mut value, "so_quyet_dinh", json!(163));
    set(&mut value, "co_quan_phoi_hop", json!({"ten": "Bộ Công an"}));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.fields, vec!["Hộ tịch", "Chứng thực"]);
    assert_eq!(procedure.decision_number.as_deref(), Some("163"));
    assert!(procedure.agencies.coordinating.is_empty());
    assert_eq!(warnings, vec![WarningKind::WrongFieldType; 3]);
}

#[test]
fn nfd_and_html_cleaned_and_flagged() {
    let name: String = "Chứng thực chữ ký".nfd().collect();
    let mut value = record("1.000007", &name);
    set(
        &mut value,
        "yeu_cau_dieu_kien",
        json!("<p>Có mặt&nbsp;trực tiếp.</p><p>Ký trước mặt người chứng thực.</p>"),
    );
    set(&mut value, "raw_text", json!(""));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.name, "Chứng thực chữ ký");
    assert_eq!(
        procedure.conditions,
        vec!["Có mặt trực tiếp.", "Ký trước mặt người chứng thực."]
    );
    assert_eq!(
        warnings,
        vec![WarningKind::TextNotNfc, WarningKind::HtmlStripped]
    );
}

#[test]
fn section_cut_short_is_realigned() {
    let mut value = record("1.000008", "Cấp bản sao");
    set(&mut value, "trinh_tu_thuc_hien", json!("Bước 1: Nộp"));
    set(
        &mut value,
        "thanh_phan_ho_so",
        json!(
            "hồ sơ.\nBước 2: Nhận kết quả.--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính"
        ),
    );
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.steps.len(), 2);
    assert_eq!(procedure.dossier_cases[0].name, None);
    assert_eq!(warnings, vec![WarningKind::SectionRealigned]);
}

#[test]
fn page_cut_short_keeps_fields() {
    let mut value = record("1.000008", "Cấp bản sao");
    let page = value["raw_text"].as_str().unwrap().to_owned();
    let cut = page.find("Bước 2").unwrap();
    set(&mut value, "raw_text", json!(page[..cut]));
    let (procedure, warnings) = parse(&value).unwrap();
    assert_eq!(procedure.steps.len(), 2);
    assert_eq!(procedure.channels.len(), 1);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn unsafe_official_url_dropped() {
    for url in [
        "javascript:alert(1)",
        "ftp://example.gov.vn/a",
        "https:///path",
        "https://exa mple.vn",
        "//example.vn",
    ] {
        let mut value = record("1.000010", "Cấp bản sao");
        set(&mut value, "detail_url", json!(url));
        let (procedure, warnings) = parse(&value).unwrap();
        assert_eq!(procedure.official_url, None, "{url}");
        assert_eq!(warnings, vec![WarningKind::InvalidUrl], "{url}");
    }
    let mut value = record("1.000010", "Cấp bản sao");
    set(&mut value, "detail_url", json!("HTTP://example.gov.vn/a"));
    assert!(parse(&value).unwrap().0.official_url.is_some());
}

#[test]
fn garbage_lines_rejected_without_panic() {
    let long = "ă".repeat(200_000);
    let lines = [
        String::new(),
        "null".to_owned(),
        "[]".to_owned(),
        "{".to_owned(),
        "{\"ma_thu_tuc\":".to_owned(),
        "\"text\"".to_owned(),
        "{\"ma_thu_tuc\": \"1.000001\", \"ten_thu_tuc\": \"\u{0}\u{202e}\u{fffd}\"}".to_owned(),
        format!("{{\"ma_thu_tuc\": \"1.000001\", \"ten_thu_tuc\": \"{long}\", \"raw_text\": \"{long}\"}}"),
        "{\"ma_thu_tuc\": \"1.000001\", \"ten_thu_tuc\": \"A\", \"raw_text\": \"Mã thủ tụcMã thủ tục\"}".to_owned(),
        "[".repeat(10_000),
    ];
    for line in &lines {
        let _ = parse_national_record(line);
    }
    assert!(matches!(
        parse_national_record("null"),
        Err(RecordError::NotAnObject)
    ));
    assert!(matches!(
        parse_national_record("{"),
        Err(RecordError::InvalidJson(_))
    ));
}

#[test]
fn mutated_records_never_panic() {
    let line = serde_json::to_string(&record("1.000011", "Đăng ký khai sinh")).unwrap();
    let bytes = line.as_bytes();
    // A fixed linear congruential generator keeps the cases reproducible.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for _ in 0..3_000 {
        let mut mutated = bytes.to_vec();
        for _ in 0..1 + next() % 8 {
            let position = next() % mutated.len();
            match next() % 3 {
                0 => mutated[position] = (next() % 256) as u8,
                1 => {
                    mutated.remove(position);
                }
                _ => mutated.insert(position, b"{}[]\",:\\0123456789MT"[next() % 20]),
            }
        }
        let text = String::from_utf8_lossy(&mutated);
        let _ = parse_national_record(&text);
        let _ = import_bytes(&mutated, "mutated");
    }
}

#[test]
fn json_lines_counted() {
    let first = record("1.000012", "Cấp bản sao").to_string();
    let second = record("1.000013", "Chứng thực").to_string();
    let text = format!("{first}\n\n{{broken\n{second}\r\n{first}\n[1]\n{{\"khac\": 1}}\n");
    let import = import_str(&text, "test").unwrap();
    let report = &import.report;
    assert_eq!(report.records_read, 6);
    assert_eq!(report.imported, 2);
    assert_eq!(report.rejected, 4);
    assert_eq!(report.rejections.get("invalid_json"), Some(&1));
    assert_eq!(report.rejections.get("duplicate_code"), Some(&1));
    assert_eq!(report.rejections.get("not_an_object"), Some(&1));
    assert_eq!(report.rejections.get("unknown_shape"), Some(&1));
    assert_eq!(
        report.to_string(),
        "test: 6 records read, 2 imported, 4 rejected (duplicate_code: 1, invalid_json: 1, not_an_object: 1, unknown_shape: 1); 0 warnings"
    );
}

#[test]
fn gzip_detected_by_content() {
    let text = format!("{}\n", record("1.000014", "Cấp bản sao"));
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    let compressed = encoder.finish().unwrap();

    let import = import_bytes(&compressed, "catalogue.json").unwrap();
    assert_eq!(import.report.imported, 1);
    let truncated = &compressed[..compressed.len() / 2];
    assert!(import_bytes(truncated, "cut.gz").is_err());
}

#[test]
fn unknown_formats_rejected() {
    assert!(matches!(
        import_str("", "empty"),
        Err(ImportError::UnknownFormat(_))
    ));
    assert!(matches!(
        import_str(" \n\t", "blank"),
        Err(ImportError::UnknownFormat(_))
    ));
    assert!(matches!(
        import_str("mã,tên\n1,2", "csv"),
        Err(ImportError::UnknownFormat(_))
    ));
    assert!(matches!(
        import_bytes(b"\xEF\xBB\xBF<html>", "bom"),
        Err(ImportError::UnknownFormat(_))
    ));
}

fn legacy_record(id: &str, title: &str) -> Value {
    json!({
        "_id": {"$oid": id},
        "title": title,
        "Trình tự thực hiện": "- Bước 1: Nộp hồ sơ.</p> \n- Bước 2: Nhận kết quả.</p>",
        "Cách thức thực hiện": [
            {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "07 Ngày làm việc", "Phí, lệ phí": "Lệ phí: 50.000 đồng/lần ĐồngXem chi tiết Phí: 20000 ĐồngXem chi tiết", "Mô tả": "Nộp tại Công an Xã."},
            {"Hình thức nộp": "Trực tuyến", "Thời hạn giải quyết": "Theo hướng dẫn hằng năm", "Phí, lệ phí": "Lệ phí: ĐồngXem chi tiết", "Mô tả": ""},
            {"Hình thức nộp": "Fax", "Thời hạn giải quyết": "", "Phí, lệ phí": "", "Mô tả": ""}
        ],
        "Thành phần hồ sơ": [
            {"Tên giấy tờ": "- Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 56/2021/TT-BCA);", "Mẫu đơn, tờ khai": "https://example.gov.vn/download?ma=3fd9", "Số lượng - bản chính": "Bản chính: 1 - Bản sao: 0"},
            {"Tên giấy tờ": "- Giấy tờ chứng minh chỗ ở hợp pháp.", "Mẫu đơn, tờ khai": "https://example.gov.vn/download?ma=", "Số lượng - bản chính": "Bản chính: 0 - Bản sao: 1"}
        ],
        "Cơ quan thực hiện": "Công an Xã"
    })
}

#[test]
fn legacy_record_structured() {
    let text = serde_json::to_string(&vec![legacy_record("a1", "Đăng ký thường trú")]).unwrap();
    let import = import_str(&text, "legacy").unwrap();
    assert_eq!(import.report.imported, 1);
    let procedure = &import.procedures[0];

    assert!(procedure.code.starts_with(legacy::LEGACY_CODE_PREFIX));
    assert_eq!(procedure.levels, vec![Level::Commune]);
    assert_eq!(procedure.agencies.executing, vec!["Công an Xã"]);
    assert_eq!(procedure.steps.len(), 2);
    assert_eq!(procedure.steps[1].title, "Nhận kết quả.");

    assert_eq!(procedure.channels.len(), 2, "the fax row is dropped");
    let fees: Vec<(&str, Option<u64>)> = procedure.channels[0]
        .fees
        .iter()
        .map(|fee| (fee.name.as_str(), fee.amount_vnd))
        .collect();
    assert_eq!(fees, vec![("Lệ phí", Some(50_000)), ("Phí", Some(20_000))]);
    assert_eq!(procedure.channels[1].processing_time, None);
    assert_eq!(
        procedure.channels[1].description.as_deref(),
        Some("Thời hạn giải quyết: Theo hướng dẫn hằng năm")
    );

    let components = &procedure.dossier_cases[0].components;
    assert_eq!(
        components[0].name,
        "Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 56/2021/TT-BCA)"
    );
    assert_eq!(components[0].forms[0].name, "Mẫu CT01");
    assert_eq!(
        components[0].forms[0].url.as_deref(),
        Some("https://example.gov.vn/download?ma=3fd9")
    );
    assert!(components[1].forms.is_empty());
    assert_eq!((components[1].originals, components[1].copies), (0, 1));

    let warnings = &import.report.warnings;
    for kind in [
        "legacy_code_assigned",
        "level_inferred",
        "html_stripped",
        "processing_time_unparsed",
        "fee_unparsed",
        "channel_unparsed",
        "form_url_invalid",
    ] {
        assert_eq!(warnings.get(kind), Some(&1), "{kind} in {warnings:?}");
    }
}

#[test]
fn legacy_codes_distinct_and_stable() {
    let records = vec![
        legacy_record("a1", "Thủ tục A"),
        legacy_record("a1", "Thủ tục A"),
        legacy_record("b2", "Thủ tục B"),
    ];
    let text = serde_json::to_string(&records).unwrap();
    let first = import_str(&text, "legacy").unwrap();
    let second = import_str(&text, "legacy").unwrap();
    let codes: Vec<&str> = first
        .procedures
        .iter()
        .map(|procedure| procedure.code.as_str())
        .collect();
    assert_eq!(codes.len(), 3);
    assert_ne!(codes[0], codes[1]);
    assert_ne!(codes[1], codes[2]);
    assert_eq!(
        codes,
        second
            .procedures
            .iter()
            .map(|procedure| procedure.code.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn truncated_array_keeps_complete_records() {
    let text = serde_json::to_string(&vec![
        legacy_record("a1", "Thủ tục A"),
        legacy_record("b2", "Thủ tục B"),
    ])
    .unwrap();
    let cut = &text[..text.len() - 40];
    let import = import_str(cut, "cut").unwrap();
    assert_eq!(import.report.imported, 1);
    assert_eq!(import.report.rejected, 1);

    let import = import_str(
        "[{\"title\": \"X\", \"Thành phần hồ sơ\": []} {]",
        "no comma",
    )
    .unwrap();
    assert_eq!(import.report.imported, 1);
    assert_eq!(import.report.rejected, 1);
    assert_eq!(import_str("[]", "empty").unwrap().report.records_read, 0);
    assert_eq!(import_str("[", "open").unwrap().report.rejected, 1);
}

#[test]
fn legacy_without_title_rejected() {
    let mut value = legacy_record("c3", "");
    set(&mut value, "title", json!(""));
    let text = serde_json::to_string(&vec![value]).unwrap();
    let import = import_str(&text, "legacy").unwrap();
    assert_eq!(import.report.rejections.get("missing_name"), Some(&1));
}
