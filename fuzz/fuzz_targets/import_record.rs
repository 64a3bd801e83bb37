//! The importer's parser of one national JSON Lines record: any text ends as
//! a procedure with warnings or as a record error, never as a panic.

#![no_main]

use dvc_demo_portal::import::parse_national_record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Ok((procedure, warnings)) = parse_national_record(line) {
        assert!(!procedure.code.is_empty(), "procedure without a code");
        assert!(!procedure.name.is_empty(), "procedure without a name");
        for warning in &warnings {
            assert!(!warning.kind.as_str().is_empty());
        }
    }
});
