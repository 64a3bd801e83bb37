//! Ranking in two phases.
//!
//! 1. *Matching* walks the postings of every resolved word and gives each
//!    procedure a relevance in 0..=1: the idf-weighted share of the query's
//!    slots it matches, each slot counted by its best match (the part it
//!    occurs in: name above field above agency above body text; and the
//!    reading's quality: typed above decoded above prefix above typo).
//!    Procedures that match too small a share of the query drop out.
//! 2. *Ordering* looks at the name of the best candidates only and adds
//!    bonuses: query words next to each other in the name, the whole query as
//!    one phrase, the name starting with the query, how much of the name the
//!    query covers, and marks typed exactly as the name writes them. Bonuses
//!    are bounded, so candidates whose relevance plus the largest bonus
//!    cannot reach the page are never looked at.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::api::TextRange;

use super::facets::FilterSet;
use super::index::{part_weight, Index};
use super::resolve::{ResolvedSlot, ResolvedWord};
use super::Hit;

/// Share of the query's weight a procedure must match when the query has
/// three slots or more. Citizens add words the names lack, so half is enough
/// to be listed; the ordering puts fuller matches first. When no procedure
/// reaches the share, those with the best share are returned.
const MIN_COVERAGE: f32 = 0.5;
/// The share with two slots: one whole word and part of a phrase
/// (`làm lại` in `đăng ký lại`), not one word alone.
const TWO_SLOT_COVERAGE: f32 = 0.7;

/// Bonus scaled by the weight share of the longest run of two or more
/// consecutive slots that match consecutive name words: the core of the
/// query found as a phrase, even when the citizen added other words.
const RUN_BONUS: f32 = 0.25;
/// Bonus when the whole query is one phrase of the name.
const PHRASE_BONUS: f32 = 0.08;
/// Bonus when the name starts with the first slot (after `Thủ tục`).
const START_BONUS: f32 = 0.05;
/// Bonus scaled by the idf-weighted share of the name the query covers,
/// which prefers `Gia hạn tạm trú` to longer names containing it.
const NAME_COVERAGE_BONUS: f32 = 0.2;
/// Bonus scaled by the share of marked slots whose marks equal the name's.
const ACCENT_BONUS: f32 = 0.1;
/// Bonus per sign that citizens carry out the procedure themselves (see
/// `Index::citizen_signs`): a small prior for the widget's users, which
/// decides between otherwise equal matches.
const CITIZEN_BONUS: f32 = 0.02;

/// The largest total of the bonuses above, which bounds how far ordering can
/// lift a candidate.
const MAX_BONUS: f32 = RUN_BONUS
    + PHRASE_BONUS
    + START_BONUS
    + NAME_COVERAGE_BONUS
    + ACCENT_BONUS
    + 2.0 * CITIZEN_BONUS;

/// A procedure that matches the query, before ordering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub doc: usize,
    pub relevance: f32,
}

/// Returns the procedures that match enough of the query and pass the
/// filters, in procedure order.
pub(crate) fn match_documents(
    slots: &[ResolvedSlot],
    index: &Index,
    filters: &FilterSet,
) -> Vec<Candidate> {
    let count = index.len();
    if slots.is_empty() || count == 0 {
        return Vec::new();
    }

    let rows: Vec<SlotRow> = slots.iter().map(|slot| slot_scores(slot, index)).collect();
    let total_weight: f32 = slots
        .iter()
        .map(|slot| slot.weight)
        .sum::<f32>()
        .max(f32::EPSILON);

    let mut matched = Vec::new();
    let mut best_coverage = 0.0f32;
    for doc in 0..count {
        let mut coverage = 0.0;
        let mut relevance = 0.0;
        for (slot, row) in slots.iter().zip(&rows) {
            let score = row.scores[doc];
            if score > 0.0 {
                coverage += slot.weight * row.share(doc);
                relevance += slot.weight * score;
            }
        }
        if coverage == 0.0 || !filters.admits(index, doc) {
            continue;
        }
        let coverage = coverage / total_weight;
        best_coverage = best_coverage.max(coverage);
        matched.push((doc, coverage, relevance / total_weight));
    }

    let required = match slots.len() {
        1 => 1.0,
        2 => TWO_SLOT_COVERAGE,
        _ => MIN_COVERAGE,
    };
    let threshold = required.min(best_coverage) - 1e-4;
    matched
        .into_iter()
        .filter(|(_, coverage, _)| *coverage >= threshold)
        .map(|(doc, _, relevance)| Candidate { doc, relevance })
        .collect()
}

/// One slot's match of every procedure.
pub(crate) struct SlotRow {
    /// Best match, in 0..=1.
    pub scores: Vec<f32>,
    /// Share of the words of the best-covered alternative that occur, when
    /// the slot has a phrase alternative; otherwise every match is whole.
    shares: Option<Vec<f32>>,
}

impl SlotRow {
    fn share(&self, doc: usize) -> f32 {
        self.shares
            .as_ref()
            .map_or(1.0, |shares| shares.get(doc).copied().unwrap_or(0.0))
    }
}

/// Returns each procedure's best match of one slot. A phrase alternative
/// (`làm lại`, `giấy phép lái xe`) scores the mean of its words, so a
/// procedure with only some of them matches in part.
pub(crate) fn slot_scores(slot: &ResolvedSlot, index: &Index) -> SlotRow {
    let count = index.len();
    let mut scores = vec![0.0f32; count];
    let mut shares: Option<Vec<f32>> = None;
    for alternative in &slot.alternatives {
        if let [word] = alternative.words.as_slice() {
            add_word_scores(word, index, &mut scores);
            continue;
        }

        let mut sums = vec![0.0f32; count];
        let mut found = vec![0u8; count];
        for word in &alternative.words {
            let mut word_scores = vec![0.0f32; count];
            add_word_scores(word, index, &mut word_scores);
            for (doc, score) in word_scores.iter().enumerate() {
                if *score > 0.0 {
                    sums[doc] += score;
                    found[doc] = found[doc].saturating_add(1);
                }
            }
        }
        let words = alternative.words.len() as f32;
        let shares = shares.get_or_insert_with(|| vec![0.0f32; count]);
        for doc in 0..count {
            scores[doc] = scores[doc].max(sums[doc] / words);
            shares[doc] = shares[doc].max(f32::from(found[doc]) / words);
        }
    }

    // One-word alternatives match whole wherever they match.
    if let Some(shares) = shares.as_mut() {
        for alternative in slot.alternatives.iter().filter(|a| a.words.len() == 1) {
            for found in &alternative.words[0].matches {
                for (doc, _) in index.postings(found.term) {
                    if let Some(share) = shares.get_mut(doc) {
                        *share = 1.0;
                    }
                }
            }
        }
    }
    SlotRow { scores, shares }
}

fn add_word_scores(word: &ResolvedWord, index: &Index, row: &mut [f32]) {
    for found in &word.matches {
        for (doc, mask) in index.postings(found.term) {
            let score = found.quality * part_weight(mask);
            if let Some(cell) = row.get_mut(doc) {
                if score > *cell {
                    *cell = score;
                }
            }
        }
    }
}

/// A query word's match in the name lookup.
#[derive(Clone, Copy, Debug)]
struct LookupEntry {
    term: u32,
    slot: usize,
    alternative: usize,
    word: usize,
    marked: Option<u32>,
}

/// The resolved query seen from the name words: which slot each catalogue
/// word answers to.
pub(crate) struct NameMatcher<'a> {
    slots: &'a [ResolvedSlot],
    entries: Vec<LookupEntry>,
    has_marks: bool,
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
        NameMatcher {
            slots,
            entries,
            has_marks,
        }
    }

    fn entries_for(&self, term: u32) -> &[LookupEntry] {
        let start = self.entries.partition_point(|entry| entry.term < term);
        let end = self.entries.partition_point(|entry| entry.term <= term);
        self.entries.get(start..end).unwrap_or(&[])
    }
}

/// A name word that answers a slot.
#[derive(Clone, Copy, Debug)]
struct NameHit {
    alternative: usize,
    word: usize,
    position: u16,
    range: TextRange,
    /// `Some(true)` when the typed marks equal the name's.
    accent_exact: Option<bool>,
}

/// Word positions of the name that one slot covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u16,
    end: u16,
}

/// Orders `candidates` and returns the best `offset + limit` as hits, best
/// first; ties keep catalogue order.
pub(crate) fn order(
    mut candidates: Vec<Candidate>,
    matcher: &NameMatcher,
    index: &Index,
    wanted: usize,
) -> Vec<Hit> {
    if wanted == 0 {
        return Vec::new();
    }
    candidates.sort_by(|a, b| b.relevance.total_cmp(&a.relevance).then(a.doc.cmp(&b.doc)));

    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(wanted + 1);
    for candidate in candidates {
        if best.len() == wanted {
            let worst = best.peek().map_or(f32::MIN, |Reverse(ranked)| ranked.score);
            if candidate.relevance + MAX_BONUS < worst {
                break;
            }
        }
        let (bonus, highlights) = name_bonus(candidate.doc, matcher, index);
        best.push(Reverse(Ranked {
            score: candidate.relevance + bonus.total(),
            doc: candidate.doc,
            highlights,
        }));
        if best.len() > wanted {
            best.pop();
        }
    }

    let mut ranked: Vec<Ranked> = best.into_iter().map(|Reverse(ranked)| ranked).collect();
    ranked.sort_by(|a, b| b.cmp(a));
    ranked
        .into_iter()
        .map(|ranked| Hit {
            doc: ranked.doc,
            score: ranked.score,
            name_highlights: ranked.highlights,
        })
        .collect()
}

/// A scored procedure; greater is better.
struct Ranked {
    score: f32,
    doc: usize,
    highlights: Vec<TextRange>,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// The parts of a procedure's name bonus, each already scaled.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NameBonus {
    pub run: f32,
    pub phrase: f32,
    pub start: f32,
    pub name_coverage: f32,
    pub accent: f32,
    pub citizen: f32,
}

impl NameBonus {
    pub(crate) fn total(&self) -> f32 {
        self.run + self.phrase + self.start + self.name_coverage + self.accent + self.citizen
    }
}

/// Returns the name bonus of one procedure and the ranges of its name that
/// the query matched.
pub(crate) fn name_bonus(
    doc: usize,
    matcher: &NameMatcher,
    index: &Index,
) -> (NameBonus, Vec<TextRange>) {
    let slots = matcher.slots;
    let words = index.names.get(doc);
    let mut hits: Vec<Vec<NameHit>> = vec![Vec::new(); slots.len()];
    for name_word in words {
        for entry in matcher.entries_for(name_word.term) {
            hits[entry.slot].push(NameHit {
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

    let shown = shown_hits(slots, &hits);
    let mut highlights: Vec<TextRange> = shown.iter().map(|hit| hit.range).collect();
    highlights.sort_by_key(|range| (range.start, range.end));
    highlights.dedup();

    // Expanded abbreviations repeat a position: each position counts once,
    // with the weight of the word written in the name.
    let mut covered: Vec<u16> = shown.iter().map(|hit| hit.position).collect();
    covered.sort_unstable();
    covered.dedup();
    let name_start = index.name_starts.get(doc).copied().unwrap_or(0);
    let mut covered_weight = 0.0f32;
    let mut last_position = None;
    for name_word in words.iter().filter(|word| word.position >= name_start) {
        if last_position == Some(name_word.position) {
            continue;
        }
        last_position = Some(name_word.position);
        if covered.binary_search(&name_word.position).is_ok() {
            covered_weight += index.vocabulary.idf(name_word.term);
        }
    }

    let spans: Vec<Vec<Span>> = slots
        .iter()
        .zip(&hits)
        .map(|(slot, hits)| slot_spans(slot, hits))
        .collect();

    let mut bonus = NameBonus::default();
    if spans.len() >= 2 {
        let weights: Vec<f32> = slots.iter().map(|slot| slot.weight).collect();
        let total: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
        bonus.run = RUN_BONUS * longest_run(&spans, &weights) / total;
        if is_phrase(&spans) {
            bonus.phrase = PHRASE_BONUS;
        }
    }

    let starts_name = spans
        .first()
        .is_some_and(|first| first.iter().any(|span| span.start <= name_start));
    if starts_name {
        bonus.start = START_BONUS;
    }

    let name_weight = index.name_weights.get(doc).copied().unwrap_or(0.0);
    if name_weight > 0.0 {
        bonus.name_coverage = NAME_COVERAGE_BONUS * (covered_weight / name_weight).min(1.0);
    }

    if matcher.has_marks {
        bonus.accent = ACCENT_BONUS * accent_share(&hits);
    }

    let signs = index.citizen_signs.get(doc).copied().unwrap_or(0);
    bonus.citizen = CITIZEN_BONUS * f32::from(signs);

    (bonus, highlights)
}

/// Returns the hits worth marking in the name: per slot, those of the
/// alternatives whose words all occur (so `sổ đỏ` marks `giấy chứng nhận …`,
/// not a stray `sở`), and of those, when some hit has exactly the typed
/// marks, only the hits that do.
fn shown_hits(slots: &[ResolvedSlot], hits: &[Vec<NameHit>]) -> Vec<NameHit> {
    let mut shown = Vec::new();
    for (slot, slot_hits) in slots.iter().zip(hits) {
        let complete: Vec<usize> = slot
            .alternatives
            .iter()
            .enumerate()
            .filter(|(index, alternative)| {
                (0..alternative.words.len()).all(|word| {
                    slot_hits
                        .iter()
                        .any(|hit| hit.alternative == *index && hit.word == word)
                })
            })
            .map(|(index, _)| index)
            .collect();
        let any_exact = slot_hits.iter().any(|hit| hit.accent_exact == Some(true));
        shown.extend(slot_hits.iter().filter(|hit| {
            complete.contains(&hit.alternative) && !(any_exact && hit.accent_exact == Some(false))
        }));
    }
    shown
}

/// Returns the name spans one slot covers: each position of a one-word
/// alternative, and for a phrase alternative the span from its first to its
/// last word when all its words occur.
fn slot_spans(slot: &ResolvedSlot, hits: &[NameHit]) -> Vec<Span> {
    let mut spans = Vec::new();
    for (alternative_index, alternative) in slot.alternatives.iter().enumerate() {
        let words = alternative.words.len();
        let of_alternative = hits
            .iter()
            .filter(|hit| hit.alternative == alternative_index);
        if words == 1 {
            spans.extend(of_alternative.map(|hit| Span {
                start: hit.position,
                end: hit.position,
            }));
            continue;
        }

        let mut first_positions: Vec<Option<u16>> = vec![None; words];
        for hit in of_alternative {
            if let Some(first) = first_positions.get_mut(hit.word) {
                if first.is_none_or(|position| hit.position < position) {
                    *first = Some(hit.position);
                }
            }
        }
        // A phrase spread over the name is no phrase: its words must sit
        // within one extra word of each other.
        let positions: Option<Vec<u16>> = first_positions.into_iter().collect();
        if let Some(positions) = positions {
            let start = positions.iter().copied().min().unwrap_or(0);
            let end = positions.iter().copied().max().unwrap_or(0);
            if usize::from(end - start) <= words {
                spans.push(Span { start, end });
            }
        }
    }
    spans
}

/// Returns true when a span of the first slot ends right before (or, for an
/// expanded abbreviation, at) a span of the second.
fn is_adjacent(first: &[Span], second: &[Span]) -> bool {
    first.iter().any(|a| {
        second
            .iter()
            .any(|b| b.start == a.end + 1 || (b.start == a.end && b != a))
    })
}

/// Returns the weight of the heaviest run of two or more consecutive slots
/// whose spans follow each other in the name.
fn longest_run(spans: &[Vec<Span>], weights: &[f32]) -> f32 {
    let mut best = 0.0f32;
    // Per span of the previous slot: weight and length of the best run
    // ending there.
    let mut previous: Vec<(Span, f32, usize)> = Vec::new();
    for (slot_spans, weight) in spans.iter().zip(weights) {
        let current: Vec<(Span, f32, usize)> = slot_spans
            .iter()
            .map(|span| {
                let before = previous
                    .iter()
                    .filter(|(earlier, _, _)| is_adjacent(&[*earlier], &[*span]))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match before {
                    Some((_, run, length)) => (*span, run + weight, length + 1),
                    None => (*span, *weight, 1),
                }
            })
            .collect();
        for (_, run, length) in &current {
            if *length >= 2 {
                best = best.max(*run);
            }
        }
        previous = current;
    }
    best
}

/// Returns true when the slots match one run of the name, in query order.
fn is_phrase(spans: &[Vec<Span>]) -> bool {
    let Some((first, rest)) = spans.split_first() else {
        return false;
    };
    let mut reachable: Vec<Span> = first.clone();
    for next in rest {
        reachable = next
            .iter()
            .filter(|b| is_adjacent(&reachable, std::slice::from_ref(b)))
            .copied()
            .collect();
        if reachable.is_empty() {
            return false;
        }
    }
    true
}

/// Returns the share of slots with known marks whose name match has the
/// same marks.
fn accent_share(hits: &[Vec<NameHit>]) -> f32 {
    let mut known = 0;
    let mut exact = 0;
    for slot_hits in hits {
        let marks: Vec<bool> = slot_hits
            .iter()
            .filter_map(|hit| hit.accent_exact)
            .collect();
        if marks.is_empty() {
            continue;
        }
        known += 1;
        if marks.contains(&true) {
            exact += 1;
        }
    }
    if known == 0 {
        0.0
    } else {
        exact as f32 / known as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: u16, end: u16) -> Span {
        Span { start, end }
    }

    #[test]
    fn adjacency_of_spans() {
        assert!(is_adjacent(&[span(1, 1)], &[span(2, 2)]));
        assert!(is_adjacent(&[span(0, 0), span(5, 5)], &[span(6, 8)]));
        assert!(!is_adjacent(&[span(1, 1)], &[span(3, 3)]));
        assert!(!is_adjacent(&[span(2, 2)], &[span(1, 1)]));
        assert!(!is_adjacent(&[span(2, 2)], &[span(2, 2)]));
    }

    #[test]
    fn phrase_needs_one_run_in_order() {
        assert!(is_phrase(&[
            vec![span(0, 0)],
            vec![span(1, 1)],
            vec![span(2, 4)]
        ]));
        assert!(!is_phrase(&[vec![span(0, 0)], vec![span(2, 2)]]));
        assert!(!is_phrase(&[vec![span(1, 1)], vec![span(0, 0)]]));
        assert!(is_phrase(&[vec![span(3, 3)]]));
    }

    #[test]
    fn longest_run_weighs_consecutive_slots() {
        let spans = vec![
            vec![span(0, 0)],
            vec![span(1, 1)],
            vec![span(5, 5)],
            vec![span(6, 8)],
            vec![span(9, 9)],
        ];
        let weights = [1.0, 2.0, 0.5, 1.0, 1.0];
        assert_eq!(longest_run(&spans, &weights), 3.0);
        assert_eq!(longest_run(&spans[..1], &weights[..1]), 0.0);
        assert_eq!(longest_run(&[vec![span(0, 0)], vec![]], &[1.0, 1.0]), 0.0);
    }

    #[test]
    fn accent_share_counts_known_slots() {
        let hit = |accent_exact| NameHit {
            alternative: 0,
            word: 0,
            position: 0,
            range: TextRange::default(),
            accent_exact,
        };
        let hits = vec![
            vec![hit(Some(true))],
            vec![hit(Some(false)), hit(Some(false))],
            vec![hit(None)],
        ];
        assert_eq!(accent_share(&hits), 0.5);
        assert_eq!(accent_share(&[]), 0.0);
    }
}
