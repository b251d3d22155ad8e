//! What happens around a finished check, in one hook per build: the full
//! module sends the contact hand-off, re-sends a kept submission, records the
//! history and serves the team view; the first-load module hands the check
//! over to the full module instead.

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::Report;
use web_sys::Element;
use yew::prelude::*;

use crate::config::Config;
use crate::state::State;

/// The effects after the questions. `body` is the element the loader fills
/// (team figures, or the hand-over's notes) and `team` the team shown, if
/// any. Returns the team summary the team module sent back, for the contact hand-off.
#[cfg(feature = "full")]
#[allow(clippy::too_many_arguments)] // seven, and Yew's hook context makes eight
#[hook]
pub fn use_finish(
    host: &Element,
    config: &Rc<Config>,
    state: &UseReducerHandle<State>,
    report: &Rc<Report>,
    started_at: &Rc<RefCell<Option<f64>>>,
    body: &NodeRef,
    team: Option<String>,
) -> Option<AttrValue> {
    super::use_contact(config, state, report, started_at);
    super::use_kept_submission(config, state);
    super::use_history(config, state);
    super::use_team_module(host, body, team)
}

/// The first-load module's version: on a finished check, the hand-over.
#[cfg(not(feature = "full"))]
#[allow(clippy::too_many_arguments)] // the same signature as the full module's
#[hook]
pub fn use_finish(
    host: &Element,
    _config: &Rc<Config>,
    state: &UseReducerHandle<State>,
    _report: &Rc<Report>,
    started_at: &Rc<RefCell<Option<f64>>>,
    body: &NodeRef,
    _team: Option<String>,
) -> Option<AttrValue> {
    super::use_handover(host, state, started_at, body);
    None
}
