//! POST /contact: what is stored, and every way a submission is refused.

mod support;

#[allow(unused_imports)]
use readiness_core::{assess, decode};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

#[tokio::test]
async fn a_valid_submission_is_stored_with_the_servers_own_scores() {
    let server = start("valid").await;
    let response = post_json(&server, "key-valid-0001", &valid()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let report = assess(&decode(&code()).unwrap());
    assert_eq!(body["overall"], report.picture().as_str());
    assert_eq!(body["scores"]["tickets"]["score"], report.signs()[0].score);
    let rows = rows(&server);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row[column("name")], "Ada Lovelace");
    assert_eq!(row[column("utm_source")], "newsletter");
    assert_eq!(
        row[column("score_tickets")],
        report.signs()[0].score.to_string(),
        "the forged score 1 is ignored"
    );
    assert_eq!(row[column("score_spec_ownership")], report.signs()[2].score.to_string());
    assert_eq!(row[column("client_scores_matched")], "0");
    assert_eq!(row[column("consent_text")], "I agree that my result is sent.");
    server.shutdown().await;
}

#[tokio::test]
async fn a_form_post_is_stored_too() {
    let server = start("form").await;
    let form = format!(
        "schema=readiness-contact%2F1&result_code={}&model_version={}&name=Ada&email=ada%40example.com&company=Engines\
         &consent=true&consent_text=I+agree&locale=en&client_time=2026-11-24T13%3A45%3A00Z&elapsed_ms=60000\
         &website=&idempotency_key=form-key-0001&score_tickets=100&status_tickets=strong&utm_source=ads\
         &context_campaign=spring-26",
        code(),
        readiness_core::Model::current().version
    );
    let response = reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        response.text().await.unwrap()
    );
    let rows = rows(&server);
    assert_eq!(rows[0][column("idempotency_key")], "form-key-0001");
    assert_eq!(rows[0][column("utm_source")], "ads");
    assert_eq!(
        rows[0][column("context")],
        r#"{"campaign":"spring-26"}"#,
        "context_<key> fields"
    );
    server.shutdown().await;
}

/// A change that breaks one rule of a valid payload.
type Change = Box<dyn Fn(&mut Value)>;

#[tokio::test]
async fn every_broken_rule_is_a_422_naming_its_field() {
    let server = start("invalid").await;
    let cases: Vec<(&str, Change)> = vec![
        ("schema", Box::new(|v| v["schema"] = json!("readiness-contact/9"))),
        ("result_code", Box::new(|v| v["result_code"] = json!("AAAA"))),
        ("result_code", Box::new(|v| v["result_code"] = json!(""))),
        ("model_version", Box::new(|v| v["model_version"] = json!(1))),
        ("contact.name", Box::new(|v| v["contact"]["name"] = json!("   "))),
        (
            "contact.name",
            Box::new(|v| v["contact"]["name"] = json!("x".repeat(201))),
        ),
        (
            "contact.email",
            Box::new(|v| v["contact"]["email"] = json!("not-an-email")),
        ),
        ("contact.company", Box::new(|v| v["contact"]["company"] = json!(""))),
        (
            "contact.message",
            Box::new(|v| v["contact"]["message"] = json!("x".repeat(5001))),
        ),
        ("consent.given", Box::new(|v| v["consent"]["given"] = json!(false))),
        ("consent.text", Box::new(|v| v["consent"]["text"] = json!(""))),
        ("page_url", Box::new(|v| v["page_url"] = json!("javascript:alert(1)"))),
        // Text that reads other than it is: a right-to-left override, invisible characters.
        (
            "contact.name",
            Box::new(|v| v["contact"]["name"] = json!("\u{202E}ecalevoL adA")),
        ),
        (
            "contact.company",
            Box::new(|v| v["contact"]["company"] = json!("Engines\u{200B} Ltd")),
        ),
        (
            "contact.email",
            Box::new(|v| v["contact"]["email"] = json!("ada@exa\u{2060}mple.com")),
        ),
        (
            "page_url",
            Box::new(|v| v["page_url"] = json!("https://site.example/\u{202E}lmth.exe")),
        ),
        ("page_url", Box::new(|v| v["page_url"] = json!("https://"))),
        (
            "page_url",
            Box::new(|v| v["page_url"] = json!("https://user:pass@site.example/")),
        ),
        ("utm.source", Box::new(|v| v["utm"]["source"] = json!("x".repeat(201)))),
        ("locale", Box::new(|v| v["locale"] = json!("en us"))),
        ("client_time", Box::new(|v| v["client_time"] = json!("yesterday"))),
        // Issue 21: the embed's context.
        (
            "context.Campaign",
            Box::new(|v| v["context"] = json!({ "Campaign": "x" })),
        ),
        (
            "context.slug",
            Box::new(|v| v["context"] = json!({ "slug": "x".repeat(101) })),
        ),
        (
            "context.note",
            Box::new(|v| v["context"] = json!({ "note": "two\nlines" })),
        ),
        ("context.empty", Box::new(|v| v["context"] = json!({ "empty": " " }))),
        (
            "context",
            Box::new(|v| v["context"] = (0..11).map(|i| (format!("k{i}"), json!("v"))).collect()),
        ),
    ];
    for (i, (field, breaks)) in cases.iter().enumerate() {
        let mut body = valid();
        breaks(&mut body);
        let response = post_json(&server, &format!("key-invalid-{i:04}"), &body).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "case {i} ({field})"
        );
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["field"], *field, "case {i}: {answer}");
        assert!(!answer["reason"].as_str().unwrap().is_empty());
    }
    assert!(rows(&server).is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn a_page_url_in_capitals_is_an_https_address_too() {
    let server = start("url-case").await;
    let mut body = valid();
    body["page_url"] = json!("HTTPS://Site.Example/Articles/Five-Signs");
    assert_eq!(
        post_json(&server, "key-url-case-01", &body).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        rows(&server)[0][column("page_url")],
        "HTTPS://Site.Example/Articles/Five-Signs"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_hidden_character_is_refused_with_a_reason_that_names_it() {
    let server = start("hidden").await;
    let mut body = valid();
    body["contact"]["name"] = json!("Ada\u{202E}");
    let response = post_json(&server, "key-hidden-0001", &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["field"], "contact.name");
    assert!(answer["reason"].as_str().unwrap().contains("U+202E"), "{answer}");
    // A name that needs a zero-width non-joiner (Persian) is kept as sent.
    body["contact"]["name"] = json!("می\u{200C}خواهم");
    assert_eq!(
        post_json(&server, "key-hidden-0002", &body).await.status(),
        StatusCode::CREATED
    );
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_bodies_are_400_with_a_reason() {
    let server = start("malformed").await;
    let client = reqwest::Client::new();
    let send = |body: &'static str| {
        client
            .post(format!("{}/contact", server.base))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "key-malformed")
            .body(body)
            .send()
    };
    for body in ["{not json", "[]", "{\"schema\": 5}"] {
        let response = send(body).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], "malformed");
        assert!(answer["reason"].as_str().unwrap().contains("invalid JSON"), "{answer}");
    }
    // A field of the wrong type, and a field the schema does not know.
    let mut wrong_type = valid();
    wrong_type["elapsed_ms"] = json!("soon");
    assert_eq!(
        post_json(&server, "key-wrong-type", &wrong_type).await.status(),
        StatusCode::BAD_REQUEST
    );
    let mut unknown = valid();
    unknown["is_admin"] = json!(true);
    let response = post_json(&server, "key-unknown-field", &unknown).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("unknown field"));
    // No idempotency key.
    let response = client
        .post(format!("{}/contact", server.base))
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    server.shutdown().await;
}

#[tokio::test]
async fn other_content_types_are_415() {
    let server = start("media").await;
    let response = reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Content-Type", "text/plain")
        .header("Idempotency-Key", "key-media-type")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "unsupported-media-type"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn an_oversize_body_is_413() {
    let server = start("oversize").await;
    let mut body = valid();
    body["contact"]["message"] = json!("x".repeat(100_000));
    let response = post_json(&server, "key-oversize-01", &body).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "too-large");
    server.shutdown().await;
}

#[tokio::test]
async fn bot_like_submissions_are_stored_flagged_and_answered_alike() {
    let server = start("spam").await;
    // The honeypot filled.
    let mut honeypot = valid();
    honeypot["website"] = json!("http://spam.example");
    // A restored result: the form sent 2 s after it was opened (min fill time 3 s in the tests).
    let mut quick = valid();
    quick["form_ms"] = json!(2000);
    // An older widget's quick send (no form_ms): the time since the quiz started counts.
    let mut old_quick = valid();
    old_quick["elapsed_ms"] = json!(200);
    // Slow enough from the form's opening, however short the quiz: not flagged.
    let mut person = valid();
    person["elapsed_ms"] = json!(900);
    person["form_ms"] = json!(9000);
    for (i, body) in [&honeypot, &quick, &old_quick, &person].into_iter().enumerate() {
        let response = post_json(&server, &format!("key-spam-{i:04}"), body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "case {i}: the same success");
        let answer: Value = response.json().await.unwrap();
        assert!(answer["id"].is_number(), "case {i}: {answer}");
    }
    let rows = rows(&server);
    let flags: Vec<&str> = rows.iter().map(|r| r[column("suspected_spam")].as_str()).collect();
    assert_eq!(flags, ["honeypot", "fill-time", "fill-time", ""]);
    server.shutdown().await;
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let server = start_with(temp_db("rate"), |c| c.rate_limit = 3).await;
    for i in 0..3 {
        assert_eq!(
            post_json(&server, &format!("key-rate-{i:05}"), &valid()).await.status(),
            StatusCode::CREATED
        );
    }
    let response = post_json(&server, "key-rate-99999", &valid()).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    server.shutdown().await;
}
