//! The whole application's router: the API (`routes.rs`), `/openapi.json`,
//! the sales view (`admin/`), the static site (`site.rs`), and the request log.

use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::origin::AllowedOrigins;
use crate::routes::{contact, count, healthz};
use crate::state::AppState;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let mut contact = Router::new()
        .route("/contact", post(contact))
        // Issue 22: the plan by e-mail, under the same origin rules as the contact payload.
        .route("/plan", post(crate::plan::plan))
        // Anonymous counts (issue 23): the same origins as /contact.
        .route("/count", post(count));
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
    let mut app = api.merge(crate::admin::router(state.admin_state()));
    if let Some(site) = &state.config.site {
        app = app.fallback_service(crate::site::files(site));
    }
    app.layer(crate::logging::layer()).with_state(state)
}
