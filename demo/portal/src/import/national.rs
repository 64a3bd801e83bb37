//! National portal records: one JSON object per procedure page.

use dvc_core::model::{is_valid_procedure_code, Agencies, Procedure};
use serde_json::{Map, Value};

use super::cleanup::{clean_block, clean_inline, is_none_marker, CleanupFlags};
use super::sections::{PageSections, Section, PAGE_FOOTER};
use super::warnings::{RecordError, Warning, WarningKind};
use super::{channels, components, legal_basis, names, results, steps};

/// Keys that only national records have.
const NATIONAL_KEYS: [&str; 3] = ["ma_thu_tuc", "ten_thu_tuc", "raw_text"];

pub fn looks_national(object: &Map<String, Value>) -> bool {
    NATIONAL_KEYS.iter().any(|key| object.contains_key(*key))
}

/// Reads a record's string fields, cleans them and remembers what it fixed.
pub(super) struct FieldReader<'a> {
    object: &'a Map<String, Value>,
    pub flags: CleanupFlags,
    pub warnings: Vec<Warning>,
}

impl<'a> FieldReader<'a> {
    pub fn new(object: &'a Map<String, Value>) -> FieldReader<'a> {
        FieldReader {
            object,
            flags: CleanupFlags::default(),
            warnings: Vec::new(),
        }
    }

    /// Returns the raw string of `key`. A number or boolean is accepted as
    /// text and an array of strings is joined by lines, both with a warning.
    pub fn raw(&mut self, key: &str) -> String {
        match self.object.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => {
                self.wrong_type(key, "a number");
                number.to_string()
            }
            Some(Value::Bool(flag)) => {
                self.wrong_type(key, "a boolean");
                flag.to_string()
            }
            Some(Value::Array(items)) => {
                self.wrong_type(key, "an array");
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Some(Value::Object(_)) => {
                self.wrong_type(key, "an object");
                String::new()
            }
        }
    }

    /// Returns the one-line cleaned text of `key`.
    pub fn inline(&mut self, key: &str) -> String {
        let raw = self.raw(key);
        self.clean_inline(&raw)
    }

    /// Returns the cleaned text of `key`, line breaks kept.
    pub fn block(&mut self, key: &str) -> String {
        let raw = self.raw(key);
        self.clean_block(&raw)
    }

    pub fn clean_inline(&mut self, raw: &str) -> String {
        let (text, flags) = clean_inline(raw);
        self.flags.merge(flags);
        text
    }

    pub fn clean_block(&mut self, raw: &str) -> String {
        let (text, flags) = clean_block(raw);
        self.flags.merge(flags);
        text
    }

    pub fn warn(&mut self, kind: WarningKind, detail: impl Into<String>) {
        self.warnings.push(Warning::new(kind, detail));
    }

    fn wrong_type(&mut self, key: &str, found: &str) {
        self.warn(
            WarningKind::WrongFieldType,
            format!("field {key} is {found}, expected a string"),
        );
    }

    /// Turns the cleanup flags into one warning each, so a record counts once
    /// per kind however many of its fields needed the fix.
    pub fn finish(mut self) -> Vec<Warning> {
        if self.flags.not_nfc {
            self.warn(WarningKind::TextNotNfc, "text normalised to NFC");
        }
        if self.flags.had_html {
            self.warn(WarningKind::HtmlStripped, "HTML tags or entities removed");
        }
        self.warnings
    }
}

/// The record's fields next to the page sections that should hold the same text.
const SECTION_FIELDS: [(Section, &str); 16] = [
    (Section::DecisionNumber, "so_quyet_dinh"),
    (Section::Levels, "cap_thuc_hien"),
    (Section::ProcedureType, "loai_thu_tuc"),
    (Section::Field, "linh_vuc"),
    (Section::ApplicantTypes, "doi_tuong_thuc_hien"),
    (Section::CompetentAgencies, "co_quan_co_tham_quyen"),
    (Section::ReceivingAddress, "dia_chi_tiep_nhan"),
    (Section::AuthorisedAgencies, "co_quan_duoc_uy_quyen"),
    (Section::CoordinatingAgencies, "co_quan_phoi_hop"),
    (Section::RelatedProcedures, "thu_tuc_lien_quan"),
    (Section::Steps, "trinh_tu_thuc_hien"),
    (Section::Channels, "cach_thuc_thuc_hien"),
    (Section::Components, "thanh_phan_ho_so"),
    (Section::LegalBasis, "can_cu_phap_ly"),
    (Section::ExecutingAgencies, "co_quan_thuc_hien"),
    (Section::Conditions, "yeu_cau_dieu_kien"),
];

/// Field text of every section, each chosen between the record's field and
/// the page text.
struct SectionTexts {
    texts: Vec<(Section, String)>,
}

impl SectionTexts {
    fn get(&self, section: Section) -> &str {
        self.texts
            .iter()
            .find(|(found, _)| *found == section)
            .map_or("", |(_, text)| text.as_str())
    }
}

/// Parses a national record into a procedure.
pub fn parse(object: &Map<String, Value>) -> Result<(Procedure, Vec<Warning>), RecordError> {
    let mut reader = FieldReader::new(object);

    let raw_page = reader.raw("raw_text");
    let page = reader.clean_block(&raw_page);
    let sections = PageSections::split(&page);

    let code = choose_code(&mut reader, &sections)?;
    let name = choose_name(&mut reader, &sections)?;
    let texts = choose_section_texts(&mut reader, &sections);

    let mut procedure = Procedure {
        code,
        name,
        ..Procedure::default()
    };

    let (levels, unknown) = names::parse_levels(texts.get(Section::Levels));
    procedure.levels = levels;
    for level in unknown {
        reader.warn(
            WarningKind::UnknownLevel,
            format!("unknown level {level:?}"),
        );
    }

    procedure.fields = names::split_lines(texts.get(Section::Field));
    procedure.applicant_types = names::split_names(texts.get(Section::ApplicantTypes));
    procedure.agencies = Agencies {
        competent: names::split_names(texts.get(Section::CompetentAgencies)),
        executing: names::split_names(texts.get(Section::ExecutingAgencies)),
        authorised: names::split_names(texts.get(Section::AuthorisedAgencies)),
        coordinating: names::split_names(texts.get(Section::CoordinatingAgencies)),
    };
    procedure.receiving_address = optional_text(texts.get(Section::ReceivingAddress));
    procedure.decision_number = optional_text(texts.get(Section::DecisionNumber));
    procedure.procedure_type = optional_text(texts.get(Section::ProcedureType));
    procedure.related_procedures = names::split_lines(texts.get(Section::RelatedProcedures));

    procedure.channels = channels::parse_table(texts.get(Section::Channels), &mut reader.warnings);
    procedure.dossier_cases =
        components::parse_table(texts.get(Section::Components), &mut reader.warnings);
    procedure.steps = steps::parse(texts.get(Section::Steps));
    procedure.conditions = names::split_paragraphs(texts.get(Section::Conditions));
    procedure.legal_basis =
        legal_basis::parse_table(texts.get(Section::LegalBasis), &mut reader.warnings);

    let results_text = results_text(&mut reader, &sections);
    procedure.results = results::parse(&results_text);

    let url = reader.inline("detail_url");
    procedure.official_url = checked_url(&url, &mut reader.warnings);

    Ok((procedure, reader.finish()))
}

/// Picks the record's code, comparing `ma_thu_tuc` with the page's own
/// "Mã thủ tục".
///
/// When both are well-formed and differ, the crawler saved another
/// procedure's page under this record's code. Every other field of the record
/// (name, tables, agencies) then describes the page's procedure, so the
/// page's code is the one that matches the content. It is used when the
/// record's name equals the page's name (the content is consistent); the
/// record is kept and flagged `code_mismatch`. If the names differ too, the
/// record is inconsistent in itself and keeps `ma_thu_tuc`, still flagged.
fn choose_code(
    reader: &mut FieldReader<'_>,
    sections: &PageSections<'_>,
) -> Result<String, RecordError> {
    let field = reader.inline("ma_thu_tuc");
    let page_code = sections.get(Section::Code).map(str::trim).unwrap_or("");
    let field_ok = is_valid_procedure_code(&field);
    let page_ok = is_valid_procedure_code(page_code);

    match (field_ok, page_ok) {
        (true, true) if field != page_code => {
            let field_name = reader.inline("ten_thu_tuc");
            let page_name = sections
                .get(Section::Name)
                .map(|name| clean_inline(name).0)
                .unwrap_or_default();
            if !field_name.is_empty() && field_name == page_name {
                reader.warn(
                    WarningKind::CodeMismatch,
                    format!(
                        "listed as {field} but its page is {page_code}; imported as {page_code}"
                    ),
                );
                Ok(page_code.to_owned())
            } else {
                reader.warn(
                    WarningKind::CodeMismatch,
                    format!("listed as {field} but its page shows {page_code}; kept {field}"),
                );
                Ok(field)
            }
        }
        (true, _) => Ok(field),
        (false, true) => {
            let described = if field.is_empty() {
                "missing".to_owned()
            } else {
                format!("{field:?}")
            };
            reader.warn(
                WarningKind::MalformedCode,
                format!("ma_thu_tuc is {described}; used {page_code} from the page"),
            );
            Ok(page_code.to_owned())
        }
        (false, false) if field.is_empty() && page_code.is_empty() => Err(RecordError::MissingCode),
        (false, false) => Err(RecordError::MalformedCode(if field.is_empty() {
            truncate(page_code, 40)
        } else {
            truncate(&field, 40)
        })),
    }
}

fn choose_name(
    reader: &mut FieldReader<'_>,
    sections: &PageSections<'_>,
) -> Result<String, RecordError> {
    let field = reader.inline("ten_thu_tuc");
    if !field.is_empty() {
        return Ok(field);
    }
    let page_name = sections
        .get(Section::Name)
        .map(|name| reader.clean_inline(name))
        .unwrap_or_default();
    if page_name.is_empty() {
        return Err(RecordError::MissingName);
    }
    reader.warn(
        WarningKind::MissingName,
        "ten_thu_tuc is empty; used the page's name",
    );
    Ok(page_name)
}

/// Chooses, per section, between the record's field and the page text.
///
/// The page section wins when the two differ, because the page was split
/// heading by heading in order (see [`super::sections`]). The field wins when
/// the page lacks the heading, or when the page section is only a prefix of
/// the field (a page text cut short).
fn choose_section_texts(reader: &mut FieldReader<'_>, sections: &PageSections<'_>) -> SectionTexts {
    let mut texts = Vec::with_capacity(SECTION_FIELDS.len());
    let mut realigned = Vec::new();

    for (section, key) in SECTION_FIELDS {
        let field = reader.block(key);
        let chosen = match sections.get(section) {
            Some(page_text)
                if page_text.trim() != field.trim() && !field.starts_with(page_text.trim()) =>
            {
                realigned.push(key);
                page_text.trim().to_owned()
            }
            _ => field,
        };
        texts.push((section, chosen));
    }

    if !realigned.is_empty() {
        reader.warn(
            WarningKind::SectionRealigned,
            format!("fields {} taken from the page text", realigned.join(", ")),
        );
    }
    SectionTexts { texts }
}

/// Returns the results section without the page's interface text that follows it.
fn results_text(reader: &mut FieldReader<'_>, sections: &PageSections<'_>) -> String {
    let field = reader.block("ket_qua_xu_ly");
    let field = strip_footer(&field);
    match sections.get(Section::Results) {
        Some(page_text)
            if !page_text.is_empty() && page_text != field && !field.starts_with(page_text) =>
        {
            reader.warn(
                WarningKind::SectionRealigned,
                "field ket_qua_xu_ly taken from the page text",
            );
            page_text.to_owned()
        }
        _ => field.to_owned(),
    }
}

fn strip_footer(text: &str) -> &str {
    let end = text.find(PAGE_FOOTER).unwrap_or(text.len());
    text[..end].trim()
}

/// Returns the text, or `None` for empty text and "no information" markers.
pub(super) fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!is_none_marker(text)).then(|| text.to_owned())
}

/// Keeps only absolute `http:` and `https:` addresses without spaces.
pub(super) fn checked_url(url: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if is_http_url(url) {
        return Some(url.to_owned());
    }
    warnings.push(Warning::new(
        WarningKind::InvalidUrl,
        format!("dropped official page address {:?}", truncate(url, 80)),
    ));
    None
}

/// Returns true for `http://host…` or `https://host…` with no whitespace or controls.
pub(super) fn is_http_url(url: &str) -> bool {
    let bytes = url.as_bytes();
    let scheme_length = if bytes.len() > 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
        8
    } else if bytes.len() > 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
        7
    } else {
        return false;
    };
    // The scheme matched ASCII bytes, so the host starts on a char boundary.
    let host = &url[scheme_length..];
    !host.starts_with('/') && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Returns at most `max` characters of `text`, for messages.
pub(super) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
