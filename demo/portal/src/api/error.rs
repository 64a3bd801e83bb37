//! Error responses of portal API v1: `{"error":{"code":…,"message":…}}`.
//!
//! The code is a stable English identifier for programs; the message is
//! Vietnamese and may be shown to a citizen as it is.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::{ApiError, ErrorBody};

/// An error the API returns, with its HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Seconds for the `Retry-After` header of a 429 response.
    pub retry_after: Option<Duration>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiFailure {
        ApiFailure {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 400 for a query or path parameter the API cannot use.
    pub fn invalid_parameter(message: impl Into<String>) -> ApiFailure {
        ApiFailure::new(StatusCode::BAD_REQUEST, "invalid_parameter", message)
    }

    /// 400 for a request body that is not the expected JSON object.
    pub fn invalid_body(message: impl Into<String>) -> ApiFailure {
        ApiFailure::new(StatusCode::BAD_REQUEST, "invalid_body", message)
    }

    /// 404 for a path under `/api` that names no endpoint.
    pub fn route_not_found() -> ApiFailure {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Không tìm thấy địa chỉ API này.",
        )
    }

    /// 405 for an endpoint called with a method it does not accept.
    pub fn method_not_allowed() -> ApiFailure {
        ApiFailure::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "Địa chỉ API này không hỗ trợ phương thức HTTP đã dùng.",
        )
    }

    /// 413 for a request body over the size limit.
    pub fn body_too_large(limit_bytes: usize) -> ApiFailure {
        ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("Nội dung yêu cầu quá lớn (tối đa {limit_bytes} byte)."),
        )
    }

    /// 415 for a request body that is not declared as JSON.
    pub fn unsupported_media_type() -> ApiFailure {
        ApiFailure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Nội dung yêu cầu phải là JSON (Content-Type: application/json).",
        )
    }

    /// 429 with the wait in `Retry-After`.
    pub fn too_many_requests(
        code: &'static str,
        message: impl Into<String>,
        retry_after: Duration,
    ) -> ApiFailure {
        ApiFailure {
            retry_after: Some(retry_after),
            ..ApiFailure::new(StatusCode::TOO_MANY_REQUESTS, code, message)
        }
    }

    /// Returns the JSON body of this error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ApiError {
                code: self.code.to_owned(),
                message: self.message.clone(),
            },
        }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(wait) = self.retry_after {
            // Round up so a client that waits the advertised time is let through.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retry_after(wait: Duration) -> String {
        let response = ApiFailure::too_many_requests("rate_limited", "…", wait).into_response();
        response.headers()[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after(Duration::from_millis(2_001)), "3");
        assert_eq!(retry_after(Duration::from_secs(2)), "2");
        assert_eq!(retry_after(Duration::from_millis(10)), "1");
        assert_eq!(retry_after(Duration::ZERO), "1");
    }

    #[test]
    fn body_has_code_and_message() {
        let failure = ApiFailure::body_too_large(4096);
        let body = failure.body();
        assert_eq!(body.error.code, "body_too_large");
        assert!(body.error.message.contains("4096"));
        let response = failure.into_response();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
    }
}
