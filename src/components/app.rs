//! The app, in the shape of Yew's `function_todomvc`: one state
//! (`use_reducer` over the pure reducer in `state`), the effects in `hooks`,
//! the report computed once per render and passed down, and each child given
//! values plus the narrow callbacks it needs.

use std::rc::Rc;

use readiness_core::{assess, fill, Report, SignId, Status};
use web_sys::Element;
use yew::prelude::*;

#[cfg(feature = "team-view")]
use super::contact_panel::{contact_panel, ContactPanelProps};
use super::intro::Intro;
use super::notice::{notice, team_notices, NoticeProps, TeamNoticesProps};
use super::result::ResultView;
use super::sign_step::{sign_step, SignStepProps};
use super::since::{since_last_time, SinceProps};
use super::team_panel::ComparePanel;
#[cfg(feature = "team-view")]
use super::team_view::{team_view, TeamViewProps};
use crate::config::Config;
use crate::early::Early;
use crate::hooks::{
    use_adoption, use_contact, use_contact_events, use_history, use_kept_submission, use_plan, use_step_effects,
    use_storage, use_team_page,
};
use crate::services::{history, page, storage, team_link};
use crate::state::{initial_state, Action, Notice as NoticeKind, Phase};
use crate::team_state::{TeamAction, TeamState};

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Validated embed options.
    pub config: Rc<Config>,
    /// The host element, where events are dispatched.
    pub host: Element,
    /// What the visitor did on the prerendered steps before the app ran
    /// (read once, when the app mounts; see `early`).
    #[prop_or_default]
    pub early: Rc<Early>,
}

/// One widget: intro, questions, result, contact hand-off and team view.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = props.config.clone();
    let state = {
        let config = config.clone();
        let early = props.early.clone();
        use_reducer(move || {
            let (shared, stored) = if config.remember {
                (page::shared_result(), storage::load_progress(&config.instance))
            } else {
                (page::shared_result(), None)
            };
            let kept = if config.remember {
                history::load(&config.instance)
            } else {
                Default::default()
            };
            let team = TeamState::from_link(team_link::team_value().as_deref());
            let initial = initial_state(shared, stored).with_team(team, kept);
            // Start pressed on the prerendered intro: the first sign, with what was ticked there.
            if early.started && initial.phase == Phase::Intro && initial.notice.is_none() {
                let mut state = (*Rc::new(initial).apply(Action::Start)).clone();
                state.answers = early.answers.clone();
                state
            } else {
                initial
            }
        })
    };
    let heading = use_node_ref();
    let started_at = use_mut_ref(|| None::<f64>);
    let report: Rc<Report> = Rc::new(assess(&state.answers));
    // Everyone compared (at least two results); the team module computes the figures.
    let team = state.team.compared(&state.answers);
    // The team figures' summary, for the contact hand-off from the team view (the team page's module).
    #[cfg_attr(not(feature = "team-view"), allow(unused_variables))]
    let team_summary = use_state(|| None::<AttrValue>);

    use_storage(&config, &state);
    use_step_effects(&props.host, &config, &state, &report, &heading, &started_at);
    use_adoption(&state, &heading, &props.early);
    use_contact(&props.host, &config, &state, &report, &started_at);
    use_contact_events(&props.host, &config, &state);
    use_kept_submission(&props.host, &config, &state, &report);
    use_plan(&props.host, &config, &state);
    use_history(&config, &state);
    // The article's module has no team view: it reloads the page on the team link.
    use_team_page(team.as_ref().filter(|_| state.phase == Phase::Team));

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
            <Intro {locale} heading={heading.clone()} on_start={on(Action::Start)} resumable={!state.answers.is_empty()} counting={config.counting} />
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
                prerendered: false,
            })
        }
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
            // Issue 22: `readiness:booking` when the visitor opens the booking page.
            let on_booking = {
                let (host, instance, code) = (
                    props.host.clone(),
                    config.instance.clone(),
                    readiness_core::encode(&state.answers),
                );
                let dispatch = dispatch.clone();
                Callback::from(move |service: &'static str| {
                    dispatch.emit(Action::Plan(crate::plan::PlanAction::Booked));
                    crate::services::events::emit(
                        &host,
                        crate::loader_contract::events::BOOKING,
                        crate::services::events::object(&[
                            ("instance", instance.as_str().into()),
                            ("service", service.into()),
                            ("resultCode", code.as_str().into()),
                        ]),
                    )
                })
            };
            html! {
                <ResultView answers={state.answers.clone()} report={report.clone()} config={config.clone()}
                    contact={state.contact.clone()} heading={heading.clone()}
                    on_review={dispatch.reform(Action::Review)} on_retake={on(Action::Retake)}
                    on_forget={on(Action::Forget)} on_contact={dispatch.reform(Action::Contact)} {since}
                    plan={state.plan.clone()} on_plan={dispatch.reform(Action::Plan)} {on_booking}>
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
        #[cfg(feature = "team-view")]
        Phase::Team => match &team {
            Some(members) => {
                let fragment = members.fragment();
                let has_own = state.answers.is_complete();
                let link = team_link::team_link(&fragment);
                let contact = has_own.then(|| {
                    contact_panel(&ContactPanelProps {
                        config: config.clone(),
                        contact: state.contact.clone(),
                        report: report.clone(),
                        code: readiness_core::encode(&state.answers).into(),
                        on_contact: dispatch.reform(Action::Contact),
                        team_summary: (*team_summary).clone(),
                    })
                });
                team_view(&TeamViewProps {
                    prefix: prefix.clone(),
                    locale,
                    members: members.clone(),
                    host: props.host.clone(),
                    instance: config.instance.clone().into(),
                    on_summary: {
                        let team_summary = team_summary.clone();
                        Callback::from(move |text| team_summary.set(Some(text)))
                    },
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
            None => html! {},
        },
        // Until the page reloads on the team link (`use_team_page`): the team view's heading, busy,
        // which the team page's module then shows in full.
        #[cfg(not(feature = "team-view"))]
        Phase::Team => html! {
            <div class="rw-step rw-result rw-team" aria-busy="true">
                <h2 class="rw-heading" part="heading" tabindex="-1" ref={heading.clone()}>{ ui.team_heading }</h2>
            </div>
        },
    };

    html! {
        <section class={classes!("rw", config.theme.class())} part="card" aria-label={ui.widget_label}>
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
