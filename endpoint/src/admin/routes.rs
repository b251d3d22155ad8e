//! The sales view's routes, its headers, and 404 for all of it when no token is configured.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::access::AdminError;
use super::handlers;
use super::state::AdminState;
use crate::site::{CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY};

/// The sales view's routes (all 404 unless a token is configured), with their state.
pub fn router<S: Clone + Send + Sync + 'static>(state: AdminState) -> Router<S> {
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
        // Anonymous counts (issue 23).
        .route("/admin/funnel", get(handlers::funnel))
        .route("/admin/funnel.csv", get(handlers::funnel_csv))
        .route("/admin/sign-in", get(handlers::sign_in_page).post(handlers::sign_in))
        .route("/admin/sign-out", post(handlers::sign_out))
        .route("/admin/admin.css", get(handlers::stylesheet))
        .route("/admin/{*rest}", get(|| async { AdminError::NotFound }))
        .layer(middleware::from_fn_with_state(state.clone(), only_when_enabled))
        .layer(middleware::from_fn(headers))
        .with_state(state)
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
async fn only_when_enabled(State(state): State<AdminState>, request: Request, next: Next) -> Response {
    if state.admin.is_some() {
        next.run(request).await
    } else {
        AdminError::NotFound.into_response()
    }
}
