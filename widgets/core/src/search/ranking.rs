//! Ordering, the second phase of ranking after `matching`. It looks at the
//! names of the best candidates and adds bonuses to their relevance for the
//! longest run of query words found in order in the name, the whole query as
//! one phrase, the name starting with the query, how much of the name the
//! query covers, and marks typed exactly as the name writes them. A small
//! prior favours procedures citizens carry out themselves. Bonuses are
//! bounded, so candidates whose relevance plus the largest bonus cannot reach
//! the page are never looked at.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::highlight::{fill_name_hits, for_each_shown, highlights, NameHit, NameMatcher};
use super::index::Index;
use super::matching::Candidate;
use super::resolve::ResolvedSlot;
use super::Hit;

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

/// Word positions of the name that one slot covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u16,
    end: u16,
}

/// Orders `candidates` and returns the best `wanted` as hits, best first;
/// ties keep catalogue order.
pub(crate) fn order(
    mut candidates: Vec<Candidate>,
    matcher: &NameMatcher,
    index: &Index,
    wanted: usize,
) -> Vec<Hit> {
    if wanted == 0 {
        return Vec::new();
    }
    let by_relevance =
        |a: &Candidate, b: &Candidate| b.relevance.total_cmp(&a.relevance).then(a.doc.cmp(&b.doc));

    // Candidates are sorted a chunk at a time, because pruning usually stops
    // long before the end of a long list. Chunks double, so a list that is
    // read to the end costs one sort's worth of work.
    let mut chunk = wanted.saturating_mul(8).max(256);
    let mut sorted = 0;
    let mut scratch = NameScratch::default();
    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(wanted + 1);
    for position in 0..candidates.len() {
        if position == sorted {
            let rest = &mut candidates[sorted..];
            let take = chunk.min(rest.len());
            if take < rest.len() {
                rest.select_nth_unstable_by(take - 1, by_relevance);
            }
            rest[..take].sort_by(by_relevance);
            sorted += take;
            chunk = chunk.saturating_mul(2);
        }
        let candidate = candidates[position];

        if best.len() == wanted {
            let worst = best.peek().map_or(f32::MIN, |Reverse(ranked)| ranked.score);
            if candidate.relevance + MAX_BONUS < worst {
                break;
            }
        }
        let bonus = name_bonus(candidate.doc, matcher, index, &mut scratch);
        best.push(Reverse(Ranked {
            score: candidate.relevance + bonus.total(),
            doc: candidate.doc,
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
            name_highlights: highlights(ranked.doc, matcher, index),
        })
        .collect()
}

/// A scored procedure; greater is better.
struct Ranked {
    score: f32,
    doc: usize,
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

/// Buffers for looking at names, reused from candidate to candidate so that
/// ordering allocates nothing per procedure.
#[derive(Default)]
pub(crate) struct NameScratch {
    hits: Vec<Vec<NameHit>>,
    covered: Vec<u16>,
    spans: Vec<Vec<Span>>,
    first_positions: Vec<Option<u16>>,
    runs: Vec<(Span, f32, usize)>,
    next_runs: Vec<(Span, f32, usize)>,
}

/// Returns the name bonus of one procedure.
pub(crate) fn name_bonus(
    doc: usize,
    matcher: &NameMatcher,
    index: &Index,
    scratch: &mut NameScratch,
) -> NameBonus {
    let slots = matcher.slots;
    fill_name_hits(doc, matcher, index, &mut scratch.hits);

    // Expanded abbreviations repeat a position: each position counts once,
    // with the weight of the word written in the name.
    scratch.covered.clear();
    for_each_shown(slots, &scratch.hits, |hit| {
        scratch.covered.push(hit.position)
    });
    scratch.covered.sort_unstable();
    scratch.covered.dedup();
    let name_start = index.name_starts.get(doc).copied().unwrap_or(0);
    let mut covered_weight = 0.0f32;
    let mut last_position = None;
    for name_word in index
        .names
        .get(doc)
        .iter()
        .filter(|word| word.position >= name_start)
    {
        if last_position == Some(name_word.position) {
            continue;
        }
        last_position = Some(name_word.position);
        if scratch.covered.binary_search(&name_word.position).is_ok() {
            covered_weight += index.vocabulary.idf(name_word.term);
        }
    }

    scratch.spans.resize_with(slots.len(), Vec::new);
    for ((slot, hits), spans) in slots.iter().zip(&scratch.hits).zip(&mut scratch.spans) {
        slot_spans(slot, hits, spans, &mut scratch.first_positions);
    }
    let spans = &scratch.spans[..slots.len()];

    let mut bonus = NameBonus::default();
    if spans.len() >= 2 {
        let run = longest_run(
            spans,
            &matcher.weights,
            &mut scratch.runs,
            &mut scratch.next_runs,
        );
        bonus.run = RUN_BONUS * run / matcher.total_weight;
        if is_phrase(spans, &mut scratch.runs, &mut scratch.next_runs) {
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
        bonus.accent = ACCENT_BONUS * accent_share(&scratch.hits[..slots.len()]);
    }

    let signs = index.citizen_signs.get(doc).copied().unwrap_or(0);
    bonus.citizen = CITIZEN_BONUS * f32::from(signs);

    bonus
}

/// Fills `spans` with the name spans one slot covers: each position of a
/// one-word alternative, and for a phrase alternative the span from its first
/// to its last word when all its words occur.
fn slot_spans(
    slot: &ResolvedSlot,
    hits: &[NameHit],
    spans: &mut Vec<Span>,
    first_positions: &mut Vec<Option<u16>>,
) {
    spans.clear();
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

        first_positions.clear();
        first_positions.resize(words, None);
        for hit in of_alternative {
            if let Some(first) = first_positions.get_mut(hit.word) {
                if first.is_none_or(|position| hit.position < position) {
                    *first = Some(hit.position);
                }
            }
        }
        // A phrase spread over the name is no phrase: its words must sit
        // within one extra word of each other.
        if first_positions.iter().all(Option::is_some) {
            let positions = first_positions.iter().flatten();
            let start = positions.clone().copied().min().unwrap_or(0);
            let end = positions.copied().max().unwrap_or(0);
            if usize::from(end - start) <= words {
                spans.push(Span { start, end });
            }
        }
    }
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
/// whose spans follow each other in the name. `runs` and `next_runs` are
/// reused buffers.
fn longest_run(
    spans: &[Vec<Span>],
    weights: &[f32],
    runs: &mut Vec<(Span, f32, usize)>,
    next_runs: &mut Vec<(Span, f32, usize)>,
) -> f32 {
    let mut best = 0.0f32;
    // Per span of the previous slot: weight and length of the best run
    // ending there.
    runs.clear();
    for (slot_spans, weight) in spans.iter().zip(weights) {
        next_runs.clear();
        for span in slot_spans {
            let before = runs
                .iter()
                .filter(|(earlier, _, _)| is_adjacent(&[*earlier], &[*span]))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let run = match before {
                Some((_, run, length)) => (*span, run + weight, length + 1),
                None => (*span, *weight, 1),
            };
            if run.2 >= 2 {
                best = best.max(run.1);
            }
            next_runs.push(run);
        }
        std::mem::swap(runs, next_runs);
    }
    best
}

/// Returns true when the slots match one run of the name, in query order.
/// `reachable` and `next` are reused buffers.
fn is_phrase(
    spans: &[Vec<Span>],
    reachable: &mut Vec<(Span, f32, usize)>,
    next: &mut Vec<(Span, f32, usize)>,
) -> bool {
    let Some((first, rest)) = spans.split_first() else {
        return false;
    };
    reachable.clear();
    reachable.extend(first.iter().map(|span| (*span, 0.0, 0)));
    for slot_spans in rest {
        next.clear();
        next.extend(
            slot_spans
                .iter()
                .filter(|b| reachable.iter().any(|(a, _, _)| is_adjacent(&[*a], &[**b])))
                .map(|span| (*span, 0.0, 0)),
        );
        std::mem::swap(reachable, next);
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
        let mut marks = slot_hits
            .iter()
            .filter_map(|hit| hit.accent_exact)
            .peekable();
        if marks.peek().is_none() {
            continue;
        }
        known += 1;
        if marks.any(|same| same) {
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

    fn phrase(spans: &[Vec<Span>]) -> bool {
        is_phrase(spans, &mut Vec::new(), &mut Vec::new())
    }

    fn run(spans: &[Vec<Span>], weights: &[f32]) -> f32 {
        longest_run(spans, weights, &mut Vec::new(), &mut Vec::new())
    }

    #[test]
    fn phrase_needs_one_run_in_order() {
        assert!(phrase(&[
            vec![span(0, 0)],
            vec![span(1, 1)],
            vec![span(2, 4)]
        ]));
        assert!(!phrase(&[vec![span(0, 0)], vec![span(2, 2)]]));
        assert!(!phrase(&[vec![span(1, 1)], vec![span(0, 0)]]));
        assert!(phrase(&[vec![span(3, 3)]]));
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
        assert_eq!(run(&spans, &weights), 3.0);
        assert_eq!(run(&spans[..1], &weights[..1]), 0.0);
        assert_eq!(run(&[vec![span(0, 0)], vec![]], &[1.0, 1.0]), 0.0);
    }

    #[test]
    fn accent_share_counts_known_slots() {
        let hit = |accent_exact| NameHit {
            alternative: 0,
            word: 0,
            position: 0,
            range: crate::api::TextRange::default(),
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
