//! The whole HTTP application: API, site, CORS, security headers and request logs.

use std::future::Future;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use dvc_core::api::API_PREFIX;
use tokio::net::TcpListener;
use tower_http::cors::{AllowOrigin, CorsLayer};

use axum::routing::get;

use crate::config::CorsOrigin;
use crate::demo_list::{self, DEMO_DOSSIERS_PATH};
use crate::state::AppState;
use crate::{api, site};

/// Content-Security-Policy of JSON responses: they are data, never a page.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// How long browsers may cache the response to a CORS preflight request.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// Maximum length of a request path in the log, in characters.
const MAX_LOGGED_PATH_CHARS: usize = 120;

/// Builds the application router over `state`.
pub fn router(state: AppState) -> Router {
    let config = state.config().clone();

    let routes = Router::new()
        .nest(API_PREFIX, api::router())
        .route(DEMO_DOSSIERS_PATH, get(demo_list::list));
    let mut app = site::routes(routes, config.site_dir.as_deref())
        .layer(middleware::from_fn(security_headers));
    if let Some(cors) = cors_layer(&config.cors_origins) {
        app = app.layer(cors);
    }
    app.layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then lets open
/// requests finish.
pub async fn serve<F>(listener: TcpListener, state: AppState, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let service = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Returns the CORS layer for the configured origins, or `None` when no
/// origin is allowed (the browser's same-origin policy then applies as is).
fn cors_layer(origins: &[CorsOrigin]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow_origin = if origins.contains(&CorsOrigin::Any) {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|origin| match origin {
            CorsOrigin::Exact(value) => Some(value.clone()),
            CorsOrigin::Any => None,
        }))
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE])
            .expose_headers([header::RETRY_AFTER])
            .max_age(PREFLIGHT_MAX_AGE),
    )
}

/// Adds `nosniff` and `Referrer-Policy` to every response, and a restrictive
/// CSP to JSON responses. The placeholder page sets its own CSP.
/// NOTE: files of the built demo page get no CSP header, because browser
/// tests inject inline styles into it. The page itself needs no inline
/// script or style; the embedding tests serve their own pages with the
/// recommended policy.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));

    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if is_json && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        );
    }
    response
}

/// Logs method, path, status and latency of each request. The query string
/// is left out, and so is the client address, because both may carry personal data.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path: String = request
        .uri()
        .path()
        .chars()
        .take(MAX_LOGGED_PATH_CHARS)
        .collect();
    let started = Instant::now();

    let response = next.run(request).await;

    let status = response.status().as_u16();
    let latency_us = started.elapsed().as_micros() as u64;
    if response.status().is_server_error() {
        tracing::error!(%method, path = %path, status, latency_us, "request failed");
    } else {
        tracing::info!(%method, path = %path, status, latency_us, "request");
    }
    response
}
