//! `GET /metrics`: off by default, refused without its token on the public
//! listener, served on an address of its own, and counting what happened.

mod support;

use reqwest::{header, StatusCode};
use support::*;

const TOKEN: &str = "metrics-token-for-tests-0123";

async fn scrape(base: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{base}/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn metrics_are_off_by_default() {
    let server = start("metrics-off").await;
    assert_eq!(scrape(&server.base, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(scrape(&server.base, Some(TOKEN)).await.status(), StatusCode::NOT_FOUND);
    server.shutdown().await;
}

#[tokio::test]
async fn on_the_public_listener_metrics_need_the_token_and_count_requests() {
    let server = start_with(temp_db("metrics-token"), |c| c.metrics_token = Some(TOKEN.into())).await;
    for token in [None, Some("metrics-token-for-tests-0124")] {
        let refused = scrape(&server.base, token).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(refused.headers().contains_key(header::WWW_AUTHENTICATE));
        assert!(!refused.text().await.unwrap().contains("readiness_"), "nothing shown");
    }
    // Wrong tokens are limited per address, like the sales view's sign-in: 5 a minute.
    for _ in 0..3 {
        assert_eq!(
            scrape(&server.base, Some("wrong-token")).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = scrape(&server.base, Some("wrong-token")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
    assert_eq!(
        post_json(&server, "key-metrics-0001", &valid()).await.status(),
        StatusCode::CREATED
    );
    let mut broken = valid();
    broken["page_url"] = serde_json::json!("https://");
    assert_eq!(
        post_json(&server, "key-metrics-0002", &broken).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let answer = scrape(&server.base, Some(TOKEN)).await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(answer.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let text = answer.text().await.unwrap();
    for expected in [
        "readiness_http_requests_total{route=\"/contact\",method=\"POST\",status=\"201\"} 1",
        "readiness_http_requests_total{route=\"/contact\",method=\"POST\",status=\"422\"} 1",
        "readiness_http_request_duration_seconds_count{route=\"/contact\"} 2",
        "readiness_submissions_accepted_total 1",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("ada@example.com"), "no personal data");
    // Made-up methods and paths do not make new series: one `other` route, one `other` method.
    for i in 0..3 {
        let method = reqwest::Method::from_bytes(format!("PROBE{i}").as_bytes()).unwrap();
        let _ = reqwest::Client::new()
            .request(method, format!("{}/nothing-{i}", server.base))
            .send()
            .await
            .unwrap();
    }
    let text = scrape(&server.base, Some(TOKEN)).await.text().await.unwrap();
    assert!(
        text.contains("readiness_http_requests_total{route=\"other\",method=\"other\",status=\"404\"} 3"),
        "{text}"
    );
    assert!(!text.contains("PROBE") && !text.contains("nothing-"), "{text}");
    server.shutdown().await;
}

#[tokio::test]
async fn a_metrics_address_of_its_own_serves_nothing_else() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap();
    drop(free);
    let server = start_with(temp_db("metrics-addr"), |c| c.metrics_addr = Some(addr)).await;
    let metrics = format!("http://{addr}");
    assert_eq!(
        reqwest::get(format!("{}/healthz", server.base)).await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        scrape(&server.base, None).await.status(),
        StatusCode::NOT_FOUND,
        "not on the public listener"
    );
    let text = scrape(&metrics, None).await.text().await.unwrap();
    assert!(
        text.contains("readiness_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"),
        "{text}"
    );
    assert_eq!(
        reqwest::get(format!("{metrics}/healthz")).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    server.shutdown().await;
}

#[tokio::test]
async fn requests_that_skip_the_trusted_proxies_are_counted() {
    let server = start_with(temp_db("metrics-hops"), |c| {
        c.trusted_hops = 1;
        c.metrics_token = Some(TOKEN.into());
    })
    .await;
    // Straight to the endpoint, as a client would if it could reach it: no X-Forwarded-For.
    assert_eq!(
        post_json(&server, "key-metrics-hops1", &valid()).await.status(),
        StatusCode::CREATED
    );
    let text = scrape(&server.base, Some(TOKEN)).await.text().await.unwrap();
    assert!(text.contains("readiness_forwarded_for_short_total 1"), "{text}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delivery_attempts_dead_letters_and_the_queue_are_shown_per_destination() {
    use support::receiver::{Log, Receiver, SECRET};
    let (ok, gone) = (
        Receiver::start(0, Log::default()).await,
        Receiver::start(0, Log::default()).await,
    );
    *gone.log.answer.lock().unwrap() = 410;
    let (ok_url, gone_url) = (ok.url.clone(), gone.url.clone());
    let server = start_with(temp_db("metrics-outbox"), move |c| {
        c.metrics_token = Some(TOKEN.into());
        c.webhook_url = vec![ok_url, gone_url];
        c.webhook_secret = Some(SECRET.into());
    })
    .await;
    assert_eq!(
        post_json(&server, "key-metrics-outbox", &valid()).await.status(),
        StatusCode::CREATED
    );
    let host = |url: &str| url.trim_start_matches("http://").split('/').next().unwrap().to_owned();
    let expected = [
        format!(
            "readiness_delivery_attempts_total{{kind=\"webhook\",destination=\"{}\",outcome=\"delivered\"}} 1",
            host(&ok.url)
        ),
        format!(
            "readiness_delivery_attempts_total{{kind=\"webhook\",destination=\"{}\",outcome=\"failed\"}} 1",
            host(&gone.url)
        ),
        format!(
            "readiness_dead_letters_total{{kind=\"webhook\",destination=\"{}\"}} 1",
            host(&gone.url)
        ),
        // The queue read from the store when scraped.
        format!(
            "readiness_outbox_deliveries{{kind=\"webhook\",destination=\"{}\",state=\"delivered\"}} 1",
            host(&ok.url)
        ),
        format!(
            "readiness_outbox_deliveries{{kind=\"webhook\",destination=\"{}\",state=\"dead\"}} 1",
            host(&gone.url)
        ),
    ];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = scrape(&server.base, Some(TOKEN)).await.text().await.unwrap();
        if expected.iter().all(|e| text.contains(e.as_str())) {
            assert!(!text.contains("/hook"), "no path in a label: {text}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{expected:?} in\n{text}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    server.shutdown().await;
}

#[test]
fn a_short_metrics_token_stops_the_start() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-endpoint"))
        .args(["serve", "--addr", "127.0.0.1:0", "--metrics-token", "short"])
        .arg("--database")
        .arg(temp_db("metrics-short"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("READINESS_METRICS_TOKEN"));
}

#[tokio::test]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn on_postgresql_the_pool_is_shown() {
    let database = pg_database("metrics-pool").await;
    let server = start_with(database, |c| {
        c.metrics_token = Some(TOKEN.into());
        c.storage.pool_size = 3;
    })
    .await;
    let text = scrape(&server.base, Some(TOKEN)).await.text().await.unwrap();
    // A live snapshot (the outbox worker may hold a connection): the size is exact, the rest present.
    for expected in [
        "readiness_db_pool_connections{state=\"max\"} 3",
        "readiness_db_pool_connections{state=\"in_use\"} ",
        "readiness_db_pool_connections{state=\"idle\"} ",
        "readiness_db_pool_connections{state=\"waiting\"} ",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    server.shutdown().await;
}
