//! POSTing the contact payload: retries with backoff for network errors,
//! 5xx and 429 (after its `Retry-After`); a refusal of the submission itself
//! (400, 413, 415, 422) is not retried and its reason is shown. The policy is
//! [`ServiceError::from_status`] and [`ServiceError::retry_delay_ms`].

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use super::ServiceError;
use crate::config::Endpoint;

/// Attempts in all before a submission is kept for the next visit.
pub const ATTEMPTS: u32 = 4;

/// One POST with the browser's `fetch` (web-sys directly: a wrapper crate
/// cost more wasm than these lines). 2xx is success (201 stored, 200
/// replayed, 202 accepted).
pub async fn post_once(endpoint: &Endpoint, key: &str, body: &str) -> Result<(), ServiceError> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let request = Request::new_with_str_and_init(&endpoint.url, &init).map_err(|_| ServiceError::Network)?;
    let headers = request.headers();
    headers
        .set("Content-Type", endpoint.format.content_type())
        .map_err(|_| ServiceError::Network)?;
    headers.set("Idempotency-Key", key).map_err(|_| ServiceError::Network)?;
    let window = web_sys::window().ok_or(ServiceError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ServiceError::Network)?
        .unchecked_into();
    let status = response.status();
    if (200..=299).contains(&status) {
        return Ok(());
    }
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    match ServiceError::from_status(status, reason_of(&text), retry_after.as_deref()) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Up to [`ATTEMPTS`] POSTs; `on_retry` is told before each wait. A `&dyn Fn` rather than a
/// generic: one copy of this loop in the wasm for every caller (the contact submission, the kept
/// one, the plan request and the kept plan request).
pub async fn deliver(
    endpoint: &Endpoint,
    key: &str,
    body: &str,
    base_ms: u32,
    on_retry: &dyn Fn(),
) -> Result<(), ServiceError> {
    let mut retry = 0;
    loop {
        let outcome = post_once(endpoint, key, body).await;
        let wait = match &outcome {
            Err(error) if retry + 1 < ATTEMPTS => error.retry_delay_ms(base_ms, retry + 1),
            _ => None,
        };
        match wait {
            Some(wait) => {
                retry += 1;
                on_retry();
                gloo_timers::future::TimeoutFuture::new(wait).await;
            }
            None => return outcome,
        }
    }
}

/// The `reason` of the endpoint's JSON error body.
fn reason_of(body: &str) -> Option<String> {
    let value = js_sys::JSON::parse(body).ok()?;
    js_sys::Reflect::get(&value, &"reason".into()).ok()?.as_string()
}
