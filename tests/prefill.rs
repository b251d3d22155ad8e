//! Prefill mode for the site's contact form: fills by name or
//! `data-readiness-field`, fires input/change, never overwrites typing.
// `prefill` ships in the contact page's module: `cargo xtask test` runs these
// with `--features readiness-widget/prefill`.
#![cfg(all(target_arch = "wasm32", feature = "prefill"))]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::*;
use readiness_core::{assess, decode, encode, Answer, Answers, Locale, Model};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn control(form: &HtmlFormElement, tag: &str, name: &str) -> web_sys::Element {
    let element = document().create_element(tag).unwrap();
    element.set_attribute("name", name).unwrap();
    form.append_child(&element).unwrap();
    element
}

fn partial_code() -> String {
    let mut answers = Answers::new();
    let model = Model::current();
    answers
        .set(model.question_index("unblock.speed").unwrap(), Answer::Choice(3))
        .unwrap();
    answers
        .set(model.question_index("unblock.owner").unwrap(), Answer::Choice(2))
        .unwrap();
    encode(&answers)
}

#[wasm_bindgen_test]
async fn fills_the_form_by_name_and_field_and_keeps_what_was_typed() {
    let form: HtmlFormElement = document().create_element("form").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&form).unwrap();
    let overall = control(&form, "input", "readiness_overall");
    let status = control(&form, "input", "readiness_status_unblocking");
    let code_field = control(&form, "input", "readiness_code");
    let gaps = control(&form, "input", "gaps-box");
    gaps.set_attribute("data-readiness-field", "gaps").unwrap();
    let message = control(&form, "textarea", "message");
    message.set_attribute("data-readiness-field", "summary").unwrap();
    message
        .dyn_ref::<HtmlTextAreaElement>()
        .unwrap()
        .set_value("I typed this first");
    let unrelated = control(&form, "input", "name");

    let changes = Rc::new(Cell::new(0));
    let counter = changes.clone();
    let listener = Closure::<dyn FnMut()>::new(move || counter.set(counter.get() + 1));
    overall
        .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .unwrap();
    overall
        .add_event_listener_with_callback("input", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();

    let code = partial_code();
    let filled = readiness_widget::prefill(form.clone(), Some(code.clone()));
    let report = assess(&decode(&code).unwrap());
    let value = |e: &web_sys::Element| e.dyn_ref::<HtmlInputElement>().unwrap().value();

    assert_eq!(filled, 4, "overall, status, code and gaps; the typed message is kept");
    assert_eq!(value(&overall), Locale::english().picture(report.picture()).headline);
    assert_eq!(value(&status), "Gap (0)");
    assert_eq!(value(&code_field), code);
    assert_eq!(value(&gaps), "Questions are answered within a working day");
    assert_eq!(
        message.dyn_ref::<HtmlTextAreaElement>().unwrap().value(),
        "I typed this first"
    );
    assert_eq!(value(&unrelated), "");
    assert_eq!(changes.get(), 2, "one input and one change event, so frameworks notice");
}

#[wasm_bindgen_test]
async fn a_bad_code_fills_nothing() {
    let form: HtmlFormElement = document().create_element("form").unwrap().dyn_into().unwrap();
    let overall = control(&form, "input", "readiness_overall");
    assert_eq!(readiness_widget::prefill(form, Some("garbage".into())), 0);
    assert_eq!(overall.dyn_ref::<HtmlInputElement>().unwrap().value(), "");
}
