//! The history effect: recording a finished check for "since last time"
//! (forgotten with the answers).

use std::rc::Rc;

use readiness_core::encode;
use yew::prelude::*;

use crate::config::Config;
use crate::services::history;
use crate::state::{Action, Notice, Phase, State};

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
