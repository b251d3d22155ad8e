//! The endpoint over real HTTP, against a real SQLite file.

use std::path::PathBuf;

use readiness_core::{assess, decode, encode, Answer, Answers, Model, QuestionKind, Verdict};
use readiness_endpoint::{export, store::Store, Config};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::sync::oneshot;

struct Server {
    base: String,
    database: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn shutdown(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "readiness-endpoint-{name}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("test.db")
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

async fn start_with(database: PathBuf, tweak: impl FnOnce(&mut Config)) -> Server {
    let mut config = Config::for_database(database.clone());
    config.rate_limit = 1000;
    config.min_fill_ms = 3000;
    tweak(&mut config);
    let (bound_tx, bound_rx) = oneshot::channel();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(readiness_endpoint::serve(
        config,
        move |addr| {
            let _ = bound_tx.send(addr);
        },
        async move {
            let _ = stopped.await;
        },
    ));
    let addr = bound_rx.await.expect("the server binds");
    Server {
        base: format!("http://{addr}"),
        database,
        stop: Some(stop),
        task,
    }
}

async fn start(name: &str) -> Server {
    start_with(temp_db(name), |_| {}).await
}

/// A partly strong, partly weak team: every kind of answer.
fn code() -> String {
    let model = Model::current();
    let mut answers = Answers::new();
    for (index, _, question) in model.questions() {
        let answer = match question.kind {
            QuestionKind::TicketReview => Answer::Tickets([
                Some(Verdict::Yes),
                Some(Verdict::Partly),
                Some(Verdict::No),
                Some(Verdict::Yes),
                Some(Verdict::Yes),
            ]),
            QuestionKind::Checklist => Answer::Checked(0b0011),
            _ => Answer::Choice(1),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}

fn valid() -> Value {
    json!({
        "schema": "readiness-contact/1",
        "result_code": code(),
        "model_version": 1,
        "overall": "focused",
        "scores": { "tickets": { "score": 1, "status": "gap" } },
        "contact": { "name": "Ada Lovelace", "email": "ada@example.com", "company": "Engines Ltd", "message": "Hello" },
        "consent": { "given": true, "text": "I agree that my result is sent." },
        "page_url": "https://site.example/articles/five-signs",
        "utm": { "source": "newsletter", "medium": null, "campaign": null, "term": null, "content": null },
        "locale": "en",
        "client_time": "2026-11-24T13:45:00.000Z",
        "elapsed_ms": 120000,
        "website": ""
    })
}

async fn post_json(server: &Server, key: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

fn rows(server: &Server) -> Vec<Vec<String>> {
    Store::rows(&server.database).unwrap()
}

fn column(name: &str) -> usize {
    readiness_endpoint::store::COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap()
}

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
    assert_eq!(
        row[column("score_spec_ownership")],
        report.signs()[2].score.to_string()
    );
    assert_eq!(row[column("client_scores_matched")], "0");
    assert_eq!(
        row[column("consent_text")],
        "I agree that my result is sent."
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_form_post_is_stored_too() {
    let server = start("form").await;
    let form = format!(
        "schema=readiness-contact%2F1&result_code={}&model_version=1&name=Ada&email=ada%40example.com&company=Engines\
         &consent=true&consent_text=I+agree&locale=en&client_time=2026-11-24T13%3A45%3A00Z&elapsed_ms=60000\
         &website=&idempotency_key=form-key-0001&score_tickets=100&status_tickets=strong&utm_source=ads",
        code()
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
    server.shutdown().await;
}

#[tokio::test]
async fn every_broken_rule_is_a_422_naming_its_field() {
    let server = start("invalid").await;
    let cases: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        (
            "schema",
            Box::new(|v| v["schema"] = json!("readiness-contact/9")),
        ),
        (
            "result_code",
            Box::new(|v| v["result_code"] = json!("AAAA")),
        ),
        ("result_code", Box::new(|v| v["result_code"] = json!(""))),
        ("model_version", Box::new(|v| v["model_version"] = json!(2))),
        (
            "contact.name",
            Box::new(|v| v["contact"]["name"] = json!("   ")),
        ),
        (
            "contact.name",
            Box::new(|v| v["contact"]["name"] = json!("x".repeat(201))),
        ),
        (
            "contact.email",
            Box::new(|v| v["contact"]["email"] = json!("not-an-email")),
        ),
        (
            "contact.company",
            Box::new(|v| v["contact"]["company"] = json!("")),
        ),
        (
            "contact.message",
            Box::new(|v| v["contact"]["message"] = json!("x".repeat(5001))),
        ),
        (
            "consent.given",
            Box::new(|v| v["consent"]["given"] = json!(false)),
        ),
        (
            "consent.text",
            Box::new(|v| v["consent"]["text"] = json!("")),
        ),
        (
            "page_url",
            Box::new(|v| v["page_url"] = json!("javascript:alert(1)")),
        ),
        (
            "utm.source",
            Box::new(|v| v["utm"]["source"] = json!("x".repeat(201))),
        ),
        ("locale", Box::new(|v| v["locale"] = json!("en us"))),
        (
            "client_time",
            Box::new(|v| v["client_time"] = json!("yesterday")),
        ),
        ("elapsed_ms", Box::new(|v| v["elapsed_ms"] = json!(200))),
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
        assert!(
            answer["reason"].as_str().unwrap().contains("invalid JSON"),
            "{answer}"
        );
    }
    // A field of the wrong type, and a field the schema does not know.
    let mut wrong_type = valid();
    wrong_type["elapsed_ms"] = json!("soon");
    assert_eq!(
        post_json(&server, "key-wrong-type", &wrong_type)
            .await
            .status(),
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
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "too-large"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn the_honeypot_looks_accepted_and_stores_nothing() {
    let server = start("honeypot").await;
    let mut body = valid();
    body["website"] = json!("http://spam.example");
    let response = post_json(&server, "key-honeypot-1", &body).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert!(rows(&server).is_empty());
    server.shutdown().await;
}

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
        post_json(&server, "key-conflict-01", &valid())
            .await
            .status(),
        StatusCode::CREATED
    );
    let mut other = valid();
    other["contact"]["name"] = json!("Someone Else");
    let response = post_json(&server, "key-conflict-01", &other).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "idempotency-conflict"
    );
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
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
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
async fn the_rate_limit_answers_429_with_retry_after() {
    let server = start_with(temp_db("rate"), |c| c.rate_limit = 3).await;
    for i in 0..3 {
        assert_eq!(
            post_json(&server, &format!("key-rate-{i:05}"), &valid())
                .await
                .status(),
            StatusCode::CREATED
        );
    }
    let response = post_json(&server, "key-rate-99999", &valid()).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    server.shutdown().await;
}

#[tokio::test]
async fn healthz_and_the_static_site_with_its_policy() {
    let site = std::env::temp_dir().join(format!("readiness-site-{}", rand_suffix()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    std::fs::write(site.join("w.wasm"), [0u8, 97, 115, 109]).unwrap();
    let server = start_with(temp_db("site"), |c| c.site = Some(site.clone())).await;
    let health = reqwest::get(format!("{}/healthz", server.base))
        .await
        .unwrap();
    assert_eq!(
        (health.status(), health.text().await.unwrap()),
        (StatusCode::OK, "ok".to_owned())
    );
    let page = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && csp.contains("style-src 'self'"),
        "{csp}"
    );
    let wasm = reqwest::get(format!("{}/w.wasm", server.base))
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        reqwest::get(format!("{}/missing.html", server.base))
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    server.shutdown().await;
}

#[tokio::test]
async fn the_export_is_csv_safe_from_formula_injection() {
    let server = start("export").await;
    let mut body = valid();
    body["contact"]["name"] = json!("=HYPERLINK(\"http://evil.example\",\"click\")");
    body["contact"]["company"] = json!("Commas, \"quotes\" and\nnewlines");
    assert_eq!(
        post_json(&server, "key-export-0001", &body).await.status(),
        StatusCode::CREATED
    );
    let mut out = Vec::new();
    assert_eq!(export::csv(&server.database, &mut out).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("id,received_at,name,email,company"),
        "{text}"
    );
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{text}"
    );
    assert!(
        text.contains("\"Commas, \"\"quotes\"\" and\nnewlines\""),
        "{text}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn rows_survive_a_restart_on_the_same_file() {
    let database = temp_db("restart");
    let server = start_with(database.clone(), |_| {}).await;
    assert_eq!(
        post_json(&server, "key-restart-001", &valid())
            .await
            .status(),
        StatusCode::CREATED
    );
    server.shutdown().await;
    let server = start_with(database, |_| {}).await;
    assert_eq!(rows(&server).len(), 1);
    // The idempotency record survived too: a retry after the restart replays.
    assert_eq!(
        post_json(&server, "key-restart-001", &valid())
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}
