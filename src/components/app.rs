//! The app, in the shape of Yew's `function_todomvc`: one state
//! (`use_reducer` over the pure reducer in `state`), the effects in `hooks`,
//! the report computed once per render and passed down, and each child given
//! values plus the narrow callbacks it needs.

use std::rc::Rc;

use readiness_core::{assess, fill, Report, SignId, Status};
use web_sys::Element;
use yew::prelude::*;

#[cfg(feature = "full")]
use super::contact_panel::{contact_panel, ContactPanelProps};
#[cfg(not(feature = "full"))]
use super::handover::{handover, HandoverProps};
use super::intro::Intro;
use super::notice::{notice, team_notices, NoticeProps, TeamNoticesProps};
#[cfg(feature = "full")]
use super::result::ResultView;
use super::sign_step::{sign_step, SignStepProps};
#[cfg(feature = "full")]
use super::since::{since_last_time, SinceProps};
#[cfg(feature = "full")]
use super::team_panel::ComparePanel;
#[cfg(feature = "full")]
use super::team_view::{team_view, TeamViewProps};
use crate::config::Config;
use crate::hooks::{use_finish, use_step_effects, use_storage};
#[cfg(feature = "full")]
use crate::services::history;
use crate::services::{page, storage, team_link};
use crate::state::{initial_state, Action, Notice as NoticeKind, Phase};
use crate::team_state::{TeamAction, TeamState};

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Validated embed options.
    pub config: Rc<Config>,
    /// The host element, where events are dispatched.
    pub host: Element,
}

/// One widget. Built without the `full` feature (the snippet's first load),
/// a finished check is handed to the full module instead of shown here.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = props.config.clone();
    let state = {
        let config = config.clone();
        use_reducer(move || {
            // Handed over by the first-load module: its finished check, not what is stored.
            let (shared, stored) = match &config.handover {
                Some(handover) => (Some(Ok(handover.answers.clone())), None),
                None if config.remember => (page::shared_result(), storage::load_progress(&config.instance)),
                None => (page::shared_result(), None),
            };
            #[cfg(feature = "full")]
            let kept = if config.remember {
                history::load(&config.instance)
            } else {
                Default::default()
            };
            #[cfg(not(feature = "full"))]
            let kept = Default::default();
            let team = TeamState::from_link(team_link::team_value().as_deref());
            let initial = initial_state(shared, stored).with_team(team, kept);
            // Start pressed on the prerendered intro: open straight at the first sign.
            if config.start && initial.phase == Phase::Intro && initial.notice.is_none() {
                (*Rc::new(initial).apply(Action::Start)).clone()
            } else {
                initial
            }
        })
    };
    let heading = use_node_ref();
    let started_at = use_mut_ref(|| config.handover.as_ref().and_then(|h| h.started_at));
    let report: Rc<Report> = Rc::new(assess(&state.answers));
    // Everyone compared (at least two results); the team module computes the figures.
    let team = state.team.compared(&state.answers);
    // The element the loader fills: the team figures (full) or the hand-over notes (first load).
    let loader_body = use_node_ref();

    use_storage(&config, &state);
    use_step_effects(&props.host, &config, &state, &report, &heading, &started_at);
    let team_fragment = team
        .as_ref()
        .filter(|_| state.phase == Phase::Team)
        .map(|t| t.fragment());
    #[cfg_attr(not(feature = "full"), allow(unused_variables))]
    let team_summary = use_finish(
        &props.host,
        &config,
        &state,
        &report,
        &started_at,
        &loader_body,
        team_fragment.clone(),
    );

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
        Phase::Team => fill(
            ui.announce_team,
            &[("count", &team.as_ref().map_or(0, |t| t.len()).to_string())],
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
            sign_step(&SignStepProps {
                sign,
                answers: state.answers.clone(),
                locale,
                prefix,
                show_missing: state.show_missing,
                heading: heading.clone(),
                on_answer,
                on_next: on(Action::Next),
                on_back: on(Action::Back),
            })
        }
        #[cfg(not(feature = "full"))]
        Phase::Result | Phase::Team => handover(&HandoverProps {
            locale,
            heading: heading.clone(),
            body: loader_body.clone(),
        }),
        #[cfg(feature = "full")]
        Phase::Result => {
            let own_link = team_link::team_link(&state.team.link_fragment(&state.answers));
            let since = state
                .history
                .since(&state.answers)
                .map_or_else(Html::default, |(at, changes)| {
                    since_last_time(&SinceProps {
                        changes,
                        date: team_link::date_label(at, locale.tag).into(),
                        locale,
                    })
                });
            let on_show_team = team.is_some().then(|| on(Action::ShowTeam));
            html! {
                <ResultView answers={state.answers.clone()} report={report.clone()} config={config.clone()}
                    contact={state.contact.clone()} heading={heading.clone()}
                    on_review={dispatch.reform(Action::Review)} on_retake={on(Action::Retake)}
                    on_forget={on(Action::Forget)} on_contact={dispatch.reform(Action::Contact)} {since}>
                    <ComparePanel prefix={prefix.clone()} {locale} link={own_link} initials={state.team.initials.clone()}
                        open={state.team.invited} paste_empty={state.team.paste_empty}
                        notices={state.team.notices.clone()}
                        on_dismiss_notices={on(Action::Team(TeamAction::DismissNotices))}
                        on_initials={dispatch.reform(|text| Action::Team(TeamAction::Initials(text)))}
                        on_paste={dispatch.reform(|text| Action::Team(TeamAction::Paste(text)))}
                        {on_show_team} />
                </ResultView>
            }
        }
        #[cfg(feature = "full")]
        Phase::Team => match (&team, team_fragment) {
            (Some(members), Some(fragment)) => {
                let has_own = state.answers.is_complete();
                let link = team_link::team_link(&fragment);
                let contact = has_own.then(|| {
                    contact_panel(&ContactPanelProps {
                        config: config.clone(),
                        contact: state.contact.clone(),
                        report: report.clone(),
                        code: readiness_core::encode(&state.answers).into(),
                        on_contact: dispatch.reform(Action::Contact),
                        team_summary: team_summary.clone(),
                    })
                });
                team_view(&TeamViewProps {
                    prefix: prefix.clone(),
                    locale,
                    members: members.len(),
                    fragment: fragment.into(),
                    instance: config.instance.clone().into(),
                    body: loader_body.clone(),
                    notices: state.team.notices.clone(),
                    link: link.into(),
                    paste_empty: state.team.paste_empty,
                    heading: heading.clone(),
                    has_own,
                    on_back: on(Action::LeaveTeam),
                    on_paste: dispatch.reform(|text| Action::Team(TeamAction::Paste(text))),
                    on_dismiss_notices: on(Action::Team(TeamAction::DismissNotices)),
                    children: contact.unwrap_or_default(),
                })
            }
            _ => html! {},
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
            if state.team.invited && state.phase == Phase::Intro {
                <p class="rw-notice rw-team-invited">{ ui.team_invited }</p>
            }
            if state.phase == Phase::Intro && !state.team.notices.is_empty() {
                { team_notices(&TeamNoticesProps { notices: state.team.notices.clone(), locale,
                    on_dismiss: on(Action::Team(TeamAction::DismissNotices)) }) }
            }
            if let Some(kind) = state.notice {
                { notice(&NoticeProps { notice: kind, locale, on_dismiss: on(Action::DismissNotice), on_forget: on(Action::Forget) }) }
            }
            { step }
        </section>
    }
}
