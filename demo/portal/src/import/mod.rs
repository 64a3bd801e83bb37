//! Importer: turns the national portal's raw procedure records into the model.
//!
//! Two sources are understood, detected by content and never by file name:
//! - JSON Lines of national records (`ma_thu_tuc`, `ten_thu_tuc`, flattened
//!   tables, `raw_text`), gzip-compressed or plain, one object a line;
//! - the 2021 legacy export, a JSON array of objects with Vietnamese keys
//!   (`title`, `Cách thức thực hiện`, …) and no procedure codes.
//!
//! A record that cannot become a procedure is rejected and counted. Anything
//! else the importer had to repair is a [`Warning`] and never stops the import.
//! Nothing here panics on any input: malformed JSON, wrong types, truncated
//! files and odd Unicode all end as rejections or warnings.

mod channels;
mod cleanup;
mod components;
mod fees;
mod legacy;
mod legal_basis;
mod names;
mod national;
mod results;
mod sections;
mod steps;
mod warnings;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;

use dvc_core::model::Procedure;
use regex::Regex;

pub use warnings::{RecordError, Warning, WarningKind};

/// A catalogue read from one source, with what the importer noticed.
#[derive(Debug, Default)]
pub struct Import {
    pub procedures: Vec<Procedure>,
    pub report: ImportReport,
}

/// Counts of what the importer read, kept and flagged.
///
/// `records_read == imported + rejected` always holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Where the records came from (a path, or "built-in sample").
    pub source: String,
    pub records_read: usize,
    pub imported: usize,
    /// Records that could not be turned into a procedure at all.
    pub rejected: usize,
    /// Number of rejected records per reason, for example `duplicate_code`.
    pub rejections: BTreeMap<String, usize>,
    /// Number of warnings per kind, for example `code_mismatch`, over every
    /// record that parsed (duplicates rejected afterwards included).
    pub warnings: BTreeMap<String, usize>,
}

impl ImportReport {
    /// Total number of warnings of every kind.
    pub fn warning_count(&self) -> usize {
        self.warnings.values().sum()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} records read, {} imported, {} rejected",
            self.source, self.records_read, self.imported, self.rejected
        )?;
        write_counts(f, &self.rejections)?;
        write!(f, "; {} warnings", self.warning_count())?;
        write_counts(f, &self.warnings)
    }
}

fn write_counts(f: &mut fmt::Formatter<'_>, counts: &BTreeMap<String, usize>) -> fmt::Result {
    if counts.is_empty() {
        return Ok(());
    }
    f.write_str(" (")?;
    for (index, (kind, count)) in counts.iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{kind}: {count}")?;
    }
    f.write_str(")")
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

impl From<std::io::Error> for ImportError {
    fn from(error: std::io::Error) -> ImportError {
        ImportError::Io(error)
    }
}

/// Imports a catalogue file: JSON Lines (gzip or not) or the 2021 legacy JSON array.
pub fn import_file(path: &Path) -> Result<Import, ImportError> {
    let bytes = std::fs::read(path)?;
    import_bytes(&bytes, &path.display().to_string())
}

/// Imports a catalogue from a reader; `source` names it in the report.
pub fn import_reader(mut reader: impl Read, source: &str) -> Result<Import, ImportError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    import_bytes(&bytes, source)
}

/// Imports a catalogue held in a string (JSON Lines or the legacy array).
pub fn import_str(text: &str, source: &str) -> Result<Import, ImportError> {
    import_bytes(text.as_bytes(), source)
}

/// The built-in sample catalogue, written for the demo in the national raw format.
const BUILTIN_SAMPLE: &str = include_str!("../../data/sample-procedures.jsonl");

/// Name of the built-in sample in reports.
pub const BUILTIN_SAMPLE_SOURCE: &str = "built-in sample";

/// Imports the built-in sample catalogue.
pub fn import_builtin_sample() -> Import {
    // The sample is plain JSON Lines, so only a broken edit of the file could
    // fail here. The sample's own test catches that before it ships.
    import_str(BUILTIN_SAMPLE, BUILTIN_SAMPLE_SOURCE).unwrap_or_else(|_| Import {
        procedures: Vec::new(),
        report: ImportReport {
            source: BUILTIN_SAMPLE_SOURCE.to_owned(),
            ..ImportReport::default()
        },
    })
}

/// Parses one JSON Lines record of the national portal.
///
/// Returns the procedure with the warnings raised while reading it, or why it
/// cannot be a procedure. Checks that need other records (duplicate codes) are
/// left to the catalogue import.
pub fn parse_national_record(line: &str) -> Result<(Procedure, Vec<Warning>), RecordError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|error| RecordError::InvalidJson(error.to_string()))?;
    let object = value.as_object().ok_or(RecordError::NotAnObject)?;
    national::parse(object)
}

/// Largest decompressed catalogue accepted; the national file is about 40 MB.
const MAX_DECOMPRESSED_BYTES: u64 = 1 << 30;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Imports a catalogue from bytes, detecting gzip by its magic bytes and the
/// format by the first non-blank character (`[` legacy array, `{` JSON Lines).
pub fn import_bytes(bytes: &[u8], source: &str) -> Result<Import, ImportError> {
    let decompressed;
    let mut content = bytes;
    if content.starts_with(&GZIP_MAGIC) {
        decompressed = gunzip(content)?;
        content = &decompressed;
    }
    content = content.strip_prefix(UTF8_BOM).unwrap_or(content);

    let mut catalogue = Catalogue::new(source);
    match content.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'[') => import_json_array(content, &mut catalogue),
        Some(b'{') => import_json_lines(content, &mut catalogue),
        Some(other) => {
            return Err(ImportError::UnknownFormat(format!(
                "expected JSON Lines (starting with '{{') or a JSON array (starting with '['), \
                 found byte 0x{other:02x} first"
            )))
        }
        None => return Err(ImportError::UnknownFormat("the file is empty".to_owned())),
    }
    Ok(catalogue.finish())
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    decoder
        .take(MAX_DECOMPRESSED_BYTES + 1)
        .read_to_end(&mut out)?;
    if out.len() as u64 > MAX_DECOMPRESSED_BYTES {
        return Err(ImportError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the gzip data expands to more than {MAX_DECOMPRESSED_BYTES} bytes"),
        )));
    }
    Ok(out)
}

fn import_json_lines(content: &[u8], catalogue: &mut Catalogue) {
    for line in content.split(|byte| *byte == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = serde_json::from_slice::<serde_json::Value>(line)
            .map_err(|error| RecordError::InvalidJson(error.to_string()))
            .and_then(|value| parse_any_record(&value));
        catalogue.add(record);
    }
}

/// Reads the elements of a JSON array one by one, so a truncated or broken
/// file still yields every complete record before the damage.
fn import_json_array(content: &[u8], catalogue: &mut Catalogue) {
    let Some(open) = content.iter().position(|byte| *byte == b'[') else {
        return;
    };
    let mut position = open + 1;

    loop {
        position += count_leading(&content[position..], |byte| byte.is_ascii_whitespace());
        match content.get(position) {
            None => {
                catalogue.add(Err(RecordError::InvalidJson(
                    "the JSON array ends before its closing ']'".to_owned(),
                )));
                return;
            }
            Some(b']') => return,
            Some(_) => {}
        }

        let mut stream = serde_json::Deserializer::from_slice(&content[position..])
            .into_iter::<serde_json::Value>();
        match stream.next() {
            Some(Ok(value)) => {
                position += stream.byte_offset();
                catalogue.add(parse_any_record(&value));
            }
            Some(Err(error)) => {
                // The rest of the array cannot be re-synchronised reliably.
                catalogue.add(Err(RecordError::InvalidJson(error.to_string())));
                return;
            }
            None => return,
        }

        position += count_leading(&content[position..], |byte| byte.is_ascii_whitespace());
        match content.get(position) {
            Some(b',') => position += 1,
            Some(b']') => return,
            _ => {
                catalogue.add(Err(RecordError::InvalidJson(
                    "expected ',' or ']' after an array element".to_owned(),
                )));
                return;
            }
        }
    }
}

fn count_leading(bytes: &[u8], predicate: impl Fn(&u8) -> bool) -> usize {
    bytes.iter().take_while(|byte| predicate(byte)).count()
}

/// A record parsed on its own, before the catalogue checks its code.
struct ParsedRecord {
    procedure: Procedure,
    warnings: Vec<Warning>,
    /// Legacy codes are derived from the name and may be moved on a collision.
    legacy: bool,
}

fn parse_any_record(value: &serde_json::Value) -> Result<ParsedRecord, RecordError> {
    let object = value.as_object().ok_or(RecordError::NotAnObject)?;
    if national::looks_national(object) {
        let (procedure, warnings) = national::parse(object)?;
        Ok(ParsedRecord {
            procedure,
            warnings,
            legacy: false,
        })
    } else if legacy::looks_legacy(object) {
        let (procedure, warnings) = legacy::parse(object)?;
        Ok(ParsedRecord {
            procedure,
            warnings,
            legacy: true,
        })
    } else {
        Err(RecordError::UnknownShape)
    }
}

/// Collects procedures in source order and keeps the report's counts.
struct Catalogue {
    procedures: Vec<Procedure>,
    report: ImportReport,
    codes: HashSet<String>,
}

impl Catalogue {
    fn new(source: &str) -> Catalogue {
        Catalogue {
            procedures: Vec::new(),
            report: ImportReport {
                source: source.to_owned(),
                ..ImportReport::default()
            },
            codes: HashSet::new(),
        }
    }

    fn add(&mut self, record: Result<ParsedRecord, RecordError>) {
        self.report.records_read += 1;

        let mut record = match record {
            Ok(record) => record,
            Err(error) => return self.reject(&error),
        };

        // Warnings count for every record that parsed, so a page saved under
        // the wrong code is reported even when its copy is rejected below.
        for warning in &record.warnings {
            *self
                .report
                .warnings
                .entry(warning.kind.as_str().to_owned())
                .or_insert(0) += 1;
        }

        if record.legacy {
            record.procedure.code = legacy::free_code(&record.procedure.code, &self.codes);
        }
        // The first record with a code wins: later ones are usually the same
        // page crawled twice, and two different procedures cannot share a code.
        if self.codes.contains(&record.procedure.code) {
            return self.reject(&RecordError::DuplicateCode(record.procedure.code));
        }

        self.codes.insert(record.procedure.code.clone());
        self.procedures.push(record.procedure);
        self.report.imported += 1;
    }

    fn reject(&mut self, error: &RecordError) {
        self.report.rejected += 1;
        *self
            .report
            .rejections
            .entry(error.kind().to_owned())
            .or_insert(0) += 1;
    }

    fn finish(self) -> Import {
        Import {
            procedures: self.procedures,
            report: self.report,
        }
    }
}

/// Compiles a pattern written in this module's source.
///
/// The patterns are constants, so a typo fails every importer test at once;
/// no input from outside ever reaches this function.
#[allow(clippy::expect_used)]
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("the importer's built-in patterns are valid regexes")
}

#[cfg(test)]
mod tests;
