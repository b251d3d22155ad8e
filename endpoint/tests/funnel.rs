//! The sales view's funnel of the anonymous counts (issue 23): counts per
//! milestone per locale, two intro variants compared (interval and verdict),
//! the CSV of the counts, the period and path filters, and access.

mod support;

use readiness_contract::count::Milestone;
use readiness_endpoint::store::{CountKey, Database, Store};
use reqwest::StatusCode;
use support::admin::*;

async fn add(store: &Store, locale: &str, variant: &str, milestone: Milestone, times: u32) {
    for _ in 0..times {
        store
            .count(CountKey {
                day: readiness_endpoint::count::today(),
                path: "/blog/five-signs".into(),
                locale: locale.into(),
                variant: variant.into(),
                model_version: readiness_core::Model::current().version,
                milestone,
            })
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_funnel_shows_each_locale_and_compares_the_variants() {
    let server = admin_server("funnel").await;
    let store = Store::open(&Database::from(server.database.clone()), 1).await.unwrap();
    // Variant a: 100 seen, 30 started, 10 results; b: 100 seen, 55 started, 12 results; 5 Danish views of a.
    for (variant, seen, started, result) in [("a", 100, 30, 10), ("b", 100, 55, 12)] {
        add(&store, "en", variant, Milestone::Seen, seen).await;
        add(&store, "en", variant, Milestone::Started, started).await;
        add(&store, "en", variant, Milestone::Result, result).await;
    }
    add(&store, "da", "a", Milestone::Seen, 5).await;
    add(&store, "en", "b", Milestone::Sent, 3).await;

    assert_eq!(
        get(&server, "/admin/funnel", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let page = get(&server, "/admin/funnel", Some(TOKEN)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for needle in [
        "<h2 id=\"funnel-all\">All locales</h2>",
        "<h2 id=\"funnel-da\">Locale da</h2>",
        "<h2 id=\"funnel-en\">Locale en</h2>",
        // Every locale: 205 seen, 3 sent.
        "Seen → sent: <strong>1.5 %</strong> (3 of 205 page views).",
        "<th scope=\"row\">a</th><td>105</td><td>30</td><td>28.6 % <span class=\"ci\">(20.8–37.8 %)</span></td>",
        "<th scope=\"row\">b</th><td>100</td><td>55</td><td>55.0 % <span class=\"ci\">(45.2–64.4 %)</span></td>",
        "Start rate: b is higher than a, and the difference is distinguishable from noise (95 % level).",
        "Completion rate: the difference between b and a is not distinguishable from noise yet; keep the test running.",
        "<option value=\"/blog/five-signs\">/blog/five-signs</option>",
    ] {
        assert!(html.contains(needle), "{needle} in\n{html}");
    }

    let csv = get(&server, "/admin/funnel.csv?path=%2Fblog%2Ffive-signs", Some(TOKEN)).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "path,locale,variant,milestone,count");
    assert!(lines.contains(&"/blog/five-signs,da,a,seen,5"), "{csv}");
    assert!(lines.contains(&"/blog/five-signs,en,b,started,55"), "{csv}");
    assert_eq!(lines.len(), 1 + 1 + 3 + 4, "{csv}");

    let elsewhere = get(&server, "/admin/funnel?from=2000-01-01&to=2000-01-31", Some(TOKEN)).await;
    assert!(elsewhere
        .text()
        .await
        .unwrap()
        .contains("Nothing counted for this page and period."));
    let other_path = get(&server, "/admin/funnel?path=%2Fnot-counted", Some(TOKEN)).await;
    assert!(other_path.text().await.unwrap().contains("Nothing counted"));
    let bad = get(&server, "/admin/funnel?from=2026-12-05&to=2026-12-01", Some(TOKEN)).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("after it ends"));
    server.shutdown().await;
}
