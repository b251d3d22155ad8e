//! Prefill mode for the site's contact form: fills by name or
//! `data-readiness-field`, fires input/change, never overwrites typing.
// They run in this crate, built as the contact page's module ships
// (the widget with `prefill`, without `embed`).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use readiness_core::{assess, decode, encode, Answer, Answers, Locale, Model};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

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
        .set(model.question_index("unblock.speed").unwrap(), Answer::Choice(2))
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

/// Every question answered with its first option (a finished result).
fn finished_answers() -> Answers {
    let model = Model::current();
    let mut answers = Answers::new();
    for (index, _, question) in model.questions() {
        let answer = match question.kind {
            readiness_core::QuestionKind::TicketReview => Answer::Tickets([Some(readiness_core::Verdict::Partly); 5]),
            readiness_core::QuestionKind::Checklist => Answer::Checked(0b0001),
            _ => Answer::Choice(1),
        };
        answers.set(index, answer).unwrap();
    }
    assert!(answers.is_complete());
    answers
}

fn clear_hand_off() {
    let session = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    session.remove_item("readiness-widget:handoff").unwrap();
}

#[wasm_bindgen_test]
async fn reached_through_the_sites_navigation_the_form_is_prefilled_from_the_kept_result() {
    use readiness_widget::services::storage;
    use readiness_widget::state::Phase;
    clear_hand_off();
    let answers = finished_answers();
    storage::save_progress("nav-prefill", &answers, Phase::Result);

    let form: HtmlFormElement = document().create_element("form").unwrap().dyn_into().unwrap();
    form.set_attribute("data-instance", "nav-prefill").unwrap();
    let code_field = control(&form, "input", "readiness_code");
    let overall = control(&form, "input", "readiness_overall");
    overall.dyn_ref::<HtmlInputElement>().unwrap().set_value("typed first");
    let filled = readiness_widget::prefill(form.clone(), None);
    let value = |e: &web_sys::Element| e.dyn_ref::<HtmlInputElement>().unwrap().value();
    assert_eq!(filled, 1, "the code; the typed overall is never overwritten");
    assert_eq!(value(&code_field), encode(&answers));
    assert_eq!(value(&overall), "typed first");
    storage::forget_progress("nav-prefill");
}

#[wasm_bindgen_test]
async fn progress_half_way_through_or_another_instance_prefills_nothing() {
    use readiness_widget::services::storage;
    use readiness_widget::state::Phase;
    clear_hand_off();
    let answers = finished_answers();
    storage::save_progress("half-way", &answers, Phase::Sign(readiness_core::SignId::Feedback));
    let form: HtmlFormElement = document().create_element("form").unwrap().dyn_into().unwrap();
    form.set_attribute("data-instance", "half-way").unwrap();
    let code_field = control(&form, "input", "readiness_code");
    assert_eq!(readiness_widget::prefill(form.clone(), None), 0);
    assert_eq!(code_field.dyn_ref::<HtmlInputElement>().unwrap().value(), "");
    storage::forget_progress("half-way");

    storage::save_progress("someone-else", &answers, Phase::Result);
    form.set_attribute("data-instance", "nobody-here").unwrap();
    assert_eq!(readiness_widget::prefill(form, None), 0);
    storage::forget_progress("someone-else");
}

#[wasm_bindgen_test]
async fn a_form_without_an_instance_finds_the_finished_result_of_any_widget() {
    use readiness_widget::services::storage;
    use readiness_widget::state::Phase;
    clear_hand_off();
    let answers = finished_answers();
    storage::save_progress("article-elsewhere", &answers, Phase::Result);
    let form: HtmlFormElement = document().create_element("form").unwrap().dyn_into().unwrap();
    let code_field = control(&form, "input", "readiness_code");
    assert_eq!(readiness_widget::prefill(form, None), 1);
    assert_eq!(
        code_field.dyn_ref::<HtmlInputElement>().unwrap().value(),
        encode(&answers)
    );
    storage::forget_progress("article-elsewhere");
}
