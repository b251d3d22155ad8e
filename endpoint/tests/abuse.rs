//! The endpoint under abuse and faults: idle and slow clients, a flood of
//! open sockets, a shutdown with a request in flight, a forged
//! `X-Forwarded-For`, malformed floods against the limit, a health-check
//! flood behind a busy store, a retry after the keys were pruned. Every
//! loop is bounded and runs against 127.0.0.1. (TCP_NODELAY is tested in
//! `server.rs`: timing kept-alive requests could not tell Nagle's 40 ms
//! stalls from a busy machine's reliably.)

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn health(addr: &str) -> Result<StatusCode, String> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap()
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .map(|r| r.status())
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn idle_sockets_past_the_open_file_limit_do_not_lock_other_clients_out() {
    // The repro, scaled down: 256 open files, 300 idle sockets from one client.
    let process = Process::start(256, &["--max-connections", "100"]).expect("the endpoint starts");
    let mut idle = Vec::new();
    for _ in 0..300 {
        if let Ok(Ok(socket)) = tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(&process.addr)).await {
            idle.push(socket);
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        health(&process.addr).await,
        Ok(StatusCode::OK),
        "another client is served"
    );
    // Idle sockets were closed to make room: some of ours now read end-of-file.
    let mut closed = 0;
    for socket in idle.iter_mut() {
        let mut byte = [0u8; 1];
        if let Ok(Ok(0)) = tokio::time::timeout(Duration::from_millis(5), socket.read(&mut byte)).await {
            closed += 1;
        }
    }
    assert!(closed > 0, "no idle socket was closed");
}

#[tokio::test]
async fn headers_that_never_end_are_cut_off() {
    let server = start_with(temp_db("slow-headers"), |c| c.header_timeout = Duration::from_secs(1)).await;
    let started = Instant::now();
    let answer = raw(&server.addr(), b"GET /healthz HTTP/1.1\r\nHost: x\r\n", 5).await;
    assert!(answer.is_some(), "the connection was still open after 5 s");
    assert!(started.elapsed() < Duration::from_secs(4));
    server.shutdown().await;
}

#[tokio::test]
async fn a_connection_that_sends_nothing_or_idles_after_a_request_is_closed() {
    let server = start_with(temp_db("idle"), |c| c.header_timeout = Duration::from_secs(1)).await;
    assert_eq!(raw(&server.addr(), b"", 5).await, Some(String::new()), "never a byte");
    let kept_alive = raw(&server.addr(), b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5)
        .await
        .expect("closed after the idle timeout");
    assert!(kept_alive.starts_with("HTTP/1.1 200"), "{kept_alive}");
    server.shutdown().await;
}

/// Sends `head` then one body byte every 200 ms until the server answers or 5 s pass.
async fn trickle(addr: &str, head: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut answer = vec![0u8; 4096];
    while Instant::now() < deadline {
        if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut answer)).await {
            return Some(String::from_utf8_lossy(&answer[..n]).into_owned());
        }
        let _ = stream.write_all(b" ").await;
    }
    None
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_gets_408() {
    let server = start_with(temp_db("slow-body"), |c| c.body_timeout = Duration::from_secs(1)).await;
    let head = "POST /contact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    let answer = trickle(&server.addr(), head).await.expect("an answer within 5 s");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"timeout\""), "{answer}");
    server.shutdown().await;
}

#[tokio::test]
async fn shutdown_with_a_slow_body_in_flight_ends_by_its_deadline() {
    let server = start_with(temp_db("shutdown"), |c| {
        c.body_timeout = Duration::from_secs(60);
        c.shutdown_timeout = Duration::from_secs(1);
    })
    .await;
    let addr = server.addr();
    let slow = tokio::spawn(async move {
        let head =
            "POST /contact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
        trickle(&addr, head).await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(5), server.shutdown())
        .await
        .expect("serve returned within 5 s of the shutdown signal");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    slow.abort();
}

#[tokio::test]
async fn a_forged_forwarded_chain_does_not_dodge_the_limit() {
    let server = start_with(temp_db("xff"), |c| {
        c.rate_limit = 10;
        c.trusted_hops = 1;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..15 {
        let response = reqwest::Client::new()
            .post(format!("{}/contact", server.base))
            .header("Idempotency-Key", format!("key-xff-{i:04}"))
            .header("X-Forwarded-For", format!("198.51.100.{i}, 192.0.2.7"))
            .json(&valid())
            .send()
            .await
            .unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let wait: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&wait), "{wait}");
        }
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 10, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 5, "{statuses:?}");
    assert_eq!(rows(&server).len(), 10);
    server.shutdown().await;
}

#[tokio::test]
async fn only_what_could_be_a_real_submission_counts_toward_the_limit() {
    let server = start_with(temp_db("malformed-limit"), |c| c.rate_limit = 2).await;
    let mut incomplete = valid();
    incomplete["contact"]["email"] = json!("not an email");
    for i in 0..10 {
        assert_eq!(
            post_json(&server, &format!("key-bad-{i:04}"), &json!({"nonsense": true}))
                .await
                .status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            post_json(&server, &format!("key-inv-{i:04}"), &incomplete)
                .await
                .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        post_json(&server, "key-real-0001", &valid()).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        post_json(&server, "key-real-0002", &valid()).await.status(),
        StatusCode::CREATED
    );
    let third = post_json(&server, "key-real-0003", &valid()).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS, "the limit still holds");
    assert!(third.headers().contains_key("retry-after"));
    server.shutdown().await;
}

#[tokio::test]
async fn healthz_answers_while_the_store_waits_for_a_locked_database() {
    let server = start("health-lock").await;
    // Another process holds the write lock: a POST now waits (busy timeout) inside the store.
    let locker = rusqlite::Connection::open(&server.database).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let base = server.base.clone();
    let post = tokio::spawn(async move {
        reqwest::Client::new()
            .post(format!("{base}/contact"))
            .header("Idempotency-Key", "key-health-lock")
            .json(&valid())
            .send()
            .await
            .map(|r| r.status())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let mut answered = 0;
    for _ in 0..50 {
        if health(&server.addr()).await == Ok(StatusCode::OK) {
            answered += 1;
        }
    }
    let elapsed = started.elapsed();
    locker.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(answered, 50);
    assert!(elapsed < Duration::from_secs(2), "50 health checks took {elapsed:?}");
    assert_eq!(
        post.await.unwrap().unwrap(),
        StatusCode::CREATED,
        "the waiting POST is stored after"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_retry_after_the_keys_were_pruned_is_replayed_not_500() {
    let server = start("pruned").await;
    let first = post_json(&server, "key-pruned-0001", &valid()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    // What the hourly pruning does to keys older than 48 h.
    let n = rusqlite::Connection::open(&server.database)
        .unwrap()
        .execute("DELETE FROM idempotency", [])
        .unwrap();
    assert_eq!(n, 1);
    let again = post_json(&server, "key-pruned-0001", &valid()).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        first,
        "the same answer as the first time"
    );
    let mut other = valid();
    other["contact"]["name"] = json!("Someone Else");
    assert_eq!(
        post_json(&server, "key-pruned-0001", &other).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(rows(&server).len(), 1);
    server.shutdown().await;
}
