//! The CDN path in a browser: the page on one origin, served under exactly the
//! Content-Security-Policy the guide prints for CDN hosting (its hosts
//! replaced), with the guide's CDN snippet (its Subresource Integrity value
//! filled in from `manifest.json`); the package from a second origin that
//! sends the CORS header the guide names; the endpoint on a third, allowing
//! the page's origin. A whole journey and a submission complete, with no CSP
//! violation; `readiness:lead` fires (no personal data in it) and reaches the
//! page's `dataLayer` as `readiness_lead`.

mod support;

use serde_json::{json, Value};
use support::static_files;
use support::{cdp, sites, Browser, Endpoint};

/// The first fenced block after `marker` in the guide.
fn guide_block(marker: &str) -> String {
    let guide = std::fs::read_to_string(sites::workspace().join("docs/embedding.md")).unwrap();
    let after = guide
        .split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("the guide marks {marker}"));
    let block = after.split("```").nth(1).expect("a fenced block follows the marker");
    block
        .split_once('\n')
        .map(|(_, body)| body)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

const VIOLATIONS: &str = "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

#[tokio::test(flavor = "multi_thread")]
async fn from_a_second_origin_under_the_guides_cdn_policy_a_journey_and_a_submission_complete() {
    let snippet = guide_block("<!-- snippet:cdn");
    let policy = guide_block("<!-- csp:cdn");
    assert!(
        snippet.contains("https://cdn.jsdelivr.net/npm/readiness-widget@"),
        "{snippet}"
    );
    assert!(
        policy.starts_with("script-src") && !policy.contains('\n'),
        "one CSP line: {policy}"
    );
    let guide_cors = std::fs::read_to_string(sites::workspace().join("docs/embedding.md")).unwrap();
    assert!(
        guide_cors.contains("`Access-Control-Allow-Origin: *`"),
        "the guide names the CORS header"
    );

    // The CDN: the built package, with the CORS header the guide names.
    let package = sites::built_site().join("widget");
    let cdn = static_files::serve(
        package.clone(),
        vec![("Access-Control-Allow-Origin".into(), "*".into())],
    )
    .await;
    // The endpoint on its own origin; the page's origin is allowed (known before the page server starts: reserved port).
    let page_port = support::free_port();
    let page_origin = format!("http://127.0.0.1:{page_port}");
    let db = std::env::temp_dir().join(format!("readiness-cdn-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let endpoint = sites::serve(&sites::built_site(), &db, &["--allow-origins", &page_origin]).await;

    let manifest: Value = serde_json::from_slice(&std::fs::read(package.join("manifest.json")).unwrap()).unwrap();
    let integrity = manifest["integrity"]["embed.js"].as_str().unwrap();
    let version = snippet
        .split("readiness-widget@")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let snippet = snippet
        .replace(
            &format!("https://cdn.jsdelivr.net/npm/readiness-widget@{version}"),
            &cdn.base,
        )
        .replace(
            "sha384-…the value of integrity.embed.js in pkg/manifest.json…",
            integrity,
        )
        .replace("https://www.example.com", &endpoint.base);
    assert!(
        snippet.contains(integrity),
        "the snippet pins the loader with SRI: {snippet}"
    );
    let policy = policy
        .replace("https://cdn.jsdelivr.net", &cdn.base)
        .replace("https://www.example.com", &endpoint.base);
    let page_dir = std::env::temp_dir().join(format!("readiness-cdn-page-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&page_dir);
    std::fs::create_dir_all(&page_dir).unwrap();
    std::fs::write(
        page_dir.join("datalayer.js"),
        "window.dataLayer = window.dataLayer || [];\n",
    )
    .unwrap();
    std::fs::write(
        page_dir.join("index.html"),
        format!("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>CDN</title><link rel=\"icon\" href=\"data:,\"><script src=\"/datalayer.js\"></script></head>\n<body>\n<h1>An article</h1>\n{snippet}\n</body>\n</html>\n"),
    )
    .unwrap();
    // The page server takes the reserved port.
    let page = static_files::serve_on(
        page_port,
        page_dir.clone(),
        vec![("Content-Security-Policy".into(), policy.clone())],
    )
    .await;
    assert_eq!(page.base, page_origin);

    let browser = Browser::start(1280, 900).await;
    cdp::on_new_document(&browser.client, VIOLATIONS).await;
    browser.client.goto(&format!("{}/", page.base)).await.unwrap();
    let served = browser
        .js("return fetch('/').then(r => r.headers.get('content-security-policy'));")
        .await;
    assert_eq!(served, json!(policy), "the page is served under the guide's line");
    browser.open_widget().await;
    browser.record_events().await;
    let from_cdn = browser
        .js("return performance.getEntriesByType('resource').filter((r) => /\\/(embed\\.js|readiness_widget[^/]*\\.(js|wasm))$/.test(r.name)).map((r) => new URL(r.name).origin);")
        .await;
    let origins: Vec<&str> = from_cdn.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        origins.len() == 3 && origins.iter().all(|o| *o == cdn.base),
        "loader, glue and wasm from the CDN: {from_cdn}"
    );
    browser.answer_by_keyboard(None).await;
    browser.press("Ask us how to close these gaps").await;
    browser.fill_contact_form(None).await;
    browser.press("Send my result").await;
    browser.wait_for_text("Your result has arrived", 20).await;
    browser.wait_for_event("lead", 10).await;

    let rows = Endpoint::export(&db);
    assert_eq!(rows.len(), 1, "the submission reached the endpoint on its own origin");
    assert_eq!(rows[0]["email"], "ada@example.com");
    let lead = &browser.events("lead").await[0];
    let mut keys: Vec<&String> = lead.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["instance", "modelVersion", "overall", "resultCode", "statuses"],
        "{lead}"
    );
    assert_eq!(
        lead["resultCode"].as_str(),
        Some(rows[0]["result_code"].as_str()),
        "{lead}"
    );
    assert_eq!(lead["statuses"].as_object().unwrap().len(), 5, "{lead}");
    assert!(
        !lead.to_string().contains("ada"),
        "no personal data in readiness:lead: {lead}"
    );
    let pushed = browser
        .js("return window.dataLayer.filter((e) => e.event === 'readiness_lead').map((e) => e.readiness);")
        .await;
    assert_eq!(pushed, json!([lead]), "readiness:lead reaches the dataLayer");
    let violations = browser.js("return window.__violations;").await;
    assert_eq!(violations, json!([]), "no CSP violation");
    drop(page);
    drop(cdn);
    endpoint.stop().await;
    let _ = std::fs::remove_dir_all(&page_dir);
    let _ = std::fs::remove_file(&db);
}
