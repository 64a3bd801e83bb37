//! The demo dossier listing: empty by default, and when on, codes that the
//! lookup endpoint accepts with the listed verifiers.

mod common;

use common::{relaxed_config, start};
use dvc_core::api::DossierLookupRequest;
use dvc_core::model::DossierStatus;
use dvc_demo_portal::config::ServerConfig;
use serde_json::Value;

fn listing_config() -> ServerConfig {
    ServerConfig {
        list_demo_dossiers: true,
        ..relaxed_config()
    }
}

#[tokio::test]
async fn listing_empty_by_default() {
    let server = start(relaxed_config()).await;
    let response = server
        .client
        .get(server.url("/demo/dossiers.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["enabled"], false);
    assert_eq!(body["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn listing_covers_every_status() {
    let server = start(listing_config()).await;
    let response = server
        .client
        .get(server.url("/demo/dossiers.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"].to_str().unwrap(),
        "no-store"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["enabled"], true);
    assert_eq!(body["today"], "2026-11-20");

    let items = body["items"].as_array().unwrap();
    let mut statuses: Vec<u64> = items
        .iter()
        .map(|item| item["status"].as_u64().unwrap())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(statuses, (1..=10).collect::<Vec<u64>>());
    for case in ["overdue", "on_time", "supplement_open", "fee_due"] {
        assert!(
            items
                .iter()
                .any(|item| item["cases"].as_array().unwrap().iter().any(|c| c == case)),
            "no listed dossier shows {case}"
        );
    }
}

#[tokio::test]
async fn listed_codes_look_up() {
    let server = start(listing_config()).await;
    let body: Value = server
        .client
        .get(server.url("/demo/dossiers.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    for item in body["items"].as_array().unwrap() {
        let request = DossierLookupRequest {
            code: item["code"].as_str().unwrap().to_owned(),
            verifier: item["verifier"].as_str().unwrap().to_owned(),
        };
        let response = server
            .client
            .post(server.api("/dossiers/lookup"))
            .json(&request)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::OK,
            "{}",
            request.code
        );
        let status: DossierStatus = response.json().await.unwrap();
        assert_eq!(
            u64::from(status.status.number()),
            item["status"].as_u64().unwrap()
        );
    }
}
