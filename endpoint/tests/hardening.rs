//! Hostile input and the edges the issue found: CORS settings, the
//! `Origin` of a POST, loose validation, content types, broken framing,
//! response headers, the protocol-relative redirect, the database's mode.

mod support;

use readiness_core::{encode, Answers};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

#[tokio::test]
async fn a_wildcard_origin_allows_any_page_instead_of_aborting() {
    let process = Process::start(1024, &["--allow-origins", "*"]).expect("`*` starts");
    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("http://{}/contact", process.addr))
        .header("Origin", "https://anywhere.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,idempotency-key")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}

#[test]
fn a_bad_origin_stops_the_start_with_its_name() {
    for (value, named) in [
        ("https://a.example/, https://b.example", "`https://a.example/`"),
        ("https://a.example/blog", "`https://a.example/blog`"),
        ("*, https://a.example", "alone"),
    ] {
        let error = Process::start(1024, &["--allow-origins", value])
            .err()
            .unwrap_or_else(|| panic!("{value} started"));
        assert!(error.contains("exit status: 1"), "{error}");
        assert!(error.contains(named), "{error}");
    }
}

#[tokio::test]
async fn spaces_around_allowed_origins_are_trimmed() {
    let process =
        Process::start(1024, &["--allow-origins", "https://a.example, https://b.example"]).expect("it starts");
    for origin in ["https://a.example", "https://b.example"] {
        let response = reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("http://{}/contact", process.addr))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["access-control-allow-origin"], origin);
    }
}

async fn post_from(server: &Server, origin: &str, key: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Origin", origin)
        .header("Idempotency-Key", key)
        .json(&valid())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_post_from_a_page_of_another_origin_is_403() {
    let server = start_with(temp_db("origin"), |c| {
        c.allow_origins = vec!["https://blog.example".into()]
    })
    .await;
    let refused = post_from(&server, "https://evil.example", "key-origin-0001").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "forbidden-origin");
    assert!(
        body["reason"].as_str().unwrap().contains("https://evil.example"),
        "{body}"
    );
    assert_eq!(
        post_from(&server, "https://blog.example", "key-origin-0002")
            .await
            .status(),
        StatusCode::CREATED
    );
    let own = format!("http://{}", server.addr());
    assert_eq!(
        post_from(&server, &own, "key-origin-0003").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(rows(&server).len(), 2);
    server.shutdown().await;
}

async fn refused_field(server: &Server, key: &str, body: &Value) -> String {
    let response = post_json(server, key, body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    response.json::<Value>().await.unwrap()["field"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn loose_values_are_refused_with_422() {
    let server = start("loose").await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("elapsed_ms", json!(u64::MAX), "elapsed_ms"),
        ("client_time", json!("2026-99-99T99:99 garbage"), "client_time"),
        ("result_code", json!(encode(&Answers::new())), "result_code"),
    ];
    for (i, (name, value, field)) in cases.into_iter().enumerate() {
        let mut body = valid();
        body[name] = value;
        assert_eq!(refused_field(&server, &format!("key-loose-{i:04}"), &body).await, field);
    }
    for (i, bad) in ["news\u{0}letter", "\u{1b}[31mred", "two\nlines"].iter().enumerate() {
        let mut body = valid();
        body["utm"]["source"] = json!(bad);
        assert_eq!(
            refused_field(&server, &format!("key-utm-{i:04}"), &body).await,
            "utm.source"
        );
    }
    let mut body = valid();
    body["contact"]["name"] = json!("Ada\u{7}");
    assert_eq!(refused_field(&server, "key-name-0001", &body).await, "contact.name");
    assert!(rows(&server).is_empty());
    server.shutdown().await;
}

async fn post_typed(server: &Server, content_type: &str, key: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Content-Type", content_type)
        .header("Idempotency-Key", key)
        .body(valid().to_string())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn the_content_type_is_matched_exactly() {
    let server = start("ctype").await;
    for bad in [
        "application/jsonx-anything",
        "application/json-seq",
        "text/plain",
        "application/jsonp; x",
    ] {
        assert_eq!(
            post_typed(&server, bad, "key-ctype-bad1").await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{bad}"
        );
    }
    assert_eq!(
        post_typed(&server, "Application/JSON ; charset=utf-8", "key-ctype-0001").await,
        StatusCode::CREATED
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_malformed_chunked_body_is_400_with_a_reason() {
    let server = start("chunked").await;
    let request = "POST /contact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                   Idempotency-Key: key-chunked-01\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
                   5\r\n{\"a\":\r\nZZ\r\nnot hex\r\n0\r\n\r\n";
    let answer = raw(&server.addr(), request.as_bytes(), 5).await.expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("\"malformed\""), "{answer}");
    server.shutdown().await;
}

#[tokio::test]
async fn api_answers_are_nosniff_and_not_cached() {
    let server = start("api-headers").await;
    let refused = post_json(&server, "key-headers-01", &json!({})).await;
    let stored = post_json(&server, "key-headers-02", &valid()).await;
    let health = reqwest::get(format!("{}/healthz", server.base)).await.unwrap();
    for response in [&refused, &stored, &health] {
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["cache-control"], "no-store");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn the_site_sends_its_policies_and_never_a_protocol_relative_redirect() {
    let site = std::env::temp_dir().join(format!("readiness-site-policies-{}", rand_suffix()));
    std::fs::create_dir_all(site.join("styles")).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(site.join("styles/index.html"), "styles").unwrap();
    let server = start_with(temp_db("policies"), |c| c.site = Some(site.clone())).await;
    let page = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert_eq!(page.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    let permissions = page.headers()["permissions-policy"].to_str().unwrap();
    assert!(
        permissions.contains("camera=()") && permissions.contains("geolocation=()"),
        "{permissions}"
    );
    for path in ["//styles", "///styles", "/styles"] {
        let answer = raw(
            &server.addr(),
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
            5,
        )
        .await
        .unwrap();
        let location = answer
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("location: ").map(str::to_owned));
        assert!(
            location
                .as_deref()
                .is_none_or(|l| l.starts_with('/') && !l.starts_with("//")),
            "{path}: {answer}"
        );
    }
    server.shutdown().await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let server = start("mode").await;
    assert_eq!(
        post_json(&server, "key-mode-0001", &valid()).await.status(),
        StatusCode::CREATED
    );
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", server.database.display());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{path}: {mode:o}");
    }
    server.shutdown().await;
}
