//! Whole journeys in real headless Chromium against the built demo site,
//! served by the real endpoint (which sends a strict Content-Security-Policy,
//! so every journey here also proves the widget runs under it).

mod support;

use std::path::PathBuf;

use readiness_core::{assess, decode};
use serde_json::Value;
use support::{free_port, Browser, Endpoint};

fn database(name: &str) -> PathBuf {
    support::fresh_database(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_journey_resumes_after_reload_completes_and_the_link_reopens_it() {
    let endpoint = Endpoint::start(free_port(), &database("keyboard")).await;
    let browser = Browser::start(375, 740).await;
    let client = &browser.client;
    client.goto(&format!("{}/", endpoint.base)).await.unwrap();

    // Lazy boot: on a phone-sized window the widget is far below the fold. It is not started yet, and
    // the package is fetched, if at all, only at idle time after the page has loaded (data-prefetch="idle").
    let before = browser
        .js("const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
             const host = document.querySelector('[data-readiness-assessment]');
             const early = performance.getEntriesByType('resource')
                 .filter(e => e.name.includes('/widget/') && !e.name.endsWith('/embed.js') && e.startTime < load).length;
             return { booted: !!host.shadowRoot, early };")
        .await;
    assert_eq!(
        before,
        serde_json::json!({ "booted": false, "early": 0 }),
        "the widget waits until it nears the viewport; nothing of it competes with the page's own load"
    );
    let csp = browser
        .js("return fetch('/').then(r => r.headers.get('content-security-policy'));")
        .await;
    assert!(
        csp.as_str()
            .unwrap_or_default()
            .contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );

    browser.open_widget().await;
    browser.record_events().await;
    browser.answer_by_keyboard(Some(1)).await;
    browser.wait_for_text("Sign 2 of 5", 10).await;

    // Reload midway: the answers and the step come back.
    client.refresh().await.unwrap();
    browser.open_widget().await;
    browser.record_events().await;
    browser
        .wait_for_text("Your answers from last time are restored", 10)
        .await;
    assert!(browser.widget_text().await.contains("Sign 2 of 5"));
    browser.focus("h2").await;
    browser.answer_by_keyboard(None).await;
    browser.wait_for_text("Your readiness map", 10).await;

    browser.wait_for_event("complete", 10).await;
    let complete = browser.events("complete").await;
    assert_eq!(complete.len(), 1, "one readiness:complete event");
    let detail = &complete[0];
    assert_eq!(detail["signs"].as_array().map(Vec::len), Some(5));
    let code = detail["resultCode"].as_str().unwrap().to_owned();
    let report = assess(&decode(&code).unwrap());
    for sign in report.signs() {
        assert_eq!(
            detail["scores"][sign.sign.as_str()]["score"],
            Value::from(sign.score),
            "{}",
            sign.sign
        );
    }

    // The share link reopens the same result in a fresh page.
    client.goto(&format!("{}/#result={code}", endpoint.base)).await.unwrap();
    client.refresh().await.unwrap();
    browser.open_widget().await;
    browser.wait_for_text("Your readiness map", 10).await;
    let headline = readiness_core::Locale::english().picture(report.picture()).headline;
    assert!(browser.widget_text().await.contains(headline));
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
}

/// Fills the widget's contact form by keyboard and sends it.
async fn send_contact(browser: &Browser, double_click: bool) {
    browser.press("Ask us how to close these gaps").await;
    browser.fill_contact_form(None).await;
    if double_click {
        browser
            .js("const b = [...document.querySelector('[data-readiness-assessment]').shadowRoot.querySelectorAll('button')].find(e => e.textContent.trim() === 'Send my result'); b.click(); b.click(); return true;")
            .await;
    } else {
        browser.press("Send my result").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn quiz_consent_send_stores_the_servers_scores_and_prefills_the_contact_page() {
    let db = database("contact");
    let endpoint = Endpoint::start(free_port(), &db).await;
    let browser = Browser::start(1280, 900).await;
    browser
        .client
        .goto(&format!(
            "{}/?utm_source=newsletter&utm_campaign=five-signs",
            endpoint.base
        ))
        .await
        .unwrap();
    browser.open_widget().await;
    let code = browser.finish_by_keyboard().await;
    assert!(Endpoint::export(&db).is_empty(), "nothing is sent before consent");

    send_contact(&browser, true).await;
    browser.wait_for_text("Your result has arrived", 20).await;
    let rows = Endpoint::export(&db);
    assert_eq!(rows.len(), 1, "a double click stores one row");
    let row = &rows[0];
    assert_eq!(row["name"], "Ada Lovelace");
    assert_eq!(row["result_code"], code);
    assert_eq!(row["utm_source"], "newsletter");
    let report = assess(&decode(&code).unwrap());
    for sign in report.signs() {
        let column = format!("score_{}", sign.sign.as_str().replace('-', "_"));
        assert_eq!(row[&column], sign.score.to_string(), "{column}");
    }

    // On to the site's contact page: the result is handed over and filled in.
    browser.open(&format!("{}/", endpoint.base)).await;
    browser.wait_for_text("Continue on our contact page", 10).await;
    browser.press("Continue on our contact page").await;
    browser
        .wait_for(
            "the contact form to be prefilled",
            20,
            "const e = document.querySelector('input[name=readiness_overall]'); return !!(e && e.value);",
        )
        .await;
    let filled = browser
        .js("return ['readiness_overall','readiness_gaps','readiness_code','readiness_status_tickets'].map(n => document.querySelector(`[name=${n}]`).value).concat([document.querySelector('textarea[name=message]').value]);")
        .await;
    let locale = readiness_core::Locale::english();
    assert_eq!(filled[0], Value::from(locale.picture(report.picture()).headline));
    assert_eq!(filled[2], Value::from(code.clone()));
    assert!(
        filled[4].as_str().unwrap().starts_with("Your readiness map:"),
        "{}",
        filled[4]
    );
    assert!(browser
        .client
        .current_url()
        .await
        .unwrap()
        .as_str()
        .ends_with(&format!("/contact.html?readiness={code}")));
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restored_result_sent_seconds_after_opening_the_form_is_stored_flagged_and_thanked() {
    let db = database("restored-quick");
    // Every send here is "too quick" (the form is filled by a robot in a second or two): flagged, not refused.
    let endpoint = Endpoint::start_with_args(free_port(), &db, &["--min-fill-ms", "60000"]).await;
    let browser = Browser::start(1280, 900).await;
    let code = support::finished(100, readiness_core::Verdict::Partly, 0b0011);
    browser.open(&format!("{}/#result={code}", endpoint.base)).await;
    browser.wait_for_text("Your readiness map", 10).await;
    browser.press("Ask us how to close these gaps").await;
    // The honeypot is rendered off screen (the accessibility test runs axe over the same form).
    let trap = browser
        .js("const r = document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-hp').getBoundingClientRect(); return r.right;")
        .await;
    assert!(
        trap.as_f64().unwrap() < 0.0,
        "the honeypot is off screen: right edge {trap}"
    );
    browser.fill_contact_form(None).await;
    browser.press("Send my result").await;
    browser.wait_for_text("Your result has arrived", 20).await;
    let rows = Endpoint::export(&db);
    assert_eq!(rows.len(), 1, "the lead is stored");
    assert_eq!(rows[0]["result_code"], code);
    assert_eq!(rows[0]["suspected_spam"], "fill-time", "and flagged for sales to judge");
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_endpoint_down_the_submission_is_kept_and_arrives_when_it_is_back() {
    let db = database("outage");
    let port = free_port();
    let endpoint = Endpoint::start(port, &db).await;
    let browser = Browser::start(1280, 900).await;
    browser.open(&format!("{}/", endpoint.base)).await;
    browser.answer_by_keyboard(None).await;

    endpoint.stop().await;
    send_contact(&browser, false).await;
    browser.wait_for_text("saved in this browser", 30).await;

    let endpoint = Endpoint::start(port, &db).await;
    assert!(Endpoint::export(&db).is_empty());
    browser.client.refresh().await.unwrap();
    browser.open_widget().await;
    browser.wait_for_text("has now been delivered", 20).await;
    assert_eq!(Endpoint::export(&db).len(), 1);
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_article_does_not_move_while_the_widget_loads() {
    let endpoint = Endpoint::start(free_port(), &database("layout")).await;
    for (width, height) in [(375, 812), (1280, 900)] {
        let browser = Browser::start(width, height).await;
        browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
        browser
            .js("window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });")
            .await;
        browser.open_widget().await;
        // Let the mounted widget settle for two frames before reading.
        browser
            .wait_for(
                "two frames",
                5,
                "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));",
            )
            .await;
        let shift = browser.js("return window.__shift;").await.as_f64().unwrap();
        println!("{width} px: cumulative layout shift while the widget loads: {shift:.4}");
        assert!(
            shift < 0.01,
            "{width} px: the article jumps while the widget loads: CLS {shift:.4}"
        );
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reaching_the_contact_page_through_the_sites_menu_prefills_the_kept_result() {
    let db = database("menu");
    let endpoint = Endpoint::start(free_port(), &db).await;
    let browser = Browser::start(1280, 900).await;
    browser.open(&format!("{}/", endpoint.base)).await;
    let code = browser.finish_by_keyboard().await;
    // Not the widget's link: the site's own menu, and nothing handed over.
    browser
        .js("document.querySelector('nav a[href=\"/contact.html\"]').click();")
        .await;
    browser
        .wait_for(
            "the contact form to be prefilled from the kept result",
            20,
            "const e = document.querySelector('input[name=readiness_code]'); return !!(e && e.value);",
        )
        .await;
    let state = browser
        .js("return [document.querySelector('[name=readiness_code]').value, document.querySelector('[name=readiness_overall]').value, location.search, sessionStorage.getItem('readiness-widget:handoff')];")
        .await;
    assert_eq!(state[0], Value::from(code.clone()));
    let report = assess(&decode(&code).unwrap());
    assert_eq!(
        state[1],
        Value::from(readiness_core::Locale::english().picture(report.picture()).headline)
    );
    assert_eq!(state[2], Value::from(""), "no ?readiness= in the address");
    assert_eq!(state[3], Value::Null, "no hand-off: the kept result was used");
    assert!(Endpoint::export(&db).is_empty(), "nothing was sent anywhere");

    // The never-overwrite rule: what the visitor typed stays on a later visit.
    browser
        .js("const e = document.querySelector('[name=message]'); e.value = 'typed by me'; ")
        .await;
    browser.client.refresh().await.unwrap();
    browser
        .js("document.querySelector('[name=message]').value = 'typed by me'; return ReadinessWidget.prefill(document.querySelector('form[data-readiness-prefill]'));")
        .await;
    let message = browser
        .js("return document.querySelector('[name=message]').value;")
        .await;
    assert_eq!(message, Value::from("typed by me"));
    endpoint.stop().await;
}
