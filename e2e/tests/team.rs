//! The team view in real Chromium against the built demo site: a team link
//! with three codes, one with a corrupt code, nothing sent over the network,
//! "since last time" after a retake with other answers, and the one module per
//! page (the article's, then the team page's after a paste on the result).

mod support;

use std::path::PathBuf;

use readiness_core::{SignId, Team, TeamReport, Verdict};
use serde_json::Value;
use support::{finished, free_port, Browser, Endpoint};

fn database(name: &str) -> PathBuf {
    support::fresh_database(&format!("team-{name}"))
}

/// Three different results: two strong on tickets, one weak everywhere, one partly.
pub fn three_codes() -> [String; 3] {
    [
        finished(100, Verdict::Yes, 0b1111),
        finished(50, Verdict::Partly, 0b0011),
        finished(0, Verdict::No, 0),
    ]
}

/// Opens `url`, listening for `readiness:team` before the widget mounts.
async fn open_listening(browser: &Browser, url: &str) {
    // Listening before any script of the page runs: the loader may mount the widget, which
    // emits at once, before `goto` returns (seen on a fast, idle machine).
    support::cdp::on_new_document(
        &browser.client,
        "window.__team = []; document.addEventListener('readiness:team', e => window.__team.push(e.detail));",
    )
    .await;
    browser.client.goto(url).await.unwrap();
    browser.open_widget().await;
}

/// Every resource the page loaded that is not one of the site's own files
/// (the page, the loader, the stylesheets, the widget's wasm, the browser's own favicon request): a request
/// to the endpoint or anywhere else would show here.
async fn requests_sent(browser: &Browser) -> Value {
    browser
        .js("return performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/contact') || !/\\.(wasm|js|css|html|ico)$/.test(new URL(e.name).pathname))
                .map(e => e.initiatorType + ' ' + e.name);")
        .await
}

/// How many resources the page loaded at all (to show the filter above has something to filter).
async fn resources_loaded(browser: &Browser) -> u64 {
    browser
        .js("return performance.getEntriesByType('resource').length;")
        .await
        .as_u64()
        .unwrap_or_default()
}

async fn count(browser: &Browser, selector: &str) -> u64 {
    browser
        .js(&format!(
            "return document.querySelector('[data-readiness-assessment]').shadowRoot.querySelectorAll({}).length;",
            serde_json::json!(selector)
        ))
        .await
        .as_u64()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn three_codes_in_a_team_link_show_the_team_view_and_send_nothing() {
    let db = database("three");
    let endpoint = Endpoint::start(free_port(), &db).await;
    let browser = Browser::start(1280, 900).await;
    let [a, b, c] = three_codes();
    open_listening(&browser, &format!("{}/#team={a}.AB,{b},{c}.CD", endpoint.base)).await;
    browser.wait_for_text("3 results compared", 10).await;
    assert_eq!(
        count(&browser, "circle.rw-team-dot").await,
        15,
        "three members on each of five signs"
    );
    assert_eq!(count(&browser, "li.rw-team-sign").await, 5);
    let first = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
             const li = r.querySelector('li.rw-team-sign');
             return { sign: li.dataset.sign, disagrees: !!li.closest('ul.rw-team-disagree'), text: li.textContent };",
        )
        .await;
    assert_eq!(
        first["disagrees"],
        Value::Bool(true),
        "a disagreeing sign comes first: {first}"
    );
    assert!(
        first["text"].as_str().unwrap_or_default().contains("Spread 100 points"),
        "{first}"
    );
    let events = browser.js("return window.__team;").await;
    let events = events.as_array().cloned().unwrap_or_default();
    assert_eq!(events.len(), 1, "one readiness:team event: {events:?}");
    let detail = &events[0];
    assert_eq!(detail["members"], Value::from(3));
    // The same figures as the core computes natively from the same link.
    let (team, _) = Team::read(&format!("team={a}.AB,{b},{c}.CD"));
    let expected = TeamReport::new(&team).unwrap();
    for sign in SignId::ALL {
        let figures = expected.sign(sign);
        assert_eq!(detail["medians"][sign.as_str()], Value::from(figures.median), "{sign}");
        assert_eq!(detail["spreads"][sign.as_str()], Value::from(figures.spread), "{sign}");
    }
    assert_eq!(detail["order"][0], Value::from(expected.ordered()[0].sign.as_str()));
    assert_eq!(detail["order"][0], first["sign"]);
    assert_eq!(detail["spreads"]["tickets"], Value::from(100));
    assert!(
        resources_loaded(&browser).await >= 2,
        "the loader and the wasm were seen"
    );
    assert_eq!(requests_sent(&browser).await, Value::Array(vec![]), "nothing is sent");
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    assert!(Endpoint::export(&db).is_empty(), "the endpoint's database stays empty");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_code_in_a_team_link_leaves_the_other_two_and_a_notice() {
    let db = database("corrupt");
    let endpoint = Endpoint::start(free_port(), &db).await;
    let browser = Browser::start(375, 900).await;
    let [a, _, c] = three_codes();
    // One character of the middle code changed: the check digits catch it.
    let mut corrupt: Vec<char> = three_codes()[1].chars().collect();
    corrupt[4] = if corrupt[4] == 'A' { 'B' } else { 'A' };
    let corrupt: String = corrupt.into_iter().collect();
    open_listening(&browser, &format!("{}/#team={a},{corrupt},{c}", endpoint.base)).await;
    browser.wait_for_text("2 results compared", 10).await;
    assert!(browser
        .widget_text()
        .await
        .contains("Result 2 in the link was left out"));
    assert_eq!(count(&browser, "circle.rw-team-dot").await, 10);
    let events = browser.js("return window.__team;").await;
    assert_eq!(events[0]["members"], Value::from(2));
    assert_eq!(requests_sent(&browser).await, Value::Array(vec![]), "nothing is sent");
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    assert!(Endpoint::export(&db).is_empty());
}

/// Answers each remaining step with the last option of every question (the
/// weakest in this model), "none of these" on checklists, and goes on.
const ANSWER_LAST: &str = "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
    if (r.querySelector('.rw-result')) return true;
    for (const q of r.querySelectorAll('fieldset.rw-question')) {
      const tickets = q.querySelectorAll('fieldset.rw-ticket');
      if (tickets.length) { for (const t of tickets) { const i = t.querySelectorAll('input'); i[i.length - 1].click(); } continue; }
      const inputs = q.querySelectorAll('input'); const last = inputs[inputs.length - 1];
      if (!last.checked) last.click();
    }
    const next = [...r.querySelectorAll('button')].find(b => ['Next sign', 'See my result'].includes(b.textContent.trim()));
    next.click(); return false;";

/// Opens the demo article, takes the check by keyboard and waits for the result.
async fn take_the_check(browser: &Browser, endpoint: &Endpoint) {
    browser.open(&format!("{}/", endpoint.base)).await;
    browser.press("Start the check").await;
    browser.focus("h2").await;
    browser.answer_by_keyboard(None).await;
    browser.wait_for_text("Your readiness map", 10).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_retake_with_other_answers_the_change_per_sign_shows() {
    let endpoint = Endpoint::start(free_port(), &database("since")).await;
    let browser = Browser::start(1280, 900).await;
    take_the_check(&browser, &endpoint).await;
    assert!(!browser.widget_text().await.contains("Since your last check"));
    browser.press("Retake the check").await;
    browser.wait_for_text("Sign 1 of 5", 10).await;
    // One step per call; a bounded number of calls (a render may lag a click).
    for _ in 0..40 {
        if browser.js(ANSWER_LAST).await == Value::Bool(true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    browser.wait_for_text("Since your last check on", 10).await;
    let since = browser
        .js("return [...document.querySelector('[data-readiness-assessment]').shadowRoot.querySelectorAll('.rw-since li')].map(l => l.textContent);")
        .await;
    let lines: Vec<String> = since
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains('\u{2212}') && l.ends_with("since last time")),
        "a sign fell: {lines:?}"
    );
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
}

/// The wasm files this page (since its last load) fetched, by name.
async fn wasm_fetched(browser: &Browser) -> Vec<String> {
    let names = browser
        .js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname.split('/').pop()).filter(n => n.endsWith('.wasm'));")
        .await;
    names
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn pasting_a_teammate_on_the_result_reloads_on_the_team_link_with_only_the_team_pages_module() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(support::sites::built_site().join("widget/manifest.json")).unwrap(),
    )
    .unwrap();
    let article = manifest["wasm"].as_str().unwrap().to_owned();
    let team_page = manifest["team"]["wasm"].as_str().unwrap().to_owned();
    assert_ne!(article, team_page);
    let endpoint = Endpoint::start(free_port(), &database("reload")).await;
    // A phone: the widget is far below the top of the article.
    let browser = Browser::start(375, 740).await;
    take_the_check(&browser, &endpoint).await;
    assert_eq!(
        wasm_fetched(&browser).await,
        vec![article.clone()],
        "the article's module only"
    );
    // Gone with a new page load.
    browser.js("window.__samePage = true; return true;").await;
    browser.press("Compare with your team").await;
    browser.focus("textarea").await;
    let [teammate, _, _] = three_codes();
    browser.type_text(&teammate).await;
    browser.press("Add to the comparison").await;
    browser.wait_for_text("2 results compared", 20).await;
    assert_eq!(
        browser
            .js("return window.__samePage === undefined && location.hash.startsWith('#team=');")
            .await,
        Value::Bool(true),
        "a new page load on the team link"
    );
    let heading = browser
        .js("const h = document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-team .rw-heading');
             const r = h.getBoundingClientRect();
             return { text: h.textContent, inView: r.top >= 0 && r.bottom <= innerHeight, scrollY };")
        .await;
    assert_eq!(
        heading["inView"],
        Value::Bool(true),
        "the reloaded page shows the team view where the visitor was: {heading}"
    );
    assert_eq!(
        wasm_fetched(&browser).await,
        vec![team_page],
        "the team page's module only, not the article's as well"
    );
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
}
