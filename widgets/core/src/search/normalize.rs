//! Search keys: the forms in which query words and catalogue words compare.
//!
//! Every word gets two keys:
//! - the *folded* key: lower case, no marks, `đ` → `d`, and `y` written `i`
//!   where the two are spelling variants (`ký`/`kí` → `ki`). Matching runs on
//!   this key, so a query typed without marks finds everything.
//! - the *marked* key: the folded key with each letter's modifier kept and
//!   the tone moved to the end. Two spellings that differ only in where the
//!   tone mark sits (`hoà`/`hòa`, `thuý`/`thúy`) get the same marked key, and
//!   ranking uses it to put exact-diacritic matches above folded ones.

use std::ops::Range;

use crate::text::{self, Letter, Modifier, Tone};

/// A word of a query or of a procedure, ready to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub folded: String,
    pub marked: String,
    /// True when the word was written with a tone or modifier.
    pub has_marks: bool,
    /// True when the word was written with a tone mark.
    pub has_tone: bool,
    /// Position in the original text, in characters.
    pub range: Range<usize>,
}

/// Splits `text` into tokens.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    text::words(text)
        .into_iter()
        .map(|word| {
            let has_marks = word.has_marks();
            let has_tone = word.letters.iter().any(|letter| letter.tone != Tone::Level);
            let (folded, marked) = keys(&word.letters);
            Token {
                folded,
                marked,
                has_marks,
                has_tone,
                range: word.range,
            }
        })
        .collect()
}

/// Returns the folded and the marked key of a word's letters.
pub(crate) fn keys(letters: &[Letter]) -> (String, String) {
    // Numbers compare by value: `mức độ 02` is `mức 2`, `09 số` is `9 số`.
    let digits = letters.iter().position(|letter| letter.base != '0');
    let letters = match digits {
        Some(first) if letters.iter().all(|letter| letter.base.is_ascii_digit()) => {
            &letters[first..]
        }
        _ => letters,
    };
    let spelled_i = spelled_with_i(letters);
    let mut folded = String::with_capacity(letters.len());
    let mut marked = String::with_capacity(letters.len() + 4);
    let mut tone = Tone::Level;

    for (index, letter) in letters.iter().enumerate() {
        let base = if index + 1 == letters.len() && spelled_i {
            'i'
        } else {
            letter.base
        };
        folded.push(base);
        marked.push(base);
        if let Some(symbol) = modifier_symbol(letter.modifier) {
            marked.push(symbol);
        }
        if letter.tone != Tone::Level {
            tone = letter.tone;
        }
    }

    if tone != Tone::Level {
        marked.push(char::from(b'0' + tone.vni_digit()));
    }
    (folded, marked)
}

/// Returns the folded key of a word typed as plain text.
pub(crate) fn fold_key(word: &str) -> String {
    tokens(word)
        .into_iter()
        .map(|token| token.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Returns true when a final `y` is only a spelling of the vowel `i`: the
/// word is one or more consonants and `y` (`ký`, `lý`, `mỹ`, `hy`) or `y`
/// alone. After another vowel the two letters differ (`tuy` ≠ `tui`), so
/// those words keep their `y`.
fn spelled_with_i(letters: &[Letter]) -> bool {
    let Some((last, rest)) = letters.split_last() else {
        return false;
    };
    last.base == 'y'
        && last.modifier == Modifier::None
        && rest
            .iter()
            .all(|letter| letter.base.is_ascii_alphabetic() && !is_vowel(letter.base))
}

pub(crate) fn is_vowel(base: char) -> bool {
    matches!(base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn modifier_symbol(modifier: Modifier) -> Option<char> {
    match modifier {
        Modifier::None => None,
        Modifier::Circumflex => Some('^'),
        Modifier::Breve => Some('('),
        Modifier::Horn => Some('+'),
        Modifier::Stroke => Some('-'),
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn key(word: &str) -> (String, String) {
        let found = tokens(word);
        assert_eq!(found.len(), 1, "{word}");
        (found[0].folded.clone(), found[0].marked.clone())
    }

    #[test]
    fn case_and_marks_fold_away() {
        assert_eq!(key("ĐĂNG").0, "dang");
        assert_eq!(key("đăng").0, "dang");
        assert_eq!(key("Dang").0, "dang");
    }

    #[test]
    fn d_look_alike_folds_to_d() {
        assert_eq!(key("Ðăng"), key("Đăng"));
    }

    #[test]
    fn old_and_new_tone_placement_are_equal() {
        assert_eq!(key("hoà"), key("hòa"));
        assert_eq!(key("thuý"), key("thúy"));
        assert_eq!(key("khoẻ"), key("khỏe"));
        assert_eq!(key("hoà").1, "hoa2");
    }

    #[test]
    fn i_and_y_spellings_are_equal() {
        assert_eq!(key("kí"), key("ký"));
        assert_eq!(key("lí"), key("lý"));
        assert_eq!(key("mĩ"), key("mỹ"));
        assert_eq!(key("y"), key("i"));
        assert_eq!(key("ký").0, "ki");
    }

    #[test]
    fn y_after_a_vowel_stays() {
        assert_eq!(key("tuy").0, "tuy");
        assert_eq!(key("quy").0, "quy");
        assert_eq!(key("thúy").0, "thuy");
        assert_ne!(key("tuy"), key("tui"));
    }

    #[test]
    fn nfc_and_nfd_give_equal_keys() {
        for word in ["Đường", "nghiệp", "hộ", "thuỷ", "Ủy"] {
            let nfd: String = word.nfd().collect();
            assert_eq!(key(&nfd), key(word), "{word}");
        }
    }

    #[test]
    fn marked_key_keeps_modifiers_and_tone() {
        assert_eq!(key("đăng").1, "d-a(ng");
        assert_eq!(key("hôn").1, "ho^n");
        assert_eq!(key("hơn").1, "ho+n");
        assert_eq!(key("hon").1, "hon");
        assert_ne!(key("bán").1, key("bạn").1);
    }

    #[test]
    fn numbers_drop_leading_zeros() {
        assert_eq!(key("02").0, "2");
        assert_eq!(key("009").0, "9");
        assert_eq!(key("0").0, "0");
        assert_eq!(key("2024").0, "2024");
        assert_eq!(key("cc04").0, "cc04");
    }

    #[test]
    fn marks_are_reported() {
        assert!(tokens("kết")[0].has_marks);
        assert!(!tokens("ket")[0].has_marks);
    }

    #[test]
    fn fold_key_joins_words() {
        assert_eq!(fold_key("Sổ đỏ"), "so do");
        assert_eq!(fold_key("Lý lịch"), "li lich");
    }
}
