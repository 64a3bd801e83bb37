//! Catalogue import from raw bytes: gzip detection, the UTF-8 byte order
//! mark, JSON Lines and the legacy JSON array. Any bytes end as an import or
//! an error, the report's counts agree with the procedures returned, and each
//! procedure keeps the model's promises (code, one-line name, NFC).

#![no_main]

use dvc_demo_portal::import::import_bytes;
use dvc_fuzz::assert_imported_procedure;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(import) = import_bytes(bytes, "fuzz input") else {
        return;
    };
    let report = &import.report;
    assert_eq!(report.records_read, report.imported + report.rejected);
    assert_eq!(report.imported, import.procedures.len());
    assert_eq!(report.rejected, report.rejections.values().sum::<usize>());

    let mut codes: Vec<&str> = import.procedures.iter().map(|p| p.code.as_str()).collect();
    codes.sort_unstable();
    let before = codes.len();
    codes.dedup();
    assert_eq!(before, codes.len(), "duplicate procedure codes imported");

    for procedure in &import.procedures {
        assert_imported_procedure(procedure);
    }
});
