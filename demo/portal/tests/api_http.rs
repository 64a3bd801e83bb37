//! HTTP behaviour shared by every endpoint: health, OpenAPI, unknown paths and
//! methods, CORS, security headers and the site outside `/api`.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{relaxed_config, start};
use dvc_core::api::{ErrorBody, Health};
use dvc_demo_portal::api::ROUTES;
use dvc_demo_portal::config::{CorsOrigin, ServerConfig};
use reqwest::header::{self, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const OPENAPI_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");

fn openapi_document() -> Value {
    let text = std::fs::read_to_string(OPENAPI_PATH).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn health_reports_catalogue() {
    let server = start(relaxed_config()).await;
    let response = server.get("/health").await;
    assert_eq!(response.status(), StatusCode::OK);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.procedures, common::catalogue().len());
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn openapi_served_as_json() {
    let server = start(relaxed_config()).await;
    let response = server.get("/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let served: Value = response.json().await.unwrap();
    assert_eq!(served, openapi_document());
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
}

#[test]
fn openapi_lists_every_route() {
    let document = openapi_document();
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if ["get", "post", "put", "patch", "delete", "head", "options"]
                .contains(&method.as_str())
            {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, routed);
}

#[test]
fn openapi_references_resolve() {
    let document = openapi_document();
    let mut references = Vec::new();
    collect_references(&document, &mut references);
    assert!(!references.is_empty());
    for reference in references {
        let pointer = reference.strip_prefix('#').unwrap();
        assert!(
            document.pointer(pointer).is_some(),
            "{reference} does not resolve"
        );
    }
}

fn collect_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "$ref" {
                    out.push(inner.as_str().unwrap().to_owned());
                } else {
                    collect_references(inner, out);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|inner| collect_references(inner, out)),
        _ => {}
    }
}

#[test]
fn openapi_operations_document_errors() {
    let document = openapi_document();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            assert!(operation["operationId"].is_string(), "{method} {path}");
            assert!(responses.contains_key("200"), "{method} {path}");
            assert!(responses.contains_key("405"), "{method} {path} lacks 405");
        }
    }
    let lookup = &document["paths"]["/dossiers/lookup"]["post"]["responses"];
    for status in ["200", "400", "404", "405", "413", "415", "429"] {
        assert!(lookup.get(status).is_some(), "lookup lacks {status}");
    }
    let too_many = resolve(&document, &lookup["429"]);
    assert!(too_many["headers"]["Retry-After"].is_object());
}

/// Follows a local `$ref`, or returns the value itself.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => document.pointer(reference.trim_start_matches('#')).unwrap(),
        None => value,
    }
}

#[test]
fn openapi_examples_match_model() {
    let document = openapi_document();
    let example = |path: &str, method: &str| {
        document["paths"][path][method]["responses"]["200"]["content"]["application/json"]
            ["example"]
            .clone()
    };
    serde_json::from_value::<dvc_core::api::ProcedureSearchResponse>(example("/procedures", "get"))
        .unwrap();
    serde_json::from_value::<dvc_core::model::Procedure>(example("/procedures/{code}", "get"))
        .unwrap();
    serde_json::from_value::<dvc_core::api::NameCountList>(example("/fields", "get")).unwrap();
    serde_json::from_value::<dvc_core::api::NameCountList>(example("/agencies", "get")).unwrap();
    serde_json::from_value::<dvc_core::model::DossierStatus>(example("/dossiers/lookup", "post"))
        .unwrap();
    serde_json::from_value::<Health>(example("/health", "get")).unwrap();
    let request = &document["paths"]["/dossiers/lookup"]["post"]["requestBody"]["content"]
        ["application/json"]["example"];
    serde_json::from_value::<dvc_core::api::DossierLookupRequest>(request.clone()).unwrap();
}

#[tokio::test]
async fn every_route_answers() {
    let server = start(relaxed_config()).await;
    for (method, path) in ROUTES {
        let path = path.replace("{code}", "1.001193");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = server.client.request(method.clone(), server.api(&path));
        if method == Method::POST {
            request = request.json(&serde_json::json!({"code": "A-1", "verifier": "1"}));
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path} is not routed"
        );
        if status == StatusCode::NOT_FOUND {
            let body: ErrorBody = response.json().await.unwrap();
            assert_ne!(
                body.error.code, "not_found",
                "{method} {path} is not routed"
            );
        }
    }
}

#[tokio::test]
async fn unknown_api_paths_json_404() {
    let server = start(relaxed_config()).await;
    for path in [
        "/api/v1/nothing",
        "/api/v1/procedures/1.001193/extra",
        "/api/v2/health",
        "/api",
        "/api/",
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.error.code, "not_found", "{path}");
        assert!(!body.error.message.is_empty());
    }
}

#[tokio::test]
async fn wrong_method_json_405() {
    let server = start(relaxed_config()).await;
    for (method, path) in [
        (Method::POST, "/health"),
        (Method::DELETE, "/procedures"),
        (Method::PUT, "/procedures/1.001193"),
        (Method::GET, "/dossiers/lookup"),
        (Method::POST, "/openapi.json"),
    ] {
        let response = server
            .client
            .request(method.clone(), server.api(path))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert!(
            response.headers().contains_key(header::ALLOW),
            "{method} {path}"
        );
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.error.code, "method_not_allowed");
    }
}

#[tokio::test]
async fn security_headers_on_api() {
    let server = start(relaxed_config()).await;
    let response = server.get("/health").await;
    let headers = response.headers();
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");

    let error = server.get("/x").await;
    assert_eq!(error.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn placeholder_page_without_site() {
    let server = start(relaxed_config()).await;
    let response = server.client.get(server.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("script-src"), "{csp}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"/api/v1/health\""));
    assert!(html.contains("/api/v1/openapi.json"));
    assert!(!html.contains("<script"));

    let missing = server
        .client
        .get(server.url("/missing.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// A temporary demo site folder, removed on drop.
struct SiteDir(PathBuf);

impl SiteDir {
    fn new(name: &str) -> SiteDir {
        let dir =
            std::env::temp_dir().join(format!("dvc-portal-site-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
        std::fs::write(dir.join("widgets_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("widgets.js"), "export default 1;").unwrap();
        std::fs::write(dir.join("style.css"), "body{}").unwrap();
        SiteDir(dir)
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn static_site_mime_types() {
    let site = SiteDir::new("mime");
    let server = start(ServerConfig {
        site_dir: Some(site.0.clone()),
        ..relaxed_config()
    })
    .await;
    for (path, expected) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/widgets_bg.wasm", "application/wasm"),
        ("/widgets.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(content_type.starts_with(expected), "{path}: {content_type}");
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
    }

    let missing = server
        .client
        .get(server.url("/missing.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let api = server.get("/nothing").await;
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = api.json().await.unwrap();
    assert_eq!(body.error.code, "not_found");
    let outside = server
        .client
        .get(server.url("/../../etc/passwd"))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);
}

fn cors_config(origins: Vec<CorsOrigin>) -> ServerConfig {
    ServerConfig {
        cors_origins: origins,
        ..relaxed_config()
    }
}

const ALLOWED: &str = "http://127.0.0.1:8081";

async fn preflight(server: &common::TestServer, origin: &str) -> reqwest::Response {
    server
        .client
        .request(Method::OPTIONS, server.api("/dossiers/lookup"))
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn cors_preflight_allowed_origin() {
    let server = start(cors_config(vec![CorsOrigin::Exact(
        HeaderValue::from_static(ALLOWED),
    )]))
    .await;
    let response = preflight(&server, ALLOWED).await;
    assert!(response.status().is_success());
    let headers = response.headers();
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ALLOWED);
    let methods = headers[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap();
    assert!(methods.contains("POST"), "{methods}");
    let allowed_headers = headers[header::ACCESS_CONTROL_ALLOW_HEADERS]
        .to_str()
        .unwrap();
    assert!(
        allowed_headers.contains("content-type"),
        "{allowed_headers}"
    );
    assert_eq!(headers[header::ACCESS_CONTROL_MAX_AGE], "600");
}

#[tokio::test]
async fn cors_preflight_denied_origin() {
    let server = start(cors_config(vec![CorsOrigin::Exact(
        HeaderValue::from_static(ALLOWED),
    )]))
    .await;
    let response = preflight(&server, "http://evil.example").await;
    assert!(!response
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

#[tokio::test]
async fn cors_simple_request_headers() {
    let server = start(cors_config(vec![CorsOrigin::Exact(
        HeaderValue::from_static(ALLOWED),
    )]))
    .await;
    let allowed = server
        .client
        .get(server.api("/health"))
        .header(header::ORIGIN, ALLOWED)
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        ALLOWED
    );
    let exposed = allowed.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS]
        .to_str()
        .unwrap();
    assert!(
        exposed.to_ascii_lowercase().contains("retry-after"),
        "{exposed}"
    );

    let denied = server
        .client
        .get(server.api("/health"))
        .header(header::ORIGIN, "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), StatusCode::OK);
    assert!(!denied
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

#[tokio::test]
async fn cors_off_by_default() {
    let server = start(relaxed_config()).await;
    let response = preflight(&server, ALLOWED).await;
    assert!(!response
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    let get = server
        .client
        .get(server.api("/health"))
        .header(header::ORIGIN, ALLOWED)
        .send()
        .await
        .unwrap();
    assert!(!get
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

#[tokio::test]
async fn cors_any_origin() {
    let server = start(cors_config(vec![CorsOrigin::Any])).await;
    let response = preflight(&server, "http://anything.example").await;
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}
