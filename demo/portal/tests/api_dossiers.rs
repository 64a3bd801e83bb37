//! `POST /dossiers/lookup` over real HTTP: matches, failures, input checks and limits.

mod common;

use std::time::Duration;

use common::{relaxed_config, start, TestServer};
use dvc_core::api::ErrorBody;
use dvc_core::model::{DossierStatus, StatusCode as DossierStatusCode};
use dvc_demo_portal::config::ServerConfig;
use dvc_demo_portal::dossiers::DemoDossier;
use dvc_demo_portal::rate_limit::LookupLimits;
use reqwest::{header, StatusCode};
use serde_json::json;

fn lookup_url(server: &TestServer) -> String {
    server.api("/dossiers/lookup")
}

/// Looks up `dossier` with its own code and verifier.
async fn lookup(server: &TestServer, dossier: &DemoDossier) -> reqwest::Response {
    post_json(
        server,
        json!({"code": dossier.status.code, "verifier": dossier.verifier}),
    )
    .await
}

/// Returns the `Retry-After` header of a 429 response, in seconds.
fn retry_after_seconds(response: &reqwest::Response) -> u64 {
    response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn post_json(server: &TestServer, body: serde_json::Value) -> reqwest::Response {
    server
        .client
        .post(lookup_url(server))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn post_raw(
    server: &TestServer,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut request = server.client.post(lookup_url(server)).body(body);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    request.send().await.unwrap()
}

async fn error_body(response: reqwest::Response) -> ErrorBody {
    let content_type = response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    response.json().await.unwrap()
}

fn first_dossier(server: &TestServer, status: DossierStatusCode) -> DemoDossier {
    server
        .state
        .dossiers()
        .dossiers()
        .iter()
        .find(|d| d.status.status == status)
        .unwrap()
        .clone()
}

fn wrong_verifier(dossier: &DemoDossier) -> String {
    if dossier.verifier == "9999" {
        "0000".into()
    } else {
        "9999".into()
    }
}

#[tokio::test]
async fn lookup_returns_status_record() {
    let server = start(relaxed_config()).await;
    for status in DossierStatusCode::ALL {
        let dossier = first_dossier(&server, status);
        let response = lookup(&server, &dossier).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "status {}",
            status.number()
        );
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let record: DossierStatus = response.json().await.unwrap();
        assert_eq!(record, dossier.status);
    }
}

#[tokio::test]
async fn lookup_accepts_pasted_code() {
    let server = start(relaxed_config()).await;
    let dossier = first_dossier(&server, DossierStatusCode::Processing);
    // Lower case, an en dash and a minus sign with spaces, a trailing newline.
    let pasted = format!(" {} \n", dossier.status.code.to_lowercase())
        .replacen('-', " – ", 1)
        .replacen('-', "\u{2212}", 1);
    let verifier = format!(" {} ", dossier.verifier);
    let response = post_json(&server, json!({"code": pasted, "verifier": verifier})).await;
    assert_eq!(response.status(), StatusCode::OK, "{pasted:?}");
    let record: DossierStatus = response.json().await.unwrap();
    assert_eq!(record.code, dossier.status.code);
}

#[tokio::test]
async fn unknown_code_and_wrong_verifier_alike() {
    let server = start(relaxed_config()).await;
    let dossier = first_dossier(&server, DossierStatusCode::Processing);

    let wrong = post_json(
        &server,
        json!({"code": dossier.status.code, "verifier": wrong_verifier(&dossier)}),
    )
    .await;
    let unknown = post_json(
        &server,
        json!({"code": "000.00.00.H99-200101-0001", "verifier": dossier.verifier}),
    )
    .await;

    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let wrong_headers = wrong.headers().clone();
    let unknown_headers = unknown.headers().clone();
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH] {
        assert_eq!(
            wrong_headers.get(&name),
            unknown_headers.get(&name),
            "{name}"
        );
    }
    let wrong_body = wrong.bytes().await.unwrap();
    let unknown_body = unknown.bytes().await.unwrap();
    assert_eq!(wrong_body, unknown_body);
    let body: ErrorBody = serde_json::from_slice(&wrong_body).unwrap();
    assert_eq!(body.error.code, "dossier_not_found");
}

#[tokio::test]
async fn malformed_json_is_400() {
    let server = start(relaxed_config()).await;
    for body in [
        &b"{"[..],
        b"not json",
        b"",
        b"{\"code\": \"A-1\", \"verifier\": }",
    ] {
        let response = post_raw(&server, Some("application/json"), body.to_vec()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(error_body(response).await.error.code, "invalid_body");
    }
}

#[tokio::test]
async fn missing_or_mistyped_fields_are_400() {
    let server = start(relaxed_config()).await;
    for body in [
        json!({}),
        json!({"code": "000.17.22.H56-210531-0001"}),
        json!({"verifier": "1234"}),
        json!({"code": 123, "verifier": "1234"}),
        json!({"code": "A-1", "verifier": 1234}),
        json!(["A-1", "1234"]),
        json!(null),
    ] {
        let response = post_json(&server, body.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            error_body(response).await.error.code,
            "invalid_body",
            "{body}"
        );
    }
}

#[tokio::test]
async fn invalid_code_or_verifier_is_400() {
    let server = start(relaxed_config()).await;
    let cases = [
        (
            json!({"code": "   ", "verifier": "1234"}),
            "invalid_dossier_code",
        ),
        (
            json!({"code": "A".repeat(65), "verifier": "1234"}),
            "invalid_dossier_code",
        ),
        (
            json!({"code": "A\u{0007}B", "verifier": "1234"}),
            "invalid_dossier_code",
        ),
        (
            json!({"code": "000.17.22.H56-210531-0001", "verifier": ""}),
            "invalid_verifier",
        ),
        (
            json!({"code": "000.17.22.H56-210531-0001", "verifier": "1".repeat(33)}),
            "invalid_verifier",
        ),
    ];
    for (body, code) in cases {
        let response = post_json(&server, body.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let error = error_body(response).await;
        assert_eq!(error.error.code, code, "{body}");
        assert!(!error.error.message.is_empty());
    }
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let server = start(relaxed_config()).await;
    let body = br#"{"code":"A-1","verifier":"1234"}"#.to_vec();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let response = post_raw(&server, content_type, body.clone()).await;
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(
            error_body(response).await.error.code,
            "unsupported_media_type"
        );
    }
    let charset = post_raw(&server, Some("application/json; charset=utf-8"), body).await;
    assert_eq!(charset.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn large_body_is_413() {
    let server = start(relaxed_config()).await;
    let padding = "x".repeat(8 * 1024);
    let body = json!({"code": "A-1", "verifier": "1234", "padding": padding});
    let response = post_json(&server, body).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_body(response).await.error.code, "body_too_large");
}

#[tokio::test]
async fn large_chunked_body_is_413() {
    let server = start(relaxed_config()).await;
    // A chunked body has no Content-Length, so the limit applies while reading.
    let mut request = format!(
        "POST /api/v1/dossiers/lookup HTTP/1.1\r\nHost: {}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n",
        server.addr
    );
    for _ in 0..16 {
        request.push_str(&format!("400\r\n{}\r\n", " ".repeat(1024)));
    }
    request.push_str("0\r\n\r\n");

    let response = common::raw_http(server.addr, request.into_bytes()).await;
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("\"body_too_large\""), "{response}");
}

fn limited(per_minute: u32, failures_per_code: u32) -> ServerConfig {
    ServerConfig {
        lookup_limits: LookupLimits {
            per_client_per_minute: per_minute,
            failures_per_code,
            ..LookupLimits::default()
        },
        ..relaxed_config()
    }
}

#[tokio::test]
async fn client_limit_gives_429_with_retry_after() {
    let server = start(limited(5, 0)).await;
    // Every attempt counts, whatever code it names, malformed ones included.
    for attempt in 0..5 {
        let code = format!("000.00.00.H99-200101-{attempt:04}");
        let response = post_json(&server, json!({"code": code, "verifier": "1234"})).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "attempt {attempt}"
        );
    }
    let dossier = first_dossier(&server, DossierStatusCode::Processing);
    let response = lookup(&server, &dossier).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after = retry_after_seconds(&response);
    assert!((1..=12).contains(&retry_after), "{retry_after}");
    let body = error_body(response).await;
    assert_eq!(body.error.code, "rate_limited");
    assert!(!body.error.message.is_empty());

    let malformed = post_raw(&server, Some("application/json"), b"{".to_vec()).await;
    assert_eq!(malformed.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn client_limit_leaves_search_alone() {
    let server = start(limited(1, 0)).await;
    post_json(&server, json!({"code": "A-1", "verifier": "1"})).await;
    let refused = post_json(&server, json!({"code": "A-2", "verifier": "1"})).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let search = server.get("/procedures").await;
    assert_eq!(search.status(), StatusCode::OK);
}

#[tokio::test]
async fn failed_attempts_lock_code() {
    let server = start(limited(10_000, 3)).await;
    let dossier = first_dossier(&server, DossierStatusCode::Completed);
    for _ in 0..3 {
        let response = post_json(
            &server,
            json!({"code": dossier.status.code, "verifier": wrong_verifier(&dossier)}),
        )
        .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }

    // Now even the right verifier waits, and the wait is the rest of the window.
    let response = lookup(&server, &dossier).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after = retry_after_seconds(&response);
    assert!(retry_after > 800, "{retry_after}");
    assert!(retry_after <= 900, "{retry_after}");
    assert_eq!(error_body(response).await.error.code, "dossier_locked");

    // Other codes are not affected.
    let other = first_dossier(&server, DossierStatusCode::Returned);
    let response = lookup(&server, &other).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_codes_lock_like_known() {
    let server = start(limited(10_000, 2)).await;
    let code = "000.00.00.H99-200101-0001";
    for _ in 0..2 {
        let response = post_json(&server, json!({"code": code, "verifier": "1111"})).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let response = post_json(&server, json!({"code": code, "verifier": "2222"})).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_body(response).await.error.code, "dossier_locked");
}

#[tokio::test]
async fn concurrent_attempts_cannot_exceed_limit() {
    let server = start(limited(10, 0)).await;
    let mut tasks = Vec::new();
    for attempt in 0..40 {
        let client = server.client.clone();
        let url = lookup_url(&server);
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&json!({"code": format!("X-{attempt}"), "verifier": "1"}))
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut admitted = 0;
    for task in tasks {
        if task.await.unwrap() != StatusCode::TOO_MANY_REQUESTS {
            admitted += 1;
        }
    }
    // The bucket refills by one every 6 seconds, so at most one more gets in.
    assert!((10..=11).contains(&admitted), "{admitted}");
}
