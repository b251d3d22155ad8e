//! Shared by the endpoint tests: a real server on a free port over a real
//! SQLite file, a valid payload, and readers of what was stored.
#![allow(dead_code)]

pub mod admin;
pub mod receiver;
pub mod smtp;

use std::path::PathBuf;

use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};
use readiness_endpoint::store::{Database, Store};
use readiness_endpoint::Config;
use serde_json::{json, Value};
use tokio::sync::oneshot;

pub struct Server {
    pub base: String,
    pub database: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    pub async fn shutdown(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

pub fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "readiness-endpoint-{name}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("test.db")
}

pub fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

pub async fn start_with(database: PathBuf, tweak: impl FnOnce(&mut Config)) -> Server {
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

pub async fn start(name: &str) -> Server {
    start_with(temp_db(name), |_| {}).await
}

/// A partly strong, partly weak team: every kind of answer.
pub fn code() -> String {
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

pub fn valid() -> Value {
    json!({
        "schema": "readiness-contact/1",
        "result_code": code(),
        "model_version": Model::current().version,
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

pub async fn post_json(server: &Server, key: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

pub fn rows(server: &Server) -> Vec<Vec<String>> {
    readiness_endpoint::store::sqlite::rows(&server.database).unwrap()
}

pub fn column(name: &str) -> usize {
    readiness_endpoint::store::COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap()
}

impl Server {
    /// `127.0.0.1:port`.
    pub fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }
}

/// Writes `request` on a fresh connection and reads until the server
/// closes it, or `seconds` pass (`None` then: the server kept it open).
pub async fn raw(addr: &str, request: &[u8], seconds: u64) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(seconds), stream.read_to_end(&mut answer))
        .await
        .ok()?;
    // A reset after the answer still counts as closed.
    let _ = read;
    Some(String::from_utf8_lossy(&answer).into_owned())
}

/// A valid JSON body as bytes, with headers for a raw request.
pub fn raw_post(key: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "POST /contact HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\n{extra_headers}Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The built `readiness-endpoint serve` as a child process under
/// `ulimit -n <open_files>`, killed on drop; `None` if it exits at start
/// (then its stderr is in the error).
pub struct Process {
    child: std::process::Child,
    pub addr: String,
}

impl Process {
    pub fn start(open_files: u32, args: &[&str]) -> Result<Process, String> {
        use std::io::BufRead;
        let database = temp_db("process");
        let mut command = std::process::Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "ulimit -n {open_files}; db=\"$1\"; shift; exec \"$0\" serve --addr 127.0.0.1:0 --database \"$db\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_readiness-endpoint"))
            .arg(&database)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(database.with_extension("stderr")).unwrap());
        let mut child = command.spawn().map_err(|e| e.to_string())?;
        let mut line = String::new();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let _ = stdout.read_line(&mut line);
        // Keep the pipe open (and drained) while the child runs.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        match line.trim().strip_prefix("listening on http://") {
            Some(addr) => Ok(Process {
                addr: addr.to_owned(),
                child,
            }),
            None => {
                let status = child.wait().map_err(|e| e.to_string())?;
                let stderr = std::fs::read_to_string(database.with_extension("stderr")).unwrap_or_default();
                Err(format!("{status}\n{stderr}"))
            }
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The throwaway PostgreSQL server `cargo xtask test` starts (its admin URL), if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("READINESS_TEST_POSTGRES").ok().filter(|u| !u.is_empty())
}

/// A fresh, empty database on the test server, as a `postgres://` URL. The tests that call it are
/// `#[ignore = "needs PostgreSQL…"]`, so without a server they are reported as skipped; run with
/// `--include-ignored` (as `cargo xtask test` does) and no server, this fails saying so.
pub async fn pg_database(name: &str) -> PathBuf {
    let Some(admin) = postgres_url() else {
        panic!(
            "PostgreSQL test `{name}`: READINESS_TEST_POSTGRES is not set (a server's admin URL); \
             `cargo xtask test` starts one and sets it, or leave out --ignored to skip these"
        );
    };
    let (client, connection) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
        .await
        .expect("the test PostgreSQL server answers");
    tokio::spawn(connection);
    let database = format!("t_{}_{}", name.replace('-', "_"), rand_suffix());
    client
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .await
        .unwrap();
    let base = admin.rsplit_once('/').unwrap().0;
    PathBuf::from(format!("{base}/{database}"))
}

/// Every stored submission (either engine).
pub async fn rows_of(database: &std::path::Path) -> Vec<Vec<String>> {
    Store::open(&Database::from(database.to_path_buf()), 1)
        .await
        .unwrap()
        .export_all()
        .await
        .unwrap()
}
