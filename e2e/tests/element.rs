//! The <readiness-assessment> custom element and the `div` snippet on a page
//! that changes after load, in real Chromium against the real endpoint: two
//! elements mount once each; an attribute change updates the running app (no
//! remount) and `instance` remounts it; a moved element keeps its app; a
//! removed one is emptied and a re-inserted one mounts again, resuming the
//! visitor's progress; a `div` inserted after load mounts and is destroyed
//! when removed. Never two apps in one host. The page's `::part()` rules
//! reach the widget's parts.

mod support;

use serde_json::{json, Value};
use support::widgets::{answer_sign, click, counts, events_from, wait_events, wait_mounted};
use support::{sites, Browser};

const PAGE: &str =
    "<readiness-assessment id=\"a\" instance=\"el-a\" endpoint=\"/contact\" lazy=\"false\"></readiness-assessment>
<readiness-assessment id=\"b\" instance=\"el-b\" theme=\"dark\" lazy=\"false\"></readiness-assessment>
<div id=\"slot\"></div>
<link rel=\"stylesheet\" href=\"/parts.css\">
<script type=\"module\" src=\"/widget/embed.js\"></script>";

/// One app in `host`: one mount point, one card.
async fn one_app(browser: &Browser, host: &str) {
    let counts = counts(browser, host).await;
    assert_eq!(
        (&counts["mounts"], &counts["cards"]),
        (&json!(1), &json!(1)),
        "{host}: {counts}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_element_mounts_updates_moves_unmounts_and_remounts_without_double_mounts() {
    let site = sites::with_page("element", PAGE);
    // The page styles the widget's parts (the guide's `::part()` hooks).
    std::fs::write(
        site.join("parts.css"),
        "readiness-assessment::part(primary) { text-transform: uppercase; }\nreadiness-assessment::part(card) { outline: 3px solid rgb(255, 0, 0); }\n",
    )
    .unwrap();
    let endpoint = sites::serve(&site, &site.join("readiness.db"), &[]).await;
    let browser = Browser::start(1280, 900).await;
    browser.record_events_from_start().await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    wait_mounted(&browser, "#a", 30).await;
    wait_mounted(&browser, "#b", 30).await;
    one_app(&browser, "#a").await;
    one_app(&browser, "#b").await;
    let defined = browser.js("return !!customElements.get('readiness-assessment');").await;
    assert_eq!(defined, Value::Bool(true));
    let styled = browser
        .js("const r = document.querySelector('#a').shadowRoot;
             return [getComputedStyle(r.querySelector('.rw-primary')).textTransform, getComputedStyle(r.querySelector('.rw')).outlineColor];")
        .await;
    assert_eq!(
        styled,
        json!(["uppercase", "rgb(255, 0, 0)"]),
        "::part() reaches the primary button and the card"
    );

    // An attribute change updates the running app: the theme changes, no new mount.
    let theme = "return [...document.querySelector('#b').shadowRoot.querySelector('.rw').classList].find(c => c.startsWith('rw-theme-'));";
    assert_eq!(browser.js(theme).await, json!("rw-theme-dark"));
    let ready_b = events_from(&browser, "ready", "b").await.len();
    browser
        .js("document.querySelector('#b').setAttribute('theme', 'light');")
        .await;
    browser
        .wait_for(
            "b's light theme",
            10,
            &format!(
                "{} return t === 'rw-theme-light';",
                theme.replacen("return", "const t =", 1)
            ),
        )
        .await;
    assert_eq!(
        events_from(&browser, "ready", "b").await.len(),
        ready_b,
        "an update, not a remount"
    );

    // Sign 1 answered on a; then a moves within the page (removed and inserted in one task): same app.
    assert!(click(&browser, "#a", ".rw-intro .rw-primary").await, "a's Start");
    answer_sign(&browser, "#a").await;
    wait_events(&browser, "step", "a", 2, 10).await;
    let steps = events_from(&browser, "step", "a").await;
    let after_sign_1 = steps.last().unwrap().clone();
    assert_eq!(after_sign_1["step"], "documentation", "{steps:?}");
    let ready_a = events_from(&browser, "ready", "a").await.len();
    assert_eq!(ready_a, 1);
    browser
        .js("const s = document.querySelector('#slot'); const a = document.querySelector('#a'); for (let i = 0; i < 5; i++) { s.append(a); document.body.prepend(a); }")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    one_app(&browser, "#a").await;
    assert_eq!(
        events_from(&browser, "ready", "a").await.len(),
        ready_a,
        "moving keeps the app"
    );

    // Removed: everything goes (the shadow root is empty); re-inserted, it mounts again where it was.
    for round in 1..=3 {
        browser
            .js("window.__a = document.querySelector('#a'); window.__a.remove();")
            .await;
        browser
            .wait_for("a emptied", 10, "return window.__a.shadowRoot.childElementCount === 0;")
            .await;
        browser.js("document.querySelector('#slot').append(window.__a);").await;
        wait_events(&browser, "ready", "a", ready_a + round, 30).await;
        wait_mounted(&browser, "#a", 30).await;
        one_app(&browser, "#a").await;
        let ready = events_from(&browser, "ready", "a").await;
        let last = ready.last().unwrap();
        assert_eq!(last["step"], "documentation", "resumes where it was: {last}");
        assert_eq!(
            last["answered"], after_sign_1["answered"],
            "with sign 1's answers: {last}"
        );
    }

    // `instance` names the saved progress: changing it remounts (a fresh start for the new instance).
    browser
        .js("document.querySelector('#b').setAttribute('instance', 'el-b2');")
        .await;
    wait_events(&browser, "ready", "b", ready_b + 1, 30).await;
    let ready = events_from(&browser, "ready", "b").await;
    assert_eq!(ready.last().unwrap()["instance"], "el-b2");
    wait_mounted(&browser, "#b", 30).await;
    one_app(&browser, "#b").await;

    // A `div` snippet inserted after load mounts; removed, it is destroyed.
    browser
        .js("const d = document.createElement('div'); d.id = 'c'; d.dataset.readinessAssessment = ''; d.dataset.instance = 'el-c'; d.dataset.lazy = 'false'; document.querySelector('#slot').append(d);")
        .await;
    wait_events(&browser, "ready", "c", 1, 30).await;
    wait_mounted(&browser, "#c", 30).await;
    one_app(&browser, "#c").await;
    browser
        .js("window.__c = document.querySelector('#c'); window.__c.remove();")
        .await;
    browser
        .wait_for("c emptied", 10, "return window.__c.shadowRoot.childElementCount === 0;")
        .await;
    browser.js("document.body.append(window.__c);").await;
    wait_events(&browser, "ready", "c", 2, 30).await;
    one_app(&browser, "#c").await;
    endpoint.stop().await;
}
