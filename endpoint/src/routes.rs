//! The HTTP surface: `POST /contact`, `GET /healthz`, and the static site
//! (`site.rs`: strict Content-Security-Policy, precompressed files, caching).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::Config;
use crate::error::ApiError;
use crate::payload::Submission;
use crate::ratelimit::RateLimit;
use crate::store::{Store, Stored};

pub use crate::site::CONTENT_SECURITY_POLICY;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Settings.
    pub config: Arc<Config>,
    /// Per-IP POST counter.
    pub limit: Arc<RateLimit>,
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let mut contact = Router::new().route("/contact", post(contact));
    if !state.config.allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = state
            .config
            .allow_origins
            .iter()
            .filter_map(|o| o.parse().ok())
            .collect();
        contact = contact.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST])
                .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")]),
        );
    }
    let mut app = Router::new().route("/healthz", get(healthz)).merge(contact);
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

fn client_ip(headers: &HeaderMap, peer: SocketAddr, trust_proxy: bool) -> IpAddr {
    if trust_proxy {
        let forwarded = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|ip| ip.trim().parse().ok());
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    peer.ip()
}

fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn contact(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_json = content_type.starts_with("application/json");
    if !is_json && !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let ip = client_ip(&headers, peer, state.config.trust_proxy);
    state.limit.check(ip, Instant::now()).map_err(ApiError::RateLimited)?;

    let limit = state.config.body_limit;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::TooLarge(limit));
    }
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::TooLarge(limit))?;

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
