//! Typo tolerance for short Vietnamese syllables.
//!
//! Vietnamese words are syllables of two to seven letters, so a general edit
//! distance of two would match almost anything. One edit is allowed: a swap
//! of neighbouring letters (`kahi` → `khai`, `hno` → `hon`), a missing or an
//! extra letter (`kai` → `khai`), or a wrong letter. Swaps and missing letters
//! are the common slips on a phone keyboard, so they weigh more than a wrong
//! letter. Callers ask for corrections only for words that match nothing as
//! typed, which is what keeps a fuzzy match from outranking an exact one.

/// The one edit that turns a typed word into a catalogue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    /// Two neighbouring letters swapped.
    Transposition,
    /// A letter left out of the typed word.
    MissingLetter,
    /// A letter too many in the typed word.
    ExtraLetter,
    /// One letter replaced by another.
    Substitution,
}

impl Edit {
    /// Returns the match quality (1.0 is an exact match) of a word found
    /// through this edit.
    pub(crate) fn quality(self) -> f32 {
        match self {
            Edit::Transposition => 0.7,
            Edit::MissingLetter => 0.65,
            Edit::ExtraLetter => 0.55,
            Edit::Substitution => 0.5,
        }
    }
}

/// Minimum length of a typed word that gets corrections: two-letter words
/// are one edit away from too many others.
pub(crate) const MIN_TYPO_LENGTH: usize = 3;

/// Returns the edit that turns `typed` into `word` when exactly one edit
/// does; both are folded ASCII keys.
pub(crate) fn single_edit(typed: &str, word: &str) -> Option<Edit> {
    let typed = typed.as_bytes();
    let word = word.as_bytes();
    let prefix = typed.iter().zip(word).take_while(|(a, b)| a == b).count();
    let typed_rest = &typed[prefix..];
    let word_rest = &word[prefix..];

    match typed.len() as isize - word.len() as isize {
        0 => {
            if typed_rest.is_empty() {
                return None;
            }
            if typed_rest[1..] == word_rest[1..] {
                return Some(Edit::Substitution);
            }
            let swapped = typed_rest.len() >= 2
                && typed_rest[0] == word_rest[1]
                && typed_rest[1] == word_rest[0]
                && typed_rest[2..] == word_rest[2..];
            swapped.then_some(Edit::Transposition)
        }
        -1 => (typed_rest == &word_rest[1..]).then_some(Edit::MissingLetter),
        1 => (&typed_rest[1..] == word_rest).then_some(Edit::ExtraLetter),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_letters_are_one_transposition() {
        assert_eq!(single_edit("kahi", "khai"), Some(Edit::Transposition));
        assert_eq!(single_edit("hno", "hon"), Some(Edit::Transposition));
        assert_eq!(single_edit("dnag", "dang"), Some(Edit::Transposition));
    }

    #[test]
    fn missing_and_extra_letters() {
        assert_eq!(single_edit("kai", "khai"), Some(Edit::MissingLetter));
        assert_eq!(single_edit("sin", "sinh"), Some(Edit::MissingLetter));
        assert_eq!(single_edit("khaii", "khai"), Some(Edit::ExtraLetter));
        assert_eq!(single_edit("nhanh", "nhan"), Some(Edit::ExtraLetter));
    }

    #[test]
    fn wrong_letter_is_a_substitution() {
        assert_eq!(single_edit("thur", "thue"), Some(Edit::Substitution));
        assert_eq!(single_edit("xinh", "sinh"), Some(Edit::Substitution));
    }

    #[test]
    fn equal_or_distant_words_have_no_single_edit() {
        assert_eq!(single_edit("khai", "khai"), None);
        assert_eq!(single_edit("khai", "sinh"), None);
        assert_eq!(single_edit("hno", "hoan"), None);
        assert_eq!(single_edit("ab", "abcd"), None);
        assert_eq!(single_edit("", "a"), Some(Edit::MissingLetter));
    }

    #[test]
    fn swap_and_missing_letter_outweigh_wrong_letter() {
        assert!(Edit::Transposition.quality() > Edit::Substitution.quality());
        assert!(Edit::MissingLetter.quality() > Edit::Substitution.quality());
        assert!(Edit::Transposition.quality() < 1.0);
    }
}
