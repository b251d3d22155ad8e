//! The optional `team` field: sent from the team view, re-read like the result
//! code, stored canonical; a bad team is a 422 naming the field; a database of
//! schema 1 gains the column when opened.

mod support;

use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

fn all_best() -> String {
    let mut answers = Answers::new();
    for (index, _, question) in Model::current().questions() {
        let answer = match question.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Yes); 5]),
            QuestionKind::Checklist => Answer::Checked(0),
            _ => Answer::Choice(0),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}

fn with_team(team: Value) -> Value {
    let mut body = valid();
    body["team"] = team;
    body
}

#[tokio::test]
async fn a_team_summary_is_stored_canonical() {
    let server = start("team-ok").await;
    let team = format!("{}.ab,{}", code(), all_best());
    let response = post_json(&server, "key-team-0001", &with_team(json!(team))).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        response.text().await.unwrap()
    );
    let rows = rows(&server);
    assert_eq!(rows[0][column("team")], format!("{}.AB,{}", code(), all_best()));
    server.shutdown().await;
}

#[tokio::test]
async fn without_a_team_the_column_stays_empty() {
    let server = start("team-none").await;
    let response = post_json(&server, "key-team-0002", &valid()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(rows(&server)[0][column("team")], "");
    server.shutdown().await;
}

#[tokio::test]
async fn a_bad_team_is_a_422_naming_the_field_and_stores_nothing() {
    let server = start("team-bad").await;
    for (i, team) in [
        format!("{},AAAA", code()),
        code(),
        format!("{}.x1,{}", code(), code()),
        vec![code(); 13].join(","),
    ]
    .into_iter()
    .enumerate()
    {
        let response = post_json(&server, &format!("key-team-bad-{i:04}"), &with_team(json!(team))).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{team}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["field"], "team", "{body}");
    }
    let response = post_json(&server, "key-team-bad-type", &with_team(json!(["a", "b"]))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(rows(&server).is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn a_schema_1_database_gains_the_later_columns() {
    let path = std::env::temp_dir().join(format!("readiness-team-migrate-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    drop(
        readiness_endpoint::store::Store::open(&readiness_endpoint::store::Database::Sqlite(path.clone()), 1)
            .await
            .unwrap(),
    );
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            // Back to version 1 as it was shipped: none of the columns and tables the migrations add.
            .execute_batch(
                "ALTER TABLE submissions DROP COLUMN team; ALTER TABLE submissions DROP COLUMN request_hash;
                 ALTER TABLE submissions DROP COLUMN suspected_spam; DROP TABLE deliveries;
                 ALTER TABLE submissions DROP COLUMN context;
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let server = start_with(path.clone(), |_| {}).await;
    let team = format!("{},{}", code(), all_best());
    let response = post_json(&server, "key-team-migrate", &with_team(json!(team))).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        response.text().await.unwrap()
    );
    assert_eq!(rows(&server)[0][column("team")], team);
    server.shutdown().await;
    let _ = std::fs::remove_file(&path);
}
