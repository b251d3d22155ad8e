//! Anonymous counts (issue 23) in real Chromium against the real endpoint:
//! three visitors of the demo page with counting on (one leaves after the
//! intro, one on sign 3, one sends) give exactly the expected funnel in the
//! sales view; every request of every visit is inspected (no cookie, no
//! identifier, each beacon exactly the contract's fields), nothing is kept in
//! storage for counting; a visitor whose browser sends Global Privacy Control
//! is not counted at all. axe on the funnel page at 1280 and 375 px, and
//! full-page screenshots of it (`target/screenshots/funnel-*.png`). Two intro
//! variants (copy files): each page view shows and counts one, both are drawn.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use readiness_contract::count::{Milestone, BEACON_FIELDS, DEFAULT_VARIANT};
use serde_json::{json, Value};
use support::axe::audit_in;
use support::cdp::{cdp, on_new_document};
use support::log::{requests, Request};
use support::sites::built_site;
use support::{free_port, Browser};

const TOKEN: &str = "e2e-funnel-token-0123456789abcdef";

/// Counting on, as a site sets it: `data-metrics` on the widget's element, before the loader runs.
const COUNTING_ON: &str = "document.addEventListener('readystatechange', () => {
  if (document.readyState === 'interactive')
    for (const el of document.querySelectorAll('[data-readiness-assessment]')) el.dataset.metrics = '/count';
});";

/// A browser that sends Global Privacy Control (`navigator.globalPrivacyControl`, as Firefox and Brave set it).
const GPC_ON: &str =
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

fn database() -> PathBuf {
    support::fresh_database("counts")
}

/// One visitor: a fresh browser (no storage, no cookie) on the demo page with counting on.
struct Visit {
    browser: Browser,
    requests: Vec<Request>,
    statuses: HashMap<String, u64>,
}

impl Visit {
    async fn start(base: &str, gpc: bool) -> Visit {
        let browser = Browser::start_recording_requests(1280, 900).await;
        let script = if gpc {
            format!("{GPC_ON}\n{COUNTING_ON}")
        } else {
            COUNTING_ON.to_owned()
        };
        on_new_document(&browser.client, &script).await;
        browser.client.goto(&format!("{base}/")).await.unwrap();
        browser.open_widget().await;
        Visit {
            browser,
            requests: Vec::new(),
            statuses: HashMap::new(),
        }
    }

    /// Reads the requests logged since the last read.
    async fn read(&mut self) {
        let (requests, responses) = requests(&self.browser.client).await;
        self.requests.extend(requests);
        self.statuses.extend(responses);
    }

    fn beacons(&self) -> Vec<&Request> {
        self.requests.iter().filter(|r| r.url.ends_with("/count")).collect()
    }

    /// Waits until `n` beacons were answered 204 (sendBeacon does not wait; the test does).
    async fn wait_for_beacons(&mut self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.read().await;
            let answered = self
                .beacons()
                .iter()
                .filter(|b| self.statuses.get(&b.id) == Some(&204))
                .count();
            if answered >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{answered} of {n} beacons answered 204: {:?}",
                self.beacons()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Every request of the visit: no cookie sent; the beacons are exactly `expected` (in any
    /// order), each exactly the contract's fields with this page's values; nothing in cookies,
    /// session storage or local storage but the widget's own progress keys.
    async fn check(&mut self, who: &str, expected: &[Milestone]) {
        self.read().await;
        assert!(!self.requests.is_empty(), "{who}: the performance log records requests");
        for request in &self.requests {
            let headers = request.headers.as_object().cloned().unwrap_or_default();
            assert!(
                !headers.keys().any(|k| k.eq_ignore_ascii_case("cookie")),
                "{who}: a request carries a cookie: {request:?}"
            );
        }
        let mut milestones = Vec::new();
        for beacon in self.beacons() {
            assert_eq!(beacon.method, "POST", "{who}: {beacon:?}");
            assert!(
                !beacon.url.contains('?'),
                "{who}: nothing in the beacon's URL: {}",
                beacon.url
            );
            let body: Value = serde_json::from_str(beacon.body.as_deref().unwrap_or_default())
                .unwrap_or_else(|e| panic!("{who}: a beacon's body is JSON ({e}): {beacon:?}"));
            let mut keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
            let mut fields = BEACON_FIELDS.to_vec();
            keys.sort_unstable();
            fields.sort_unstable();
            assert_eq!(keys, fields, "{who}: exactly the contract's fields: {body}");
            assert_eq!(body["path"], "/", "{who}");
            assert_eq!(body["locale"], "en", "{who}");
            assert_eq!(body["variant"], DEFAULT_VARIANT, "{who}");
            assert_eq!(body["model_version"], readiness_core::Model::current().version, "{who}");
            milestones.push(Milestone::parse(body["milestone"].as_str().unwrap()).expect("a known milestone"));
        }
        milestones.sort();
        let mut want = expected.to_vec();
        want.sort();
        assert_eq!(milestones, want, "{who}: the beacons sent");
        let kept = self
            .browser
            .js("return { cookie: document.cookie, session: sessionStorage.length,
                          local: Object.keys(localStorage) };")
            .await;
        assert_eq!(kept["cookie"], "", "{who}: no cookie");
        assert_eq!(kept["session"], 0, "{who}: nothing in session storage");
        for key in kept["local"].as_array().unwrap() {
            // The widget keeps the visitor's own progress (as it does with counting off); nothing else.
            assert!(
                key.as_str().unwrap().starts_with("readiness-widget:v1:"),
                "{who}: a local storage key of counting: {key}"
            );
        }
    }
}

async fn page_text(browser: &Browser) -> String {
    browser
        .js("return document.body.innerText;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn sign_in(browser: &Browser, base: &str) {
    browser.client.goto(&format!("{base}/admin/sign-in")).await.unwrap();
    let field = browser.client.find(Locator::Css("#token")).await.unwrap();
    field.send_keys(TOKEN).await.unwrap();
    browser
        .client
        .find(Locator::Css("form.card button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(
            "the sales view after sign-in",
            10,
            "return !!document.querySelector('nav a[href=\"/admin/funnel\"]');",
        )
        .await;
}

/// The funnel table of a section (`funnel-all`, `funnel-en`): [step, page views] per row.
async fn funnel_rows(browser: &Browser, section: &str) -> Value {
    browser
        .js(&format!(
            "const t = document.querySelector('section[aria-labelledby={section}] table');
             return t ? [...t.tBodies[0].rows].map(r => [r.cells[0].textContent.trim(), r.cells[1].textContent.trim()]) : null;"
        ))
        .await
}

async fn full_page_png(browser: &Browser, name: &str) -> PathBuf {
    use base64::Engine as _;
    let shot = cdp(
        &browser.client,
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": true }),
    )
    .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().expect("a screenshot"))
        .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn three_visitors_give_exactly_their_funnel_with_no_identifier_and_gpc_counts_nothing() {
    let axe =
        std::fs::read_to_string(std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`"))
            .expect("axe-core is installed");
    let db = database();
    let endpoint =
        support::sites::serve_with_env(&built_site(), &db, free_port(), &[("READINESS_ADMIN_TOKEN", TOKEN)]).await;
    let base = endpoint.base.clone();
    use Milestone::*;

    // 1. Sees the intro and leaves.
    let mut first = Visit::start(&base, false).await;
    first.wait_for_beacons(1).await;
    first.check("visitor 1 (intro only)", &[Seen]).await;
    drop(first);

    // 2. Starts, answers two signs, leaves on sign 3.
    let mut second = Visit::start(&base, false).await;
    second.browser.answer_by_keyboard(Some(2)).await;
    second.browser.wait_for_text("Sign 3 of 5", 10).await;
    second.wait_for_beacons(4).await;
    second
        .check("visitor 2 (leaves on sign 3)", &[Seen, Started, Sign2, Sign3])
        .await;
    drop(second);

    // 3. Finishes and sends.
    let mut third = Visit::start(&base, false).await;
    third.browser.answer_by_keyboard(None).await;
    third.browser.press("Ask us how to close these gaps").await;
    third.browser.fill_contact_form(None).await;
    third.browser.press("Send my result").await;
    third.browser.wait_for_text("Your result has arrived", 20).await;
    let all = [Seen, Started, Sign2, Sign3, Sign4, Sign5, Result, Contact, Sent];
    third.wait_for_beacons(all.len()).await;
    third.check("visitor 3 (sends)", &all).await;
    drop(third);

    // 4. Global Privacy Control: the intro says counting is on, and nothing is sent.
    let mut private = Visit::start(&base, true).await;
    let note = readiness_core::Locale::english().ui.intro_counting;
    private.browser.wait_for_text(note, 10).await;
    private.browser.answer_by_keyboard(Some(1)).await;
    private.browser.wait_for_text("Sign 2 of 5", 10).await;
    private.check("visitor 4 (GPC)", &[]).await;
    drop(private);

    // The sales view: exactly these counts, in the funnel of every locale and of English.
    let admin = Browser::start(1280, 900).await;
    sign_in(&admin, &base).await;
    admin.client.goto(&format!("{base}/admin/funnel")).await.unwrap();
    let expected = json!([
        ["Seen", "3"],
        ["Started", "2"],
        ["Reached sign 2", "2"],
        ["Reached sign 3", "2"],
        ["Reached sign 4", "1"],
        ["Reached sign 5", "1"],
        ["Result shown", "1"],
        ["Contact form opened", "1"],
        ["Sent", "1"]
    ]);
    assert_eq!(funnel_rows(&admin, "funnel-all").await, expected);
    assert_eq!(funnel_rows(&admin, "funnel-en").await, expected);
    let text = page_text(&admin).await;
    assert!(text.contains("Seen → sent: 33.3 % (1 of 3 page views)"), "{text}");
    assert!(text.contains("One intro variant (default) was shown"), "{text}");
    let csv = admin.js("return fetch('/admin/funnel.csv').then(r => r.text());").await;
    let csv = csv.as_str().unwrap();
    for line in ["/,en,default,seen,3", "/,en,default,sign-3,2", "/,en,default,sent,1"] {
        assert!(csv.lines().any(|l| l == line), "{line} in\n{csv}");
    }
    let mut violations = audit_in(&admin, &axe, "document", "funnel at 1280 px").await;
    let wide = full_page_png(&admin, "funnel-1280.png").await;
    drop(admin);

    let phone = Browser::start(375, 740).await;
    sign_in(&phone, &base).await;
    phone.client.goto(&format!("{base}/admin/funnel?path=/")).await.unwrap();
    assert_eq!(funnel_rows(&phone, "funnel-all").await, expected);
    violations.extend(audit_in(&phone, &axe, "document", "funnel at 375 px").await);
    let narrow = full_page_png(&phone, "funnel-375.png").await;
    let overflow = phone
        .js("return document.documentElement.scrollWidth > window.innerWidth;")
        .await;
    assert_eq!(
        overflow,
        Value::Bool(false),
        "the funnel page does not scroll sideways at 375 px"
    );
    drop(phone);
    println!("screenshots: {} {}", wide.display(), narrow.display());
    assert!(violations.is_empty(), "axe: {violations:#?}");
    endpoint.stop().await;
}

/// A copy of the built site with the page `index.html` = `body` and the files `extra` (path, text).
fn site_with(name: &str, body: &str, extra: &[(&str, String)]) -> PathBuf {
    let site = support::sites::with_package(&format!("counts-{name}"));
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Variants</title><link rel=\"icon\" href=\"data:,\"></head>\n<body>\n{body}\n<script type=\"module\" src=\"/widget/embed.js\"></script>\n</body>\n</html>\n"
    );
    std::fs::write(site.join("index.html"), page).unwrap();
    support::sites::write_files(&site, extra);
    site
}

/// Two intro variants, each a copy file: over 16 page views both are drawn, each page view shows
/// the headline and call to action of the variant its beacons name (before and after the wasm),
/// and the funnel lists both variants.
#[tokio::test(flavor = "multi_thread")]
async fn each_page_view_shows_and_counts_one_of_two_intro_variants() {
    let variants = [
        ("short", "Ready for a contractor?", "Take the 8-minute check"),
        (
            "direct",
            "Could a remote backend contractor start next month?",
            "Check my team",
        ),
    ];
    let files: Vec<(String, String)> = variants
        .iter()
        .map(|(name, heading, start)| {
            (
                format!("copy/{name}.json"),
                json!({ "ui.intro_heading": heading, "ui.start": start }).to_string(),
            )
        })
        .collect();
    let extra: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let site = site_with(
        "variants",
        "<div data-readiness-assessment data-metrics=\"/count\" data-intro-variants=\"/copy/short.json /copy/direct.json\"></div>",
        &extra,
    );
    let endpoint = support::sites::serve_with_env(
        &site,
        &site.join("readiness.db"),
        free_port(),
        &[("READINESS_ADMIN_TOKEN", TOKEN)],
    )
    .await;
    let base = endpoint.base.clone();
    let browser = Browser::start_recording_requests(1280, 900).await;
    let mut drawn: HashMap<String, u32> = HashMap::new();
    for view in 0..16 {
        browser.client.goto(&format!("{base}/?view={view}")).await.unwrap();
        browser.open_widget().await;
        browser
            .wait_for(
                "the app's intro",
                20,
                "const r = document.querySelector('[data-readiness-assessment]').shadowRoot; return !!r.querySelector('.rw-intro');",
            )
            .await;
        let mut seen = None;
        let deadline = Instant::now() + Duration::from_secs(20);
        while seen.is_none() {
            let (sent, _) = requests(&browser.client).await;
            seen = sent.iter().filter(|r| r.url.ends_with("/count")).find_map(|r| {
                let body: Value = serde_json::from_str(r.body.as_deref()?).ok()?;
                Some(body["variant"].as_str()?.to_owned())
            });
            assert!(Instant::now() < deadline, "page view {view}: no beacon");
            if seen.is_none() {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        let name = seen.unwrap();
        let (_, heading, start) = variants
            .iter()
            .find(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("page view {view}: an unknown variant `{name}`"));
        let text = browser.widget_text().await;
        assert!(
            text.contains(heading) && text.contains(start),
            "page view {view} ({name}): {text}"
        );
        *drawn.entry(name).or_default() += 1;
    }
    assert_eq!(drawn.len(), 2, "both variants drawn in 16 page views: {drawn:?}");
    drop(browser);

    let admin = Browser::start(1280, 900).await;
    sign_in(&admin, &base).await;
    admin.client.goto(&format!("{base}/admin/funnel")).await.unwrap();
    let rows = admin
        .js("return [...document.querySelectorAll('table.variants tbody tr')].map(r => [r.cells[0].textContent, Number(r.cells[1].textContent)]);")
        .await;
    let mut expected: Vec<(String, u32)> = drawn.into_iter().collect();
    expected.sort();
    assert_eq!(rows, json!(expected), "the funnel's variants and their page views seen");
    drop(admin);
    endpoint.stop().await;
}
