//! The built-in sample catalogue goes through the same importer as real data.

use dvc_core::model::{is_valid_procedure_code, ChannelKind, Level, TimeUnit};
use dvc_demo_portal::import::{import_builtin_sample, BUILTIN_SAMPLE_SOURCE};

#[test]
fn sample_imports_without_rejections() {
    let import = import_builtin_sample();
    let report = &import.report;
    println!("{report}");

    assert_eq!(report.source, BUILTIN_SAMPLE_SOURCE);
    assert_eq!(report.rejected, 0, "rejections: {:?}", report.rejections);
    assert!(
        (28..=40).contains(&report.imported),
        "{} procedures",
        report.imported
    );
    assert_eq!(import.procedures.len(), report.imported);
    for procedure in &import.procedures {
        assert!(
            is_valid_procedure_code(&procedure.code),
            "{}",
            procedure.code
        );
        assert!(!procedure.name.is_empty());
        assert!(
            !procedure.channels.is_empty(),
            "{} has no channel",
            procedure.code
        );
        assert!(
            !procedure.steps.is_empty(),
            "{} has no step",
            procedure.code
        );
    }
}

#[test]
fn sample_shows_the_messy_cases() {
    let report = import_builtin_sample().report;
    for kind in [
        "code_mismatch",
        "text_not_nfc",
        "html_stripped",
        "section_realigned",
        "processing_time_unit_missing",
        "processing_time_unit_inferred",
        "fee_unclear",
        "fee_foreign_currency",
        "fee_amount_from_note",
        "invalid_url",
    ] {
        assert!(
            report.warnings.contains_key(kind),
            "no {kind} warning in {report}"
        );
    }
}

#[test]
fn sample_birth_registration_is_structured() {
    let import = import_builtin_sample();
    let procedure = import
        .procedures
        .iter()
        .find(|procedure| procedure.code == "1.001193")
        .expect("1.001193 in the sample");

    assert_eq!(procedure.name, "Thủ tục đăng ký khai sinh");
    assert_eq!(procedure.levels, vec![Level::Commune]);
    let kinds: Vec<ChannelKind> = procedure
        .channels
        .iter()
        .map(|channel| channel.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            ChannelKind::InPerson,
            ChannelKind::Online,
            ChannelKind::Postal
        ]
    );
    let time = procedure.channels[0]
        .processing_time
        .as_ref()
        .expect("time");
    assert_eq!((time.value, time.unit), (1.0, TimeUnit::WorkingDay));
    assert_eq!(procedure.channels[0].fees[0].amount_vnd, Some(0));

    let cases: Vec<Option<&str>> = procedure
        .dossier_cases
        .iter()
        .map(|case| case.name.as_deref())
        .collect();
    assert_eq!(
        cases,
        vec![Some("Giấy tờ phải nộp"), Some("Giấy tờ phải xuất trình")]
    );
    let form = &procedure.dossier_cases[0].components[0].forms[0];
    assert_eq!(
        form.url.as_deref(),
        Some("https://example.gov.vn/bieu-mau/to-khai-dang-ky-khai-sinh.docx")
    );
    assert_eq!(
        procedure.legal_basis[0].number.as_deref(),
        Some("60/2014/QH13")
    );
    assert_eq!(procedure.steps.len(), 4);
    assert_eq!(procedure.results[0].code.as_deref(), Some("KQ.G15.000031"));
}

#[test]
fn sample_covers_common_requests() {
    let import = import_builtin_sample();
    let names: Vec<String> = import
        .procedures
        .iter()
        .map(|procedure| dvc_core::text::fold(&procedure.name))
        .collect();
    for expected in [
        "khai sinh",
        "ket hon",
        "khai tu",
        "thuong tru",
        "tam tru",
        "the can cuoc",
        "giay phep lai xe",
        "bao hiem y te",
        "quyen su dung dat",
        "ho kinh doanh",
        "gia tri gia tang",
        "ly lich tu phap",
        "chung thuc ban sao",
        "ho chieu",
    ] {
        assert!(
            names.iter().any(|name| name.contains(expected)),
            "no sample procedure about {expected}"
        );
    }
    let levels: Vec<Level> = import
        .procedures
        .iter()
        .flat_map(|procedure| procedure.levels.clone())
        .collect();
    for level in Level::ALL {
        assert!(
            levels.contains(&level),
            "no sample procedure at level {level:?}"
        );
    }
}
