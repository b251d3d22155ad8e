//! The result: the overall picture, the chart, what to work on in order
//! (answers that contradict each other, next steps, time to close, what cost
//! points) with the time before a first engagement, strengths, and actions.

use std::rc::Rc;

use readiness_core::{
    encode, fill, Answer, Answers, Locale, Model, QuestionIndex, QuestionKind, Report, SignId, SignResult, Status,
    Verdict,
};
use yew::prelude::*;

use super::chart::{chart, ChartProps};
use super::contact_panel::{contact_panel, ContactPanelProps};
use super::plan_panel::{booking_link, plan_panel, PlanPanelProps};
use crate::config::Config;
use crate::contact::{ContactAction, ContactFlow};
use crate::payload::status_label;
use crate::plan::{PlanAction, PlanFlow};
use crate::services::page;

/// Props of [`ResultView`].
#[derive(Properties, PartialEq)]
pub struct ResultProps {
    /// The answers behind the result.
    pub answers: Answers,
    /// Their report, computed once by the app.
    pub report: Rc<Report>,
    /// Embed options (endpoint, contact page).
    pub config: Rc<Config>,
    /// The contact hand-off.
    pub contact: ContactFlow,
    /// The step heading, focused when the step opens.
    pub heading: NodeRef,
    /// "Change these answers" on one sign of the plan.
    pub on_review: Callback<SignId>,
    /// Start again with the answers kept.
    pub on_retake: Callback<()>,
    /// Forget the answers.
    pub on_forget: Callback<()>,
    /// A step of the contact hand-off.
    pub on_contact: Callback<ContactAction>,
    /// Issue 22: "e-mail me my plan".
    pub plan: PlanFlow,
    /// Issue 22: a step of the plan request.
    pub on_plan: Callback<PlanAction>,
    /// Issue 22: the booking page was opened (the service's name).
    pub on_booking: Callback<&'static str>,
    /// "Since last time", shown under the chart when there is an earlier check.
    #[prop_or_default]
    pub since: Html,
    /// Sections the app adds before the contact hand-off ("compare with your team").
    #[prop_or_default]
    pub children: Html,
}

/// What the share button last did.
#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Copied,
    Failed,
}

/// The result screen.
#[component]
pub fn ResultView(props: &ResultProps) -> Html {
    let locale = props.config.locale;
    let ui = &locale.ui;
    let report = &props.report;
    let code: AttrValue = encode(&props.answers).into();
    let copy = use_state(|| Copy::Idle);
    let picture = locale.picture(report.picture());

    let plan = report.plan().iter().map(|sign| {
        let result = report.sign(*sign);
        let text = locale.sign(*sign);
        let steps = locale.steps_for(result);
        let contradictions = report.contradictions_on(*sign).map(|c| {
            html! {
                <p class="rw-contradiction"><strong>{ ui.contradiction_label }</strong>{ " " }{ locale.contradiction(c) }</p>
            }
        });
        let review = props.on_review.reform({
            let sign = *sign;
            move |_: MouseEvent| sign
        });
        html! {
            <li class="rw-plan-item">
                <h4 class="rw-plan-title">
                    { text.title }
                    { badge(result, locale) }
                </h4>
                { for contradictions }
                if steps.is_empty() {
                    <p><strong>{ ui.next_step_label }{ ": " }</strong>{ text.next_step }</p>
                } else {
                    <p class="rw-steps-label"><strong>{ ui.next_steps_label }</strong></p>
                    <ul class="rw-steps">{ for steps.iter().map(|step| html! { <li>{ *step }</li> }) }</ul>
                }
                if let Some(weeks) = Model::current().time_to_close(*sign, result.score) {
                    <p><strong>{ ui.time_label }{ ": " }</strong>{ locale.weeks(weeks) }</p>
                }
                { costs(result, &props.answers, locale) }
                <button type="button" class="rw-link" onclick={review}>{ ui.change_answers }</button>
            </li>
        }
    });
    let strengths = report.strengths().map(|sign| {
        let text = locale.sign(sign);
        html! {
            <li>
                <strong>{ text.title }</strong>{ " " }{ badge(report.sign(sign), locale) }
                <p>{ text.strong }</p>
            </li>
        }
    });

    let link = page::share_link(&code);
    let share = link.clone();
    let on_copy = {
        let copy = copy.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            page::copy_text(&link, move |done| {
                copy.set(if done { Copy::Copied } else { Copy::Failed })
            });
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let select_all = Callback::from(page::select_on_focus);

    html! {
        <div class="rw-step rw-result">
            <h2 class="rw-heading" part="heading" tabindex="-1" ref={props.heading.clone()}>{ ui.result_heading }</h2>
            <div class={classes!("rw-picture", format!("rw-picture-{}", report.picture().as_str()))}>
                <h3>{ picture.headline }</h3>
                <p>{ picture.body }</p>
            </div>
            { chart(&ChartProps { report: report.clone(), locale }) }
            <ul class="rw-legend-list" aria-label={ui.chart_label}>
                { for report.signs().iter().map(|s| html! {
                    <li>{ locale.sign(s.sign).title }{ ": " }{ badge(s, locale) }</li>
                }) }
            </ul>
            { props.since.clone() }
            if !report.plan().is_empty() {
                <h3>{ ui.plan_heading }</h3>
                if let Some(weeks) = report.weeks_to_start() {
                    <p class="rw-plan-time">{ fill(ui.plan_time, &[("weeks", &locale.weeks(weeks))]) }</p>
                }
                <ol class="rw-plan" part="plan">{ for plan }</ol>
            }
            if report.strengths().next().is_some() {
                <h3>{ ui.strengths_heading }</h3>
                <ul class="rw-strengths">{ for strengths }</ul>
            }
            <div class="rw-actions rw-result-actions">
                <button type="button" class="rw-button" part="button" onclick={on_copy}>{ ui.copy_link }</button>
                <button type="button" class="rw-button" part="button" onclick={on_print}>{ ui.print }</button>
                <button type="button" class="rw-button" part="button" onclick={props.on_retake.reform(|_: MouseEvent| ())}>{ ui.retake }</button>
                <button type="button" class="rw-button" part="button" onclick={props.on_forget.reform(|_: MouseEvent| ())}>{ ui.forget }</button>
            </div>
            <p class="rw-copy-status" role="status">
                { if *copy == Copy::Copied { ui.link_copied } else if *copy == Copy::Failed { ui.copy_failed } else { "" } }
            </p>
            if *copy == Copy::Failed {
                <label class="rw-share">
                    <span>{ ui.share_label }</span>
                    <input type="text" readonly=true value={link} onfocus={select_all} />
                </label>
            }
            { plan_panel(&PlanPanelProps { config: props.config.clone(), plan: props.plan.clone(), on_plan: props.on_plan.clone() }) }
            { props.children.clone() }
            { booking_link(&props.config, picture.headline, &share, &props.on_booking) }
            { contact_panel(&ContactPanelProps {
                config: props.config.clone(),
                contact: props.contact.clone(),
                report: report.clone(),
                code,
                on_contact: props.on_contact.clone(),
                team_summary: None,
            }) }
        </div>
    }
}

fn badge(result: &SignResult, locale: &Locale) -> Html {
    let class = match result.status {
        Status::Strong => "rw-badge-strong",
        Status::Close => "rw-badge-close",
        Status::Gap => "rw-badge-gap",
        Status::NotAnswered => "rw-badge-none",
    };
    let score = fill(locale.ui.score_of, &[("score", &result.score.to_string())]);
    html! {
        <span class={classes!("rw-badge", class)}>{ status_label(result.status, locale) }{ " · " }{ score }</span>
    }
}

/// The answer as the visitor gave it, in words.
fn answer_words(index: QuestionIndex, answer: Option<Answer>, locale: &Locale) -> String {
    let labels = locale.question(index).options;
    match answer {
        Some(Answer::Choice(option)) => labels[usize::from(option)].to_owned(),
        Some(Answer::Checked(bits)) => {
            let ticked = labels.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).count();
            format!("{ticked}/{}", labels.len())
        }
        Some(Answer::Tickets(verdicts)) => Verdict::ALL
            .iter()
            .zip(labels)
            .map(|(v, label)| format!("{} × {label}", verdicts.iter().filter(|x| **x == Some(*v)).count()))
            .collect::<Vec<_>>()
            .join(", "),
        None => locale.ui.none_answered.to_owned(),
    }
}

fn costs(result: &SignResult, answers: &Answers, locale: &Locale) -> Html {
    if result.costs.is_empty() {
        return html! {};
    }
    let items = result.costs.iter().map(|cost| {
        let question = locale.question(cost.question);
        let kind = Model::current().question(cost.question).kind;
        let answer = answer_words(cost.question, answers.get(cost.question), locale);
        let answer = if kind == QuestionKind::PickComment { format!("“{}…”", answer.trim_matches(['“', '”']).chars().take(40).collect::<String>()) } else { answer };
        html! {
            <li>{ fill(locale.ui.cost_item, &[("question", question.short), ("answer", &answer), ("points", &cost.points.to_string())]) }</li>
        }
    });
    html! {
        <div class="rw-costs">
            <p class="rw-costs-label">{ locale.ui.costs_label }</p>
            <ul>{ for items }</ul>
        </div>
    }
}
