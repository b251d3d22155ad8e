//! The store's behaviour on both engines: each behaviour is a test on a SQLite
//! file and one on a database of a real PostgreSQL server (skipped without
//! one; `cargo xtask test` starts one).

mod support;

use std::path::PathBuf;
use std::time::Duration;

use readiness_endpoint::store::{Database, Store};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::receiver::{Log, Receiver, SECRET};
use support::*;

/// Two tests of one behaviour, `<name>::sqlite` and `<name>::postgres`. The PostgreSQL one is
/// `#[ignore]`d, so that without a server it is reported as skipped (`ignored`), never as passed;
/// `cargo xtask test` starts a server, sets `READINESS_TEST_POSTGRES` and runs it (`--include-ignored`).
macro_rules! on_both_engines {
    ($name:ident, $label:literal) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(super::temp_db($label)).await
            }

            #[tokio::test]
            #[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
            async fn postgres() {
                super::$name(super::pg_database($label).await).await
            }
        }
    };
    ($name:ident, $label:literal, multi_thread) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(super::temp_db($label)).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            #[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
            async fn postgres() {
                super::$name(super::pg_database($label).await).await
            }
        }
    };
}

/// The engine's name, for messages.
fn engine(database: &std::path::Path) -> &'static str {
    if database.to_string_lossy().starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    }
}

/// The test `a_replay_answers_the_first_answer_and_a_reused_key_is_409::{sqlite,postgres}`.
async fn a_replay_answers_the_first_answer_and_a_reused_key_is_409(database: PathBuf) {
    let server = start_with(database.clone(), |_| {}).await;
    let first = post_json(&server, "key-engines-0001", &valid()).await;
    assert_eq!(first.status(), StatusCode::CREATED, "{}", engine(&database));
    let first: Value = first.json().await.unwrap();
    let again = post_json(&server, "key-engines-0001", &valid()).await;
    assert_eq!(again.status(), StatusCode::OK, "{}", engine(&database));
    assert_eq!(again.json::<Value>().await.unwrap(), first, "{}", engine(&database));
    let mut other = valid();
    other["contact"]["name"] = json!("Someone Else");
    let conflict = post_json(&server, "key-engines-0001", &other).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT, "{}", engine(&database));
    let rows = rows_of(&database).await;
    assert_eq!(rows.len(), 1, "{}", engine(&database));
    assert_eq!(rows[0][column("name")], "Ada Lovelace");
    assert_eq!(rows[0][column("idempotency_key")], "key-engines-0001");
    assert_eq!(
        rows[0][column("client_scores_matched")].len(),
        1,
        "0 or 1 on both engines"
    );
    server.shutdown().await;
}

on_both_engines!(a_replay_answers_the_first_answer_and_a_reused_key_is_409, "replay");

/// The test `eight_concurrent_requests_with_one_key_store_one_row::{sqlite,postgres}`.
async fn eight_concurrent_requests_with_one_key_store_one_row(database: PathBuf) {
    let server = start_with(database.clone(), |_| {}).await;
    let url = format!("{}/contact", server.base);
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (url, body) = (url.clone(), valid());
        set.spawn(async move {
            let response = reqwest::Client::new()
                .post(url)
                .header("Idempotency-Key", "key-engines-double")
                .json(&body)
                .send()
                .await
                .unwrap();
            response.status()
        });
    }
    let statuses = set.join_all().await;
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let replayed = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!((created, replayed), (1, 7), "{}: {statuses:?}", engine(&database));
    assert_eq!(rows_of(&database).await.len(), 1, "{}", engine(&database));
    server.shutdown().await;
}

on_both_engines!(
    eight_concurrent_requests_with_one_key_store_one_row,
    "one-key",
    multi_thread
);

/// The test `a_pruned_key_is_still_recognised_from_the_stored_submission::{sqlite,postgres}`.
async fn a_pruned_key_is_still_recognised_from_the_stored_submission(database: PathBuf) {
    let server = start_with(database.clone(), |_| {}).await;
    let first = post_json(&server, "key-engines-pruned", &valid()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let store = Store::open(&Database::from(database.clone()), 1).await.unwrap();
    // An hour from now: every key is older than the cutoff.
    let cutoff = time::OffsetDateTime::now_utc().unix_timestamp() + 3600;
    assert_eq!(store.prune_keys(cutoff).await.unwrap(), 1, "{}", engine(&database));
    let again = post_json(&server, "key-engines-pruned", &valid()).await;
    assert_eq!(again.status(), StatusCode::OK, "{}", engine(&database));
    assert_eq!(again.json::<Value>().await.unwrap(), first, "{}", engine(&database));
    assert_eq!(rows_of(&database).await.len(), 1);
    server.shutdown().await;
}

on_both_engines!(a_pruned_key_is_still_recognised_from_the_stored_submission, "pruned");

/// The test `migrations_started_twice_at_once_apply_once::{sqlite,postgres}`.
async fn migrations_started_twice_at_once_apply_once(database: PathBuf) {
    let db = Database::from(database.clone());
    let (a, b) = tokio::join!(Store::open(&db, 1), Store::open(&db, 1));
    a.unwrap_or_else(|e| panic!("{}: {e}", engine(&database)));
    b.unwrap_or_else(|e| panic!("{}: {e}", engine(&database)));
    assert!(
        Store::open(&Database::from(database.clone()), 1).await.is_ok(),
        "and once more, with nothing to do"
    );
    assert!(rows_of(&database).await.is_empty());
}

on_both_engines!(
    migrations_started_twice_at_once_apply_once,
    "migrate-twice",
    multi_thread
);

/// The test `each_submission_is_delivered_once_and_recorded::{sqlite,postgres}`.
async fn each_submission_is_delivered_once_and_recorded(database: PathBuf) {
    let receiver = Receiver::start(0, Log::default()).await;
    let url = receiver.url.clone();
    let server = start_with(database.clone(), move |c| {
        c.webhook_url = vec![url];
        c.webhook_secret = Some(SECRET.into());
    })
    .await;
    for i in 0..5 {
        let response = post_json(&server, &format!("key-engines-deliver-{i}"), &valid()).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while receiver.log.received.lock().unwrap().len() < 5 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A little longer: a second delivery would show now.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = receiver.log.received.lock().unwrap().clone();
    assert!(received.iter().all(|r| r.verified));
    let mut ids: Vec<&str> = received.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((received.len(), ids.len()), (5, 5), "{}", engine(&database));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let rows = rows_of(&database).await;
        let done = rows.iter().filter(|r| r.last().unwrap() == "webhook delivered").count();
        if done == 5 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}: {done} recorded delivered",
            engine(&database)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.shutdown().await;
}

on_both_engines!(each_submission_is_delivered_once_and_recorded, "deliver", multi_thread);

/// The test `healthz_reads_either_engine::{sqlite,postgres}`.
async fn healthz_reads_either_engine(database: PathBuf) {
    let server = start_with(database.clone(), |_| {}).await;
    let response = reqwest::get(format!("{}/healthz", server.base)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{}", engine(&database));
    server.shutdown().await;
}

on_both_engines!(healthz_reads_either_engine, "health");

#[tokio::test]
async fn a_bad_postgres_url_fails_at_start_without_its_password() {
    let database = std::path::PathBuf::from("postgres://ada:s3cret@127.0.0.1:1/nothing");
    let error = Store::open(&Database::from(database.clone()), 1)
        .await
        .err()
        .expect("nothing listens on port 1");
    assert!(!error.to_string().contains("s3cret"), "{error}");
    let shown = Database::from(database.clone()).to_string();
    assert_eq!(shown, "postgres://ada:***@127.0.0.1:1/nothing");
}

/// The test `the_sales_view_erase_and_retention_on_either_engine::{sqlite,postgres}`.
async fn the_sales_view_erase_and_retention_on_either_engine(database: PathBuf) {
    use readiness_core::{assess, decode, Status};
    use support::admin::{best, emails, get, json, received_on, submit, TOKEN};
    let on = engine(&database);
    let server = start_with(database.clone(), |c| c.admin_token = Some(TOKEN.into())).await;
    let mixed = code();
    let sign = assess(&decode(&mixed).unwrap())
        .signs()
        .iter()
        .find(|s| matches!(s.status, Status::Gap | Status::Close))
        .map(|s| s.sign)
        .expect("the mixed code has a weak sign");
    submit(&server, "key-engines-admin-1", "Weak Co", "weak@example.com", &mixed).await;
    submit(
        &server,
        "key-engines-admin-2",
        "Strong Co",
        "strong@example.com",
        &best(),
    )
    .await;
    submit(&server, "key-engines-admin-3", "Old Weak", "old@example.com", &mixed).await;
    received_on(&database, "old@example.com", "2026-01-15T10:00:00Z").await;
    received_on(&database, "strong@example.com", "2026-02-01T00:00:00Z").await;

    let all = json(&server, "/admin/export.json").await;
    assert_eq!(
        emails(&all),
        ["old@example.com", "strong@example.com", "weak@example.com"],
        "{on}"
    );
    let by_sign = json(&server, &format!("/admin/export.json?sign={}", sign.as_str())).await;
    assert_eq!(emails(&by_sign), ["old@example.com", "weak@example.com"], "{on}");
    let january = json(&server, "/admin/export.json?from=2026-01-01&to=2026-01-31").await;
    assert_eq!(emails(&january), ["old@example.com"], "{on}");
    let to_inclusive = json(&server, "/admin/export.json?to=2026-02-01").await;
    assert_eq!(emails(&to_inclusive), ["old@example.com", "strong@example.com"], "{on}");
    let html = get(
        &server,
        &format!("/admin?sign={}&status=gap-or-close", sign.as_str()),
        Some(TOKEN),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        html.contains("2 submissions match") && !html.contains("Strong Co"),
        "{on}: {html}"
    );
    let overview = get(&server, "/admin/overview?from=2026-01-01", Some(TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(overview.contains("3 submissions since 2026-01-01"), "{on}: {overview}");
    let rows = rows_of(&database).await;
    let weak = rows.iter().find(|r| r[column("email")] == "weak@example.com").unwrap();
    let page = get(
        &server,
        &format!("/admin/submissions/{}", weak[column("id")]),
        Some(TOKEN),
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK, "{on}");
    assert!(page.text().await.unwrap().contains("Weak Co"), "{on}");

    let store = Store::open(&Database::from(database.clone()), 1).await.unwrap();
    let erased = store.erase("WEAK@example.com".into()).await.unwrap();
    assert_eq!((erased.submissions, erased.deliveries), (1, 0), "{on}");
    assert_eq!(store.purge(100_000).await.unwrap(), 0, "{on}: nothing is that old");
    assert_eq!(
        store.purge(30).await.unwrap(),
        2,
        "{on}: January and February are past 30 days"
    );
    assert!(rows_of(&database).await.is_empty(), "{on}");
    server.shutdown().await;
}

on_both_engines!(the_sales_view_erase_and_retention_on_either_engine, "admin");

/// The test `signing_out_ends_the_session_on_every_instance::{sqlite,postgres}`.
async fn signing_out_ends_the_session_on_every_instance(database: PathBuf) {
    use support::admin::{hidden, post_form, sign_in, TOKEN};
    let with_token = |c: &mut readiness_endpoint::Config| c.admin_token = Some(TOKEN.into());
    let a = start_with(database.clone(), with_token).await;
    let b = start_with(database.clone(), with_token).await;
    let session = sign_in(&a).await;
    let open = |server: &Server| {
        reqwest::Client::new()
            .get(format!("{}/admin", server.base))
            .header("cookie", session.clone())
            .send()
    };
    let page = open(&b).await.unwrap();
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "{}: the session works on B",
        engine(&database)
    );
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let out = post_form(&a, "/admin/sign-out", &session, Some(&a.base), &[("csrf", &csrf)]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    for (name, server) in [("A", &a), ("B", &b)] {
        assert_eq!(
            open(server).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "{}: the signed-out cookie is refused on {name}",
            engine(&database)
        );
    }
    assert!(!sign_in(&b).await.is_empty(), "a new sign-in still works");
    a.shutdown().await;
    b.shutdown().await;
}

on_both_engines!(signing_out_ends_the_session_on_every_instance, "sign-out", multi_thread);

/// The test `the_outbox_depth_per_destination_and_state_reads_the_same_on_both_engines::{sqlite,postgres}`.
async fn the_outbox_depth_per_destination_and_state_reads_the_same_on_both_engines(database: PathBuf) {
    use readiness_endpoint::store::{DeliveryState, QueueDepth};
    let on = engine(&database);
    let ok = Receiver::start(0, Log::default()).await;
    let gone_log = Log::default();
    *gone_log.answer.lock().unwrap() = 410;
    let gone = Receiver::start(0, gone_log).await;
    let urls = vec![ok.url.clone(), gone.url.clone()];
    let server = start_with(database.clone(), move |c| {
        c.webhook_url = urls;
        c.webhook_secret = Some(SECRET.into());
    })
    .await;
    let store = Store::open(&Database::from(database.clone()), 1).await.unwrap();
    assert_eq!(store.queue_depth().await.unwrap(), vec![], "{on}: empty at first");
    for key in ["key-engines-depth-1", "key-engines-depth-2"] {
        assert_eq!(post_json(&server, key, &valid()).await.status(), StatusCode::CREATED);
    }
    let mut expected = vec![
        QueueDepth {
            kind: "webhook".into(),
            target: ok.url.clone(),
            state: DeliveryState::Delivered,
            count: 2,
        },
        QueueDepth {
            kind: "webhook".into(),
            target: gone.url.clone(),
            state: DeliveryState::Dead,
            count: 2,
        },
    ];
    // The store's order: kind, target, state.
    expected.sort_by(|a, b| (&a.kind, &a.target).cmp(&(&b.kind, &b.target)));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let depth = store.queue_depth().await.unwrap();
        if depth == expected {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{on}: {depth:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.shutdown().await;
}

on_both_engines!(
    the_outbox_depth_per_destination_and_state_reads_the_same_on_both_engines,
    "depth",
    multi_thread
);

on_both_engines!(plan_requests_are_replayed_limited_counted_and_erased, "engines-plan");

/// Issue 22: a plan request to `email` with `key`, received at `received_at`, one a day per
/// recipient, with a plan e-mail and a webhook delivery.
fn new_plan(key: &str, email: &str, received_at: &str) -> readiness_endpoint::store::NewPlan {
    use readiness_endpoint::store::{NewPlan, PlanRendered, Queued};
    let now = unix_now();
    NewPlan {
        key: key.into(),
        received_at: received_at.into(),
        created_unix: now,
        email: email.into(),
        locale: "da".into(),
        result_code: "CODE".into(),
        since_unix: now - 86_400,
        per_recipient: 1,
        queued_ms: now * 1000,
        queue: vec![
            Queued {
                kind: "plan",
                target: "visitor".into(),
            },
            Queued {
                kind: "webhook",
                target: "http://127.0.0.1:9/hook".into(),
            },
        ],
        render: Box::new(|id| PlanRendered {
            mail: format!("{{\"plan\":{id}}}"),
            event: format!("{{\"event\":{id}}}"),
            message_id: format!("plan_{id}"),
        }),
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Issue 22: a plan request and its deliveries in one transaction; a retry is a replay; the
/// recipient's daily limit (case-insensitive) stores nothing; the overview counts it; `erase` and
/// retention take it with its deliveries.
async fn plan_requests_are_replayed_limited_counted_and_erased(database: PathBuf) {
    use readiness_endpoint::store::PlanWritten;
    let on = engine(&database);
    let store = Store::open(&Database::from(database.clone()), 2).await.unwrap();
    let now = unix_now();
    let today = "2026-12-05T10:00:00Z";
    let PlanWritten::Created(id) = store
        .insert_plan(new_plan("plan-key-e1", "Ada@Example.com", today))
        .await
        .unwrap()
    else {
        panic!("{on}: the first request is stored");
    };
    assert_eq!(
        store
            .insert_plan(new_plan("plan-key-e1", "Ada@Example.com", today))
            .await
            .unwrap(),
        PlanWritten::Replayed(id),
        "{on}"
    );
    assert_eq!(store.plan_seen("plan-key-e1".into()).await.unwrap(), Some(id), "{on}");
    assert_eq!(store.plan_seen("plan-key-none".into()).await.unwrap(), None, "{on}");
    assert_eq!(
        store
            .insert_plan(new_plan("plan-key-e2", "ADA@example.com", today))
            .await
            .unwrap(),
        PlanWritten::Limited,
        "{on}: one a day for this recipient"
    );
    let deliveries = store.deliveries(None).await.unwrap();
    assert_eq!(deliveries.len(), 2, "{on}: {deliveries:?}");
    assert!(deliveries
        .iter()
        .all(|d| d.plan_request_id == Some(id) && d.message_id == format!("plan_{id}")));
    let claimed = store.claim(now * 1000 + 1, now * 1000 + 60_000, 10).await.unwrap();
    let mail = claimed
        .iter()
        .find(|c| c.kind == "plan")
        .expect("the plan e-mail is claimable");
    assert_eq!(mail.payload, format!("{{\"plan\":{id}}}"), "{on}");
    assert_eq!(store.overview(None, None).await.unwrap().plans, 1, "{on}");

    let erased = store.erase("ada@EXAMPLE.com".into()).await.unwrap();
    assert_eq!((erased.submissions, erased.plans, erased.deliveries), (0, 1, 2), "{on}");
    assert!(store.deliveries(None).await.unwrap().is_empty(), "{on}");
    assert_eq!(store.overview(None, None).await.unwrap().plans, 0, "{on}");

    store
        .insert_plan(new_plan("plan-key-e3", "old@example.com", "2020-01-01T00:00:00Z"))
        .await
        .unwrap();
    store.purge(30).await.unwrap();
    assert_eq!(
        store.overview(None, None).await.unwrap().plans,
        0,
        "{on}: retention takes it"
    );
    assert!(store.deliveries(None).await.unwrap().is_empty(), "{on}");
}

on_both_engines!(
    plan_requests_at_once_to_one_recipient_pass_the_limit_once,
    "engines-plan-race",
    multi_thread
);

/// Six plan requests to one recipient (one a day allowed) at the same moment, each on its own
/// connection: exactly one is stored, the others are refused by the limit.
async fn plan_requests_at_once_to_one_recipient_pass_the_limit_once(database: PathBuf) {
    use readiness_endpoint::store::PlanWritten;
    let on = engine(&database);
    let store = std::sync::Arc::new(Store::open(&Database::from(database.clone()), 6).await.unwrap());
    let requests: Vec<_> = (0..6)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .insert_plan(new_plan(
                        &format!("plan-race-{i}"),
                        "Race@Example.com",
                        "2026-12-05T10:00:00Z",
                    ))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut written = Vec::new();
    for request in requests {
        written.push(request.await.unwrap());
    }
    let created = written.iter().filter(|w| matches!(w, PlanWritten::Created(_))).count();
    let limited = written.iter().filter(|w| **w == PlanWritten::Limited).count();
    assert_eq!((created, limited), (1, 5), "{on}: {written:?}");
}

// ---- issue 21: the embed's context (data-context-*) ----

/// The test `context_values_are_stored_exported_shown_and_sent_on_either_engine::{sqlite,postgres}`:
/// one submission with two context values; the row's `context` cell, the JSON export, the
/// submission's page and the signed webhook body carry them; one without context stores none.
async fn context_values_are_stored_exported_shown_and_sent_on_either_engine(database: PathBuf) {
    use support::admin::{get, json, TOKEN};
    let on = engine(&database);
    let receiver = Receiver::start(0, Log::default()).await;
    let url = receiver.url.clone();
    let server = start_with(database.clone(), move |c| {
        c.webhook_url = vec![url];
        c.webhook_secret = Some(SECRET.into());
        c.admin_token = Some(TOKEN.into());
    })
    .await;
    let mut lead = valid();
    lead["context"] = json!({ "campaign": "spring-26", "crm_id": " 0031x00000AbCdE " });
    assert_eq!(
        post_json(&server, "key-engines-context-1", &lead).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        post_json(&server, "key-engines-context-2", &valid()).await.status(),
        StatusCode::CREATED
    );

    let rows = rows_of(&database).await;
    let cells: Vec<&str> = rows.iter().map(|r| r[column("context")].as_str()).collect();
    assert_eq!(
        cells,
        [r#"{"campaign":"spring-26","crm_id":"0031x00000AbCdE"}"#, ""],
        "{on}"
    );
    let export = json(&server, "/admin/export.json").await;
    let exported: Vec<&str> = export.iter().map(|s| s["context"].as_str().unwrap()).collect();
    assert!(
        exported.contains(&r#"{"campaign":"spring-26","crm_id":"0031x00000AbCdE"}"#),
        "{on}: {exported:?}"
    );
    let page = get(
        &server,
        &format!("/admin/submissions/{}", rows[0][column("id")]),
        Some(TOKEN),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        page.contains("context: crm_id") && page.contains("0031x00000AbCdE"),
        "{on}: {page}"
    );

    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while receiver.log.received.lock().unwrap().len() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let received = receiver.log.received.lock().unwrap().clone();
    let contexts: Vec<&Value> = received.iter().map(|r| &r.body["data"]["context"]).collect();
    assert!(
        contexts.contains(&&json!({ "campaign": "spring-26", "crm_id": "0031x00000AbCdE" }))
            && contexts.contains(&&json!({})),
        "{on}: {contexts:?}"
    );
    assert!(received.iter().all(|r| r.verified), "{on}");
    server.shutdown().await;
}

on_both_engines!(
    context_values_are_stored_exported_shown_and_sent_on_either_engine,
    "context",
    multi_thread
);

// --- Anonymous counts (issue 23) ---

/// A beacon as the loader sends it (`navigator.sendBeacon` with a string: `text/plain`).
async fn beacon(server: &Server, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/count", server.base))
        .header("content-type", "text/plain;charset=UTF-8")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

fn beacon_body(milestone: &str, path: &str, variant: &str) -> Value {
    json!({
        "milestone": milestone,
        "path": path,
        "locale": "en",
        "variant": variant,
        "model_version": readiness_core::Model::current().version,
    })
}

/// The counts of the store at `database` as `(path, variant, milestone, count)`.
async fn counted(database: &std::path::Path) -> Vec<(String, String, String, u64)> {
    use readiness_endpoint::store::CountQuery;
    let store = Store::open(&Database::from(database.to_path_buf()), 1).await.unwrap();
    store
        .counts(CountQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.path, r.variant, r.milestone.as_str().to_owned(), r.count))
        .collect()
}

/// The test `beacons_add_to_daily_counters_atomically_and_bad_ones_change_nothing::{sqlite,postgres}`:
/// 40 concurrent beacons of one key all count (the upsert is atomic), other keys apart; every
/// kind of bad beacon is 4xx and the counts stay as they were; a period and a path filter.
async fn beacons_add_to_daily_counters_atomically_and_bad_ones_change_nothing(database: PathBuf) {
    use readiness_endpoint::store::CountQuery;
    let on = engine(&database);
    let server = start_with(database.clone(), |_| {}).await;
    let sends: Vec<_> = (0..40)
        .map(|_| {
            let url = format!("{}/count", server.base);
            tokio::spawn(async move {
                reqwest::Client::new()
                    .post(url)
                    .header("content-type", "text/plain;charset=UTF-8")
                    .body(beacon_body("seen", "/blog/a", "default").to_string())
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    for send in sends {
        assert_eq!(send.await.unwrap(), StatusCode::NO_CONTENT, "{on}");
    }
    for (milestone, path, variant) in [
        ("started", "/blog/a", "default"),
        ("seen", "/blog/a", "b"),
        ("seen", "/blog/b", "default"),
    ] {
        assert_eq!(
            beacon(&server, &beacon_body(milestone, path, variant)).await.status(),
            StatusCode::NO_CONTENT
        );
    }
    let expected = vec![
        ("/blog/a".to_owned(), "b".to_owned(), "seen".to_owned(), 1),
        ("/blog/a".to_owned(), "default".to_owned(), "seen".to_owned(), 40),
        ("/blog/a".to_owned(), "default".to_owned(), "started".to_owned(), 1),
        ("/blog/b".to_owned(), "default".to_owned(), "seen".to_owned(), 1),
    ];
    assert_eq!(counted(&database).await, expected, "{on}");

    let mut unknown_field = beacon_body("seen", "/blog/a", "default");
    unknown_field["visitor"] = json!("abc123");
    let bad: Vec<(Value, u16)> = vec![
        (beacon_body("clicked", "/blog/a", "default"), 400),
        (unknown_field, 400),
        (json!({"milestone": "seen"}), 400),
        (beacon_body("seen", "/blog/a?utm_source=x", "default"), 422),
        (beacon_body("seen", "/blog/a", "Not A Variant"), 422),
        (
            json!({"milestone": "seen", "path": "/a", "locale": "xx", "variant": "a", "model_version": 1}),
            422,
        ),
        (
            json!({"milestone": "seen", "path": "/a", "locale": "en", "variant": "a", "model_version": 250}),
            422,
        ),
    ];
    for (body, status) in bad {
        let answer = beacon(&server, &body).await;
        assert_eq!(answer.status().as_u16(), status, "{on}: {body}");
        let reason: Value = answer.json().await.unwrap();
        assert!(reason["reason"].as_str().is_some_and(|r| !r.is_empty()), "{reason}");
    }
    let too_big = json!({"milestone": "seen", "path": format!("/{}", "a".repeat(2000)), "locale": "en", "variant": "a", "model_version": 1});
    assert_eq!(beacon(&server, &too_big).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let as_form = reqwest::Client::new()
        .post(format!("{}/count", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("milestone=seen")
        .send()
        .await
        .unwrap();
    assert_eq!(as_form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(counted(&database).await, expected, "{on}: bad beacons changed nothing");

    // A period: today is in it, yesterday's period is empty; one path.
    let store = Store::open(&Database::from(database.clone()), 1).await.unwrap();
    let today = readiness_endpoint::count::today();
    let only = |from: &str, to: &str, path: Option<&str>| CountQuery {
        from: Some(from.to_owned()),
        to: Some(to.to_owned()),
        path: path.map(str::to_owned),
    };
    assert_eq!(store.counts(only(&today, &today, None)).await.unwrap().len(), 4);
    assert!(store
        .counts(only("2000-01-01", "2000-01-02", None))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.counts(only(&today, &today, Some("/blog/b"))).await.unwrap().len(),
        1
    );
    assert_eq!(
        store.count_paths().await.unwrap(),
        vec!["/blog/a".to_owned(), "/blog/b".to_owned()]
    );
    server.shutdown().await;
}

on_both_engines!(
    beacons_add_to_daily_counters_atomically_and_bad_ones_change_nothing,
    "counts",
    multi_thread
);

/// The test `one_address_adds_at_most_its_bound::{sqlite,postgres}`: with a limit of 5 an hour, the
/// sixth beacon is 429 with `Retry-After` and is not counted.
async fn one_address_adds_at_most_its_bound(database: PathBuf) {
    let on = engine(&database);
    let server = start_with(database.clone(), |c| c.count_rate_limit = 5).await;
    for _ in 0..5 {
        assert_eq!(
            beacon(&server, &beacon_body("seen", "/a", "default")).await.status(),
            StatusCode::NO_CONTENT
        );
    }
    let refused = beacon(&server, &beacon_body("seen", "/a", "default")).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "{on}");
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        counted(&database).await,
        vec![("/a".into(), "default".into(), "seen".into(), 5)],
        "{on}"
    );
    server.shutdown().await;
}

on_both_engines!(one_address_adds_at_most_its_bound, "count-limit");

/// Counting stores no address, user agent or time finer than the day: the SQLite file holds
/// neither the client's address nor its user agent after beacons from it.
#[tokio::test]
async fn counting_stores_no_address_or_user_agent() {
    let database = temp_db("count-private");
    let server = start_with(database.clone(), |_| {}).await;
    let answer = reqwest::Client::new()
        .post(format!("{}/count", server.base))
        .header("content-type", "text/plain")
        .header("user-agent", "UniqueAgent/4711")
        .header("x-forwarded-for", "203.0.113.77")
        .body(beacon_body("seen", "/private", "default").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    server.shutdown().await;
    let mut bytes = std::fs::read(&database).unwrap();
    bytes.extend(std::fs::read(database.with_extension("db-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/private"), "the count is in the file");
    for secret in ["127.0.0.1", "UniqueAgent", "203.0.113.77"] {
        assert!(!text.contains(secret), "{secret} is stored");
    }
}
