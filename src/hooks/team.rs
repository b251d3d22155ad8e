//! Team and history effects: the team view's figures from the team module
//! (which also sends `readiness:team`), and recording a finished check for
//! "since last time" (forgotten with the answers).

use std::rc::Rc;

use readiness_core::encode;
use web_sys::Element;
use yew::prelude::*;

use crate::config::Config;
use crate::services::{history, team_module};
use crate::state::{Action, Notice, Phase, State};

/// While the team view shows (`fragment` is its team), asks the team module
/// for the figures in `body`, again when the team changes, and for their
/// removal when the view closes. Returns the team summary the module sent
/// back, for the contact hand-off.
#[hook]
pub fn use_team_module(host: &Element, body: &NodeRef, fragment: Option<String>) -> Option<AttrValue> {
    let summary = use_state(|| None::<AttrValue>);
    {
        let summary = summary.clone();
        use_effect_with(host.clone(), move |host| {
            let listener = team_module::listen_summary(host, move |text| summary.set(Some(text.into())));
            move || drop(listener)
        });
    }
    {
        let (host, body) = (host.clone(), body.clone());
        use_effect_with(fragment, move |fragment| {
            let shown = fragment.is_some();
            if shown {
                team_module::request_view(&host, body.cast::<Element>().as_ref());
            }
            move || {
                if shown {
                    team_module::request_view(&host, None);
                }
            }
        });
    }
    (*summary).clone()
}

/// When the visitor reaches a finished result (not when a page opens on one,
/// e.g. someone else's shared link, but when the first-load module hands one
/// over), records it; on "forget", drops the history.
#[hook]
pub fn use_history(config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let first = use_mut_ref(|| true);
    let config = config.clone();
    let dispatch = state.dispatcher();
    let answers = state.answers.clone();
    let forgotten = state.notice == Some(Notice::Forgotten);
    let handed_over = config.handover.is_some();
    use_effect_with((state.phase, forgotten), move |(phase, forgotten)| {
        let is_first = std::mem::replace(&mut *first.borrow_mut(), false);
        if !config.remember {
            return;
        }
        if *forgotten {
            history::forget(&config.instance);
        } else if (!is_first || handed_over) && *phase == Phase::Result && answers.is_complete() {
            dispatch.dispatch(Action::Recorded(history::record(&config.instance, &encode(&answers))));
        }
    });
}
