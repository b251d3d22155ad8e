//! Two endpoint processes on one PostgreSQL database, as behind a load
//! balancer: one idempotency key over both stores one row, distinct submissions
//! all land, a SIGKILLed instance loses nothing it acknowledged, and the outbox
//! delivers each submission once (at least once across the kill). Needs the
//! server `cargo xtask test` starts; reported as skipped (ignored) otherwise.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use support::receiver::{Log, Receiver, SECRET};
use support::*;
use tokio::sync::Semaphore;

/// `readiness-endpoint serve` as a child process, SIGKILLed on drop.
struct Instance {
    child: std::process::Child,
    base: String,
}

impl Instance {
    fn start(database: &Path, webhook: &str) -> Instance {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--rate-limit",
                "1000000",
                "--pool-size",
                "4",
            ])
            .args(["--webhook-url", webhook, "--webhook-secret", SECRET])
            .args([
                "--delivery-timeout",
                "1",
                "--retry-base-ms",
                "200",
                "--retry-cap-ms",
                "1000",
            ])
            .arg("--database")
            .arg(database)
            .env_remove("READINESS_DATABASE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the endpoint starts");
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("the endpoint did not start: {line:?}"))
            .to_owned();
        Instance {
            child,
            base: format!("http://{addr}"),
        }
    }

    fn kill(&mut self) {
        // std's kill is SIGKILL on Unix.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

/// POSTs `count` submissions (key `{prefix}-{i}`, or one key when `one_key`) alternately to
/// `bases`, `concurrency` at a time; after `kill_after` answers, runs `on_kill` once.
/// Returns each key's status (None: no answer, e.g. the instance died).
async fn load(
    bases: &[String],
    prefix: &str,
    count: usize,
    one_key: bool,
    concurrency: usize,
) -> BTreeMap<String, Vec<Option<StatusCode>>> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let gate = Arc::new(Semaphore::new(concurrency));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..count {
        let key = if one_key {
            prefix.to_owned()
        } else {
            format!("{prefix}-{i:04}")
        };
        let url = format!("{}/contact", bases[i % bases.len()]);
        let (client, gate) = (client.clone(), gate.clone());
        set.spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let status = client
                .post(url)
                .header("Idempotency-Key", &key)
                .json(&valid())
                .send()
                .await
                .ok()
                .map(|r| r.status());
            (key, status)
        });
    }
    let mut statuses: BTreeMap<String, Vec<Option<StatusCode>>> = BTreeMap::new();
    while let Some(done) = set.join_next().await {
        let (key, status) = done.unwrap();
        statuses.entry(key).or_default().push(status);
    }
    statuses
}

/// Waits until the receiver has seen every id in `expected` (or 30 s), then a moment more.
async fn delivered(receiver: &Receiver, expected: &BTreeSet<String>) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let seen: BTreeSet<String> = receiver
            .log
            .received
            .lock()
            .unwrap()
            .iter()
            .map(|r| r.id.clone())
            .collect();
        if expected.is_subset(&seen) || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let received = receiver.log.received.lock().unwrap().clone();
    assert!(received.iter().all(|r| r.verified), "every delivery signed");
    received.into_iter().map(|r| r.id).collect()
}

/// `msg_<id>` of every stored submission.
fn message_ids(rows: &[Vec<String>]) -> BTreeSet<String> {
    rows.iter().map(|r| format!("msg_{}", r[column("id")])).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn two_instances_one_database() {
    let database = pg_database("instances").await;
    let receiver = Receiver::start(0, Log::default()).await;
    let a = Instance::start(&database, &receiver.url);
    let b = Instance::start(&database, &receiver.url);
    let bases = vec![a.base.clone(), b.base.clone()];

    // 8 concurrent POSTs with one key, over both instances: one 201, one row.
    let one = load(&bases, "key-two-instances-one", 8, true, 8).await;
    let statuses: Vec<Option<StatusCode>> = one.values().flatten().copied().collect();
    let created = statuses.iter().filter(|s| **s == Some(StatusCode::CREATED)).count();
    let replayed = statuses.iter().filter(|s| **s == Some(StatusCode::OK)).count();
    println!("one key, 8 concurrent POSTs over 2 instances: {created} × 201, {replayed} × 200");
    assert_eq!((created, replayed), (1, 7), "{statuses:?}");
    assert_eq!(rows_of(&database).await.len(), 1);

    // 200 distinct submissions over both: 200 rows, each delivered exactly once.
    let many = load(&bases, "key-two-instances", 200, false, 16).await;
    let created = many
        .values()
        .flatten()
        .filter(|s| **s == Some(StatusCode::CREATED))
        .count();
    let rows = rows_of(&database).await;
    println!(
        "200 distinct POSTs over 2 instances: {created} × 201, {} rows",
        rows.len()
    );
    assert_eq!(created, 200);
    assert_eq!(rows.len(), 201);
    let expected = message_ids(&rows);
    let ids = delivered(&receiver, &expected).await;
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    println!(
        "webhooks: {} received, {} distinct ids, {} stored submissions",
        ids.len(),
        distinct.len(),
        expected.len()
    );
    assert_eq!(distinct, expected, "every stored submission delivered");
    assert_eq!(ids.len(), expected.len(), "no delivery sent twice by the two instances");
    drop((a, b));
    // The operator's commands read the same database by its URL.
    let cli = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
            .args(args)
            .arg("--database")
            .arg(&database)
            .env_remove("READINESS_DATABASE")
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let delivered_rows = cli(&["deliveries", "--state", "delivered"]).lines().count() - 1;
    assert_eq!(delivered_rows, 201, "`deliveries --state delivered` lists each once");
    let csv = cli(&["export", "--format", "csv"]);
    assert_eq!(csv.lines().count() - 1, 201, "`export` has a row per submission");
    assert_eq!(cli(&["deliveries", "--retry"]).trim(), "0 dead deliveries queued again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn an_instance_killed_mid_load_loses_nothing_it_acknowledged() {
    let database = pg_database("killed").await;
    let receiver = Receiver::start(0, Log::default()).await;
    let a = Instance::start(&database, &receiver.url);
    let mut b = Instance::start(&database, &receiver.url);
    let bases = vec![a.base.clone(), b.base.clone()];
    let (statuses, ()) = tokio::join!(load(&bases, "key-killed", 400, false, 16), async {
        // Mid-load: wait until some rows are in, then SIGKILL instance b.
        let deadline = Instant::now() + Duration::from_secs(30);
        while rows_of(&database).await.len() < 100 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        b.kill();
    });
    let acknowledged: BTreeSet<String> = statuses
        .iter()
        .filter(|(_, s)| s.contains(&Some(StatusCode::CREATED)))
        .map(|(k, _)| k.clone())
        .collect();
    let unanswered = statuses.values().flatten().filter(|s| s.is_none()).count();
    let rows = rows_of(&database).await;
    let stored: BTreeSet<String> = rows.iter().map(|r| r[column("idempotency_key")].clone()).collect();
    println!(
        "400 POSTs over 2 instances, one SIGKILLed mid-load: {} acknowledged (201), {unanswered} unanswered, {} rows",
        acknowledged.len(),
        rows.len()
    );
    assert!(unanswered > 0, "the kill happened mid-load");
    assert!(acknowledged.len() >= 100, "the survivor kept answering");
    let lost: Vec<&String> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");
    assert_eq!(stored.len(), rows.len(), "one row per key");
    // A client (or the load balancer) retries the unanswered ones, same key, on the survivor:
    // those b stored before it died are replayed, the others stored; 400 rows, none twice.
    let retry_keys: Vec<String> = statuses
        .iter()
        .filter(|(_, s)| !s.contains(&Some(StatusCode::CREATED)))
        .map(|(k, _)| k.clone())
        .collect();
    let client = reqwest::Client::new();
    for key in &retry_keys {
        let response = client
            .post(format!("{}/contact", a.base))
            .header("Idempotency-Key", key)
            .json(&valid())
            .send()
            .await
            .unwrap();
        assert!(
            matches!(response.status(), StatusCode::CREATED | StatusCode::OK),
            "{key}: {}",
            response.status()
        );
    }
    let rows = rows_of(&database).await;
    println!(
        "after retrying the {} unanswered on the survivor: {} rows",
        retry_keys.len(),
        rows.len()
    );
    assert_eq!(rows.len(), 400);
    // The survivor delivers everything stored, b's claims included once their lease runs out.
    let expected = message_ids(&rows);
    let ids = delivered(&receiver, &expected).await;
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    println!(
        "webhooks after the kill: {} received, {} distinct ids, {} stored submissions",
        ids.len(),
        distinct.len(),
        expected.len()
    );
    assert_eq!(distinct, expected, "every stored submission delivered at least once");
    drop(a);
}
