//! A crash inside the widget's wasm, in real Chromium on the built demo site:
//! the widget is replaced by the crash notice with a way to reach the firm,
//! never a frozen box, and the host page goes on.
//!
//! The crash is a real one: the test makes the browser refuse one
//! `cloneNode` call, which Yew's renderer `expect`s to succeed when the app
//! draws its next step; that panic aborts the module (the shipped build
//! aborts on panic) and the loader must notice.

mod support;

use std::path::PathBuf;

use support::{free_port, Browser, Endpoint};

fn database() -> PathBuf {
    support::fresh_database("crash")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_in_the_wasm_shows_the_crash_notice_and_the_page_goes_on() {
    let endpoint = Endpoint::start(free_port(), &database()).await;
    let browser = Browser::start(375, 740).await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    // On a phone-sized window the widget is far below the fold: it mounts once scrolled to,
    // after the events are recorded.
    browser.record_events().await;
    browser.open_widget().await;
    // The app (not the prerendered intro) is in charge once it says it is ready.
    browser.wait_for_event("ready", 30).await;
    let armed = browser
        .js("window.__errors = [];
             addEventListener('error', (e) => window.__errors.push(e.error instanceof WebAssembly.RuntimeError ? 'trap' : String(e.error || e.message)));
             addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
             const clone = Node.prototype.cloneNode;
             window.__armed = true;
             Node.prototype.cloneNode = function (...args) {
               if (window.__armed) { window.__armed = false; throw new Error('test: cloneNode refused'); }
               return clone.apply(this, args);
             };
             return window.__armed && Node.prototype.cloneNode !== clone;")
        .await;
    assert_eq!(armed, serde_json::json!(true), "the refusing cloneNode is in place");

    browser.press("Start the check").await;
    browser
        .wait_for(
            "the crash notice",
            10,
            "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
             const n = r.querySelector('.rw-fallback[role=alert]');
             return !!n && n.textContent.includes('Something went wrong inside the readiness check');",
        )
        .await;
    // The page's own scripts still run after the trap: a timer set now fires.
    browser
        .wait_for(
            "a timer of the host page",
            5,
            "if (!window.__timer) window.__timer = setTimeout(() => { window.__ticked = true; }, 0);
             return window.__ticked === true;",
        )
        .await;
    let state = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
             const link = r.querySelector('.rw-fallback a');
             return {
               armed: window.__armed,
               errors: window.__errors,
               link: link && link.getAttribute('href'),
               label: link && link.textContent,
               questions: r.querySelectorAll('fieldset').length,
               page: document.querySelector('h1') !== null && window.__ticked === true,
             };",
        )
        .await;
    assert_eq!(state["armed"], false, "the refused cloneNode was reached: {state}");
    assert_eq!(
        state["errors"],
        serde_json::json!(["trap"]),
        "the panic aborted the module (a trap), once: {state}"
    );
    assert_eq!(state["link"], "mailto:hello@example.com", "{state}");
    assert_eq!(state["label"], "Contact us", "{state}");
    assert_eq!(state["questions"], 0, "nothing of the broken app stays: {state}");
    assert_eq!(state["page"], true, "the host page goes on: {state}");
}
