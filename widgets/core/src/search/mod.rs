//! Procedure search over an in-memory catalogue.
//!
//! NOTE: this first version matches folded tokens only (every query token must
//! be a prefix of a word of the procedure); abbreviations, Telex/VNI decoding,
//! typo tolerance and tuned ranking come with the search-quality work and
//! must keep this interface.

use std::collections::BTreeMap;

use crate::api::{FacetCount, Facets, TextRange};
use crate::model::{Level, Procedure};
use crate::text::fold;

/// Filters that restrict a search to part of the catalogue. Matching of
/// `field` and `agency` folds case and marks.
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
    /// Matched character ranges of the procedure's name.
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

struct Document {
    name_words: Vec<FoldedWord>,
    other_words: Vec<String>,
    levels: Vec<Level>,
    fields: Vec<String>,
    folded_fields: Vec<String>,
    agencies: Vec<String>,
    folded_agencies: Vec<String>,
    code: String,
}

/// A folded word of a name and the character range it came from.
struct FoldedWord {
    folded: String,
    range: TextRange,
}

/// Search index over a catalogue. Build once, query from many threads.
pub struct SearchIndex {
    documents: Vec<Document>,
}

impl SearchIndex {
    /// Builds the index; hits refer to procedures by their position in `procedures`.
    pub fn new(procedures: &[Procedure]) -> SearchIndex {
        let documents = procedures.iter().map(index_document).collect();
        SearchIndex { documents }
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Runs `request`: best match first, or catalogue order for an empty query.
    pub fn search(&self, request: &SearchRequest) -> SearchResults {
        let query_tokens: Vec<String> = fold(&request.query)
            .split(' ')
            .filter(|token| !token.is_empty())
            .map(str::to_owned)
            .collect();
        let field_filter = request.filters.field.as_deref().map(fold);
        let agency_filter = request.filters.agency.as_deref().map(fold);

        let mut matches: Vec<Hit> = Vec::new();
        for (doc, document) in self.documents.iter().enumerate() {
            if let Some(level) = request.filters.level {
                if !document.levels.contains(&level) {
                    continue;
                }
            }
            if let Some(field) = &field_filter {
                if !document.folded_fields.iter().any(|f| f == field) {
                    continue;
                }
            }
            if let Some(agency) = &agency_filter {
                if !document
                    .folded_agencies
                    .iter()
                    .any(|a| a.contains(agency.as_str()))
                {
                    continue;
                }
            }
            if let Some(hit) = score_document(doc, document, &query_tokens, &request.query) {
                matches.push(hit);
            }
        }

        if !query_tokens.is_empty() {
            matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        }
        let facets = self.count_facets(&matches);
        let total = matches.len();
        let hits = matches
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        SearchResults {
            hits,
            total,
            facets,
        }
    }

    fn count_facets(&self, matches: &[Hit]) -> Facets {
        let mut levels: BTreeMap<Level, usize> = BTreeMap::new();
        let mut fields: BTreeMap<&str, usize> = BTreeMap::new();
        let mut agencies: BTreeMap<&str, usize> = BTreeMap::new();
        for hit in matches {
            let document = &self.documents[hit.doc];
            for level in &document.levels {
                *levels.entry(*level).or_default() += 1;
            }
            for field in &document.fields {
                *fields.entry(field.as_str()).or_default() += 1;
            }
            for agency in &document.agencies {
                *agencies.entry(agency.as_str()).or_default() += 1;
            }
        }
        Facets {
            levels: levels
                .into_iter()
                .map(|(level, count)| FacetCount {
                    value: level.as_str().to_owned(),
                    count,
                })
                .collect(),
            fields: sorted_counts(fields),
            agencies: sorted_counts(agencies),
        }
    }
}

fn sorted_counts(counts: BTreeMap<&str, usize>) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.to_owned(),
            count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list
}

fn index_document(procedure: &Procedure) -> Document {
    let agencies: Vec<String> = procedure.agencies.all().map(str::to_owned).collect();
    let mut other_text = String::new();
    for text in procedure.fields.iter().chain(agencies.iter()) {
        other_text.push_str(text);
        other_text.push(' ');
    }
    Document {
        name_words: fold_words(&procedure.name),
        other_words: fold(&other_text).split(' ').map(str::to_owned).collect(),
        levels: procedure.levels.clone(),
        fields: procedure.fields.clone(),
        folded_fields: procedure.fields.iter().map(|f| fold(f)).collect(),
        folded_agencies: agencies.iter().map(|a| fold(a)).collect(),
        agencies,
        code: procedure.code.clone(),
    }
}

/// Splits `text` into folded words, remembering each word's character range.
fn fold_words(text: &str) -> Vec<FoldedWord> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<char> = text.chars().collect();
    for (index, c) in chars.iter().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                words.push(word_at(&chars, from, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push(word_at(&chars, from, chars.len()));
    }
    words
}

fn word_at(chars: &[char], start: usize, end: usize) -> FoldedWord {
    let original: String = chars[start..end].iter().collect();
    FoldedWord {
        folded: fold(&original),
        range: TextRange {
            start: start as u32,
            end: end as u32,
        },
    }
}

fn score_document(
    doc: usize,
    document: &Document,
    tokens: &[String],
    raw_query: &str,
) -> Option<Hit> {
    if tokens.is_empty() {
        return Some(Hit {
            doc,
            score: 0.0,
            name_highlights: Vec::new(),
        });
    }
    if raw_query.trim() == document.code {
        return Some(Hit {
            doc,
            score: f32::MAX,
            name_highlights: Vec::new(),
        });
    }

    let mut score = 0.0;
    let mut highlights = Vec::new();
    for token in tokens {
        if let Some(word) = document
            .name_words
            .iter()
            .find(|word| word.folded.starts_with(token.as_str()))
        {
            score += if word.folded == *token { 3.0 } else { 2.0 };
            highlights.push(word.range);
        } else if document
            .other_words
            .iter()
            .any(|word| word.starts_with(token.as_str()))
        {
            score += 1.0;
        } else {
            return None;
        }
    }
    // Shorter names that contain every token are closer matches.
    score -= document.name_words.len() as f32 * 0.01;
    highlights.sort_by_key(|range| range.start);
    highlights.dedup();
    Some(Hit {
        doc,
        score,
        name_highlights: highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn procedure(code: &str, name: &str, field: &str, level: Level) -> Procedure {
        Procedure {
            code: code.into(),
            name: name.into(),
            levels: vec![level],
            fields: vec![field.into()],
            ..Procedure::default()
        }
    }

    fn catalogue() -> Vec<Procedure> {
        vec![
            procedure(
                "1.001193",
                "Thủ tục đăng ký khai sinh",
                "Hộ tịch",
                Level::Commune,
            ),
            procedure(
                "1.000656",
                "Thủ tục đăng ký khai tử",
                "Hộ tịch",
                Level::Commune,
            ),
            procedure(
                "1.004227",
                "Cấp giấy phép lái xe",
                "Đường bộ",
                Level::Province,
            ),
        ]
    }

    fn search(index: &SearchIndex, query: &str) -> SearchResults {
        index.search(&SearchRequest {
            query: query.into(),
            limit: 10,
            ..SearchRequest::default()
        })
    }

    #[test]
    fn accent_free_query_finds_procedure() {
        let index = SearchIndex::new(&catalogue());
        let results = search(&index, "dang ky khai sinh");
        assert_eq!(results.hits[0].doc, 0);
        assert_eq!(results.total, 1);
    }

    #[test]
    fn highlights_cover_matched_words() {
        let index = SearchIndex::new(&catalogue());
        let results = search(&index, "khai sinh");
        assert_eq!(
            results.hits[0].name_highlights,
            vec![
                TextRange { start: 16, end: 20 },
                TextRange { start: 21, end: 25 }
            ]
        );
    }

    #[test]
    fn empty_query_lists_filtered_catalogue() {
        let index = SearchIndex::new(&catalogue());
        let results = index.search(&SearchRequest {
            filters: Filters {
                level: Some(Level::Commune),
                ..Filters::default()
            },
            limit: 10,
            ..SearchRequest::default()
        });
        assert_eq!(results.total, 2);
        assert_eq!(results.facets.fields[0].value, "Hộ tịch");
        assert_eq!(results.facets.fields[0].count, 2);
    }

    #[test]
    fn code_query_is_exact() {
        let index = SearchIndex::new(&catalogue());
        let results = search(&index, "1.004227");
        assert_eq!(results.hits[0].doc, 2);
    }
}
