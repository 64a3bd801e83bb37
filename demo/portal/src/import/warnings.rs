//! Warnings the importer raises about a record, and the reasons it rejects one.

use std::fmt;

/// Kind of a data-quality problem the importer noticed and worked around.
///
/// The report counts warnings per kind, by [`WarningKind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// `ma_thu_tuc` disagrees with the "Mã thủ tục" inside the record's own page text.
    CodeMismatch,
    /// `ma_thu_tuc` is missing or malformed; the page text supplied the code.
    MalformedCode,
    /// `ten_thu_tuc` is empty; the page text supplied the name.
    MissingName,
    /// A legacy record without a code was given a `0.` code.
    LegacyCodeAssigned,
    /// A section field did not match its section in the page text, which was used instead.
    SectionRealigned,
    /// Text was not in NFC and was normalised.
    TextNotNfc,
    /// HTML tags or entities were removed from text.
    HtmlStripped,
    /// A field had a JSON type other than string.
    WrongFieldType,
    /// A level (cấp thực hiện) name was not recognised.
    UnknownLevel,
    /// The record names no level; levels were guessed from the agency name.
    LevelInferred,
    /// The official page address is not an `http:` or `https:` URL.
    InvalidUrl,
    /// Part of the channel table could not be split into channels.
    ChannelUnparsed,
    /// A processing time has no number the importer could read.
    ProcessingTimeUnparsed,
    /// A processing time is a bare number; its unit is unknown.
    ProcessingTimeUnitMissing,
    /// A bare-number processing time got its unit from the channel's own text.
    ProcessingTimeUnitInferred,
    /// A fee's wording names no single amount in đồng (range, percentage, words).
    FeeUnclear,
    /// A fee is in a foreign currency.
    FeeForeignCurrency,
    /// The table's amount was in thousands; the amount was taken from the fee's note.
    FeeAmountFromNote,
    /// A fee cell could not be read at all.
    FeeUnparsed,
    /// The dossier component text has no table; it was kept as one component.
    ComponentsUnstructured,
    /// A dossier component has no count of originals and copies.
    ComponentCountMissing,
    /// A form link was empty or not an `http:`/`https:` URL and was dropped.
    FormUrlInvalid,
    /// The legal basis text has no table; it was kept as one entry.
    LegalBasisUnparsed,
}

impl WarningKind {
    /// Returns the report name, for example `code_mismatch`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::CodeMismatch => "code_mismatch",
            WarningKind::MalformedCode => "malformed_code",
            WarningKind::MissingName => "missing_name",
            WarningKind::LegacyCodeAssigned => "legacy_code_assigned",
            WarningKind::SectionRealigned => "section_realigned",
            WarningKind::TextNotNfc => "text_not_nfc",
            WarningKind::HtmlStripped => "html_stripped",
            WarningKind::WrongFieldType => "wrong_field_type",
            WarningKind::UnknownLevel => "unknown_level",
            WarningKind::LevelInferred => "level_inferred",
            WarningKind::InvalidUrl => "invalid_url",
            WarningKind::ChannelUnparsed => "channel_unparsed",
            WarningKind::ProcessingTimeUnparsed => "processing_time_unparsed",
            WarningKind::ProcessingTimeUnitMissing => "processing_time_unit_missing",
            WarningKind::ProcessingTimeUnitInferred => "processing_time_unit_inferred",
            WarningKind::FeeUnclear => "fee_unclear",
            WarningKind::FeeForeignCurrency => "fee_foreign_currency",
            WarningKind::FeeAmountFromNote => "fee_amount_from_note",
            WarningKind::FeeUnparsed => "fee_unparsed",
            WarningKind::ComponentsUnstructured => "components_unstructured",
            WarningKind::ComponentCountMissing => "component_count_missing",
            WarningKind::FormUrlInvalid => "form_url_invalid",
            WarningKind::LegalBasisUnparsed => "legal_basis_unparsed",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem noticed in one record; the record is still imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// Short context for a person reading logs, for example the two codes.
    pub detail: String,
}

impl Warning {
    pub fn new(kind: WarningKind, detail: impl Into<String>) -> Warning {
        Warning {
            kind,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.detail)
    }
}

/// Reason a record could not become a procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// The line or array element is not valid JSON.
    InvalidJson(String),
    /// The JSON value is not an object.
    NotAnObject,
    /// The object has neither the national nor the legacy keys.
    UnknownShape,
    /// Neither `ma_thu_tuc` nor the page text has a procedure code.
    MissingCode,
    /// The only code found does not have the national shape.
    MalformedCode(String),
    /// Neither `ten_thu_tuc` (or `title`) nor the page text has a name.
    MissingName,
    /// An earlier record already has this code.
    DuplicateCode(String),
}

impl RecordError {
    /// Returns the report name, for example `invalid_json`.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordError::InvalidJson(_) => "invalid_json",
            RecordError::NotAnObject => "not_an_object",
            RecordError::UnknownShape => "unknown_shape",
            RecordError::MissingCode => "missing_code",
            RecordError::MalformedCode(_) => "malformed_code",
            RecordError::MissingName => "missing_name",
            RecordError::DuplicateCode(_) => "duplicate_code",
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::InvalidJson(error) => write!(f, "invalid JSON: {error}"),
            RecordError::NotAnObject => f.write_str("the record is not a JSON object"),
            RecordError::UnknownShape => {
                f.write_str("the record has neither national (ma_thu_tuc) nor legacy (title) keys")
            }
            RecordError::MissingCode => f.write_str("the record has no procedure code"),
            RecordError::MalformedCode(code) => {
                write!(f, "procedure code {code:?} is not of the form 1.001193")
            }
            RecordError::MissingName => f.write_str("the record has no procedure name"),
            RecordError::DuplicateCode(code) => {
                write!(
                    f,
                    "procedure code {code} was already imported from an earlier record"
                )
            }
        }
    }
}

impl std::error::Error for RecordError {}
