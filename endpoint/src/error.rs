//! The one error type of the API, answered as JSON `{error, reason, field?}`
//! (the contract's [`ErrorBody`], the type `/openapi.json` documents). The
//! store's errors become HTTP here, and nowhere else: unavailable is 503 with
//! `Retry-After`, a failed statement 500.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use readiness_contract::wire::ErrorBody;

use crate::store::StoreError;

/// Seconds a client is asked to wait while the database is unavailable.
pub const UNAVAILABLE_RETRY_AFTER: u64 = 5;

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
    /// Not one of the content types the route reads (named).
    #[error("send {0}")]
    UnsupportedMediaType(&'static str),
    /// The idempotency key was used for a different body.
    #[error("this Idempotency-Key was already used for a different submission")]
    IdempotencyConflict,
    /// Too many requests from this address.
    #[error("too many submissions from this address; try again in {0} s")]
    RateLimited(u64),
    /// Issue 22: this client address, or this recipient, asked for the plan too often today.
    #[error("the plan has been e-mailed as often as allowed today; try again in {0} s")]
    PlanLimit(u64),
    /// Issue 22: the endpoint sends no plan e-mail (no SMTP relay configured).
    #[error("this endpoint does not e-mail plans")]
    PlanOff,
    /// The database failed or cannot be reached: the only 5xx.
    #[error("{}", if .0.is_unavailable() {
        "the database is unavailable for a moment; please try again"
    } else {
        "the submission could not be stored; please try again"
    })]
    Store(#[from] StoreError),
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
            ApiError::UnsupportedMediaType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
            ApiError::IdempotencyConflict => (StatusCode::CONFLICT, "idempotency-conflict"),
            ApiError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, "rate-limited"),
            ApiError::PlanLimit(_) => (StatusCode::TOO_MANY_REQUESTS, "plan-limit"),
            ApiError::PlanOff => (StatusCode::NOT_FOUND, "plan-off"),
            ApiError::Store(e) if e.is_unavailable() => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "storage"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let ApiError::Store(detail) = &self {
            tracing::error!("storage error: {detail}");
        }
        let body = ErrorBody {
            error: code.to_owned(),
            reason: self.to_string(),
            field: match &self {
                ApiError::Invalid { field, .. } => Some(field.clone()),
                _ => None,
            },
        };
        let retry_after = match &self {
            ApiError::RateLimited(seconds) | ApiError::PlanLimit(seconds) => Some(*seconds),
            ApiError::Store(e) if e.is_unavailable() => Some(UNAVAILABLE_RETRY_AFTER),
            _ => None,
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
