//! The first screen: what this is, how long it takes, what stays private.

use readiness_core::{fill, span, Locale, Model};
use yew::prelude::*;

use super::{copy_fill, copy_key};

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
    let (questions, minutes) = (span(fewest, most), span(short, long));
    html! {
        <div class="rw-step rw-intro">
            <h2 class="rw-heading" tabindex="-1" ref={props.heading.clone()} data-copy-key={copy_key(|| "ui.intro_heading".into())}>{ ui.intro_heading }</h2>
            <p data-copy-key={copy_key(|| "ui.intro_body".into())} data-copy-fill={copy_fill(&[("questions", &questions)])}>
                { fill(ui.intro_body, &[("questions", &questions)]) }
            </p>
            <p class="rw-meta" data-copy-key={copy_key(|| "ui.intro_duration".into())} data-copy-fill={copy_fill(&[("minutes", &minutes)])}>
                { fill(ui.intro_duration, &[("minutes", &minutes)]) }
            </p>
            <p class="rw-privacy" data-copy-key={copy_key(|| "ui.intro_privacy".into())}>{ ui.intro_privacy }</p>
            <div class="rw-actions">
                <button type="button" class="rw-button rw-primary" onclick={on_start}
                    data-copy-key={copy_key(|| if props.resumable { "ui.resume" } else { "ui.start" }.into())}>
                    { if props.resumable { ui.resume } else { ui.start } }
                </button>
            </div>
        </div>
    }
}
