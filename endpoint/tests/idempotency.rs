//! Idempotency keys: replays, conflicts, double clicks, restarts.

mod support;

#[allow(unused_imports)]
use readiness_core::{assess, decode};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

#[tokio::test]
async fn a_replayed_key_returns_the_first_answer_and_stores_one_row() {
    let server = start("replay").await;
    let first = post_json(&server, "key-replay-0001", &valid()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = post_json(&server, "key-replay-0001", &valid()).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn a_reused_key_with_another_body_is_409() {
    let server = start("conflict").await;
    assert_eq!(
        post_json(&server, "key-conflict-01", &valid()).await.status(),
        StatusCode::CREATED
    );
    let mut other = valid();
    other["contact"]["name"] = json!("Someone Else");
    let response = post_json(&server, "key-conflict-01", &other).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "idempotency-conflict");
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_with_one_key_store_one_row() {
    let server = start("double-click").await;
    let url = format!("{}/contact", server.base);
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (url, body) = (url.clone(), valid());
        set.spawn(async move {
            reqwest::Client::new()
                .post(url)
                .header("Idempotency-Key", "key-double-click")
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses = set.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CREATED).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn rows_survive_a_restart_on_the_same_file() {
    let database = temp_db("restart");
    let server = start_with(database.clone(), |_| {}).await;
    assert_eq!(
        post_json(&server, "key-restart-001", &valid()).await.status(),
        StatusCode::CREATED
    );
    server.shutdown().await;
    let server = start_with(database, |_| {}).await;
    assert_eq!(rows(&server).len(), 1);
    // The idempotency record survived too: a retry after the restart replays.
    assert_eq!(
        post_json(&server, "key-restart-001", &valid()).await.status(),
        StatusCode::OK
    );
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}
