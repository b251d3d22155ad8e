//! Erasure (`readiness-endpoint erase --email`) and retention
//! (`READINESS_RETENTION_DAYS`).

mod support;

use readiness_endpoint::privacy;
use readiness_endpoint::store::Database;
use reqwest::StatusCode;
use serde_json::json;
use support::*;

async fn submit(server: &Server, key: &str, email: &str) {
    let mut body = valid();
    body["contact"]["email"] = json!(email);
    assert_eq!(post_json(server, key, &body).await.status(), StatusCode::CREATED);
}

fn emails(database: &std::path::Path) -> Vec<String> {
    readiness_endpoint::store::sqlite::rows(database)
        .unwrap()
        .into_iter()
        .map(|r| r[column("email")].clone())
        .collect()
}

#[tokio::test]
async fn erase_deletes_one_persons_submissions_whatever_the_case() {
    let server = start("erase").await;
    submit(&server, "key-erase-000001", "ada@example.com").await;
    submit(&server, "key-erase-000002", "Ada@Example.com").await;
    submit(&server, "key-erase-000003", "grace@example.com").await;
    let database = server.database.clone();
    server.shutdown().await;
    let erased = privacy::erase_database(&Database::from(database.clone()), " ADA@example.com ")
        .await
        .unwrap();
    assert_eq!((erased.submissions, erased.deliveries), (2, 0));
    assert_eq!(erased.to_string(), "erased 2 submissions and 0 pending deliveries");
    assert_eq!(emails(&database), ["grace@example.com"]);
    let again = privacy::erase_database(&Database::from(database.clone()), "ada@example.com")
        .await
        .unwrap();
    assert_eq!(again.submissions, 0);
    // Its idempotency answers went too: the same key stores anew rather than replaying.
    let connection = rusqlite::Connection::open(&database).unwrap();
    let keys: i64 = connection
        .query_row(
            "SELECT COUNT(*) FROM idempotency WHERE key LIKE 'key-erase-00000%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(keys, 1);
    assert!(privacy::erase_database(&Database::from(database.clone()), "")
        .await
        .is_err());
    assert!(
        privacy::erase_database(&Database::from(database.with_file_name("missing.db")), "a@b.c")
            .await
            .is_err()
    );
}

/// How many deliveries the database holds.
fn deliveries(database: &std::path::Path) -> i64 {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .query_row("SELECT COUNT(*) FROM deliveries", [], |r| r.get(0))
        .unwrap()
}

/// A webhook destination that never answers (nothing listens): its deliveries stay pending.
fn unreachable_webhook(config: &mut readiness_endpoint::Config) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    config.webhook_url = vec![format!("http://127.0.0.1:{port}/hook")];
    config.webhook_secret = Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwKT2fQx0a".into());
    config.retry_base_ms = 3_600_000;
}

#[tokio::test]
async fn erase_counts_and_deletes_pending_deliveries() {
    let database = temp_db("erase-outbox");
    let server = start_with(database.clone(), unreachable_webhook).await;
    submit(&server, "key-erase-outb01", "ada@example.com").await;
    submit(&server, "key-erase-outb02", "grace@example.com").await;
    server.shutdown().await;
    assert_eq!(deliveries(&database), 2);
    let erased = privacy::erase_database(&Database::from(database.clone()), "ada@example.com")
        .await
        .unwrap();
    assert_eq!((erased.submissions, erased.deliveries), (1, 1));
    assert_eq!(erased.to_string(), "erased 1 submission and 1 pending delivery");
    assert_eq!(deliveries(&database), 1, "grace's stays");
}

#[tokio::test]
async fn retention_purges_older_rows_at_start() {
    let database = temp_db("retention");
    let server = start_with(database.clone(), unreachable_webhook).await;
    submit(&server, "key-retain-00001", "old@example.com").await;
    submit(&server, "key-retain-00002", "recent@example.com").await;
    server.shutdown().await;
    let connection = rusqlite::Connection::open(&database).unwrap();
    let at = |days: i64| {
        (time::OffsetDateTime::now_utc() - time::Duration::days(days))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    connection
        .execute(
            "UPDATE submissions SET received_at = ?1 WHERE email = 'old@example.com'",
            [at(31)],
        )
        .unwrap();
    connection
        .execute(
            "UPDATE submissions SET received_at = ?1 WHERE email = 'recent@example.com'",
            [at(29)],
        )
        .unwrap();
    drop(connection);
    // Without a retention period nothing goes.
    let server = start_with(database.clone(), |_| {}).await;
    server.shutdown().await;
    assert_eq!(emails(&database).len(), 2);
    assert_eq!(deliveries(&database), 2);
    let server = start_with(database.clone(), |c| c.retention_days = Some(30)).await;
    assert_eq!(emails(&database), ["recent@example.com"]);
    assert_eq!(deliveries(&database), 1, "the old submission's delivery went with it");
    server.shutdown().await;
}
