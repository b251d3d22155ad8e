//! Issue 22 end to end, in real Chromium against the real endpoint and a real
//! SMTP server (aiosmtpd, stopped on drop even when a test fails): a Danish
//! visitor finishes the check, asks for their plan, and the SMTP server
//! receives one Danish multipart message to that address with the five signs
//! and the share link; an invalid address and a second request past the day's
//! limit get a clear message and queue nothing; `erase --email` removes the
//! address; the booking link carries the share link and the UTM values and no
//! personal data; axe finds nothing in any state of the plan form; a request
//! made while the endpoint is down is kept and sent on the next visit.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::smtp::{part, SmtpServer};
use support::{audit, free_port, Browser, Endpoint};

const BOOKING: &str = "https://cal.com/firm/readiness-call";

/// The built demo site plus `da.html`: its article in Danish with a booking link.
fn plan_site(name: &str) -> PathBuf {
    let site = support::sites::copy_of_built(&format!("plan-{name}"));
    let article = std::fs::read_to_string(site.join("index.html")).unwrap();
    let danish = article
        .replacen("<html lang=\"en\">", "<html lang=\"da\">", 1)
        .replacen(
            "<div data-readiness-assessment",
            &format!("<div data-readiness-assessment data-booking-url=\"{BOOKING}\""),
            1,
        );
    assert!(danish.contains("lang=\"da\"") && danish.contains(BOOKING));
    std::fs::write(site.join("da.html"), danish).unwrap();
    site
}

fn database(name: &str) -> PathBuf {
    support::fresh_database(&format!("plan-{name}"))
}

/// The endpoint serving `site` with the test SMTP server, one plan a day per recipient.
async fn endpoint(site: &Path, port: u16, db: &Path, smtp: &SmtpServer) -> Endpoint {
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    support::sites::serve_with_env(
        site,
        db,
        port,
        &[
            ("READINESS_SMTP_URL", url.as_str()),
            ("READINESS_NOTIFY_TO", "sales@firm.example"),
            ("READINESS_NOTIFY_FROM", "Firm <plans@firm.example>"),
            ("READINESS_PLAN_PER_RECIPIENT", "1"),
            ("READINESS_RETRY_BASE_MS", "50"),
        ],
    )
    .await
}

/// The plan deliveries (`kind` plan) the endpoint has queued.
fn plan_deliveries(db: &PathBuf) -> Vec<String> {
    Endpoint::deliveries(db)
        .into_iter()
        .filter(|line| line.split('\t').nth(2) == Some("plan"))
        .collect()
}

/// Types into the plan form's address field (replacing what is there).
async fn type_address(browser: &Browser, address: &str) {
    browser
        .js("const i = document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-plan-mail input[type=email]'); i.value = ''; i.focus(); return true;")
        .await;
    browser.type_text(address).await;
}

/// Ticks the plan form's consent box by keyboard.
async fn tick_consent(browser: &Browser) {
    browser.focus(".rw-plan-mail input[type=checkbox]").await;
    browser.keys(&[support::SPACE]).await;
}

/// How many plan requests the browser keeps for later (the `<instance>:plan` slot of the outbox).
async fn kept_plans(browser: &Browser) -> u64 {
    browser
        .js("return Object.keys(localStorage).filter(k => k.includes(':plan:')).length;")
        .await
        .as_u64()
        .unwrap_or_default()
}

async fn wait_for_messages(smtp: &SmtpServer, count: usize, seconds: u64) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while smtp.messages().len() < count && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    smtp.messages()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_danish_visitor_gets_one_danish_plan_e_mail_and_a_second_request_past_the_limit_is_refused() {
    let axe =
        std::fs::read_to_string(std::env::var("READINESS_AXE").expect("READINESS_AXE is set by cargo xtask test"))
            .expect("axe-core is installed");
    let site = plan_site("danish");
    let db = database("danish");
    let smtp = SmtpServer::start(db.with_file_name("maildir"));
    let endpoint = endpoint(&site, free_port(), &db, &smtp).await;
    let browser = Browser::start(1280, 900).await;
    browser
        .open(&format!(
            "{}/da.html?utm_source=nyhedsbrev&utm_campaign=fem-tegn",
            endpoint.base
        ))
        .await;
    let code = browser.finish_by_keyboard().await;
    browser.wait_for_text("Dit parathedskort", 10).await;
    let da = readiness_core::Locale::get("da").unwrap();
    let ui = &da.ui;
    let mut violations = Vec::new();
    violations.extend(audit(&browser, &axe, "plan form, empty").await);

    // The booking link: the share link, the headline and the page's UTM values; no name or address.
    let href = browser
        .js("return document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-booking a').href;")
        .await;
    let href = url::Url::parse(href.as_str().unwrap()).unwrap();
    assert_eq!(href.host_str(), Some("cal.com"));
    let query: Vec<(String, String)> = href.query_pairs().into_owned().collect();
    let share = format!(
        "{}/da.html?utm_source=nyhedsbrev&utm_campaign=fem-tegn#result={code}",
        endpoint.base
    );
    let value = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    assert_eq!(value("metadata[readiness]").as_deref(), Some(share.as_str()), "{href}");
    assert!(value("notes").unwrap().ends_with(&share), "{href}");
    assert_eq!(value("utm_source").as_deref(), Some("nyhedsbrev"));
    assert_eq!(value("utm_campaign").as_deref(), Some("fem-tegn"));
    for personal in ["name", "email", "first_name", "last_name", "guests"] {
        assert!(value(personal).is_none(), "{personal} in {href}");
    }
    // Opening it fires readiness:booking (the navigation itself is stopped: no internet here).
    browser
        .js("window.__booking = []; document.addEventListener('readiness:booking', e => window.__booking.push(e.detail));
             document.addEventListener('click', e => e.preventDefault(), { capture: true, once: true });
             document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-booking a').click(); return true;")
        .await;
    let booking = browser.js("return window.__booking;").await;
    assert_eq!(booking[0]["service"], "cal.com", "{booking}");
    assert_eq!(booking[0]["resultCode"], Value::from(code.clone()));

    // Send with nothing filled: both problems beside their fields, nothing sent.
    browser.press(ui.plan_mail_send).await;
    browser.wait_for_text(ui.invalid_email, 10).await;
    browser.wait_for_text(ui.consent_required, 10).await;
    violations.extend(audit(&browser, &axe, "plan form, errors").await);
    // An address that is not one: the message beside the field, nothing queued.
    type_address(&browser, "ada@example").await;
    tick_consent(&browser).await;
    browser.press(ui.plan_mail_send).await;
    browser.wait_for_text(ui.invalid_email, 10).await;
    let invalid = browser
        .js("return document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-plan-mail input[type=email]').getAttribute('aria-invalid');")
        .await;
    assert_eq!(invalid, json!("true"));
    assert!(plan_deliveries(&db).is_empty(), "nothing queued for an invalid address");

    type_address(&browser, "ada@example.com").await;
    browser.press(ui.plan_mail_send).await;
    let sent = readiness_core::fill(ui.plan_mail_sent, &[("email", "ada@example.com")]);
    browser.wait_for_text(&sent, 20).await;
    violations.extend(audit(&browser, &axe, "plan form, sent").await);

    let messages = wait_for_messages(&smtp, 1, 20).await;
    assert_eq!(messages.len(), 1, "one message");
    let message = &messages[0];
    assert!(message.contains("To: ada@example.com"), "{message}");
    assert!(message.contains("multipart/alternative"), "{message}");
    let plain = part(message, "text/plain");
    assert!(plain.contains(da.mail().map_heading), "Danish: {plain}");
    for sign in readiness_core::SignId::ALL {
        assert!(
            plain.contains(da.sign(sign).title),
            "{} in {plain}",
            da.sign(sign).title
        );
    }
    assert!(plain.contains(&share), "the share link {share} in {plain}");
    let html = part(message, "text/html");
    assert!(html.contains("<html lang=\"da\">"), "{html}");
    assert!(html.contains(&share.replace('&', "&amp;")), "{html}");
    assert_eq!(plan_deliveries(&db).len(), 1);

    // Back later with the share link: the same address again is past the day's limit.
    browser.open(&format!("{}/da.html#result={code}", endpoint.base)).await;
    browser.wait_for_text(ui.plan_mail_send, 20).await;
    type_address(&browser, "ada@example.com").await;
    tick_consent(&browser).await;
    browser.press(ui.plan_mail_send).await;
    browser.wait_for_text(ui.plan_mail_limit, 20).await;
    violations.extend(audit(&browser, &axe, "plan form, limit reached").await);
    assert_eq!(plan_deliveries(&db).len(), 1, "nothing queued past the limit");
    assert_eq!(smtp.messages().len(), 1, "no second message");

    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    // erase --email removes the address with its request and its deliveries.
    let printed = Endpoint::erase(&db, "ADA@example.com");
    assert!(printed.contains("1 plan request"), "{printed}");
    assert!(Endpoint::deliveries(&db).is_empty(), "{:?}", Endpoint::deliveries(&db));
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_request_made_while_the_endpoint_is_unreachable_is_kept_and_sent_on_the_next_visit() {
    let site = plan_site("outage");
    let db = database("outage");
    let smtp = SmtpServer::start(db.with_file_name("maildir"));
    let port = free_port();
    let first = endpoint(&site, port, &db, &smtp).await;
    let browser = Browser::start(1280, 900).await;
    browser.open(&format!("{}/", first.base)).await;
    browser.finish_by_keyboard().await;
    let ui = &readiness_core::Locale::english().ui;
    browser.wait_for_text(ui.plan_mail_send, 10).await;

    first.stop().await;
    type_address(&browser, "bo@example.com").await;
    tick_consent(&browser).await;
    browser.press(ui.plan_mail_send).await;
    browser.wait_for_text(ui.kept_for_later, 40).await;
    assert_eq!(kept_plans(&browser).await, 1, "the request is kept in the browser");

    let again = endpoint(&site, port, &db, &smtp).await;
    browser.client.refresh().await.unwrap();
    browser.open_widget().await;
    let messages = wait_for_messages(&smtp, 1, 30).await;
    assert_eq!(messages.len(), 1, "the kept request was sent on the next visit");
    assert!(messages[0].contains("To: bo@example.com"), "{}", messages[0]);
    // Sent once: it leaves the browser, and the next visit does not send it again.
    browser
        .wait_for(
            "the kept request to go",
            10,
            "return !Object.keys(localStorage).some(k => k.includes(':plan:'));",
        )
        .await;
    browser.client.refresh().await.unwrap();
    browser.open_widget().await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(plan_deliveries(&db).len(), 1, "queued once");
    let _ = browser.client.clone().close().await;
    again.stop().await;
}
