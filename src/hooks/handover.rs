//! The first-load module's one effect of its own: on a finished check, ask
//! the loader to hand it to the full module (see `services::full_module`).

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::encode;
use web_sys::Element;
use yew::prelude::*;

use crate::services::full_module;
use crate::state::{Phase, State};

/// Each time the check arrives at its result (or the team view), asks for the full module.
#[hook]
pub fn use_handover(
    host: &Element,
    state: &UseReducerHandle<State>,
    started_at: &Rc<RefCell<Option<f64>>>,
    body: &NodeRef,
) {
    let host = host.clone();
    let answers = state.answers.clone();
    let started_at = started_at.clone();
    let body = body.clone();
    use_effect_with(state.phase, move |phase| {
        if matches!(phase, Phase::Result | Phase::Team) && answers.is_complete() {
            if let Some(body) = body.cast::<Element>() {
                full_module::request_handover(&host, &encode(&answers), *started_at.borrow(), &body);
            }
        }
    });
}
