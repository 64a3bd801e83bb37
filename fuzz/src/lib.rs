//! Checks shared by the fuzz targets in `fuzz_targets/`.

use dvc_core::model::Procedure;
use serde_json::Value;
use unicode_normalization::is_nfc;

/// Panics unless an imported procedure keeps the model's promises: a code
/// and a one-line, trimmed name, and every text in NFC.
pub fn assert_imported_procedure(procedure: &Procedure) {
    assert!(!procedure.code.is_empty(), "procedure without a code");
    assert!(!procedure.name.is_empty(), "procedure without a name");
    assert_eq!(procedure.name.trim(), procedure.name, "name not trimmed");
    assert!(!procedure.name.contains('\n'), "line break in the name");

    let value = serde_json::to_value(procedure).unwrap_or_else(|error| panic!("{error}"));
    assert_texts_nfc(&value);
}

fn assert_texts_nfc(value: &Value) {
    match value {
        Value::String(text) => assert!(is_nfc(text), "text not in NFC: {text:?}"),
        Value::Array(items) => items.iter().for_each(assert_texts_nfc),
        Value::Object(fields) => fields.values().for_each(assert_texts_nfc),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}
