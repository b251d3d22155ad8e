//! `GET /openapi.json` is OpenAPI 3.1 generated from the code, and real
//! requests and responses validate against its schemas (JSON Schema 2020-12).

mod support;

use serde_json::{json, Value};
use support::*;

/// A validator for one component schema of the served document.
fn validator(document: &Value, component: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{component}"),
        "components": document["components"],
    });
    jsonschema::validator_for(&schema).expect("the component is a valid JSON Schema")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator.iter_errors(instance).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{instance} does not validate: {errors:?}");
}

/// The schema of a documented response of `path`'s `method`.
fn response_schema<'a>(document: &'a Value, path: &str, method: &str, status: &str, media: &str) -> &'a Value {
    &document["paths"][path][method]["responses"][status]["content"][media]["schema"]
}

/// `GET /openapi.json`, served (200) and read as JSON.
async fn document(server: &Server) -> Value {
    let answer = reqwest::get(format!("{}/openapi.json", server.base)).await.unwrap();
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

#[tokio::test]
async fn the_document_is_served_and_real_traffic_validates_against_it() {
    let server = start("openapi").await;
    let client = reqwest::Client::new();
    let document = document(&server).await;
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        document["openapi"]
    );
    for (path, method) in [("/contact", "post"), ("/healthz", "get")] {
        assert!(
            document["paths"][path][method].is_object(),
            "{path} {method} is documented"
        );
    }
    let request_ref = &document["paths"]["/contact"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(request_ref["$ref"], "#/components/schemas/ContactRequest");

    // The real request body.
    let request = validator(&document, "ContactRequest");
    let body = valid();
    assert_valid(&request, &body);
    let mut wrong = body.clone();
    wrong["elapsed_ms"] = json!("soon");
    assert!(!request.is_valid(&wrong), "a string elapsed_ms breaks the schema");
    let mut unknown = body.clone();
    unknown["surprise"] = json!(true);
    assert!(!request.is_valid(&unknown), "unknown fields break the schema");

    // 201, then 200 for the retry.
    let accepted = validator(&document, "Accepted");
    assert_eq!(
        response_schema(&document, "/contact", "post", "201", "application/json")["$ref"],
        "#/components/schemas/Accepted"
    );
    let created = post_json(&server, "openapi-key-1", &body).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_valid(&accepted, &created);
    let mut broken = created.clone();
    broken["id"] = json!("one");
    assert!(!accepted.is_valid(&broken), "the schema checks types");
    let replayed = post_json(&server, "openapi-key-1", &body).await;
    assert_eq!(replayed.status(), 200);
    assert_valid(&accepted, &replayed.json().await.unwrap());

    // 422 and 400 answer with the error body.
    let error = validator(&document, "ErrorBody");
    let mut invalid = body.clone();
    invalid["contact"]["email"] = json!("not an address");
    let refused = post_json(&server, "openapi-key-2", &invalid).await;
    assert_eq!(refused.status(), 422);
    let refused: Value = refused.json().await.unwrap();
    assert_valid(&error, &refused);
    assert_eq!(refused["field"], "contact.email");
    let malformed = client
        .post(format!("{}/contact", server.base))
        .header("content-type", "application/json")
        .header("idempotency-key", "openapi-key-3")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_valid(&error, &malformed.json().await.unwrap());

    // /healthz: text, as documented.
    let health = client.get(format!("{}/healthz", server.base)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let schema = response_schema(&document, "/healthz", "get", "200", "text/plain");
    let text = jsonschema::validator_for(schema).expect("a schema");
    assert_valid(&text, &json!(health.text().await.unwrap()));
    server.shutdown().await;
}

/// Asserts that `status` is documented for `method path` and that `body` validates against the
/// schema documented for it (JSON), or that it is documented as `content_type` (text).
fn assert_documented(document: &Value, path: &str, method: &str, status: u16, content_type: &str, body: &str) {
    let response = &document["paths"][path][method]["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which is not documented"
    );
    let media = content_type.split(';').next().unwrap().trim();
    let schema = &response["content"][media]["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} {status}: {media} is not the documented content type"
    );
    if media == "application/json" {
        let validator = jsonschema::validator_for(&json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": document["components"],
            "allOf": [schema],
        }))
        .expect("a valid schema");
        let instance: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{status}: {e}: {body}"));
        assert_valid(&validator, &instance);
    }
}

/// Sends `request` and checks the answer against the document; returns the status.
async fn checked(document: &Value, path: &str, method: &str, request: reqwest::RequestBuilder) -> u16 {
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    let content_type = answer.headers()["content-type"].to_str().unwrap().to_owned();
    let body = answer.text().await.unwrap();
    assert_documented(document, path, method, status, &content_type, &body);
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_real_status_and_the_webhook_body_match_the_served_document() {
    use support::admin::TOKEN;
    use support::receiver::{Log, Receiver, SECRET};

    let receiver = Receiver::start(0, Log::default()).await;
    let url = receiver.url.clone();
    let server = start_with(temp_db("openapi-statuses"), move |c| {
        c.webhook_url = vec![url];
        c.webhook_secret = Some(SECRET.into());
        c.admin_token = Some(TOKEN.into());
        c.rate_limit = 3;
        c.trusted_hops = 1;
        c.body_limit = 4096;
        c.body_timeout = std::time::Duration::from_secs(1);
    })
    .await;
    let client = reqwest::Client::new();
    let document = document(&server).await;
    let contact = format!("{}/contact", server.base);
    let post = |key: &str| client.post(&contact).header("idempotency-key", key);
    let mut seen = Vec::new();
    seen.push(checked(&document, "/contact", "post", post("statuses-0001").json(&valid())).await);
    seen.push(checked(&document, "/contact", "post", post("statuses-0001").json(&valid())).await);
    let mut other = valid();
    other["contact"]["name"] = json!("Someone Else");
    seen.push(checked(&document, "/contact", "post", post("statuses-0001").json(&other)).await);
    seen.push(
        checked(
            &document,
            "/contact",
            "post",
            post("statuses-0002")
                .header("content-type", "application/json")
                .body("{"),
        )
        .await,
    );
    seen.push(
        checked(
            &document,
            "/contact",
            "post",
            post("statuses-0003")
                .header("origin", "https://elsewhere.example")
                .json(&valid()),
        )
        .await,
    );
    seen.push(
        checked(
            &document,
            "/contact",
            "post",
            post("statuses-0004")
                .header("content-type", "application/json")
                .body("x".repeat(5000)),
        )
        .await,
    );
    seen.push(
        checked(
            &document,
            "/contact",
            "post",
            post("statuses-0005").header("content-type", "text/plain").body("hello"),
        )
        .await,
    );
    let mut invalid = valid();
    invalid["contact"]["email"] = json!("not an address");
    seen.push(checked(&document, "/contact", "post", post("statuses-0006").json(&invalid)).await);
    for n in 7..12 {
        seen.push(
            checked(
                &document,
                "/contact",
                "post",
                post(&format!("statuses-00{n:02}")).json(&valid()),
            )
            .await,
        );
    }
    // A body that stops half-way: 408 once the body timeout passes.
    let slow = raw(
        &server.addr(),
        b"POST /contact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: statuses-slow\r\nContent-Length: 100\r\n\r\n{\"schema\":",
        5,
    )
    .await
    .expect("the server answers");
    let status: u16 = slow.split(' ').nth(1).unwrap().parse().unwrap();
    let body = slow.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert_documented(&document, "/contact", "post", status, "application/json", body);
    seen.push(status);
    // The database busy for longer than the store waits: 503, nothing stored.
    let locker = rusqlite::Connection::open(&server.database).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let mut contact_503 = reqwest::Client::new()
        .post(&contact)
        .header("idempotency-key", "statuses-busy")
        .header("x-forwarded-for", "192.0.2.9")
        .json(&valid());
    contact_503 = contact_503.timeout(std::time::Duration::from_secs(30));
    let busy = contact_503.send().await.unwrap();
    locker.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(busy.status(), 503);
    assert_eq!(busy.headers()["retry-after"], "5");
    let content_type = busy.headers()["content-type"].to_str().unwrap().to_owned();
    assert_documented(
        &document,
        "/contact",
        "post",
        503,
        &content_type,
        &busy.text().await.unwrap(),
    );
    seen.push(503);
    for status in [201, 200, 409, 400, 403, 413, 415, 422, 429, 408, 503] {
        assert!(seen.contains(&status), "{status} was produced: {seen:?}");
    }

    // The sales view's JSON download and its refusals.
    let export = format!("{}/admin/export.json", server.base);
    let bearer = format!("Bearer {TOKEN}");
    let ok = checked(
        &document,
        "/admin/export.json",
        "get",
        client.get(&export).header("authorization", &bearer),
    )
    .await;
    let bad = checked(
        &document,
        "/admin/export.json",
        "get",
        client
            .get(format!("{export}?from=yesterday"))
            .header("authorization", &bearer),
    )
    .await;
    let unauthorized = checked(&document, "/admin/export.json", "get", client.get(&export)).await;
    assert_eq!((ok, bad, unauthorized), (200, 400, 401));

    // The webhook body, as the receiver got it, against the document's `webhooks`.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while receiver.log.received.lock().unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "the webhook arrived");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let delivered = receiver.log.received.lock().unwrap()[0].clone();
    assert!(delivered.verified);
    let hook = &document["webhooks"]["lead.created"]["post"];
    for header in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        assert!(
            hook["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == header),
            "{header} is documented"
        );
    }
    let schema = &hook["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/LeadCreated");
    let lead = validator(&document, "LeadCreated");
    assert_valid(&lead, &delivered.body);
    let mut broken = delivered.body.clone();
    broken["data"]["scores"]["tickets"]["score"] = json!("high");
    assert!(!lead.is_valid(&broken), "the event's schema checks types");
    assert_eq!(delivered.body["type"], "lead.created");
    server.shutdown().await;
}

// --- Anonymous counts (issue 23) ---

#[tokio::test]
async fn the_count_route_is_documented_and_a_real_beacon_validates() {
    let server = start("openapi-count").await;
    let client = reqwest::Client::new();
    let document = document(&server).await;
    let count = &document["paths"]["/count"]["post"];
    assert!(count.is_object(), "POST /count is documented");
    for media in ["text/plain", "application/json"] {
        assert_eq!(
            count["requestBody"]["content"][media]["schema"]["$ref"], "#/components/schemas/Beacon",
            "{media}"
        );
    }
    for status in ["204", "400", "415", "422", "429"] {
        assert!(count["responses"][status].is_object(), "{status} documented");
    }
    assert!(document["paths"]["/admin/funnel.csv"]["get"].is_object());
    let beacon = validator(&document, "Beacon");
    let body = json!({"milestone": "sign-2", "path": "/a", "locale": "en", "variant": "default",
        "model_version": readiness_core::Model::current().version});
    assert_valid(&beacon, &body);
    for (field, wrong) in [
        ("milestone", json!("clicked")),
        ("visitor", json!("abc")),
        ("model_version", json!("3")),
    ] {
        let mut bad = body.clone();
        bad[field] = wrong;
        assert!(!beacon.is_valid(&bad), "{field}: {bad}");
    }
    let sent = client
        .post(format!("{}/count", server.base))
        .header("content-type", "text/plain;charset=UTF-8")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 204);
    let refused = client
        .post(format!("{}/count", server.base))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert_valid(&validator(&document, "ErrorBody"), &refused.json().await.unwrap());
    server.shutdown().await;
}
