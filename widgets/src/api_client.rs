//! Requests to portal API v1 from the browser.
//!
//! Every request carries an `AbortController`: the caller aborts it when a
//! newer request supersedes it, and a timer aborts it when the timeout
//! passes, so [`FetchError`] can tell a superseded request from a timed-out
//! one. Failures are typed; nothing here panics on what the server sends.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use dvc_core::api::{
    ApiError, DossierLookupRequest, ErrorBody, ProcedureSearchResponse, API_PREFIX,
};
use dvc_core::model::{DossierStatus, Level, Procedure};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, RequestMode, Response};

/// Base address of the portal API, without the `/api/v1` prefix and without
/// a trailing slash: `https://dichvucong.example.gov.vn` or `/portal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiBase(String);

impl ApiBase {
    /// Accepts an absolute `http:` or `https:` address with a host, or a path
    /// starting with a single `/` (resolved by the browser against the page).
    /// Rejects other schemes, whitespace, queries and fragments.
    pub fn parse(value: &str) -> Option<ApiBase> {
        let value = value.trim();
        if value.is_empty()
            || value
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#')
        {
            return None;
        }

        let lower = value.to_ascii_lowercase();
        let host_start = if lower.starts_with("https://") {
            Some("https://".len())
        } else if lower.starts_with("http://") {
            Some("http://".len())
        } else {
            None
        };
        match host_start {
            Some(start) => {
                let host = value[start..].split('/').next().unwrap_or_default();
                if host.is_empty() || host.starts_with('@') {
                    return None;
                }
            }
            None if value.starts_with('/') && !value.starts_with("//") => {}
            None => return None,
        }

        Some(ApiBase(value.trim_end_matches('/').to_string()))
    }

    /// Returns the address of `path` under `/api/v1`; `path` starts with `/`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{}{}", self.0, API_PREFIX, path)
    }
}

/// Parameters of `GET /api/v1/procedures`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchParams {
    pub query: String,
    pub level: Option<Level>,
    pub field: Option<String>,
    pub agency: Option<String>,
    /// 1-based page number.
    pub page: u32,
    pub limit: u32,
}

impl SearchParams {
    /// Builds the query string, without the leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut pairs = vec![("q", self.query.clone())];
        if let Some(level) = self.level {
            pairs.push(("level", level.as_str().to_string()));
        }
        if let Some(field) = &self.field {
            pairs.push(("field", field.clone()));
        }
        if let Some(agency) = &self.agency {
            pairs.push(("agency", agency.clone()));
        }
        pairs.push(("page", self.page.to_string()));
        pairs.push(("limit", self.limit.to_string()));

        pairs
            .iter()
            .map(|(name, value)| format!("{name}={}", percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Failure of a request that produced no usable body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The caller aborted the request because a newer one replaced it.
    Aborted,
    /// No complete response arrived within the timeout.
    Timeout,
    /// The browser could not reach the server (offline, DNS, CORS refusal).
    Network(String),
    /// The server returned an error status; `error` is its error body
    /// when the body had the API's shape.
    Status {
        status: u16,
        error: Option<ApiError>,
        /// The wait the server requested in `Retry-After` (429 and 503 responses).
        retry_after: Option<Duration>,
    },
    /// The body was not the JSON the API documents.
    Malformed(String),
}

/// Client for one API base with one timeout.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    pub base: ApiBase,
    pub timeout: Duration,
}

impl ApiClient {
    /// Fetches one page of search results.
    pub async fn search_procedures(
        &self,
        params: &SearchParams,
        abort: &AbortController,
    ) -> Result<ProcedureSearchResponse, FetchError> {
        let url = format!(
            "{}?{}",
            self.base.endpoint("/procedures"),
            params.to_query_string()
        );
        self.get_json(&url, abort).await
    }

    /// Fetches one procedure by its code.
    pub async fn procedure(
        &self,
        code: &str,
        abort: &AbortController,
    ) -> Result<Procedure, FetchError> {
        let url = self
            .base
            .endpoint(&format!("/procedures/{}", percent_encode(code)));
        self.get_json(&url, abort).await
    }

    /// Looks up a dossier's status by its code and verifier.
    ///
    /// Both travel in the POST body, never in the URL, so they stay out of
    /// server logs, proxies and the browser history.
    pub async fn lookup_dossier(
        &self,
        request: &DossierLookupRequest,
        abort: &AbortController,
    ) -> Result<DossierStatus, FetchError> {
        let body = serde_json::to_string(request)
            .map_err(|error| FetchError::Malformed(error.to_string()))?;
        self.send_json(&self.base.endpoint("/dossiers/lookup"), Some(&body), abort)
            .await
    }

    /// Sends a GET request and decodes its JSON body, aborting it when the
    /// timeout passes before the whole body has arrived.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        url: &str,
        abort: &AbortController,
    ) -> Result<T, FetchError> {
        self.send_json(url, None, abort).await
    }

    /// Sends a GET request, or a POST of `json_body`, and decodes the JSON response.
    async fn send_json<T: DeserializeOwned>(
        &self,
        url: &str,
        json_body: Option<&str>,
        abort: &AbortController,
    ) -> Result<T, FetchError> {
        let timed_out = Rc::new(Cell::new(false));
        let timer = leptos::leptos_dom::helpers::set_timeout_with_handle(
            {
                let timed_out = Rc::clone(&timed_out);
                let abort = abort.clone();
                move || {
                    timed_out.set(true);
                    abort.abort();
                }
            },
            self.timeout,
        )
        .ok();

        let result = fetch_text(url, json_body, abort).await;
        if let Some(timer) = timer {
            timer.clear();
        }

        let (status, retry_after, body) = match result {
            Ok(response) => response,
            Err(_) if timed_out.get() => return Err(FetchError::Timeout),
            Err(_) if abort.signal().aborted() => return Err(FetchError::Aborted),
            Err(error) => return Err(FetchError::Network(describe_js_error(&error))),
        };

        decode_body(status, &body).map_err(|error| match error {
            FetchError::Status { status, error, .. } => FetchError::Status {
                status,
                error,
                retry_after,
            },
            other => other,
        })
    }
}

/// Decodes a response body: `T` for a success status, else the API's error body.
pub fn decode_body<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, FetchError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body)
            .map_err(|error| FetchError::Malformed(error.to_string()));
    }

    let error = serde_json::from_str::<ErrorBody>(body)
        .ok()
        .map(|body| body.error);
    Err(FetchError::Status {
        status,
        error,
        retry_after: None,
    })
}

/// Sends a GET request, or a POST of `json_body`, and reads the status, the
/// `Retry-After` wait and the whole body as text.
async fn fetch_text(
    url: &str,
    json_body: Option<&str>,
    abort: &AbortController,
) -> Result<(u16, Option<Duration>, String), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;

    let init = RequestInit::new();
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(&abort.signal()));
    let headers = web_sys::Headers::new()?;
    headers.set("Accept", "application/json")?;
    match json_body {
        Some(body) => {
            init.set_method("POST");
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(body));
        }
        None => init.set_method("GET"),
    }
    init.set_headers(&headers);

    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
    let response: Response = response.dyn_into()?;
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|value| parse_retry_after(&value, js_sys::Date::now()));
    let body = JsFuture::from(response.text()?).await?;
    Ok((
        response.status(),
        retry_after,
        body.as_string().unwrap_or_default(),
    ))
}

/// Parses a `Retry-After` value: delay seconds, or an HTTP date compared with
/// `now_ms` (milliseconds since 1970). A date in the past gives a zero wait.
fn parse_retry_after(value: &str, now_ms: f64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }

    let at_ms = js_sys::Date::parse(value);
    if !at_ms.is_finite() {
        return None;
    }
    Some(Duration::from_millis((at_ms - now_ms).max(0.0) as u64))
}

fn describe_js_error(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Percent-encodes everything except RFC 3986 unreserved characters, for
/// query values and path segments.
pub fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_base_accepts_http_urls_and_paths() {
        let base = ApiBase::parse(" https://dvc.example.gov.vn/ ").unwrap();
        assert_eq!(
            base.endpoint("/procedures"),
            "https://dvc.example.gov.vn/api/v1/procedures"
        );
        assert!(ApiBase::parse("http://127.0.0.1:8080").is_some());
        assert!(ApiBase::parse("HTTPS://Example.VN/proxy").is_some());
        assert_eq!(
            ApiBase::parse("/portal/").unwrap().endpoint("/fields"),
            "/portal/api/v1/fields"
        );
    }

    #[test]
    fn api_base_rejects_other_addresses() {
        for value in [
            "",
            "javascript:alert(1)",
            "data:text/plain,x",
            "ftp://example.vn",
            "https://",
            "https:///path",
            "//example.vn",
            "example.vn",
            "https://example.vn/a b",
            "https://example.vn/?q=1",
            "https://example.vn/#x",
        ] {
            assert_eq!(ApiBase::parse(value), None, "{value}");
        }
    }

    #[test]
    fn search_query_string_encodes_values() {
        let params = SearchParams {
            query: "đăng ký khai sinh".into(),
            level: Some(Level::Commune),
            field: Some("Hộ tịch".into()),
            agency: None,
            page: 2,
            limit: 10,
        };
        assert_eq!(
            params.to_query_string(),
            "q=%C4%91%C4%83ng%20k%C3%BD%20khai%20sinh&level=commune&field=H%E1%BB%99%20t%E1%BB%8Bch&page=2&limit=10"
        );
    }

    #[test]
    fn percent_encode_keeps_unreserved() {
        assert_eq!(percent_encode("1.001193"), "1.001193");
        assert_eq!(percent_encode("a/b?c&d=e"), "a%2Fb%3Fc%26d%3De");
    }

    #[test]
    fn success_body_decodes() {
        let body = r#"{"items":[],"total":0,"page":1,"limit":10,"facets":{}}"#;
        let response: ProcedureSearchResponse = decode_body(200, body).unwrap();
        assert_eq!(response.total, 0);
    }

    #[test]
    fn malformed_success_body_is_typed() {
        let result = decode_body::<ProcedureSearchResponse>(200, "<html>");
        assert!(matches!(result, Err(FetchError::Malformed(_))));
    }

    #[test]
    fn error_status_keeps_api_error() {
        let body = r#"{"error":{"code":"not_found","message":"Không tìm thấy thủ tục"}}"#;
        let result = decode_body::<Procedure>(404, body);
        let Err(FetchError::Status { status, error, .. }) = result else {
            panic!("expected a status error, got {result:?}");
        };
        assert_eq!(status, 404);
        assert_eq!(error.unwrap().code, "not_found");
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(
            parse_retry_after(" 42 ", 0.0),
            Some(Duration::from_secs(42))
        );
        assert_eq!(parse_retry_after("0", 0.0), Some(Duration::ZERO));
    }

    #[test]
    fn error_status_without_api_body() {
        let result = decode_body::<Procedure>(502, "Bad Gateway");
        assert_eq!(
            result,
            Err(FetchError::Status {
                status: 502,
                error: None,
                retry_after: None,
            })
        );
    }
}
