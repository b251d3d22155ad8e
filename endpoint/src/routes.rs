//! The API's handlers: `POST /contact` and `GET /healthz` (both `nosniff`,
//! `Cache-Control: no-store`, set by `app.rs`, which also mounts the static
//! site of `site.rs`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::extract::{AllowedOrigin, BeaconBody, ContactBody};
use crate::intake::{self, Accept, Intake};
use crate::ratelimit::client_ip;
use crate::state::AppState;
use readiness_contract::count::Beacon;
use readiness_contract::wire::{Accepted, ContactRequest, ErrorBody};

pub use crate::site::CONTENT_SECURITY_POLICY;

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
        (status = 503, description = "The database is unavailable for a moment (`Retry-After`); nothing was stored", body = ErrorBody),
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
    let accept = Accept {
        key,
        request_hash: format!("{:x}", Sha256::digest(&bytes)),
        submission,
        report,
        spam,
    };
    let (status, accepted, replayed) = match intake::accept(&state.store, &state.destinations, accept).await? {
        Intake::Created(accepted) => {
            state.outbox.notify_one();
            (StatusCode::CREATED, accepted, false)
        }
        // A retry of the same attempt: the first answer, as 200.
        Intake::Replayed(accepted) => (StatusCode::OK, accepted, true),
    };
    let mut response = (status, Json(accepted)).into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

// --- Anonymous counts (issue 23) ---

/// Counts one milestone of one page view: adds one to the day's counter of (day, path, locale,
/// variant, model version, milestone). Nothing else is stored: not the address (used only for
/// the rate limit, in memory), not the user agent, no time finer than the day (UTC).
#[utoipa::path(
    post,
    path = "/count",
    tag = "counts",
    request_body(
        description = "One beacon, as `navigator.sendBeacon` sends it: JSON with the content type \
                       text/plain (no CORS preflight) or application/json; at most 1024 bytes.",
        content((Beacon = "text/plain"), (Beacon = "application/json")),
    ),
    responses(
        (status = 204, description = "Counted"),
        (status = 400, description = "Not a beacon: not JSON, a missing, unknown or mistyped field, an unknown milestone", body = ErrorBody),
        (status = 403, description = "The page's origin may not send here", body = ErrorBody),
        (status = 413, description = "Larger than 1024 bytes", body = ErrorBody),
        (status = 415, description = "Neither text/plain nor application/json", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (`field` names it): path, locale, variant, model_version", body = ErrorBody),
        (status = 429, description = "Too many beacons from this address (`Retry-After`); nothing counted", body = ErrorBody),
        (status = 500, description = "The database failed", body = ErrorBody),
        (status = 503, description = "The database is unavailable for a moment; nothing counted", body = ErrorBody),
    )
)]
pub(crate) async fn count(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    _origin: AllowedOrigin,
    headers: HeaderMap,
    BeaconBody(beacon): BeaconBody,
) -> Result<StatusCode, ApiError> {
    let key = crate::count::key_of(beacon, crate::count::today())?;
    // Only beacons that would count use up the address's allowance.
    let ip = client_ip(&headers, peer, state.config.trusted_hops);
    state.count_limit.check(ip).map_err(ApiError::RateLimited)?;
    state.store.count(key).await?;
    Ok(StatusCode::NO_CONTENT)
}
