//! The HTTP surface: `POST /contact`, `GET /healthz` (both `nosniff`,
//! `Cache-Control: no-store`), and the static site (`site.rs`: strict
//! Content-Security-Policy, `Referrer-Policy`, `Permissions-Policy`,
//! precompressed files, caching).

use std::net::SocketAddr;
use std::sync::Arc;

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
use crate::extract::{AllowedOrigin, ContactBody};
use crate::origin::AllowedOrigins;
use crate::ratelimit::{client_ip, RateLimit};
use crate::store::{Store, Stored};
use readiness_contract::wire::{Accepted, ContactRequest, ErrorBody};

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
    /// Where each accepted submission is delivered (one outbox row each).
    pub destinations: Arc<[crate::outbox::Destination]>,
    /// Wakes the outbox worker when a submission is stored.
    pub outbox: Arc<tokio::sync::Notify>,
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
        .route("/openapi.json", get(crate::openapi::serve))
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
    app.layer(crate::logging::layer()).with_state(state)
}

/// Whether the database can be read.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "The database can be read", body = String, content_type = "text/plain", example = "ok"),
        (status = 503, description = "The database cannot be read", body = String, content_type = "text/plain", example = "database unavailable"),
    )
)]
pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    if state.store.healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// Stores one contact submission (JSON or a urlencoded form), re-scored on the server.
#[utoipa::path(
    post,
    path = "/contact",
    tag = "contact",
    request_body(
        description = "The contact payload (docs/payload-schema.md); also accepted flat as \
                       application/x-www-form-urlencoded with an idempotency_key field.",
        content((ContactRequest = "application/json")),
    ),
    params(("Idempotency-Key" = String, Header, description = "8–64 letters, digits, - or _; a retry with the same key and body is answered once")),
    responses(
        (status = 201, description = "Stored; the server's own scores", body = Accepted),
        (status = 200, description = "A retry of a stored submission: the first answer, with `Idempotent-Replayed: true`", body = Accepted),
        (status = 400, description = "Malformed: not JSON or a form, a field of the wrong type or name, no idempotency key", body = ErrorBody),
        (status = 403, description = "The page's origin may not submit here", body = ErrorBody),
        (status = 408, description = "The body did not arrive in time", body = ErrorBody),
        (status = 409, description = "The idempotency key was used for a different body", body = ErrorBody),
        (status = 413, description = "The body is over the limit", body = ErrorBody),
        (status = 415, description = "Neither JSON nor a urlencoded form", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (`field` names it)", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address (`Retry-After`)", body = ErrorBody),
        (status = 500, description = "The database failed", body = ErrorBody),
    )
)]
pub(crate) async fn contact(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    _origin: AllowedOrigin,
    headers: HeaderMap,
    ContactBody {
        mut submission,
        bytes,
        key,
    }: ContactBody,
) -> Result<Response, ApiError> {
    let report = submission.validate()?;
    // A bot-like submission is stored and flagged (and answered alike): a person who trips a rule is not lost.
    let spam = submission.spam_reasons(state.config.min_fill_ms);
    // Only what could be a real submission counts toward the limit.
    let ip = client_ip(&headers, peer, state.config.trusted_hops);
    state.limit.check(ip).map_err(ApiError::RateLimited)?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    let stored = state
        .store
        .store(key, hash, submission, report, spam, state.destinations.clone())
        .await?;
    if matches!(stored, Stored::Created(..)) {
        state.outbox.notify_one();
    }
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
