//! Who gets in and how a refusal reads: the sales view's error (a small HTML page), the
//! caller's address as the limits see it, the origin check of state-changing requests, and
//! how a session is named in the store when it is revoked.

use std::net::SocketAddr;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::auth::Admin;
use super::pages;
use super::state::AdminState;
use crate::error::ApiError;
use crate::ratelimit::client_ip;
use crate::store::StoreError;

/// Why a sales-view request was refused; answered as a small HTML page.
#[derive(Debug)]
pub enum AdminError {
    /// The view is off, or no such page or submission.
    NotFound,
    /// No valid session or token: the sign-in form (already rendered).
    Unauthorized(Box<Response>),
    /// A state-changing request from another origin, or without a valid CSRF token.
    Forbidden(String),
    /// A filter or form value is wrong.
    BadRequest(String),
    /// Too many failed sign-ins from this address: wait this many seconds.
    TooMany(u64),
    /// The database failed (answered as the API answers it: `crate::error`).
    Storage(StoreError),
}

impl From<StoreError> for AdminError {
    fn from(error: StoreError) -> Self {
        AdminError::Storage(error)
    }
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AdminError::Unauthorized(response) => return *response,
            AdminError::NotFound => (StatusCode::NOT_FOUND, "Not found.".to_owned()),
            AdminError::Forbidden(why) => (StatusCode::FORBIDDEN, why),
            AdminError::BadRequest(why) => (StatusCode::BAD_REQUEST, why),
            AdminError::TooMany(seconds) => {
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    pages::message(
                        "Too many attempts",
                        &format!(
                            "Too many failed sign-ins from this address; try again in {seconds} s. Until then no \
                             token is checked, not even the right one: otherwise the answer would tell a right \
                             guess from a wrong one, and the limit would not limit guessing. A browser that is \
                             already signed in stays signed in."
                        ),
                    ),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                return response;
            }
            AdminError::Storage(error) => return ApiError::from(error).into_response(),
        };
        (
            status,
            pages::message(status.canonical_reason().unwrap_or("Error"), &message),
        )
            .into_response()
    }
}

/// The caller's address, as the rate limits see it.
pub fn caller(headers: &HeaderMap, peer: Option<SocketAddr>, state: &AdminState) -> std::net::IpAddr {
    let peer = peer.unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
    client_ip(headers, peer, state.trusted_hops)
}

/// The sales view's keys; `NotFound` when it is off.
pub fn admin(state: &AdminState) -> Result<&Admin, AdminError> {
    state.admin.as_deref().ok_or(AdminError::NotFound)
}

/// How the store names a session: a hash of its cookie (the cookie itself is never stored).
pub fn session_id(cookie: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(cookie.as_bytes()))
}

/// State-changing requests: an `Origin` other than our own is refused; a
/// session (cookie) request must send one (every current browser does on a
/// POST). A bearer request is no CSRF risk and may omit it.
pub fn check_origin(headers: &HeaderMap, required: bool) -> Result<(), AdminError> {
    if required && headers.get(header::ORIGIN).is_none() {
        return Err(AdminError::Forbidden(
            "This form must be sent from the sales view's own pages.".into(),
        ));
    }
    crate::origin::AllowedOrigins::SameOrigin
        .check(headers)
        .map_err(|_| AdminError::Forbidden("This form must be sent from the sales view's own pages.".into()))
}
