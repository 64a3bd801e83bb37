//! Dossier components (thành phần hồ sơ), grouped by case.
//!
//! The national page flattens one table per case: the case title, the header
//! "Tên giấy tờMẫu đơn, tờ khaiSố lượng", then per row the document name, the
//! form's file name if any, and the count cell ("1 bản chính", "0 bản
//! chính,1 bản sao"), all glued together.

use std::sync::LazyLock;

use dvc_core::model::{DossierCase, DossierComponent, Form};
use regex::{Captures, Regex};

use super::cleanup::is_none_marker;
use super::national::{is_http_url, truncate};
use super::warnings::{Warning, WarningKind};

static TABLE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng"));

static COUNT_CELL: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?P<originals>\d+) bản chính(?:\s*,\s*(?P<copies>\d+) bản sao)?|(?P<copies_only>\d+) bản sao",
    )
});

/// "Bản chính: 1 - Bản sao: 0" (legacy) or "2 bản chính, 1 bản sao".
static COUNT_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?i)bản chính\s*:\s*(?P<originals>\d+)|bản sao\s*:\s*(?P<copies>\d+)|(?P<originals_before>\d+)\s*bản chính|(?P<copies_before>\d+)\s*bản sao",
    )
});

static FORM_FILE_EXTENSION: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"(?i)\.(?:docx|doc|pdf|xlsx|xls|odt|ods|rtf|rar|zip)$"));

/// Maximum length, in characters, of a form file name when looking for where it starts.
const MAX_FILE_NAME_CHARS: usize = 160;

/// Parses the flattened component tables of a national record.
pub fn parse_table(text: &str, warnings: &mut Vec<Warning>) -> Vec<DossierCase> {
    let text = text.trim();
    if is_none_marker(text) {
        return Vec::new();
    }

    let headers: Vec<(usize, usize)> = TABLE_HEADER
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let Some((first_start, _)) = headers.first() else {
        warnings.push(Warning::new(
            WarningKind::ComponentsUnstructured,
            format!("no component table in {:?}", truncate(text, 60)),
        ));
        return vec![DossierCase {
            name: None,
            components: vec![DossierComponent {
                name: text.to_owned(),
                ..DossierComponent::default()
            }],
        }];
    };

    let mut cases = Vec::with_capacity(headers.len());
    let mut title = &text[..*first_start];
    for (index, (_, end)) in headers.iter().enumerate() {
        let segment_end = headers.get(index + 1).map_or(text.len(), |(next, _)| *next);
        let segment = &text[*end..segment_end];
        let is_last = index + 1 == headers.len();

        let (components, tail) = parse_rows(segment);
        let mut case = DossierCase {
            name: case_title(title),
            components,
        };

        // Text after the last count belongs to the next case's title; after
        // the last table it is a row whose count the page left out.
        if is_last {
            if let Some(name) = component_name(tail) {
                warnings.push(Warning::new(
                    WarningKind::ComponentCountMissing,
                    format!("component without a count: {:?}", truncate(&name, 60)),
                ));
                let (name, forms) = split_form_files(&name);
                case.components.push(DossierComponent {
                    name,
                    forms,
                    ..DossierComponent::default()
                });
            }
        } else {
            title = tail;
        }

        if !case.components.is_empty() || case.name.is_some() {
            cases.push(case);
        }
    }
    cases
}

/// Splits a table's text into rows, each ended by its count cell; returns the
/// rows and the text after the last count cell.
fn parse_rows(segment: &str) -> (Vec<DossierComponent>, &str) {
    let mut components = Vec::new();
    let mut row_start = 0;

    for captures in COUNT_CELL.captures_iter(segment) {
        let Some(cell) = captures.get(0) else {
            continue;
        };
        if cell.start() < row_start || !ends_a_row(&segment[cell.end()..]) {
            continue;
        }

        let starts_row = segment[row_start..cell.start()].trim().is_empty();
        let (leftover, originals, copies) = read_counts(&captures, starts_row);
        let row_text = &segment[row_start..cell.start() + leftover];
        let (name, forms) = split_form_files(row_text);
        let name = component_name(&name).or_else(|| forms.first().map(|form| form.name.clone()));
        if let Some(name) = name {
            components.push(DossierComponent {
                name,
                originals,
                copies,
                forms,
            });
        }
        row_start = cell.end();
    }
    (components, &segment[row_start..])
}

/// Returns true when the text after a count cell starts the next row. A
/// count inside a sentence ("nộp 02 bản chính tờ khai") is followed by a space.
fn ends_a_row(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(c) => !c.is_whitespace() && !matches!(c, ')' | ',' | '.' | ';' | ':' | '/'),
    }
}

/// Reads the count cell; returns how many of its leading digits belong to
/// the document name, and the counts of originals and copies.
///
/// The cell's digits run into the document name when the name ends in a
/// number: "ngày 24/07/20231 bản chính" is the date 2023 and one original.
/// So a run of several digits keeps only its last digit as the count, except
/// a zero-padded "01"/"02", which the portal writes as counts. A run that
/// starts the row is the count whole.
///
/// NOTE: a real count of 10 or more after a name that ends in a letter is
/// still read as its last digit. No such row is in the national data.
fn read_counts(captures: &Captures<'_>, starts_row: bool) -> (usize, u32, u32) {
    let copies_after = captures
        .name("copies")
        .map_or(0, |m| parse_count(m.as_str()));
    let (digits, is_original) = match (captures.name("originals"), captures.name("copies_only")) {
        (Some(originals), _) => (originals.as_str(), true),
        (None, Some(copies)) => (copies.as_str(), false),
        (None, None) => ("0", true),
    };

    let whole_run_is_count =
        starts_row || digits.len() == 1 || (digits.len() == 2 && digits.starts_with('0'));
    let leftover = if whole_run_is_count {
        0
    } else {
        digits.len() - 1
    };
    let count = parse_count(&digits[leftover..]);

    if is_original {
        (leftover, count, copies_after)
    } else {
        (leftover, 0, count)
    }
}

fn parse_count(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

/// Reads counts written as text, as the legacy export does.
pub fn parse_count_text(text: &str) -> Option<(u32, u32)> {
    let mut originals = None;
    let mut copies = None;
    for captures in COUNT_TEXT.captures_iter(text) {
        if let Some(value) = captures
            .name("originals")
            .or(captures.name("originals_before"))
        {
            originals.get_or_insert(parse_count(value.as_str()));
        }
        if let Some(value) = captures.name("copies").or(captures.name("copies_before")) {
            copies.get_or_insert(parse_count(value.as_str()));
        }
    }
    if originals.is_none() && copies.is_none() {
        return None;
    }
    Some((originals.unwrap_or(0), copies.unwrap_or(0)))
}

/// Cleans a case title: "--" and empty titles mean a single unnamed case.
fn case_title(text: &str) -> Option<String> {
    let title = text
        .trim()
        .trim_start_matches(['*', '-', '+', '•', ' '])
        .trim_end_matches([':', ' '])
        .trim();
    (!title.is_empty() && !is_none_marker(title)).then(|| title.to_owned())
}

/// Cleans a document name: list bullets and trailing separators go.
fn component_name(text: &str) -> Option<String> {
    let name = text
        .trim()
        .trim_start_matches(['-', '+', '*', '•', ' '])
        .trim_end_matches([';', ',', ' '])
        .trim();
    (!name.is_empty() && name != "--" && !is_none_marker(name)).then(|| name.to_owned())
}

/// Splits form file names ("…theo mẫu.Mẫu TP-LS-02.docx") or download
/// addresses off the end of a row's name. The national pages were flattened
/// without their links, so their forms carry no URL.
pub fn split_form_files(text: &str) -> (String, Vec<Form>) {
    let mut name = text.trim_end();
    let mut forms = Vec::new();
    while FORM_FILE_EXTENSION.is_match(name) {
        if let Some((start, form)) = trailing_form_link(name) {
            forms.push(form);
            name = name[..start].trim_end();
            continue;
        }
        let start = file_name_start(name);
        let file = name[start..].trim();
        if file.is_empty() {
            break;
        }
        forms.push(Form {
            name: file.to_owned(),
            url: None,
        });
        name = name[..start].trim_end();
    }
    forms.reverse();
    (name.to_owned(), forms)
}

/// Reads a form cell that contains a download address instead of a file
/// name, as pages that publish their links do. The address's file name
/// becomes the form's name.
fn trailing_form_link(name: &str) -> Option<(usize, Form)> {
    let start = name.rfind("http")?;
    let link = &name[start..];
    if !is_http_url(link) {
        return None;
    }
    let file = link
        .rsplit('/')
        .next()
        .filter(|file| !file.is_empty())
        .unwrap_or(link);
    Some((
        start,
        Form {
            name: file.to_owned(),
            url: Some(link.to_owned()),
        },
    ))
}

/// Words that begin a form's file name ("Mẫu 02.docx", "Phụ lục II.docx").
const FORM_FILE_STARTS: [&str; 12] = [
    "Mẫu",
    "Mau",
    "Phụ lục",
    "Phu luc",
    "Tờ khai",
    "To khai",
    "Phiếu",
    "Phieu",
    "Biểu mẫu",
    "Bieu mau",
    "Đơn",
    "Don",
];

/// Finds where a form's file name starts, scanning back from its extension.
///
/// The file name is glued to the document name. The last form word ("Mẫu",
/// "Phụ lục", …) glued to a letter, digit, `.`, `;` or `)` before it starts
/// the file name. Without
/// one, the scan stops at the marks that end a document name: `;`, a `)`
/// directly followed by the file name, a `.` after a lower-case letter or
/// `)` (a `.` between digits or after a capital, as in "tt73.2021.doc" or
/// "Mẫu I.1.3.doc", is part of the file name), or a lower-case Vietnamese
/// letter directly followed by a capital ("thẻ bảo hiểm y tếMau01.doc").
fn file_name_start(name: &str) -> usize {
    let extension_start = name.rfind('.').unwrap_or(name.len());
    let chars: Vec<(usize, char)> = name[..extension_start].char_indices().collect();
    let window_start = chars
        .len()
        .checked_sub(MAX_FILE_NAME_CHARS)
        .and_then(|index| chars.get(index))
        .map_or(0, |(offset, _)| *offset);

    let glued_form_word = FORM_FILE_STARTS
        .iter()
        .filter_map(|word| {
            let window = &name[window_start..extension_start];
            let offset = window_start + window.rfind(word)?;
            let glued = name[..offset]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ';' | ')'));
            (glued && offset > 0).then_some(offset)
        })
        .max();
    if let Some(offset) = glued_form_word {
        return offset;
    }

    for index in (0..chars.len()).rev() {
        let (offset, c) = chars[index];
        if offset < window_start {
            break;
        }
        let next = chars.get(index + 1).map(|(_, next)| *next);
        let previous = index.checked_sub(1).map(|previous| chars[previous].1);
        let boundary_after = offset + c.len_utf8();

        let ends_name = match c {
            ';' => true,
            ')' => next.is_some_and(|next| !next.is_whitespace() && next != '.'),
            '.' => {
                let after_word =
                    previous.is_some_and(|previous| previous.is_lowercase() || previous == ')');
                after_word && next.is_some_and(|next| next.is_uppercase() || next.is_ascii_digit())
            }
            _ => !c.is_ascii() && c.is_lowercase() && next.is_some_and(char::is_uppercase),
        };
        if ends_name && boundary_after < extension_start {
            return boundary_after;
        }
    }

    // No mark found: the last space-free word is the file name.
    // NOTE: this keeps only part of names such as "…NĐ-CPPhụ lục II.docx"
    // without a form word glued on; such names are rare in the national data.
    name[..extension_start]
        .rfind(char::is_whitespace)
        .map_or(0, |space| space + 1)
}

#[cfg(test)]
mod tests;
