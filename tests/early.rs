//! The app takes over the prerendered first sign (the loader shows it before
//! the wasm arrives; see `early` and `embed::adopt`). A clone of an app's own
//! first sign stands in for the prerendered markup here (the same components
//! render both, and cloning keeps what is ticked); the e2e crate covers the
//! real prerendered markup with the wasm held back.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The loader's part: a shadow root holding a copy of `from`'s first sign
/// (its checked inputs), as the prerendered step stands when the wasm arrives.
fn prerendered_host(from: &Element, name: &str) -> Element {
    let host = host(&[("data-instance", &unique(name))]);
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let mount = get(from, ".rw-mount").clone_node_with_deep(true).unwrap();
    root.append_child(&mount).unwrap();
    host
}

fn checked(host: &Element) -> Vec<bool> {
    all(host, ".rw-sign input")
        .iter()
        .map(|i| i.dyn_ref::<HtmlInputElement>().unwrap().checked())
        .collect()
}

#[wasm_bindgen_test]
async fn what_was_ticked_and_where_focus_was_carry_over() {
    let (first, _first) = mount(&[("data-instance", &unique("source"))]).await;
    press(&first, "Start the check").await;
    let second = &all(&first, "fieldset.rw-question")[1];
    click(&second.query_selector("input").unwrap().unwrap()).await;
    let ticked = checked(&first);
    assert!(ticked.iter().any(|c| *c));

    let host = prerendered_host(&first, "adopt-focus");
    // Focus on the third input of the step, as a keyboard visitor left it.
    let inputs = all(&host, ".rw-sign input");
    inputs[2].dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    let ready = record(&host, "ready");
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;

    assert!(text(&host).contains("Sign 1 of 5"), "{}", text(&host));
    assert_eq!(checked(&host), ticked, "the app shows what was ticked");
    assert!(text(&host).contains(&answered(1)), "and counts it: {}", text(&host));
    let focused = shadow(&host).active_element().unwrap();
    assert_eq!(
        focused,
        all(&host, ".rw-sign input")[2],
        "focus stays on the same control"
    );
    assert_eq!(prop(&ready.borrow()[0], "step").as_string().as_deref(), Some("tickets"));
}

#[wasm_bindgen_test]
async fn a_next_pressed_while_loading_is_honoured_with_focus_on_the_next_heading() {
    let (first, _first) = mount(&[("data-instance", &unique("source-next"))]).await;
    press(&first, "Start the check").await;
    answer_step_best(&first).await;

    let host = prerendered_host(&first, "adopt-next");
    get(&host, ".rw-nav .rw-primary")
        .set_attribute("aria-busy", "true")
        .unwrap();
    let steps = record(&host, "step");
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;

    assert!(text(&host).contains("Sign 2 of 5"), "{}", text(&host));
    let heading = get(&host, ".rw-sign .rw-heading");
    assert_eq!(
        shadow(&host).active_element().as_ref(),
        Some(&heading),
        "focus on sign 2's heading"
    );
    assert_eq!(
        prop(&steps.borrow()[0], "step").as_string().as_deref(),
        Some("documentation")
    );
    press(&host, "Back").await;
    assert!(
        checked(&host).iter().filter(|c| **c).count() >= 3,
        "sign 1's answers are kept"
    );
}

#[wasm_bindgen_test]
async fn a_next_pressed_on_an_unfinished_step_says_what_is_missing() {
    let (first, _first) = mount(&[("data-instance", &unique("source-missing"))]).await;
    press(&first, "Start the check").await;
    let host = prerendered_host(&first, "adopt-missing");
    get(&host, ".rw-nav .rw-primary")
        .set_attribute("aria-busy", "true")
        .unwrap();
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    assert!(text(&host).contains("Sign 1 of 5"), "{}", text(&host));
    assert!(
        find(&host, ".rw-error-summary[role=alert]").is_some(),
        "{}",
        text(&host)
    );
}

#[wasm_bindgen_test]
async fn an_intro_alone_mounts_as_usual() {
    let (first, _first) = mount(&[("data-instance", &unique("source-intro"))]).await;
    let host = prerendered_host(&first, "adopt-intro");
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    assert!(find(&host, ".rw-intro").is_some(), "{}", text(&host));
    assert_eq!(all(&host, ".rw-mount").len(), 1, "the app replaced the loader's markup");
}
