//! Vietnamese text folding and word splitting for search.
//!
//! Folding reads Vietnamese letters with its own table ([`letters`]) instead
//! of Unicode decomposition, so NFC and NFD input give the same result and
//! the search path does not need the normalisation tables in the browser
//! bundle. Only [`nfc`] uses `unicode-normalization`.

pub mod letters;

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

pub use letters::{Letter, Modifier, Tone};

/// One word of a text: a run of letters and digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Position in the original text, in characters (Unicode scalar values).
    pub range: Range<usize>,
    /// The word's letters. Digits and letters of other scripts appear as a
    /// [`Letter`] whose base is the lower-cased character itself.
    pub letters: Vec<Letter>,
}

impl Word {
    /// Returns the word without marks, in lower case (`đăng` → `dang`).
    pub fn folded(&self) -> String {
        self.letters.iter().map(|letter| letter.base).collect()
    }

    /// Returns true when a letter has a tone or a modifier.
    pub fn has_marks(&self) -> bool {
        self.letters
            .iter()
            .any(|letter| letter.tone != Tone::Level || letter.modifier != Modifier::None)
    }
}

/// Splits `text` into words. Anything that is neither a letter, a digit nor
/// a combining mark separates words; full-width forms (`ＡＢＣ１２３`) read as
/// their ASCII letters and digits.
pub fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;

    for (index, c) in text.chars().enumerate() {
        let c = narrow_full_width(c);

        if letters::is_combining(c) {
            // A mark belongs to the letter before it; a stray mark at the start
            // of a word is dropped.
            if let (Some(word), Some(mark)) = (current.as_mut(), letters::combining_mark(c)) {
                if let Some(last) = word.letters.last_mut() {
                    apply_mark(last, mark);
                }
                word.range.end = index + 1;
            }
            continue;
        }

        let letter = match letters::decompose(c) {
            Some(letter) => Some(letter),
            None if c.is_alphanumeric() => Some(other_letter(c)),
            None => None,
        };
        match (letter, current.as_mut()) {
            (Some(letter), Some(word)) => {
                word.letters.push(letter);
                word.range.end = index + 1;
            }
            (Some(letter), None) => {
                current = Some(Word {
                    range: index..index + 1,
                    letters: vec![letter],
                });
            }
            (None, _) => words.extend(current.take()),
        }
    }
    words.extend(current);
    words
}

/// Folds `text` for accent-insensitive matching: NFC and NFD alike, tone and
/// vowel marks removed, `đ`/`Đ`/`Ð` to `d`, lower case, runs of
/// non-alphanumerics to one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in words(text) {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.letters.iter().map(|letter| letter.base));
    }
    folded
}

/// Returns `text` in Unicode Normalization Form C.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

fn apply_mark(letter: &mut Letter, mark: letters::Mark) {
    match mark {
        letters::Mark::Tone(tone) => letter.tone = tone,
        letters::Mark::Modifier(modifier) => {
            if letter.modifier == Modifier::None {
                letter.modifier = modifier;
            }
        }
    }
}

/// Lower-cases a letter or digit outside the Vietnamese alphabet, keeping
/// its marks: `ü` stays `ü`, because only Vietnamese marks are read.
fn other_letter(c: char) -> Letter {
    let mut lower = c.to_lowercase();
    let base = match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    };
    Letter {
        base,
        modifier: Modifier::None,
        tone: Tone::Level,
        uppercase: base != c,
    }
}

fn narrow_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_case_and_d() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐĂNG  KÝ, khai-sinh!"), "dang ky khai sinh");
        assert_eq!(fold("Ðăng"), "dang");
    }

    #[test]
    fn nfc_and_nfd_fold_alike() {
        let nfd: String = "Hộ tịch".nfd().collect();
        assert_eq!(fold(&nfd), fold("Hộ tịch"));
        assert_eq!(nfc(&nfd), "Hộ tịch");
    }

    #[test]
    fn nfd_word_keeps_tone_and_modifier() {
        let nfd: String = "Đường".nfd().collect();
        let word = &words(&nfd)[0];
        let nfc_word = &words("Đường")[0];
        assert_eq!(word.letters, nfc_word.letters);
        assert_eq!(word.range, 0..nfd.chars().count());
    }

    #[test]
    fn word_ranges_count_characters() {
        let found = words("Cấp thẻ (BHYT)");
        let ranges: Vec<Range<usize>> = found.iter().map(|word| word.range.clone()).collect();
        assert_eq!(ranges, vec![0..3, 4..7, 9..13]);
        assert_eq!(found[2].folded(), "bhyt");
    }

    #[test]
    fn punctuation_and_whitespace_separate_words() {
        assert_eq!(fold("  mua,bán\u{a0}vàng–miếng.  "), "mua ban vang mieng");
        assert_eq!(fold("“AB”"), "ab");
        assert_eq!(fold(""), "");
        assert_eq!(fold(" ,.; "), "");
    }

    #[test]
    fn digits_stay_inside_words() {
        assert_eq!(fold("dưới 14 tuổi, mẫu CC04"), "duoi 14 tuoi mau cc04");
    }

    #[test]
    fn full_width_forms_read_as_ascii() {
        assert_eq!(fold("ＧＰＬＸ　１２"), "gplx 12");
    }

    #[test]
    fn marks_are_detected() {
        assert!(words("kí")[0].has_marks());
        assert!(words("đi")[0].has_marks());
        assert!(!words("khai")[0].has_marks());
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(fold("Café Ünal"), "cafe ünal");
    }
}
