//! Lenient normalisation of dossier codes (mã hồ sơ) as citizens type or paste them.
//!
//! One-stop systems commonly issue `<agency id>-<yyMMdd>-<NNNN>`, for example
//! `000.17.22.H56-210531-0001`, but formats differ between systems (social
//! insurance uses `03706/2026/07906`). So [`normalize`] only cleans what copy
//! and paste or a phone keyboard adds, and rejects nothing but empty, over-long
//! or control-character input. [`looks_usual`] checks the usual shape, so a
//! widget can decide to show a hint; it is never a reason to reject a code.
//!
//! The rules work on single characters, without Unicode tables, so they cost
//! little in the browser bundle.

use std::fmt;

/// Maximum length of a normalised dossier code, in characters.
pub const MAX_DOSSIER_CODE_CHARS: usize = 64;

/// A code of the usual shape, for hints.
pub const USUAL_SHAPE_EXAMPLE: &str = "000.17.22.H56-210531-0001";

/// Reason a dossier code is rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DossierCodeError {
    /// Nothing but white space (or invisible characters) was entered.
    Empty,
    /// The normalised code has more than [`MAX_DOSSIER_CODE_CHARS`] characters.
    TooLong { chars: usize },
    /// A control character other than white space, at this character position
    /// of the input (0-based).
    ControlCharacter { position: usize },
}

impl fmt::Display for DossierCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DossierCodeError::Empty => write!(f, "the dossier code is empty"),
            DossierCodeError::TooLong { chars } => write!(
                f,
                "the dossier code has {chars} characters, more than the maximum of {MAX_DOSSIER_CODE_CHARS}"
            ),
            DossierCodeError::ControlCharacter { position } => write!(
                f,
                "the dossier code contains a control character at position {position}"
            ),
        }
    }
}

impl std::error::Error for DossierCodeError {}

/// Normalises a dossier code as typed or pasted:
/// - removes leading and trailing white space, and invisible characters
///   (zero-width space and joiners, word joiner, byte order mark, soft hyphen)
///   anywhere;
/// - maps full-width ASCII (U+FF01..U+FF5E) and the ideographic space to ASCII;
/// - maps dash look-alikes (U+2010..U+2015, U+2212, U+FE58, U+FE63, U+FF0D) to `-`;
/// - removes white space next to a separator (`-`, `/`, `.`), and turns other
///   runs of white space into one space;
/// - upper-cases ASCII letters, and maps `Ð`, `ð` and `đ` to `Đ`.
///
/// # Errors
///
/// Rejects input that is empty after this cleaning, longer than
/// [`MAX_DOSSIER_CODE_CHARS`] characters after it, or that contains a control
/// character other than white space.
///
/// ```
/// use dvc_core::dossier_code::normalize;
///
/// assert_eq!(
///     normalize(" 000.17.22.h56 – 210531 —0001\n").unwrap(),
///     "000.17.22.H56-210531-0001"
/// );
/// ```
pub fn normalize(input: &str) -> Result<String, DossierCodeError> {
    let mut code = String::with_capacity(input.len().min(4 * MAX_DOSSIER_CODE_CHARS));
    let mut chars = 0usize;
    let mut pending_space = false;

    for (position, raw) in input.chars().enumerate() {
        if is_invisible(raw) {
            continue;
        }
        let c = unify_char(raw);
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if c.is_control() {
            return Err(DossierCodeError::ControlCharacter { position });
        }

        // A space survives only between two characters that are not separators.
        if pending_space && !code.is_empty() && !is_separator(c) && !code.ends_with(is_separator) {
            code.push(' ');
            chars += 1;
        }
        pending_space = false;

        code.push(c);
        chars += 1;
        if chars > MAX_DOSSIER_CODE_CHARS {
            // Count the rest too, so the error gives the length of the whole code.
            let rest = input
                .chars()
                .skip(position + 1)
                .filter(|&c| !c.is_whitespace() && !is_invisible(c))
                .count();
            return Err(DossierCodeError::TooLong {
                chars: chars + rest,
            });
        }
    }

    if code.is_empty() {
        return Err(DossierCodeError::Empty);
    }
    Ok(code)
}

/// Maps one character the way [`normalize`] does, without the white-space and
/// separator rules: full-width ASCII and dash look-alikes to ASCII, ASCII
/// letters to upper case, `Ð`/`ð`/`đ` to `Đ`. Also suits verifier digits typed
/// on a full-width keyboard.
pub fn unify_char(c: char) -> char {
    let c = match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    };
    match c {
        'Ð' | 'ð' | 'đ' => 'Đ',
        other => other.to_ascii_uppercase(),
    }
}

/// Returns true for a normalised code of the usual shape `<agency id>-<yyMMdd>-<NNNN>`.
///
/// The agency id has at least two dot-separated groups of ASCII letters and
/// digits (such as `000.17.22.H56`). The date is six digits with a valid month
/// and day, and the daily counter has four to six digits.
///
/// Codes of other shapes may be valid in their own systems: use this only to
/// decide whether to show a hint.
pub fn looks_usual(code: &str) -> bool {
    let mut parts = code.rsplitn(3, '-');
    let (Some(counter), Some(date), Some(agency)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    is_agency_id(agency) && is_yymmdd(date) && is_counter(counter)
}

fn is_agency_id(text: &str) -> bool {
    let mut groups = 0;
    for group in text.split('.') {
        if group.is_empty() || !group.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

fn is_yymmdd(text: &str) -> bool {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|digits| digits.parse::<u8>().ok())
            .unwrap_or(0)
    };
    let month = number(2..4);
    let day = number(4..6);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn is_counter(text: &str) -> bool {
    (4..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '/' | '.')
}

/// Characters that copy and paste leaves behind without any visible trace.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const USUAL: &str = "000.17.22.H56-210531-0001";

    #[test]
    fn usual_code_unchanged() {
        assert_eq!(normalize(USUAL).unwrap(), USUAL);
    }

    #[test]
    fn trims_outer_white_space() {
        assert_eq!(
            normalize("  \t000.17.22.H56-210531-0001 \r\n").unwrap(),
            USUAL
        );
    }

    #[test]
    fn removes_space_around_separators() {
        assert_eq!(normalize("000.17.22.H56 - 210531 -0001").unwrap(), USUAL);
        assert_eq!(normalize("000 . 17.22.H56-210531- 0001").unwrap(), USUAL);
        assert_eq!(
            normalize("03706 / 2026 / 07906").unwrap(),
            "03706/2026/07906"
        );
    }

    #[test]
    fn collapses_other_inner_space() {
        assert_eq!(normalize("HS  2026\t\t001").unwrap(), "HS 2026 001");
        assert_eq!(normalize("HS\u{00A0}2026").unwrap(), "HS 2026");
    }

    #[test]
    fn unifies_every_dash_look_alike() {
        let dashes = [
            '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
            '\u{FE58}', '\u{FE63}', '\u{FF0D}',
        ];
        for dash in dashes {
            let typed = format!("000.17.22.H56{dash}210531{dash}0001");
            assert_eq!(normalize(&typed).unwrap(), USUAL, "U+{:04X}", dash as u32);
        }
    }

    #[test]
    fn maps_full_width_ascii() {
        let typed = "０００．１７．２２．ｈ５６－２１０５３１－０００１";
        assert_eq!(normalize(typed).unwrap(), USUAL);
        assert_eq!(normalize("ＡＢ\u{3000}／１").unwrap(), "AB/1");
        assert_eq!(unify_char('！'), '!');
        assert_eq!(unify_char('～'), '~');
    }

    #[test]
    fn upper_cases_ascii_letters_only() {
        assert_eq!(normalize("000.17.22.h56-210531-0001").unwrap(), USUAL);
        // Vietnamese letters other than đ keep their case.
        assert_eq!(normalize("hồ-01").unwrap(), "Hồ-01");
    }

    #[test]
    fn maps_d_with_stroke_and_eth() {
        assert_eq!(normalize("đ-1").unwrap(), "Đ-1");
        assert_eq!(normalize("Ð-1").unwrap(), "Đ-1");
        assert_eq!(normalize("ð-1").unwrap(), "Đ-1");
        assert_eq!(normalize("Đ-1").unwrap(), "Đ-1");
    }

    #[test]
    fn drops_invisible_characters() {
        let typed = "\u{FEFF}000.17.22.H56-\u{200B}210531-00\u{00AD}01\u{2060}";
        assert_eq!(normalize(typed).unwrap(), USUAL);
    }

    #[test]
    fn rejects_empty() {
        assert_eq!(normalize(""), Err(DossierCodeError::Empty));
        assert_eq!(normalize(" \t\n\u{3000}"), Err(DossierCodeError::Empty));
        assert_eq!(normalize("\u{200B}"), Err(DossierCodeError::Empty));
    }

    #[test]
    fn rejects_over_long() {
        let exact = "A".repeat(MAX_DOSSIER_CODE_CHARS);
        assert_eq!(normalize(&exact).unwrap(), exact);
        let long = "A".repeat(MAX_DOSSIER_CODE_CHARS + 10);
        assert_eq!(
            normalize(&long),
            Err(DossierCodeError::TooLong {
                chars: MAX_DOSSIER_CODE_CHARS + 10
            })
        );
        // Outer white space does not count.
        let padded = format!("{}{exact}{}", " ".repeat(100), " ".repeat(100));
        assert!(normalize(&padded).is_ok());
    }

    #[test]
    fn rejects_control_characters() {
        assert_eq!(
            normalize("AB\u{0000}C"),
            Err(DossierCodeError::ControlCharacter { position: 2 })
        );
        assert_eq!(
            normalize("\u{001B}[31m"),
            Err(DossierCodeError::ControlCharacter { position: 0 })
        );
        assert!(normalize("A\u{007F}").is_err());
        assert!(normalize("A\u{0085}B").is_ok(), "NEL is white space");
        assert!(normalize("A\u{009B}B").is_err());
    }

    #[test]
    fn error_messages_name_the_problem() {
        assert!(DossierCodeError::Empty.to_string().contains("empty"));
        assert!(DossierCodeError::TooLong { chars: 70 }
            .to_string()
            .contains("70"));
    }

    #[test]
    fn usual_shape_recognised() {
        assert!(looks_usual(USUAL));
        assert!(looks_usual("000.00.00.G01-261120-0003"));
        assert!(looks_usual("H29.1-261231-123456"));
    }

    #[test]
    fn other_shapes_only_flagged() {
        for other in [
            "03706/2026/07906",
            "000.17.22.H56-210531",
            "000.17.22.H56-211331-0001",
            "000.17.22.H56-210500-0001",
            "000.17.22.H56-21053-0001",
            "000.17.22.H56-210531-001",
            "H56-210531-0001",
            "000..22.H56-210531-0001",
            "000.17.22.H56-210531-0001-2",
            "",
        ] {
            assert!(!looks_usual(other), "{other}");
        }
        // Every one of them still normalises.
        assert!(normalize("03706/2026/07906").is_ok());
    }
}
