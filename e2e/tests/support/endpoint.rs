//! The reference endpoint as the end-to-end tests run it (the real binary,
//! serving the built demo site on a free port, stopped on drop), and the
//! helpers that talk to it from a page or read what it stored.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::Browser;

#[track_caller]
pub fn env_path(name: &str) -> PathBuf {
    let value = std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the end-to-end tests through `cargo xtask test`, which builds the site and the endpoint first")
    });
    PathBuf::from(value)
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `readiness-endpoint serve`, killed on drop.
pub struct Endpoint {
    child: Child,
    pub base: String,
    pub database: PathBuf,
}

impl Endpoint {
    /// Starts the endpoint on `port` with the database file `database`.
    pub async fn start(port: u16, database: &PathBuf) -> Endpoint {
        Endpoint::launch(port, database, &[], &[]).await
    }

    /// With extra `serve` flags (they override the environment set here).
    pub async fn start_with_args(port: u16, database: &PathBuf, args: &[&str]) -> Endpoint {
        Endpoint::launch(port, database, args, &[]).await
    }

    /// The same with extra environment variables (e.g. `READINESS_ADMIN_TOKEN`).
    pub async fn start_with_env(port: u16, database: &PathBuf, env: &[(&str, &str)]) -> Endpoint {
        Endpoint::launch(port, database, &[], env).await
    }

    async fn launch(port: u16, database: &PathBuf, args: &[&str], env: &[(&str, &str)]) -> Endpoint {
        let mut child = Command::new(env_path("READINESS_ENDPOINT_BIN"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--database"])
            .arg(database)
            .args(args)
            .arg("--site")
            .arg(env_path("READINESS_SITE"))
            // A keyboard robot answers in about a second; the bot filter is tested in the endpoint's own tests.
            .env("READINESS_MIN_FILL_MS", "100")
            .env("READINESS_RATE_LIMIT", "1000")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the endpoint binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the endpoint says it is listening within 20 s")
            .unwrap()
            .unwrap_or_default();
        assert!(line.contains("listening on http://"), "unexpected first line: {line}");
        // Keep draining stdout so the child never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Endpoint {
            child,
            base: format!("http://127.0.0.1:{port}"),
            database: database.clone(),
        }
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }

    /// `readiness-endpoint export --format csv`, as rows of cells keyed by header.
    pub fn export(database: &PathBuf) -> Vec<std::collections::HashMap<String, String>> {
        let output = std::process::Command::new(env_path("READINESS_ENDPOINT_BIN"))
            .args(["export", "--format", "csv", "--database"])
            .arg(database)
            .output()
            .expect("export runs");
        assert!(
            output.status.success(),
            "export failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        parse_csv(&String::from_utf8(output.stdout).unwrap())
    }
}

impl Endpoint {
    /// `readiness-endpoint erase --email E`: what it printed.
    pub fn erase(database: &PathBuf, email: &str) -> String {
        let output = std::process::Command::new(env_path("READINESS_ENDPOINT_BIN"))
            .args(["erase", "--email", email, "--database"])
            .arg(database)
            .output()
            .expect("erase runs");
        assert!(
            output.status.success(),
            "erase failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

impl Endpoint {
    /// Issue 22: `readiness-endpoint deliveries`: one line per delivery (the header dropped).
    pub fn deliveries(database: &PathBuf) -> Vec<String> {
        let output = std::process::Command::new(env_path("READINESS_ENDPOINT_BIN"))
            .args(["deliveries", "--database"])
            .arg(database)
            .output()
            .expect("deliveries runs");
        assert!(
            output.status.success(),
            "deliveries failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    }
}

/// POSTs a contact payload from the open page (same origin) as the widget
/// would; returns the HTTP status.
pub async fn post_contact(browser: &Browser, name: &str, email: &str, code: &str) -> u64 {
    let answers = readiness_core::decode(code).expect("a valid result code");
    let model_version = readiness_core::assess(&answers).model_version();
    let body = json!({
        "schema": "readiness-contact/1",
        "result_code": code,
        "model_version": model_version,
        "overall": "focused",
        "scores": {},
        "contact": { "name": name, "email": email, "company": "Engines Ltd", "message": "We plan to start in March." },
        "consent": { "given": true, "text": "I agree that my answers and contact details are sent to the firm so that they can reply." },
        "page_url": "https://site.example/articles/five-signs",
        "utm": { "source": "newsletter", "medium": null, "campaign": null, "term": null, "content": null },
        "locale": "en",
        "client_time": "2026-11-24T13:45:00.000Z",
        "elapsed_ms": 120000,
        "website": ""
    });
    let init = format!(
        "{{ method: 'POST', headers: {{ 'content-type': 'application/json',
           'idempotency-key': 'e2e-' + Math.random().toString(36).slice(2) + Date.now() }}, body: JSON.stringify({body}) }}"
    );
    fetch_status(browser, "/contact", &init).await
}

/// `fetch(path, init)` from the open page (`init` a JavaScript object literal): the HTTP status, 0 if it failed.
pub async fn fetch_status(browser: &Browser, path: &str, init: &str) -> u64 {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         fetch({}, {init}).then(r => done(r.status)).catch(() => done(0));",
        json!(path)
    );
    browser
        .client
        .execute_async(&script, vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(0)
}

/// A small RFC 4180 reader: enough for the export, which quotes fields with commas, quotes or newlines.
pub fn parse_csv(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut row, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    let header = rows.first().cloned().unwrap_or_default();
    rows.into_iter()
        .skip(1)
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}
