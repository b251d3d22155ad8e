//! The sales view in real Chromium: off without a token (404), a wrong token
//! refused (401), then a visitor's journey is listed, filtered, opened and
//! erased through the pages, with axe-core on each page; `erase --email`
//! removes what is left from the view and the export.

mod support;

use fantoccini::Locator;
use readiness_core::{assess, decode, Status, Verdict};
use serde_json::Value;
use support::axe::audit_in;
use support::{fetch_status, finished, free_port, post_contact, Browser, Endpoint};

const TOKEN: &str = "e2e-sales-view-token-0123456789";

async fn status_of(browser: &Browser, path: &str, bearer: Option<&str>) -> u64 {
    let headers = bearer
        .map(|t| format!("{{ Authorization: 'Bearer {t}' }}"))
        .unwrap_or("{}".into());
    fetch_status(browser, path, &format!("{{ headers: {headers}, credentials: 'omit' }}")).await
}

async fn page_text(browser: &Browser) -> String {
    browser
        .js("return document.body.innerText;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn wait_for_page(browser: &Browser, text: &str) {
    for _ in 0..100 {
        if page_text(browser).await.contains(text) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no `{text}` on the page:\n{}", page_text(browser).await);
}

async fn click(browser: &Browser, selector: &str) {
    browser
        .client
        .find(Locator::Css(selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn audit(browser: &Browser, axe: &str, step: &str) -> Vec<String> {
    audit_in(browser, axe, "document", step).await
}

async fn sign_in(browser: &Browser, base: &str, token: &str) {
    browser.client.goto(&format!("{base}/admin")).await.unwrap();
    wait_for_page(browser, "Admin token").await;
    let field = browser.client.find(Locator::Css("#token")).await.unwrap();
    field.send_keys(token).await.unwrap();
    click(browser, "form.card button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_filter_open_and_erase_in_the_sales_view() {
    let axe =
        std::fs::read_to_string(std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`"))
            .expect("axe-core is installed");
    let db = std::env::temp_dir().join(format!("readiness-admin-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let mut violations = Vec::new();

    // Without a token the view does not exist.
    let port = free_port();
    let endpoint = Endpoint::start(port, &db).await;
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    assert_eq!(status_of(&browser, "/admin", Some(TOKEN)).await, 404);
    endpoint.stop().await;

    let endpoint = Endpoint::start_with_env(port, &db, &[("READINESS_ADMIN_TOKEN", TOKEN)]).await;
    let base = endpoint.base.clone();
    // A visitor's journey, by keyboard, sent with consent.
    browser.open(&format!("{base}/")).await;
    browser.answer_by_keyboard(None).await;
    browser.press("Ask us how to close these gaps").await;
    browser.fill_contact_form(None).await;
    browser.press("Send my result").await;
    browser.wait_for_text("Your result has arrived", 20).await;
    // A second lead, strong everywhere.
    let strong = finished(100, Verdict::Yes, 0b1111);
    assert_eq!(
        post_contact(&browser, "Grace Hopper", "grace@example.com", &strong).await,
        201
    );
    assert_eq!(
        status_of(&browser, "/admin", Some("e2e-sales-view-token-wrong")).await,
        401
    );
    assert_eq!(status_of(&browser, "/admin", Some(TOKEN)).await, 200);

    sign_in(&browser, &base, "not-the-token").await;
    wait_for_page(&browser, "That token is not right.").await;
    violations.extend(audit(&browser, &axe, "sign-in with an error").await);
    sign_in(&browser, &base, TOKEN).await;
    wait_for_page(&browser, "2 submissions").await;
    let text = page_text(&browser).await;
    assert!(text.contains("Ada Lovelace") && text.contains("Grace Hopper"), "{text}");
    violations.extend(audit(&browser, &axe, "list").await);

    // Filter by a sign the journey left in gap or close, and by today.
    let rows = Endpoint::export(&db);
    let ada = rows
        .iter()
        .find(|r| r["email"] == "ada@example.com")
        .expect("the journey's row");
    let report = assess(&decode(&ada["result_code"]).unwrap());
    let weak = report
        .signs()
        .iter()
        .find(|s| matches!(s.status, Status::Gap | Status::Close))
        .expect("the keyboard journey leaves a sign short of strong");
    browser
        .client
        .find(Locator::Css("#sign"))
        .await
        .unwrap()
        .select_by_value(weak.sign.as_str())
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("#status"))
        .await
        .unwrap()
        .select_by_value(weak.status.as_str())
        .await
        .unwrap();
    let today = ada["received_at"][..10].to_owned();
    browser
        .js(&format!(
            "document.querySelector('#from').value = '{today}'; document.querySelector('#to').value = '{today}';"
        ))
        .await;
    click(&browser, ".filters button[type=submit]").await;
    wait_for_page(&browser, "1 submission match").await;
    let text = page_text(&browser).await;
    assert!(
        text.contains("Ada Lovelace") && !text.contains("Grace Hopper"),
        "{text}"
    );
    let url = browser.client.current_url().await.unwrap();
    assert!(url.as_str().contains(&format!("sign={}", weak.sign.as_str())), "{url}");
    violations.extend(audit(&browser, &axe, "filtered list").await);

    // The submission's page.
    click(&browser, "table.submissions a").await;
    wait_for_page(&browser, "Readiness map").await;
    let text = page_text(&browser).await;
    assert!(
        text.contains("ada@example.com") && text.contains("Consent shown"),
        "{text}"
    );
    violations.extend(audit(&browser, &axe, "submission").await);

    // The overview.
    browser.client.goto(&format!("{base}/admin/overview")).await.unwrap();
    wait_for_page(&browser, "2 submissions in all").await;
    violations.extend(audit(&browser, &axe, "overview").await);

    // Erase Ada through the button and its confirmation.
    browser.client.back().await.unwrap();
    wait_for_page(&browser, "Readiness map").await;
    click(&browser, "a.button.danger").await;
    wait_for_page(&browser, "It cannot be undone").await;
    violations.extend(audit(&browser, &axe, "erase confirmation").await);
    click(&browser, "button.danger").await;
    wait_for_page(&browser, "erased 1 submission and 0 pending deliveries").await;
    violations.extend(audit(&browser, &axe, "erased").await);
    browser.client.goto(&format!("{base}/admin")).await.unwrap();
    wait_for_page(&browser, "1 submission").await;
    assert!(!page_text(&browser).await.contains("Ada Lovelace"));

    // `erase --email` removes Grace from the view and the exports.
    let said = Endpoint::erase(&db, "GRACE@example.com");
    assert!(said.contains("erased 1 submission"), "{said}");
    browser.client.refresh().await.unwrap();
    wait_for_page(&browser, "0 submissions").await;
    assert!(!page_text(&browser).await.contains("Grace Hopper"));
    assert!(Endpoint::export(&db).is_empty());
    let json = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/admin/export.json').then(r => r.json()).then(j => done(j.submissions.length)).catch(e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(json, Value::from(0));
    let _ = browser.client.clone().close().await;
    drop(browser);

    // At 375 px the pages pass axe too.
    let phone = Browser::start(375, 800).await;
    phone.client.goto(&format!("{base}/admin/sign-in")).await.unwrap();
    let weakest = finished(0, Verdict::No, 0);
    assert_eq!(
        post_contact(&phone, "Linus Pauling", "linus@example.com", &weakest).await,
        201
    );
    sign_in(&phone, &base, TOKEN).await;
    wait_for_page(&phone, "1 submission").await;
    violations.extend(audit(&phone, &axe, "375 px list").await);
    click(&phone, "table.submissions a").await;
    wait_for_page(&phone, "Readiness map").await;
    violations.extend(audit(&phone, &axe, "375 px submission").await);
    phone.client.goto(&format!("{base}/admin/overview")).await.unwrap();
    wait_for_page(&phone, "Most often a gap").await;
    violations.extend(audit(&phone, &axe, "375 px overview").await);
    // Control: axe audits these pages, or the audits above prove nothing.
    phone
        .js("document.querySelector('main').append(document.createElement('img'));")
        .await;
    let control = audit(&phone, &axe, "control").await;
    assert!(
        control.iter().any(|v| v.contains("image-alt")),
        "axe did not audit the page: {control:?}"
    );
    let _ = phone.client.clone().close().await;
    endpoint.stop().await;
    let _ = std::fs::remove_file(&db);
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}
