//! Team and history effects: `readiness:team` when the team view shows (or
//! its members change), and recording a finished check for "since last time"
//! (forgotten with the answers).

use std::rc::Rc;

use readiness_core::{encode, TeamReport};
use web_sys::Element;
use yew::prelude::*;

use crate::config::Config;
use crate::services::{events, history, team_link};
use crate::state::{Action, Notice, Phase, State};

/// Dispatches `readiness:team` with the render's team report whenever the
/// team view is shown with a new set of members.
#[hook]
pub fn use_team_event(host: &Element, config: &Rc<Config>, phase: Phase, report: Option<Rc<TeamReport>>) {
    let host = host.clone();
    let instance = config.instance.clone();
    let members = report.as_ref().map(|r| r.members());
    let shown = (phase == Phase::Team).then_some(members).flatten();
    use_effect_with(shown, move |shown| {
        if let (Some(_), Some(report)) = (shown, report) {
            events::emit(&host, "team", team_link::team_detail(&instance, &report));
        }
    });
}

/// When the visitor reaches a finished result (not when a page opens on one,
/// e.g. someone else's shared link), records it; on "forget", drops the history.
#[hook]
pub fn use_history(config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let first = use_mut_ref(|| true);
    let config = config.clone();
    let dispatch = state.dispatcher();
    let answers = state.answers.clone();
    let forgotten = state.notice == Some(Notice::Forgotten);
    use_effect_with((state.phase, forgotten), move |(phase, forgotten)| {
        let is_first = std::mem::replace(&mut *first.borrow_mut(), false);
        if !config.remember {
            return;
        }
        if *forgotten {
            history::forget(&config.instance);
        } else if !is_first && *phase == Phase::Result && answers.is_complete() {
            dispatch.dispatch(Action::Recorded(history::record(&config.instance, &encode(&answers))));
        }
    });
}
