//! Inputs that once crashed a fuzz target (see `fuzz/`), each kept as a test
//! of the behaviour the fix guarantees.

use dvc_core::date::LocalDateTime;
use dvc_core::model::DossierStatus;

#[test]
fn rfc3339_with_multibyte_second_rejected() {
    // The second's last digit is U+01E5, whose two bytes straddle the
    // fixed offset where the time zone starts.
    assert_eq!(
        LocalDateTime::parse_rfc3339("2026-04-01T23:15:0\u{1E5}"),
        None
    );
    assert_eq!(
        LocalDateTime::parse_rfc3339("2026-04-01T23:15:0\u{1E5}+07:00"),
        None
    );
    assert_eq!(
        LocalDateTime::parse_rfc3339("2026-04-01T23:\u{E9}:00+07:00"),
        None
    );
}

#[test]
fn dossier_status_with_multibyte_time_rejected() {
    let body = r#"{"code":"A","procedure":{"code":"1.001193","name":"X"},"status":1,
        "received_at":"2026-04-01T23:15:0ǥ","due_date":null,"finished_at":null,
        "processing_unit":"","applicant_masked":"","channel":"online","steps":[],
        "supplement_requests":[],"fees_due":[]}"#;

    let error = serde_json::from_str::<DossierStatus>(body).unwrap_err();

    assert!(error.to_string().contains("invalid time"), "{error}");
}
