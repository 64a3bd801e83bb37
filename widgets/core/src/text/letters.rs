//! Vietnamese letters split into a base letter, a modifier and a tone.
//!
//! Precomposed letters (NFC) come from one table. Decomposed text (NFD) has
//! the same information spread over a base letter and combining marks, which
//! [`combining_mark`] reads. Knowing the tone apart from the letter is what
//! makes old and new tone placement (`hoà`, `hòa`) compare equal: the
//! position of the mark inside the syllable is simply not kept.

use std::sync::OnceLock;

/// Tone (dấu thanh) of a syllable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Thanh ngang: no mark.
    #[default]
    Level,
    /// Thanh huyền: `à`.
    Grave,
    /// Thanh sắc: `á`.
    Acute,
    /// Thanh hỏi: `ả`.
    Hook,
    /// Thanh ngã: `ã`.
    Tilde,
    /// Thanh nặng: `ạ`.
    Dot,
}

impl Tone {
    /// Tones in the column order of the letter table.
    const COLUMNS: [Tone; 6] = [
        Tone::Level,
        Tone::Grave,
        Tone::Acute,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];

    /// Returns the digit the VNI input method types for this tone: acute 1,
    /// grave 2, hook 3, tilde 4, dot 5, and 0 for the level tone.
    pub fn vni_digit(self) -> u8 {
        match self {
            Tone::Level => 0,
            Tone::Acute => 1,
            Tone::Grave => 2,
            Tone::Hook => 3,
            Tone::Tilde => 4,
            Tone::Dot => 5,
        }
    }

    fn column(self) -> usize {
        match self {
            Tone::Level => 0,
            Tone::Grave => 1,
            Tone::Acute => 2,
            Tone::Hook => 3,
            Tone::Tilde => 4,
            Tone::Dot => 5,
        }
    }
}

/// Mark that turns a base letter into another letter of the alphabet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Modifier {
    #[default]
    None,
    /// `â`, `ê`, `ô`.
    Circumflex,
    /// `ă`.
    Breve,
    /// `ơ`, `ư`.
    Horn,
    /// `đ`.
    Stroke,
}

/// A letter of Vietnamese text, split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The ASCII lower-case letter under the marks (`d` for `Đ`).
    pub base: char,
    pub modifier: Modifier,
    pub tone: Tone,
    pub uppercase: bool,
}

/// A combining mark of decomposed (NFD) Vietnamese text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Tone(Tone),
    Modifier(Modifier),
}

/// Each vowel with its modifier, in the six tones (level, grave, acute, hook,
/// tilde, dot), lower case then upper case.
const VOWEL_ROWS: [(char, Modifier, &str, &str); 12] = [
    ('a', Modifier::None, "aàáảãạ", "AÀÁẢÃẠ"),
    ('a', Modifier::Breve, "ăằắẳẵặ", "ĂẰẮẲẴẶ"),
    ('a', Modifier::Circumflex, "âầấẩẫậ", "ÂẦẤẨẪẬ"),
    ('e', Modifier::None, "eèéẻẽẹ", "EÈÉẺẼẸ"),
    ('e', Modifier::Circumflex, "êềếểễệ", "ÊỀẾỂỄỆ"),
    ('i', Modifier::None, "iìíỉĩị", "IÌÍỈĨỊ"),
    ('o', Modifier::None, "oòóỏõọ", "OÒÓỎÕỌ"),
    ('o', Modifier::Circumflex, "ôồốổỗộ", "ÔỒỐỔỖỘ"),
    ('o', Modifier::Horn, "ơờớởỡợ", "ƠỜỚỞỠỢ"),
    ('u', Modifier::None, "uùúủũụ", "UÙÚỦŨỤ"),
    ('u', Modifier::Horn, "ưừứửữự", "ƯỪỨỬỮỰ"),
    ('y', Modifier::None, "yỳýỷỹỵ", "YỲÝỶỸỴ"),
];

/// Returns every precomposed letter of the table, sorted by character.
fn precomposed() -> &'static [(char, Letter)] {
    static TABLE: OnceLock<Vec<(char, Letter)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::with_capacity(150);
        for (base, modifier, lower, upper) in VOWEL_ROWS {
            for (forms, uppercase) in [(lower, false), (upper, true)] {
                for (c, tone) in forms.chars().zip(Tone::COLUMNS) {
                    let letter = Letter {
                        base,
                        modifier,
                        tone,
                        uppercase,
                    };
                    table.push((c, letter));
                }
            }
        }
        table.sort_by_key(|(c, _)| *c);
        table
    })
}

/// Splits a letter into base, modifier and tone. ASCII letters, the
/// Vietnamese vowels in every tone, and `đ` with its look-alikes (`Ð` U+00D0,
/// `ð`, `Ɖ`, `ɖ`) are letters; anything else returns `None`.
pub fn decompose(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase(),
            modifier: Modifier::None,
            tone: Tone::Level,
            uppercase: c.is_ascii_uppercase(),
        });
    }
    if c.is_ascii() {
        return None;
    }

    let stroke = match c {
        'đ' | 'ð' | 'ɖ' => Some(false),
        'Đ' | 'Ð' | 'Ɖ' => Some(true),
        _ => None,
    };
    if let Some(uppercase) = stroke {
        return Some(Letter {
            base: 'd',
            modifier: Modifier::Stroke,
            tone: Tone::Level,
            uppercase,
        });
    }

    let table = precomposed();
    table
        .binary_search_by_key(&c, |(key, _)| *key)
        .ok()
        .and_then(|index| table.get(index))
        .map(|(_, letter)| *letter)
}

/// Composes a letter from its parts; `None` when Vietnamese has no such
/// letter (a tone on a consonant, a horn on `a`).
pub fn compose(letter: Letter) -> Option<char> {
    if letter.base == 'd' && letter.modifier == Modifier::Stroke {
        return (letter.tone == Tone::Level).then_some(if letter.uppercase { 'Đ' } else { 'đ' });
    }
    let row = VOWEL_ROWS
        .iter()
        .find(|(base, modifier, _, _)| *base == letter.base && *modifier == letter.modifier);
    match row {
        Some((_, _, lower, upper)) => {
            let forms = if letter.uppercase { upper } else { lower };
            forms.chars().nth(letter.tone.column())
        }
        None if letter.modifier == Modifier::None && letter.tone == Tone::Level => {
            let c = letter.base;
            c.is_ascii_alphabetic().then(|| {
                if letter.uppercase {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
        }
        None => None,
    }
}

/// Reads a combining mark that carries a Vietnamese tone or modifier.
/// U+0340 and U+0341, the deprecated tone marks some old fonts and input
/// methods still produce, count as grave and acute.
pub fn combining_mark(c: char) -> Option<Mark> {
    let mark = match c {
        '\u{0300}' | '\u{0340}' => Mark::Tone(Tone::Grave),
        '\u{0301}' | '\u{0341}' => Mark::Tone(Tone::Acute),
        '\u{0309}' => Mark::Tone(Tone::Hook),
        '\u{0303}' => Mark::Tone(Tone::Tilde),
        '\u{0323}' => Mark::Tone(Tone::Dot),
        '\u{0302}' => Mark::Modifier(Modifier::Circumflex),
        '\u{0306}' => Mark::Modifier(Modifier::Breve),
        '\u{031B}' => Mark::Modifier(Modifier::Horn),
        _ => return None,
    };
    Some(mark)
}

/// Returns true for a combining mark of any script: it belongs to the letter
/// before it, so it never separates words.
pub fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decompose_reads_every_table_letter() {
        for (base, modifier, lower, upper) in VOWEL_ROWS {
            for (forms, uppercase) in [(lower, false), (upper, true)] {
                for (c, tone) in forms.chars().zip(Tone::COLUMNS) {
                    let letter = decompose(c).unwrap();
                    assert_eq!(letter.base, base, "{c}");
                    assert_eq!(letter.modifier, modifier, "{c}");
                    assert_eq!(letter.tone, tone, "{c}");
                    assert_eq!(letter.uppercase, uppercase, "{c}");
                    assert_eq!(compose(letter), Some(c), "{c}");
                }
            }
        }
    }

    #[test]
    fn table_has_six_tones_per_row() {
        for (_, _, lower, upper) in VOWEL_ROWS {
            assert_eq!(lower.chars().count(), 6, "{lower}");
            assert_eq!(upper.chars().count(), 6, "{upper}");
        }
        assert_eq!(precomposed().len(), 144);
    }

    #[test]
    fn d_look_alikes_are_d_with_stroke() {
        for c in ['đ', 'Đ', 'Ð', 'ð', 'Ɖ', 'ɖ'] {
            let letter = decompose(c).unwrap();
            assert_eq!(letter.base, 'd', "{c}");
            assert_eq!(letter.modifier, Modifier::Stroke, "{c}");
        }
    }

    #[test]
    fn non_letters_are_not_decomposed() {
        assert_eq!(decompose('1'), None);
        assert_eq!(decompose('-'), None);
        assert_eq!(decompose('ç'), None);
    }

    #[test]
    fn compose_rejects_impossible_letters() {
        let letter = Letter {
            base: 'a',
            modifier: Modifier::Horn,
            tone: Tone::Level,
            uppercase: false,
        };
        assert_eq!(compose(letter), None);
        let toned_consonant = Letter {
            base: 'k',
            modifier: Modifier::None,
            tone: Tone::Acute,
            uppercase: false,
        };
        assert_eq!(compose(toned_consonant), None);
    }

    #[test]
    fn combining_marks_map_to_tones_and_modifiers() {
        assert_eq!(combining_mark('\u{0301}'), Some(Mark::Tone(Tone::Acute)));
        assert_eq!(combining_mark('\u{0341}'), Some(Mark::Tone(Tone::Acute)));
        assert_eq!(combining_mark('\u{0323}'), Some(Mark::Tone(Tone::Dot)));
        assert_eq!(
            combining_mark('\u{031B}'),
            Some(Mark::Modifier(Modifier::Horn))
        );
        assert_eq!(combining_mark('\u{0308}'), None);
        assert!(is_combining('\u{0308}'));
    }
}
