//! The sales view's handlers: each checks access through the [`Access`]
//! extractor, reads through the store, renders a page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde::Deserialize;

use super::access::{admin, caller, check_origin, session_id, AdminError};
use super::auth::{self, Access, Admin};
use super::filter::{Filter, FilterQuery, PAGE_SIZE};
use super::state::AdminState;
use super::{detail, pages};

/// The stylesheet of every page (a file: the CSP allows no inline style).
const STYLESHEET: &str = include_str!("admin.css");

fn filter(query: &FilterQuery) -> Result<Filter, AdminError> {
    Filter::parse(query).map_err(AdminError::BadRequest)
}

/// `GET /admin`: the list.
pub async fn list(
    access: Access,
    State(state): State<AdminState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AdminError> {
    let filter = filter(&query)?;
    let page = state.store.page(filter.selection(), PAGE_SIZE, filter.offset()).await?;
    Ok(pages::list(&access, &filter, &page).into_response())
}

/// `GET /admin/overview`: counts per sign and status over a period.
pub async fn overview(
    access: Access,
    State(state): State<AdminState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AdminError> {
    let filter = filter(&query)?;
    let overview = state.store.overview(filter.from.clone(), filter.to.clone()).await?;
    Ok(pages::overview(&access, &filter, &overview).into_response())
}

/// `GET /admin/submissions/{id}`.
pub async fn submission(
    access: Access,
    State(state): State<AdminState>,
    Path(id): Path<i64>,
) -> Result<Response, AdminError> {
    let found = state.store.submission(id).await?.ok_or(AdminError::NotFound)?;
    Ok(detail::page(&access, &found).into_response())
}

/// `GET /admin/submissions/{id}/erase`: the confirmation step.
pub async fn confirm_erase(
    access: Access,
    State(state): State<AdminState>,
    Path(id): Path<i64>,
) -> Result<Response, AdminError> {
    let found = state.store.submission(id).await?.ok_or(AdminError::NotFound)?;
    Ok(pages::confirm_erase(&access, &found).into_response())
}

/// A form of a session: its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: String,
}

/// Refuses a state-changing request from another origin or without the session's CSRF token.
fn check_post(access: &Access, headers: &HeaderMap, sent: &str) -> Result<(), AdminError> {
    match access {
        Access::Bearer => check_origin(headers, false),
        Access::Session { csrf } => {
            check_origin(headers, true)?;
            let same: bool = subtle::ConstantTimeEq::ct_eq(csrf.as_bytes(), sent.as_bytes()).into();
            if same {
                Ok(())
            } else {
                Err(AdminError::Forbidden(
                    "This form has expired or did not come from the sales view; open the page again.".into(),
                ))
            }
        }
    }
}

/// `POST /admin/submissions/{id}/erase`: deletes every submission of that person's e-mail address.
pub async fn erase(
    access: Access,
    State(state): State<AdminState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AdminError> {
    check_post(&access, &headers, &form.csrf)?;
    let found = state.store.submission(id).await?.ok_or(AdminError::NotFound)?;
    let erased = state.store.erase(found.email.clone()).await?;
    // No address in the log: the submission's id and the counts.
    tracing::info!(
        id,
        submissions = erased.submissions,
        deliveries = erased.deliveries,
        "erased from the sales view"
    );
    Ok(pages::erased(&access, &found.email, erased).into_response())
}

/// The submissions of the current filter as CSV, newest first; cells that a spreadsheet would run
/// as a formula start with `'`.
#[utoipa::path(
    get,
    path = "/admin/export.csv",
    tag = "sales view",
    params(FilterQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "One row per submission, with a header", body = String, content_type = "text/csv"),
        (status = 400, description = "A filter value is wrong (the page says which)", body = String, content_type = "text/html"),
        (status = 401, description = "No or a wrong token (the sign-in form)", body = String, content_type = "text/html"),
        (status = 404, description = "The sales view is off (no READINESS_ADMIN_TOKEN)", body = String, content_type = "text/html"),
        (status = 429, description = "Too many failed attempts from this address (`Retry-After`)", body = String, content_type = "text/html"),
    )
)]
pub async fn export_csv(
    _: Access,
    State(state): State<AdminState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AdminError> {
    let rows = state.store.export(filter(&query)?.selection()).await?;
    let mut out = Vec::new();
    let written = crate::export::write_csv(&rows, &mut out).map(|_| out);
    csv_download("submissions.csv", written)
}

/// A CSV file to download as `filename`, or the error that kept it from being written.
fn csv_download(filename: &str, csv: Result<Vec<u8>, String>) -> Result<Response, AdminError> {
    let csv = csv.map_err(|e| AdminError::Storage(crate::store::StoreError::Failed(e)))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        csv,
    )
        .into_response())
}

/// The submissions of the current filter as JSON, newest first.
#[utoipa::path(
    get,
    path = "/admin/export.json",
    tag = "sales view",
    params(FilterQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "One object per submission, keyed by column (the CSV's header)", body = Export),
        (status = 400, description = "A filter value is wrong (the page says which)", body = String, content_type = "text/html"),
        (status = 401, description = "No or a wrong token (the sign-in form)", body = String, content_type = "text/html"),
        (status = 404, description = "The sales view is off (no READINESS_ADMIN_TOKEN)", body = String, content_type = "text/html"),
        (status = 429, description = "Too many failed attempts from this address (`Retry-After`)", body = String, content_type = "text/html"),
    )
)]
pub async fn export_json(
    _: Access,
    State(state): State<AdminState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AdminError> {
    let rows = state.store.export(filter(&query)?.selection()).await?;
    let submissions = rows.into_iter().map(|row| columns().zip(row).collect()).collect();
    Ok((
        [(header::CONTENT_DISPOSITION, "attachment; filename=\"submissions.json\"")],
        Json(Export { submissions }),
    )
        .into_response())
}

/// The JSON download's keys: the export's columns, then `deliveries`.
fn columns() -> impl Iterator<Item = String> {
    crate::store::COLUMNS
        .iter()
        .chain(&["deliveries"])
        .map(|c| (*c).to_owned())
}

/// `GET /admin/export.json`'s body.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Export {
    /// Newest first; each maps every column of the export (`id`, `received_at`, `name`, `email`, …,
    /// `suspected_spam`, `context`, `deliveries`, as in the CSV's header) to its text (empty for none;
    /// `context` is the JSON text of the embed's context object, e.g. `{"campaign":"spring-26"}`).
    pub submissions: Vec<std::collections::BTreeMap<String, String>>,
}

/// The sales view's bearer token in the OpenAPI document.
pub struct AdminToken;

impl utoipa::Modify for AdminToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("admin_token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The sign-in form with a fresh pre-session cookie that its CSRF token is bound to.
pub fn sign_in_form(admin: &Admin, status: StatusCode, next: &str, error: Option<&str>) -> Response {
    let (nonce, csrf) = admin.new_sign_in();
    let mut response = (status, pages::sign_in(&csrf, safe_next(next), error)).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&auth::set_cookie(auth::SIGN_IN_COOKIE, &nonce, 3600)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"admin\""),
        );
    }
    response
}

/// Where to go after signing in: a page of the sales view, nothing else. Only
/// visible ASCII passes (a path and query as a browser sends them): a line
/// break or any other byte a `Location` header cannot hold sends to `/admin`.
pub fn safe_next(next: &str) -> &str {
    let inside = next == "/admin" || next.starts_with("/admin/") || next.starts_with("/admin?");
    let printable = next.bytes().all(|b| b.is_ascii_graphic());
    if inside && printable && !next.contains("//") && !next.contains('\\') && !next.starts_with("/admin/sign-") {
        next
    } else {
        "/admin"
    }
}

/// `GET /admin/sign-in`.
pub async fn sign_in_page(State(state): State<AdminState>) -> Result<Response, AdminError> {
    Ok(sign_in_form(admin(&state)?, StatusCode::OK, "/admin", None))
}

/// The sign-in form's fields.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    /// The admin token.
    #[serde(default)]
    pub token: String,
    /// The CSRF token bound to the pre-session cookie.
    #[serde(default)]
    pub csrf: String,
    /// Where to go next.
    #[serde(default)]
    pub next: String,
}

/// `POST /admin/sign-in`: checks the token, sets the session cookie.
pub async fn sign_in(
    State(state): State<AdminState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, AdminError> {
    let admin = admin(&state)?;
    check_origin(&headers, false)?;
    let ip = caller(&headers, Some(peer), &state);
    admin.locked_out(ip).map_err(AdminError::TooMany)?;
    let nonce = auth::cookie(&headers, auth::SIGN_IN_COOKIE).unwrap_or_default();
    if !admin.sign_in_csrf_ok(nonce, &form.csrf) {
        let message = "The sign-in form had expired; please enter the token again.";
        return Ok(sign_in_form(admin, StatusCode::FORBIDDEN, &form.next, Some(message)));
    }
    if !admin.is_token(&form.token) {
        admin.failed(ip).map_err(AdminError::TooMany)?;
        let message = "That token is not right.";
        return Ok(sign_in_form(admin, StatusCode::UNAUTHORIZED, &form.next, Some(message)));
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let session = auth::set_cookie(
        auth::SESSION_COOKIE,
        &admin.new_session(now),
        auth::SESSION_HOURS * 3600,
    );
    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    let headers = response.headers_mut();
    for cookie in [session, auth::set_cookie(auth::SIGN_IN_COOKIE, "", 0)] {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// `POST /admin/sign-out`: ends the session, on every instance (revoked in the store).
pub async fn sign_out(
    access: Access,
    State(state): State<AdminState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AdminError> {
    check_post(&access, &headers, &form.csrf)?;
    if let Some(cookie) = auth::cookie(&headers, auth::SESSION_COOKIE) {
        let expires = time::OffsetDateTime::now_utc().unix_timestamp() + auth::SESSION_HOURS * 3600;
        state.store.revoke_session(session_id(cookie), expires).await?;
    }
    let mut response = Redirect::to("/admin/sign-in").into_response();
    if let Ok(value) = HeaderValue::from_str(&auth::set_cookie(auth::SESSION_COOKIE, "", 0)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /admin/admin.css`.
pub async fn stylesheet(State(state): State<AdminState>) -> Result<Response, AdminError> {
    admin(&state)?;
    Ok(([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET).into_response())
}

/// A request of the sales view: a bearer token (limited per address when wrong) or a signed,
/// unexpired, not revoked session cookie; else the sign-in form (401).
impl FromRequestParts<AdminState> for Access {
    type Rejection = AdminError;

    async fn from_request_parts(parts: &mut Parts, state: &AdminState) -> Result<Access, AdminError> {
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
        if let Some(value) = auth::cookie(&parts.headers, auth::SESSION_COOKIE) {
            if let Some(access) = admin.session(value, now) {
                // Signed out on any instance: revoked in the shared store.
                if !state.store.session_revoked(session_id(value)).await? {
                    return Ok(access);
                }
            }
        }
        let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
        Err(AdminError::Unauthorized(Box::new(sign_in_form(
            admin,
            StatusCode::UNAUTHORIZED,
            next,
            None,
        ))))
    }
}

// --- Anonymous counts (issue 23) ---

/// `GET /admin/funnel`: the funnel of a page (or every page) over a period.
pub async fn funnel(
    access: Access,
    State(state): State<AdminState>,
    Query(query): Query<super::funnel::FunnelQuery>,
) -> Result<Response, AdminError> {
    let query = query.parse().map_err(AdminError::BadRequest)?;
    let paths = state.store.count_paths().await?;
    let rows = state.store.counts(query.clone()).await?;
    Ok(pages::funnel(&access, &query, &paths, &rows).into_response())
}

/// The counts of the funnel's page and period as CSV: `path,locale,variant,milestone,count`,
/// summed over the period's days.
#[utoipa::path(
    get,
    path = "/admin/funnel.csv",
    tag = "sales view",
    params(super::funnel::FunnelQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "One line per path, locale, variant and milestone", body = String, content_type = "text/csv"),
        (status = 400, description = "A query value is wrong (the page says which)", body = String, content_type = "text/html"),
        (status = 401, description = "No or a wrong token (the sign-in form)", body = String, content_type = "text/html"),
        (status = 404, description = "The sales view is off (no READINESS_ADMIN_TOKEN)", body = String, content_type = "text/html"),
    )
)]
pub async fn funnel_csv(
    _: Access,
    State(state): State<AdminState>,
    Query(query): Query<super::funnel::FunnelQuery>,
) -> Result<Response, AdminError> {
    let query = query.parse().map_err(AdminError::BadRequest)?;
    let rows = state.store.counts(query).await?;
    csv_download("funnel.csv", super::funnel::csv(&rows))
}
