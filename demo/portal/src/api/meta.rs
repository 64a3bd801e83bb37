//! `GET /health` and `GET /openapi.json`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use dvc_core::api::Health;

use crate::state::AppState;

/// The OpenAPI 3.1 description of this API, compiled into the binary.
pub const OPENAPI_JSON: &str = include_str!("../../../../docs/openapi.json");

pub async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        procedures: state.catalogue().len(),
    })
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
