//! The HTTP surface: `POST /contact`, `GET /healthz` (both `nosniff`,
//! `Cache-Control: no-store`), and the static site (`site.rs`: strict
//! Content-Security-Policy, `Referrer-Policy`, `Permissions-Policy`,
//! precompressed files, caching).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::Config;
use crate::error::ApiError;
use crate::origin::AllowedOrigins;
use crate::payload::Submission;
use crate::ratelimit::{client_ip, RateLimit};
use crate::store::{Store, Stored};

pub use crate::site::CONTENT_SECURITY_POLICY;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Settings.
    pub config: Arc<Config>,
    /// Submissions per client address.
    pub limit: Arc<RateLimit>,
    /// Who may POST, parsed at start.
    pub origins: Arc<AllowedOrigins>,
    /// The sales view's keys and sign-in limit; `None` when no admin token is configured.
    pub admin: Option<Arc<crate::admin::Admin>>,
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let mut contact = Router::new().route("/contact", post(contact));
    let allow = match state.origins.as_ref() {
        AllowedOrigins::SameOrigin => None,
        AllowedOrigins::Any => Some(AllowOrigin::any()),
        list @ AllowedOrigins::List(_) => Some(AllowOrigin::list(list.header_values())),
    };
    if let Some(allow) = allow {
        contact = contact.layer(
            CorsLayer::new()
                .allow_origin(allow)
                .allow_methods([Method::POST])
                .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
                .expose_headers([header::RETRY_AFTER]),
        );
    }
    let api = Router::new()
        .route("/healthz", get(healthz))
        .merge(contact)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let mut app = api.merge(crate::admin::router(&state));
    if let Some(site) = &state.config.site {
        app = app.fallback_service(crate::site::files(site));
    }
    app.with_state(state)
}

async fn healthz(State(state): State<AppState>) -> Response {
    if state.store.healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `application/json` or `application/x-www-form-urlencoded`, exactly,
/// with optional parameters (`; charset=utf-8`); `Some(true)` for JSON.
fn media_type(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(true),
        "application/x-www-form-urlencoded" => Some(false),
        _ => None,
    }
}

/// The body, within the size limit and the body timeout. Over the limit is
/// 413; a body that breaks HTTP framing (bad chunked encoding) is 400.
async fn read_body(body: Body, headers: &HeaderMap, config: &Config) -> Result<axum::body::Bytes, ApiError> {
    use http_body_util::BodyExt;
    let limit = config.body_limit;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::TooLarge(limit));
    }
    let collect = http_body_util::Limited::new(body, limit).collect();
    match tokio::time::timeout(config.body_timeout, collect).await {
        Err(_) => Err(ApiError::Timeout(config.body_timeout.as_secs())),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => Err(ApiError::TooLarge(limit)),
        Ok(Err(error)) => Err(ApiError::Malformed(format!("the body could not be read: {error}"))),
    }
}

async fn contact(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    state.origins.check(&headers)?;
    let is_json = media_type(&headers).ok_or(ApiError::UnsupportedMediaType)?;
    let bytes = read_body(body, &headers, &state.config).await?;

    let (mut submission, form_key) = if is_json {
        (Submission::from_json(&bytes)?, None)
    } else {
        Submission::from_form(&bytes)?
    };
    let key = headers
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
    if submission.honeypot {
        // Look accepted, store nothing: bots learn nothing.
        return Ok((
            StatusCode::ACCEPTED,
            axum::Json(serde_json::json!({ "received": true })),
        )
            .into_response());
    }
    let report = submission.validate(state.config.min_fill_ms)?;
    // Only what could be a real submission counts toward the limit.
    let ip = client_ip(&headers, peer, state.config.trusted_hops);
    state.limit.check(ip).map_err(ApiError::RateLimited)?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    let stored = state.store.store(key, hash, submission, report).await?;
    let (status, body, replayed) = match stored {
        Stored::Created(status, body) => (status, body, false),
        // A retry of the same attempt: the first answer, as 200.
        Stored::Replayed(_, body) => (200, body, true),
    };
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}
