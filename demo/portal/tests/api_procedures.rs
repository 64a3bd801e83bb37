//! `GET /procedures`, `/procedures/{code}`, `/fields` and `/agencies` over real HTTP.

mod common;

use common::{catalogue, relaxed_config, start};
use dvc_core::api::{ErrorBody, NameCountList, ProcedureSearchResponse, MAX_PAGE_SIZE};
use dvc_core::model::Procedure;
use reqwest::StatusCode;

async fn search(server: &common::TestServer, query: &str) -> ProcedureSearchResponse {
    server.get_json(&format!("/procedures{query}")).await
}

async fn error_of(server: &common::TestServer, path: &str) -> (StatusCode, ErrorBody) {
    let response = server.get(path).await;
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{path}: {content_type}"
    );
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn search_best_match_first() {
    let server = start(relaxed_config()).await;
    let results = search(&server, "?q=dang%20ky%20khai%20sinh").await;
    assert_eq!(results.items[0].code, "1.001193");
    assert!(!results.items[0].highlights.is_empty());
    assert_eq!(results.page, 1);
    assert_eq!(results.limit, 10);
}

#[tokio::test]
async fn search_summary_fields() {
    let server = start(relaxed_config()).await;
    let results = search(&server, "?q=khai%20sinh").await;
    let item = results.items.iter().find(|i| i.code == "1.001193").unwrap();
    assert_eq!(item.name, "Thủ tục đăng ký khai sinh");
    assert_eq!(item.fields, vec!["Hộ tịch"]);
    assert_eq!(item.agencies, vec!["UBND cấp xã"]);
    assert!(item.online);
    assert_eq!(item.levels.len(), 1);
}

#[tokio::test]
async fn no_query_lists_catalogue() {
    let server = start(relaxed_config()).await;
    let results = search(&server, "").await;
    assert_eq!(results.total, catalogue().len());
    assert_eq!(results.items.len(), 10);
    assert_eq!(results.items[0].code, catalogue()[0].code);
}

#[tokio::test]
async fn filters_restrict_total() {
    let server = start(relaxed_config()).await;
    let by_level = search(&server, "?level=province").await;
    assert_eq!(by_level.total, 3);
    let by_field = search(&server, "?field=H%E1%BB%99%20t%E1%BB%8Bch").await;
    assert_eq!(by_field.total, 6);
    let by_both = search(&server, "?field=H%E1%BB%99%20t%E1%BB%8Bch&level=province").await;
    assert_eq!(by_both.total, 1);
    assert_eq!(by_both.items[0].code, "1.008901");
    let by_agency = search(&server, "?agency=C%C3%B4ng%20an").await;
    assert_eq!(by_agency.total, 2);
}

#[tokio::test]
async fn facets_count_matches() {
    let server = start(relaxed_config()).await;
    let results = search(&server, "").await;
    let fields = &results.facets.fields;
    assert_eq!(fields[0].value, "Hộ tịch");
    assert_eq!(fields[0].count, 6);
    let level_total: usize = results.facets.levels.iter().map(|f| f.count).sum();
    assert_eq!(level_total, catalogue().len());
    assert!(results
        .facets
        .levels
        .iter()
        .any(|f| f.value == "commune" && f.count == 8));
    assert!(!results.facets.agencies.is_empty());

    let filtered = search(&server, "?level=ministry").await;
    assert_eq!(filtered.facets.fields.len(), 1);
    assert_eq!(filtered.facets.fields[0].value, "Công chứng");
}

#[tokio::test]
async fn pages_cover_catalogue_once() {
    let server = start(relaxed_config()).await;
    let mut seen = Vec::new();
    for page in 1..=3 {
        let results = search(&server, &format!("?limit=5&page={page}")).await;
        assert_eq!(results.page, page);
        assert_eq!(results.limit, 5);
        assert_eq!(results.total, 12);
        seen.extend(results.items.into_iter().map(|i| i.code));
    }
    let expected: Vec<String> = catalogue().into_iter().map(|p| p.code).collect();
    assert_eq!(seen, expected);

    let past_end = search(&server, "?limit=5&page=4").await;
    assert!(past_end.items.is_empty());
    assert_eq!(past_end.total, 12);
}

#[tokio::test]
async fn max_limit_accepted() {
    let server = start(relaxed_config()).await;
    let results = search(&server, &format!("?limit={MAX_PAGE_SIZE}")).await;
    assert_eq!(results.limit, MAX_PAGE_SIZE);
    assert_eq!(results.items.len(), 12);
}

#[tokio::test]
async fn bad_parameters_rejected() {
    let server = start(relaxed_config()).await;
    let long_query = format!("?q={}", "a".repeat(257));
    for query in [
        "?limit=51",
        "?limit=0",
        "?limit=abc",
        "?page=0",
        "?page=-2",
        "?level=tinh",
        "?q=a&q=b",
        long_query.as_str(),
    ] {
        let (status, body) = error_of(&server, &format!("/procedures{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body.error.code, "invalid_parameter", "{query}");
        assert!(!body.error.message.is_empty());
    }
}

#[tokio::test]
async fn query_of_256_bytes_accepted() {
    let server = start(relaxed_config()).await;
    // 128 two-byte characters.
    let query: String = "đ".repeat(128);
    let results = search(&server, &format!("?q={query}")).await;
    assert_eq!(results.total, 0);
}

#[tokio::test]
async fn detail_returns_full_procedure() {
    let server = start(relaxed_config()).await;
    let response = server.get("/procedures/1.001193").await;
    assert_eq!(response.status(), StatusCode::OK);
    let procedure: Procedure = response.json().await.unwrap();
    let expected = catalogue().into_iter().next().unwrap();
    assert_eq!(procedure, expected);
}

#[tokio::test]
async fn detail_unknown_is_404() {
    let server = start(relaxed_config()).await;
    for code in ["1.999999", "1.001193.000.00.00.H29"] {
        let (status, body) = error_of(&server, &format!("/procedures/{code}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{code}");
        assert_eq!(body.error.code, "procedure_not_found");
    }
}

#[tokio::test]
async fn detail_malformed_is_400() {
    let server = start(relaxed_config()).await;
    for code in [
        "abc",
        "1.00119",
        "1.001193..H29",
        "1.0011934",
        "%20",
        "1.001193%00",
    ] {
        let (status, body) = error_of(&server, &format!("/procedures/{code}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{code}");
        assert_eq!(body.error.code, "invalid_procedure_code", "{code}");
    }
}

#[tokio::test]
async fn fields_with_counts() {
    let server = start(relaxed_config()).await;
    let fields: NameCountList = server.get_json("/fields").await;
    let names: Vec<&str> = fields.items.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Hộ tịch",
            "Chứng thực",
            "Cư trú",
            "Công chứng",
            "Lý lịch tư pháp"
        ]
    );
    assert_eq!(fields.items[0].count, 6);
    let total: usize = fields.items.iter().map(|f| f.count).sum();
    assert_eq!(total, 12);
}

#[tokio::test]
async fn agencies_with_counts() {
    let server = start(relaxed_config()).await;
    let agencies: NameCountList = server.get_json("/agencies").await;
    assert_eq!(agencies.items[0].name, "UBND cấp xã");
    assert_eq!(agencies.items[0].count, 6);
    assert_eq!(agencies.items.len(), 4);
}
