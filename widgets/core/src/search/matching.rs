//! Matching, the first phase of ranking: walks the postings of every
//! resolved word and gives each procedure a relevance in 0..=1, the
//! weighted share of the query's slots it matches, each slot counted by its
//! best match. A match weighs by the part it occurs in (name above field above
//! agency above body text) times the reading's quality (typed above decoded
//! above prefix above typo). Procedures that match too small a share of the
//! query drop out.
//!
//! The work is proportional to the postings walked, not to the catalogue:
//! scores gather in per-thread buffers that only the touched procedures are
//! read from and reset in.

use std::cell::RefCell;

use super::facets::FilterSet;
use super::index::{part_weight, Index};
use super::resolve::{ResolvedSlot, ResolvedWord};

/// Share of the query's weight a procedure must match when the query has
/// three slots or more. Citizens add words the names lack, so half is enough
/// to be listed; the ordering puts fuller matches first. When no procedure
/// reaches the share, those with the best share are returned.
const MIN_COVERAGE: f32 = 0.5;

/// The share with two slots: one whole word and part of a phrase
/// (`làm lại` in `đăng ký lại`), not one word alone.
const TWO_SLOT_COVERAGE: f32 = 0.7;

/// A procedure that matches the query, before ordering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub doc: usize,
    pub relevance: f32,
}

/// Per-procedure buffers reused from query to query. Each buffer contains
/// zeros except at the procedures in its list of touched procedures, and is
/// zeroed there again before the query ends.
#[derive(Default)]
struct Scratch {
    relevance: Vec<f32>,
    coverage: Vec<f32>,
    touched: Vec<u32>,
    slot_score: Vec<f32>,
    slot_share: Vec<f32>,
    slot_touched: Vec<u32>,
    word_score: Vec<f32>,
    word_touched: Vec<u32>,
    phrase_sum: Vec<f32>,
    phrase_found: Vec<u8>,
    phrase_touched: Vec<u32>,
}

impl Scratch {
    fn fit(&mut self, count: usize) {
        for buffer in [
            &mut self.relevance,
            &mut self.coverage,
            &mut self.slot_score,
            &mut self.slot_share,
            &mut self.word_score,
            &mut self.phrase_sum,
        ] {
            buffer.resize(count, 0.0);
        }
        self.phrase_found.resize(count, 0);
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Returns the procedures that match enough of the query and pass the
/// filters, in no particular order.
pub(crate) fn match_documents(
    slots: &[ResolvedSlot],
    index: &Index,
    filters: &FilterSet,
) -> Vec<Candidate> {
    if slots.is_empty() || index.len() == 0 {
        return Vec::new();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => match_with(slots, index, filters, &mut scratch),
        // Only a search started from inside a search could get here; it
        // gets buffers of its own.
        Err(_) => match_with(slots, index, filters, &mut Scratch::default()),
    })
}

fn match_with(
    slots: &[ResolvedSlot],
    index: &Index,
    filters: &FilterSet,
    scratch: &mut Scratch,
) -> Vec<Candidate> {
    scratch.fit(index.len());
    let total_weight: f32 = slots
        .iter()
        .map(|slot| slot.weight)
        .sum::<f32>()
        .max(f32::EPSILON);

    for slot in slots {
        gather_slot(slot, index, scratch);
        for doc in scratch.slot_touched.drain(..) {
            let at = doc as usize;
            if scratch.relevance[at] == 0.0 && scratch.coverage[at] == 0.0 {
                scratch.touched.push(doc);
            }
            scratch.relevance[at] += slot.weight * scratch.slot_score[at];
            scratch.coverage[at] += slot.weight * scratch.slot_share[at];
            scratch.slot_score[at] = 0.0;
            scratch.slot_share[at] = 0.0;
        }
    }

    // The candidates come in the order procedures were first touched;
    // ordering sorts them, and ties by procedure number.
    let mut matched = Vec::with_capacity(scratch.touched.len());
    let mut best_coverage = 0.0f32;
    for doc in scratch.touched.drain(..) {
        let at = doc as usize;
        let coverage = scratch.coverage[at] / total_weight;
        let relevance = scratch.relevance[at] / total_weight;
        scratch.coverage[at] = 0.0;
        scratch.relevance[at] = 0.0;
        if filters.admits(index, at) {
            best_coverage = best_coverage.max(coverage);
            matched.push((at, coverage, relevance));
        }
    }

    let required = match slots.len() {
        1 => 1.0,
        2 => TWO_SLOT_COVERAGE,
        _ => MIN_COVERAGE,
    };
    let threshold = required.min(best_coverage) - 1e-4;
    matched
        .into_iter()
        .filter(|(_, coverage, _)| *coverage > 0.0 && *coverage >= threshold)
        .map(|(doc, _, relevance)| Candidate { doc, relevance })
        .collect()
}

/// Fills the slot buffers with each procedure's best match of `slot` and the
/// share of the slot it matches, listing the procedures in `slot_touched`.
///
/// A one-word alternative matches whole. A phrase alternative (`làm lại`,
/// `giấy phép lái xe`) scores the mean of its words, so a procedure with
/// only some of them matches in part.
fn gather_slot(slot: &ResolvedSlot, index: &Index, scratch: &mut Scratch) {
    for alternative in &slot.alternatives {
        if let [word] = alternative.words.as_slice() {
            gather_word(
                word,
                index,
                &mut scratch.word_score,
                &mut scratch.word_touched,
            );
            let touched = std::mem::take(&mut scratch.word_touched);
            for &doc in &touched {
                let score = std::mem::take(&mut scratch.word_score[doc as usize]);
                keep_best(scratch, doc, score, 1.0);
            }
            scratch.word_touched = touched;
            scratch.word_touched.clear();
            continue;
        }

        for word in &alternative.words {
            gather_word(
                word,
                index,
                &mut scratch.word_score,
                &mut scratch.word_touched,
            );
            for doc in scratch.word_touched.drain(..) {
                let at = doc as usize;
                if scratch.phrase_found[at] == 0 {
                    scratch.phrase_touched.push(doc);
                }
                scratch.phrase_sum[at] += std::mem::take(&mut scratch.word_score[at]);
                scratch.phrase_found[at] = scratch.phrase_found[at].saturating_add(1);
            }
        }
        let words = alternative.words.len() as f32;
        let phrase_touched = std::mem::take(&mut scratch.phrase_touched);
        for &doc in &phrase_touched {
            let at = doc as usize;
            let score = std::mem::take(&mut scratch.phrase_sum[at]) / words;
            let share = f32::from(std::mem::take(&mut scratch.phrase_found[at])) / words;
            keep_best(scratch, doc, score, share);
        }
        scratch.phrase_touched = phrase_touched;
        scratch.phrase_touched.clear();
    }
}

fn keep_best(scratch: &mut Scratch, doc: u32, score: f32, share: f32) {
    let at = doc as usize;
    if scratch.slot_score[at] == 0.0 && scratch.slot_share[at] == 0.0 {
        scratch.slot_touched.push(doc);
    }
    scratch.slot_score[at] = scratch.slot_score[at].max(score);
    scratch.slot_share[at] = scratch.slot_share[at].max(share);
}

/// Writes each procedure's best match of one word into `scores`, listing the
/// procedures in `touched`.
fn gather_word(word: &ResolvedWord, index: &Index, scores: &mut [f32], touched: &mut Vec<u32>) {
    for found in &word.matches {
        for (doc, mask) in index.postings(found.term) {
            let score = found.quality * part_weight(mask);
            if let Some(cell) = scores.get_mut(doc) {
                if *cell == 0.0 {
                    touched.push(doc as u32);
                }
                if score > *cell {
                    *cell = score;
                }
            }
        }
    }
}

/// Returns one procedure's match of one slot, as [`match_documents`] counts
/// it: the score and the share of the slot matched.
pub(crate) fn slot_match(slot: &ResolvedSlot, index: &Index, doc: usize) -> (f32, f32) {
    let mut best = (0.0f32, 0.0f32);
    for alternative in &slot.alternatives {
        let scores: Vec<f32> = alternative
            .words
            .iter()
            .map(|word| word_match(word, index, doc))
            .collect();
        let words = scores.len().max(1) as f32;
        let found = scores.iter().filter(|score| **score > 0.0).count() as f32;
        if found > 0.0 {
            best.0 = best.0.max(scores.iter().sum::<f32>() / words);
            best.1 = best.1.max(found / words);
        }
    }
    best
}

fn word_match(word: &ResolvedWord, index: &Index, doc: usize) -> f32 {
    word.matches
        .iter()
        .filter_map(|found| {
            index
                .part_mask(found.term, doc)
                .map(|mask| found.quality * part_weight(mask))
        })
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Procedure;
    use crate::search::query::parse;
    use crate::search::resolve::resolve;
    use crate::search::Filters;

    fn index() -> Index {
        let names = [
            "Thủ tục đăng ký khai sinh",
            "Thủ tục đăng ký lại khai sinh",
            "Cấp giấy phép lái xe",
            "Cấp lại giấy phép lái xe",
            "Đổi giấy phép lái xe quân sự",
            "Thủ tục đăng ký kết hôn",
            "Làm thủ tục khác",
        ];
        let procedures: Vec<Procedure> = names
            .iter()
            .map(|name| Procedure {
                name: (*name).into(),
                fields: vec!["Hộ tịch".into()],
                ..Procedure::default()
            })
            .collect();
        Index::build(&procedures)
    }

    fn candidates(index: &Index, query: &str) -> Vec<Candidate> {
        let slots = resolve(&parse(query), index);
        let filters = FilterSet::new(&Filters::default(), index);
        match_documents(&slots, index, &filters)
    }

    #[test]
    fn bulk_matching_agrees_with_one_procedure_matching() {
        let index = index();
        for query in [
            "dang ky khai sinh",
            "lam lai gplx",
            "cap giay",
            "ho tich ket hon",
        ] {
            let slots = resolve(&parse(query), &index);
            let total: f32 = slots.iter().map(|slot| slot.weight).sum();
            for candidate in candidates(&index, query) {
                let relevance: f32 = slots
                    .iter()
                    .map(|slot| slot.weight * slot_match(slot, &index, candidate.doc).0)
                    .sum::<f32>()
                    / total;
                assert!(
                    (relevance - candidate.relevance).abs() < 1e-5,
                    "{query}: doc {}",
                    candidate.doc
                );
            }
        }
    }

    #[test]
    fn buffers_are_clean_after_a_query() {
        let index = index();
        let first = candidates(&index, "cap giay phep lai xe");
        candidates(&index, "dang ky ket hon");
        let again = candidates(&index, "cap giay phep lai xe");
        let docs = |list: &[Candidate]| {
            list.iter()
                .map(|c| (c.doc, c.relevance))
                .collect::<Vec<_>>()
        };
        assert_eq!(docs(&first), docs(&again));
    }

    #[test]
    fn full_matches_exclude_partial_ones() {
        let index = index();
        for query in ["dang ky khai sinh", "khai sinh"] {
            let mut docs: Vec<usize> = candidates(&index, query)
                .iter()
                .map(|candidate| candidate.doc)
                .collect();
            docs.sort_unstable();
            assert_eq!(docs, vec![0, 1], "{query}");
        }
    }

    #[test]
    fn phrase_alternative_matches_in_part() {
        let index = index();
        let slots = resolve(&parse("lam lai "), &index);
        let (score, share) = slot_match(&slots[0], &index, 1);
        assert_eq!(share, 0.5);
        assert!(score > 0.0);
        assert!(score < 1.0);
        let (score, share) = slot_match(&slots[0], &index, 3);
        assert_eq!((score, share), (1.0, 1.0));
    }

    #[test]
    fn field_match_weighs_less_than_name_match() {
        let index = index();
        let slots = resolve(&parse("ho tich "), &index);
        assert_eq!(
            slot_match(&slots[0], &index, 0).0,
            part_weight(super::super::index::part::FIELD)
        );
    }
}
