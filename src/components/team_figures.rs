//! The team view's figures: the picture of the medians, everyone's score per
//! sign on one chart, the signs where the team disagrees first with the
//! questions whose answers differ most, and the plan from the team's median.
//! The frame around it (heading, notices, copy, print, back, paste, contact)
//! is `team_view`.

use readiness_core::{fill, Locale, Model, Team, TeamReport, TeamSign};
use web_sys::Element;
use yew::prelude::*;

use super::team_chart::TeamChart;
use crate::payload::team_summary;
use crate::services::events;
use crate::services::team_detail::team_detail;

/// Props of [`TeamFigures`].
#[derive(Properties, PartialEq)]
pub struct TeamFiguresProps {
    /// Everyone compared.
    pub team: Team,
    /// The words.
    pub locale: &'static Locale,
    /// The widget's host element: `readiness:team` goes there.
    pub host: Element,
    /// The widget's instance name, in the event's detail.
    pub instance: AttrValue,
    /// The team summary, for the contact hand-off (each time the team changes).
    pub on_summary: Callback<AttrValue>,
}

/// The figures of the team view.
#[component]
pub fn TeamFigures(props: &TeamFiguresProps) -> Html {
    let locale = props.locale;
    let ui = &locale.ui;
    let report = use_memo(props.team.clone(), TeamReport::new);
    {
        let (host, instance, report) = (props.host.clone(), props.instance.clone(), report.clone());
        let on_summary = props.on_summary.clone();
        use_effect_with(props.team.clone(), move |_| {
            if let Some(report) = report.as_ref() {
                events::emit(&host, events::names::TEAM, team_detail(&instance, report));
                on_summary.emit(team_summary(report, locale).into());
            }
        });
    }
    let Some(report) = report.as_ref() else {
        return Html::default();
    };
    let picture = locale.picture(report.picture());
    let (disagree, agree): (Vec<&TeamSign>, Vec<&TeamSign>) = report.ordered().into_iter().partition(|s| s.disagrees());
    let plan = report.plan().iter().map(|sign| {
        let text = locale.sign(*sign);
        // The time the median's distance from strong takes, as in one person's plan.
        let weeks = Model::current()
            .time_to_close(*sign, report.sign(*sign).median)
            .unwrap_or(Model::current().sign(*sign).weeks);
        html! {
            <li class="rw-plan-item">
                <h4 class="rw-plan-title">{ text.title }{ " " }
                    <span class="rw-badge">{ fill(ui.team_median, &[("score", &report.sign(*sign).median.to_string())]) }</span>
                </h4>
                <p><strong>{ ui.next_step_label }{ ": " }</strong>{ text.next_step }</p>
                <p><strong>{ ui.time_label }{ ": " }</strong>{ locale.weeks(weeks) }</p>
            </li>
        }
    });
    html! {
        <>
            <div class={classes!("rw-picture", format!("rw-picture-{}", report.picture().as_str()))}>
                <h3>{ picture.headline }</h3>
            </div>
            <TeamChart report={report.clone()} team={props.team.clone()} {locale} />
            if !disagree.is_empty() {
                <h3>{ ui.team_disagree }</h3>
                <ul class="rw-team-signs rw-team-disagree">
                    { for disagree.iter().map(|s| sign_item(s, &props.team, locale)) }
                </ul>
            }
            if !agree.is_empty() {
                <h3>{ ui.team_agree_heading }</h3>
                <ul class="rw-team-signs">
                    { for agree.iter().map(|s| sign_item(s, &props.team, locale)) }
                </ul>
            }
            if !report.plan().is_empty() {
                <h3>{ ui.team_plan_heading }</h3>
                <ol class="rw-plan" part="plan">{ for plan }</ol>
            }
        </>
    }
}

/// One sign: its scores in words (for screen readers and print), median,
/// spread, and for a disagreement the differing questions.
fn sign_item(sign: &TeamSign, team: &Team, locale: &'static Locale) -> Html {
    let ui = &locale.ui;
    let scores: Vec<String> = sign
        .scores
        .iter()
        .zip(team.members())
        .map(|(score, member)| match member.initials() {
            Some(initials) => format!("{initials} {score}"),
            None => score.to_string(),
        })
        .collect();
    let differing = sign.differing.iter().map(|d| {
        html! { <li><strong>{ locale.question(d.question).short }{ ": " }</strong>{ d.summary(locale) }</li> }
    });
    html! {
        <li class="rw-team-sign" data-sign={sign.sign.as_str()}>
            <h4 class="rw-plan-title">{ locale.sign(sign.sign).title }</h4>
            <p class="rw-team-figures">
                <span class="rw-badge">{ fill(ui.team_median, &[("score", &sign.median.to_string())]) }</span>{ " " }
                <span class={classes!("rw-badge", sign.disagrees().then_some("rw-badge-gap"))}>
                    { fill(ui.team_spread, &[("points", &sign.spread.to_string())]) }</span>
            </p>
            <p class="rw-team-scores">{ scores.join(" · ") }</p>
            if sign.disagrees() && !sign.differing.is_empty() {
                <div class="rw-costs">
                    <p class="rw-costs-label">{ ui.team_differs_label }</p>
                    <ul>{ for differing }</ul>
                </div>
            }
        </li>
    }
}
