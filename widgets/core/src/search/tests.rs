//! Behaviour of the whole search, one rule or query kind per test, over small
//! hand-written catalogues. The catalogue-level quality checks are in
//! `tests/search_quality.rs`.

use super::*;
use crate::model::{Agencies, ProcedureResult};

fn procedure(code: &str, name: &str, field: &str, level: Level) -> Procedure {
    Procedure {
        code: code.into(),
        name: name.into(),
        levels: vec![level],
        fields: vec![field.into()],
        ..Procedure::default()
    }
}

fn named(names: &[&str]) -> Vec<Procedure> {
    names
        .iter()
        .enumerate()
        .map(|(position, name)| {
            procedure(
                &format!("1.{:06}", position + 1),
                name,
                "Hộ tịch",
                Level::Commune,
            )
        })
        .collect()
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
        procedure(
            "1.000894",
            "Thủ tục đăng ký kết hôn",
            "Hộ tịch",
            Level::Commune,
        ),
        procedure(
            "1.012783",
            "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "Đất đai",
            Level::Province,
        ),
        procedure("1.002179", "Cấp sổ BHXH", "Bảo hiểm", Level::Province),
        procedure(
            "1.003116",
            "Cấp thẻ bảo hiểm y tế",
            "Bảo hiểm",
            Level::Ministry,
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

fn docs(results: &SearchResults) -> Vec<usize> {
    results.hits.iter().map(|hit| hit.doc).collect()
}

fn first(index: &SearchIndex, query: &str) -> Option<usize> {
    search(index, query).hits.first().map(|hit| hit.doc)
}

fn highlighted(name: &str, hit: &Hit) -> Vec<String> {
    hit.name_highlights
        .iter()
        .map(|range| {
            name.chars()
                .skip(range.start as usize)
                .take((range.end - range.start) as usize)
                .collect()
        })
        .collect()
}

#[test]
fn accent_free_query_finds_procedure() {
    let index = SearchIndex::new(&catalogue());
    let results = search(&index, "dang ky khai sinh");
    assert_eq!(results.hits[0].doc, 0);
    assert!(!docs(&results).contains(&2));
}

#[test]
fn nfd_query_finds_nfc_name() {
    let index = SearchIndex::new(&catalogue());
    let nfd = crate::text::nfc("Đăng ký kết hôn")
        .chars()
        .flat_map(|c| {
            let mut decomposed = String::new();
            unicode_normalization::char::decompose_canonical(c, |part| decomposed.push(part));
            decomposed.chars().collect::<Vec<_>>()
        })
        .collect::<String>();
    assert_ne!(nfd, "Đăng ký kết hôn");
    assert_eq!(first(&index, &nfd), Some(3));
}

#[test]
fn case_d_and_punctuation_are_ignored() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "ÐĂNG KÝ KẾT HÔN"), Some(3));
    assert_eq!(first(&index, "  đăng-ký,   KẾT hôn!! "), Some(3));
}

#[test]
fn old_and_new_tone_placement_match_alike() {
    let index = SearchIndex::new(&named(&["Hòa giải tranh chấp", "Thuỷ sản nuôi trồng"]));
    let old = search(&index, "hoà giải");
    let new = search(&index, "hòa giải");
    assert_eq!(docs(&old), vec![0]);
    assert_eq!(old.hits[0].score, new.hits[0].score);
    assert_eq!(first(&index, "thúy sản"), Some(1));
}

#[test]
fn i_and_y_spellings_match_alike() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "đăng kí kết hôn"), Some(3));
    assert_eq!(first(&index, "dang ki ket hon"), Some(3));
}

#[test]
fn telex_leftovers_are_decoded() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "ddawng kys keets hoon"), Some(3));
    assert_eq!(first(&index, "ddawng kys khai sinh"), Some(0));
}

#[test]
fn telex_look_alike_matches_itself_first() {
    let index = SearchIndex::new(&named(&["Kiểm định nồi xông hơi", "Kiểm định xoong nồi"]));
    assert_eq!(first(&index, "xoong"), Some(1));
    assert_eq!(first(&index, "xoong noi"), Some(1));
}

#[test]
fn vni_leftovers_are_decoded() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "d9a8ng ky1 ke61t ho6n"), Some(3));
}

#[test]
fn abbreviation_finds_full_words() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "cap GPLX"), Some(2));
    assert_eq!(first(&index, "the bhyt"), Some(6));
}

#[test]
fn full_words_find_catalogue_abbreviation() {
    let index = SearchIndex::new(&catalogue());
    let results = search(&index, "so bao hiem xa hoi");
    assert_eq!(results.hits[0].doc, 5);
    let name = &catalogue()[5].name;
    assert_eq!(highlighted(name, &results.hits[0]), vec!["sổ", "BHXH"]);
}

#[test]
fn colloquial_names_find_catalogue_wording() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "cấp đổi sổ đỏ"), Some(4));
    assert_eq!(first(&index, "lam bang lai xe"), Some(2));
}

#[test]
fn typos_in_short_syllables_are_tolerated() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "dang ky kahi sinh"), Some(0));
    assert_eq!(first(&index, "dang ky ket hno"), Some(3));
}

#[test]
fn fuzzy_match_never_beats_exact_match() {
    let index = SearchIndex::new(&named(&["Khai báo hàng hóa", "Kahi báo hàng hóa"]));
    assert_eq!(docs(&search(&index, "kahi bao")), vec![1]);

    let index = SearchIndex::new(&catalogue());
    let exact = search(&index, "ket hon ");
    let fuzzy = search(&index, "ket hno ");
    assert_eq!(exact.hits[0].doc, fuzzy.hits[0].doc);
    assert!(fuzzy.hits[0].score < exact.hits[0].score);
}

#[test]
fn words_run_together_are_split() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "dangky kethon"), Some(3));
}

#[test]
fn unknown_word_does_not_empty_results() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "khai sinh qzxwvj"), Some(0));
}

#[test]
fn name_ranks_above_field_agency_and_body() {
    let mut procedures = named(&["Khai báo hải quan", "Thủ tục A", "Thủ tục B", "Thủ tục C"]);
    procedures[1].fields = vec!["Hải quan".into()];
    procedures[2].agencies = Agencies {
        competent: vec!["Cục Hải quan".into()],
        ..Agencies::default()
    };
    procedures[3].results = vec![ProcedureResult {
        code: None,
        name: "Tờ khai hải quan".into(),
    }];
    let index = SearchIndex::new(&procedures);
    assert_eq!(docs(&search(&index, "hai quan")), vec![0, 1, 2, 3]);
}

#[test]
fn exact_diacritics_rank_above_folded_match() {
    let index = SearchIndex::new(&named(&["Bạn vàng", "Bán vàng"]));
    assert_eq!(docs(&search(&index, "bán vàng")), vec![1, 0]);
    assert_eq!(docs(&search(&index, "bạn vàng")), vec![0, 1]);
    assert_eq!(search(&index, "ban vang").total, 2);
}

#[test]
fn whole_phrase_ranks_above_scattered_words() {
    let index = SearchIndex::new(&named(&[
        "Cấp căn cước điện tử cho thẻ tạm trú",
        "Cấp thẻ căn cước",
    ]));
    assert_eq!(docs(&search(&index, "thẻ căn cước")), vec![1, 0]);
}

#[test]
fn name_starting_with_query_ranks_first() {
    let index = SearchIndex::new(&named(&[
        "Điều chỉnh và gia hạn tạm trú",
        "Gia hạn tạm trú và điều chỉnh",
    ]));
    assert_eq!(docs(&search(&index, "gia hạn tạm trú")), vec![1, 0]);
}

#[test]
fn shorter_name_covering_query_ranks_first() {
    let index = SearchIndex::new(&named(&[
        "Gia hạn tạm trú cho người nước ngoài tại Việt Nam",
        "Gia hạn tạm trú",
    ]));
    assert_eq!(docs(&search(&index, "gia han tam tru")), vec![1, 0]);
}

#[test]
fn last_word_matches_as_prefix() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(first(&index, "khai si"), Some(0));
    assert_eq!(first(&index, "đăng ký kết h"), Some(3));
}

#[test]
fn short_page_equals_start_of_long_page() {
    let index = SearchIndex::new(&catalogue());
    for query in [
        "cap",
        "dang ky",
        "the",
        "cấp giấy",
        "khai",
        "so do",
        "bao hiem",
    ] {
        let long = search(&index, query);
        for limit in 1..4 {
            let short = index.search(&SearchRequest {
                query: query.into(),
                limit,
                ..SearchRequest::default()
            });
            let expected: Vec<usize> = docs(&long).into_iter().take(limit).collect();
            assert_eq!(docs(&short), expected, "{query} limit {limit}");
        }
    }
}

#[test]
fn code_query_is_exact() {
    let index = SearchIndex::new(&catalogue());
    let results = search(&index, "1.004227");
    assert_eq!(docs(&results), vec![2]);
    assert_eq!(results.total, 1);
    assert_eq!(docs(&search(&index, "1.004227.000.00.00.H29")), vec![2]);
    assert_eq!(search(&index, "1.009999").total, 0);
}

#[test]
fn local_codes_match_their_national_code() {
    let mut procedures = catalogue();
    procedures[0].code = "1.001193.000.00.00.H29".into();
    procedures[1].code = "1.001193.000.00.00.H26".into();
    let index = SearchIndex::new(&procedures);
    assert_eq!(docs(&search(&index, "1.001193.000.00.00.h26")), vec![1]);
    assert_eq!(docs(&search(&index, "1.001193")), vec![1, 0]);
    assert_eq!(docs(&search(&index, "1.001193.000.00.00.H01")), vec![1, 0]);
}

#[test]
fn code_prefix_lists_codes_in_order() {
    let index = SearchIndex::new(&catalogue());
    assert_eq!(docs(&search(&index, "1.00")), vec![1, 3, 0, 5, 6, 2]);
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
fn highlights_mark_accented_name_for_plain_query() {
    let index = SearchIndex::new(&catalogue());
    let results = search(&index, "giay phep lai xe");
    let name = &catalogue()[2].name;
    assert_eq!(
        highlighted(name, &results.hits[0]),
        vec!["giấy", "phép", "lái", "xe"]
    );
}

#[test]
fn highlights_mark_meaning_of_colloquial_name() {
    let index = SearchIndex::new(&catalogue());
    let results = search(&index, "sổ đỏ");
    let name = &catalogue()[4].name;
    let marked = highlighted(name, &results.hits[0]);
    assert!(marked.starts_with(&["Giấy".to_owned(), "chứng".to_owned()]));
    assert!(!marked.contains(&"sở".to_owned()));
}

#[test]
fn level_filter_restricts_results_and_facets() {
    let index = SearchIndex::new(&catalogue());
    let results = index.search(&SearchRequest {
        query: "cap".into(),
        filters: Filters {
            level: Some(Level::Province),
            ..Filters::default()
        },
        limit: 10,
        ..SearchRequest::default()
    });
    assert_eq!(results.total, 3);
    assert_eq!(results.facets.levels.len(), 1);
    assert_eq!(results.facets.levels[0].value, "province");
    assert_eq!(results.facets.levels[0].count, 3);
}

#[test]
fn field_filter_and_facet_counts() {
    let index = SearchIndex::new(&catalogue());
    let all = search(&index, "cap");
    let fields: Vec<(&str, usize)> = all
        .facets
        .fields
        .iter()
        .map(|facet| (facet.value.as_str(), facet.count))
        .collect();
    assert_eq!(
        fields,
        vec![("Bảo hiểm", 2), ("Đường bộ", 1), ("Đất đai", 1)]
    );

    let filtered = index.search(&SearchRequest {
        query: "cap".into(),
        filters: Filters {
            field: Some("bao hiem".into()),
            ..Filters::default()
        },
        limit: 10,
        ..SearchRequest::default()
    });
    assert_eq!(docs(&filtered), vec![5, 6]);
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
    assert_eq!(results.total, 3);
    assert_eq!(docs(&results), vec![0, 1, 3]);
    assert_eq!(results.facets.fields[0].value, "Hộ tịch");
    assert_eq!(results.facets.fields[0].count, 3);
    assert_eq!(search(&index, " ,. ").total, catalogue().len());
}

#[test]
fn paging_skips_and_limits_hits() {
    let index = SearchIndex::new(&catalogue());
    let all = search(&index, "dang ky");
    let page = index.search(&SearchRequest {
        query: "dang ky".into(),
        offset: 1,
        limit: 1,
        ..SearchRequest::default()
    });
    assert_eq!(page.total, all.total);
    assert_eq!(docs(&page), vec![all.hits[1].doc]);
    let none = index.search(&SearchRequest {
        query: "dang ky".into(),
        limit: 0,
        ..SearchRequest::default()
    });
    assert!(none.hits.is_empty());
    assert_eq!(none.total, all.total);
}

#[test]
fn empty_catalogue_finds_nothing() {
    let index = SearchIndex::new(&[]);
    assert!(index.is_empty());
    assert_eq!(search(&index, "khai sinh").total, 0);
    assert_eq!(search(&index, "").total, 0);
}

#[test]
fn abbreviation_table_is_public() {
    let table: Vec<(&str, &[&str])> = abbreviation_table().collect();
    assert!(table.contains(&("GPLX", &["giấy phép lái xe"][..])));
}

#[test]
fn arbitrary_queries_do_not_panic() {
    let alphabet: Vec<char> = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ \u{0301}\u{0323}\u{0306}\u{031B}Ð0123456789.-,/ＡＢ漢ü1.0011"
        .chars()
        .collect();
    let index = SearchIndex::new(&catalogue());
    // A fixed linear congruential generator keeps the cases the same on
    // every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..2000 {
        let mut query = String::new();
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let length = (state >> 59) as usize;
        for _ in 0..length {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            query.push(alphabet[(state >> 33) as usize % alphabet.len()]);
        }
        let results = index.search(&SearchRequest {
            query: query.clone(),
            limit: 3,
            ..SearchRequest::default()
        });
        assert!(results.hits.len() <= 3, "{query:?}");
        for hit in &results.hits {
            let name_length = catalogue()[hit.doc].name.chars().count() as u32;
            assert!(
                hit.name_highlights
                    .iter()
                    .all(|range| range.end <= name_length),
                "{query:?}"
            );
        }
    }
}
