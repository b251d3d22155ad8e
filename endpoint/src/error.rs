//! The one error type of the API, answered as JSON `{error, reason, field?}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Why a request was not stored.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Not JSON / not a form, or a field of the wrong type or name.
    #[error("{0}")]
    Malformed(String),
    /// A field breaks its rule.
    #[error("{field}: {reason}")]
    Invalid {
        /// Dotted field name, e.g. `contact.email`.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The page's origin may not submit here.
    #[error("{0}")]
    Forbidden(String),
    /// The body did not arrive in time.
    #[error("the body did not arrive within {0} s")]
    Timeout(u64),
    /// The body is over the limit.
    #[error("the body is larger than {0} bytes")]
    TooLarge(usize),
    /// Neither JSON nor a urlencoded form.
    #[error("send application/json or application/x-www-form-urlencoded")]
    UnsupportedMediaType,
    /// The idempotency key was used for a different body.
    #[error("this Idempotency-Key was already used for a different submission")]
    IdempotencyConflict,
    /// Too many requests from this address.
    #[error("too many submissions from this address; try again in {0} s")]
    RateLimited(u64),
    /// The database failed: the only 5xx.
    #[error("the submission could not be stored; please try again")]
    Storage(String),
}

impl ApiError {
    /// Shorthand for [`ApiError::Invalid`].
    pub fn invalid(field: &str, reason: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Malformed(_) => (StatusCode::BAD_REQUEST, "malformed"),
            ApiError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden-origin"),
            ApiError::Timeout(_) => (StatusCode::REQUEST_TIMEOUT, "timeout"),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too-large"),
            ApiError::UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
            ApiError::IdempotencyConflict => (StatusCode::CONFLICT, "idempotency-conflict"),
            ApiError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, "rate-limited"),
            ApiError::Storage(_) => (StatusCode::INTERNAL_SERVER_ERROR, "storage"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let ApiError::Storage(detail) = &self {
            tracing::error!("storage error: {detail}");
        }
        let mut body = json!({ "error": code, "reason": self.to_string() });
        if let ApiError::Invalid { field, .. } = &self {
            body["field"] = json!(field);
        }
        let mut response = (status, axum::Json(body)).into_response();
        if let ApiError::RateLimited(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        ApiError::Storage(error.to_string())
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        ApiError::Storage(error.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        ApiError::Storage(error.to_string())
    }
}
