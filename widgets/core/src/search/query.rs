//! Query parsing: from the typed text to the readings the index looks up.
//!
//! A query is a list of *slots*, one per typed word or per abbreviation
//! that spans several words (`sổ đỏ`). A slot has *alternatives*: the words as
//! typed and each meaning from the abbreviation table. Each word of an
//! alternative has *readings*: as typed, and decoded as Telex or VNI when it
//! looks like raw keystrokes. Corrections that need the catalogue's
//! vocabulary (typos, words run together, prefixes) are added when the query
//! is resolved against the index.

use crate::model::is_national_procedure_code;

use super::abbreviations;
use super::input_method;
use super::normalize::{self, Token};

/// Maximum number of query words parsed; the rest is ignored. Citizens'
/// queries are a handful of words, and each slot costs one pass over its
/// postings.
pub(crate) const MAX_SLOTS: usize = 16;

/// Quality of a Telex or VNI reading, below the word as typed so a plain word
/// that looks like keystrokes still ranks its own matches first.
const DECODED_QUALITY: f32 = 0.95;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Query {
    pub slots: Vec<Slot>,
    /// True when the citizen typed tone or vowel marks anywhere, so the marks
    /// are meant and exact-diacritic matches rank higher.
    pub has_marks: bool,
}

/// One typed word or abbreviation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Slot {
    pub alternatives: Vec<Alternative>,
}

/// One way to read a slot: a phrase, each word with its readings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alternative {
    pub words: Vec<QueryWord>,
    pub source: Source,
}

/// Origin of an alternative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Typed,
    /// A meaning from the abbreviation table.
    Abbreviation,
    /// An unknown word split into known words (`dangky` → `dang ky`).
    Split,
}

/// A word of an alternative with its readings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct QueryWord {
    pub readings: Vec<Reading>,
    /// True for the last word the citizen typed, which may be unfinished and
    /// so also matches as a prefix.
    pub is_last_typed: bool,
    /// True when the word carries a tone mark: input methods add the tone
    /// once the syllable is typed, so such a word is taken as finished.
    pub has_tone: bool,
    /// True when the query has other words to give a one-letter word context.
    pub has_context: bool,
}

impl QueryWord {
    /// Returns true when the word may be the start of a longer one: the last
    /// word typed, without a tone mark, and of two letters or more unless
    /// other words come before it (`dang k`).
    pub(crate) fn may_be_unfinished(&self) -> bool {
        let length = self
            .typed()
            .map_or(0, |reading| reading.folded.chars().count());
        self.is_last_typed && !self.has_tone && (length >= 2 || (length == 1 && self.has_context))
    }

    /// Returns the reading of the word as typed.
    pub(crate) fn typed(&self) -> Option<&Reading> {
        self.readings
            .iter()
            .find(|reading| reading.kind == ReadingKind::Typed)
    }
}

/// One reading of a word.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reading {
    pub folded: String,
    /// Marked key, when the marks are known: the word was typed with marks,
    /// or decoded from keystrokes. A word typed without marks may mean any.
    pub marked: Option<String>,
    pub quality: f32,
    pub kind: ReadingKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReadingKind {
    Typed,
    Telex,
    Vni,
}

/// A query that names a procedure code instead of words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodeQuery {
    /// A full code as typed: a national code (`1.001193`) or a province's
    /// local copy of one (`1.000494.000.00.00.H29`), with its national part.
    Exact { code: String, national: String },
    /// The start of a national code (`1.0011`), as typed while the citizen
    /// is typing.
    Prefix(String),
}

/// Reads `text` as a procedure code, if it is one.
pub(crate) fn parse_code(text: &str) -> Option<CodeQuery> {
    let text = text.trim();
    if let Some((national, rest)) = text.split_at_checked(8) {
        if is_national_procedure_code(national) && (rest.is_empty() || rest.starts_with('.')) {
            return Some(CodeQuery::Exact {
                code: text.to_owned(),
                national: national.to_owned(),
            });
        }
    }

    let bytes = text.as_bytes();
    let is_prefix = bytes.len() >= 3
        && bytes.len() < 8
        && bytes[0].is_ascii_digit()
        && bytes[1] == b'.'
        && bytes[2..].iter().all(u8::is_ascii_digit);
    is_prefix.then(|| CodeQuery::Prefix(text.to_owned()))
}

/// Parses the words of a query.
pub(crate) fn parse(text: &str) -> Query {
    let mut tokens = normalize::tokens(text);
    tokens.truncate(MAX_SLOTS);
    let has_marks = tokens.iter().any(|token| token.has_marks);
    let words: Vec<String> = tokens.iter().map(|token| token.folded.clone()).collect();
    let last_index = tokens.len().saturating_sub(1);
    // A query that ends in a space or punctuation has no unfinished word.
    let ends_in_word = text
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || crate::text::letters::is_combining(c));

    let mut slots = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let entry = abbreviations::longest_match(&words[index..]);
        let span = entry.map_or(1, |entry| entry.typed.len());

        let typed_words = tokens[index..index + span]
            .iter()
            .enumerate()
            .map(|(offset, token)| {
                let is_last_typed = ends_in_word && index + offset == last_index;
                let mut word = typed_word(token, is_last_typed);
                word.has_context = tokens.len() > 1;
                word
            })
            .collect();
        let mut alternatives = vec![Alternative {
            words: typed_words,
            source: Source::Typed,
        }];
        if let Some(entry) = entry {
            for (meaning, marked) in entry.meanings.iter().zip(&entry.marked_meanings) {
                alternatives.push(Alternative {
                    words: meaning
                        .iter()
                        .zip(marked)
                        .map(|(folded, marked)| meaning_word(folded, marked))
                        .collect(),
                    source: Source::Abbreviation,
                });
            }
        }

        slots.push(Slot { alternatives });
        index += span;
    }

    Query { slots, has_marks }
}

fn typed_word(token: &Token, is_last_typed: bool) -> QueryWord {
    let mut readings = vec![Reading {
        folded: token.folded.clone(),
        marked: token.has_marks.then(|| token.marked.clone()),
        quality: 1.0,
        kind: ReadingKind::Typed,
    }];

    if !token.has_marks {
        let decoded = [
            (
                input_method::decode_telex(&token.folded),
                ReadingKind::Telex,
            ),
            (input_method::decode_vni(&token.folded), ReadingKind::Vni),
        ];
        for (letters, kind) in decoded {
            if let Some(letters) = letters {
                let (folded, marked) = normalize::keys(&letters);
                readings.push(Reading {
                    folded,
                    marked: Some(marked),
                    quality: DECODED_QUALITY,
                    kind,
                });
            }
        }
    }

    QueryWord {
        readings,
        is_last_typed,
        has_tone: token.has_tone,
        has_context: false,
    }
}

fn meaning_word(folded: &str, marked: &str) -> QueryWord {
    QueryWord {
        readings: vec![Reading {
            folded: folded.to_owned(),
            marked: Some(marked.to_owned()),
            quality: 1.0,
            kind: ReadingKind::Typed,
        }],
        is_last_typed: false,
        has_tone: false,
        has_context: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded_readings(word: &QueryWord) -> Vec<&str> {
        word.readings
            .iter()
            .map(|reading| reading.folded.as_str())
            .collect()
    }

    fn alternatives_of(query: &Query, slot: usize) -> Vec<String> {
        query.slots[slot]
            .alternatives
            .iter()
            .map(|alternative| {
                alternative
                    .words
                    .iter()
                    .map(|word| word.readings[0].folded.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn plain_query_has_one_slot_per_word() {
        let query = parse("dang ky khai sinh");
        assert_eq!(query.slots.len(), 4);
        assert!(!query.has_marks);
        assert_eq!(alternatives_of(&query, 3), vec!["sinh"]);
    }

    #[test]
    fn marks_are_noticed() {
        let query = parse("đăng ký");
        assert!(query.has_marks);
        let reading = query.slots[1].alternatives[0].words[0].typed().unwrap();
        assert_eq!(reading.folded, "ki");
        assert_eq!(reading.marked.as_deref(), Some("ki1"));
    }

    #[test]
    fn telex_word_gets_a_decoded_reading() {
        let query = parse("xoas ddawng kys thuwowngf trus");
        let expected = [
            ["xoas", "xoa"],
            ["ddawng", "dang"],
            ["kys", "ki"],
            ["thuwowngf", "thuong"],
            ["trus", "tru"],
        ];
        for (slot, expected) in query.slots.iter().zip(expected) {
            assert_eq!(folded_readings(&slot.alternatives[0].words[0]), expected);
        }
    }

    #[test]
    fn vni_word_gets_a_decoded_reading() {
        let query = parse("d9a8ng ky1 ke61t ho6n");
        let readings: Vec<Vec<&str>> = query
            .slots
            .iter()
            .map(|slot| folded_readings(&slot.alternatives[0].words[0]))
            .collect();
        assert_eq!(
            readings,
            vec![
                vec!["d9a8ng", "dang"],
                vec!["ky1", "ki"],
                vec!["ke61t", "ket"],
                vec!["ho6n", "hon"],
            ]
        );
    }

    #[test]
    fn decoded_reading_ranks_below_typed() {
        let query = parse("xoong");
        let word = &query.slots[0].alternatives[0].words[0];
        assert_eq!(word.readings[0].kind, ReadingKind::Typed);
        assert_eq!(word.readings[1].kind, ReadingKind::Telex);
        assert!(word.readings[1].quality < word.readings[0].quality);
    }

    #[test]
    fn accented_word_is_not_decoded() {
        let query = parse("vàng");
        assert_eq!(query.slots[0].alternatives[0].words[0].readings.len(), 1);
    }

    #[test]
    fn abbreviation_becomes_one_slot_with_meanings() {
        let query = parse("DOI GPLX QUAN SU");
        assert_eq!(query.slots.len(), 4);
        assert_eq!(alternatives_of(&query, 1), vec!["gplx", "giay phep lai xe"]);
    }

    #[test]
    fn colloquial_phrase_spans_its_words() {
        let query = parse("sang tên sổ đỏ");
        assert_eq!(query.slots.len(), 3);
        assert_eq!(
            alternatives_of(&query, 2),
            vec!["so do", "giay chung nhan quyen su dung dat"]
        );
    }

    #[test]
    fn lam_also_reads_as_cap() {
        let query = parse("lam the can cuoc");
        assert_eq!(alternatives_of(&query, 0), vec!["lam", "cap", "dang ki"]);
    }

    #[test]
    fn last_word_prefix_unless_space_follows() {
        let query = parse("khai si");
        assert!(query.slots[1].alternatives[0].words[0].is_last_typed);
        assert!(!query.slots[0].alternatives[0].words[0].is_last_typed);
        let query = parse("khai si ");
        assert!(!query.slots[1].alternatives[0].words[0].is_last_typed);
    }

    #[test]
    fn toned_last_word_is_finished() {
        let query = parse("sổ đỏ");
        let word = &query.slots[0].alternatives[0].words[1];
        assert!(word.is_last_typed);
        assert!(!word.may_be_unfinished());
        let query = parse("đăng");
        assert!(query.slots[0].alternatives[0].words[0].may_be_unfinished());
    }

    #[test]
    fn one_letter_prefix_needs_context() {
        let query = parse("dang k");
        assert!(query.slots[1].alternatives[0].words[0].may_be_unfinished());
        let query = parse("k");
        assert!(!query.slots[0].alternatives[0].words[0].may_be_unfinished());
    }

    #[test]
    fn long_query_is_cut() {
        let text = "a ".repeat(40);
        assert_eq!(parse(&text).slots.len(), MAX_SLOTS);
    }

    #[test]
    fn empty_query_has_no_slots() {
        assert!(parse("").slots.is_empty());
        assert!(parse(" ,. ").slots.is_empty());
    }

    #[test]
    fn code_queries() {
        assert_eq!(
            parse_code(" 1.000894 "),
            Some(CodeQuery::Exact {
                code: "1.000894".into(),
                national: "1.000894".into()
            })
        );
        assert_eq!(
            parse_code("1.000494.000.00.00.H29"),
            Some(CodeQuery::Exact {
                code: "1.000494.000.00.00.H29".into(),
                national: "1.000494".into()
            })
        );
        assert_eq!(
            parse_code("1.0008"),
            Some(CodeQuery::Prefix("1.0008".into()))
        );
        assert_eq!(parse_code("1.0008945"), None);
        assert_eq!(parse_code("dang ky"), None);
        assert_eq!(parse_code("14"), None);
        assert_eq!(parse_code("1."), None);
    }
}
