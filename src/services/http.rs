//! POSTing the contact payload: retries with backoff for network errors and
//! 5xx, never for 4xx (their reason is shown to the visitor).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use super::ServiceError;
use crate::config::Endpoint;

/// Attempts in all before a submission is kept for the next visit.
pub const ATTEMPTS: u32 = 4;

/// Delay before retry `n` (1-based): base, 2×base, 4×base…
pub fn backoff_ms(base_ms: u32, retry: u32) -> u32 {
    base_ms.saturating_mul(1 << retry.saturating_sub(1).min(10))
}

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
    match response.status() {
        200..=299 => Ok(()),
        status @ 400..=499 => {
            let text = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            Err(ServiceError::Refused(
                reason_of(&text).unwrap_or_else(|| format!("HTTP {status}")),
            ))
        }
        status => Err(ServiceError::Server(status)),
    }
}

/// Up to [`ATTEMPTS`] POSTs; `on_retry` is told before each wait.
pub async fn deliver(
    endpoint: &Endpoint,
    key: &str,
    body: &str,
    base_ms: u32,
    on_retry: impl Fn(),
) -> Result<(), ServiceError> {
    let mut retry = 0;
    loop {
        match post_once(endpoint, key, body).await {
            Err(error) if error.is_retryable() && retry + 1 < ATTEMPTS => {
                retry += 1;
                on_retry();
                gloo_timers::future::TimeoutFuture::new(backoff_ms(base_ms, retry)).await;
            }
            outcome => return outcome,
        }
    }
}

/// The `reason` of the endpoint's JSON error body.
fn reason_of(body: &str) -> Option<String> {
    let value = js_sys::JSON::parse(body).ok()?;
    js_sys::Reflect::get(&value, &"reason".into()).ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_doubles() {
        assert_eq!([1, 2, 3].map(|n| backoff_ms(1000, n)), [1000, 2000, 4000]);
        assert_eq!(backoff_ms(u32::MAX, 5), u32::MAX);
    }
}
