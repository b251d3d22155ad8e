//! The team view: heading, how many results are compared, skipped entries,
//! the figures (chart, disagreeing signs, plan from the median: `team_figures`),
//! copy / print / back, pasting more and the contact hand-off.

use readiness_core::{fill, Locale, Team, TeamNotice};
use web_sys::Element;
use yew::prelude::*;

use super::copy_link::CopyLink;
use super::notice::{team_notices, TeamNoticesProps};
use super::team_figures::TeamFigures;
use super::team_panel::TeamPaste;

/// What [`team_view`] shows.
pub struct TeamViewProps {
    /// Prefix for element ids.
    pub prefix: AttrValue,
    /// The words.
    pub locale: &'static Locale,
    /// Everyone compared.
    pub members: Team,
    /// The widget's host element, where `readiness:team` is dispatched.
    pub host: Element,
    /// The widget's instance name, for `readiness:team`.
    pub instance: AttrValue,
    /// The team summary for the contact hand-off.
    pub on_summary: Callback<AttrValue>,
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
    pub children: Html,
}

/// The team view (a plain function: no state of its own, and each component costs about a kilobyte of wasm).
pub fn team_view(props: &TeamViewProps) -> Html {
    let locale = props.locale;
    let ui = &locale.ui;
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let back_label = if props.has_own { ui.team_back } else { ui.start };
    html! {
        <div class="rw-step rw-result rw-team">
            <h2 class="rw-heading" part="heading" tabindex="-1" ref={props.heading.clone()}>{ ui.team_heading }</h2>
            <p class="rw-team-count">{ fill(ui.team_members, &[("count", &props.members.len().to_string())]) }</p>
            { team_notices(&TeamNoticesProps { notices: props.notices.clone(), locale, on_dismiss: props.on_dismiss_notices.clone() }) }
            <div class="rw-team-body">
                <TeamFigures team={props.members.clone()} {locale} host={props.host.clone()}
                    instance={props.instance.clone()} on_summary={props.on_summary.clone()} />
            </div>
            <div class="rw-actions rw-result-actions">
                <CopyLink link={props.link.clone()} label={ui.team_copy_link} {locale} />
                <button type="button" class="rw-button" part="button" onclick={on_print}>{ ui.print }</button>
                <button type="button" class="rw-button" part="button" onclick={props.on_back.reform(|_: MouseEvent| ())}>{ back_label }</button>
            </div>
            <TeamPaste prefix={props.prefix.clone()} {locale} empty={props.paste_empty} on_paste={props.on_paste.clone()} />
            { props.children.clone() }
        </div>
    }
}
