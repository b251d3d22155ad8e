//! The team view: everyone's score per sign on one chart, the median and the
//! spread, the signs where the team disagrees first with the questions whose
//! answers differ most, and the plan from the team's median.

use readiness_core::{fill, Locale, Model, Team, TeamNotice, TeamReport, TeamSign};
use yew::prelude::*;

use super::copy_link::CopyLink;
use super::team_chart::TeamChart;
use super::team_panel::{TeamNotices, TeamPaste};

/// Props of [`TeamView`].
#[derive(Properties, PartialEq)]
pub struct TeamViewProps {
    /// Prefix for element ids.
    pub prefix: AttrValue,
    /// The words.
    pub locale: &'static Locale,
    /// Everyone compared.
    pub team: Team,
    /// Their figures.
    pub report: TeamReport,
    /// Entries of the link or a paste that were left out.
    pub notices: Vec<TeamNotice>,
    /// The team link of this view.
    pub link: AttrValue,
    /// The last paste held no code.
    pub paste_empty: bool,
    /// The step heading, focused when the view opens.
    pub heading: NodeRef,
    /// Whether the visitor has a finished result of their own.
    pub has_own: bool,
    /// Back to the own result, or (without one) start the check.
    pub on_back: Callback<()>,
    /// Teammates' codes or links pasted.
    pub on_paste: Callback<String>,
    /// Close the notices.
    pub on_dismiss_notices: Callback<()>,
    /// The contact hand-off, rendered by the app.
    #[prop_or_default]
    pub children: Html,
}

/// The team view.
#[component]
pub fn TeamView(props: &TeamViewProps) -> Html {
    let locale = props.locale;
    let ui = &locale.ui;
    let report = &props.report;
    let picture = locale.picture(report.picture());
    let (disagree, agree): (Vec<&TeamSign>, Vec<&TeamSign>) = report.ordered().into_iter().partition(|s| s.disagrees());
    let plan = report.plan().iter().map(|sign| {
        let text = locale.sign(*sign);
        let weeks = Model::current().sign(*sign).weeks;
        html! {
            <li class="rw-plan-item">
                <h4 class="rw-plan-title">{ text.title }{ " " }
                    <span class="rw-badge">{ fill(ui.team_median, &[("score", &report.sign(*sign).median.to_string())]) }</span>
                </h4>
                <p><strong>{ ui.next_step_label }{ ": " }</strong>{ text.next_step }</p>
                <p><strong>{ ui.time_label }{ ": " }</strong>
                    { fill(ui.weeks_range, &[("min", &weeks.0.to_string()), ("max", &weeks.1.to_string())]) }</p>
            </li>
        }
    });
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let back_label = if props.has_own { ui.team_back } else { ui.start };
    html! {
        <div class="rw-step rw-result rw-team">
            <h2 class="rw-heading" tabindex="-1" ref={props.heading.clone()}>{ ui.team_heading }</h2>
            <p class="rw-team-count">{ fill(ui.team_members, &[("count", &report.members().to_string())]) }</p>
            <TeamNotices notices={props.notices.clone()} {locale} on_dismiss={props.on_dismiss_notices.clone()} />
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
                <ol class="rw-plan">{ for plan }</ol>
            }
            <div class="rw-actions rw-result-actions">
                <CopyLink link={props.link.clone()} label={ui.team_copy_link} {locale} />
                <button type="button" class="rw-button" onclick={on_print}>{ ui.print }</button>
                <button type="button" class="rw-button" onclick={props.on_back.reform(|_: MouseEvent| ())}>{ back_label }</button>
            </div>
            <TeamPaste prefix={props.prefix.clone()} {locale} empty={props.paste_empty} on_paste={props.on_paste.clone()} />
            { props.children.clone() }
        </div>
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
