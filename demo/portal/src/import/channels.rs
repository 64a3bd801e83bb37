//! Submission channels (cách thức thực hiện) with processing time and fees.
//!
//! The national page flattens its channel table into one string: a header,
//! then per row the channel name, the time, the fee with an optional note in
//! brackets, and a free description, all glued together:
//! "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp20 Ngày làm việc50,000
//! Việt Nam Đồng(50.000 đồng/hồ sơ)Nộp tại …Trực tuyến20 Ngày làm việcMiễn phí".

use std::sync::LazyLock;

use dvc_core::model::{Channel, ChannelKind, Fee, ProcessingTime, TimeUnit};
use dvc_core::text::fold;
use regex::Regex;

use super::cleanup::is_none_marker;
use super::fees::{self, Amount};
use super::national::truncate;
use super::warnings::{Warning, WarningKind};

const NONE_MARKER: &str = "Không có thông tin";
const FREE: &str = "Miễn phí";

/// Fee name used when the note does not name the fee.
pub const DEFAULT_FEE_NAME: &str = "Phí, lệ phí";

static TABLE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả\s*"));

static CHANNEL_NAME: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"Trực tuyến|Trực tiếp|Dịch vụ bưu chính"));

static TIME_WITH_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"^(?i)(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>ngày làm việc|ngày|giờ|tháng|năm|tuần|phút)",
    )
});

static NUMBER: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"^\d+(?:[.,]\d+)?"));

/// Digits run straight into a currency: a unit-less time glued to an amount
/// ("120 VNĐ" is 1 and 20), or an amount alone.
static DIGITS_BEFORE_CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"^(?P<digits>\d[\d.,]*)\s*(?P<currency>Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|Đô la Mỹ|EUR)",
    )
});

/// A number with a unit anywhere in a sentence, "05 (năm) ngày làm việc".
static TIME_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?i)(?P<value>\d+(?:[.,]\d+)?)\s*(?:\([^)]{0,20}\)\s*)?(?P<unit>ngày làm việc|ngày|giờ|tháng|năm|tuần)",
    )
});

/// Parses the flattened channel table of a national record.
pub fn parse_table(text: &str, warnings: &mut Vec<Warning>) -> Vec<Channel> {
    if is_none_marker(text) {
        return Vec::new();
    }
    let body = match TABLE_HEADER.find(text) {
        Some(header) => &text[header.end()..],
        None => text,
    };

    let starts: Vec<(usize, usize, ChannelKind)> = CHANNEL_NAME
        .find_iter(body)
        .filter(|found| found.start() == 0 || starts_row(&body[found.end()..]))
        .filter_map(|found| Some((found.start(), found.end(), kind_from_name(found.as_str())?)))
        .collect();

    let preamble = starts
        .first()
        .map_or(body, |(start, _, _)| &body[..*start])
        .trim();
    if !preamble.is_empty() {
        warnings.push(Warning::new(
            WarningKind::ChannelUnparsed,
            format!("text outside any channel row: {:?}", truncate(preamble, 60)),
        ));
    }

    let mut channels = Vec::with_capacity(starts.len());
    for (index, (_, end, kind)) in starts.iter().enumerate() {
        let row_end = starts
            .get(index + 1)
            .map_or(body.len(), |(next, _, _)| *next);
        channels.push(parse_row(*kind, &body[*end..row_end], warnings));
    }
    channels
}

/// Returns true when the text after a channel name begins a table row (a
/// time or a fee cell), not a sentence that mentions the channel.
fn starts_row(after: &str) -> bool {
    after.is_empty()
        || after.starts_with(|c: char| c.is_ascii_digit())
        || after.starts_with(FREE)
        || after.starts_with(NONE_MARKER)
}

/// Maps a published channel name, in any case and with or without marks.
pub fn kind_from_name(name: &str) -> Option<ChannelKind> {
    let folded = fold(name);
    if folded.contains("truc tuyen") || folded.contains("qua mang") {
        Some(ChannelKind::Online)
    } else if folded.contains("truc tiep") {
        Some(ChannelKind::InPerson)
    } else if folded.contains("buu chinh") || folded.contains("buu dien") {
        Some(ChannelKind::Postal)
    } else {
        None
    }
}

/// Parses one row: time, fee, fee note, description.
fn parse_row(kind: ChannelKind, row: &str, warnings: &mut Vec<Warning>) -> Channel {
    let mut rest = row.trim_start();
    let label = kind.label_vi();

    let glued = read_glued_time_and_amount(&mut rest);
    let (mut time, fee_cell) = match &glued {
        Some(glued) => (None, glued.fee_cell()),
        None => {
            let time = read_time_cell(&mut rest, label, warnings);
            (time, read_fee_cell(&mut rest, label, warnings))
        }
    };

    let note = match fee_cell {
        FeeCell::Free | FeeCell::Amount { .. } => read_bracketed(&mut rest),
        FeeCell::NotPublished | FeeCell::Missing => None,
    };
    let description = rest.trim();
    let description =
        (!description.is_empty() && !is_none_marker(description)).then(|| description.to_owned());

    let fee_cell = match glued {
        Some(glued) => {
            let (glued_time, cell) = glued.settle(note.as_deref(), label, warnings);
            time = glued_time;
            cell
        }
        None => fee_cell,
    };

    let mut fees = Vec::new();
    if let Some(fee) = build_fee(&fee_cell, note.as_deref(), label, warnings) {
        fees.push(fee);
    }

    let processing_time = time.map(|time| {
        finish_time(
            time,
            description.as_deref(),
            note.as_deref(),
            label,
            warnings,
        )
    });

    Channel {
        kind,
        processing_time,
        fees,
        description,
    }
}

/// A time cell before its unit is settled.
struct TimeCell {
    value: f64,
    unit: Option<TimeUnit>,
    text: String,
}

/// Digits that run straight into a currency at the start of a row.
struct GluedCells {
    digits: String,
    currency: String,
}

impl GluedCells {
    /// The fee cell as read so far, for deciding whether a note follows.
    fn fee_cell(&self) -> FeeCell {
        FeeCell::Amount {
            digits: self.digits.clone(),
            currency: self.currency.clone(),
        }
    }

    /// Splits the digits into a unit-less time and an amount, once the note
    /// is known. A run such as "2,000,000" is a well-formed amount on its own:
    /// the row then has no time cell at all.
    fn settle(
        self,
        note: Option<&str>,
        label: &str,
        warnings: &mut Vec<Warning>,
    ) -> (Option<TimeCell>, FeeCell) {
        let grouped =
            self.digits.contains([',', '.']) && fees::parse_grouped_number(&self.digits).is_some();
        if grouped || self.digits.len() < 2 {
            warnings.push(Warning::new(
                WarningKind::ProcessingTimeUnparsed,
                format!(
                    "{label}: no processing time before the fee {:?}",
                    self.digits
                ),
            ));
            return (None, self.fee_cell());
        }

        let split = split_glued_time(&self.digits, note);
        let (time_digits, amount_digits) = self.digits.split_at(split);
        let time = time_digits.parse::<f64>().ok().map(|value| TimeCell {
            value,
            unit: None,
            text: time_digits.to_owned(),
        });
        let cell = FeeCell::Amount {
            digits: amount_digits.to_owned(),
            currency: self.currency,
        };
        (time, cell)
    }
}

fn read_glued_time_and_amount(rest: &mut &str) -> Option<GluedCells> {
    let text = *rest;
    if TIME_WITH_UNIT.is_match(text) {
        return None;
    }
    let captures = DIGITS_BEFORE_CURRENCY.captures(text)?;
    let whole = captures.get(0)?;
    let glued = GluedCells {
        digits: captures.name("digits")?.as_str().to_owned(),
        currency: captures.name("currency")?.as_str().to_owned(),
    };
    *rest = &text[whole.end()..];
    Some(glued)
}

fn read_time_cell(rest: &mut &str, label: &str, warnings: &mut Vec<Warning>) -> Option<TimeCell> {
    let text = *rest;
    if let Some(after) = text.strip_prefix(NONE_MARKER) {
        *rest = after;
        return None;
    }
    if let Some(captures) = TIME_WITH_UNIT.captures(text) {
        let (Some(whole), Some(value), Some(unit)) = (
            captures.get(0),
            captures.name("value"),
            captures.name("unit"),
        ) else {
            return None;
        };
        *rest = &text[whole.end()..];
        return time_with_unit(value.as_str(), unit.as_str(), whole.as_str());
    }
    if let Some(number) = NUMBER.find(text) {
        *rest = &text[number.end()..];
        let value = parse_decimal(number.as_str())?;
        return Some(TimeCell {
            value,
            unit: None,
            text: number.as_str().to_owned(),
        });
    }
    warnings.push(Warning::new(
        WarningKind::ProcessingTimeUnparsed,
        format!("{label}: no processing time in {:?}", truncate(text, 40)),
    ));
    None
}

fn time_with_unit(value: &str, unit: &str, text: &str) -> Option<TimeCell> {
    let value = parse_decimal(value)?;
    let (value, unit) = match fold(unit).as_str() {
        "ngay lam viec" => (value, TimeUnit::WorkingDay),
        "ngay" => (value, TimeUnit::Day),
        "gio" => (value, TimeUnit::Hour),
        "thang" => (value, TimeUnit::Month),
        "nam" => (value, TimeUnit::Year),
        "tuan" => (value * 7.0, TimeUnit::Day),
        _ => (value, TimeUnit::Other),
    };
    Some(TimeCell {
        value,
        unit: Some(unit),
        text: text.trim().to_owned(),
    })
}

/// Parses "5", "0,5" or "1.5" as a number of units.
fn parse_decimal(text: &str) -> Option<f64> {
    let value: f64 = text.replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

/// Settles a bare-number time: its unit comes from the row's own text when
/// that text repeats the number with a unit, and is unknown otherwise.
fn finish_time(
    time: TimeCell,
    description: Option<&str>,
    note: Option<&str>,
    label: &str,
    warnings: &mut Vec<Warning>,
) -> ProcessingTime {
    if let Some(unit) = time.unit {
        return ProcessingTime {
            value: time.value,
            unit,
            text: time.text,
        };
    }

    let inferred = [description, note]
        .into_iter()
        .flatten()
        .flat_map(|text| TIME_IN_TEXT.captures_iter(text))
        .find_map(|captures| {
            let value = parse_decimal(captures.name("value")?.as_str())?;
            let cell = time_with_unit(
                captures.name("value")?.as_str(),
                captures.name("unit")?.as_str(),
                "",
            )?;
            (value == time.value).then_some(cell.unit)
        })
        .flatten();

    match inferred {
        Some(unit) => {
            warnings.push(Warning::new(
                WarningKind::ProcessingTimeUnitInferred,
                format!(
                    "{label}: time {} has no unit; {} taken from the row's text",
                    time.text,
                    unit.label_en()
                ),
            ));
            ProcessingTime {
                value: time.value,
                unit,
                text: time.text,
            }
        }
        None => {
            warnings.push(Warning::new(
                WarningKind::ProcessingTimeUnitMissing,
                format!("{label}: time {} has no unit", time.text),
            ));
            ProcessingTime {
                value: time.value,
                unit: TimeUnit::Other,
                text: time.text,
            }
        }
    }
}

/// The fee cell of a row, as published.
enum FeeCell {
    Free,
    /// "Không có thông tin": the page publishes no fee.
    NotPublished,
    /// Digits and currency as published.
    Amount {
        digits: String,
        currency: String,
    },
    /// Nothing recognisable; the rest of the row is description.
    Missing,
}

fn read_fee_cell(rest: &mut &str, label: &str, warnings: &mut Vec<Warning>) -> FeeCell {
    let text = *rest;
    if let Some(after) = text.strip_prefix(FREE) {
        *rest = after;
        return FeeCell::Free;
    }
    if let Some(after) = text.strip_prefix(NONE_MARKER) {
        *rest = after;
        return FeeCell::NotPublished;
    }
    if let Some(captures) = DIGITS_BEFORE_CURRENCY.captures(text) {
        let (Some(whole), Some(digits), Some(currency)) = (
            captures.get(0),
            captures.name("digits"),
            captures.name("currency"),
        ) else {
            return FeeCell::Missing;
        };
        *rest = &text[whole.end()..];
        return FeeCell::Amount {
            digits: digits.as_str().to_owned(),
            currency: currency.as_str().to_owned(),
        };
    }
    warnings.push(Warning::new(
        WarningKind::FeeUnparsed,
        format!("{label}: no fee cell in {:?}", truncate(text, 40)),
    ));
    FeeCell::Missing
}

/// Reads "(…)" with nested brackets; an unclosed bracket runs to the end
/// (the crawler cut some notes short).
fn read_bracketed(rest: &mut &str) -> Option<String> {
    let text = *rest;
    let inner = text.strip_prefix('(')?;
    let mut depth = 1usize;
    for (index, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    *rest = &inner[index + 1..];
                    return Some(inner[..index].trim().to_owned());
                }
            }
            _ => {}
        }
    }
    *rest = "";
    let note = inner.trim();
    (!note.is_empty()).then(|| note.to_owned())
}

fn build_fee(
    cell: &FeeCell,
    note: Option<&str>,
    label: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Fee> {
    let note_amounts = note.map(fees::find_amounts).unwrap_or_default();
    let name = note
        .and_then(fee_name_from_note)
        .unwrap_or_else(|| DEFAULT_FEE_NAME.to_owned());
    let with_note = |cell_text: &str| match note {
        Some(note) => format!("{cell_text} ({note})"),
        None => cell_text.to_owned(),
    };

    match cell {
        FeeCell::NotPublished | FeeCell::Missing => None,
        FeeCell::Free => {
            let note_sets_amount = note_amounts.iter().any(|amount| *amount > 0)
                || note.is_some_and(|note| names_a_fee_level(&fold(note)));
            let amount_vnd = if note_sets_amount {
                warnings.push(Warning::new(
                    WarningKind::FeeUnclear,
                    format!("{label}: the table says free but the note sets a fee"),
                ));
                None
            } else {
                Some(0)
            };
            Some(Fee {
                name,
                amount_vnd,
                text: with_note(FREE),
            })
        }
        FeeCell::Amount { digits, currency } => {
            let cell_text = format!("{digits} {currency}");
            let amount_vnd = match fees::parse_amount(&cell_text) {
                Amount::Vnd(amount) if amount == 0 || amount >= 1_000 => Some(amount),
                Amount::Vnd(amount) => small_amount(amount, &note_amounts, label, warnings),
                Amount::Foreign => {
                    warnings.push(Warning::new(
                        WarningKind::FeeForeignCurrency,
                        format!("{label}: fee in {currency}"),
                    ));
                    None
                }
                Amount::Unclear => {
                    warnings.push(Warning::new(
                        WarningKind::FeeUnclear,
                        format!("{label}: cannot read the amount {cell_text:?}"),
                    ));
                    None
                }
            };
            Some(Fee {
                name,
                amount_vnd,
                text: with_note(&cell_text),
            })
        }
    }
}

/// Some tables give the amount in thousands of đồng ("20 VNĐ" with the note
/// "20.000 đồng/tờ khai"); no fee in this catalogue is below 1,000 đồng.
fn small_amount(
    amount: u64,
    note_amounts: &[u64],
    label: &str,
    warnings: &mut Vec<Warning>,
) -> Option<u64> {
    let scaled = amount * 1_000;
    if note_amounts.contains(&scaled) {
        warnings.push(Warning::new(
            WarningKind::FeeAmountFromNote,
            format!("{label}: table says {amount}, the note says {scaled} đồng"),
        ));
        return Some(scaled);
    }
    warnings.push(Warning::new(
        WarningKind::FeeUnclear,
        format!(
            "{label}: amount {amount} đồng is implausibly small and the note does not confirm it"
        ),
    ));
    None
}

/// Returns true when a note says who sets the fee level instead of a level.
fn names_a_fee_level(folded_note: &str) -> bool {
    ["muc thu", "muc le phi", "muc phi", "thu phi", "thu le phi"]
        .iter()
        .any(|phrase| folded_note.contains(phrase))
        && !folded_note.contains("mien")
}

/// "Phí thẩm định: 500.000 đồng" names its fee before the colon.
fn fee_name_from_note(note: &str) -> Option<String> {
    let note = note.trim_start_matches(['-', '+', '*', ' ', '(']);
    if !(note.starts_with("Phí") || note.starts_with("Lệ phí")) {
        return None;
    }
    let colon = note.find(':')?;
    let name = note[..colon].trim();
    (name.chars().count() <= 120).then(|| name.to_owned())
}

/// Splits digits that run from a unit-less time into an amount ("1100 VNĐ").
///
/// The time digit comes first; a note that repeats the amount ("100.000
/// đồng/lần") confirms where the amount starts, otherwise the time is taken
/// to be one digit, as every such row in the national data has.
fn split_glued_time(digits: &str, note: Option<&str>) -> usize {
    let note_amounts = note.map(fees::find_amounts).unwrap_or_default();
    for split in 1..digits.len().min(4) {
        if !digits.as_bytes()[..split].iter().all(u8::is_ascii_digit) {
            break;
        }
        let amount_text = &digits[split..];
        if amount_text.starts_with(['0', ',', '.']) {
            continue;
        }
        let Some(amount) = fees::parse_grouped_number(amount_text) else {
            continue;
        };
        if note_amounts.contains(&amount) || note_amounts.contains(&amount.saturating_mul(1_000)) {
            return split;
        }
    }
    1
}

/// Reads a processing time written as a sentence (legacy records, notes):
/// "07 Ngày làm việc", "Ngay trong ngày tiếp nhận hồ sơ…", "Tối đa 06 ngày làm
/// việc kể từ…". Returns `None` when no time can be read.
pub fn parse_time_text(text: &str) -> Option<ProcessingTime> {
    let text = text.trim();
    if is_none_marker(text) {
        return None;
    }
    let folded = fold(text);
    if folded.starts_with("ngay trong ngay") || folded.starts_with("trong ngay") {
        return Some(ProcessingTime {
            value: 0.0,
            unit: TimeUnit::WorkingDay,
            text: text.to_owned(),
        });
    }

    let captures = TIME_IN_TEXT.captures(text)?;
    let cell = time_with_unit(
        captures.name("value")?.as_str(),
        captures.name("unit")?.as_str(),
        text,
    )?;
    Some(ProcessingTime {
        value: cell.value,
        unit: cell.unit.unwrap_or(TimeUnit::Other),
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests;
