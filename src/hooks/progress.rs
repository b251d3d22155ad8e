//! Progress effects: saving and forgetting answers, focus on each step's
//! heading, and the host events (`ready`, `step`, `complete`).

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::Report;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::config::Config;
use crate::contact::Stage;
use crate::early::{Early, FOCUSABLE};
use crate::loader_contract::events as event_names;
use crate::services::{events, page, storage};
use crate::state::{Action, Notice, Phase, State};

/// Saves progress after every change (not on the first render: a bad shared
/// link must not wipe what was stored), and forgets it on request.
#[hook]
pub fn use_storage(config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let mounted = use_mut_ref(|| false);
    let config = config.clone();
    let notice = state.notice;
    use_effect_with((state.answers.clone(), state.phase), move |(answers, phase)| {
        if !std::mem::replace(&mut *mounted.borrow_mut(), true) || !config.remember {
            return;
        }
        if notice == Some(Notice::Forgotten) {
            storage::forget_progress(&config.instance);
            storage::drop_kept(&config.instance);
        } else if answers.is_empty() {
            storage::forget_progress(&config.instance);
        } else {
            storage::save_progress(&config.instance, answers, *phase);
        }
    });
}

/// On each step: focus its heading (not on first render: the article keeps
/// focus) and tell the host page; on a completed result, `readiness:complete`
/// with the render's `report`. Records when the visitor left the intro.
#[hook]
pub fn use_step_effects(
    host: &Element,
    config: &Rc<Config>,
    state: &UseReducerHandle<State>,
    report: &Rc<Report>,
    heading: &NodeRef,
    started_at: &Rc<RefCell<Option<f64>>>,
) {
    let first = use_mut_ref(|| true);
    let host = host.clone();
    let heading = heading.clone();
    let started_at = started_at.clone();
    let instance = config.instance.clone();
    let answers = state.answers.clone();
    let report = report.clone();
    use_effect_with(state.phase, move |phase| {
        let is_first = std::mem::replace(&mut *first.borrow_mut(), false);
        if *phase != Phase::Intro && started_at.borrow().is_none() {
            *started_at.borrow_mut() = Some(page::now_ms());
        }
        let detail = events::object(&[
            ("instance", instance.as_str().into()),
            ("step", phase.as_str().into()),
            ("answered", (answers.answered_count() as u32).into()),
        ]);
        if is_first {
            events::emit(&host, events::names::READY, detail);
            return;
        }
        if let Some(h) = heading.cast::<HtmlElement>() {
            let _ = h.focus();
        }
        events::emit(&host, events::names::STEP, detail);
        if *phase == Phase::Result && answers.is_complete() {
            events::emit(
                &host,
                events::names::COMPLETE,
                events::complete_detail(&instance, &answers, &report),
            );
        }
    });
}

/// An app that takes over the prerendered first sign (`early`) puts focus
/// back on the control that had it, then honours a Next pressed while it
/// loaded (which moves on, focusing the next heading, or says what is missing).
#[hook]
pub fn use_adoption(state: &UseReducerHandle<State>, heading: &NodeRef, early: &Rc<Early>) {
    let dispatch = state.dispatcher();
    let heading = heading.clone();
    let early = early.clone();
    let phase = state.phase;
    use_effect_with((), move |_| {
        if early.started && phase != Phase::Intro {
            if let Some(position) = early.focus {
                refocus(&heading, position);
            }
            if early.next {
                dispatch.dispatch(Action::Next);
            }
        }
    });
}

/// Focuses the `position`-th focusable control of the step around `heading`
/// (the same markup the prerendered step had), else the heading.
fn refocus(heading: &NodeRef, position: usize) {
    let Some(heading) = heading.cast::<HtmlElement>() else {
        return;
    };
    let target = heading
        .parent_element()
        .and_then(|step| step.query_selector_all(FOCUSABLE).ok()?.item(position as u32))
        .and_then(|node| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(node).ok())
        .unwrap_or(heading);
    let _ = target.focus();
}

/// `readiness:contact` when the contact form opens (issue 23: the loader counts it; the host page
/// may listen too). That the endpoint took the hand-off is `readiness:lead` (`hooks::contact`).
#[hook]
pub fn use_contact_events(host: &Element, config: &Rc<Config>, state: &UseReducerHandle<State>) {
    let host = host.clone();
    let instance = config.instance.clone();
    let name = match state.contact.stage {
        Stage::Form => Some(event_names::CONTACT),
        _ => None,
    };
    use_effect_with(name, move |name| {
        if let Some(name) = name {
            events::emit(&host, name, events::object(&[("instance", instance.as_str().into())]));
        }
    });
}
