//! Procedure search over the built-in sample catalogue with any query text
//! and filters. The target fails when reading the query (folding, Telex and
//! VNI, abbreviations, typo candidates) panics, or when the results break
//! their invariants: hits within the limit and the total, highlights inside
//! the name and in order, and later pages continuing the first one.
//!
//! Input layout, chosen so that seeds stay readable: byte 0 picks the level
//! filter (0 for none), byte 1 is the offset, byte 2 the limit, and the rest
//! is text split at U+001F into the query, the field filter and the agency
//! filter.

#![no_main]

use std::sync::LazyLock;

use dvc_core::model::{Level, Procedure};
use dvc_core::search::{Filters, SearchIndex, SearchRequest};
use dvc_demo_portal::import::import_builtin_sample;
use libfuzzer_sys::fuzz_target;

/// The sample catalogue and its index, built once per fuzzing process.
static CATALOGUE: LazyLock<(Vec<Procedure>, SearchIndex)> = LazyLock::new(|| {
    let procedures = import_builtin_sample().procedures;
    let index = SearchIndex::new(&procedures);
    (procedures, index)
});

fuzz_target!(|bytes: &[u8]| {
    let Some(request) = request_from(bytes) else {
        return;
    };
    let (procedures, index) = &*CATALOGUE;

    let results = index.search(&request);

    assert!(
        results.hits.len() <= request.limit,
        "more hits than the limit"
    );
    assert!(
        results.total >= results.hits.len(),
        "total {} below {} hits",
        results.total,
        results.hits.len()
    );
    assert!(
        results.total <= procedures.len(),
        "total above the catalogue size"
    );
    for hit in &results.hits {
        let Some(procedure) = procedures.get(hit.doc) else {
            panic!("hit {} outside the catalogue", hit.doc);
        };
        let name_chars = procedure.name.chars().count() as u32;
        let mut previous_end = 0;
        for range in &hit.name_highlights {
            assert!(range.start < range.end, "empty highlight {range:?}");
            assert!(
                range.end <= name_chars,
                "highlight {range:?} past {name_chars} chars"
            );
            assert!(
                range.start >= previous_end,
                "highlights out of order or overlapping"
            );
            previous_end = range.end;
        }
        assert!(hit.score.is_finite(), "score {}", hit.score);
    }

    // A later page must continue the first one exactly, or paging would
    // repeat or skip procedures.
    if request.offset > 0 {
        let first_pages = index.search(&SearchRequest {
            offset: 0,
            limit: request.offset + request.limit,
            ..request.clone()
        });
        let page: Vec<usize> = results.hits.iter().map(|hit| hit.doc).collect();
        let continued: Vec<usize> = first_pages
            .hits
            .iter()
            .skip(request.offset)
            .map(|hit| hit.doc)
            .collect();
        assert_eq!(page, continued, "page at offset {} differs", request.offset);
        assert_eq!(
            results.total, first_pages.total,
            "total depends on the page"
        );
        assert_eq!(
            results.facets, first_pages.facets,
            "facets depend on the page"
        );
    }
});

fn request_from(bytes: &[u8]) -> Option<SearchRequest> {
    let (&[level, offset, limit], text) = bytes.split_first_chunk::<3>()?;
    let text = String::from_utf8_lossy(text);
    let mut parts = text.split('\u{1F}');

    Some(SearchRequest {
        query: parts.next().unwrap_or_default().to_owned(),
        filters: Filters {
            level: level
                .checked_sub(1)
                .map(|number| Level::ALL[usize::from(number) % Level::ALL.len()]),
            field: parts.next().map(str::to_owned),
            agency: parts.next().map(str::to_owned),
        },
        offset: usize::from(offset),
        limit: usize::from(limit),
    })
}
