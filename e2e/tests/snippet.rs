//! The embed guide's promises, in real Chromium against the real endpoint
//! (which serves every page under the strict Content-Security-Policy):
//! the self-hosted snippet of `docs/embedding.md`, pasted verbatim into a
//! bare page, completes a submission; and with the wasm held back, the
//! prerendered intro shows first, styled, and the prerendered first sign is
//! answered by keyboard, Next pressed, and the app carries on from there once
//! the wasm arrives (in English and in Danish), with one wasm module per page.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};
use support::sites::built_site;
use support::{audit, cdp, holding_proxy, Browser, Endpoint};
use tokio::sync::watch;

/// Counts frames where the widget shows something without its stylesheet,
/// CSP violations, and whether the wasm has been instantiated.
const PROBE: &str = "(() => {
  const P = (window.__probe = { unstyled: 0, styled: 0, violations: [], wasm: false });
  document.addEventListener('securitypolicyviolation', (e) => P.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) { return original.apply(this, args).then((r) => { P.wasm = true; return r; }); };
  }
  const frame = () => {
    const host = document.querySelector('[data-readiness-assessment], readiness-assessment');
    const root = host && host.shadowRoot;
    if (root && [...root.children].some((e) => e.tagName !== 'LINK' && e.textContent.trim() !== '')) {
      const card = root.querySelector('.rw');
      const styled = !!card && getComputedStyle(card).getPropertyValue('--rw-radius').trim() !== '';
      if (styled) P.styled++; else P.unstyled++;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();";

/// The self-hosted snippet of the embed guide, exactly as written there.
fn guide_snippet() -> String {
    let guide = std::fs::read_to_string(support::sites::workspace().join("docs/embedding.md")).unwrap();
    let after = guide
        .split("<!-- snippet:self-hosted")
        .nth(1)
        .expect("the guide marks its self-hosted snippet");
    let block = after
        .split("```html\n")
        .nth(1)
        .expect("an html block follows the marker");
    block.split("\n```").next().unwrap().to_owned()
}

/// A site with only a bare page around `snippet` and the built package at `/widget/`.
fn bare_site(name: &str, snippet: &str) -> PathBuf {
    bare_site_in(name, "en", snippet)
}

/// [`bare_site`] on a page in the language `lang`.
fn bare_site_in(name: &str, lang: &str, snippet: &str) -> PathBuf {
    let site = support::sites::with_package(&format!("snippet-{name}"));
    std::fs::copy(built_site().join("contact.html"), site.join("contact.html")).unwrap();
    let page = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>Snippet</title><link rel=\"icon\" href=\"data:,\"></head>\n<body>\n{snippet}\n</body>\n</html>\n"
    );
    std::fs::write(site.join("index.html"), page).unwrap();
    site
}

async fn endpoint_for(site: &Path, db: &Path) -> Endpoint {
    // The harness serves READINESS_SITE; these tests serve their own bare site.
    support::sites::serve(site, db, &[]).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_guides_snippet_pasted_verbatim_submits_to_the_reference_endpoint() {
    let snippet = guide_snippet();
    assert!(snippet.contains("data-readiness-assessment"), "{snippet}");
    let site = bare_site("verbatim", &snippet);
    let db = site.join("readiness.db");
    let endpoint = endpoint_for(&site, &db).await;

    // Every URL of the snippet exists on the reference endpoint.
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    let statuses = browser
        .js("return Promise.all(['/widget/embed.js', '/contact.html'].map(u => fetch(u).then(r => r.status)));")
        .await;
    assert_eq!(statuses, json!([200, 200]));
    browser.open_widget().await;
    browser.answer_by_keyboard(None).await;
    browser.press("Ask us how to close these gaps").await;
    browser.fill_contact_form(None).await;
    browser.press("Send my result").await;
    browser.wait_for_text("Your result has arrived", 20).await;
    let rows = Endpoint::export(&db);
    assert_eq!(rows.len(), 1, "the snippet's data-endpoint reaches POST /contact");
    assert_eq!(rows[0]["email"], "ada@example.com");
    endpoint.stop().await;
}

/// The checked flags of the first sign's inputs, in order.
const CHECKED: &str =
    "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
    return [...r.querySelectorAll('.rw-sign input')].map((i) => i.checked);";

/// With the wasm held back: the styled intro, Start, every question of the
/// prerendered first sign answered by keyboard alone, Next (busy); axe finds
/// nothing on it; then the wasm arrives and the app continues on sign 2 with
/// sign 1's answers kept and focus on sign 2's heading. One wasm module.
/// `element`: the page holds <readiness-assessment> instead of the `div` snippet.
async fn the_first_sign_is_answered_before_the_wasm_arrives(lang: &str, start: &str, element: bool) {
    let axe_path = std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`");
    let axe = std::fs::read_to_string(&axe_path).expect("axe-core is installed");
    let instance = format!("held-{lang}{}", if element { "-element" } else { "" });
    let widget = if element {
        format!("<readiness-assessment instance=\"{instance}\" fallback-contact=\"mailto:hello@example.com\"></readiness-assessment>")
    } else {
        format!("<div data-readiness-assessment data-instance=\"{instance}\" data-fallback-contact=\"mailto:hello@example.com\"></div>")
    };
    let site = bare_site_in(
        &instance,
        lang,
        &format!("{widget}\n<script type=\"module\" src=\"/widget/embed.js\"></script>"),
    );
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    let (release, held) = watch::channel(false);
    let release = Arc::new(release);
    let base = holding_proxy(endpoint.base.clone(), held).await;

    let browser = Browser::start(1280, 900).await;
    cdp::on_new_document(&browser.client, PROBE).await;
    browser.client.goto(&format!("{base}/")).await.unwrap();
    browser.wait_for_text(start, 20).await;
    let csp = browser
        .js("return fetch('/').then(r => r.headers.get('content-security-policy'));")
        .await;
    assert!(
        csp.as_str().unwrap_or_default().contains("style-src 'self'"),
        "served under the strict policy: {csp}"
    );

    // Start and the whole first sign by keyboard, then Next: all before the wasm.
    browser.press(start).await;
    let focused_heading =
        "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
        return !!(r.activeElement && r.activeElement.matches('.rw-sign .rw-heading'));";
    assert_eq!(
        browser.js(focused_heading).await,
        Value::Bool(true),
        "Start moves focus to the first sign's heading"
    );
    let violations = audit(&browser, &axe, &format!("prerendered first sign ({lang})")).await;
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
    browser.answer_by_keyboard(Some(1)).await;
    let checked = browser.js(CHECKED).await;
    let state = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             return { busy: r.querySelector('.rw-nav .rw-primary').getAttribute('aria-busy'),
                      status: r.querySelector('[role=status]').textContent,
                      questions: r.querySelectorAll('.rw-sign fieldset.rw-question').length,
                      answered: [...r.querySelectorAll('.rw-sign fieldset.rw-question')].filter((q) => q.hidden ||
                        [...q.querySelectorAll('fieldset.rw-ticket')].every((t) => t.querySelector('input:checked')) &&
                        !!q.querySelector('input:checked')).length,
                      wasm: window.__probe.wasm };",
        )
        .await;
    assert_eq!(
        state["wasm"],
        Value::Bool(false),
        "the wasm is still held back: {state}"
    );
    assert_eq!(state["busy"], "true", "Next shows busy: {state}");
    assert!(
        !state["status"].as_str().unwrap_or_default().is_empty(),
        "and says so: {state}"
    );
    assert_eq!(
        state["answered"], state["questions"],
        "every question answered by keyboard: {state}"
    );

    // The wasm arrives: the app continues on sign 2, focus on its heading, sign 1 kept.
    browser.record_events().await;
    release.send(true).unwrap();
    browser
        .wait_for(
            "the app on sign 2",
            30,
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             return !!r.querySelector('.rw-sign fieldset[data-question^=\"docs.\"]');",
        )
        .await;
    assert_eq!(
        browser.js(focused_heading).await,
        Value::Bool(true),
        "focus on sign 2's heading"
    );
    browser.wait_for_event("step", 10).await;
    let step = &browser.events("step").await[0];
    assert_eq!(step["step"], "documentation", "{step}");
    assert_eq!(step["answered"], state["questions"], "sign 1's answers count: {step}");
    browser
        .js("document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot.querySelector('.rw-nav .rw-button:not(.rw-primary)').click();")
        .await;
    browser
        .wait_for(
            "sign 1 again",
            10,
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             return !!r.querySelector('.rw-sign fieldset[data-question^=\"tickets.\"]');",
        )
        .await;
    assert_eq!(
        browser.js(CHECKED).await,
        checked,
        "sign 1's answers are kept as ticked"
    );

    let probe = browser.js("return window.__probe;").await;
    assert_eq!(
        probe["unstyled"],
        json!(0),
        "no frame of the widget without its stylesheet: {probe}"
    );
    assert_eq!(probe["violations"], json!([]), "no CSP violation");
    let wasm = browser
        .js("return performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length;")
        .await;
    assert_eq!(wasm, json!(1), "one wasm module for the page");
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_wasm_held_back_the_first_sign_is_answered_by_keyboard_and_the_app_continues_on_sign_2() {
    the_first_sign_is_answered_before_the_wasm_arrives("en", "Start the check", false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_custom_element_too_answers_the_first_sign_before_the_wasm_arrives() {
    the_first_sign_is_answered_before_the_wasm_arrives("en", "Start the check", true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn in_danish_too_the_prerendered_first_sign_is_answered_before_the_wasm_arrives() {
    the_first_sign_is_answered_before_the_wasm_arrives("da", "Start tjekket", false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn when_the_wasm_never_arrives_the_intro_says_so_and_offers_the_fallback_contact() {
    let site = bare_site(
        "missing",
        "<div data-readiness-assessment data-instance=\"missing\" data-fallback-contact=\"mailto:hello@example.com\"></div>\n<script type=\"module\" src=\"/widget/embed.js\"></script>",
    );
    for entry in std::fs::read_dir(site.join("widget")).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains(".wasm") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    browser.wait_for_text("The readiness check could not start", 20).await;
    let state = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             return { heading: !!r.querySelector('.rw-intro h2'),
                      alert: (r.querySelector('[role=alert]') || {}).textContent,
                      contact: (r.querySelector('.rw-intro a.rw-button') || {}).href || null,
                      start: !!r.querySelector('.rw-intro button.rw-primary') };",
        )
        .await;
    assert_eq!(
        state,
        json!({ "heading": true, "alert": "The readiness check could not start", "contact": "mailto:hello@example.com", "start": false }),
        "the intro stays, says so, and offers the fallback contact instead of Start"
    );
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn when_the_wasm_never_arrives_the_first_signs_answers_stay_and_the_fallback_contact_is_offered() {
    let site = bare_site(
        "never",
        "<div data-readiness-assessment data-instance=\"never\" data-fallback-contact=\"mailto:hello@example.com\"></div>\n<script type=\"module\" src=\"/widget/embed.js\"></script>",
    );
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    // Held for good: the wasm never comes.
    let (_release, held) = watch::channel(false);
    let base = holding_proxy(endpoint.base.clone(), held).await;
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&format!("{base}/")).await.unwrap();
    browser.wait_for_text("Start the check", 20).await;
    browser.press("Start the check").await;
    browser.answer_by_keyboard(Some(1)).await;
    let checked = browser.js(CHECKED).await;
    assert!(
        checked.as_array().unwrap().iter().any(|c| c == &Value::Bool(true)),
        "{checked}"
    );
    browser.wait_for_text("The readiness check could not start", 30).await;
    let state = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             return { alert: (r.querySelector('.rw-sign [role=alert]') || {}).textContent,
                      contact: (r.querySelector('.rw-sign a.rw-button') || {}).href || null,
                      next: !!r.querySelector('.rw-nav .rw-primary') };",
        )
        .await;
    assert_eq!(
        state,
        json!({ "alert": "The readiness check could not start", "contact": "mailto:hello@example.com", "next": false }),
        "the first sign says so and offers the fallback contact instead of Next"
    );
    assert_eq!(browser.js(CHECKED).await, checked, "what was ticked stays");
    endpoint.stop().await;
}
