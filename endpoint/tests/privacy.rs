//! Erasure (`readiness-endpoint erase --email`) and retention
//! (`READINESS_RETENTION_DAYS`).

mod support;

use readiness_endpoint::privacy;
use reqwest::StatusCode;
use serde_json::json;
use support::*;

async fn submit(server: &Server, key: &str, email: &str) {
    let mut body = valid();
    body["contact"]["email"] = json!(email);
    assert_eq!(post_json(server, key, &body).await.status(), StatusCode::CREATED);
}

fn emails(database: &std::path::Path) -> Vec<String> {
    readiness_endpoint::store::Store::rows(database)
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
    let erased = privacy::erase_file(&database, " ADA@example.com ").unwrap();
    assert_eq!((erased.submissions, erased.deliveries), (2, 0));
    assert_eq!(erased.to_string(), "erased 2 submissions and 0 pending deliveries");
    assert_eq!(emails(&database), ["grace@example.com"]);
    let again = privacy::erase_file(&database, "ada@example.com").unwrap();
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
    assert!(privacy::erase_file(&database, "").is_err());
    assert!(privacy::erase_file(&database.with_file_name("missing.db"), "a@b.c").is_err());
}

#[tokio::test]
async fn retention_purges_older_rows_at_start() {
    let database = temp_db("retention");
    let server = start_with(database.clone(), |_| {}).await;
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
    let server = start_with(database.clone(), |c| c.retention_days = Some(30)).await;
    assert_eq!(emails(&database), ["recent@example.com"]);
    server.shutdown().await;
}
