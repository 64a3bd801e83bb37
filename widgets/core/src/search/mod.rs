//! Procedure search over an in-memory catalogue, built for how citizens
//! type: without marks, with raw Telex or VNI keystrokes, with abbreviations
//! and colloquial names, with typos.
//!
//! The modules follow the path of a query:
//! - [`crate::text`] and `normalize`: folding and the keys words compare by;
//! - `query`: slots, alternatives and readings, with `input_method` (Telex
//!   and VNI) and `abbreviations` (the table of abbreviations and colloquial
//!   names);
//! - `resolve`: readings to catalogue words, with prefixes, `typo`
//!   corrections and split words;
//! - `index`: the vocabulary, postings and names;
//! - `matching` and `ranking`: the two phases of ranking, with name
//!   highlights;
//! - `facets`: filters and facet counts.
//!
//! `docs/search.md` describes the rules and how to extend the table.

mod abbreviations;
mod facets;
mod highlight;
mod index;
mod input_method;
mod matching;
mod normalize;
mod query;
mod ranking;
mod resolve;
mod typo;

use crate::api::{Facets, TextRange};
use crate::model::{Level, Procedure};

use facets::FilterSet;
use highlight::NameMatcher;
use index::Index;
use query::CodeQuery;

/// Filters that restrict a search to part of the catalogue. Matching of
/// `field` and `agency` folds case and marks. `field` must equal one of the
/// procedure's fields, while `agency` need only be part of an agency's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub level: Option<Level>,
    pub field: Option<String>,
    pub agency: Option<String>,
}

/// One search request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// The text typed by the citizen; empty lists the filtered catalogue.
    pub query: String,
    pub filters: Filters,
    /// Number of best hits to skip (for paging).
    pub offset: usize,
    /// Maximum number of hits to return.
    pub limit: usize,
}

/// One matching procedure.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Position of the procedure in the slice the index was built from.
    pub doc: usize,
    /// Relevance; only the order matters.
    pub score: f32,
    /// Matched character ranges of the procedure's name, in order.
    pub name_highlights: Vec<TextRange>,
}

/// The page of hits and the counts over all matches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Number of procedures matching the query and filters.
    pub total: usize,
    /// Counts per level, field and agency over the procedures matching the query
    /// and the filters.
    pub facets: Facets,
}

/// Returns the abbreviations and colloquial names the search understands,
/// each with the catalogue wording it also reads as (`GPLX` → `giấy phép lái
/// xe`, `sổ đỏ` → `giấy chứng nhận quyền sử dụng đất`).
pub fn abbreviation_table() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    abbreviations::ENTRIES
        .iter()
        .map(|entry| (entry.typed, entry.meanings))
}

/// Search index over a catalogue. Build once, query from many threads.
pub struct SearchIndex {
    index: Index,
}

impl SearchIndex {
    /// Builds the index; hits refer to procedures by their position in `procedures`.
    pub fn new(procedures: &[Procedure]) -> SearchIndex {
        SearchIndex {
            index: Index::build(procedures),
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// Returns an estimate of the heap memory the index uses, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Runs `request`: best match first, or catalogue order for an empty query.
    /// A query that is a procedure code (`1.001193`) finds that procedure, or
    /// the local copies of that national code; the start of a code
    /// (`1.0011`) lists the codes it starts.
    pub fn search(&self, request: &SearchRequest) -> SearchResults {
        let filters = FilterSet::new(&request.filters, &self.index);
        if let Some(code) = query::parse_code(&request.query) {
            let docs = self.code_matches(&code, &filters);
            return self.page(docs, request);
        }

        let parsed = query::parse(&request.query);
        if parsed.slots.is_empty() {
            // No words (an empty query or only punctuation): list the
            // filtered catalogue.
            let docs: Vec<usize> = (0..self.index.len())
                .filter(|doc| filters.admits(&self.index, *doc))
                .collect();
            return self.page(docs, request);
        }
        let slots = resolve::resolve(&parsed, &self.index);
        let candidates = matching::match_documents(&slots, &self.index, &filters);
        let total = candidates.len();
        let facets = facets::count(&self.index, candidates.iter().map(|found| found.doc));

        let matcher = NameMatcher::new(&slots, parsed.has_marks);
        let wanted = request.offset.saturating_add(request.limit);
        let hits = ranking::order(candidates, &matcher, &self.index, wanted)
            .into_iter()
            .skip(request.offset)
            .collect();
        SearchResults {
            hits,
            total,
            facets,
        }
    }

    /// Describes how `query` scores procedure `doc`: the slots with their
    /// weights and this procedure's match of each, the relevance and the name
    /// bonuses. Meant for tuning the ranking, not for display; the format may
    /// change.
    #[doc(hidden)]
    pub fn explain(&self, query: &str, doc: usize) -> String {
        let parsed = query::parse(query);
        let slots = resolve::resolve(&parsed, &self.index);
        let total: f32 = slots.iter().map(|slot| slot.weight).sum();
        let mut lines = Vec::new();
        let mut relevance = 0.0;
        for (number, slot) in slots.iter().enumerate() {
            let (score, _) = matching::slot_match(slot, &self.index, doc);
            relevance += slot.weight * score;
            let words: Vec<String> = slot
                .alternatives
                .iter()
                .map(|alternative| {
                    alternative
                        .words
                        .iter()
                        .map(|word| {
                            word.matches
                                .iter()
                                .take(3)
                                .map(|found| self.index.vocabulary.term(found.term))
                                .collect::<Vec<_>>()
                                .join("|")
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            lines.push(format!(
                "slot {number}: weight {:.2} score {score:.2} [{}]",
                slot.weight,
                words.join(" / ")
            ));
        }
        let matcher = NameMatcher::new(&slots, parsed.has_marks);
        let mut scratch = ranking::NameScratch::default();
        let bonus = ranking::name_bonus(doc, &matcher, &self.index, &mut scratch);
        lines.push(format!(
            "relevance {:.3} + bonus {:.3} ({bonus:?})",
            relevance / total.max(f32::EPSILON),
            bonus.total()
        ));
        lines.join("\n")
    }

    /// Returns the procedures a code query names, in code order. A full code
    /// finds the procedure with exactly that code (letters in any case), or
    /// failing that, every copy of its national code (`1.000494` and
    /// `1.000494.000.00.00.H29` alike). A code prefix lists the codes it
    /// starts.
    fn code_matches(&self, query: &CodeQuery, filters: &FilterSet) -> Vec<usize> {
        let prefix = match query {
            CodeQuery::Exact { national, .. } => national.as_str(),
            CodeQuery::Prefix(prefix) => prefix.as_str(),
        };
        let codes = &self.index.codes;
        let start = codes.partition_point(|(code, _)| code.as_ref() < prefix);
        let started: Vec<(&str, usize)> = codes[start..]
            .iter()
            .take_while(|(code, _)| code.starts_with(prefix))
            .map(|(code, doc)| (code.as_ref(), *doc as usize))
            .filter(|(_, doc)| filters.admits(&self.index, *doc))
            .collect();

        let CodeQuery::Exact {
            code: typed,
            national,
        } = query
        else {
            return started.into_iter().map(|(_, doc)| doc).collect();
        };
        let exact: Vec<usize> = started
            .iter()
            .filter(|(code, _)| code.eq_ignore_ascii_case(typed))
            .map(|(_, doc)| *doc)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        started
            .into_iter()
            .filter(|(code, _)| {
                code.get(national.len()..)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .map(|(_, doc)| doc)
            .collect()
    }

    /// Pages an unranked list of procedures (catalogue or code order).
    fn page(&self, docs: Vec<usize>, request: &SearchRequest) -> SearchResults {
        let total = docs.len();
        let facets = facets::count(&self.index, docs.iter().copied());
        let hits = docs
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|doc| Hit {
                doc,
                score: 0.0,
                name_highlights: Vec::new(),
            })
            .collect();
        SearchResults {
            hits,
            total,
            facets,
        }
    }
}

#[cfg(test)]
mod tests;
