//! The history effect: recording a finished check for "since last time"
//! (forgotten with the answers); and, in the article's module, the way to the
//! team view.

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

/// The article's module has no team view (`team-view` builds the team page's
/// module, which shows it itself): when the visitor asks for it (a paste, "See
/// the team view"), the page reloads on the team link of everyone compared, and
/// the loader fetches the module that has it. One module per page either way.
#[hook]
pub fn use_team_page(team: Option<&readiness_core::Team>) {
    let link = team
        .filter(|_| !cfg!(feature = "team-view"))
        .map(|members| crate::services::team_link::team_link(&members.fragment()));
    use_effect_with(link, |link| {
        if let Some(link) = link {
            crate::services::team_link::open(link);
        }
    });
}
