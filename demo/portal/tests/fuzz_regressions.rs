//! Inputs that broke an invariant of a fuzz target (see `fuzz/`), each kept
//! as a test of the behaviour the fix guarantees.

use dvc_demo_portal::import::{parse_national_record, WarningKind};
use unicode_normalization::is_nfc;

fn record_named(name: &str) -> String {
    serde_json::json!({ "ma_thu_tuc": "1.000894", "ten_thu_tuc": name }).to_string()
}

#[test]
fn tag_between_letter_and_mark_composed() {
    let (procedure, warnings) =
        parse_national_record(&record_named("Cấp the<b></b>\u{301} xe")).unwrap();

    assert_eq!(procedure.name, "Cấp th\u{E9} xe");
    assert!(is_nfc(&procedure.name));
    assert!(warnings
        .iter()
        .any(|warning| warning.kind == WarningKind::HtmlStripped));
}

#[test]
fn invisible_between_letter_and_mark_composed() {
    for invisible in ['\u{200B}', '\u{00AD}', '\u{0001}'] {
        let name = format!("Cấp the{invisible}\u{301} xe");

        let (procedure, _) = parse_national_record(&record_named(&name)).unwrap();

        assert_eq!(
            procedure.name, "Cấp th\u{E9} xe",
            "U+{:04X}",
            invisible as u32
        );
    }
}

#[test]
fn entity_mark_after_letter_composed() {
    let (procedure, _) = parse_national_record(&record_named("Cấp the&#769; xe")).unwrap();

    assert_eq!(procedure.name, "Cấp th\u{E9} xe");
}
