//! The contact hand-off on the result: a call to action, a short form with an
//! unticked consent box, a preview of exactly what will be sent, and the
//! sending states. Only the app's effect talks to the network.

use std::rc::Rc;

use readiness_core::{fill, Report};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::config::Config;
use crate::contact::{ContactAction, ContactFlow, Field, FieldProblem, Stage};
use crate::payload::summary;
use crate::services::{page, storage};

/// What [`contact_panel`] shows.
pub struct ContactPanelProps {
    /// Embed options.
    pub config: Rc<Config>,
    /// The hand-off's state.
    pub contact: ContactFlow,
    /// The report handed off (computed once by the app).
    pub report: Rc<Report>,
    /// Its result code.
    pub code: AttrValue,
    /// A step of the hand-off.
    pub on_contact: Callback<ContactAction>,
    /// When sent from the team view: the team summary that goes with it.
    pub team_summary: Option<AttrValue>,
}

fn contact(on_contact: &Callback<ContactAction>, action: ContactAction) -> Callback<MouseEvent> {
    on_contact.reform(move |_: MouseEvent| action.clone())
}

/// The contact panel.
pub fn contact_panel(props: &ContactPanelProps) -> Html {
    let config = &props.config;
    if config.endpoint.is_none() && config.contact_url.is_none() {
        return html! {};
    }
    let ui = &config.locale.ui;
    let flow = &props.contact;
    let body = match &flow.stage {
        Stage::Closed => call_to_action(props, &props.code),
        Stage::Form => form(props),
        Stage::Preview => preview(props),
        Stage::Sending { failures } => html! {
            <>
                { preview(props) }
                if *failures > 0 { <p class="rw-hint">{ ui.retrying }</p> }
            </>
        },
        Stage::Sent => html! { <p class="rw-success">{ ui.sent }</p> },
        Stage::Kept => {
            let mail = config
                .fallback_contact
                .as_deref()
                .filter(|c| c.starts_with("mailto:"))
                .map(|to| {
                    let mut text = summary(&props.report, config.locale);
                    if let Some(team) = &props.team_summary {
                        text = format!("{text}\n\n{team}");
                    }
                    let href = format!(
                        "{to}?subject={}&body={}",
                        encode_mail(ui.contact_heading),
                        encode_mail(&text)
                    );
                    html! { <a class="rw-button" part="button" href={href}>{ ui.mail_fallback }</a> }
                });
            html! { <><p class="rw-warning">{ ui.kept_for_later }</p>{ for mail }</> }
        }
        Stage::Refused(reason) => html! {
            <>
                <p class="rw-error-summary" role="alert">{ fill(ui.rejected, &[("reason", reason)]) }</p>
                <button type="button" class="rw-button" part="button" onclick={contact(&props.on_contact, ContactAction::BackToForm)}>{ ui.edit }</button>
            </>
        },
    };
    let live = matches!(flow.stage, Stage::Sent | Stage::Kept | Stage::Sending { .. });
    html! {
        <section class="rw-contact" aria-labelledby={format!("{}-contact", config.instance)}>
            <h3 id={format!("{}-contact", config.instance)}>{ ui.contact_heading }</h3>
            <div role={live.then_some("status")}>{ body }</div>
        </section>
    }
}

fn call_to_action(props: &ContactPanelProps, code: &str) -> Html {
    let ui = &props.config.locale.ui;
    let open = props.config.endpoint.is_some().then(|| {
        html! { <button type="button" class="rw-button rw-primary" part="button primary" onclick={contact(&props.on_contact, ContactAction::Open)}>{ ui.contact_cta }</button> }
    });
    let page = props.config.contact_url.as_deref().map(|url| {
        let separator = if url.contains('?') { '&' } else { '?' };
        let href = format!("{url}{separator}readiness={code}");
        let code = code.to_owned();
        // The code holds answers only, no personal data; sessionStorage covers same-tab navigation.
        let onclick = Callback::from(move |_: MouseEvent| storage::hand_off(&code));
        html! { <a class="rw-button" part="button" {href} {onclick}>{ ui.contact_page_cta }</a> }
    });
    html! {
        <>
            <p>{ ui.contact_intro }</p>
            <div class="rw-actions">{ for open }{ for page }</div>
        </>
    }
}

/// The text of the `<input>` or `<textarea>` an input event came from; also
/// used by the team panel's paste box.
pub(crate) fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| t.dyn_into::<web_sys::HtmlTextAreaElement>().map(|a| a.value()))
                .ok()
        })
        .unwrap_or_default()
}

fn form(props: &ContactPanelProps) -> Html {
    let config = &props.config;
    let ui = &config.locale.ui;
    let fields = &props.contact.fields;
    let problems = &props.contact.problems;
    let id = |name: &str| format!("{}-contact-{name}", config.instance);
    let problem_text = |field: Field, label: &str| -> Option<String> {
        problems.iter().find_map(|p| match p {
            FieldProblem::Required(f) if *f == field => {
                let mut lower = label.to_owned();
                if let Some(first) = lower.get_mut(0..1) {
                    first.make_ascii_lowercase();
                }
                Some(fill(ui.required_field, &[("field", &lower)]))
            }
            FieldProblem::InvalidEmail if field == Field::Email => Some(ui.invalid_email.to_owned()),
            _ => None,
        })
    };
    let text_field = |field: Field,
                      name: &str,
                      label: &'static str,
                      kind: &'static str,
                      value: &str,
                      autocomplete: &'static str| {
        let error = problem_text(field, label);
        let error_id = id(&format!("{name}-error"));
        let oninput = props
            .on_contact
            .reform(move |e: InputEvent| ContactAction::Edit(field, input_value(&e)));
        html! {
            <div class={classes!("rw-field", error.is_some().then_some("rw-missing"))}>
                <label for={id(name)}>{ label }{ " " }<span class="rw-required">{ ui.required_mark }</span></label>
                if let Some(error) = error.clone() { <p class="rw-error" id={error_id.clone()}>{ error }</p> }
                <input id={id(name)} type={kind} name={name.to_owned()} value={value.to_owned()} {oninput} {autocomplete}
                    required=true aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then_some(error_id)} />
            </div>
        }
    };
    let on_message = props
        .on_contact
        .reform(|e: InputEvent| ContactAction::Edit(Field::Message, input_value(&e)));
    let on_website = props
        .on_contact
        .reform(|e: InputEvent| ContactAction::Edit(Field::Website, input_value(&e)));
    let consent = fields.consent;
    let on_consent = props
        .on_contact
        .reform(move |_: Event| ContactAction::Consent(!consent));
    let consent_missing = problems.contains(&FieldProblem::NoConsent);
    let on_submit = props.on_contact.reform(|e: SubmitEvent| {
        e.prevent_default();
        ContactAction::Review
    });
    html! {
        <form class="rw-form" part="form" novalidate=true onsubmit={on_submit}>
            { text_field(Field::Name, "name", ui.field_name, "text", &fields.name, "name") }
            { text_field(Field::Email, "email", ui.field_email, "email", &fields.email, "email") }
            { text_field(Field::Company, "company", ui.field_company, "text", &fields.company, "organization") }
            // The honeypot: off screen, out of the tab order, hidden from assistive technology.
            <div class="rw-hp" aria-hidden="true">
                <label>{ "Website" }
                    <input type="text" name="website" tabindex="-1" autocomplete="off" value={fields.website.clone()} oninput={on_website} />
                </label>
            </div>
            <div class="rw-field">
                <label for={id("message")}>{ ui.field_message }</label>
                <textarea id={id("message")} name="message" rows="3" maxlength="5000" value={fields.message.clone()} oninput={on_message} />
            </div>
            <div class={classes!("rw-field", "rw-consent", consent_missing.then_some("rw-missing"))}>
                if consent_missing { <p class="rw-error" id={id("consent-error")}>{ ui.consent_required }</p> }
                <label class="rw-option" part="option">
                    <input type="checkbox" name="consent" checked={consent} onchange={on_consent}
                        aria-describedby={consent_missing.then(|| id("consent-error"))} />
                    <span class="rw-option-label">{ config.consent_text() }</span>
                </label>
            </div>
            <div class="rw-actions">
                <button type="submit" class="rw-button rw-primary" part="button primary">{ ui.review }</button>
                <button type="button" class="rw-button" part="button" onclick={contact(&props.on_contact, ContactAction::Close)}>{ ui.cancel }</button>
            </div>
        </form>
    }
}

fn preview(props: &ContactPanelProps) -> Html {
    let config = &props.config;
    let ui = &config.locale.ui;
    let flow = &props.contact;
    let sending = matches!(flow.stage, Stage::Sending { .. });
    let include = flow.include_message;
    let on_include = props
        .on_contact
        .reform(move |_: Event| ContactAction::IncludeMessage(!include));
    let on_send = props
        .on_contact
        .reform(|_: MouseEvent| ContactAction::Send(page::random_key()));
    html! {
        <div class="rw-preview">
            <h4>{ ui.preview_heading }</h4>
            <dl>
                <dt>{ ui.field_name }</dt><dd>{ flow.fields.name.trim() }</dd>
                <dt>{ ui.field_email }</dt><dd>{ flow.fields.email.trim() }</dd>
                <dt>{ ui.field_company }</dt><dd>{ flow.fields.company.trim() }</dd>
                if !flow.fields.message.trim().is_empty() {
                    <dt>{ ui.field_message }</dt>
                    <dd class={classes!((!include).then_some("rw-struck"))}>{ flow.fields.message.trim() }</dd>
                }
                <dt>{ ui.result_heading }</dt><dd class="rw-pre">{ summary(&props.report, config.locale) }</dd>
                if let Some(team) = &props.team_summary {
                    <dt>{ ui.team_heading }</dt><dd class="rw-pre">{ team.clone() }</dd>
                }
                <dt>{ ui.consent_label }</dt><dd>{ config.consent_text() }</dd>
                // The embed's context (data-context-*): sent too, so shown too.
                { for config.context.iter().map(|(key, value)| html! { <><dt>{ key.clone() }</dt><dd>{ value.clone() }</dd></> }) }
            </dl>
            if !flow.fields.message.trim().is_empty() {
                <label class="rw-option" part="option">
                    <input type="checkbox" name="leave-out-message" checked={!include} onchange={on_include} disabled={sending} />
                    <span class="rw-option-label">{ ui.remove_message }</span>
                </label>
            }
            <p class="rw-hint">{ ui.preview_technical }</p>
            <div class="rw-actions">
                <button type="button" class="rw-button rw-primary" part="button primary" onclick={on_send} disabled={sending} aria-busy={sending.then_some("true")}>
                    { if sending { ui.sending } else { ui.send } }
                </button>
                <button type="button" class="rw-button" part="button" onclick={contact(&props.on_contact, ContactAction::BackToForm)} disabled={sending}>{ ui.edit }</button>
            </div>
        </div>
    }
}

/// Percent-encoding for a mailto: subject or body.
fn encode_mail(text: &str) -> String {
    crate::payload::urlencode(text).replace('+', "%20")
}
