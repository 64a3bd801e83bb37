//! Legal basis (căn cứ pháp lý): document numbers and titles.
//!
//! The national page flattens a two-column table, title then number, into
//! "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13Nghị định số
//! 123/2015/NĐ-CP ngày 15/11/2015 …Luật Hộ tịch123/2015/NĐ-CP". Titles cite
//! other documents too, so a number ends a row only where it is glued to the
//! text around it, as a cell boundary leaves it.

use std::sync::LazyLock;

use dvc_core::model::LegalDocument;
use regex::Regex;

use super::cleanup::is_none_marker;
use super::national::truncate;
use super::warnings::{Warning, WarningKind};

static TABLE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"^\s*Tên văn bản pháp lý\s*Mã văn bản\s*"));

/// Start of a document number: "85/2019/", "66.7/2025/", "163/" before the
/// issuer part, which [`issuer_end`] reads by hand.
static NUMBER_START: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"\d{1,5}(?:\.\d{1,3})?/(?:\d{4}/)?[A-ZĐ]"));

/// Issuer codes that run into the next title in the flattened text
/// ("…TT-BTCNghị định…"); the longest known prefix of a capital run is kept.
const KNOWN_ISSUERS: [&str; 44] = [
    "BCA", "BCT", "BGDĐT", "BGTVT", "BKHCN", "BKHĐT", "BLĐTBXH", "BNG", "BNNMT", "BNNPTNT", "BNV",
    "BQP", "BTC", "BTNMT", "BTP", "BTTTT", "BVHTTDL", "BXD", "BYT", "CP", "CTN", "HĐND", "HĐTP",
    "NHNN", "NĐ", "NQ", "PL", "QH", "QĐ", "TANDTC", "TCHQ", "TCT", "TT", "TTLT", "TTg", "UBCKNN",
    "UBND", "UBTVQH", "VKSNDTC", "VPCP", "BHXH", "KTNN", "BDT", "TLĐ",
];

/// Parses the legal basis table of a national record.
pub fn parse_table(text: &str, warnings: &mut Vec<Warning>) -> Vec<LegalDocument> {
    let text = text.trim();
    if is_none_marker(text) {
        return Vec::new();
    }
    let Some(header) = TABLE_HEADER.find(text) else {
        warnings.push(Warning::new(
            WarningKind::LegalBasisUnparsed,
            format!("no legal basis table in {:?}", truncate(text, 60)),
        ));
        return vec![LegalDocument {
            number: find_document_numbers(text).into_iter().next(),
            title: text.to_owned(),
        }];
    };
    let body = &text[header.end()..];

    let mut documents: Vec<LegalDocument> = Vec::new();
    let mut row_start = 0;
    let spans = document_number_spans(body);
    for (index, (start, end)) in spans.iter().copied().enumerate() {
        // "Luật 60/2014/QH1360/2014/QH13": a title citing its own number,
        // glued to the number cell.
        let glued_to_next = spans.get(index + 1).is_some_and(|(next_start, next_end)| {
            *next_start == end && body[*next_start..*next_end] == body[start..end]
        });
        if start < row_start || glued_to_next || !ends_a_row(body, start, end) {
            continue;
        }
        let number = body[start..end].to_owned();
        let title = clean_title(&body[row_start..start]);
        push_document(&mut documents, number, title);
        row_start = end;
    }

    let tail = body[row_start..].trim();
    if !tail.is_empty() {
        // A last row whose number cell is empty or not a document number.
        push_document(&mut documents, String::new(), tail.to_owned());
    }
    documents
}

fn push_document(documents: &mut Vec<LegalDocument>, number: String, title: String) {
    let number = (!number.is_empty()).then_some(number);
    let title = if title.is_empty() {
        number.clone().unwrap_or_default()
    } else {
        title
    };
    if title.is_empty() {
        return;
    }

    // A row that only repeats an earlier number ("số 50/2025/TT-NHNN") adds nothing.
    let repeats = documents.iter().any(|document| {
        document.number.is_some() && document.number == number && (Some(&title) == number.as_ref())
    });
    if !repeats {
        documents.push(LegalDocument { number, title });
    }
}

/// Returns every document number in `text`, in order.
pub fn find_document_numbers(text: &str) -> Vec<String> {
    document_number_spans(text)
        .into_iter()
        .map(|(start, end)| text[start..end].to_owned())
        .collect()
}

/// Byte spans of document numbers such as 85/2019/TT-BTC, 02/2011/QH13,
/// 163/QĐ-BTP or 53/2010/QĐ-TTg.
fn document_number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| NUMBER_START.find(rest)) {
        let start = from + found.start();
        // The pattern ends with the issuer's first letter.
        let last_letter = found.as_str().chars().next_back().map_or(0, char::len_utf8);
        let issuer_start = from + found.end() - last_letter;
        let end = issuer_end(text, issuer_start);
        if end > issuer_start {
            spans.push((start, end));
            from = end;
        } else {
            from = issuer_start;
        }
    }
    spans
}

/// Reads the issuer part ("TT-BTC", "QH13", "NĐ-CP", "QĐ-TTg") and returns
/// where it ends. Parts are capital runs with up to two digits, joined by
/// `-`. A capital run glued to a lower-case word is cut at the longest known
/// issuer code, or else before the word's capital.
fn issuer_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut position = start;
    loop {
        let rest = &text[position..];
        let run_length: usize = rest
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || *c == 'Đ')
            .map(char::len_utf8)
            .sum();
        if run_length == 0 {
            break;
        }
        let mut part_end = position + run_length;

        if text[part_end..].starts_with('g') && text[position..part_end].ends_with("TT") {
            part_end += 1;
        } else if text[part_end..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            part_end = position + cut_glued_run(&text[position..part_end]);
            if part_end == position {
                break;
            }
        } else {
            let digits: usize = text[part_end..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(2)
                .count();
            part_end += digits;
        }

        end = part_end;
        match text[end..].strip_prefix('-') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_uppercase() || c == 'Đ') => {
                position = end + 1;
            }
            _ => break,
        }
    }
    end
}

/// Length of the issuer code at the start of a capital run that is glued to
/// the next title's first word ("BTCN" before "ghị định").
fn cut_glued_run(run: &str) -> usize {
    let known = KNOWN_ISSUERS
        .iter()
        .filter(|issuer| run.starts_with(*issuer))
        .map(|issuer| issuer.len())
        .max();
    known.unwrap_or_else(|| run.char_indices().next_back().map_or(0, |(index, _)| index))
}

/// Returns true when the number at `start..end` ends a row. A cell boundary
/// touches such a number: nothing follows it (the table's end), text is
/// glued after it, or text is glued before it and a capitalised title follows
/// after one space. A citation inside a title has spaces on both sides
/// ("Nghị định số 123/2015/NĐ-CP ngày …") or punctuation after it.
fn ends_a_row(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let Some(next) = after.chars().next() else {
        return true;
    };
    let glued_before = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    if next.is_whitespace() {
        let title_follows = after
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        return glued_before && title_follows;
    }
    !matches!(next, ',' | ';' | ')' | '.' | ':' | '/' | '-')
}

/// Cleans a title; drops the glued start of the next cell, which sometimes
/// repeats the document kind before the number ("…Luật Hộ tịchThông tư số").
fn clean_title(text: &str) -> String {
    let title = text.trim();
    const GLUED_PREFIXES: [&str; 9] = [
        "Nghị định số",
        "Thông tư số",
        "Thông tư liên tịch số",
        "Quyết định số",
        "Nghị quyết số",
        "Luật số",
        "Pháp lệnh số",
        "Văn bản hợp nhất số",
        "số",
    ];
    for prefix in GLUED_PREFIXES {
        if let Some(before) = title.strip_suffix(prefix) {
            let glued = before
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            if glued || before.trim().is_empty() {
                return before.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests;
