//! Portal API v1, mounted under [`API_PREFIX`](dvc_core::api::API_PREFIX).

use axum::extract::Request;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub mod dossiers;
pub mod error;
pub mod meta;
pub mod procedures;

pub use error::ApiFailure;

/// Every endpoint of the API as (method, path below the prefix). The OpenAPI
/// document must describe exactly these; a test checks it.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/procedures"),
    ("GET", "/procedures/{code}"),
    ("GET", "/fields"),
    ("GET", "/agencies"),
    ("POST", "/dossiers/lookup"),
    ("GET", "/health"),
    ("GET", "/openapi.json"),
];

/// Builds the API router, to be nested under the API prefix.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/procedures", get(procedures::search))
        .route("/procedures/{code}", get(procedures::detail))
        .route("/fields", get(procedures::fields))
        .route("/agencies", get(procedures::agencies))
        .route("/dossiers/lookup", post(dossiers::lookup))
        .route("/health", get(meta::health))
        .route("/openapi.json", get(meta::openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Returns the JSON 404 for any path under `/api` that names no endpoint.
pub async fn not_found(_request: Request) -> ApiFailure {
    ApiFailure::route_not_found()
}

async fn method_not_allowed(_request: Request) -> ApiFailure {
    ApiFailure::method_not_allowed()
}
