//! A submission kept in a browser before a model upgrade is still accepted:
//! the core reads the older code and maps it onto today's model, so the
//! endpoint has no rule of its own for versions.

mod support;

use readiness_core::{assess, decode, Model};
use reqwest::StatusCode;
use serde_json::Value;
use support::*;

/// Made by the widget on main at 1097225 (model version 1).
const V1_MIXED: &str = "AaqXXdRgGRI";

#[tokio::test]
async fn a_kept_submission_of_model_version_one_is_stored_with_todays_scores() {
    assert_eq!(Model::current().version, 2);
    let server = start("old-version").await;
    let mut body = valid();
    body["result_code"] = V1_MIXED.into();
    body["model_version"] = 1.into();
    let response = post_json(&server, "key-old-version-0001", &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let reply: Value = response.json().await.unwrap();
    let report = assess(&decode(V1_MIXED).unwrap());
    assert_eq!(reply["scores"]["spec-ownership"]["score"], report.signs()[2].score);
    let rows = rows(&server);
    assert_eq!(rows[0][column("score_unblocking")], "76");

    // The claimed version must still be the code's own.
    body["model_version"] = 2.into();
    let response = post_json(&server, "key-old-version-0002", &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reply: Value = response.json().await.unwrap();
    assert!(reply.to_string().contains("model_version"), "{reply}");
    server.shutdown().await;
}
