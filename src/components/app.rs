//! The app: owns the state (`use_reducer`), and does the I/O in effects that
//! watch it: storage, focus, host events, and the contact POST.

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::{assess, encode, fill};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::contact_panel::consent_text;
use super::intro::Intro;
use super::notice::Notice;
use super::result::ResultView;
use super::sign_step::SignStep;
use crate::config::{Config, EndpointFormat};
use crate::contact::{ContactAction, Stage};
use crate::embed::{events, page};
use crate::payload::{scores_of, Payload};
use crate::services::{http, storage, ServiceError};
use crate::state::{initial_state, Action, Notice as NoticeKind, Phase, State};

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Validated embed options.
    pub config: Rc<Config>,
    /// The host element, where events are dispatched.
    pub host: Element,
}

/// One widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = props.config.clone();
    let state = {
        let config = config.clone();
        use_reducer(move || {
            let stored = if config.remember {
                storage::load_progress(&config.instance)
            } else {
                None
            };
            initial_state(page::shared_result(), stored)
        })
    };
    let heading = use_node_ref();
    let started_at = use_mut_ref(|| None::<f64>);

    use_storage(&config, &state);
    use_step_effects(&props.host, &config, &state, &heading, &started_at);
    use_contact(&config, &state, &started_at);
    use_kept_submission(&config, &state);

    let locale = config.locale;
    let ui = &locale.ui;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on = |action: Action| dispatch.reform(move |_: ()| action.clone());
    let report = assess(&state.answers);
    let announcement = match state.phase {
        Phase::Intro if state.notice == Some(NoticeKind::Forgotten) => ui.forgotten.to_owned(),
        Phase::Intro => String::new(),
        Phase::Sign(sign) => fill(
            ui.announce_step,
            &[
                ("current", &(sign.index() + 1).to_string()),
                ("total", &readiness_core::SignId::ALL.len().to_string()),
                ("title", locale.sign(sign).title),
            ],
        ),
        Phase::Result => fill(
            ui.announce_result,
            &[
                ("strong", &report.count(readiness_core::Status::Strong).to_string()),
                ("close", &report.count(readiness_core::Status::Close).to_string()),
                ("gap", &report.count(readiness_core::Status::Gap).to_string()),
            ],
        ),
    };
    let prefix: AttrValue = format!("rw-{}", config.instance).into();

    let step = match state.phase {
        Phase::Intro => html! {
            <Intro {locale} heading={heading.clone()} on_start={on(Action::Start)} resumable={!state.answers.is_empty()} />
        },
        Phase::Sign(sign) => {
            let dispatch = dispatch.clone();
            let on_answer = Callback::from(
                move |(question, answer): (readiness_core::QuestionIndex, Option<readiness_core::Answer>)| {
                    dispatch.emit(match answer {
                        Some(answer) => Action::Answer(question, answer),
                        None => Action::Clear(question),
                    })
                },
            );
            html! {
                <SignStep {sign} answers={state.answers.clone()} {locale} {prefix} show_missing={state.show_missing}
                    heading={heading.clone()} {on_answer} on_next={on(Action::Next)} on_back={on(Action::Back)} />
            }
        }
        Phase::Result => html! {
            <ResultView answers={state.answers.clone()} config={config.clone()} contact={state.contact.clone()}
                heading={heading.clone()} dispatch={dispatch.clone()} />
        },
    };

    html! {
        <section class={classes!("rw", config.theme.class())} aria-label={ui.widget_label}>
            <p class="rw-visually-hidden" role="status" aria-live="polite">{ announcement }</p>
            if state.contact.delivered_from_queue {
                <p class="rw-success" role="status">{ ui.queued_delivered }</p>
            }
            if let Some(reason) = &state.contact.queue_refused {
                <p class="rw-error-summary" role="alert">{ fill(ui.rejected, &[("reason", reason)]) }</p>
            }
            if let Some(notice) = state.notice {
                <Notice {notice} {locale} on_dismiss={on(Action::DismissNotice)} on_forget={on(Action::Forget)} />
            }
            { step }
        </section>
    }
}

/// Saves progress after every change (not on the first render: a bad shared
/// link must not wipe what was stored), and forgets it on request.
#[hook]
fn use_storage(config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let mounted = use_mut_ref(|| false);
    let config = config.clone();
    let notice = state.notice;
    use_effect_with((state.answers.clone(), state.phase), move |(answers, phase)| {
        if !std::mem::replace(&mut *mounted.borrow_mut(), true) || !config.remember {
            return;
        }
        if notice == Some(NoticeKind::Forgotten) {
            storage::forget_progress(&config.instance);
            storage::drop_kept(&config.instance);
        } else if answers.is_empty() {
            storage::forget_progress(&config.instance);
        } else {
            storage::save_progress(&config.instance, answers, *phase);
        }
    });
}

/// On each step: focus its heading (not on first render: the article keeps
/// focus) and tell the host page; on a completed result, `readiness:complete`.
#[hook]
fn use_step_effects(
    host: &Element,
    config: &Rc<Config>,
    state: &UseReducerHandle<State>,
    heading: &NodeRef,
    started_at: &Rc<RefCell<Option<f64>>>,
) {
    let first = use_mut_ref(|| true);
    let host = host.clone();
    let heading = heading.clone();
    let started_at = started_at.clone();
    let instance = config.instance.clone();
    let answers = state.answers.clone();
    use_effect_with(state.phase, move |phase| {
        let is_first = std::mem::replace(&mut *first.borrow_mut(), false);
        if *phase != Phase::Intro && started_at.borrow().is_none() {
            *started_at.borrow_mut() = Some(page::now_ms());
        }
        let detail = events::object(&[
            ("instance", instance.as_str().into()),
            ("step", phase.as_str().into()),
            ("answered", (answers.answered_count() as u32).into()),
        ]);
        if is_first {
            events::emit(&host, "ready", detail);
            return;
        }
        if let Some(h) = heading.cast::<HtmlElement>() {
            let _ = h.focus();
        }
        events::emit(&host, "step", detail);
        if *phase == Phase::Result && answers.is_complete() {
            events::emit(
                &host,
                "complete",
                events::complete_detail(&instance, &answers, &assess(&answers)),
            );
        }
    });
}

fn build_payload(config: &Config, state: &State, started_at: Option<f64>) -> Payload {
    let report = assess(&state.answers);
    let fields = &state.contact.fields;
    Payload {
        result_code: encode(&state.answers),
        model_version: report.model_version(),
        overall: report.picture().as_str(),
        scores: scores_of(&report),
        name: fields.name.trim().to_owned(),
        email: fields.email.trim().to_owned(),
        company: fields.company.trim().to_owned(),
        message: state.contact.message_to_send().to_owned(),
        consent_text: consent_text(config),
        page_url: page::page_url(),
        utm: page::utm(),
        locale: config.locale.tag,
        client_time: page::now_rfc3339(),
        elapsed_ms: started_at.map_or(0.0, |t| page::now_ms() - t).max(0.0) as u64,
    }
}

/// When the flow enters `Sending`, POST once with retries; on final failure
/// keep the submission for the next visit.
#[hook]
fn use_contact(config: &Rc<Config>, state: &UseReducerHandle<State>, started_at: &Rc<RefCell<Option<f64>>>) {
    let config = config.clone();
    let state = state.clone();
    let started_at = started_at.clone();
    use_effect_with(state.contact.stage.clone(), move |stage| {
        let (Stage::Sending { failures: 0 }, Some(endpoint), Some(key)) =
            (stage, config.endpoint.clone(), state.contact.key.clone())
        else {
            return;
        };
        let payload = build_payload(&config, &state, *started_at.borrow());
        let (format, body) = match config.endpoint_format {
            EndpointFormat::Json => ("json", payload.to_json()),
            EndpointFormat::Form => ("form", payload.to_form(&key)),
        };
        wasm_bindgen_futures::spawn_local(async move {
            let retry = {
                let state = state.clone();
                move || state.dispatch(Action::Contact(ContactAction::AttemptFailed))
            };
            let outcome = http::deliver(&endpoint, format, &key, &body, config.retry_delay_ms, retry).await;
            let action = match outcome {
                Ok(()) => ContactAction::Delivered,
                Err(ServiceError::Refused(reason)) => ContactAction::Refused(reason),
                Err(_) => {
                    let pending = storage::Pending {
                        key,
                        endpoint,
                        format: format.to_owned(),
                        body,
                    };
                    storage::keep(&config.instance, &pending);
                    ContactAction::Kept
                }
            };
            state.dispatch(Action::Contact(action));
        });
    });
}

/// A submission kept from an earlier visit is sent again (same idempotency
/// key, so the endpoint stores it once) when the widget mounts.
#[hook]
fn use_kept_submission(config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let config = config.clone();
    let state = state.clone();
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
                &pending.format,
                &pending.key,
                &pending.body,
                config.retry_delay_ms,
                || (),
            )
            .await
            {
                Ok(()) => {
                    storage::drop_kept(&config.instance);
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
