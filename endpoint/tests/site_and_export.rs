//! The static site with its policy, health, CORS and the CSV export.

mod support;

#[allow(unused_imports)]
use readiness_core::{assess, decode};
use readiness_endpoint::export;
use reqwest::StatusCode;
use serde_json::json;
use support::*;

#[tokio::test]
async fn healthz_and_the_static_site_with_its_policy() {
    let site = std::env::temp_dir().join(format!("readiness-site-{}", rand_suffix()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(site.join("w.wasm"), [0u8, 97, 115, 109]).unwrap();
    let server = start_with(temp_db("site"), |c| c.site = Some(site.clone())).await;
    let health = reqwest::get(format!("{}/healthz", server.base)).await.unwrap();
    assert_eq!(
        (health.status(), health.text().await.unwrap()),
        (StatusCode::OK, "ok".to_owned())
    );
    let page = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && csp.contains("style-src 'self'"),
        "{csp}"
    );
    let wasm = reqwest::get(format!("{}/w.wasm", server.base)).await.unwrap();
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
    // One-line fields refuse line breaks; the message may have them.
    body["contact"]["message"] = json!("Commas, \"quotes\" and\nnewlines");
    assert_eq!(
        post_json(&server, "key-export-0001", &body).await.status(),
        StatusCode::CREATED
    );
    let mut out = Vec::new();
    assert_eq!(export::csv(&server.database.clone().into(), &mut out).await.unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("id,received_at,name,email,company"), "{text}");
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{text}"
    );
    assert!(text.contains("\"Commas, \"\"quotes\"\" and\nnewlines\""), "{text}");
    server.shutdown().await;
}

#[tokio::test]
async fn the_export_command_writes_csv_or_json_and_refuses_other_formats() {
    let server = start("export-cli").await;
    assert_eq!(
        post_json(&server, "key-export-cli-1", &valid()).await.status(),
        StatusCode::CREATED
    );
    let export = |format: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"));
        command.arg("export").arg("--database").arg(&server.database);
        if let Some(format) = format {
            command.args(["--format", format]);
        }
        command.env_remove("READINESS_DATABASE").output().unwrap()
    };
    let csv = export(None);
    assert!(csv.status.success());
    assert!(String::from_utf8(csv.stdout)
        .unwrap()
        .starts_with("id,received_at,name"));
    assert_eq!(export(Some("csv")).status.code(), Some(0));
    let json = export(Some("json"));
    assert!(json.status.success(), "{}", String::from_utf8_lossy(&json.stderr));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["submissions"][0]["name"], "Ada Lovelace");
    assert_eq!(json["submissions"][0]["email"], "ada@example.com");
    assert!(json["submissions"][0].get("deliveries").is_some());
    let xml = export(Some("xml"));
    assert!(!xml.status.success());
    assert!(String::from_utf8_lossy(&xml.stderr).contains("possible values: csv, json"));
    server.shutdown().await;
}

#[tokio::test]
async fn cors_answers_only_the_allowed_origins() {
    let server = start_with(temp_db("cors"), |c| {
        c.allow_origins = vec!["https://blog.example".into()]
    })
    .await;
    let preflight = |origin: &'static str| {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{}/contact", server.base))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,idempotency-key")
            .send()
    };
    let allowed = preflight("https://blog.example").await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://blog.example");
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    server.shutdown().await;
}
