//! Importer: turns the national portal's raw procedure records into the model.
//!
//! NOTE: interface only; the parsing lands with the importer work.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use dvc_core::model::Procedure;

/// A catalogue read from one source, with what the importer noticed.
#[derive(Debug, Default)]
pub struct Import {
    pub procedures: Vec<Procedure>,
    pub report: ImportReport,
}

/// Counts of what the importer read, kept and flagged.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Where the records came from (a path, or "built-in sample").
    pub source: String,
    pub records_read: usize,
    pub imported: usize,
    /// Records that could not be turned into a procedure at all.
    pub rejected: usize,
    /// Number of warnings per kind, for example `code_mismatch`.
    pub warnings: BTreeMap<String, usize>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} records read, {} imported, {} rejected",
            self.source, self.records_read, self.imported, self.rejected
        )?;
        for (kind, count) in &self.warnings {
            write!(f, ", {kind}: {count}")?;
        }
        Ok(())
    }
}

/// Error that stops an import as a whole (the file cannot be read at all).
#[derive(Debug)]
pub enum ImportError {
    Io(std::io::Error),
    /// The file is neither JSON Lines nor the legacy JSON array.
    UnknownFormat(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io(error) => write!(f, "cannot read the catalogue: {error}"),
            ImportError::UnknownFormat(detail) => write!(f, "unknown catalogue format: {detail}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports a catalogue file: JSON Lines (gzip or not) or the 2021 legacy JSON array.
pub fn import_file(path: &Path) -> Result<Import, ImportError> {
    let _ = path;
    Ok(Import::default())
}

/// Imports the built-in sample catalogue.
pub fn import_builtin_sample() -> Import {
    Import::default()
}
