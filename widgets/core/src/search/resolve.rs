//! Resolution of a parsed query against the index's vocabulary: each reading
//! becomes the ids of the catalogue words it matches, with a quality.
//!
//! This is where the corrections that need the vocabulary happen, in order
//! of trust. First comes the word itself with its Telex or VNI reading, then,
//! for the last word only, the words it starts. Only when none of these
//! exists come typo corrections. A word that is no catalogue word may also be
//! split into words run together (`dangky`).

use super::index::Index;
use super::normalize;
use super::query::{Alternative, Query, QueryWord, ReadingKind, Source};
use super::typo::{self, MIN_TYPO_LENGTH};

/// Quality of a catalogue word that the last query word only starts.
const PREFIX_QUALITY: f32 = 0.8;

/// The same when the last word is a catalogue word itself, and so more
/// likely finished (`con` rather than the start of `công`).
const PREFIX_OF_WORD_QUALITY: f32 = 0.5;

/// Exponent applied to a slot's idf to weigh it. Citizens add words the
/// names lack (`bị mất`, `cho con`); with the plain idf one such rare word
/// outweighs the rest of the query.
const IDF_EXPONENT: f32 = 0.5;

/// Most words a prefix may stand for; the most frequent are kept, as those
/// are what a citizen halfway through a word most likely means.
const MAX_PREFIX_WORDS: usize = 64;

/// The same when the last word is a catalogue word itself: it is probably
/// finished, so only its most frequent continuations are tried.
const MAX_PREFIXES_OF_WORD: usize = 8;

/// Quality factor of the words of a split (`dangky` → `dang ky`).
const SPLIT_QUALITY: f32 = 0.8;

/// Most parts a run-together word is split into.
const MAX_SPLIT_PARTS: usize = 4;

/// Longest Vietnamese syllable, in letters (`nghiêng`): no part of a split
/// is longer, which keeps splitting linear in the word's length.
const MAX_SYLLABLE_LETTERS: usize = 7;

/// Marker for a marked key that no name word has.
pub(crate) const ABSENT_MARKED: u32 = u32::MAX;

/// A catalogue word that a query word matches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TermMatch {
    pub term: u32,
    pub quality: f32,
    /// Marked key the reading expects (an id of the index's marked keys, or
    /// [`ABSENT_MARKED`]); `None` when the marks are unknown.
    pub marked: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResolvedWord {
    /// Sorted by term, one entry per term with its best quality.
    pub matches: Vec<TermMatch>,
    pub idf: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResolvedAlternative {
    pub words: Vec<ResolvedWord>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResolvedSlot {
    pub alternatives: Vec<ResolvedAlternative>,
    /// Importance of the slot: the idf of its most specific alternative.
    pub weight: f32,
}

/// Resolves every slot; slots none of whose alternatives match a catalogue
/// word are left out, so one unknown word does not empty the results.
pub(crate) fn resolve(query: &Query, index: &Index) -> Vec<ResolvedSlot> {
    let mut slots = Vec::with_capacity(query.slots.len());
    for slot in &query.slots {
        let mut alternatives = Vec::new();
        for alternative in &slot.alternatives {
            let words: Vec<ResolvedWord> = alternative
                .words
                .iter()
                .map(|word| resolve_word(word, index))
                .collect();
            if alternative.source == Source::Typed && words.len() == 1 && !has_exact(&words[0]) {
                alternatives.extend(split_alternative(alternative, index));
            }
            if words.iter().all(|word| !word.matches.is_empty()) {
                alternatives.push(ResolvedAlternative {
                    words,
                    source: alternative.source,
                });
            }
        }

        let idf = alternatives
            .iter()
            .map(|alternative| {
                let sum: f32 = alternative.words.iter().map(|word| word.idf).sum();
                sum / alternative.words.len().max(1) as f32
            })
            .fold(0.0, f32::max);
        let weight = idf.powf(IDF_EXPONENT);
        if !alternatives.is_empty() {
            slots.push(ResolvedSlot {
                alternatives,
                weight,
            });
        }
    }
    slots
}

fn resolve_word(word: &QueryWord, index: &Index) -> ResolvedWord {
    let vocabulary = &index.vocabulary;
    let mut matches: Vec<TermMatch> = Vec::new();

    for reading in &word.readings {
        if let Some(term) = vocabulary.id(&reading.folded) {
            let marked = reading
                .marked
                .as_deref()
                .map(|marked| index.marked_id(marked).unwrap_or(ABSENT_MARKED));
            matches.push(TermMatch {
                term,
                quality: reading.quality,
                marked,
            });
        }
    }

    let typed = word.typed().map(|reading| reading.folded.as_str());
    if let (true, Some(typed)) = (word.is_last_typed, typed) {
        if word.may_be_unfinished() {
            let mut prefixed: Vec<u32> = vocabulary
                .prefix_range(typed)
                .filter(|term| vocabulary.term(*term) != typed)
                .collect();
            prefixed.sort_by_key(|term| std::cmp::Reverse(vocabulary.document_frequency(*term)));
            let (quality, most) = if vocabulary.id(typed).is_some() {
                (PREFIX_OF_WORD_QUALITY, MAX_PREFIXES_OF_WORD)
            } else {
                (PREFIX_QUALITY, MAX_PREFIX_WORDS)
            };
            prefixed.truncate(most);
            matches.extend(prefixed.into_iter().map(|term| TermMatch {
                term,
                quality,
                marked: None,
            }));
        }
    }

    if let (true, Some(typed)) = (matches.is_empty(), typed) {
        matches.extend(typo_matches(typed, index));
    }

    finish_word(matches, index)
}

/// Sorts and deduplicates matches and computes the word's idf: that of its
/// best match, the most frequent among equals.
fn finish_word(mut matches: Vec<TermMatch>, index: &Index) -> ResolvedWord {
    matches.sort_by(|a, b| a.term.cmp(&b.term).then(b.quality.total_cmp(&a.quality)));
    matches.dedup_by_key(|found| found.term);

    let vocabulary = &index.vocabulary;
    let best = matches.iter().max_by(|a, b| {
        a.quality.total_cmp(&b.quality).then(
            vocabulary
                .document_frequency(a.term)
                .cmp(&vocabulary.document_frequency(b.term)),
        )
    });
    let idf = best.map_or(0.0, |found| vocabulary.idf(found.term));
    ResolvedWord { matches, idf }
}

fn has_exact(word: &ResolvedWord) -> bool {
    word.matches.iter().any(|found| found.quality >= 0.9)
}

/// Returns the name and field words one edit away from `typed`.
fn typo_matches(typed: &str, index: &Index) -> Vec<TermMatch> {
    if typed.len() < MIN_TYPO_LENGTH || !typed.is_ascii() {
        return Vec::new();
    }
    let vocabulary = &index.vocabulary;
    (0..vocabulary.len() as u32)
        .filter(|term| vocabulary.is_name_word(*term))
        .filter_map(|term| {
            let word = vocabulary.term(term);
            if word.len().abs_diff(typed.len()) > 1 {
                return None;
            }
            typo::single_edit(typed, word).map(|edit| TermMatch {
                term,
                quality: edit.quality(),
                marked: None,
            })
        })
        .collect()
}

/// Splits a word typed without spaces into name words, fewest parts first.
fn split_alternative(alternative: &Alternative, index: &Index) -> Option<ResolvedAlternative> {
    let typed = alternative.words.first()?.typed()?;
    let length = typed.folded.len();
    let longest = MAX_SPLIT_PARTS * MAX_SYLLABLE_LETTERS;
    if typed.kind != ReadingKind::Typed
        || !(4..=longest).contains(&length)
        || !typed.folded.is_ascii()
    {
        return None;
    }
    let parts = split_into_words(&typed.folded, index)?;
    let words = parts
        .into_iter()
        .map(|term| {
            let found = TermMatch {
                term,
                quality: SPLIT_QUALITY,
                marked: None,
            };
            finish_word(vec![found], index)
        })
        .collect();
    Some(ResolvedAlternative {
        words,
        source: Source::Split,
    })
}

/// Returns the term ids of the shortest split of `text` into name words of
/// two letters or more.
fn split_into_words(text: &str, index: &Index) -> Option<Vec<u32>> {
    let vocabulary = &index.vocabulary;
    let length = text.len();
    // best[end] = (parts, previous end, term) of the best split of text[..end].
    let mut best: Vec<Option<(usize, usize, u32)>> = vec![None; length + 1];
    best[0] = Some((0, 0, 0));

    for end in 2..=length {
        let earliest = end.saturating_sub(MAX_SYLLABLE_LETTERS);
        for start in (earliest..end.saturating_sub(1)).rev() {
            let Some((parts, _, _)) = best[start] else {
                continue;
            };
            if parts >= MAX_SPLIT_PARTS {
                continue;
            }
            let Some(term) = text
                .get(start..end)
                .and_then(|piece| vocabulary.id(&normalize::fold_key(piece)))
            else {
                continue;
            };
            if !vocabulary.is_name_word(term) {
                continue;
            }
            let better = best[end].is_none_or(|(current, _, _)| parts + 1 < current);
            if better {
                best[end] = Some((parts + 1, start, term));
            }
        }
    }

    let (parts, _, _) = best[length]?;
    if parts < 2 {
        return None;
    }
    let mut terms = Vec::with_capacity(parts);
    let mut end = length;
    while end > 0 {
        let (_, start, term) = best[end]?;
        terms.push(term);
        end = start;
    }
    terms.reverse();
    Some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Procedure;
    use crate::search::query::parse;

    fn index() -> Index {
        let names = [
            "Thủ tục đăng ký khai sinh",
            "Thủ tục đăng ký kết hôn",
            "Cấp giấy phép lái xe",
            "Khai thác thông tin",
        ];
        let procedures: Vec<Procedure> = names
            .iter()
            .map(|name| Procedure {
                name: (*name).into(),
                ..Procedure::default()
            })
            .collect();
        Index::build(&procedures)
    }

    fn terms(index: &Index, word: &ResolvedWord) -> Vec<String> {
        word.matches
            .iter()
            .map(|found| index.vocabulary.term(found.term).to_owned())
            .collect()
    }

    #[test]
    fn typed_word_resolves_exactly() {
        let index = index();
        let slots = resolve(&parse("khai sinh "), &index);
        assert_eq!(slots.len(), 2);
        let word = &slots[0].alternatives[0].words[0];
        assert_eq!(terms(&index, word), vec!["khai"]);
        assert_eq!(word.matches[0].quality, 1.0);
    }

    #[test]
    fn last_word_also_matches_as_prefix() {
        let index = index();
        let slots = resolve(&parse("khai si"), &index);
        let word = &slots[1].alternatives[0].words[0];
        assert_eq!(terms(&index, word), vec!["sinh"]);
        assert_eq!(word.matches[0].quality, PREFIX_QUALITY);
    }

    #[test]
    fn unknown_word_gets_typo_corrections() {
        let index = index();
        let slots = resolve(&parse("ket hno "), &index);
        let word = &slots[1].alternatives[0].words[0];
        assert!(terms(&index, word).contains(&"hon".to_owned()));
        assert!(word.matches.iter().all(|found| found.quality < 1.0));
    }

    #[test]
    fn known_word_gets_no_typo_corrections() {
        let index = index();
        let slots = resolve(&parse("khai "), &index);
        assert_eq!(
            terms(&index, &slots[0].alternatives[0].words[0]),
            vec!["khai"]
        );
    }

    #[test]
    fn telex_reading_resolves() {
        let index = index();
        let slots = resolve(&parse("ddawng kys "), &index);
        assert_eq!(
            terms(&index, &slots[0].alternatives[0].words[0]),
            vec!["dang"]
        );
        assert_eq!(
            terms(&index, &slots[1].alternatives[0].words[0]),
            vec!["ki"]
        );
    }

    #[test]
    fn run_together_words_are_split() {
        let index = index();
        let slots = resolve(&parse("dangky khaisinh "), &index);
        assert_eq!(slots.len(), 2);
        let split = &slots[0].alternatives[0];
        assert_eq!(split.source, Source::Split);
        let parts: Vec<Vec<String>> = split.words.iter().map(|word| terms(&index, word)).collect();
        assert_eq!(parts, vec![vec!["dang"], vec!["ki"]]);
    }

    #[test]
    fn long_unknown_word_is_handled_quickly() {
        let index = index();
        let word = "khai".repeat(5000);
        let slots = resolve(&parse(&word), &index);
        assert!(slots.len() <= 1);
    }

    #[test]
    fn unknown_slot_is_dropped() {
        let index = index();
        let slots = resolve(&parse("khai zzzqqq "), &index);
        assert_eq!(slots.len(), 1);
    }

    #[test]
    fn marked_reading_expects_its_marked_key() {
        let index = index();
        let slots = resolve(&parse("kết hôn"), &index);
        let found = slots[0].alternatives[0].words[0].matches[0];
        assert!(found.marked.is_some_and(|id| id != ABSENT_MARKED));
        let slots = resolve(&parse("kệt"), &index);
        let found = slots[0].alternatives[0].words[0].matches[0];
        assert_eq!(found.marked, Some(ABSENT_MARKED));
    }

    #[test]
    fn abbreviation_meaning_resolves() {
        let index = index();
        let slots = resolve(&parse("gplx "), &index);
        assert_eq!(slots.len(), 1);
        assert_eq!(slots[0].alternatives[0].source, Source::Abbreviation);
        assert_eq!(slots[0].alternatives[0].words.len(), 4);
    }
}
