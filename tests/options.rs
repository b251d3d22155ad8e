//! The embed contract: invalid options, `update` and `destroy` (the crash
//! notice is the loader's: `e2e/tests/crash.rs`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn invalid_options_show_a_readable_error_and_an_event() {
    let host = host(&[("data-theme", "purple"), ("data-contact-ur", "/contact")]);
    let errors = record(&host, "error");
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    let page = text(&host);
    assert!(page.contains("The readiness check could not start"), "{page}");
    assert!(
        page.contains("data-theme: `purple` is not one of auto, light, dark"),
        "{page}"
    );
    assert!(page.contains("did you mean data-contact-url?"), "{page}");
    assert_eq!(
        get(&host, ".rw-fallback").get_attribute("role").as_deref(),
        Some("alert")
    );
    let message = prop(&errors.borrow()[0], "message").as_string().unwrap();
    assert!(message.contains("data-theme"), "{message}");
}

#[wasm_bindgen_test]
async fn options_passed_to_mount_win_over_attributes() {
    let host = host(&[("data-theme", "purple"), ("data-instance", &unique("opts"))]);
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"theme".into(), &"dark".into()).unwrap();
    let _handle = readiness_widget::mount(host.clone(), options.into());
    settle().await;
    assert!(find(&host, ".rw.rw-theme-dark").is_some(), "{}", text(&host));
}

#[wasm_bindgen_test]
async fn update_applies_new_options_and_destroy_empties_the_widget() {
    let (host, mut handle) = mount(&[("data-instance", &unique("update"))]).await;
    assert!(find(&host, ".rw.rw-theme-auto").is_some());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"theme".into(), &"light".into()).unwrap();
    handle.update(options.into());
    settle().await;
    assert!(find(&host, ".rw.rw-theme-light").is_some());
    handle.destroy();
    settle().await;
    assert_eq!(shadow(&host).child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn a_destroyed_widgets_app_and_root_are_reused_by_the_next_mount_not_leaked() {
    // Yew never frees an app root's event listeners: a new root per mount would leak one each time.
    let (first, mut handle) = mount(&[("data-instance", &unique("pool-a"))]).await;
    let root = get(&first, ".rw-mount");
    handle.destroy();
    settle().await;
    assert_eq!(shadow(&first).child_element_count(), 0);
    assert!(root.parent_node().is_none(), "the root left the destroyed widget");
    assert_eq!(root.child_element_count(), 0, "and renders nothing");
    let (second, _handle) = mount(&[("data-instance", &unique("pool-b"))]).await;
    assert!(
        get(&second, ".rw-mount") == root,
        "the next widget runs in the same root and app"
    );
    press(&second, "Start the check").await;
    assert!(find(&second, ".rw-sign").is_some(), "and works: {}", text(&second));
}

#[wasm_bindgen_test]
async fn update_with_bad_options_shows_the_error_then_good_ones_recover() {
    let (host, mut handle) = mount(&[("data-instance", &unique("recover"))]).await;
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"theme".into(), &"purple".into()).unwrap();
    handle.update(bad.into());
    settle().await;
    assert!(
        text(&host).contains("data-theme: `purple` is not one of auto, light, dark"),
        "{}",
        text(&host)
    );
    let good = js_sys::Object::new();
    js_sys::Reflect::set(&good, &"theme".into(), &"dark".into()).unwrap();
    handle.update(good.into());
    settle().await;
    assert!(text(&host).contains("Start the check"));
}

/// The module as shipped carries English only: Danish and Indonesian arrive as
/// locale files the loader hands over (covered end to end in `e2e/tests/locales.rs`).
#[wasm_bindgen_test]
async fn an_unknown_locale_or_one_whose_file_is_missing_shows_english_not_an_error() {
    for tag in ["xx", "da-DK"] {
        let (host, _handle) = mount(&[("data-instance", &unique("xx")), ("data-locale", tag)]).await;
        let page = text(&host);
        assert!(page.contains("Start the check"), "{tag}: {page}");
        assert!(!page.contains("could not start"), "{tag}: {page}");
    }
}

#[wasm_bindgen_test]
async fn the_ready_event_fires_on_mount() {
    let host = host(&[("data-instance", &unique("ready"))]);
    let ready = record(&host, "ready");
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    assert_eq!(ready.borrow().len(), 1);
    assert_eq!(prop(&ready.borrow()[0], "step").as_string().as_deref(), Some("intro"));
}

#[wasm_bindgen_test]
async fn the_loaders_stylesheet_stays_when_the_app_mounts_over_the_prerendered_intro() {
    let host = host(&[("data-instance", &unique("prerendered"))]);
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let link = document().create_element("link").unwrap();
    link.set_attribute("rel", "stylesheet").unwrap();
    link.set_attribute("href", "data:text/css,").unwrap();
    root.append_child(&link).unwrap();
    let prerendered = document().create_element("div").unwrap();
    prerendered.set_class_name("rw-mount rw-prerendered");
    root.append_child(&prerendered).unwrap();
    let _handle = readiness_widget::mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    let links = all(&host, "link[rel=stylesheet]");
    assert_eq!(links.len(), 1, "one stylesheet, the loader's");
    assert_eq!(links[0], link, "the same element: no reload, no unstyled frame");
    assert!(
        find(&host, ".rw-prerendered").is_none(),
        "the prerendered intro is replaced"
    );
    assert!(find(&host, ".rw-intro").is_some(), "{}", text(&host));
}
