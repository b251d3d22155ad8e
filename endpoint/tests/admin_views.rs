//! What the sales view shows: the filters (and the downloads of the current
//! filter), a submission's page, the overview, and the JSON download in the
//! OpenAPI document.

mod support;

use readiness_core::{assess, decode, Status};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use support::admin::*;
use support::*;

#[tokio::test]
async fn the_filters_narrow_the_list_and_its_downloads() {
    let server = admin_server("admin-filters").await;
    let mixed = code();
    let weak = assess(&decode(&mixed).unwrap());
    let (sign, status) = weak
        .signs()
        .iter()
        .find(|s| matches!(s.status, Status::Gap | Status::Close))
        .map(|s| (s.sign, s.status))
        .expect("the mixed code has a weak sign");
    submit(
        &server,
        "key-admin-filt-01",
        "=cmd|' /C calc'!A0",
        "weak@example.com",
        &mixed,
    )
    .await;
    submit(&server, "key-admin-filt-02", "Strong Co", "strong@example.com", &best()).await;
    submit(&server, "key-admin-filt-03", "Old Weak", "old@example.com", &mixed).await;
    received(&server, "old@example.com", "2026-01-15T10:00:00Z");
    received(&server, "strong@example.com", "2026-02-01T00:00:00Z");

    let all = json(&server, "/admin/export.json").await;
    assert_eq!(
        emails(&all),
        ["old@example.com", "strong@example.com", "weak@example.com"],
        "newest first"
    );
    let by_sign = json(&server, &format!("/admin/export.json?sign={}", sign.as_str())).await;
    assert_eq!(emails(&by_sign), ["old@example.com", "weak@example.com"]);
    let exact = json(
        &server,
        &format!("/admin/export.json?sign={}&status={}", sign.as_str(), status.as_str()),
    )
    .await;
    assert_eq!(exact.len(), 2);
    let other = if status == Status::Gap { "close" } else { "gap" };
    let none = json(
        &server,
        &format!("/admin/export.json?sign={}&status={other}", sign.as_str()),
    )
    .await;
    assert!(emails(&none).iter().all(|e| *e != "strong@example.com"));
    let january = json(&server, "/admin/export.json?from=2026-01-01&to=2026-01-31").await;
    assert_eq!(emails(&january), ["old@example.com"]);
    let to_inclusive = json(&server, "/admin/export.json?to=2026-02-01").await;
    assert_eq!(emails(&to_inclusive), ["old@example.com", "strong@example.com"]);
    let since = json(&server, "/admin/export.json?from=2026-03-01").await;
    assert_eq!(emails(&since), ["weak@example.com"]);

    let list = get(
        &server,
        &format!("/admin?sign={}&status=gap-or-close", sign.as_str()),
        Some(TOKEN),
    )
    .await;
    let html = list.text().await.unwrap();
    assert!(
        html.contains("2 submissions match") && !html.contains("Strong Co"),
        "{html}"
    );
    let csv = get(
        &server,
        &format!("/admin/export.csv?sign={}", sign.as_str()),
        Some(TOKEN),
    )
    .await;
    assert!(csv.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.contains("'=cmd|"), "formula-safe: {text}");
    assert_eq!(text.lines().count(), 3, "a header and two rows: {text}");
    let bad = get(&server, "/admin?sign=speed", Some(TOKEN)).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("not one of the five signs"));

    let overview = get(&server, "/admin/overview?from=2026-01-01", Some(TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(overview.contains("3 submissions since 2026-01-01"), "{overview}");
    let title = readiness_core::Locale::english().sign(sign).title;
    let counts = if status == Status::Gap {
        "<td>1</td><td>0</td><td>2</td>"
    } else {
        "<td>1</td><td>2</td><td>0</td>"
    };
    assert!(
        overview.contains(&format!("<th scope=\"row\">{title}</th>{counts}")),
        "{overview}"
    );
    assert!(overview.contains("<svg"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_submission_page_shows_the_map_scored_again_and_the_consent_text() {
    let server = admin_server("admin-detail").await;
    submit(&server, "key-admin-detail1", "Ada <script>", "ada@example.com", &code()).await;
    let page = get(&server, "/admin/submissions/1", Some(TOKEN)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Ada &lt;script&gt;") && !html.contains("Ada <script>"),
        "escaped"
    );
    assert!(html.contains("I agree that my result is sent."));
    let report = assess(&decode(&code()).unwrap());
    for sign in report.signs() {
        let title = readiness_core::Locale::english().sign(sign.sign).title;
        assert!(
            html.contains(&format!("<th scope=\"row\">{title}</th><td>{}</td>", sign.score)),
            "{title}"
        );
    }
    assert!(html.contains("<svg"));
    assert!(
        !html.contains("<script") && !html.contains("style="),
        "nothing the CSP would block"
    );
    assert_eq!(
        get(&server, "/admin/submissions/99", Some(TOKEN)).await.status(),
        StatusCode::NOT_FOUND
    );
    server.shutdown().await;
}
#[tokio::test]
async fn the_json_download_is_in_the_openapi_document_and_validates_against_it() {
    let server = admin_server("admin-openapi").await;
    submit(&server, "key-admin-oapi-01", "Ada", "ada@example.com", &code()).await;
    let document: Value = get(&server, "/openapi.json", None).await.json().await.unwrap();
    let operation = &document["paths"]["/admin/export.json"]["get"];
    assert_eq!(operation["security"][0]["admin_token"], json!([]), "{operation}");
    assert_eq!(
        document["components"]["securitySchemes"]["admin_token"]["scheme"],
        "bearer"
    );
    let names: Vec<&str> = operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sign", "status", "from", "to", "spam", "delivery", "page"]);
    assert!(document["paths"]["/admin/export.csv"]["get"]["responses"]["200"]["content"]["text/csv"].is_object());
    let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/Export");
    let schema = json!({ "$ref": schema["$ref"], "components": document["components"] });
    let export = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let body: Value = get(&server, "/admin/export.json", Some(TOKEN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["submissions"].as_array().unwrap().len(), 1);
    assert!(export.is_valid(&body), "{body}");
    assert!(
        !export.is_valid(&json!({ "submissions": [{ "id": 1 }] })),
        "cells are text"
    );
    server.shutdown().await;
}

/// The deliveries table of `database`: (submission, state) per row.
fn delivery_states(database: &std::path::Path) -> Vec<(i64, String)> {
    let connection = rusqlite::Connection::open(database).unwrap();
    let mut statement = connection
        .prepare("SELECT submission_id, state FROM deliveries ORDER BY id")
        .unwrap();
    let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn spam_and_delivery_state_filters_and_each_submissions_deliveries() {
    use support::receiver::{Log, Receiver, SECRET};
    let ok = Receiver::start(0, Log::default()).await;
    let failing = Log::default();
    *failing.answer.lock().unwrap() = 503;
    let down = Receiver::start(0, failing).await;
    let server = start_with(temp_db("admin-outbox"), |c| {
        c.admin_token = Some(TOKEN.into());
        c.webhook_url = vec![ok.url.clone(), down.url.clone()];
        c.webhook_secret = Some(SECRET.into());
        c.retry_base_ms = 20;
        c.retry_cap_ms = 50;
        c.max_attempts = 1;
    })
    .await;
    submit(&server, "key-admin-outb-01", "Ada", "ada@example.com", &code()).await;
    let mut spam = valid();
    spam["website"] = json!("http://spam.example");
    spam["contact"]["email"] = json!("bot@example.com");
    assert_eq!(
        post_json(&server, "key-admin-outb-02", &spam).await.status(),
        StatusCode::CREATED
    );
    // The outbox settles: one delivered and one dead letter per submission.
    for _ in 0..100 {
        if delivery_states(&server.database)
            .iter()
            .all(|(_, state)| state != "pending")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let states = delivery_states(&server.database);
    assert_eq!(states.len(), 4, "{states:?}");
    assert!(states.iter().all(|(_, s)| s != "pending"), "{states:?}");
    // Ada's dead letter is delivered after all (as a retry would): only the bot has one left.
    let connection = rusqlite::Connection::open(&server.database).unwrap();
    connection
        .execute("UPDATE deliveries SET state = 'delivered' WHERE submission_id = 1", [])
        .unwrap();

    assert_eq!(
        emails(&json(&server, "/admin/export.json?spam=yes").await),
        ["bot@example.com"]
    );
    assert_eq!(
        emails(&json(&server, "/admin/export.json?spam=no").await),
        ["ada@example.com"]
    );
    assert_eq!(
        emails(&json(&server, "/admin/export.json?delivery=dead").await),
        ["bot@example.com"]
    );
    assert_eq!(
        emails(&json(&server, "/admin/export.json?delivery=pending").await),
        Vec::<&str>::new()
    );
    let delivered = json(&server, "/admin/export.json?delivery=delivered&spam=no").await;
    assert_eq!(emails(&delivered), ["ada@example.com"]);
    assert_eq!(delivered[0]["deliveries"], "webhook delivered; webhook delivered");
    let list = get(&server, "/admin?spam=yes", Some(TOKEN)).await.text().await.unwrap();
    assert!(
        list.contains("suspected spam") && list.contains("1 submission match"),
        "{list}"
    );

    let page = get(&server, "/admin/submissions/2", Some(TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Suspected spam"), "{page}");
    assert!(
        page.contains("Delivered") && page.contains("Failed (dead letter)"),
        "{page}"
    );
    assert!(page.contains(&ok.url) && page.contains("Last error"), "{page}");

    // Erasing the bot deletes its deliveries too (none was pending).
    let erased = client()
        .post(format!("{}/admin/submissions/2/erase", server.base))
        .bearer_auth(TOKEN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), StatusCode::OK);
    assert!(erased
        .text()
        .await
        .unwrap()
        .contains("erased 1 submission and 0 pending deliveries"));
    assert!(delivery_states(&server.database).iter().all(|(id, _)| *id == 1));
    server.shutdown().await;
}
