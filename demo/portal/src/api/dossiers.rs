//! `POST /dossiers/lookup`: a dossier's status, for its code and verifier.
//!
//! Three rules make guessing expensive. Every attempt counts against the
//! client's rate limit, whatever code it names. Failed attempts lock a code for
//! a while. An unknown code and a wrong verifier get the same 404 body after the
//! same comparison work.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::DossierLookupRequest;
use dvc_core::dossier_code::{self, DossierCodeError, MAX_DOSSIER_CODE_CHARS};

use super::ApiFailure;
use crate::dossiers::MAX_VERIFIER_BYTES;
use crate::rate_limit::Rejection;
use crate::state::AppState;

/// Largest lookup body accepted, in bytes. A real request is under 200 bytes.
pub const LOOKUP_BODY_LIMIT: usize = 4 * 1024;

/// `POST /dossiers/lookup` with `{"code": …, "verifier": …}`.
pub async fn lookup(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiFailure> {
    let now = Instant::now();
    let client = client_ip(&request);

    // The client limit comes first, so malformed attempts count too.
    state
        .limiter()
        .check_client(client, now)
        .map_err(rejection_failure)?;

    require_json(request.headers())?;
    let body = read_body(request).await?;
    let lookup = parse_lookup(&body)?;
    let code = dossier_code::normalize(&lookup.code).map_err(code_failure)?;
    let verifier = normalize_verifier(&lookup.verifier)?;

    state
        .limiter()
        .check_code(&code, now)
        .map_err(rejection_failure)?;

    match state.dossiers().find(&code, &verifier) {
        Some(status) => {
            tracing::debug!(status = status.status.number(), "dossier lookup matched");
            let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
            Ok((no_store, Json(status.clone())).into_response())
        }
        None => {
            state.limiter().record_failure(&code, now);
            Err(dossier_not_found())
        }
    }
}

/// Returns the one 404 for an unknown code and for a wrong verifier.
pub fn dossier_not_found() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        "dossier_not_found",
        "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin xác minh đã nhập. \
         Vui lòng kiểm tra lại cả hai.",
    )
}

/// Returns the socket peer address. Forwarding headers are not trusted,
/// because anyone can send them.
/// NOTE: behind a reverse proxy every client shares the proxy's address and so
/// one rate-limit bucket.
fn client_ip(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

/// Accepts `application/json`, with or without parameters such as `charset`.
fn require_json(headers: &HeaderMap) -> Result<(), ApiFailure> {
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    match essence {
        Some(essence) if essence.eq_ignore_ascii_case("application/json") => Ok(()),
        _ => Err(ApiFailure::unsupported_media_type()),
    }
}

async fn read_body(request: Request) -> Result<axum::body::Bytes, ApiFailure> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > LOOKUP_BODY_LIMIT as u64) {
        return Err(ApiFailure::body_too_large(LOOKUP_BODY_LIMIT));
    }

    // Without a declared length (chunked bodies) the limit applies while reading.
    to_bytes(request.into_body(), LOOKUP_BODY_LIMIT)
        .await
        .map_err(|_| ApiFailure::body_too_large(LOOKUP_BODY_LIMIT))
}

/// Parses the body as a JSON object; serde would also accept a two-element
/// array for the struct, which is no part of the API.
fn parse_lookup(body: &[u8]) -> Result<DossierLookupRequest, ApiFailure> {
    let is_object = body
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|&byte| byte == b'{');
    if !is_object {
        let valid_json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        let message = if valid_json {
            FIELDS_MESSAGE
        } else {
            INVALID_JSON_MESSAGE
        };
        return Err(ApiFailure::invalid_body(message));
    }
    serde_json::from_slice(body).map_err(body_failure)
}

const FIELDS_MESSAGE: &str = "Nội dung yêu cầu phải là đối tượng JSON có hai trường chuỗi ký tự \"code\" (mã hồ sơ) và \"verifier\" (thông tin xác minh).";

const INVALID_JSON_MESSAGE: &str = "Nội dung yêu cầu không phải JSON hợp lệ.";

fn body_failure(error: serde_json::Error) -> ApiFailure {
    let message = match error.classify() {
        serde_json::error::Category::Data => FIELDS_MESSAGE,
        _ => INVALID_JSON_MESSAGE,
    };
    ApiFailure::invalid_body(message)
}

fn code_failure(error: DossierCodeError) -> ApiFailure {
    let message = match error {
        DossierCodeError::Empty => "Vui lòng nhập mã hồ sơ.".to_owned(),
        DossierCodeError::TooLong { .. } => {
            format!("Mã hồ sơ quá dài (tối đa {MAX_DOSSIER_CODE_CHARS} ký tự).")
        }
        DossierCodeError::ControlCharacter { .. } => {
            "Mã hồ sơ chứa ký tự điều khiển không hợp lệ.".to_owned()
        }
    };
    ApiFailure::new(StatusCode::BAD_REQUEST, "invalid_dossier_code", message)
}

/// Trims the verifier, removes inner spaces and maps full-width digits and
/// letters to ASCII, as phone keyboards and copy and paste produce them.
fn normalize_verifier(input: &str) -> Result<String, ApiFailure> {
    let invalid = |message: &str| {
        ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "invalid_verifier",
            message.to_owned(),
        )
    };

    let mut verifier = String::new();
    for c in input.chars().map(dossier_code::unify_char) {
        if c.is_whitespace() {
            continue;
        }
        if c.is_control() {
            return Err(invalid(
                "Thông tin xác minh chứa ký tự điều khiển không hợp lệ.",
            ));
        }
        verifier.push(c);
        if verifier.len() > MAX_VERIFIER_BYTES {
            return Err(invalid("Thông tin xác minh quá dài."));
        }
    }
    if verifier.is_empty() {
        return Err(invalid("Vui lòng nhập thông tin xác minh."));
    }
    Ok(verifier)
}

fn rejection_failure(rejection: Rejection) -> ApiFailure {
    match rejection {
        Rejection::ClientLimit { retry_after } => {
            tracing::debug!(
                retry_after_s = retry_after.as_secs(),
                "dossier lookup refused: client limit"
            );
            ApiFailure::too_many_requests(
                "rate_limited",
                "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.",
                retry_after,
            )
        }
        Rejection::CodeLocked { retry_after } => {
            tracing::debug!(
                retry_after_s = retry_after.as_secs(),
                "dossier lookup refused: code locked"
            );
            ApiFailure::too_many_requests(
                "dossier_locked",
                "Mã hồ sơ này tạm thời bị khóa tra cứu do nhập sai nhiều lần. Vui lòng thử lại sau.",
                retry_after,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_normalised() {
        assert_eq!(normalize_verifier(" 12 34 ").unwrap(), "1234");
        assert_eq!(normalize_verifier("１２３４").unwrap(), "1234");
        assert_eq!(normalize_verifier("ab12").unwrap(), "AB12");
    }

    #[test]
    fn verifier_rejections() {
        assert_eq!(
            normalize_verifier("  ").unwrap_err().code,
            "invalid_verifier"
        );
        assert_eq!(
            normalize_verifier("1\u{0000}").unwrap_err().code,
            "invalid_verifier"
        );
        let long = "1".repeat(MAX_VERIFIER_BYTES + 1);
        assert_eq!(
            normalize_verifier(&long).unwrap_err().code,
            "invalid_verifier"
        );
        assert!(normalize_verifier(&"1".repeat(MAX_VERIFIER_BYTES)).is_ok());
    }

    #[test]
    fn json_content_types() {
        let mut headers = HeaderMap::new();
        assert!(require_json(&headers).is_err());
        for accepted in ["application/json", "Application/JSON; charset=utf-8"] {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(accepted));
            assert!(require_json(&headers).is_ok(), "{accepted}");
        }
        for rejected in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonx",
        ] {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(rejected));
            assert!(require_json(&headers).is_err(), "{rejected}");
        }
    }
}
