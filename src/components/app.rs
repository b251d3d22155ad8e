//! The app, in the shape of Yew's `function_todomvc`: one state
//! (`use_reducer` over the pure reducer in `state`), the effects in `hooks`,
//! the report computed once per render and passed down, and each child given
//! values plus the narrow callbacks it needs.

use std::rc::Rc;

use readiness_core::{assess, fill, Report, SignId, Status};
use web_sys::Element;
use yew::prelude::*;

use super::intro::Intro;
use super::notice::Notice;
use super::result::ResultView;
use super::sign_step::SignStep;
use crate::config::Config;
use crate::hooks::{use_contact, use_kept_submission, use_step_effects, use_storage};
use crate::services::{page, storage};
use crate::state::{initial_state, Action, Notice as NoticeKind, Phase};

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
            let initial = initial_state(page::shared_result(), stored);
            // Start pressed on the prerendered intro: open straight at the first sign.
            if config.start && initial.phase == Phase::Intro && initial.notice.is_none() {
                (*Rc::new(initial).apply(Action::Start)).clone()
            } else {
                initial
            }
        })
    };
    let heading = use_node_ref();
    let started_at = use_mut_ref(|| None::<f64>);
    let report: Rc<Report> = Rc::new(assess(&state.answers));

    use_storage(&config, &state);
    use_step_effects(&props.host, &config, &state, &report, &heading, &started_at);
    use_contact(&config, &state, &report, &started_at);
    use_kept_submission(&config, &state);

    let locale = config.locale;
    let ui = &locale.ui;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on = |action: Action| dispatch.reform(move |_: ()| action.clone());
    let announcement = match state.phase {
        Phase::Intro if state.notice == Some(NoticeKind::Forgotten) => ui.forgotten.to_owned(),
        Phase::Intro => String::new(),
        Phase::Sign(sign) => fill(
            ui.announce_step,
            &[
                ("current", &(sign.index() + 1).to_string()),
                ("total", &SignId::ALL.len().to_string()),
                ("title", locale.sign(sign).title),
            ],
        ),
        Phase::Result => fill(
            ui.announce_result,
            &[
                ("strong", &report.count(Status::Strong).to_string()),
                ("close", &report.count(Status::Close).to_string()),
                ("gap", &report.count(Status::Gap).to_string()),
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
            <ResultView answers={state.answers.clone()} report={report.clone()} config={config.clone()}
                contact={state.contact.clone()} heading={heading.clone()}
                on_review={dispatch.reform(Action::Review)} on_retake={on(Action::Retake)}
                on_forget={on(Action::Forget)} on_contact={dispatch.reform(Action::Contact)} />
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
