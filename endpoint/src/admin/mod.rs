//! The sales view at `/admin`: server-rendered pages (maud) behind the
//! admin token, working without JavaScript under the site's strict CSP.
//!
//! - `GET /admin`: submissions, newest first, paged and filtered
//!   (a sign in gap or close, a date range);
//! - `GET /admin/submissions/{id}`: one submission: the readiness map scored
//!   again from its result code, contact fields, the consent text shown;
//!   `GET|POST /admin/submissions/{id}/erase`: erase that person's data;
//! - `GET /admin/overview`: per sign, how many are strong, close or gap;
//! - `GET /admin/export.csv`, `GET /admin/export.json`: the current filter;
//! - `GET|POST /admin/sign-in`, `POST /admin/sign-out`, `GET /admin/admin.css`.
//!
//! Without a configured token every route answers 404. Everything answers
//! `Cache-Control: no-store`. See [`auth`] for the rules of access.

pub mod auth;
pub mod chart;
pub mod detail;
pub mod filter;
pub mod handlers;
pub mod pages;
mod postgres;
pub mod queries;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub use auth::{Access, Admin};

/// The shortest admin token accepted at start.
pub const MIN_TOKEN_CHARS: usize = 16;

use crate::error::ApiError;
use crate::ratelimit::client_ip;
use crate::routes::AppState;
use crate::site::{CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY};

/// The sales view's routes (all 404 unless a token is configured).
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/admin", get(handlers::list))
        .route("/admin/", get(handlers::list))
        .route("/admin/overview", get(handlers::overview))
        .route("/admin/submissions/{id}", get(handlers::submission))
        .route(
            "/admin/submissions/{id}/erase",
            get(handlers::confirm_erase).post(handlers::erase),
        )
        .route("/admin/export.csv", get(handlers::export_csv))
        .route("/admin/export.json", get(handlers::export_json))
        .route("/admin/sign-in", get(handlers::sign_in_page).post(handlers::sign_in))
        .route("/admin/sign-out", post(handlers::sign_out))
        .route("/admin/admin.css", get(handlers::stylesheet))
        .route("/admin/{*rest}", get(|| async { AdminError::NotFound }))
        .layer(middleware::from_fn_with_state(state.clone(), only_when_enabled))
        .layer(middleware::from_fn(headers))
}

/// Sent with every answer of the sales view: never cached, the site's CSP, never framed.
const HEADERS: [(HeaderName, &str); 6] = [
    (header::CACHE_CONTROL, "no-store"),
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY),
];

async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    for (name, value) in HEADERS {
        response.headers_mut().insert(name, HeaderValue::from_static(value));
    }
    response
}

/// 404 for every route when no token is configured.
async fn only_when_enabled(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.admin.is_some() {
        next.run(request).await
    } else {
        AdminError::NotFound.into_response()
    }
}

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
    /// The database failed.
    Storage(ApiError),
}

impl From<ApiError> for AdminError {
    fn from(error: ApiError) -> Self {
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
            AdminError::Storage(error) => return error.into_response(),
        };
        (
            status,
            pages::message(status.canonical_reason().unwrap_or("Error"), &message),
        )
            .into_response()
    }
}

/// The caller's address, as the rate limits see it.
pub fn caller(headers: &HeaderMap, peer: Option<SocketAddr>, state: &AppState) -> std::net::IpAddr {
    let peer = peer.unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
    client_ip(headers, peer, state.config.trusted_hops)
}

/// The sales view's keys; `NotFound` when it is off.
pub fn admin(state: &AppState) -> Result<&Admin, AdminError> {
    state.admin.as_deref().ok_or(AdminError::NotFound)
}

impl FromRequestParts<AppState> for Access {
    type Rejection = AdminError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Access, AdminError> {
        let admin = admin(state)?;
        if let Some(token) = auth::bearer(&parts.headers) {
            let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
            let ip = caller(&parts.headers, peer, state);
            admin.locked_out(ip).map_err(AdminError::TooMany)?;
            if admin.is_token(token) {
                return Ok(Access::Bearer);
            }
            admin.failed(ip).map_err(AdminError::TooMany)?;
            let mut refused = pages::message("Unauthorized", "The token is not right.").into_response();
            *refused.status_mut() = StatusCode::UNAUTHORIZED;
            refused.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"admin\""),
            );
            return Err(AdminError::Unauthorized(Box::new(refused)));
        }
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if let Some(access) = auth::cookie(&parts.headers, auth::SESSION_COOKIE).and_then(|v| admin.session(v, now)) {
            return Ok(access);
        }
        let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
        Err(AdminError::Unauthorized(Box::new(handlers::sign_in_form(
            admin,
            StatusCode::UNAUTHORIZED,
            next,
            None,
        ))))
    }
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
