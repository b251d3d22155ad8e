//! A submission kept in a browser before a model upgrade is still accepted:
//! the core reads the older code and maps it onto today's model, so the
//! endpoint has no rule of its own for versions. Stored and answered with the
//! scores of today's model.

mod support;

use readiness_core::{assess, decode, Model};
use reqwest::StatusCode;
use serde_json::Value;
use support::*;

/// Made by the widget on main at 1097225 (model version 1).
const V1_MIXED: &str = "AaqXXdRgGRI";
/// Made by `encode` on issue-20 at 4ef5bd2 (model version 2): tickets yes, partly,
/// no, partly, yes; done "rarely"; architecture only; "ask"; anyone-before;
/// squeezed; "few"; "sometimes"; next-day; "eventually". Version 2 scored it
/// 45, 15, 56, 38, 40.
const V2_MIXED: &str = "Am5dHU6ghYI";

#[tokio::test]
async fn kept_submissions_of_model_versions_one_and_two_are_stored_with_todays_scores() {
    assert_eq!(Model::current().version, 3);
    let server = start("old-version").await;
    for (n, (code, version, unblocking)) in [(V1_MIXED, 1, "60"), (V2_MIXED, 2, "6")].into_iter().enumerate() {
        let mut body = valid();
        body["result_code"] = code.into();
        body["model_version"] = version.into();
        let response = post_json(&server, &format!("key-old-version-000{n}"), &body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "version {version}");
        let reply: Value = response.json().await.unwrap();
        let report = assess(&decode(code).unwrap());
        assert_eq!(report.model_version(), 3);
        assert_eq!(reply["scores"]["spec-ownership"]["score"], report.signs()[2].score);
        let rows = rows(&server);
        let row = rows.iter().find(|r| r[column("result_code")] == code).expect("stored");
        // Scored by version 3: a next-day answer is a gap now (version 2 said 40, close
        // with another owner answer); same-day answers nobody watches score 60.
        assert_eq!(row[column("score_unblocking")], unblocking, "version {version}");
        assert_eq!(
            row[column("model_version")],
            "3",
            "stored with the version that scored it"
        );
    }

    // The claimed version must still be the code's own.
    let mut body = valid();
    body["result_code"] = V2_MIXED.into();
    body["model_version"] = 3.into();
    let response = post_json(&server, "key-old-version-0009", &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reply: Value = response.json().await.unwrap();
    assert!(reply.to_string().contains("model_version"), "{reply}");
    server.shutdown().await;
}
