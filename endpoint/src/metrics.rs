//! `GET /metrics` for operators, in the Prometheus (OpenMetrics) text format,
//! with `prometheus-client` (the Prometheus project's own crate); one
//! registry per server, so nothing is process-global.
//!
//! Off unless enabled, and never open on the public listener:
//! - `--metrics-addr ADDR` serves it on a listener of its own (a loopback or
//!   private address the scraper reaches; nothing else is served there);
//! - `--metrics-token TOKEN` (16 characters or more) serves it on the public
//!   listener (or, with `--metrics-addr`, there too) to `Authorization:
//!   Bearer TOKEN` only; without the token the answer is 401.
//!
//! Without either `/metrics` is not routed (404, or the site's own 404).
//!
//! What is counted: requests by route (the route's pattern, e.g.
//! `/admin/submissions/{id}`, never the raw path), method and status; their
//! latency (a histogram per route); accepted submissions (201 on
//! `/contact`); delivery attempts by destination and outcome, and dead
//! letters by destination; requests whose `X-Forwarded-For` holds fewer
//! entries than `--trusted-hops` (see [`crate::ratelimit::short_chain`]);
//! and, read when scraped, the PostgreSQL pool's connections
//! (`Engine::pool_use`) and the outbox's deliveries by destination and state
//! (`Engine::queue_depth`).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::store::Store;

/// The shortest metrics token accepted at start.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The content type of the OpenMetrics text format (Prometheus scrapes it).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Latency buckets in seconds: 1 ms to 10 s.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// At most one warning a minute about requests that did not come through the trusted proxies.
const WARN_EVERY_SECONDS: i64 = 60;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AttemptLabels {
    kind: String,
    destination: String,
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DestinationLabels {
    kind: String,
    destination: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabels {
    kind: String,
    destination: String,
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: String,
}

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// One server's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    accepted: Counter,
    attempts: Family<AttemptLabels, Counter>,
    dead_letters: Family<DestinationLabels, Counter>,
    short_chains: Counter,
    queue: Family<QueueLabels, Gauge>,
    pool: Family<PoolLabels, Gauge>,
    warned_at: AtomicI64,
    token_hash: Option<[u8; 32]>,
    /// Wrong tokens per client address: 5 a minute, as the sales view's sign-in.
    failures: crate::ratelimit::RateLimit,
    /// Whether anyone can read the metrics: with /metrics off, requests and attempts are not counted.
    recording: bool,
}

impl Metrics {
    /// Every metric registered, none observed yet; `token`: the bearer token `/metrics` asks for;
    /// `recording`: whether /metrics is served at all (off: nothing is counted, nothing costs).
    pub fn new(token: Option<&str>, recording: bool) -> Metrics {
        let mut registry = Registry::with_prefix("readiness");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route pattern, method and status",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer, by route pattern",
            prometheus_client::registry::Unit::Seconds,
            latency.clone(),
        );
        let accepted = Counter::default();
        registry.register(
            "submissions_accepted",
            "Submissions stored (201 on POST /contact; replays not counted)",
            accepted.clone(),
        );
        let attempts = Family::<AttemptLabels, Counter>::default();
        registry.register(
            "delivery_attempts",
            "Outbox delivery attempts, by destination and outcome (delivered, retry, failed)",
            attempts.clone(),
        );
        let dead_letters = Family::<DestinationLabels, Counter>::default();
        registry.register(
            "dead_letters",
            "Deliveries that became dead letters, by destination",
            dead_letters.clone(),
        );
        let short_chains = Counter::default();
        registry.register(
            "forwarded_for_short",
            "Requests with fewer X-Forwarded-For entries than --trusted-hops (not through your proxies?)",
            short_chains.clone(),
        );
        let queue = Family::<QueueLabels, Gauge>::default();
        registry.register(
            "outbox_deliveries",
            "Outbox deliveries by destination and state (pending is the queue), read when scraped",
            queue.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "PostgreSQL pool connections (in_use, idle, max) and requests waiting for one (waiting)",
            pool.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            accepted,
            attempts,
            dead_letters,
            short_chains,
            queue,
            pool,
            warned_at: AtomicI64::new(i64::MIN),
            token_hash: token.map(|t| Sha256::digest(t.as_bytes()).into()),
            failures: crate::ratelimit::RateLimit::new(crate::admin::auth::FAILURES_PER_MINUTE),
            recording,
        }
    }

    /// Counts one answered request.
    pub fn request(&self, route: &str, method: &str, status: StatusCode, seconds: f64) {
        if !self.recording {
            return;
        }
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                status: status.as_u16().to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(seconds);
        if route == "/contact" && status == StatusCode::CREATED {
            self.accepted.inc();
        }
    }

    /// Counts one delivery attempt: `outcome` is `delivered`, `retry` or `failed`; `dead` when the
    /// delivery became a dead letter with it.
    pub fn attempt(&self, kind: &str, target: &str, outcome: &str, dead: bool) {
        if !self.recording {
            return;
        }
        let destination = destination(kind, target);
        self.attempts
            .get_or_create(&AttemptLabels {
                kind: kind.to_owned(),
                destination: destination.clone(),
                outcome: outcome.to_owned(),
            })
            .inc();
        if dead {
            self.dead_letters
                .get_or_create(&DestinationLabels {
                    kind: kind.to_owned(),
                    destination,
                })
                .inc();
        }
    }

    /// Counts a request whose `X-Forwarded-For` is shorter than the trusted hops; `true` when it is
    /// time to warn (at most once a minute).
    pub fn short_chain(&self) -> bool {
        self.short_chains.inc();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let last = self.warned_at.load(Ordering::Relaxed);
        now.saturating_sub(last) >= WARN_EVERY_SECONDS
            && self
                .warned_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
    }

    /// The gauges read from the store, then everything in the text format.
    pub async fn render(&self, store: &Store) -> String {
        if let Some(pool) = store.pool_use() {
            for (state, value) in [
                ("in_use", pool.in_use),
                ("idle", pool.idle),
                ("max", pool.max),
                ("waiting", pool.waiting),
            ] {
                self.pool
                    .get_or_create(&PoolLabels { state: state.into() })
                    .set(i64::try_from(value).unwrap_or(i64::MAX));
            }
        }
        match store.queue_depth().await {
            Ok(depths) => {
                // Rows that moved on since the last scrape read 0, not their old count.
                self.queue.clear();
                for depth in depths {
                    self.queue
                        .get_or_create(&QueueLabels {
                            kind: depth.kind.clone(),
                            destination: destination(&depth.kind, &depth.target),
                            state: depth.state.as_str().to_owned(),
                        })
                        .inc_by(i64::try_from(depth.count).unwrap_or(i64::MAX));
                }
            }
            Err(e) => tracing::warn!("metrics: the outbox's depth could not be read: {e}"),
        }
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }

    /// Forgets the addresses whose wrong tokens have run out (run with the rate limit's pruning).
    pub fn prune(&self) {
        self.failures.prune();
    }

    /// Whether a request may read the metrics: always without a token, else only with it.
    fn allowed(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = &self.token_hash else {
            return true;
        };
        let Some(sent) = crate::admin::auth::bearer(headers) else {
            return false;
        };
        let hash: [u8; 32] = Sha256::digest(sent.as_bytes()).into();
        hash.ct_eq(expected).into()
    }
}

/// A destination's label: the webhook's host (and port), never its path or query, which may hold
/// a secret; `smtp` for the e-mail (its recipients are not a label).
fn destination(kind: &str, target: &str) -> String {
    if kind != "webhook" {
        return "smtp".into();
    }
    reqwest::Url::parse(target)
        .ok()
        .and_then(|url| {
            let host = url.host_str()?.to_owned();
            Some(match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host,
            })
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Counts every request and checks the forwarded chain; `trusted_hops` as configured.
pub async fn observe(metrics: Arc<Metrics>, trusted_hops: u8, request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let route = matched.as_ref().map_or("other", MatchedPath::as_str);
    if trusted_hops > 0 && route != "/healthz" && route != "/metrics" {
        if let Some(entries) = crate::ratelimit::short_chain(request.headers(), trusted_hops) {
            if metrics.short_chain() {
                tracing::warn!(
                    entries,
                    trusted_hops,
                    "a request came with {entries} X-Forwarded-For entries, fewer than --trusted-hops \
                     {trusted_hops}: it did not pass through your proxies. If clients can reach this \
                     address directly they choose their own address for the rate limits; listen on \
                     loopback or a private address only (counted in readiness_forwarded_for_short)"
                );
            }
        }
    }
    // The standard methods by name, any other as `other`: a client cannot grow the label sets.
    let method: &'static str = match request.method().as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    if !metrics.recording {
        return next.run(request).await;
    }
    let start = Instant::now();
    let response = next.run(request).await;
    metrics.request(route, method, response.status(), start.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: a wrong or missing token is 401, and after 5 a minute from one address 429.
async fn scrape(metrics: Arc<Metrics>, store: Store, trusted_hops: u8, request: Request) -> Response {
    let headers = request.headers();
    if !metrics.allowed(headers) {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(SocketAddr::from(([0, 0, 0, 0], 0)), |c| c.0);
        if let Err(wait) = metrics
            .failures
            .check(crate::ratelimit::client_ip(headers, peer, trusted_hops))
        {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [
                    (header::RETRY_AFTER, HeaderValue::from(wait)),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                "too many wrong metrics tokens from this address",
            )
                .into_response();
        }
        return (
            StatusCode::UNAUTHORIZED,
            [
                (
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"metrics\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            "metrics need the metrics token (Authorization: Bearer)",
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        metrics.render(&store).await,
    )
        .into_response()
}

/// A router with only `GET /metrics`.
pub fn router(metrics: Arc<Metrics>, store: Store, trusted_hops: u8) -> Router {
    Router::new().route(
        "/metrics",
        get(move |request: Request| scrape(metrics.clone(), store.clone(), trusted_hops, request)),
    )
}

/// Where the metrics are served, from the configuration; `Err` names a token that is too short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Not at all.
    Off,
    /// On the public listener, to the token only.
    Public,
    /// On a listener of its own at this address (to the token only if one is set).
    Separate(SocketAddr),
}

impl Exposure {
    /// From `--metrics-addr` and `--metrics-token`.
    pub fn from_config(addr: Option<SocketAddr>, token: Option<&str>) -> Result<Exposure, String> {
        if token.is_some_and(|t| t.chars().count() < MIN_TOKEN_CHARS) {
            return Err(format!(
                "READINESS_METRICS_TOKEN must be at least {MIN_TOKEN_CHARS} characters (e.g. `openssl rand -base64 32`)"
            ));
        }
        Ok(match (addr, token) {
            (Some(addr), _) => Exposure::Separate(addr),
            (None, Some(_)) => Exposure::Public,
            (None, None) => Exposure::Off,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_off_unless_an_address_or_a_token_is_given() {
        let addr: SocketAddr = "127.0.0.1:9464".parse().unwrap();
        let token = "metrics-token-0123456789";
        assert_eq!(Exposure::from_config(None, None), Ok(Exposure::Off));
        assert_eq!(Exposure::from_config(None, Some(token)), Ok(Exposure::Public));
        assert_eq!(Exposure::from_config(Some(addr), None), Ok(Exposure::Separate(addr)));
        assert_eq!(
            Exposure::from_config(Some(addr), Some(token)),
            Ok(Exposure::Separate(addr))
        );
        assert!(Exposure::from_config(None, Some("short")).unwrap_err().contains("16"));
    }

    #[test]
    fn a_destination_label_is_the_host_never_the_path_or_query() {
        assert_eq!(
            destination("webhook", "https://crm.example:8443/hooks/SECRET?key=x"),
            "crm.example:8443"
        );
        assert_eq!(destination("webhook", "https://user:pw@crm.example/h"), "crm.example");
        assert_eq!(destination("email", "sales@firm.example"), "smtp");
    }

    #[test]
    fn the_text_holds_counters_histograms_and_dead_letters() {
        let metrics = Metrics::new(None, true);
        metrics.request("/contact", "POST", StatusCode::CREATED, 0.003);
        metrics.request("/contact", "POST", StatusCode::UNPROCESSABLE_ENTITY, 0.001);
        metrics.attempt("webhook", "https://crm.example/h", "failed", true);
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &metrics.registry).unwrap();
        for expected in [
            "readiness_http_requests_total{route=\"/contact\",method=\"POST\",status=\"201\"} 1",
            "readiness_http_requests_total{route=\"/contact\",method=\"POST\",status=\"422\"} 1",
            "readiness_http_request_duration_seconds_bucket{le=\"0.005\",route=\"/contact\"} 2",
            "readiness_http_request_duration_seconds_count{route=\"/contact\"} 2",
            "readiness_submissions_accepted_total 1",
            "readiness_delivery_attempts_total{kind=\"webhook\",destination=\"crm.example\",outcome=\"failed\"} 1",
            "readiness_dead_letters_total{kind=\"webhook\",destination=\"crm.example\"} 1",
        ] {
            assert!(text.contains(expected), "{expected} in\n{text}");
        }
        assert!(text.ends_with("# EOF\n"));
    }

    #[test]
    fn the_short_chain_warning_is_said_at_most_once_a_minute() {
        let metrics = Metrics::new(None, true);
        assert!(metrics.short_chain());
        assert!(!metrics.short_chain());
        assert!(!metrics.short_chain());
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &metrics.registry).unwrap();
        assert!(text.contains("readiness_forwarded_for_short_total 3"), "{text}");
    }
}
