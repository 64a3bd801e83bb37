//! `GET /demo/dossiers.json`: a few generated dossiers, with their verifiers,
//! for people trying the dossier-status widget on the demo page.
//!
//! Lists dossiers only with `--list-demo-dossiers`; without it the list is
//! empty (an empty response rather than 404, so the demo page's request never
//! shows up as a console error). The dossiers are fake; a portal holding real
//! dossiers must never publish verifiers like this.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::date::Date;
use dvc_core::model::StatusCode;
use serde::Serialize;

use crate::dossiers::{DemoDossier, DossierSummary};
use crate::state::{today_in_vietnam, AppState};

/// Path of the listing, outside the API because it is not part of the contract.
pub const DEMO_DOSSIERS_PATH: &str = "/demo/dossiers.json";

/// Cases the listing covers with at least one dossier each, beyond one per status.
const COVERED_CASES: [&str; 5] = [
    "overdue",
    "on_time",
    "supplement_open",
    "fee_due",
    "finished_late",
];

/// Body of `GET /demo/dossiers.json`.
#[derive(Debug, Serialize)]
pub struct DemoDossierList {
    /// False when the portal runs without `--list-demo-dossiers`.
    pub enabled: bool,
    /// The day the working days left are counted from.
    pub today: Date,
    pub items: Vec<DossierSummary>,
}

/// Picks one dossier of each status, then one for each case in
/// [`COVERED_CASES`] that those do not already show.
pub fn select(dossiers: &[DemoDossier], today: Date) -> Vec<DossierSummary> {
    let mut items: Vec<DossierSummary> = StatusCode::ALL
        .into_iter()
        .filter_map(|status| dossiers.iter().find(|d| d.status.status == status))
        .map(|dossier| dossier.summary(today))
        .collect();

    for case in COVERED_CASES {
        if items.iter().any(|item| item.cases.contains(&case)) {
            continue;
        }
        let found = dossiers
            .iter()
            .map(|dossier| dossier.summary(today))
            .find(|summary| summary.cases.contains(&case));
        if let Some(summary) = found {
            items.push(summary);
        }
    }
    items
}

/// Handles `GET /demo/dossiers.json`.
pub async fn list(State(state): State<AppState>) -> Response {
    let today = state.config().today.unwrap_or_else(today_in_vietnam);
    let enabled = state.config().list_demo_dossiers;
    let items = if enabled {
        select(state.dossiers().dossiers(), today)
    } else {
        Vec::new()
    };
    let body = DemoDossierList {
        enabled,
        today,
        items,
    };
    let mut response = Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
