//! Issue 22 on the result: "e-mail me my plan" (one address field and an
//! unticked consent line, with its states: the form, a problem beside its
//! field, sending, sent, kept for the next visit, the day's limit reached,
//! refused) and "book a call about these gaps" (`data-booking-url`, with the
//! share link and the UTM values, never personal data). Values in, narrow
//! callbacks out; only the app's hooks talk to the network.

use std::rc::Rc;

use readiness_core::fill;
use yew::prelude::*;

use super::contact_panel::input_value;
use crate::config::Config;
use crate::plan::{PlanAction, PlanFlow, PlanProblem, PlanStage};
use crate::services::page;

/// What [`plan_panel`] shows.
pub struct PlanPanelProps {
    /// Embed options.
    pub config: Rc<Config>,
    /// The plan request's state.
    pub plan: PlanFlow,
    /// A step of the plan request.
    pub on_plan: Callback<PlanAction>,
}

/// The "e-mail me my plan" section (nothing without a JSON endpoint).
pub fn plan_panel(props: &PlanPanelProps) -> Html {
    let config = &props.config;
    if crate::hooks::plan_endpoint(config).is_none() {
        return html! {};
    }
    let ui = &config.locale.ui;
    let flow = &props.plan;
    let id = |name: &str| format!("{}-plan-{name}", config.instance);
    let body = match &flow.stage {
        PlanStage::Sent => html! {
            <p class="rw-success">{ fill(ui.plan_mail_sent, &[("email", flow.email.trim())]) }</p>
        },
        PlanStage::Kept => html! { <p class="rw-warning">{ ui.kept_for_later }</p> },
        PlanStage::Limited => html! { <p class="rw-error-summary" role="alert">{ ui.plan_mail_limit }</p> },
        stage => {
            let sending = *stage == PlanStage::Sending;
            let invalid = flow.problems.contains(&PlanProblem::InvalidEmail);
            let no_consent = flow.problems.contains(&PlanProblem::NoConsent);
            let on_input = props.on_plan.reform(|e: InputEvent| PlanAction::Edit(input_value(&e)));
            let consent = flow.consent;
            let on_consent = props.on_plan.reform(move |_: Event| PlanAction::Consent(!consent));
            let on_submit = props.on_plan.reform(|e: SubmitEvent| {
                e.prevent_default();
                PlanAction::Send(page::random_key())
            });
            html! {
                <>
                    <p>{ ui.plan_mail_intro }</p>
                    if let PlanStage::Refused(reason) = stage {
                        <p class="rw-error-summary" role="alert">{ fill(ui.rejected, &[("reason", reason)]) }</p>
                    }
                    <form class="rw-form" novalidate=true onsubmit={on_submit}>
                        <div class={classes!("rw-field", invalid.then_some("rw-missing"))}>
                            <label for={id("email")}>{ ui.plan_mail_field }</label>
                            if invalid { <p class="rw-error" id={id("email-error")}>{ ui.invalid_email }</p> }
                            <input id={id("email")} type="email" name="plan-email" autocomplete="email" required=true
                                value={flow.email.clone()} oninput={on_input} readonly={sending}
                                aria-invalid={invalid.then_some("true")}
                                aria-describedby={invalid.then(|| id("email-error"))} />
                        </div>
                        <div class={classes!("rw-field", "rw-consent", no_consent.then_some("rw-missing"))}>
                            if no_consent { <p class="rw-error" id={id("consent-error")}>{ ui.consent_required }</p> }
                            <label class="rw-option">
                                <input type="checkbox" name="plan-consent" checked={consent} onchange={on_consent}
                                    disabled={sending} aria-describedby={no_consent.then(|| id("consent-error"))} />
                                <span class="rw-option-label">{ ui.plan_mail_consent }</span>
                            </label>
                        </div>
                        <div class="rw-actions">
                            <button type="submit" class="rw-button" disabled={sending} aria-busy={sending.then_some("true")}>
                                { if sending { ui.sending } else { ui.plan_mail_send } }
                            </button>
                        </div>
                    </form>
                </>
            }
        }
    };
    let live = matches!(flow.stage, PlanStage::Sent | PlanStage::Kept | PlanStage::Sending);
    html! {
        <section class="rw-plan-mail" aria-labelledby={id("heading")}>
            <h3 id={id("heading")}>{ ui.plan_mail_heading }</h3>
            <div role={live.then_some("status")}>{ body }</div>
        </section>
    }
}

/// "Book a call about these gaps": the booking page in a new tab, with the share link, the
/// headline and the page's UTM values (`booking`); `on_open` is told the service.
pub fn booking_link(config: &Config, headline: &str, share_link: &str, on_open: &Callback<&'static str>) -> Html {
    let Some(base) = config.booking_url.as_deref() else {
        return html! {};
    };
    let href = crate::booking::booking_url(base, headline, share_link, &page::utm());
    let service = crate::booking::Service::of(base).as_str();
    let onclick = on_open.reform(move |_: MouseEvent| service);
    html! {
        <div class="rw-actions rw-booking">
            <a class="rw-button rw-primary" {href} target="_blank" rel="noopener" {onclick}>{ config.locale.ui.booking_cta }</a>
        </div>
    }
}
