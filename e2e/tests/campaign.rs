//! Issue 21, marketing without Rust, in real Chromium against the real endpoint:
//! - a copy file (`data-copy`) overrides the headline, the call to action and a
//!   question's prompt in the prerendered intro and first sign (before the wasm
//!   has arrived, with no frame of the default headline) and in the app; a bad
//!   key and a placeholder mismatch are console warnings and the default stays;
//! - a `data-context-*` value travels with the submission to the database, the
//!   signed webhook's body, the sales e-mail (a real SMTP server), the sales
//!   view and the CSV export; a bad one is a console warning and stays behind.

mod support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use readiness_core::{span, Locale, Model};
use serde_json::{json, Value};
use support::sites::built_site;
use support::{cdp, free_port, holding_proxy, Browser, Endpoint};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Records console warnings, whether the wasm was instantiated, the `readiness:ready` event,
/// and every animation frame in which the widget showed the default intro heading.
const PROBE: &str = "(() => {
  const P = (window.__probe = { warnings: [], wasm: false, ready: false, defaultFrames: 0, introAt: null });
  const warn = console.warn;
  console.warn = (...args) => { P.warnings.push(args.join(' ')); warn.apply(console, args); };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) { return original.apply(this, args).then((r) => { P.wasm = true; return r; }); };
  }
  document.addEventListener('readiness:ready', () => { P.ready = true; });
  const frame = () => {
    const host = document.querySelector('[data-readiness-assessment]');
    const root = host && host.shadowRoot;
    const heading = root && root.querySelector('.rw-intro h2');
    if (heading && P.introAt === null) P.introAt = performance.now();
    if (heading && heading.textContent.includes(DEFAULT_HEADING)) P.defaultFrames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();";

/// A site with the built package at `/widget/`, the contact page, and `pages` (path, text).
fn site(name: &str, pages: &[(&str, String)]) -> PathBuf {
    let site = support::sites::with_package(&format!("campaign-{name}"));
    std::fs::copy(built_site().join("contact.html"), site.join("contact.html")).unwrap();
    support::sites::write_files(&site, pages);
    site
}

fn page(snippet: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Campaign</title><link rel=\"icon\" href=\"data:,\"></head>\n<body>\n{snippet}\n<script type=\"module\" src=\"/widget/embed.js\"></script>\n</body>\n</html>\n"
    )
}

/// The endpoint serving `site` (the harness serves READINESS_SITE: pointed here while it starts).
async fn endpoint_for(site: &Path, env: &[(&str, &str)]) -> Endpoint {
    support::sites::serve_with_env(site, &site.join("readiness.db"), free_port(), env).await
}

/// The campaign's copy file: a headline, a call to action, the first question's prompt and the
/// intro's body (with its placeholder) that fit; a misspelt key and a placeholder the default
/// does not have, which do not.
fn copy_file() -> String {
    json!({
        "ui.intro_heading": "Can a contractor start next month?",
        "ui.start": "Take the 8-minute check",
        "ui.intro_body": "{questions} questions along the article's five signs.",
        "questions.tickets.last-five.prompt": "Look at your last five tickets: would a newcomer know what to build?",
        "ui.intro_headline": "a misspelt key",
        "ui.back": "{step} back",
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copy_file_overrides_the_headline_the_call_to_action_and_a_prompt_before_and_after_the_wasm() {
    let en = Locale::english();
    let site = site(
        "copy",
        &[
            ("index.html", page("<div data-readiness-assessment data-instance=\"campaign\" data-copy=\"/copy/campaign.json\"></div>")),
            ("plain.html", page("<div data-readiness-assessment data-instance=\"plain\"></div>")),
            ("copy/campaign.json", copy_file()),
        ],
    );
    let endpoint = endpoint_for(&site, &[]).await;
    let (release, held) = watch::channel(false);
    let base = holding_proxy(endpoint.base.clone(), held).await;
    let browser = Browser::start(1280, 900).await;
    cdp::on_new_document(
        &browser.client,
        &PROBE.replace("DEFAULT_HEADING", &json!(en.ui.intro_heading).to_string()),
    )
    .await;

    // The cost of the copy file: the intro's first frame with and without it (the wasm held back on
    // both; the plain page loaded twice, so that both measured loads find the loader in the cache).
    let mut plain_intro = 0.0;
    for _ in 0..2 {
        browser.client.goto(&format!("{base}/plain.html")).await.unwrap();
        browser.wait_for_text(en.ui.start, 20).await;
        browser
            .wait_for("the intro's first frame", 10, "return window.__probe.introAt !== null;")
            .await;
        plain_intro = browser.js("return window.__probe.introAt;").await.as_f64().unwrap();
    }

    browser.client.goto(&format!("{base}/")).await.unwrap();
    browser.wait_for_text("Take the 8-minute check", 20).await;
    browser
        .wait_for("the intro's first frame", 10, "return window.__probe.introAt !== null;")
        .await;
    let probe = browser.js("return window.__probe;").await;
    assert_eq!(
        probe["wasm"],
        json!(false),
        "the prerendered intro, before the wasm: {probe}"
    );
    let text = browser.widget_text().await;
    assert!(
        text.contains("Can a contractor start next month?"),
        "the headline: {text}"
    );
    let (fewest, most) = Model::current().asked_range();
    let body = format!("{} questions along the article's five signs.", span(fewest, most));
    assert!(text.contains(&body), "the body, its placeholder filled: {text}");
    assert!(
        !text.contains(en.ui.start),
        "the default call to action is gone: {text}"
    );
    let fetched = browser
        .js(
            "const e = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/copy/campaign.json'));
             return e ? e.responseEnd - e.startTime : null;",
        )
        .await;
    println!(
        "copy file: fetched in {:.1} ms; the intro's first frame at {:.0} ms with data-copy, {plain_intro:.0} ms without (wasm held back, loopback)",
        fetched.as_f64().unwrap_or(f64::NAN),
        probe["introAt"].as_f64().unwrap()
    );

    // Start: the prerendered first sign, its prompt overridden; Back kept its default.
    browser.press("Take the 8-minute check").await;
    let prompt = "Look at your last five tickets: would a newcomer know what to build?";
    browser.wait_for_text(prompt, 10).await;
    let first = readiness_core::QuestionIndex::try_from(0usize).unwrap();
    let default_prompt = en.question(first).prompt;
    assert!(
        !browser.widget_text().await.contains(default_prompt),
        "prerendered: the default prompt is gone"
    );
    assert_eq!(
        browser.js("return window.__probe.wasm;").await,
        json!(false),
        "still before the wasm"
    );

    // The wasm arrives: the app takes over with the same words.
    release.send(true).unwrap();
    browser
        .wait_for("the app to mount", 30, "return window.__probe.ready;")
        .await;
    browser.wait_for_text(prompt, 10).await;
    let text = browser.widget_text().await;
    assert!(
        !text.contains(default_prompt),
        "the app: the default prompt is gone: {text}"
    );
    browser.press(en.ui.back).await;
    browser.wait_for_text("Can a contractor start next month?", 10).await;
    let text = browser.widget_text().await;
    assert!(
        text.contains("Take the 8-minute check") && text.contains(&body),
        "the app's intro: {text}"
    );

    let probe = browser.js("return window.__probe;").await;
    assert_eq!(
        probe["defaultFrames"],
        json!(0),
        "no frame showed the default headline: {probe}"
    );
    let warnings: Vec<String> = probe["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str().map(str::to_owned))
        .filter(|w| w.contains("copy file"))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/copy/campaign.json") && w.contains("unknown key `ui.intro_headline`")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`ui.back`") && w.contains(&format!("\"{}\"", en.ui.back))),
        "the placeholder mismatch names the key and the default: {warnings:?}"
    );
    assert_eq!(warnings.len(), 2, "each warned once: {warnings:?}");
    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    let _ = std::fs::remove_dir_all(&site);
}

/// A webhook receiver on loopback: records each POST's JSON body, answers 204. (The
/// signature is checked by the endpoint's own webhook tests with the reference crate.)
async fn webhook_receiver() -> (String, Arc<Mutex<Vec<Value>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let log = bodies.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 8192];
                loop {
                    let Ok(n) = stream.read(&mut buffer).await else { return };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..n]);
                    let text = String::from_utf8_lossy(&request).to_string();
                    if let Some((head, body)) = text.split_once("\r\n\r\n") {
                        let length = head
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if body.len() >= length {
                            log.lock()
                                .unwrap()
                                .push(serde_json::from_str(&body[..length]).unwrap_or(Value::Null));
                            let _ = stream
                                .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
                                .await;
                            return;
                        }
                    }
                }
            });
        }
    });
    (url, bodies)
}

const TOKEN: &str = "e2e-campaign-sales-token-0123456789";
const CRM_ID: &str = "0031x00000AbCdE";

#[tokio::test(flavor = "multi_thread")]
async fn a_context_value_travels_from_the_attribute_to_the_database_webhook_e_mail_sales_view_and_csv() {
    let long = "x".repeat(101);
    let site = site(
        "context",
        &[(
            "index.html",
            page(&format!(
                "<div data-readiness-assessment data-instance=\"context\" data-contact-url=\"/contact.html\" data-endpoint=\"/contact\"\n     data-context-campaign=\"spring-26\" data-context-crm_id=\"{CRM_ID}\" data-context-slug=\"{long}\"></div>"
            )),
        )],
    );
    let smtp = support::smtp::SmtpServer::start(site.join("maildir"));
    let (hook, bodies) = webhook_receiver().await;
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let endpoint = endpoint_for(
        &site,
        &[
            ("READINESS_WEBHOOK_URL", hook.as_str()),
            (
                "READINESS_WEBHOOK_SECRET",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwKT2fQx0a",
            ),
            ("READINESS_SMTP_URL", smtp_url.as_str()),
            ("READINESS_NOTIFY_TO", "sales@firm.example"),
            ("READINESS_ADMIN_TOKEN", TOKEN),
            ("READINESS_RETRY_BASE_MS", "50"),
        ],
    )
    .await;
    let browser = Browser::start(1280, 900).await;
    cdp::on_new_document(&browser.client, &PROBE.replace("DEFAULT_HEADING", "null")).await;
    browser.open(&format!("{}/", endpoint.base)).await;
    browser.answer_by_keyboard(None).await;
    browser.press("Ask us how to close these gaps").await;
    browser.fill_contact_form(None).await;
    // "Exactly this will be sent": the context too.
    let preview = browser.widget_text().await;
    assert!(preview.contains("crm_id") && preview.contains(CRM_ID), "{preview}");
    assert!(!preview.contains(&long), "the bad value is not sent: {preview}");
    browser.press("Send my result").await;
    browser.wait_for_text("Your result has arrived", 20).await;
    let warnings = browser.js("return window.__probe.warnings;").await;
    assert!(
        warnings
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap_or_default().contains("data-context-slug is left out")),
        "{warnings}"
    );

    // The database.
    let db = site.join("readiness.db");
    let (id, stored): (i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT id, context FROM submissions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored, json!({ "campaign": "spring-26", "crm_id": CRM_ID }), "database");

    // The webhook's body and the e-mail (the outbox delivers within moments).
    let deadline = Instant::now() + Duration::from_secs(20);
    while (bodies.lock().unwrap().is_empty() || smtp.messages().is_empty()) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body = bodies.lock().unwrap().first().cloned().expect("the webhook arrived");
    assert_eq!(body["type"], "lead.created");
    assert_eq!(body["data"]["context"]["crm_id"], CRM_ID, "webhook: {body}");
    let message = smtp.messages().first().cloned().expect("the e-mail arrived");
    let plain = support::smtp::part(&message, "text/plain");
    assert!(plain.contains(&format!("- crm_id: {CRM_ID}")), "e-mail: {plain}");

    // The sales view's page of the submission.
    let page = browser
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 fetch('/admin/submissions/{id}', {{ headers: {{ Authorization: 'Bearer {TOKEN}' }}, credentials: 'omit' }})
                   .then((r) => r.text()).then(done).catch((e) => done(String(e)));"
            ),
            vec![],
        )
        .await
        .unwrap();
    let page = page.as_str().unwrap_or_default();
    assert!(
        page.contains("context: crm_id") && page.contains(CRM_ID),
        "sales view: {page}"
    );

    // The CSV export.
    let rows = Endpoint::export(&db);
    assert_eq!(rows.len(), 1);
    let cell: Value = serde_json::from_str(&rows[0]["context"]).unwrap();
    assert_eq!(cell["crm_id"], CRM_ID, "CSV: {:?}", rows[0]);
    assert!(!rows[0]["context"].contains(&long));

    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    drop(smtp);
    let _ = std::fs::remove_dir_all(&site);
}
