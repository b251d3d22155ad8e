//! A database of an earlier schema version upgrades in place: its rows stay,
//! and new submissions are stored beside them.

mod support;

use readiness_endpoint::store;
use support::*;

#[tokio::test]
async fn a_version_1_database_upgrades_and_keeps_its_rows() {
    let database = temp_db("migrations");
    {
        let connection = rusqlite::Connection::open(&database).unwrap();
        connection.execute_batch(store::sqlite::migrations()[0]).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
        let mut values: Vec<String> = Vec::new();
        let columns: Vec<&str> = store::COLUMNS[1..]
            .iter()
            .copied()
            .filter(|c| !["team", "suspected_spam", "context"].contains(c))
            .collect();
        for column in &columns {
            values.push(match *column {
                "model_version" => "1".into(),
                "elapsed_ms" | "client_scores_matched" => "0".into(),
                c if c.starts_with("score_") => "50".into(),
                "idempotency_key" => "'old-key-0001'".into(),
                "name" => "'Grace'".into(),
                _ => "'x'".into(),
            });
        }
        connection
            .execute(
                &format!(
                    "INSERT INTO submissions ({}) VALUES ({})",
                    columns.join(", "),
                    values.join(", ")
                ),
                [],
            )
            .unwrap();
    }
    let server = start_with(database.clone(), |_| {}).await;
    let version: usize = rusqlite::Connection::open(&database)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, store::sqlite::migrations().len(), "every migration applied");
    assert_eq!(post_json(&server, "new-key-0001", &valid()).await.status(), 201);
    let rows = rows(&server);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][column("name")], "Grace", "the old row is kept");
    assert_eq!(rows[1][column("name")], "Ada Lovelace");
    server.shutdown().await;
}
