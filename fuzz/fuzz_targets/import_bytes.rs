//! Catalogue import from raw bytes: gzip detection, the UTF-8 byte order
//! mark, JSON Lines and the legacy JSON array. Any bytes end as an import or
//! an error, and the report's counts agree with the procedures returned.

#![no_main]

use dvc_demo_portal::import::import_bytes;
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
});
