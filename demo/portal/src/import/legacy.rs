//! The 2021 legacy export: structured channels and forms, no procedure codes.
//!
//! Records have the keys `title`, `Trình tự thực hiện`, `Cách thức thực
//! hiện` (an array of {Hình thức nộp, Thời hạn giải quyết, Phí, lệ phí, Mô
//! tả}), `Thành phần hồ sơ` (an array of {Tên giấy tờ, Mẫu đơn, tờ khai, Số
//! lượng - bản chính}) and `Cơ quan thực hiện`.

use std::collections::HashSet;
use std::sync::LazyLock;

use dvc_core::model::{Agencies, Channel, DossierCase, DossierComponent, Fee, Form, Procedure};
use regex::Regex;
use serde_json::{Map, Value};

use super::channels::{kind_from_name, parse_time_text};
use super::cleanup::is_none_marker;
use super::components::parse_count_text;
use super::fees::{self, Amount};
use super::national::{is_http_url, truncate, FieldReader};
use super::warnings::{RecordError, Warning, WarningKind};
use super::{names, steps};

const TITLE: &str = "title";
const STEPS: &str = "Trình tự thực hiện";
const CHANNELS: &str = "Cách thức thực hiện";
const COMPONENTS: &str = "Thành phần hồ sơ";
const EXECUTING_AGENCY: &str = "Cơ quan thực hiện";

/// Prefix of every code the importer makes up for a legacy record.
///
/// National codes start with 1, 2 or 3, so a `0.` code never collides with
/// one, and a reader sees at once that it is not official.
pub const LEGACY_CODE_PREFIX: &str = "0.";

pub fn looks_legacy(object: &Map<String, Value>) -> bool {
    object.contains_key(TITLE) && (object.contains_key(CHANNELS) || object.contains_key(COMPONENTS))
}

/// Parses a legacy record. Its code is [`legacy_code`] of its identity; the
/// catalogue moves it with [`free_code`] when two records hash alike.
pub fn parse(object: &Map<String, Value>) -> Result<(Procedure, Vec<Warning>), RecordError> {
    let mut reader = FieldReader::new(object);

    let name = reader.inline(TITLE);
    if name.is_empty() {
        return Err(RecordError::MissingName);
    }

    let identity = object
        .get("_id")
        .and_then(|id| id.get("$oid").or(Some(id)))
        .and_then(Value::as_str)
        .map_or_else(|| name.clone(), str::to_owned);
    let code = legacy_code(&identity);
    reader.warn(
        WarningKind::LegacyCodeAssigned,
        format!("no national code; assigned {code}"),
    );

    let executing = names::split_names(&reader.inline(EXECUTING_AGENCY));
    let levels: Vec<_> = {
        let mut levels = Vec::new();
        for agency in &executing {
            for level in names::guess_levels_from_agency(agency) {
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
        }
        levels.sort();
        levels
    };
    if levels.is_empty() {
        reader.warn(
            WarningKind::UnknownLevel,
            "no level published and none could be guessed",
        );
    } else {
        reader.warn(
            WarningKind::LevelInferred,
            format!("levels guessed from the agency {:?}", executing.join(", ")),
        );
    }

    let steps_text = reader.block(STEPS);
    let channels = parse_channels(object.get(CHANNELS), &mut reader);
    let dossier_cases = parse_components(object.get(COMPONENTS), &mut reader);

    let procedure = Procedure {
        code,
        name,
        levels,
        agencies: Agencies {
            executing,
            ..Agencies::default()
        },
        channels,
        dossier_cases,
        steps: steps::parse(&steps_text),
        ..Procedure::default()
    };
    Ok((procedure, reader.finish()))
}

/// Returns a deterministic `0.NNNNNN` code from a record's identity (its
/// export id, else its name), by a 64-bit FNV-1a hash: the same record gets
/// the same code on every import, whatever the file order.
pub fn legacy_code(identity: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in identity.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{LEGACY_CODE_PREFIX}{:06}", hash % 1_000_000)
}

/// Returns `code`, or the next free `0.` code after it when already taken.
pub fn free_code(code: &str, used_codes: &HashSet<String>) -> String {
    let Some(number) = code
        .strip_prefix(LEGACY_CODE_PREFIX)
        .and_then(|digits| digits.parse::<u32>().ok())
    else {
        return code.to_owned();
    };
    let mut candidate = number;
    for _ in 0..1_000_000 {
        let code = format!("{LEGACY_CODE_PREFIX}{candidate:06}");
        if !used_codes.contains(&code) {
            return code;
        }
        candidate = (candidate + 1) % 1_000_000;
    }
    code.to_owned()
}

fn objects(
    value: Option<&Value>,
    key: &str,
    reader: &mut FieldReader<'_>,
) -> Vec<Map<String, Value>> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).cloned().collect(),
        Some(_) => {
            reader.warn(
                WarningKind::WrongFieldType,
                format!("field {key} is not an array of objects"),
            );
            Vec::new()
        }
    }
}

fn parse_channels(value: Option<&Value>, reader: &mut FieldReader<'_>) -> Vec<Channel> {
    let mut channels = Vec::new();
    for row in objects(value, CHANNELS, reader) {
        let mut row_reader = FieldReader::new(&row);
        let kind_name = row_reader.inline("Hình thức nộp");
        let time_text = row_reader.inline("Thời hạn giải quyết");
        let fee_text = row_reader.inline("Phí, lệ phí");
        let description = row_reader.block("Mô tả");
        merge(reader, row_reader);

        let Some(kind) = kind_from_name(&kind_name) else {
            reader.warn(
                WarningKind::ChannelUnparsed,
                format!("unknown channel {:?}", truncate(&kind_name, 40)),
            );
            continue;
        };

        let processing_time = parse_time_text(&time_text);
        let mut description = (!description.is_empty()).then_some(description);
        if processing_time.is_none()
            && !time_text.is_empty()
            && !is_none_marker(&time_text)
            && time_text != "0"
        {
            reader.warn(
                WarningKind::ProcessingTimeUnparsed,
                format!("{}: {:?}", kind.label_vi(), truncate(&time_text, 60)),
            );
            // Keep the published wording where a reader will see it.
            let wording = format!("Thời hạn giải quyết: {time_text}");
            description = Some(match description {
                Some(text) => format!("{wording}\n{text}"),
                None => wording,
            });
        }

        channels.push(Channel {
            kind,
            processing_time,
            fees: parse_fees(&fee_text, kind.label_vi(), reader),
            description,
        });
    }
    channels
}

/// "Phí: 150.000 ĐồngXem chi tiết Lệ phí: 50.000 ĐồngXem chi tiết".
static FEE_ITEM: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"(?P<name>Lệ phí|Phí)\s*:\s*"));

/// Legacy fee cells list one or more "Phí: …" / "Lệ phí: …" items, each
/// closed by the page's "Xem chi tiết" link text.
fn parse_fees(text: &str, label: &str, reader: &mut FieldReader<'_>) -> Vec<Fee> {
    let text = text.trim();
    if text.is_empty() || is_none_marker(text) {
        return Vec::new();
    }

    let items: Vec<(usize, usize, String)> = FEE_ITEM
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            Some((
                whole.start(),
                whole.end(),
                captures.name("name")?.as_str().to_owned(),
            ))
        })
        .filter(|(start, _, _)| *start == 0 || text[..*start].trim_end().ends_with("chi tiết"))
        .collect();
    if items.is_empty() {
        return vec![fee_from_wording("Phí, lệ phí", text, label, reader)]
            .into_iter()
            .flatten()
            .collect();
    }

    let mut fees = Vec::new();
    for (index, (_, end, name)) in items.iter().enumerate() {
        let item_end = items
            .get(index + 1)
            .map_or(text.len(), |(next, _, _)| *next);
        let wording = text[*end..item_end].trim();
        let wording = wording
            .strip_suffix("Xem chi tiết")
            .unwrap_or(wording)
            .trim();
        if let Some(fee) = fee_from_wording(name, wording, label, reader) {
            fees.push(fee);
        }
    }
    fees
}

fn fee_from_wording(
    name: &str,
    wording: &str,
    label: &str,
    reader: &mut FieldReader<'_>,
) -> Option<Fee> {
    // The old page printed the currency after every value, amount or not.
    let value = wording.strip_suffix("Đồng").unwrap_or(wording).trim();
    if value.is_empty() {
        reader.warn(
            WarningKind::FeeUnparsed,
            format!("{label}: {name} without an amount"),
        );
        return None;
    }

    let amount_vnd = match fees::parse_amount(value) {
        Amount::Vnd(amount) => Some(amount),
        Amount::Foreign => {
            reader.warn(
                WarningKind::FeeForeignCurrency,
                format!("{label}: {name} {value:?}"),
            );
            None
        }
        Amount::Unclear => {
            reader.warn(
                WarningKind::FeeUnclear,
                format!("{label}: {name} {:?}", truncate(value, 60)),
            );
            None
        }
    };
    let folded = dvc_core::text::fold(value);
    let names_currency = folded
        .split(' ')
        .any(|word| matches!(word, "dong" | "d" | "vnd"));
    let text = if names_currency || fees::find_amounts(value).is_empty() {
        value.to_owned()
    } else {
        format!("{value} đồng")
    };
    Some(Fee {
        name: name.to_owned(),
        amount_vnd,
        text,
    })
}

fn parse_components(value: Option<&Value>, reader: &mut FieldReader<'_>) -> Vec<DossierCase> {
    let mut components = Vec::new();
    for row in objects(value, COMPONENTS, reader) {
        let mut row_reader = FieldReader::new(&row);
        let name = row_reader.inline("Tên giấy tờ");
        let form_url = row_reader.inline("Mẫu đơn, tờ khai");
        let counts = row_reader.inline("Số lượng - bản chính");
        merge(reader, row_reader);

        let name = name
            .trim_start_matches(['-', '+', '*', '•', ' '])
            .trim_end_matches([';', ' '])
            .to_owned();
        if name.is_empty() {
            continue;
        }
        let (originals, copies) = match parse_count_text(&counts) {
            Some(counts) => counts,
            None => {
                reader.warn(
                    WarningKind::ComponentCountMissing,
                    format!("no count for {:?}", truncate(&name, 60)),
                );
                (0, 0)
            }
        };

        let mut forms = Vec::new();
        if let Some(url) = checked_form_url(&form_url, reader) {
            forms.push(Form {
                name: form_name(&name),
                url: Some(url),
            });
        }
        components.push(DossierComponent {
            name,
            originals,
            copies,
            forms,
        });
    }

    if components.is_empty() {
        return Vec::new();
    }
    vec![DossierCase {
        name: None,
        components,
    }]
}

/// Keeps a form link only when it is an `http(s):` URL that names a file.
/// The old portal printed its download address with an empty id
/// ("download_file.jsp?ma=") for rows without a form.
fn checked_form_url(url: &str, reader: &mut FieldReader<'_>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if !is_http_url(url) || url.ends_with('=') {
        reader.warn(
            WarningKind::FormUrlInvalid,
            format!("dropped form link {:?}", truncate(url, 80)),
        );
        return None;
    }
    Some(url.to_owned())
}

static FORM_MENTION: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"(?i)\b(?:mẫu|tờ khai)\s+(?:số\s+)?[A-Z0-9][\w./-]*"));

/// Names a form after the mention in its document ("(Mẫu CT01 …)"), else
/// generically.
fn form_name(document: &str) -> String {
    FORM_MENTION.find(document).map_or_else(
        || "Mẫu đơn, tờ khai".to_owned(),
        |found| found.as_str().to_owned(),
    )
}

fn merge(reader: &mut FieldReader<'_>, row_reader: FieldReader<'_>) {
    reader.flags.merge(row_reader.flags);
    reader.warnings.extend(row_reader.warnings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_code_is_stable_and_non_national() {
        let code = legacy_code("612362818d18c024c839e7ce");
        assert_eq!(code, legacy_code("612362818d18c024c839e7ce"));
        assert!(code.starts_with("0."));
        assert!(dvc_core::model::is_valid_procedure_code(&code));
        assert_ne!(code, legacy_code("612362828d18c024c839e7d4"));
    }

    #[test]
    fn free_code_skips_taken() {
        let taken: HashSet<String> = ["0.000001".to_owned(), "0.000002".to_owned()].into();
        assert_eq!(free_code("0.000001", &taken), "0.000003");
        assert_eq!(free_code("0.000005", &taken), "0.000005");
        let last: HashSet<String> = ["0.999999".to_owned()].into();
        assert_eq!(free_code("0.999999", &last), "0.000000");
    }
}
