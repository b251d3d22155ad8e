//! What the first-load module shows on a finished check while the loader
//! brings the full module (usually already there: it is fetched while the
//! visitor answers). The heading takes focus as every step's does; the body
//! is the loader's to fill with "loading", or with "could not load", a retry
//! and the way to reach the firm (the words ride on its data attributes).

use readiness_core::Locale;
use yew::prelude::*;

/// What [`handover`] shows.
pub struct HandoverProps {
    /// The words.
    pub locale: &'static Locale,
    /// The step heading, focused on arrival.
    pub heading: NodeRef,
    /// The loader's part of the view.
    pub body: NodeRef,
}

/// The result's place while the full module takes over (a plain function: no state of its own).
pub fn handover(props: &HandoverProps) -> Html {
    let ui = &props.locale.ui;
    html! {
        <div class="rw-step rw-handover">
            <h2 class="rw-heading" tabindex="-1" ref={props.heading.clone()}>{ ui.result_heading }</h2>
            <div class="rw-handover-body" ref={props.body.clone()} data-loading={ui.result_loading}
                data-failed={ui.result_failed} data-retry={ui.try_again} data-contact-label={ui.crash_contact}></div>
        </div>
    }
}
