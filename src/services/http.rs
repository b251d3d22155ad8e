//! POSTing the contact payload: retries with backoff for network errors and
//! 5xx, never for 4xx (their reason is shown to the visitor).

use gloo_net::http::Request;

use super::ServiceError;

/// Attempts in all before a submission is kept for the next visit.
pub const ATTEMPTS: u32 = 4;

/// Delay before retry `n` (1-based): base, 2×base, 4×base…
pub fn backoff_ms(base_ms: u32, retry: u32) -> u32 {
    base_ms.saturating_mul(1 << retry.saturating_sub(1).min(10))
}

/// One POST. 2xx is success (201 stored, 200 replayed, 202 accepted).
pub async fn post_once(
    endpoint: &str,
    format: &str,
    key: &str,
    body: &str,
) -> Result<(), ServiceError> {
    let content_type = if format == "form" {
        "application/x-www-form-urlencoded"
    } else {
        "application/json"
    };
    let request = Request::post(endpoint)
        .header("Content-Type", content_type)
        .header("Idempotency-Key", key)
        .body(body.to_owned())
        .map_err(|_| ServiceError::Network)?;
    let response = request.send().await.map_err(|_| ServiceError::Network)?;
    match response.status() {
        200..=299 => Ok(()),
        status @ 400..=499 => {
            let text = response.text().await.unwrap_or_default();
            Err(ServiceError::Refused(
                reason_of(&text).unwrap_or_else(|| format!("HTTP {status}")),
            ))
        }
        status => Err(ServiceError::Server(status)),
    }
}

/// Up to [`ATTEMPTS`] POSTs; `on_retry` is told before each wait.
pub async fn deliver(
    endpoint: &str,
    format: &str,
    key: &str,
    body: &str,
    base_ms: u32,
    on_retry: impl Fn(),
) -> Result<(), ServiceError> {
    let mut retry = 0;
    loop {
        match post_once(endpoint, format, key, body).await {
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
    js_sys::Reflect::get(&value, &"reason".into())
        .ok()?
        .as_string()
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
