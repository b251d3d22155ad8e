//! Issue 22, the plan by e-mail, against a real SMTP server (aiosmtpd) and a
//! real webhook receiver: one multipart message to the visitor in their
//! language, a `plan.sent` webhook without the address, the daily limits
//! (refused with a reason, nothing queued), an invalid address refused by
//! field, a retry answered once, and `erase --email` / retention taking the
//! address with the rest.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::receiver::{Log, Receiver, SECRET};
use support::smtp::{part, SmtpServer};
use support::*;

fn plan_body(email: &str) -> Value {
    json!({
        "schema": "readiness-plan/1",
        "result_code": code(),
        "model_version": readiness_core::Model::current().version,
        "email": email,
        "consent": { "given": true, "text": "Send min plan til denne adresse; intet andet." },
        "locale": "da",
        "page_url": "https://site.example/artikel?utm_source=nyhedsbrev",
        "instance": "default",
    })
}

async fn post_plan(server: &Server, key: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/plan", server.base))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

fn count(database: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(database)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn the_plan_is_e_mailed_once_in_danish_and_limits_refuse_with_nothing_queued() {
    let database = temp_db("plan");
    let smtp = SmtpServer::start(database.with_file_name("maildir"));
    let receiver = Receiver::start(0, Log::default()).await;
    let server = start_with(database.clone(), |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
        c.notify_to = Some("sales@firm.example".into());
        c.notify_from = "Firm <plans@firm.example>".into();
        c.webhook_url = vec![receiver.url.clone()];
        c.webhook_secret = Some(SECRET.into());
        c.retry_base_ms = 50;
        c.plan_per_recipient = 1;
        c.plan_per_client = 3;
        c.admin_token = Some(support::admin::TOKEN.into());
    })
    .await;

    // An address that is not one: refused by field, nothing stored or queued.
    let bad = post_plan(&server, "plan-key-bad1", &plan_body("ada@example")).await;
    assert_eq!(bad.status(), 422);
    let bad: Value = bad.json().await.unwrap();
    assert_eq!(bad["field"], "email", "{bad}");
    assert_eq!(count(&database, "SELECT COUNT(*) FROM deliveries"), 0);

    let first = post_plan(&server, "plan-key-0001", &plan_body("Ada@Example.com")).await;
    assert_eq!(first.status(), 202);
    let id = first.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    // A retry of the same request: answered, nothing queued again, not counted.
    let retry = post_plan(&server, "plan-key-0001", &plan_body("Ada@Example.com")).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    // The same recipient again (another key, another case): past the limit of one a day.
    let again = post_plan(&server, "plan-key-0002", &plan_body("ada@example.com")).await;
    assert_eq!(again.status(), 429);
    assert!(again.headers().contains_key("retry-after"));
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["error"], "plan-limit", "{again}");
    assert_eq!(
        count(&database, "SELECT COUNT(*) FROM plan_requests"),
        1,
        "nothing stored past the limit"
    );
    assert_eq!(
        count(&database, "SELECT COUNT(*) FROM deliveries"),
        2,
        "one e-mail and one webhook, nothing more"
    );
    // The client's own limit: three a day from one address, whoever the recipient.
    assert_eq!(
        post_plan(&server, "plan-key-0003", &plan_body("bo@example.com"))
            .await
            .status(),
        202
    );
    let client_limited = post_plan(&server, "plan-key-0004", &plan_body("cy@example.com")).await;
    assert_eq!(client_limited.status(), 429, "the third counted request of this client");

    let deadline = Instant::now() + Duration::from_secs(20);
    while (smtp.messages().len() < 2 || receiver.log.received.lock().unwrap().len() < 2) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let messages = smtp.messages();
    assert_eq!(messages.len(), 2, "one e-mail per accepted request");
    let message = messages
        .iter()
        .find(|m| m.contains(&format!("plan_{id}@")))
        .expect("the first request's message");
    assert!(message.contains("To: Ada@Example.com"), "{message}");
    assert!(message.contains("Reply-To: sales@firm.example"), "{message}");
    assert!(message.contains("multipart/alternative"), "{message}");
    let plain = part(message, "text/plain");
    assert!(plain.contains("Dit kort over de fem tegn"), "Danish: {plain}");
    for title in readiness_core::SignId::ALL.map(|s| readiness_core::Locale::get("da").unwrap().sign(s).title) {
        assert!(plain.contains(title), "{title} in {plain}");
    }
    let link = format!("https://site.example/artikel?utm_source=nyhedsbrev#result={}", code());
    assert!(plain.contains(&link), "the share link: {plain}");
    let html = part(message, "text/html");
    assert!(html.contains("<html lang=\"da\">"), "{html}");
    assert!(html.contains(&link.replace('&', "&amp;")), "{html}");

    let received = receiver.log.received.lock().unwrap().clone();
    let plan_sent: Vec<_> = received.iter().filter(|r| r.body["type"] == "plan.sent").collect();
    assert_eq!(plan_sent.len(), 2, "{received:?}");
    assert!(plan_sent.iter().all(|r| r.verified && r.id.starts_with("plan_")));
    let body = plan_sent[0].body.to_string();
    assert!(
        !body.to_lowercase().contains("example.com"),
        "no address in plan.sent: {body}"
    );
    assert_eq!(plan_sent[0].body["data"]["locale"], "da");
    // The sales view counts them (not as leads, and without addresses).
    let overview = support::admin::get(&server, "/admin/overview", Some(support::admin::TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(overview.contains("2 plans e-mailed to visitors"), "{overview}");
    assert!(!overview.to_lowercase().contains("ada@example.com"), "{overview}");

    // The visitor then sends the contact form: their browser reports the plan and one booking
    // page opened; the sales e-mail, the lead.created webhook and the sales view say so.
    let mut lead = valid();
    lead["plan_requested"] = json!(true);
    lead["bookings_opened"] = json!(1);
    assert_eq!(post_json(&server, "plan-key-lead1", &lead).await.status(), 201);
    let deadline = Instant::now() + Duration::from_secs(20);
    while (smtp.messages().len() < 3 || receiver.log.received.lock().unwrap().len() < 3) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sales = smtp
        .messages()
        .into_iter()
        .find(|m| m.contains("Message-ID: <msg_"))
        .expect("the sales e-mail");
    assert!(
        part(&sales, "text/plain")
            .contains("They also asked for their plan by e-mail and opened the booking page once."),
        "{sales}"
    );
    let created = receiver
        .log
        .received
        .lock()
        .unwrap()
        .iter()
        .find(|r| r.body["type"] == "lead.created")
        .map(|r| r.body.clone())
        .expect("lead.created");
    assert_eq!(created["data"]["plan_requested"], json!(true));
    assert_eq!(created["data"]["bookings_opened"], json!(1));
    let page = support::admin::get(&server, "/admin/submissions/1", Some(support::admin::TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<dt>Plan by e-mail</dt><dd>asked for it</dd>"), "{page}");
    assert!(page.contains("<dt>Booking page</dt><dd>opened once</dd>"), "{page}");
    server.shutdown().await;

    // erase --email takes the plan request and its deliveries (case-insensitively).
    let erased = readiness_endpoint::privacy::erase_database(
        &readiness_endpoint::store::Database::from(database.clone()),
        "ADA@example.com",
    )
    .await
    .unwrap();
    assert_eq!(
        erased.to_string(),
        "erased 1 submission, 1 plan request and 0 pending deliveries"
    );
    assert_eq!(
        count(
            &database,
            "SELECT COUNT(*) FROM plan_requests WHERE lower(email) = 'ada@example.com'"
        ),
        0
    );
    assert_eq!(
        count(
            &database,
            &format!("SELECT COUNT(*) FROM deliveries WHERE plan_request_id = {id}")
        ),
        0
    );
    assert_eq!(
        count(&database, "SELECT COUNT(*) FROM plan_requests"),
        1,
        "others are kept"
    );
}

#[tokio::test]
async fn without_an_smtp_relay_there_is_no_plan_e_mail_and_retention_purges_plans() {
    let server = start("plan-off").await;
    let off = post_plan(&server, "plan-key-off1", &plan_body("ada@example.com")).await;
    assert_eq!(off.status(), 404);
    assert_eq!(off.json::<Value>().await.unwrap()["error"], "plan-off");
    let database = server.database.clone();
    server.shutdown().await;

    let connection = rusqlite::Connection::open(&database).unwrap();
    connection
        .execute(
            "INSERT INTO plan_requests (received_at, email, locale, result_code, idempotency_key, created_at) \
             VALUES ('2020-01-01T00:00:00Z', 'old@example.com', 'en', 'X', 'old-key-1', 0)",
            [],
        )
        .unwrap();
    connection
        .execute(
            "INSERT INTO deliveries (plan_request_id, kind, target, message_id, payload, created_at, next_attempt_at) \
             VALUES (1, 'plan', 'visitor', 'plan_1', '{}', 0, 0)",
            [],
        )
        .unwrap();
    drop(connection);
    let store = readiness_endpoint::store::Store::open(&readiness_endpoint::store::Database::from(database.clone()), 1)
        .await
        .unwrap();
    store.purge(30).await.unwrap();
    assert_eq!(
        count(&database, "SELECT COUNT(*) FROM plan_requests"),
        0,
        "retention purges plan requests"
    );
    assert_eq!(
        count(&database, "SELECT COUNT(*) FROM deliveries"),
        0,
        "and their deliveries"
    );
}
