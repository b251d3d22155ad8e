//! PostgreSQL restarted (fast stop, start) under load from several clients,
//! as an operator's restart or a managed failover does: while it is down,
//! `/healthz` says 503 and `POST /contact` 503 with `Retry-After`, never 500;
//! afterwards the pool reconnects by itself, every acknowledged submission is
//! stored once and delivered to each webhook (at least once, one webhook-id
//! per submission). Its own test binary: it stops the suite's shared server.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use readiness_endpoint::store::{Database, Store};
use support::receiver::{Log, Receiver, SECRET};
use support::*;

/// Runs one of the scripts `cargo xtask test` writes next to its server.
fn server_script(variable: &str) {
    let script = std::env::var(variable).unwrap();
    let status = std::process::Command::new(&script).status().unwrap();
    assert!(status.success(), "{script}: {status}");
}

/// Starts the server again if the test ends (or panics) while it is stopped.
struct StartOnDrop(bool);

impl Drop for StartOnDrop {
    fn drop(&mut self) {
        if self.0 {
            server_script("READINESS_TEST_POSTGRES_START");
        }
    }
}

/// What the clients saw.
#[derive(Default)]
struct Seen {
    /// Every status, counted.
    statuses: BTreeMap<u16, usize>,
    /// 503s that came without `Retry-After`.
    without_retry_after: usize,
    /// Keys answered 201 or 200.
    acknowledged: BTreeSet<String>,
    /// Every key sent.
    sent: BTreeSet<String>,
}

/// A client posting valid submissions until `stop`: each key is sent again after a 503 or a
/// failed connection (as the widget does) until it is acknowledged.
async fn client(base: String, worker: usize, stop: Arc<AtomicBool>, seen: Arc<Mutex<Seen>>) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let key = format!("restart-{worker}-{n:05}");
        seen.lock().unwrap().sent.insert(key.clone());
        loop {
            let answer = http
                .post(format!("{base}/contact"))
                .header("idempotency-key", &key)
                .json(&valid())
                .send()
                .await;
            let Ok(answer) = answer else {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            };
            let status = answer.status().as_u16();
            {
                let mut seen = seen.lock().unwrap();
                *seen.statuses.entry(status).or_default() += 1;
                if status == 503 && !answer.headers().contains_key("retry-after") {
                    seen.without_retry_after += 1;
                }
                if matches!(status, 200 | 201) {
                    seen.acknowledged.insert(key.clone());
                }
            }
            if status != 503 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

async fn health(base: &str) -> u16 {
    reqwest::get(format!("{base}/healthz")).await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn a_postgres_restart_under_load_loses_nothing_and_never_answers_500() {
    assert!(
        std::env::var("READINESS_TEST_POSTGRES_STOP").is_ok(),
        "READINESS_TEST_POSTGRES_STOP is not set: `cargo xtask test` sets it with its server"
    );
    let database = pg_database("restart").await;
    let (a, b) = (
        Receiver::start(0, Log::default()).await,
        Receiver::start(0, Log::default()).await,
    );
    let urls = vec![a.url.clone(), b.url.clone()];
    let server = start_with(database.clone(), move |c| {
        c.webhook_url = urls;
        c.webhook_secret = Some(SECRET.into());
        c.retry_base_ms = 100;
        c.retry_cap_ms = 1000;
        c.delivery_timeout = Duration::from_secs(2);
        c.rate_limit = 1_000_000;
        c.min_fill_ms = 0;
    })
    .await;
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let clients: Vec<_> = (0..4)
        .map(|worker| tokio::spawn(client(server.base.clone(), worker, stop.clone(), seen.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(health(&server.base).await, 200);

    tokio::task::spawn_blocking(|| server_script("READINESS_TEST_POSTGRES_STOP"))
        .await
        .unwrap();
    let mut stopped = StartOnDrop(true);
    // Down: /healthz (checked at most once a second) and POST /contact say 503.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(health(&server.base).await, 503, "/healthz while PostgreSQL is down");
    let down = reqwest::Client::new()
        .post(format!("{}/contact", server.base))
        .header("idempotency-key", "restart-while-down")
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), 503, "POST /contact while PostgreSQL is down");
    assert_eq!(down.headers()["retry-after"], "5");
    tokio::time::sleep(Duration::from_secs(1)).await;
    stopped.0 = false;
    tokio::task::spawn_blocking(|| server_script("READINESS_TEST_POSTGRES_START"))
        .await
        .unwrap();

    // Back: the pool reconnects by itself.
    let deadline = Instant::now() + Duration::from_secs(20);
    while health(&server.base).await != 200 {
        assert!(Instant::now() < deadline, "/healthz is 200 again after the restart");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.await.unwrap();
    }
    let seen = Arc::try_unwrap(seen).ok().unwrap().into_inner().unwrap();
    println!("statuses under the restart: {:?}", seen.statuses);
    assert!(
        seen.statuses.keys().all(|s| matches!(s, 200 | 201 | 503)),
        "only 201, 200 and 503: {:?}",
        seen.statuses
    );
    assert!(
        seen.statuses.get(&503).is_some_and(|n| *n > 0),
        "the clients saw the restart"
    );
    assert_eq!(seen.without_retry_after, 0, "every 503 says Retry-After");

    // Every acknowledged submission is stored once.
    let store = Store::open(&Database::from(database.clone()), 1).await.unwrap();
    let rows = store.export_all().await.unwrap();
    let key = readiness_endpoint::store::COLUMNS
        .iter()
        .position(|c| *c == "idempotency_key")
        .unwrap();
    let stored: Vec<&String> = rows.iter().map(|r| &r[key]).collect();
    let unique: BTreeSet<String> = stored.iter().map(|k| (*k).clone()).collect();
    assert_eq!(unique.len(), stored.len(), "no submission stored twice");
    assert!(
        seen.acknowledged.is_subset(&unique),
        "every acknowledged submission is stored"
    );
    assert!(
        unique.iter().all(|k| seen.sent.contains(k)),
        "nothing stored that was not sent"
    );
    assert!(!unique.contains("restart-while-down"), "the 503 stored nothing");

    // Each is delivered to both receivers, with one webhook-id per submission.
    let ids: BTreeSet<String> = rows.iter().map(|r| format!("msg_{}", r[0])).collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    for receiver in [&a, &b] {
        loop {
            let got: BTreeSet<String> = receiver
                .log
                .received
                .lock()
                .unwrap()
                .iter()
                .map(|r| r.id.clone())
                .collect();
            if got == ids {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {} of {} submissions delivered; unknown ids: {:?}",
                receiver.url,
                got.intersection(&ids).count(),
                ids.len(),
                got.difference(&ids).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        for delivery in receiver.log.received.lock().unwrap().iter() {
            assert!(delivery.verified);
            assert_eq!(
                format!("msg_{}", delivery.body["data"]["id"]),
                delivery.id,
                "one webhook-id per submission"
            );
        }
    }
    println!(
        "{} submissions acknowledged, {} stored, each delivered to both receivers",
        seen.acknowledged.len(),
        rows.len()
    );
    server.shutdown().await;
}
