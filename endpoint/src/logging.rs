//! Logs through `tracing`: one line per request (method, path without its
//! query, status, latency), never a body, a header or an address, so no
//! personal data reaches the log. `RUST_LOG` overrides the `info` default.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// Installs the stderr subscriber (once; later calls do nothing).
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

type MakeSpan = fn(&Request<Body>) -> Span;
type OnRequest = fn(&Request<Body>, &Span);
type OnResponse = fn(&Response<Body>, Duration, &Span);

/// The request log: a span with the method and path, one event when the response is sent.
pub fn layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan, OnRequest, OnResponse> {
    TraceLayer::new_for_http()
        .make_span_with(make_span as MakeSpan)
        .on_request(on_request as OnRequest)
        .on_response(on_response as OnResponse)
}

fn make_span(request: &Request<Body>) -> Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

fn on_request(_: &Request<Body>, _: &Span) {}

fn on_response(response: &Response<Body>, latency: Duration, _: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = format_args!("{:.1}", latency.as_secs_f64() * 1000.0),
        "response"
    );
}
