//! Issue 22, "e-mail me my plan": `POST /plan` takes a result code and the
//! visitor's own address (contract: `readiness-plan/1`), re-scores the code,
//! and queues in one transaction one plan e-mail to that address (kind `plan`,
//! rendered by `outbox::plan_mail` in the visitor's language) and one
//! `plan.sent` event per webhook (without the address: a plan request is not
//! a lead). Abuse limits lose no real visitor: per client address a day (in
//! memory) and per recipient a day (in the database, across instances); past
//! either, 429 `plan-limit` and nothing is stored or queued.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use readiness_contract::rules::{CONSENT_TEXT_MAX, EMAIL_LEN, LOCALE_MAX};
use readiness_contract::wire::{ErrorBody, PlanQueued, PlanRequest};
use readiness_contract::{looks_like_email, plan::INSTANCE_MAX, PLAN_SCHEMA};
use readiness_core::{assess, code_version, decode, Locale, Picture, Report};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::ApiError;
use crate::extract::{AllowedOrigin, PlanBody};
use crate::outbox::{self, event, Destination};
use crate::ratelimit::{client_ip, RateLimit};
use crate::state::AppState;
use crate::store::{NewPlan, PlanRendered, PlanWritten, Queued};

/// The outbox row of a plan e-mail: kind `plan`, target `visitor` (the address is in the payload
/// only, so queue depths and metrics never show it).
pub const PLAN_KIND: &str = "plan";
/// See [`PLAN_KIND`].
pub const PLAN_TARGET: &str = "visitor";
/// The window of both daily limits.
pub const DAY_SECONDS: u64 = 86_400;

/// What `POST /plan` needs besides the store: built at start when an SMTP relay is configured.
pub struct PlanState {
    /// Plan requests a day per client address.
    pub per_client: RateLimit,
    /// Plan requests a day per recipient.
    pub per_recipient: u32,
    /// The firm's address the visitor's reply goes to: the first sales recipient.
    pub reply_to: Option<String>,
}

impl PlanState {
    /// From the configuration (`--plan-per-client`, `--plan-per-recipient`, `--notify-to`).
    pub fn new(config: &Config) -> PlanState {
        PlanState {
            per_client: RateLimit::per_day(config.plan_per_client),
            per_recipient: config.plan_per_recipient.max(1),
            reply_to: config
                .notify_to
                .as_deref()
                .and_then(|to| to.split(',').map(str::trim).find(|a| !a.is_empty()))
                .map(str::to_owned),
        }
    }
}

/// What the `plan` delivery carries: everything the e-mail is built from, fixed when the request
/// is stored (so every retry sends the same message). The report is computed again from the code
/// at sending time, by the same core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanMail {
    /// The visitor's address.
    pub to: String,
    /// The firm's address for replies.
    pub reply_to: Option<String>,
    /// The e-mail's language (a locale tag the core knows).
    pub locale: String,
    /// The result code.
    pub result_code: String,
    /// The page the result reopens on, with `#result=<code>`.
    pub share_link: String,
    /// The host page's host, named in the footer.
    pub page: String,
}

/// A checked plan request.
#[derive(Debug, Clone)]
pub struct ValidPlan {
    /// Where it goes, trimmed.
    pub email: String,
    /// The locale tag the e-mail is written in (an unknown one falls back to English).
    pub locale: &'static str,
    /// The result code, trimmed.
    pub result_code: String,
    /// The host page, without a fragment.
    pub page_url: String,
    /// The server's report.
    pub report: Report,
}

/// Checks every rule of `readiness-plan/1` and re-scores the code; a broken rule names its field.
pub fn validate(request: PlanRequest) -> Result<ValidPlan, ApiError> {
    if request.schema != PLAN_SCHEMA {
        return Err(ApiError::invalid("schema", format!("must be `{PLAN_SCHEMA}`")));
    }
    let email = readiness_contract::line(&request.email, EMAIL_LEN.0, EMAIL_LEN.1)
        .map_err(|reason| ApiError::invalid("email", reason))?;
    if !looks_like_email(&email) {
        return Err(ApiError::invalid("email", "not an email address"));
    }
    let result_code = request.result_code.trim().to_owned();
    let answers = decode(&result_code).map_err(|e| ApiError::invalid("result_code", e.to_string()))?;
    let report = assess(&answers);
    if report.picture() == Picture::Incomplete {
        return Err(ApiError::invalid(
            "result_code",
            "the assessment is incomplete: every question needs an answer",
        ));
    }
    let version = code_version(&result_code).map_err(|e| ApiError::invalid("result_code", e.to_string()))?;
    if request.model_version != version {
        return Err(ApiError::invalid(
            "model_version",
            format!(
                "{} does not match the result code's version {version}",
                request.model_version
            ),
        ));
    }
    if !request.consent.given {
        return Err(ApiError::invalid("consent.given", "consent is required"));
    }
    readiness_contract::line(&request.consent.text, 1, CONSENT_TEXT_MAX)
        .map_err(|reason| ApiError::invalid("consent.text", reason))?;
    if request.locale.is_empty()
        || request.locale.len() > LOCALE_MAX
        || !request.locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ApiError::invalid("locale", "must be a language tag like `en`"));
    }
    let locale = Locale::get(&request.locale).unwrap_or(Locale::english()).tag;
    let page_url =
        readiness_contract::page_url(&request.page_url).map_err(|reason| ApiError::invalid("page_url", reason))?;
    let page_url = page_url.split('#').next().unwrap_or_default().to_owned();
    if request
        .instance
        .as_deref()
        .is_some_and(|i| i.len() > INSTANCE_MAX || !i.chars().all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)))
    {
        return Err(ApiError::invalid(
            "instance",
            format!("1 to {INSTANCE_MAX} letters, digits, - or _"),
        ));
    }
    Ok(ValidPlan {
        email,
        locale,
        result_code,
        page_url,
        report,
    })
}

/// The share link: the page with `#result=<code>` (the widget's own fragment).
pub fn share_link(page_url: &str, code: &str) -> String {
    format!("{page_url}#{}={code}", readiness_core_result_key())
}

/// The page fragment key of a shared result (`src/loader_contract.rs`'s `RESULT_KEY`; the
/// endpoint does not depend on the widget crate, and the e2e test reopens the link it builds).
fn readiness_core_result_key() -> &'static str {
    "result"
}

/// The host of a page URL, for the footer ("you asked for your plan on site.example").
fn host_of(page_url: &str) -> String {
    let rest = page_url.split_once("://").map_or(page_url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or_default().to_owned()
}

/// E-mails the visitor their plan, in their language: the map, the plan with its steps and time
/// to close, the share link and the firm's contact (issue 22). Not a marketing opt-in and not a
/// lead: sales hears only that a plan was asked for (`plan.sent`, without the address).
#[utoipa::path(
    post,
    path = "/plan",
    tag = "plan",
    request_body(content((PlanRequest = "application/json")), description = "The result code and the visitor's own address (schema `readiness-plan/1`); no scores."),
    params(("Idempotency-Key" = String, Header, description = "8–64 letters, digits, - or _; a retry with the same key is answered once and queues nothing again")),
    responses(
        (status = 202, description = "The plan e-mail is queued in the outbox", body = PlanQueued),
        (status = 200, description = "A retry of a queued request, with `Idempotent-Replayed: true`", body = PlanQueued),
        (status = 400, description = "Malformed: not JSON, a field of the wrong type or name, no idempotency key", body = ErrorBody),
        (status = 403, description = "The page's origin may not submit here", body = ErrorBody),
        (status = 404, description = "`plan-off`: this endpoint sends no plan e-mail (no SMTP relay)", body = ErrorBody),
        (status = 413, description = "The body is over the limit", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (`field` names it: `email` for an address that is not one)", body = ErrorBody),
        (status = 429, description = "`plan-limit`: this client address or this recipient asked too often today (`Retry-After`); nothing is queued", body = ErrorBody),
        (status = 500, description = "The database failed", body = ErrorBody),
        (status = 503, description = "The database is unavailable for a moment (`Retry-After`); nothing was stored", body = ErrorBody),
    )
)]
pub(crate) async fn plan(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    _origin: AllowedOrigin,
    headers: HeaderMap,
    PlanBody { request, key }: PlanBody,
) -> Result<Response, ApiError> {
    let Some(plan) = state.plan.clone() else {
        return Err(ApiError::PlanOff);
    };
    let valid = validate(request)?;
    // A retry is answered before the client's limit counts it: a flaky network loses nobody.
    if let Some(id) = state.store.plan_seen(key.clone()).await? {
        return Ok(replayed(id));
    }
    let ip = client_ip(&headers, peer, state.config.trusted_hops);
    plan.per_client.check(ip).map_err(ApiError::PlanLimit)?;
    let now = time::OffsetDateTime::now_utc();
    let received_at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut queue = vec![Queued {
        kind: PLAN_KIND,
        target: PLAN_TARGET.to_owned(),
    }];
    queue.extend(state.destinations.iter().filter_map(|d| match d {
        Destination::Webhook(_) => Some(d.queued()),
        Destination::Email(_) => None,
    }));
    let mail = PlanMail {
        to: valid.email.clone(),
        reply_to: plan.reply_to.clone(),
        locale: valid.locale.to_owned(),
        result_code: valid.result_code.clone(),
        share_link: share_link(&valid.page_url, &valid.result_code),
        page: host_of(&valid.page_url),
    };
    let render = {
        let received_at = received_at.clone();
        let page_url = valid.page_url.clone();
        let report = valid.report.clone();
        let (locale, code) = (valid.locale, valid.result_code.clone());
        Box::new(move |id: i64| PlanRendered {
            mail: serde_json::to_string(&mail).expect("the plan mail serializes"),
            event: serde_json::to_string(&event::plan_sent(id, &received_at, &code, &report, locale, &page_url))
                .expect("the event serializes"),
            message_id: format!("plan_{id}"),
        })
    };
    let written = state
        .store
        .insert_plan(NewPlan {
            key,
            received_at,
            created_unix: now.unix_timestamp(),
            email: valid.email,
            locale: valid.locale.to_owned(),
            result_code: valid.result_code,
            since_unix: now.unix_timestamp() - DAY_SECONDS as i64,
            per_recipient: plan.per_recipient,
            queued_ms: outbox::now_ms(),
            queue,
            render,
        })
        .await?;
    match written {
        PlanWritten::Created(id) => {
            state.outbox.notify_one();
            Ok((StatusCode::ACCEPTED, Json(PlanQueued { id })).into_response())
        }
        PlanWritten::Replayed(id) => Ok(replayed(id)),
        PlanWritten::Limited => Err(ApiError::PlanLimit(DAY_SECONDS)),
    }
}

/// The answer to a retry of a stored plan request: 200, `Idempotent-Replayed: true`.
fn replayed(id: i64) -> Response {
    let mut response = (StatusCode::OK, Json(PlanQueued { id })).into_response();
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use readiness_contract::wire::Consent;

    /// A complete result: every question answered the first way but one.
    pub(crate) fn code() -> String {
        use readiness_core::{Answer, Answers, Model, QuestionKind, Verdict};
        let mut answers = Answers::new();
        for (index, _, question) in Model::current().questions() {
            let answer = match question.kind {
                QuestionKind::TicketReview => Answer::Tickets(
                    [Some(Verdict::Yes), Some(Verdict::No), None, None, None].map(|v| v.or(Some(Verdict::Partly))),
                ),
                QuestionKind::Checklist => Answer::Checked(0b0001),
                _ => Answer::Choice(1),
            };
            answers.set(index, answer).unwrap();
        }
        readiness_core::encode(&answers)
    }

    fn request(email: &str) -> PlanRequest {
        PlanRequest {
            schema: PLAN_SCHEMA.into(),
            result_code: code(),
            model_version: readiness_core::Model::current().version,
            email: email.into(),
            consent: Consent {
                given: true,
                text: "Send my plan to this address; nothing else.".into(),
            },
            locale: "da".into(),
            page_url: "https://site.example/article?utm_source=x#result=OLD".into(),
            instance: Some("default".into()),
        }
    }

    #[test]
    fn an_invalid_address_is_named_and_a_good_request_is_rescored() {
        for bad in ["", "ada", "ada@", "ada@example", "a da@example.com"] {
            match validate(request(bad)) {
                Err(ApiError::Invalid { field, .. }) => assert_eq!(field, "email", "{bad:?}"),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        let valid = validate(request(" ada@example.com ")).unwrap();
        assert_eq!(valid.email, "ada@example.com");
        assert_eq!(valid.locale, "da");
        assert_eq!(
            valid.page_url, "https://site.example/article?utm_source=x",
            "the fragment is dropped"
        );
        assert_eq!(
            share_link(&valid.page_url, &valid.result_code),
            format!("https://site.example/article?utm_source=x#result={}", valid.result_code)
        );
        let mut unticked = request("ada@example.com");
        unticked.consent.given = false;
        assert!(matches!(validate(unticked), Err(ApiError::Invalid { field, .. }) if field == "consent.given"));
        let mut unknown = request("ada@example.com");
        unknown.locale = "xx".into();
        assert_eq!(
            validate(unknown).unwrap().locale,
            "en",
            "an unknown language gets English"
        );
    }

    #[test]
    fn the_footer_names_the_host_only() {
        assert_eq!(host_of("https://site.example:8443/a?b#c"), "site.example:8443");
    }
}
