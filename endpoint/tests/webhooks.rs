//! The outbox against a real webhook receiver that verifies every signature
//! with the Standard Webhooks reference crate: nothing acknowledged is lost
//! through a receiver outage and a SIGKILL, each delivery keeps its
//! `webhook-id`, failing deliveries become dead letters that can be retried.

mod support;

use std::collections::BTreeSet;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use support::receiver::{Log, Receiver, SECRET};
use support::*;

/// `readiness-endpoint serve` as a child process; SIGKILLed when dropped.
struct Endpoint {
    child: Child,
    base: String,
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Endpoint {
    fn start(database: &std::path::Path, webhook: &str) -> Endpoint {
        let mut child = Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--rate-limit",
                "1000",
                "--min-fill-ms",
                "3000",
            ])
            .arg("--database")
            .arg(database)
            .args([
                "--webhook-url",
                webhook,
                "--retry-base-ms",
                "50",
                "--retry-cap-ms",
                "400",
            ])
            // A claim of the killed process runs out after this plus 5 s.
            .args(["--delivery-timeout", "1"])
            .env("READINESS_WEBHOOK_SECRET", SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the endpoint starts");
        let mut line = String::new();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .expect("it says where")
            .to_owned();
        Endpoint { child, base }
    }

    /// SIGKILL: no shutdown, no flushing.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

async fn post(base: &str, key: &str, body: &serde_json::Value) -> u16 {
    reqwest::Client::new()
        .post(format!("{base}/contact"))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Waits until `done` holds for the receiver's log, or `seconds` pass.
async fn wait_for(log: &Log, seconds: u64, done: impl Fn(&[support::receiver::Received]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done(&log.received.lock().unwrap()) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn twenty_leads_survive_a_receiver_outage_and_a_sigkill() {
    let database = temp_db("outbox-kill");
    // Take a free port for the receiver, then close it: the receiver is down.
    let port = Receiver::start(0, Log::default()).await.port();
    let url = format!("http://127.0.0.1:{port}/hook");
    let endpoint = Endpoint::start(&database, &url);
    for i in 0..20 {
        let status = post(&endpoint.base, &format!("key-outbox-{i:04}"), &valid()).await;
        assert_eq!(status, 201, "submission {i} is acknowledged");
    }
    // Let some attempts fail against the closed port, then kill -9.
    tokio::time::sleep(Duration::from_millis(300)).await;
    endpoint.kill();
    let endpoint = Endpoint::start(&database, &url);
    let log = Log::default();
    let receiver = Receiver::start(port, log.clone()).await;
    wait_for(&log, 60, |r| {
        r.iter().map(|x| &x.id).collect::<BTreeSet<_>>().len() >= 20
    })
    .await;
    // Any duplicate still in flight arrives within a few backoffs.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let received = log.received.lock().unwrap().clone();
    let distinct: BTreeSet<&str> = received.iter().map(|r| r.id.as_str()).collect();
    println!(
        "outbox after receiver outage + SIGKILL: {} deliveries received, {} distinct webhook-ids, {} duplicates",
        received.len(),
        distinct.len(),
        received.len() - distinct.len()
    );
    let expected: BTreeSet<String> = (1..=20).map(|id| format!("msg_{id}")).collect();
    assert_eq!(
        distinct,
        expected.iter().map(String::as_str).collect(),
        "one stable id per submission"
    );
    assert!(received.iter().all(|r| r.verified), "every signature verifies");
    for r in &received {
        assert_eq!(r.body["type"], "lead.created");
        assert_eq!(
            format!("msg_{}", r.body["data"]["id"]),
            r.id,
            "the id names the submission"
        );
        assert_eq!(r.body["data"]["contact"]["email"], "ada@example.com");
        assert_eq!(
            r.body["data"]["scores"].as_object().unwrap().len(),
            5,
            "the server's scores"
        );
        assert!(r.body["data"]["plan"].is_array());
        assert_eq!(r.body["data"]["suspected_spam"], false);
    }
    // Each delivery is recorded after its receiver's answer: give the last ones a moment.
    let delivered = || {
        readiness_endpoint::store::sqlite::rows(&database)
            .unwrap()
            .iter()
            .all(|r| r.last().unwrap() == "webhook delivered")
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !delivered() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(endpoint);
    drop(receiver);
    let rows = readiness_endpoint::store::sqlite::rows(&database).unwrap();
    assert!(
        rows.iter().all(|r| r.last().unwrap() == "webhook delivered"),
        "the export shows each delivery's state"
    );
}

#[tokio::test]
async fn failing_deliveries_become_dead_letters_and_can_be_retried() {
    let log = Log::default();
    *log.answer.lock().unwrap() = 503;
    let receiver = Receiver::start(0, log.clone()).await;
    let gone_log = Log::default();
    *gone_log.answer.lock().unwrap() = 410;
    let gone = Receiver::start(0, gone_log.clone()).await;
    let database = temp_db("outbox-dead");
    let server = start_with(database.clone(), |c| {
        c.webhook_url = vec![receiver.url.clone(), gone.url.clone()];
        c.webhook_secret = Some(SECRET.into());
        c.retry_base_ms = 20;
        c.retry_cap_ms = 50;
        c.max_attempts = 3;
    })
    .await;
    let mut spam = valid();
    spam["website"] = json!("http://spam.example");
    assert_eq!(post(&server.base, "key-dead-0001", &spam).await, 201);
    let connection = rusqlite::Connection::open(&database).unwrap();
    let dead = || {
        readiness_endpoint::store::sqlite::list_deliveries(
            &connection,
            Some(readiness_endpoint::store::DeliveryState::Dead),
        )
        .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while dead().len() < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let letters = dead();
    assert_eq!(letters.len(), 2, "both deliveries are dead letters: {letters:?}");
    let by_target = |url: &str| letters.iter().find(|d| d.target == url).unwrap().clone();
    assert_eq!(by_target(&receiver.url).attempts, 3, "503: retried up to the limit");
    assert_eq!(by_target(&receiver.url).last_error.as_deref(), Some("HTTP 503"));
    assert_eq!(by_target(&gone.url).attempts, 1, "410 Gone: never retried");
    assert_eq!(last_cell(&database), "webhook dead; webhook dead");

    // The receiver is fixed; the dead letter is resent (as Stripe lets you resend) with the same id.
    *log.answer.lock().unwrap() = 200;
    let output = Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
        .args(["deliveries", "--retry", "--id"])
        .arg(by_target(&receiver.url).id.to_string())
        .arg("--database")
        .arg(&database)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "1 dead delivery queued again"
    );
    wait_for(&log, 20, |r| !r.is_empty()).await;
    let received = log.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].id, "msg_1");
    assert!(received[0].verified);
    assert_eq!(
        received[0].body["data"]["suspected_spam"], true,
        "the webhook shows the flag"
    );
    assert_eq!(received[0].body["data"]["spam_reasons"], json!(["honeypot"]));
    let listed = Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
        .args(["deliveries", "--state", "dead", "--database"])
        .arg(&database)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(listed.lines().count(), 2, "a header and the 410 one: {listed}");
    assert!(listed.contains("410 Gone"), "{listed}");
    server.shutdown().await;
}

/// The export's last cell (the deliveries) of the first submission.
fn last_cell(database: &std::path::Path) -> String {
    readiness_endpoint::store::sqlite::rows(database).unwrap()[0]
        .last()
        .unwrap()
        .clone()
}
