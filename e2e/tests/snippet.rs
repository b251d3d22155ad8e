//! The embed guide's promises, in real Chromium against the real endpoint
//! (which serves every page under the strict Content-Security-Policy):
//! the self-hosted snippet of `docs/embedding.md`, pasted verbatim into a
//! bare page, completes a submission; and with the wasm held back, the
//! prerendered intro shows first, styled, and a Start pressed then leads to
//! the first sign once the wasm arrives.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};
use support::{cdp, free_port, Browser, Endpoint};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
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
    const host = document.querySelector('[data-readiness-assessment]');
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

/// The built demo site, as `cargo xtask test` passed it (read once: the tests below point the
/// harness's READINESS_SITE at their own bare sites while they start an endpoint).
fn built_site() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            PathBuf::from(std::env::var("READINESS_SITE").expect("READINESS_SITE: run through cargo xtask test"))
        })
        .clone()
}

static STARTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The self-hosted snippet of the embed guide, exactly as written there.
fn guide_snippet() -> String {
    let guide = std::fs::read_to_string(workspace().join("docs/embedding.md")).unwrap();
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
    let built = built_site();
    let site = std::env::temp_dir().join(format!("readiness-snippet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("widget")).unwrap();
    for entry in std::fs::read_dir(built.join("widget")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, site.join("widget").join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(built.join("contact.html"), site.join("contact.html")).unwrap();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Snippet</title><link rel=\"icon\" href=\"data:,\"></head>\n<body>\n{snippet}\n</body>\n</html>\n"
    );
    std::fs::write(site.join("index.html"), page).unwrap();
    site
}

async fn endpoint_for(site: &Path, db: &Path) -> Endpoint {
    // The harness serves READINESS_SITE; these tests serve their own bare site.
    let _one_at_a_time = STARTING.lock().await;
    built_site();
    std::env::set_var("READINESS_SITE", site);
    let endpoint = Endpoint::start(free_port(), &db.to_path_buf()).await;
    std::env::set_var("READINESS_SITE", built_site());
    endpoint
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

/// A loopback proxy to `upstream` that holds back any request for the wasm
/// until `release` turns true.
async fn holding_proxy(upstream: String, release: watch::Receiver<bool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            let mut release = release.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream.trim_start_matches("http://")).await else {
                    return;
                };
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
                });
                let mut buffer = vec![0u8; 16 * 1024];
                while let Ok(n) = client_read.read(&mut buffer).await {
                    if n == 0 {
                        break;
                    }
                    if String::from_utf8_lossy(&buffer[..n]).contains(".wasm ") {
                        let _ = release.wait_for(|released| *released).await;
                    }
                    if server_write.write_all(&buffer[..n]).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    base
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_wasm_held_back_the_styled_intro_shows_and_an_early_start_leads_to_the_first_sign() {
    let site = bare_site(
        "held",
        "<div data-readiness-assessment data-instance=\"held\" data-fallback-contact=\"mailto:hello@example.com\"></div>\n<script type=\"module\" src=\"/widget/embed.js\"></script>",
    );
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    let (release, held) = watch::channel(false);
    let release = Arc::new(release);
    let base = holding_proxy(endpoint.base.clone(), held).await;

    let browser = Browser::start(1280, 900).await;
    cdp::on_new_document(&browser.client, PROBE).await;
    browser.client.goto(&format!("{base}/")).await.unwrap();
    browser.wait_for_text("Start the check", 20).await;
    let csp = browser
        .js("return fetch('/').then(r => r.headers.get('content-security-policy'));")
        .await;
    assert!(
        csp.as_str().unwrap_or_default().contains("style-src 'self'"),
        "served under the strict policy: {csp}"
    );
    let probe = browser.js("return window.__probe;").await;
    assert_eq!(probe["wasm"], Value::Bool(false), "the wasm is still held back");
    assert_eq!(
        browser
            .js("return !!document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-intro h2');")
            .await,
        Value::Bool(true)
    );

    // Start, pressed by keyboard before the wasm has arrived, is remembered.
    browser.press("Start the check").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        browser.widget_text().await.contains("Start the check"),
        "still the intro while waiting"
    );
    release.send(true).unwrap();
    browser.wait_for_text("Sign 1 of 5", 30).await;
    let focused = browser
        .js("const r = document.querySelector('[data-readiness-assessment]').shadowRoot; return !!(r.activeElement && r.activeElement.matches('.rw-sign .rw-heading'));")
        .await;
    assert_eq!(focused, Value::Bool(true), "focus is on the first sign's heading");
    let probe = browser.js("return window.__probe;").await;
    assert_eq!(
        probe["unstyled"],
        json!(0),
        "no frame of the widget without its stylesheet: {probe}"
    );
    assert!(probe["styled"].as_u64().unwrap_or(0) > 0, "{probe}");
    assert_eq!(probe["violations"], json!([]), "no CSP violation");
    endpoint.stop().await;
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
            "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
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
async fn when_the_full_module_cannot_load_the_finished_check_says_so_keeps_the_answers_and_tries_again() {
    let site = bare_site(
        "nofull",
        "<div data-readiness-assessment data-instance=\"nofull\" data-fallback-contact=\"mailto:hello@example.com\"></div>\n<script type=\"module\" src=\"/widget/embed.js\"></script>",
    );
    // The full module's wasm (and its precompressed copies) goes missing, as from a CDN that lost a file.
    let widget = site.join("widget");
    let aside = site.join("aside");
    std::fs::create_dir_all(&aside).unwrap();
    let missing: Vec<_> = std::fs::read_dir(&widget)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with("readiness_full_bg."))
        .collect();
    assert_eq!(missing.len(), 3, "the full module's wasm, .br and .gz: {missing:?}");
    for name in &missing {
        std::fs::rename(widget.join(name), aside.join(name)).unwrap();
    }
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    let browser = Browser::start(1280, 900).await;
    browser.open(&format!("{}/", endpoint.base)).await;
    let code = browser.finish_by_keyboard().await;
    browser.wait_for_text("Your readiness map could not load", 20).await;
    let state = browser
        .js(
            "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
             return { alert: (r.querySelector('[role=alert]') || {}).textContent,
                      retry: [...r.querySelectorAll('button')].some((b) => b.textContent === 'Try again'),
                      contact: (r.querySelector('.rw-handover a.rw-button') || {}).href || null,
                      kept: localStorage.getItem('readiness-widget:v1:nofull') };",
        )
        .await;
    assert_eq!(
        state["alert"],
        "Your readiness map could not load. Your answers are kept: try again, or reach us directly."
    );
    assert_eq!(state["retry"], Value::Bool(true), "{state}");
    assert_eq!(state["contact"], "mailto:hello@example.com");
    assert!(
        state["kept"].as_str().is_some_and(|kept| kept.contains(&code)),
        "the answers are kept: {state}"
    );

    // The file is back: Try again opens the result, with focus on its heading, and no second `complete`.
    for name in &missing {
        std::fs::rename(aside.join(name), widget.join(name)).unwrap();
    }
    browser.press("Try again").await;
    browser.wait_for_text("Copy a link to this result", 20).await;
    let focused = browser
        .js("const r = document.querySelector('[data-readiness-assessment]').shadowRoot; return !!(r.activeElement && r.activeElement.matches('.rw-result .rw-heading'));")
        .await;
    assert_eq!(focused, Value::Bool(true), "focus on the result's heading");
    assert_eq!(browser.events("complete").await.len(), 1, "one `readiness:complete`");
    endpoint.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_prefetch_none_the_full_module_waits_until_the_visitor_starts() {
    let site = bare_site(
        "lazyfull",
        "<div data-readiness-assessment data-instance=\"lazyfull\" data-prefetch=\"none\"></div>\n<script type=\"module\" src=\"/widget/embed.js\"></script>",
    );
    let endpoint = endpoint_for(&site, &site.join("readiness.db")).await;
    let browser = Browser::start(1280, 900).await;
    browser.open(&format!("{}/", endpoint.base)).await;
    let fetched = "return new Promise((done) => requestIdleCallback(() => requestIdleCallback(() => done(
        performance.getEntriesByType('resource').filter((r) => r.name.includes('readiness_full')).length))));";
    assert_eq!(
        browser.js(fetched).await,
        json!(0),
        "nothing of the full module on the intro"
    );
    browser.press("Start the check").await;
    browser
        .wait_for(
            "the full module to be fetched once the check starts",
            20,
            "return performance.getEntriesByType('resource').filter((r) => r.name.includes('readiness_full_bg')).length === 1;",
        )
        .await;
    endpoint.stop().await;
}
