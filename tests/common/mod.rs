//! Helpers for the component tests: mount a widget into a fresh host
//! element, reach into its open shadow root, click like a user, and wait on
//! Yew's scheduler (never on wall-clock sleeps).
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use readiness_widget::WidgetHandle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh host element with these attributes, appended to the body.
pub fn host(attributes: &[(&str, &str)]) -> Element {
    let host = document().create_element("div").unwrap();
    host.set_attribute("data-readiness-assessment", "").unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts a widget and lets it render.
pub async fn mount(attributes: &[(&str, &str)]) -> (Element, WidgetHandle) {
    let host = host(attributes);
    let handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    (host, handle)
}

pub fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("the widget attaches an open shadow root")
}

pub fn find(host: &Element, selector: &str) -> Option<Element> {
    shadow(host).query_selector(selector).unwrap()
}

#[track_caller]
pub fn get(host: &Element, selector: &str) -> Element {
    find(host, selector).unwrap_or_else(|| panic!("nothing matches `{selector}`:\n{}", text(host)))
}

pub fn all(host: &Element, selector: &str) -> Vec<Element> {
    let list = shadow(host).query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.get(i).unwrap().dyn_into().unwrap())
        .collect()
}

pub fn text(host: &Element) -> String {
    shadow(host).text_content().unwrap_or_default()
}

/// Lets pending promises resolve and Yew render.
pub async fn settle() {
    for _ in 0..3 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
        yew::scheduler::flush().await;
    }
}

/// Waits, one scheduler turn at a time, until `condition` holds; the app's
/// own timers (retry backoff) are the only delays. Panics after `turns`.
pub async fn until(turns: u32, mut condition: impl FnMut() -> bool) {
    for _ in 0..turns {
        if condition() {
            return;
        }
        settle().await;
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    assert!(condition(), "condition not met after {turns} turns");
}

pub async fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().expect("clickable").click();
    settle().await;
}

/// Clicks the button whose text is exactly `label`.
pub async fn press(host: &Element, label: &str) {
    let button = all(host, "button, a.rw-button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button `{label}` in:\n{}", text(host)));
    click(&button).await;
}

/// Clicks the option labelled `label` inside the question fieldset at `question` (0-based on the step).
pub async fn choose(host: &Element, question: usize, label: &str) {
    let fieldset = &all(host, "fieldset.rw-question")[question];
    let list = fieldset.query_selector_all("label.rw-option").unwrap();
    let option = (0..list.length())
        .map(|i| list.get(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|l| l.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no option `{label}` in question {question}"));
    click(&option.query_selector("input").unwrap().unwrap()).await;
}

/// Answers every question of the current step with its best answer
/// ("Yes" for tickets, every item for checklists, the full-points option).
pub async fn answer_step_best(host: &Element) {
    use readiness_core::Model;
    // Re-read the step after each answer: an answer can reveal a question (`shown_when`).
    let mut next = 0;
    while let Some(fieldset) = all(host, "fieldset.rw-question").get(next).cloned() {
        next += 1;
        let tickets = fieldset.query_selector_all("fieldset.rw-ticket").unwrap();
        if tickets.length() > 0 {
            for i in 0..tickets.length() {
                let ticket: Element = tickets.get(i).unwrap().dyn_into().unwrap();
                click(&ticket.query_selector("input").unwrap().unwrap()).await;
            }
            continue;
        }
        let boxes = fieldset.query_selector_all("input[type=checkbox]").unwrap();
        if boxes.length() > 0 {
            // Every item but the last ("none of these").
            for i in 0..boxes.length() - 1 {
                click(&boxes.get(i).unwrap().dyn_into().unwrap()).await;
            }
            continue;
        }
        let id = fieldset
            .get_attribute("data-question")
            .expect("questions carry their id");
        let model = Model::current();
        let question = model.question(model.question_index(&id).unwrap());
        let best = question.choices.iter().position(|c| c.points == 100).unwrap();
        let radios = fieldset.query_selector_all("input[type=radio]").unwrap();
        click(&radios.get(best as u32).unwrap().dyn_into().unwrap()).await;
    }
}

/// "N of M questions answered", with M from the model.
pub fn answered(n: usize) -> String {
    format!(
        "{n} of {} questions answered",
        readiness_core::Model::current().question_count()
    )
}

/// Records the `detail` of every `readiness:<name>` event on `target`.
pub fn record(target: &Element, name: &str) -> Rc<RefCell<Vec<JsValue>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        sink.borrow_mut().push(e.detail())
    });
    target
        .add_event_listener_with_callback(&format!("readiness:{name}"), listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

pub fn prop(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A unique instance id per test, so tests never share storage.
pub fn unique(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e9) as u64)
}

/// From the intro, answers every sign with its best answers and opens the result.
pub async fn complete_journey(host: &Element) {
    press(host, "Start the check").await;
    for sign in 0..5 {
        answer_step_best(host).await;
        press(host, if sign == 4 { "See my result" } else { "Next sign" }).await;
    }
}
