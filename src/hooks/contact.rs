//! Contact effects: the POST when the flow enters `Sending`, and the
//! submission kept from an earlier visit, sent again on mount.

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::{encode, Report};
use web_sys::Element;
use yew::prelude::*;

use crate::config::{Config, EndpointFormat};
use crate::contact::{ContactAction, Stage};
use crate::payload::{scores_of, Payload};
use crate::services::{events, http, page, storage, ServiceError};
use crate::state::{Action, Phase, State};

fn build_payload(
    config: &Config,
    state: &State,
    report: &Report,
    started_at: Option<f64>,
    opened_at: Option<f64>,
) -> Payload {
    let fields = &state.contact.fields;
    Payload {
        result_code: encode(&state.answers),
        model_version: report.model_version(),
        overall: report.picture().as_str(),
        scores: scores_of(report),
        name: fields.name.trim().to_owned(),
        email: fields.email.trim().to_owned(),
        company: fields.company.trim().to_owned(),
        message: state.contact.message_to_send().to_owned(),
        consent_text: config.consent_text(),
        page_url: page::page_url(),
        utm: page::utm(),
        context: config.context.clone(),
        locale: config.locale.tag,
        client_time: page::now_rfc3339(),
        elapsed_ms: started_at.map_or(0.0, |t| page::now_ms() - t).max(0.0) as u64,
        // The fill-time rule counts from here: a restored result's quiz may have "started" seconds ago.
        form_ms: opened_at.map(|t| (page::now_ms() - t).max(0.0) as u64),
        website: fields.website.clone(),
        // Only from the team view: the codes and initials of everyone compared.
        // Issue 22: what else happened on the result, reported only with this consented submission.
        plan_requested: state.plan.requested(),
        bookings_opened: state.plan.bookings,
        team: (state.phase == Phase::Team && state.team.compared(&state.answers).is_some()).then(|| {
            let fragment = state.team.link_fragment(&state.answers);
            fragment
                .split_once('=')
                .map_or(fragment.clone(), |(_, value)| value.to_owned())
        }),
    }
}

/// When the flow enters `Sending`, POST once with retries; on final failure
/// keep the submission for the next visit. Records when the form was first
/// opened: the payload's `form_ms` (the endpoint's fill-time rule) counts from then.
/// An accepted submission dispatches `readiness:lead` on `host`.
#[hook]
pub fn use_contact(
    host: &Element,
    config: &Rc<Config>,
    state: &UseReducerHandle<State>,
    report: &Rc<Report>,
    started_at: &Rc<RefCell<Option<f64>>>,
) {
    let host = host.clone();
    let config = config.clone();
    let state = state.clone();
    let report = report.clone();
    let started_at = started_at.clone();
    // When the contact form was first opened on this page.
    let opened_at = use_mut_ref(|| None::<f64>);
    {
        let opened_at = opened_at.clone();
        use_effect_with(state.contact.stage == Stage::Form, move |open| {
            if *open && opened_at.borrow().is_none() {
                *opened_at.borrow_mut() = Some(page::now_ms());
            }
        });
    }
    use_effect_with(state.contact.stage.clone(), move |stage| {
        let (Stage::Sending { failures: 0 }, Some(endpoint), Some(key)) =
            (stage, config.endpoint.clone(), state.contact.key.clone())
        else {
            return;
        };
        let payload = build_payload(&config, &state, &report, *started_at.borrow(), *opened_at.borrow());
        let body = match endpoint.format {
            EndpointFormat::Json => payload.to_json(),
            EndpointFormat::Form => payload.to_form(&key),
        };
        wasm_bindgen_futures::spawn_local(async move {
            let retry = {
                let state = state.clone();
                move || state.dispatch(Action::Contact(ContactAction::AttemptFailed))
            };
            let outcome = http::deliver(&endpoint, &key, &body, config.retry_delay_ms, &retry).await;
            let action = match outcome {
                Ok(()) => {
                    let detail = events::lead_detail(&config.instance, &state.answers, &report);
                    events::emit(&host, events::names::LEAD, detail);
                    ContactAction::Delivered
                }
                Err(ServiceError::Refused(reason)) => ContactAction::Refused(reason),
                Err(_) => {
                    storage::keep(&config.instance, &storage::Pending { key, endpoint, body });
                    ContactAction::Kept
                }
            };
            state.dispatch(Action::Contact(action));
        });
    });
}

/// A submission kept from an earlier visit is sent again (same idempotency
/// key, so the endpoint stores it once) when the widget mounts; accepted, it
/// dispatches `readiness:lead` like a submission sent at once.
#[hook]
pub fn use_kept_submission(host: &Element, config: &Rc<Config>, state: &UseReducerHandle<State>, report: &Rc<Report>) {
    let host = host.clone();
    let config = config.clone();
    let state = state.clone();
    let report = report.clone();
    use_effect_with((), move |_| {
        if config.endpoint.is_none() {
            return;
        }
        let Some(pending) = storage::kept(&config.instance) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match http::deliver(
                &pending.endpoint,
                &pending.key,
                &pending.body,
                config.retry_delay_ms,
                &|| (),
            )
            .await
            {
                Ok(()) => {
                    storage::drop_kept(&config.instance);
                    let detail = events::lead_detail(&config.instance, &state.answers, &report);
                    events::emit(&host, events::names::LEAD, detail);
                    state.dispatch(Action::Contact(ContactAction::QueueDelivered));
                }
                // A refusal will not change on retry (say so); a network failure waits for the next visit.
                Err(ServiceError::Refused(reason)) => {
                    storage::drop_kept(&config.instance);
                    state.dispatch(Action::Contact(ContactAction::QueueRefused(reason)));
                }
                Err(_) => {}
            }
        });
    });
}
