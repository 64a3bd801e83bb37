//! Everything outside `/api`: the built demo page, or a placeholder page.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::api::ApiFailure;
use crate::state::AppState;

/// Content-Security-Policy of the placeholder page: no scripts, no inline
/// styles, nothing from other origins.
pub const PLACEHOLDER_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PLACEHOLDER_HTML: &str = r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dvc-widgets: cổng dịch vụ công mẫu</title>
</head>
<body>
<main>
<h1>Cổng dịch vụ công mẫu (demo)</h1>
<p>Máy chủ đang chạy, nhưng chưa có trang demo: hãy chạy <code>cargo xtask demo</code>, hoặc khởi động với <code>--site DIR</code> trỏ tới trang đã build bằng trunk.</p>
<p lang="en">The demo portal is running without the demo page. Run <code>cargo xtask demo</code>, or start it with <code>--site DIR</code>.</p>
<h2>API v1</h2>
<ul>
<li><a href="/api/v1/health">/api/v1/health</a></li>
<li><a href="/api/v1/procedures?q=khai%20sinh">/api/v1/procedures?q=khai sinh</a></li>
<li><a href="/api/v1/fields">/api/v1/fields</a></li>
<li><a href="/api/v1/agencies">/api/v1/agencies</a></li>
<li><a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)</li>
</ul>
<p>Mã hồ sơ mẫu để thử tra cứu: <code>dvc-demo-portal --print-demo-dossiers</code>.</p>
</main>
</body>
</html>
"#;

/// Adds the routes outside `/api`: the demo page from `site_dir` when given,
/// else the placeholder page at `/`.
pub fn routes(router: Router<AppState>, site_dir: Option<&Path>) -> Router<AppState> {
    match site_dir {
        Some(dir) => {
            let files = ServeDir::new(dir).append_index_html_on_directories(true);
            router.fallback(move |request: Request| {
                let files = files.clone();
                async move {
                    if is_api_path(request.uri().path()) {
                        return ApiFailure::route_not_found().into_response();
                    }
                    match files.oneshot(request).await {
                        Ok(response) => response.into_response(),
                        Err(error) => match error {},
                    }
                }
            })
        }
        None => router.route("/", get(placeholder)).fallback(not_found),
    }
}

async fn placeholder() -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        PLACEHOLDER_HTML,
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PLACEHOLDER_CSP),
    );
    response
}

async fn not_found(request: Request) -> Response {
    if is_api_path(request.uri().path()) {
        return ApiFailure::route_not_found().into_response();
    }
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Không tìm thấy trang này.\n",
    )
        .into_response()
}

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}
