//! Name matches: which words of a procedure's name match which slot of the
//! query, and which of them to mark for the citizen. Highlights are
//! character ranges of the original, accented name.

use crate::api::TextRange;

use super::index::Index;
use super::resolve::ResolvedSlot;

/// A query word's match in the name lookup.
#[derive(Clone, Copy, Debug)]
struct LookupEntry {
    term: u32,
    slot: usize,
    alternative: usize,
    word: usize,
    marked: Option<u32>,
}

/// The resolved query seen from the name words: the slots each catalogue
/// word matches.
pub(crate) struct NameMatcher<'a> {
    pub slots: &'a [ResolvedSlot],
    entries: Vec<LookupEntry>,
    /// True when the query has marks, so accent exactness counts.
    pub has_marks: bool,
    /// Weight of each slot, and their sum (never zero).
    pub weights: Vec<f32>,
    pub total_weight: f32,
}

impl<'a> NameMatcher<'a> {
    pub(crate) fn new(slots: &'a [ResolvedSlot], has_marks: bool) -> NameMatcher<'a> {
        let mut entries = Vec::new();
        for (slot_index, slot) in slots.iter().enumerate() {
            for (alternative_index, alternative) in slot.alternatives.iter().enumerate() {
                for (word_index, word) in alternative.words.iter().enumerate() {
                    entries.extend(word.matches.iter().map(|found| LookupEntry {
                        term: found.term,
                        slot: slot_index,
                        alternative: alternative_index,
                        word: word_index,
                        marked: found.marked,
                    }));
                }
            }
        }
        entries.sort_by_key(|entry| entry.term);
        let weights: Vec<f32> = slots.iter().map(|slot| slot.weight).collect();
        let total_weight = weights.iter().sum::<f32>().max(f32::EPSILON);
        NameMatcher {
            slots,
            entries,
            has_marks,
            weights,
            total_weight,
        }
    }

    fn entries_for(&self, term: u32) -> &[LookupEntry] {
        let start = self.entries.partition_point(|entry| entry.term < term);
        let end = self.entries.partition_point(|entry| entry.term <= term);
        self.entries.get(start..end).unwrap_or(&[])
    }
}

/// A name word that matches a slot.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NameHit {
    pub alternative: usize,
    pub word: usize,
    pub position: u16,
    pub range: TextRange,
    /// `Some(true)` when the typed marks equal the name's.
    pub accent_exact: Option<bool>,
}

/// Fills `hits`, per slot, with the words of the procedure's name that match
/// it. The vectors are reused from procedure to procedure.
pub(crate) fn fill_name_hits(
    doc: usize,
    matcher: &NameMatcher,
    index: &Index,
    hits: &mut Vec<Vec<NameHit>>,
) {
    hits.resize_with(matcher.slots.len(), Vec::new);
    for slot_hits in hits.iter_mut() {
        slot_hits.clear();
    }
    for name_word in index.names.get(doc) {
        for entry in matcher.entries_for(name_word.term) {
            if let Some(slot_hits) = hits.get_mut(entry.slot) {
                slot_hits.push(NameHit {
                    alternative: entry.alternative,
                    word: entry.word,
                    position: name_word.position,
                    range: TextRange {
                        start: name_word.start,
                        end: name_word.end,
                    },
                    accent_exact: entry.marked.map(|marked| marked == name_word.marked),
                });
            }
        }
    }
}

/// Returns the character ranges of the procedure's name to mark, in order.
pub(crate) fn highlights(doc: usize, matcher: &NameMatcher, index: &Index) -> Vec<TextRange> {
    let mut hits = Vec::new();
    fill_name_hits(doc, matcher, index, &mut hits);
    let mut ranges = Vec::new();
    for_each_shown(matcher.slots, &hits, |hit| ranges.push(hit.range));
    ranges.sort_by_key(|range| (range.start, range.end));
    ranges.dedup();
    ranges
}

/// Calls `visit` with each hit worth marking in the name. Per slot, these are
/// the hits of alternatives whose words all occur, so `sổ đỏ` marks `giấy
/// chứng nhận …` and not a stray `sở`. When some hit has exactly the typed
/// marks, only the hits that do are kept.
pub(crate) fn for_each_shown(
    slots: &[ResolvedSlot],
    hits: &[Vec<NameHit>],
    mut visit: impl FnMut(&NameHit),
) {
    for (slot, slot_hits) in slots.iter().zip(hits) {
        if slot_hits.is_empty() {
            continue;
        }
        let any_exact = slot_hits.iter().any(|hit| hit.accent_exact == Some(true));
        for hit in slot_hits {
            let accent_ok = !(any_exact && hit.accent_exact == Some(false));
            if accent_ok && is_complete(slot, slot_hits, hit.alternative) {
                visit(hit);
            }
        }
    }
}

/// Returns true when every word of the alternative occurs among the hits.
fn is_complete(slot: &ResolvedSlot, slot_hits: &[NameHit], alternative: usize) -> bool {
    let words = slot
        .alternatives
        .get(alternative)
        .map_or(0, |found| found.words.len());
    (0..words).all(|word| {
        slot_hits
            .iter()
            .any(|hit| hit.alternative == alternative && hit.word == word)
    })
}
