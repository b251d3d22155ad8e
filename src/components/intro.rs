//! The first screen: what this is, how long it takes, what stays private.

use readiness_core::{fill, span, Locale, Model};
use yew::prelude::*;

/// Props of [`Intro`].
#[derive(Properties, PartialEq)]
pub struct IntroProps {
    /// The words.
    pub locale: &'static Locale,
    /// The step heading, focused when the step opens.
    pub heading: NodeRef,
    /// Start (or continue) the questions.
    pub on_start: Callback<()>,
    /// Whether some answers exist already.
    pub resumable: bool,
    /// Counting is on (`data-metrics`): say what is sent (issue 23).
    #[prop_or_default]
    pub counting: bool,
}

/// The intro screen.
#[component]
pub fn Intro(props: &IntroProps) -> Html {
    let ui = &props.locale.ui;
    // What the visitor will really meet: the questions asked depend on earlier
    // answers (`shown_when`), the minutes on each question's `seconds`.
    let model = Model::current();
    let (fewest, most) = model.asked_range();
    let (short, long) = model.minutes_range();
    let on_start = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <div class="rw-step rw-intro">
            <h2 class="rw-heading" part="heading" tabindex="-1" ref={props.heading.clone()}>{ ui.intro_heading }</h2>
            <p>{ fill(ui.intro_body, &[("questions", &span(fewest, most))]) }</p>
            <p class="rw-meta">{ fill(ui.intro_duration, &[("minutes", &span(short, long))]) }</p>
            <p class="rw-privacy">{ ui.intro_privacy }</p>
            if props.counting { <p class={crate::loader_contract::counting::NOTE_CLASS}>{ ui.intro_counting }</p> }
            <div class="rw-actions">
                <button type="button" class="rw-button rw-primary" part="button primary" onclick={on_start}>
                    { if props.resumable { ui.resume } else { ui.start } }
                </button>
            </div>
        </div>
    }
}
