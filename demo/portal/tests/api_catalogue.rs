//! The demo portal over the full national catalogue from the shared data.
//! Skipped (with a message) when the shared data is not on this machine.

mod common;

use common::{relaxed_config, shared_data_dir, start_with};
use dvc_core::api::ProcedureSearchResponse;
use std::sync::OnceLock;

use dvc_core::model::Procedure;
use dvc_demo_portal::import::import_file;

/// Returns the imported national catalogue, read once for all tests of this file;
/// `None` when the shared data or the importer is not available.
fn national_catalogue() -> Option<&'static Vec<Procedure>> {
    static CATALOGUE: OnceLock<Option<Vec<Procedure>>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| {
            let path = shared_data_dir()?.join("tthc/procedures-national-2026.jsonl.gz");
            let import = import_file(&path).unwrap();
            if import.report.records_read == 0 {
                println!(
                    "skipped: the importer read no records from {}",
                    path.display()
                );
                return None;
            }
            assert!(import.procedures.len() > 2000, "{}", import.report);
            Some(import.procedures)
        })
        .as_ref()
}

async fn national_server() -> Option<common::TestServer> {
    let procedures = national_catalogue()?.clone();
    Some(start_with(procedures, relaxed_config()).await)
}

#[tokio::test]
async fn birth_registration_in_top_five() {
    let Some(server) = national_server().await else {
        return;
    };
    let results: ProcedureSearchResponse = server
        .get_json("/procedures?q=dang%20ky%20khai%20sinh")
        .await;
    let top: Vec<&str> = results
        .items
        .iter()
        .take(5)
        .map(|i| i.code.as_str())
        .collect();
    assert!(top.contains(&"1.001193"), "top 5: {top:?}");
}

#[tokio::test]
async fn birth_registration_structured() {
    let Some(server) = national_server().await else {
        return;
    };
    let response = server.get("/procedures/1.001193").await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let procedure: Procedure = response.json().await.unwrap();

    assert!(!procedure.channels.is_empty());
    for channel in &procedure.channels {
        let time = channel.processing_time.as_ref();
        assert!(time.is_some(), "{:?} has no processing time", channel.kind);
        // The source publishes "1" without a unit here, so only the value is checked.
        assert!(time.unwrap().value > 0.0, "{:?}", channel.kind);
    }
    let components: Vec<_> = procedure
        .dossier_cases
        .iter()
        .flat_map(|case| &case.components)
        .collect();
    assert!(components.len() >= 2, "{components:?}");
    for component in components {
        assert!(!component.name.is_empty());
        assert!(
            component.name.len() < 1000,
            "a component holds flattened text"
        );
    }
}

#[tokio::test]
async fn national_catalogue_pages() {
    let Some(server) = national_server().await else {
        return;
    };
    let all: ProcedureSearchResponse = server.get_json("/procedures?limit=50&page=2").await;
    assert_eq!(all.items.len(), 50);
    assert_eq!(all.total, server.state.catalogue().len());
    assert!(!all.facets.fields.is_empty());
}
