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

#[tokio::test]
async fn the_document_is_served_and_real_traffic_validates_against_it() {
    let server = start("openapi").await;
    let client = reqwest::Client::new();
    let answer = client
        .get(format!("{}/openapi.json", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let document: Value = answer.json().await.unwrap();
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
