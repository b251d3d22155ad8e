//! "Compare with your team" on the result: the team link to send on (with
//! optional initials), pasting teammates' codes or links, and the way into the
//! team view. Also the paste form, which the team view shows too.

use readiness_core::{fill, Locale, TeamNotice, MAX_MEMBERS};
use yew::prelude::*;

use super::contact_panel::input_value;
use super::copy_link::CopyLink;
use super::notice::{team_notices, TeamNoticesProps};

/// Props of [`TeamPaste`].
#[derive(Properties, PartialEq)]
pub struct TeamPasteProps {
    /// Prefix for element ids (unique per widget).
    pub prefix: AttrValue,
    /// The words.
    pub locale: &'static Locale,
    /// The last paste held no code.
    pub empty: bool,
    /// The pasted text.
    pub on_paste: Callback<String>,
}

/// A text box for teammates' codes or links, and its button.
#[component]
pub fn TeamPaste(props: &TeamPasteProps) -> Html {
    let ui = &props.locale.ui;
    let text = use_state(String::new);
    let id = format!("{}-team-paste", props.prefix);
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(input_value(&e)))
    };
    let on_submit = {
        let text = text.clone();
        let on_paste = props.on_paste.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_paste.emit((*text).clone());
            text.set(String::new());
        })
    };
    html! {
        <form class="rw-team-paste" onsubmit={on_submit}>
            <label for={id.clone()}>{ ui.team_paste_label }</label>
            <textarea id={id} rows="2" maxlength="4096" value={(*text).clone()} oninput={on_input} spellcheck="false" />
            if props.empty {
                <p class="rw-error" role="alert">{ ui.team_paste_nothing }</p>
            }
            <button type="submit" class="rw-button" part="button">{ ui.team_paste_add }</button>
        </form>
    }
}

/// Props of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// Prefix for element ids.
    pub prefix: AttrValue,
    /// The words.
    pub locale: &'static Locale,
    /// The team link holding the visitor's result (and the teammates' so far).
    pub link: AttrValue,
    /// The initials as typed.
    pub initials: AttrValue,
    /// Open from the start (the visitor came from an invitation).
    pub open: bool,
    /// The last paste held no code.
    pub paste_empty: bool,
    /// Entries of the link or the last paste that were left out.
    pub notices: Vec<TeamNotice>,
    /// Close those notices.
    pub on_dismiss_notices: Callback<()>,
    /// Initials typed.
    pub on_initials: Callback<String>,
    /// Teammates' codes or links pasted.
    pub on_paste: Callback<String>,
    /// Open the team view; `None` while there is nobody to compare with.
    pub on_show_team: Option<Callback<()>>,
}

/// The "Compare with your team" section of the result.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let ui = &props.locale.ui;
    let open = use_state(|| props.open);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let panel_id = format!("{}-team-panel", props.prefix);
    let initials_id = format!("{}-team-initials", props.prefix);
    let link_id = format!("{}-team-link", props.prefix);
    let on_initials = props.on_initials.reform(|e: InputEvent| input_value(&e));
    let show = props.on_show_team.as_ref().map(|cb| {
        html! { <button type="button" class="rw-button rw-primary" part="button primary" onclick={cb.reform(|_: MouseEvent| ())}>{ ui.team_show }</button> }
    });
    html! {
        <section class="rw-compare">
            <button type="button" class="rw-button rw-compare-toggle" part="button" aria-expanded={(*open).to_string()}
                aria-controls={panel_id.clone()} onclick={toggle}>{ ui.team_compare }</button>
            if *open {
                <div class="rw-compare-panel" id={panel_id}>
                    <p>{ fill(ui.team_compare_intro, &[("max", &MAX_MEMBERS.to_string())]) }</p>
                    <div class="rw-field">
                        <label for={initials_id.clone()}>{ ui.team_initials_label }</label>
                        <input id={initials_id} type="text" class="rw-initials" maxlength="3" autocomplete="off"
                            value={props.initials.clone()} oninput={on_initials} />
                    </div>
                    <div class="rw-field">
                        <label for={link_id.clone()}>{ ui.team_link_label }</label>
                        <input id={link_id} type="text" readonly=true class="rw-team-link" value={props.link.clone()} />
                    </div>
                    <div class="rw-actions">
                        <CopyLink link={props.link.clone()} label={ui.team_copy_link} locale={props.locale} />
                        { for show }
                    </div>
                    { team_notices(&TeamNoticesProps { notices: props.notices.clone(), locale: props.locale,
                        on_dismiss: props.on_dismiss_notices.clone() }) }
                    <TeamPaste prefix={props.prefix.clone()} locale={props.locale} empty={props.paste_empty}
                        on_paste={props.on_paste.clone()} />
                </div>
            }
        </section>
    }
}
