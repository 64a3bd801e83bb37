//! The index: a sorted vocabulary of folded words, postings that record which
//! procedures contain each word and in which part, and per procedure the
//! words of its name with their positions for phrase bonuses and highlights.
//!
//! Layout is flat (offsets into shared vectors) so the index stays compact
//! enough to ship to the browser later: one posting is a `u32` holding the
//! procedure number and a four-bit mask of the parts that contain the word.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Level, Procedure};
use crate::text::fold;

use super::abbreviations;
use super::normalize::{self, Token};

/// Parts of a procedure a word can occur in, as bits of a posting.
pub(crate) mod part {
    pub const NAME: u8 = 1;
    pub const FIELD: u8 = 2;
    pub const AGENCY: u8 = 4;
    /// Applicant types and result names: what citizens search by besides
    /// the name.
    pub const BODY: u8 = 8;
}

/// Bits a posting keeps for the parts; the procedure number takes the rest.
const PART_BITS: u32 = 4;

/// Maximum number of procedures one index can hold (2^28, about 268 million).
pub(crate) const MAX_DOCUMENTS: usize = 1 << (32 - PART_BITS);

/// Returns the weight of the best part in `mask`: a match in the name counts
/// most, then the field, the agency and the body text.
pub(crate) fn part_weight(mask: u8) -> f32 {
    if mask & part::NAME != 0 {
        1.0
    } else if mask & part::FIELD != 0 {
        0.7
    } else if mask & part::AGENCY != 0 {
        0.5
    } else if mask & part::BODY != 0 {
        0.35
    } else {
        0.0
    }
}

/// Folded words of the catalogue, sorted, with their document frequencies.
pub(crate) struct Vocabulary {
    terms: Vec<Box<str>>,
    document_frequency: Vec<u32>,
    /// True for words of names and fields: the only words typo correction
    /// and word splitting propose, so body-text noise never becomes a guess.
    in_names: Vec<bool>,
    document_count: usize,
}

impl Vocabulary {
    pub(crate) fn id(&self, folded: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|term| term.as_ref().cmp(folded))
            .ok()
            .map(|id| id as u32)
    }

    /// Returns the ids of the words that start with `prefix`, the word equal
    /// to it included.
    pub(crate) fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let start = self.terms.partition_point(|term| term.as_ref() < prefix);
        let length = self.terms[start..]
            .iter()
            .take_while(|term| term.starts_with(prefix))
            .count();
        start as u32..(start + length) as u32
    }

    pub(crate) fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", |term| term.as_ref())
    }

    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    pub(crate) fn is_name_word(&self, id: u32) -> bool {
        self.in_names.get(id as usize).copied().unwrap_or(false)
    }

    pub(crate) fn document_frequency(&self, id: u32) -> u32 {
        self.document_frequency
            .get(id as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Returns the inverse document frequency of a word (the BM25 form, always
    /// positive): rare words weigh more than `thủ tục` or `cấp`.
    pub(crate) fn idf(&self, id: u32) -> f32 {
        let total = self.document_count as f32;
        let frequency = self.document_frequency(id) as f32;
        ((total - frequency + 0.5) / (frequency + 0.5) + 1.0).ln()
    }
}

/// A word of a procedure name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NameWord {
    pub term: u32,
    /// Id in [`Index::marked_terms`].
    pub marked: u32,
    /// Word position; words added by abbreviation expansion share the
    /// position of the abbreviation.
    pub position: u16,
    /// Range in characters of the original name.
    pub start: u32,
    pub end: u32,
}

/// Distinct display values (fields or agencies) and their folded forms.
#[derive(Default)]
pub(crate) struct Labels {
    pub names: Vec<String>,
    pub folded: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Labels {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.folded.push(fold(name));
        self.ids.insert(name.to_owned(), id);
        id
    }
}

/// Values of one kind per procedure, stored flat.
pub(crate) struct PerDocument<T> {
    offsets: Vec<u32>,
    values: Vec<T>,
}

impl<T> Default for PerDocument<T> {
    fn default() -> Self {
        PerDocument {
            offsets: vec![0],
            values: Vec::new(),
        }
    }
}

impl<T> PerDocument<T> {
    fn push_document(&mut self, values: impl IntoIterator<Item = T>) {
        self.values.extend(values);
        self.offsets.push(self.values.len() as u32);
    }

    pub(crate) fn get(&self, doc: usize) -> &[T] {
        let start = self.offsets.get(doc).copied().unwrap_or(0) as usize;
        let end = self.offsets.get(doc + 1).copied().unwrap_or(0) as usize;
        self.values.get(start..end).unwrap_or(&[])
    }

    fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.values.capacity() * std::mem::size_of::<T>()
    }
}

/// The search index over a catalogue.
pub(crate) struct Index {
    pub vocabulary: Vocabulary,
    posting_offsets: Vec<u32>,
    postings: Vec<u32>,
    /// Marked keys of name words, sorted.
    pub marked_terms: Vec<Box<str>>,
    pub names: PerDocument<NameWord>,
    /// Sum of the idf of a name's words after the name start, to measure how
    /// much of a name a query covers.
    pub name_weights: Vec<f32>,
    /// Position of the first word after a leading `Thủ tục`, which many
    /// names carry and queries leave out.
    pub name_starts: Vec<u16>,
    /// Bit `1 << level index` per level.
    pub levels: Vec<u8>,
    /// Per procedure, how many of the two signs of a procedure citizens
    /// carry out themselves it shows: citizens among its applicant types,
    /// and the commune level, where citizens deal with the state most.
    pub citizen_signs: Vec<u8>,
    pub fields: PerDocument<u32>,
    pub agencies: PerDocument<u32>,
    pub field_labels: Labels,
    pub agency_labels: Labels,
    /// Procedure codes and their procedure numbers, sorted by code.
    pub codes: Vec<(Box<str>, u32)>,
}

impl Index {
    pub(crate) fn build(procedures: &[Procedure]) -> Index {
        let mut builder = Builder::default();
        // NOTE: procedures past MAX_DOCUMENTS are left out of the index, as a
        // posting cannot number them; no catalogue comes near that size.
        for procedure in procedures.iter().take(MAX_DOCUMENTS) {
            builder.add(procedure);
        }
        builder.finish()
    }

    pub(crate) fn len(&self) -> usize {
        self.levels.len()
    }

    /// Returns the postings of a word: `(procedure number, part mask)`, in
    /// procedure order.
    pub(crate) fn postings(&self, term: u32) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.packed_postings(term)
            .iter()
            .map(|posting| ((posting >> PART_BITS) as usize, (posting & 0xF) as u8))
    }

    /// Returns the parts of procedure `doc` that contain a word, if any.
    pub(crate) fn part_mask(&self, term: u32, doc: usize) -> Option<u8> {
        let postings = self.packed_postings(term);
        postings
            .binary_search_by_key(&doc, |posting| (posting >> PART_BITS) as usize)
            .ok()
            .and_then(|position| postings.get(position))
            .map(|posting| (posting & 0xF) as u8)
    }

    fn packed_postings(&self, term: u32) -> &[u32] {
        let offset = |term: usize| self.posting_offsets.get(term).copied().unwrap_or(0) as usize;
        let start = offset(term as usize);
        let end = offset(term as usize + 1);
        self.postings.get(start..end).unwrap_or(&[])
    }

    pub(crate) fn marked_id(&self, marked: &str) -> Option<u32> {
        self.marked_terms
            .binary_search_by(|term| term.as_ref().cmp(marked))
            .ok()
            .map(|id| id as u32)
    }

    /// Returns an estimate of the heap memory the index uses, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        let strings = |terms: &[Box<str>]| -> usize {
            terms
                .iter()
                .map(|term| term.len() + std::mem::size_of::<Box<str>>())
                .sum()
        };
        let labels = |labels: &Labels| -> usize {
            labels
                .names
                .iter()
                .chain(&labels.folded)
                .map(|name| name.capacity() + std::mem::size_of::<String>())
                .sum::<usize>()
                * 2
        };
        strings(&self.vocabulary.terms)
            + self.vocabulary.document_frequency.capacity() * 4
            + self.vocabulary.in_names.capacity()
            + self.posting_offsets.capacity() * 4
            + self.postings.capacity() * 4
            + strings(&self.marked_terms)
            + self.names.heap_bytes()
            + self.name_weights.capacity() * 4
            + self.name_starts.capacity() * 2
            + self.levels.capacity()
            + self.citizen_signs.capacity()
            + self.fields.heap_bytes()
            + self.agencies.heap_bytes()
            + labels(&self.field_labels)
            + labels(&self.agency_labels)
            + self
                .codes
                .iter()
                .map(|(code, _)| code.len() + std::mem::size_of::<(Box<str>, u32)>())
                .sum::<usize>()
    }
}

/// A name word before the vocabulary is sorted.
struct PendingNameWord {
    term: u32,
    marked: u32,
    position: u16,
    range: Range<usize>,
}

#[derive(Default)]
struct Builder {
    term_ids: HashMap<String, u32>,
    marked_ids: HashMap<String, u32>,
    /// Per procedure, its words (temporary ids) with the parts they occur in.
    document_terms: Vec<Vec<(u32, u8)>>,
    names: Vec<Vec<PendingNameWord>>,
    levels: Vec<u8>,
    citizen_signs: Vec<u8>,
    fields: PerDocument<u32>,
    agencies: PerDocument<u32>,
    field_labels: Labels,
    agency_labels: Labels,
    codes: Vec<(Box<str>, u32)>,
}

impl Builder {
    fn add(&mut self, procedure: &Procedure) {
        let doc = self.document_terms.len() as u32;
        let mut terms: HashMap<u32, u8> = HashMap::new();

        let name_tokens = normalize::tokens(&procedure.name);
        let mut name_words = Vec::with_capacity(name_tokens.len());
        for (position, token) in name_tokens.iter().enumerate() {
            let position = position.min(u16::MAX as usize) as u16;
            let marked = self.marked_id(&token.marked);
            for folded in expanded(token) {
                let term = self.term_id(&folded);
                *terms.entry(term).or_default() |= part::NAME;
                name_words.push(PendingNameWord {
                    term,
                    marked,
                    position,
                    range: token.range.clone(),
                });
            }
        }
        self.names.push(name_words);

        for field in &procedure.fields {
            self.add_text(&mut terms, field, part::FIELD);
        }
        let agencies: Vec<&str> = procedure.agencies.all().collect();
        for agency in &agencies {
            self.add_text(&mut terms, agency, part::AGENCY);
        }
        for text in procedure
            .applicant_types
            .iter()
            .chain(procedure.results.iter().map(|result| &result.name))
        {
            self.add_text(&mut terms, text, part::BODY);
        }

        let mut terms: Vec<(u32, u8)> = terms.into_iter().collect();
        terms.sort_unstable();
        self.document_terms.push(terms);

        self.levels.push(level_mask(&procedure.levels));
        let for_citizens = procedure
            .applicant_types
            .iter()
            .any(|applicant| fold(applicant).contains("cong dan"));
        let at_commune = procedure.levels.contains(&Level::Commune);
        self.citizen_signs
            .push(u8::from(for_citizens) + u8::from(at_commune));
        let field_ids: Vec<u32> = procedure
            .fields
            .iter()
            .map(|field| self.field_labels.intern(field))
            .collect();
        self.fields.push_document(field_ids);
        let agency_ids: Vec<u32> = agencies
            .iter()
            .map(|agency| self.agency_labels.intern(agency))
            .collect();
        self.agencies.push_document(agency_ids);
        self.codes.push((procedure.code.trim().into(), doc));
    }

    fn add_text(&mut self, terms: &mut HashMap<u32, u8>, text: &str, part: u8) {
        for token in normalize::tokens(text) {
            for folded in expanded(&token) {
                let term = self.term_id(&folded);
                *terms.entry(term).or_default() |= part;
            }
        }
    }

    fn term_id(&mut self, folded: &str) -> u32 {
        let next = self.term_ids.len() as u32;
        *self.term_ids.entry(folded.to_owned()).or_insert(next)
    }

    fn marked_id(&mut self, marked: &str) -> u32 {
        let next = self.marked_ids.len() as u32;
        *self.marked_ids.entry(marked.to_owned()).or_insert(next)
    }

    fn finish(self) -> Index {
        let document_count = self.document_terms.len();

        // Sort the vocabulary so prefixes are ranges, and renumber.
        let mut terms: Vec<(String, u32)> = self.term_ids.into_iter().collect();
        terms.sort_unstable();
        let mut new_id = vec![0u32; terms.len()];
        for (sorted, (_, old)) in terms.iter().enumerate() {
            new_id[*old as usize] = sorted as u32;
        }
        let mut marked: Vec<(String, u32)> = self.marked_ids.into_iter().collect();
        marked.sort_unstable();
        let mut new_marked_id = vec![0u32; marked.len()];
        for (sorted, (_, old)) in marked.iter().enumerate() {
            new_marked_id[*old as usize] = sorted as u32;
        }

        // Postings, grouped by word, in procedure order.
        let mut document_frequency = vec![0u32; terms.len()];
        let mut in_names = vec![false; terms.len()];
        for document in &self.document_terms {
            for (old, mask) in document {
                let id = new_id[*old as usize] as usize;
                document_frequency[id] += 1;
                if mask & (part::NAME | part::FIELD) != 0 {
                    in_names[id] = true;
                }
            }
        }
        let mut posting_offsets = Vec::with_capacity(terms.len() + 1);
        let mut total = 0u32;
        posting_offsets.push(0);
        for frequency in &document_frequency {
            total += frequency;
            posting_offsets.push(total);
        }
        let mut cursor: Vec<u32> = posting_offsets[..terms.len()].to_vec();
        let mut postings = vec![0u32; total as usize];
        for (doc, document) in self.document_terms.iter().enumerate() {
            for (old, mask) in document {
                let id = new_id[*old as usize] as usize;
                postings[cursor[id] as usize] = ((doc as u32) << PART_BITS) | u32::from(*mask);
                cursor[id] += 1;
            }
        }

        let vocabulary = Vocabulary {
            terms: terms.into_iter().map(|(term, _)| term.into()).collect(),
            document_frequency,
            in_names,
            document_count,
        };

        let mut names = PerDocument::default();
        let mut name_weights = Vec::with_capacity(document_count);
        let mut name_starts = Vec::with_capacity(document_count);
        for words in &self.names {
            let words: Vec<NameWord> = words
                .iter()
                .map(|word| NameWord {
                    term: new_id[word.term as usize],
                    marked: new_marked_id[word.marked as usize],
                    position: word.position,
                    start: word.range.start as u32,
                    end: word.range.end as u32,
                })
                .collect();
            let start = name_start(&vocabulary, &words);
            name_weights.push(name_weight(&vocabulary, &words, start));
            name_starts.push(start);
            names.push_document(words);
        }

        let mut codes = self.codes;
        codes.sort_unstable();

        Index {
            vocabulary,
            posting_offsets,
            postings,
            marked_terms: marked.into_iter().map(|(term, _)| term.into()).collect(),
            names,
            name_weights,
            name_starts,
            levels: self.levels,
            citizen_signs: self.citizen_signs,
            fields: self.fields,
            agencies: self.agencies,
            field_labels: self.field_labels,
            agency_labels: self.agency_labels,
            codes,
        }
    }
}

/// Returns the token's folded key followed by the words of its meaning when
/// it is an abbreviation the catalogue uses (`BHXH` → `bhxh bao hiem xa hoi`).
fn expanded(token: &Token) -> Vec<String> {
    let mut words = vec![token.folded.clone()];
    if let Some(meanings) = abbreviations::catalogue_expansion(&token.folded) {
        for meaning in meanings {
            words.extend(meaning.iter().cloned());
        }
    }
    words
}

pub(crate) fn level_mask(levels: &[Level]) -> u8 {
    levels
        .iter()
        .map(|level| level_bit(*level))
        .fold(0, |mask, bit| mask | bit)
}

pub(crate) fn level_bit(level: Level) -> u8 {
    let index = Level::ALL
        .iter()
        .position(|candidate| *candidate == level)
        .unwrap_or(0);
    1 << index
}

/// Returns the sum of the idf of a name's words from `start` on, because a
/// leading `Thủ tục` carries no meaning. The words an abbreviation expands to
/// count once, as the abbreviation's position.
fn name_weight(vocabulary: &Vocabulary, words: &[NameWord], start: u16) -> f32 {
    let mut weight = 0.0;
    let mut last_position = None;
    for word in words.iter().filter(|word| word.position >= start) {
        if last_position != Some(word.position) {
            weight += vocabulary.idf(word.term);
            last_position = Some(word.position);
        }
    }
    weight
}

fn name_start(vocabulary: &Vocabulary, words: &[NameWord]) -> u16 {
    let first_two: Vec<&str> = words
        .iter()
        .take(2)
        .map(|word| vocabulary.term(word.term))
        .collect();
    if first_two == ["thu", "tuc"] {
        2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Agencies;

    fn procedure(code: &str, name: &str, field: &str) -> Procedure {
        Procedure {
            code: code.into(),
            name: name.into(),
            levels: vec![Level::Commune],
            fields: vec![field.into()],
            agencies: Agencies {
                competent: vec!["Ủy ban nhân dân cấp xã".into()],
                ..Agencies::default()
            },
            ..Procedure::default()
        }
    }

    fn index() -> Index {
        Index::build(&[
            procedure("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
            procedure("1.001613", "Giải quyết hưởng BHXH một lần", "Bảo hiểm"),
        ])
    }

    #[test]
    fn vocabulary_is_sorted_and_found() {
        let index = index();
        let id = index.vocabulary.id("khai").unwrap();
        assert_eq!(index.vocabulary.term(id), "khai");
        assert!(index.vocabulary.id("kahi").is_none());
        let range = index.vocabulary.prefix_range("kh");
        let words: Vec<&str> = range.map(|id| index.vocabulary.term(id)).collect();
        assert_eq!(words, vec!["khai"]);
    }

    #[test]
    fn postings_carry_parts() {
        let index = index();
        let khai = index.vocabulary.id("khai").unwrap();
        assert_eq!(
            index.postings(khai).collect::<Vec<_>>(),
            vec![(0, part::NAME)]
        );
        let tich = index.vocabulary.id("tich").unwrap();
        assert_eq!(
            index.postings(tich).collect::<Vec<_>>(),
            vec![(0, part::FIELD)]
        );
        let uy = index.vocabulary.id("uy").unwrap();
        assert_eq!(
            index.postings(uy).collect::<Vec<_>>(),
            vec![(0, part::AGENCY), (1, part::AGENCY)]
        );
        let xa = index.vocabulary.id("xa").unwrap();
        assert_eq!(
            index.postings(xa).collect::<Vec<_>>(),
            vec![(0, part::AGENCY), (1, part::NAME | part::AGENCY)]
        );
    }

    #[test]
    fn catalogue_abbreviation_is_expanded_at_its_position() {
        let index = index();
        let words = index.names.get(1);
        let hiem = index.vocabulary.id("hiem").unwrap();
        let word = words.iter().find(|word| word.term == hiem).unwrap();
        let bhxh = index.vocabulary.id("bhxh").unwrap();
        let abbreviation = words.iter().find(|word| word.term == bhxh).unwrap();
        assert_eq!(word.position, abbreviation.position);
        assert_eq!(
            (word.start, word.end),
            (abbreviation.start, abbreviation.end)
        );
    }

    #[test]
    fn leading_thu_tuc_is_skipped() {
        let index = index();
        assert_eq!(index.name_starts, vec![2, 0]);
    }

    #[test]
    fn rare_words_weigh_more() {
        let index = index();
        let khai = index.vocabulary.id("khai").unwrap();
        let xa = index.vocabulary.id("xa").unwrap();
        assert!(index.vocabulary.idf(khai) > index.vocabulary.idf(xa));
        assert!(index.vocabulary.idf(xa) > 0.0);
    }

    #[test]
    fn codes_are_sorted() {
        let index = index();
        assert_eq!(index.codes[0].0.as_ref(), "1.001193");
        assert_eq!(index.codes[1].1, 1);
    }

    #[test]
    fn empty_catalogue_builds() {
        let index = Index::build(&[]);
        assert_eq!(index.len(), 0);
        assert!(index.vocabulary.id("a").is_none());
        assert_eq!(index.postings(0).count(), 0);
    }
}
