//! The contact body as an axum extractor: the content type (JSON or a
//! urlencoded form), the size limit and the body timeout, then parsing into
//! one [`Submission`]. Every failure is an [`ApiError`] with a reason.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};

use crate::error::ApiError;
use crate::payload::Submission;
use crate::state::AppState;

/// A parsed contact submission and the idempotency key that came with it
/// (the `Idempotency-Key` header, or a form's `idempotency_key` field).
pub struct ContactBody {
    /// The submission, not yet validated.
    pub submission: Submission,
    /// The raw body, for the request hash.
    pub bytes: axum::body::Bytes,
    /// The idempotency key, checked for shape.
    pub key: String,
}

/// The page's origin may POST here (checked before anything is read).
pub struct AllowedOrigin;

impl FromRequestParts<AppState> for AllowedOrigin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        state.origins.check(&parts.headers)?;
        Ok(AllowedOrigin)
    }
}

impl FromRequest<AppState> for ContactBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let format = BodyFormat::of(request.headers()).ok_or(ApiError::UnsupportedMediaType(
            "application/json or application/x-www-form-urlencoded",
        ))?;
        let (parts, body) = request.into_parts();
        let bytes = read_body(body, &parts.headers, state.config.body_limit, state.config.body_timeout).await?;
        let (submission, form_key) = match format {
            BodyFormat::Json => (Submission::from_json(&bytes)?, None),
            BodyFormat::Form => Submission::from_form(&bytes)?,
        };
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or(form_key)
            .ok_or_else(|| {
                ApiError::Malformed("an Idempotency-Key header (or idempotency_key field) is required".into())
            })?;
        if !valid_key(&key) {
            return Err(ApiError::Malformed(
                "the idempotency key must be 8 to 64 letters, digits, - or _".into(),
            ));
        }
        Ok(ContactBody { submission, bytes, key })
    }
}

// --- Issue 22: the plan request's body ---

/// A plan request (`POST /plan`, JSON only) and its `Idempotency-Key`.
pub struct PlanBody {
    /// The request, not yet validated.
    pub request: readiness_contract::wire::PlanRequest,
    /// The idempotency key, checked for shape.
    pub key: String,
}

impl FromRequest<AppState> for PlanBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        if BodyFormat::of(request.headers()) != Some(BodyFormat::Json) {
            return Err(ApiError::UnsupportedMediaType("application/json"));
        }
        let (parts, body) = request.into_parts();
        let bytes = read_body(body, &parts.headers, state.config.body_limit, state.config.body_timeout).await?;
        let request = serde_json::from_slice(&bytes).map_err(|e| ApiError::Malformed(format!("invalid JSON: {e}")))?;
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .filter(|key| valid_key(key))
            .ok_or_else(|| {
                ApiError::Malformed("an Idempotency-Key header of 8 to 64 letters, digits, - or _ is required".into())
            })?;
        Ok(PlanBody {
            request,
            key: key.to_owned(),
        })
    }
}

fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The two bodies `POST /contact` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyFormat {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// The request's `Content-Type` without its parameters (`; charset=utf-8`), lower-cased.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
}

impl BodyFormat {
    /// The request's `Content-Type`, exactly one of the two, with optional parameters
    /// (`; charset=utf-8`); `None` for anything else.
    fn of(headers: &HeaderMap) -> Option<BodyFormat> {
        match media_type(headers)?.as_str() {
            "application/json" => Some(BodyFormat::Json),
            "application/x-www-form-urlencoded" => Some(BodyFormat::Form),
            _ => None,
        }
    }
}

/// The body, within the size limit and the body timeout. Over the limit is
/// 413; a body that breaks HTTP framing (bad chunked encoding) is 400.
async fn read_body(
    body: axum::body::Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<axum::body::Bytes, ApiError> {
    use http_body_util::BodyExt;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::TooLarge(limit));
    }
    let collect = http_body_util::Limited::new(body, limit).collect();
    match tokio::time::timeout(timeout, collect).await {
        Err(_) => Err(ApiError::Timeout(timeout.as_secs())),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => Err(ApiError::TooLarge(limit)),
        Ok(Err(error)) => Err(ApiError::Malformed(format!("the body could not be read: {error}"))),
    }
}

// --- Anonymous counts (issue 23) ---

/// A beacon of `POST /count`: JSON sent as `text/plain` (what `navigator.sendBeacon` sends
/// with a string, no CORS preflight) or `application/json`, at most
/// [`crate::count::MAX_BEACON_BYTES`].
pub struct BeaconBody(pub readiness_contract::count::Beacon);

impl FromRequest<AppState> for BeaconBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        if !matches!(
            media_type(request.headers()).as_deref(),
            Some("text/plain" | "application/json")
        ) {
            return Err(ApiError::UnsupportedMediaType(
                "text/plain or application/json (a JSON beacon)",
            ));
        }
        let (parts, body) = request.into_parts();
        let limit = crate::count::MAX_BEACON_BYTES;
        let bytes = read_body(body, &parts.headers, limit, state.config.body_timeout).await?;
        serde_json::from_slice(&bytes)
            .map(BeaconBody)
            .map_err(|e| ApiError::Malformed(format!("not a beacon: {e}")))
    }
}
