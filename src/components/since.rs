//! "Since last time": per sign, the change since the earlier finished check.

use readiness_core::{fill, signed, Locale, SignChange};
use yew::prelude::*;

/// What [`since_last_time`] shows.
pub struct SinceProps {
    /// The change per sign.
    pub changes: Vec<SignChange>,
    /// The date of the earlier check, already formatted for the visitor.
    pub date: AttrValue,
    /// The words.
    pub locale: &'static Locale,
}

/// The list of changes (a plain function: no state of its own).
pub fn since_last_time(props: &SinceProps) -> Html {
    let ui = &props.locale.ui;
    let items = props.changes.iter().map(|change| {
        let delta = change.delta();
        let (class, words) = match delta {
            0 => ("rw-delta-same", ui.since_same.to_owned()),
            d if d > 0 => ("rw-delta-up", fill(ui.since_change, &[("delta", &signed(d))])),
            d => ("rw-delta-down", fill(ui.since_change, &[("delta", &signed(d))])),
        };
        html! {
            <li>
                { props.locale.sign(change.sign).title }{ ": " }
                <span class={classes!("rw-delta", class)}>{ words }</span>
            </li>
        }
    });
    html! {
        <section class="rw-since">
            <h3>{ fill(ui.since_heading, &[("date", &props.date)]) }</h3>
            <ul class="rw-since-list">{ for items }</ul>
        </section>
    }
}
