//! Issue 22, the plan request's effects: the POST when the flow enters
//! `Sending` (the contact submission's retries, `services::http`), a request
//! kept in the browser when the endpoint cannot be reached and sent again on
//! the next visit (same idempotency key: queued once), and
//! `readiness:plan` on the host when it is queued.

use std::rc::Rc;

use readiness_contract::{plan_url, PlanPayload};
use readiness_core::encode;
use web_sys::Element;
use yew::prelude::*;

use crate::config::{Config, Endpoint, EndpointFormat};
use crate::loader_contract::events;
use crate::plan::{PlanAction, PlanStage};
use crate::services::{events as host_events, http, page, storage, ServiceError, MAX_WAIT_MS};
use crate::state::{Action, State};

/// Where a kept plan request waits: its own slot beside the instance's kept submission.
fn slot(instance: &str) -> String {
    format!("{instance}:plan")
}

/// The plan request's endpoint: `plan` beside the contact endpoint (JSON endpoints only: the
/// reference endpoint; a form endpoint is someone else's and has no plan e-mail).
pub fn plan_endpoint(config: &Config) -> Option<Endpoint> {
    let endpoint = config.endpoint.as_ref().filter(|e| e.format == EndpointFormat::Json)?;
    Some(Endpoint {
        url: plan_url(&endpoint.url),
        format: EndpointFormat::Json,
    })
}

/// What a final answer means for the visitor: queued, the day's limit (a `Retry-After` longer
/// than the page waits), refused with a reason, or kept for the next visit.
fn outcome(result: Result<(), ServiceError>) -> PlanAction {
    match result {
        Ok(()) => PlanAction::Delivered,
        Err(ServiceError::Throttled(Some(seconds))) if seconds.saturating_mul(1000) > MAX_WAIT_MS => {
            PlanAction::Limited
        }
        Err(ServiceError::Refused(reason)) => PlanAction::Refused(reason),
        Err(_) => PlanAction::Kept,
    }
}

/// Sends the plan request when the flow enters `Sending`; on mount, sends one kept earlier.
#[hook]
pub fn use_plan(host: &Element, config: &Rc<Config>, state: &UseReducerHandle<State>) {
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            let (Some(endpoint), Some(pending)) = (plan_endpoint(&config), storage::kept(&slot(&config.instance)))
            else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let result = http::deliver(&endpoint, &pending.key, &pending.body, config.retry_delay_ms, &|| ()).await;
                // A network failure waits for the next visit; any answer settles it.
                if !matches!(result, Err(ServiceError::Network | ServiceError::Server(_))) {
                    storage::drop_kept(&slot(&config.instance));
                }
            });
        });
    }
    let host = host.clone();
    let config = config.clone();
    let state = state.clone();
    use_effect_with(state.plan.stage.clone(), move |stage| {
        let (PlanStage::Sending, Some(endpoint), Some(key)) = (stage, plan_endpoint(&config), state.plan.key.clone())
        else {
            return;
        };
        let code = encode(&state.answers);
        let body = PlanPayload {
            result_code: code.clone(),
            model_version: readiness_core::Model::current().version,
            email: state.plan.email.trim().to_owned(),
            consent_text: config.locale.ui.plan_mail_consent.to_owned(),
            locale: config.locale.tag,
            page_url: page::page_url(),
            instance: config.instance.clone(),
        }
        .to_json();
        wasm_bindgen_futures::spawn_local(async move {
            let result = http::deliver(&endpoint, &key, &body, config.retry_delay_ms, &|| ()).await;
            let action = outcome(result);
            match action {
                PlanAction::Kept => storage::keep(&slot(&config.instance), &storage::Pending { key, endpoint, body }),
                PlanAction::Delivered => host_events::emit(
                    &host,
                    events::PLAN,
                    host_events::object(&[
                        ("instance", config.instance.as_str().into()),
                        ("resultCode", code.into()),
                    ]),
                ),
                _ => {}
            }
            state.dispatch(Action::Plan(action));
        });
    });
}
