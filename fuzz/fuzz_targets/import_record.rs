//! The importer's parser of one national JSON Lines record: any text ends as
//! a procedure with warnings or as a record error, never as a panic, and an
//! imported procedure keeps the model's promises (code, one-line name, NFC).

#![no_main]

use dvc_demo_portal::import::parse_national_record;
use dvc_fuzz::assert_imported_procedure;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Ok((procedure, _warnings)) = parse_national_record(line) {
        assert_imported_procedure(&procedure);
    }
});
