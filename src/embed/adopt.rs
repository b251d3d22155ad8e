//! Reads what the visitor did on the prerendered first sign before the wasm
//! arrived (see `early`): called by `mount` before the app replaces the
//! loader's markup in the same task, so nothing is painted in between.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, ShadowRoot};

use crate::early::{answers_from_form, Early, FormQuestion, FOCUSABLE};
use crate::loader_contract::selectors;

fn all(parent: &Element, selector: &str) -> Vec<Element> {
    parent
        .query_selector_all(selector)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The prerendered first sign in `shadow`, if the visitor opened it.
pub fn read(shadow: &ShadowRoot) -> Early {
    let Some(step) = shadow.query_selector(selectors::PRERENDERED_SIGN).ok().flatten() else {
        return Early::default();
    };
    let form: Vec<FormQuestion> = all(&step, selectors::QUESTION)
        .iter()
        .filter_map(|fieldset| {
            let id = fieldset.get_attribute("data-question")?;
            let checked = all(fieldset, "input")
                .iter()
                .map(|input| {
                    input
                        .dyn_ref::<HtmlInputElement>()
                        .is_some_and(HtmlInputElement::checked)
                })
                .collect();
            Some((id, checked))
        })
        .collect();
    let focused = shadow.active_element();
    Early {
        started: true,
        answers: answers_from_form(&form),
        next: step.query_selector(selectors::BUSY_NEXT).ok().flatten().is_some(),
        focus: focused.and_then(|f| all(&step, FOCUSABLE).iter().position(|e| *e == f)),
    }
}
