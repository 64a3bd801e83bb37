//! The importer over the full shared catalogues (national 2026 and legacy 2021).
//!
//! The data is not in the repository. Set `DVC_SHARED_DATA` to the shared
//! `data` directory; without it the tests look for `../shared/data` beside the
//! workspace and skip with a message when neither exists.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dvc_core::model::{ChannelKind, Procedure};
use dvc_demo_portal::import::{import_file, parse_national_record, Import};

const NATIONAL: &str = "tthc/procedures-national-2026.jsonl.gz";
const LEGACY: &str = "tthc/procedures-legacy-2021.json";

fn shared_data() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DVC_SHARED_DATA") {
        return Some(PathBuf::from(dir));
    }
    let beside_workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    beside_workspace.is_dir().then_some(beside_workspace)
}

/// Imports a shared file once per test binary, so the tests share the result.
fn import_shared(relative: &'static str) -> Option<&'static (PathBuf, Import)> {
    static NATIONAL_IMPORT: OnceLock<Option<(PathBuf, Import)>> = OnceLock::new();
    static LEGACY_IMPORT: OnceLock<Option<(PathBuf, Import)>> = OnceLock::new();
    let cell = if relative == NATIONAL {
        &NATIONAL_IMPORT
    } else {
        &LEGACY_IMPORT
    };
    cell.get_or_init(|| {
        let Some(dir) = shared_data() else {
            println!("skipped: set DVC_SHARED_DATA to the shared data directory to run the full-catalogue import tests");
            return None;
        };
        let path = dir.join(relative);
        let import = import_file(&path).unwrap_or_else(|error| panic!("importing {}: {error}", path.display()));
        println!("{}", import.report);
        Some((path, import))
    })
    .as_ref()
}

fn find<'a>(import: &'a Import, code: &str) -> &'a Procedure {
    import
        .procedures
        .iter()
        .find(|procedure| procedure.code == code)
        .unwrap_or_else(|| panic!("procedure {code} not imported"))
}

#[test]
fn national_file_imports_nearly_all() {
    let Some((_, import)) = import_shared(NATIONAL) else {
        return;
    };
    let report = &import.report;

    assert_eq!(report.records_read, 2117);
    assert_eq!(report.imported + report.rejected, report.records_read);
    assert_eq!(import.procedures.len(), report.imported);
    assert!(
        report.imported * 100 >= report.records_read * 99,
        "only {} of {} records imported",
        report.imported,
        report.records_read
    );
    assert_eq!(report.rejections.values().sum::<usize>(), report.rejected);
}

#[test]
fn national_warnings_all_counted() {
    let Some((path, import)) = import_shared(NATIONAL) else {
        return;
    };

    // Re-parse every line on its own and add up the warnings of every record
    // that parses: the report must count exactly those.
    let mut text = String::new();
    let file = std::fs::File::open(path).unwrap();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap();
    let mut kept_codes: Vec<&str> = import.procedures.iter().map(|p| p.code.as_str()).collect();
    let mut counted = std::collections::BTreeMap::<String, usize>::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let Ok((procedure, warnings)) = parse_national_record(line) else {
            continue;
        };
        for warning in warnings {
            *counted.entry(warning.kind.as_str().to_owned()).or_insert(0) += 1;
        }
        if let Some(position) = kept_codes.iter().position(|code| *code == procedure.code) {
            kept_codes.swap_remove(position);
        }
    }

    assert!(
        kept_codes.is_empty(),
        "procedures not re-parsed: {kept_codes:?}"
    );
    assert_eq!(counted, import.report.warnings);
    assert_eq!(
        import.report.warning_count(),
        import.report.warnings.values().sum::<usize>()
    );
}

#[test]
fn birth_registration_is_structured() {
    let Some((_, import)) = import_shared(NATIONAL) else {
        return;
    };
    let procedure = find(import, "1.001193");

    assert_eq!(procedure.name, "Thủ tục đăng ký khai sinh");
    let kinds: Vec<ChannelKind> = procedure
        .channels
        .iter()
        .map(|channel| channel.kind)
        .collect();
    assert_eq!(kinds.len(), 3, "channels: {:?}", procedure.channels);
    for kind in [
        ChannelKind::InPerson,
        ChannelKind::Online,
        ChannelKind::Postal,
    ] {
        assert!(kinds.contains(&kind), "missing channel {kind:?}");
    }
    for channel in &procedure.channels {
        let time = channel.processing_time.as_ref().expect("processing time");
        assert_eq!(time.value, 1.0);
        assert_eq!(channel.fees.first().and_then(|fee| fee.amount_vnd), Some(0));
    }

    let components: Vec<_> = procedure
        .dossier_cases
        .iter()
        .flat_map(|case| &case.components)
        .collect();
    assert!(components.len() >= 5, "components: {components:?}");
    assert!(components
        .iter()
        .any(|component| component.name.starts_with("Giấy chứng sinh")));
    assert!(procedure
        .dossier_cases
        .iter()
        .any(|case| case.name.as_deref() == Some("Giấy tờ phải nộp")));

    assert!(procedure
        .legal_basis
        .iter()
        .any(|document| document.number.as_deref() == Some("123/2015/NĐ-CP")));
    assert_eq!(
        procedure
            .results
            .first()
            .and_then(|result| result.code.as_deref()),
        Some("KQ.G15.000031")
    );
    assert_eq!(procedure.decision_number.as_deref(), Some("163/QĐ-BTP"));
    assert!(!procedure.steps.is_empty());
}

#[test]
fn mismatched_codes_flagged() {
    let Some((_, import)) = import_shared(NATIONAL) else {
        return;
    };
    assert!(
        import
            .report
            .warnings
            .get("code_mismatch")
            .copied()
            .unwrap_or(0)
            > 0
    );
    // The saved page of 1.014023 appears under several listed codes; it is
    // imported once, under its own code.
    let pages = import
        .procedures
        .iter()
        .filter(|p| p.code == "1.014023")
        .count();
    assert_eq!(pages, 1);
}

#[test]
fn legacy_file_imports_all() {
    let Some((_, import)) = import_shared(LEGACY) else {
        return;
    };
    let report = &import.report;

    assert_eq!(report.records_read, 87);
    assert_eq!(report.imported, 87);
    assert_eq!(report.rejected, 0);
    assert_eq!(report.warnings.get("legacy_code_assigned"), Some(&87));
    for procedure in &import.procedures {
        assert!(procedure.code.starts_with("0."), "{}", procedure.code);
        assert!(!procedure.name.is_empty());
    }
    let with_forms = import
        .procedures
        .iter()
        .flat_map(|procedure| &procedure.dossier_cases)
        .flat_map(|case| &case.components)
        .filter(|component| component.forms.iter().any(|form| form.url.is_some()))
        .count();
    assert!(with_forms > 0);
}
