//! Decoding of Telex and VNI keystrokes left in a query when the citizen's
//! input method was off: `ddawng kys` and `d9a8ng ky1` both mean `đăng ký`.
//!
//! A decoded word is only an alternative reading. The query keeps the word as
//! typed too, so a plain word that happens to look like Telex (`xoong`, `visa`)
//! still matches itself first.
//!
//! Both decoders read one syllable: an initial consonant cluster, a vowel
//! nucleus and a final consonant, each checked against Vietnamese spelling, so
//! keystroke-like strings that cannot be a Vietnamese syllable are left alone.

use crate::text::{Letter, Modifier, Tone};

use super::normalize::is_vowel;

/// Initial consonant clusters of Vietnamese (`gi` and `qu` read as `g`/`q`
/// and a vowel, `đ` as `d` with a stroke).
const ONSETS: [&str; 26] = [
    "", "b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
];

/// Vowel nuclei, without marks, as they appear after the onsets above.
const NUCLEI: [&str; 40] = [
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe",
    "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye", "ieu", "yeu", "oai", "oay", "oeo",
    "uai", "uay", "uoi", "uou", "uya", "uye", "uyu", "iuo",
];

/// Final consonants of Vietnamese.
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// A syllable being decoded.
#[derive(Default)]
struct Syllable {
    onset: Vec<Letter>,
    nucleus: Vec<Letter>,
    coda: Vec<Letter>,
    tone: Tone,
    /// True once a keystroke changed something: without one, the word is
    /// plain text and has no other reading.
    keyed: bool,
}

impl Syllable {
    fn push_consonant(&mut self, base: char) -> bool {
        if self.nucleus.is_empty() {
            self.onset.push(plain(base));
        } else {
            self.coda.push(plain(base));
        }
        true
    }

    /// Adds a vowel; returns false after a final consonant, where no vowel
    /// can stand in a syllable.
    fn push_vowel(&mut self, base: char) -> bool {
        if !self.coda.is_empty() {
            return false;
        }
        self.nucleus.push(plain(base));
        true
    }

    /// Applies a modifier to the last vowel that takes it; returns false when
    /// no vowel does.
    fn modify_last_vowel(&mut self, modifier: Modifier, bases: &[char]) -> bool {
        match self
            .nucleus
            .iter_mut()
            .rev()
            .find(|letter| bases.contains(&letter.base) && letter.modifier == Modifier::None)
        {
            Some(letter) => {
                letter.modifier = modifier;
                self.keyed = true;
                true
            }
            None => false,
        }
    }

    /// Applies the horn: `uo` takes it on both letters (`ươ`), otherwise the
    /// last `o` or `u` does.
    fn apply_horn(&mut self) -> bool {
        let length = self.nucleus.len();
        for start in (0..length.saturating_sub(1)).rev() {
            let (first, second) = (self.nucleus[start], self.nucleus[start + 1]);
            if first.base == 'u' && second.base == 'o' && second.modifier == Modifier::None {
                self.nucleus[start].modifier = Modifier::Horn;
                self.nucleus[start + 1].modifier = Modifier::Horn;
                self.keyed = true;
                return true;
            }
        }
        self.modify_last_vowel(Modifier::Horn, &['o', 'u'])
    }

    fn set_tone(&mut self, tone: Tone) -> bool {
        if self.nucleus.is_empty() {
            return false;
        }
        self.tone = tone;
        self.keyed = true;
        true
    }

    /// Returns the letters when they spell a Vietnamese syllable and a
    /// keystroke was decoded.
    fn finish(mut self) -> Option<Vec<Letter>> {
        if !self.keyed || self.nucleus.is_empty() {
            return None;
        }
        let onset = bases(&self.onset);
        let nucleus = bases(&self.nucleus);
        let coda = bases(&self.coda);
        if !ONSETS.contains(&onset.as_str())
            || !is_nucleus(&onset, &nucleus)
            || !CODAS.contains(&coda.as_str())
        {
            return None;
        }

        if let Some(first) = self.nucleus.first_mut() {
            first.tone = self.tone;
        }
        let mut letters = self.onset;
        letters.extend(self.nucleus);
        letters.extend(self.coda);
        Some(letters)
    }
}

/// Decodes Telex keystrokes. Doubled `aa` `ee` `oo` give `â` `ê` `ô`; `aw`
/// gives `ă`; `ow` `uw` give `ơ` `ư` (`uow` gives `ươ`); `w` alone gives `ư`;
/// `dd` gives `đ`. The tone keys `s` `f` `r` `x` `j` (and `z`, which clears)
/// may come anywhere after the first vowel. Returns `None` when `word` has no
/// Telex keystroke or is no syllable.
pub(crate) fn decode_telex(word: &str) -> Option<Vec<Letter>> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut syllable = Syllable::default();
    let mut keys = word;

    if let Some(rest) = word.strip_prefix("dd") {
        keys = rest;
        syllable.onset.push(Letter {
            modifier: Modifier::Stroke,
            ..plain('d')
        });
        syllable.keyed = true;
    }

    for c in keys.chars() {
        let in_onset = syllable.nucleus.is_empty();
        let decoded = match c {
            'a' | 'e' | 'o' if doubles_last_vowel(&syllable, c) => {
                syllable.modify_last_vowel(Modifier::Circumflex, &[c])
            }
            _ if is_vowel(c) => syllable.push_vowel(c),
            'w' => {
                if in_onset {
                    syllable.nucleus.push(Letter {
                        modifier: Modifier::Horn,
                        ..plain('u')
                    });
                    syllable.keyed = true;
                    true
                } else {
                    syllable.apply_horn() || syllable.modify_last_vowel(Modifier::Breve, &['a'])
                }
            }
            's' | 'f' | 'r' | 'x' | 'j' | 'z' if !in_onset => syllable.set_tone(telex_tone(c)),
            'f' | 'j' | 'z' => false,
            _ => syllable.push_consonant(c),
        };
        if !decoded {
            return None;
        }
    }
    syllable.finish()
}

/// Decodes VNI keystrokes: digits after the letters they change, `1`–`5`
/// for the tones (acute, grave, hook, tilde, dot), `6` circumflex, `7` horn,
/// `8` breve, `9` `đ`. Returns `None` when `word` has no such digit, starts
/// with a digit or is no syllable, so numbers and codes (`14`, `cc04`) stay.
pub(crate) fn decode_vni(word: &str) -> Option<Vec<Letter>> {
    let starts_with_letter = word.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if !starts_with_letter
        || !word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return None;
    }
    let mut syllable = Syllable::default();

    for c in word.chars() {
        let decoded = match c {
            '1' => syllable.set_tone(Tone::Acute),
            '2' => syllable.set_tone(Tone::Grave),
            '3' => syllable.set_tone(Tone::Hook),
            '4' => syllable.set_tone(Tone::Tilde),
            '5' => syllable.set_tone(Tone::Dot),
            '6' => syllable.modify_last_vowel(Modifier::Circumflex, &['a', 'e', 'o']),
            '7' => syllable.apply_horn(),
            '8' => syllable.modify_last_vowel(Modifier::Breve, &['a']),
            '9' => match syllable.onset.first_mut() {
                Some(first) if first.base == 'd' && first.modifier == Modifier::None => {
                    first.modifier = Modifier::Stroke;
                    syllable.keyed = true;
                    true
                }
                _ => false,
            },
            _ if c.is_ascii_digit() => false,
            _ if is_vowel(c) => syllable.push_vowel(c),
            _ => syllable.push_consonant(c),
        };
        if !decoded {
            return None;
        }
    }
    syllable.finish()
}

/// Returns true when `nucleus` can follow `onset`. After `g` and `q` the
/// first vowel may belong to the onset (`gi`, `qu`), as in `giấy` and `quyền`.
fn is_nucleus(onset: &str, nucleus: &str) -> bool {
    if NUCLEI.contains(&nucleus) {
        return true;
    }
    match (onset, nucleus.get(..1), nucleus.get(1..)) {
        ("g", Some("i"), Some(rest)) | ("q", Some("u"), Some(rest)) => NUCLEI.contains(&rest),
        _ => false,
    }
}

/// Returns true when `c` right after the same unmarked vowel is the Telex
/// doubling (`aa` → `â`).
fn doubles_last_vowel(syllable: &Syllable, c: char) -> bool {
    syllable.coda.is_empty()
        && syllable
            .nucleus
            .last()
            .is_some_and(|last| last.base == c && last.modifier == Modifier::None)
}

fn telex_tone(key: char) -> Tone {
    match key {
        's' => Tone::Acute,
        'f' => Tone::Grave,
        'r' => Tone::Hook,
        'x' => Tone::Tilde,
        'j' => Tone::Dot,
        _ => Tone::Level,
    }
}

fn plain(base: char) -> Letter {
    Letter {
        base,
        modifier: Modifier::None,
        tone: Tone::Level,
        uppercase: false,
    }
}

fn bases(letters: &[Letter]) -> String {
    letters.iter().map(|letter| letter.base).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize;

    /// Returns the marked key of the decoded word, to compare with the key of
    /// the accented word.
    fn marked(letters: Option<Vec<Letter>>) -> Option<String> {
        letters.map(|letters| normalize::keys(&letters).1)
    }

    fn marked_word(word: &str) -> Option<String> {
        Some(normalize::tokens(word)[0].marked.clone())
    }

    #[test]
    fn telex_decodes_citizen_keystrokes() {
        let cases = [
            ("ddawng", "đăng"),
            ("kys", "ký"),
            ("xoas", "xóa"),
            ("thuwowngf", "thường"),
            ("trus", "trú"),
            ("hoon", "hôn"),
            ("keets", "kết"),
            ("nuwowcs", "nước"),
            ("tw", "tư"),
            ("nguowif", "người"),
            ("giaasy", "giấy"),
            ("phesp", "phép"),
            ("caaps", "cấp"),
            ("ddoor", "đổ"),
            ("baor", "bảo"),
            ("hieemr", "hiểm"),
            ("yte", "yte"),
        ];
        for (typed, word) in cases {
            if typed == word {
                assert_eq!(decode_telex(typed), None, "{typed}");
            } else {
                assert_eq!(marked(decode_telex(typed)), marked_word(word), "{typed}");
            }
        }
    }

    #[test]
    fn telex_tone_key_may_come_before_the_final() {
        assert_eq!(marked(decode_telex("thuwowfng")), marked_word("thường"));
        assert_eq!(marked(decode_telex("keest")), marked_word("kết"));
    }

    #[test]
    fn telex_leaves_plain_words() {
        for word in [
            "dang", "ky", "khai", "sinh", "thuong", "tru", "xoa", "tre", "nghieng",
        ] {
            assert_eq!(decode_telex(word), None, "{word}");
        }
    }

    #[test]
    fn telex_rejects_non_syllables() {
        for word in ["gplx", "bhyt", "cccd", "abcdefg", "xyzzy", "sss", "w1"] {
            assert_eq!(decode_telex(word), None, "{word}");
        }
    }

    #[test]
    fn telex_z_clears_the_tone() {
        assert_eq!(marked(decode_telex("kysz")), Some("ki".to_owned()));
    }

    #[test]
    fn vni_decodes_citizen_keystrokes() {
        let cases = [
            ("d9a8ng", "đăng"),
            ("ky1", "ký"),
            ("ke61t", "kết"),
            ("ho6n", "hôn"),
            ("thu7o7ng2", "thường"),
            ("thuo7ng2", "thường"),
            ("xo1a", "xóa"),
            ("tru1", "trú"),
            ("ho65", "hộ"),
            ("ho5", "họ"),
            ("chie61u", "chiếu"),
        ];
        for (typed, word) in cases {
            assert_eq!(marked(decode_vni(typed)), marked_word(word), "{typed}");
        }
    }

    #[test]
    fn vni_leaves_numbers_and_codes() {
        for word in ["14", "2024", "cc04", "h29", "qh13", "dang", "k1", "1a"] {
            assert_eq!(decode_vni(word), None, "{word}");
        }
    }
}
