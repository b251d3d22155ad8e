//! A real webhook receiver on a loopback port: verifies every delivery's
//! signature with the Standard Webhooks reference crate (its own HMAC, not
//! the endpoint's code) and records what arrived. It answers with the status
//! set in `answer` (204 by default), and stops when dropped.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::Value;

/// The secret the tests configure (24 random bytes, base64).
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwKT2fQx0a";

/// One delivery as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `webhook-id`.
    pub id: String,
    /// Whether the signature verified.
    pub verified: bool,
    /// The body.
    pub body: Value,
}

#[derive(Clone, Default)]
pub struct Log {
    pub received: Arc<Mutex<Vec<Received>>>,
    pub answer: Arc<Mutex<u16>>,
}

pub struct Receiver {
    pub url: String,
    pub log: Log,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn hook(State(log): State<Log>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let verified = standardwebhooks::Webhook::new(SECRET)
        .expect("the secret reads")
        .verify(&body, &headers)
        .is_ok();
    let id = headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let status = *log.answer.lock().unwrap();
    if (200..300).contains(&status) {
        log.received.lock().unwrap().push(Received { id, verified, body });
    }
    if !verified {
        return StatusCode::UNAUTHORIZED;
    }
    StatusCode::from_u16(status).unwrap()
}

impl Receiver {
    /// Listens on `port` (0: a free one).
    pub async fn start(port: u16, log: Log) -> Receiver {
        if *log.answer.lock().unwrap() == 0 {
            *log.answer.lock().unwrap() = 204;
        }
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = axum::Router::new().route("/hook", post(hook)).with_state(log.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver { url, log, task }
    }

    /// The port, to start again on it later.
    pub fn port(&self) -> u16 {
        self.url
            .split(':')
            .nth(2)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
}
