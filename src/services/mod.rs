//! I/O the widget does with the browser: storage, HTTP, what it reads from
//! the page (URL, UTM, language, clock) and the events it dispatches on its
//! host. Components and hooks use these; the embed shell uses them too, but
//! nothing here knows about components or the embed layer. One error type,
//! shown to the visitor by the contact panel, and the retry policy as pure
//! functions.

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod copy;
#[cfg(target_arch = "wasm32")]
pub mod events;
pub mod history;
#[cfg(target_arch = "wasm32")]
pub mod http;
#[cfg(target_arch = "wasm32")]
pub mod locale_file;
#[cfg(target_arch = "wasm32")]
pub mod page;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod team_detail;
#[cfg(target_arch = "wasm32")]
pub mod team_link;

/// The longest `Retry-After` the widget waits for while the visitor watches;
/// a longer one keeps the submission for the next visit instead.
pub const MAX_WAIT_MS: u32 = 30_000;

/// Why talking to the endpoint did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    /// No answer at all: offline, DNS, CORS, connection refused.
    Network,
    /// The endpoint failed (5xx), or answered a 4xx that is not about the
    /// submission (403, 404, 408, 409…): worth retrying, kept meanwhile.
    Server(u16),
    /// Too many submissions (429), or the endpoint's database unavailable for a
    /// moment (503): retried after `Retry-After` seconds, kept meanwhile.
    Throttled(Option<u32>),
    /// The endpoint says the submission itself is wrong (400, 413, 415,
    /// 422), with its reason: not retried, not kept.
    Refused(String),
}

impl ServiceError {
    /// What an HTTP status says about a submission; `reason` is the
    /// endpoint's, `retry_after` the raw `Retry-After` header.
    pub fn from_status(status: u16, reason: Option<String>, retry_after: Option<&str>) -> Option<ServiceError> {
        match status {
            200..=299 => None,
            400 | 413 | 415 | 422 => Some(ServiceError::Refused(
                reason.unwrap_or_else(|| format!("HTTP {status}")),
            )),
            429 | 503 => Some(ServiceError::Throttled(
                retry_after.and_then(|s| s.trim().parse::<u32>().ok()),
            )),
            status => Some(ServiceError::Server(status)),
        }
    }

    /// How long to wait before retry `retry` (1-based): the backoff, or the
    /// endpoint's `Retry-After` if longer; `None` to stop now (a refusal, or
    /// a wait over [`MAX_WAIT_MS`]: the kept copy goes out on the next visit).
    pub fn retry_delay_ms(&self, base_ms: u32, retry: u32) -> Option<u32> {
        let backoff = base_ms.saturating_mul(1 << retry.saturating_sub(1).min(10));
        match self {
            ServiceError::Refused(_) => None,
            ServiceError::Throttled(Some(seconds)) => {
                let wait = seconds.saturating_mul(1000).max(backoff);
                (wait <= MAX_WAIT_MS).then_some(wait)
            }
            _ => Some(backoff),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_wrong_submission_is_refused_and_dropped() {
        for status in [400, 413, 415, 422] {
            let error = ServiceError::from_status(status, Some("why".into()), None).unwrap();
            assert_eq!(error, ServiceError::Refused("why".into()));
            assert_eq!(error.retry_delay_ms(1000, 1), None, "{status}: not retried");
        }
        for status in [403, 404, 408, 409, 429, 500, 502, 503] {
            let error = ServiceError::from_status(status, Some("why".into()), Some("5")).unwrap();
            assert!(!matches!(error, ServiceError::Refused(_)), "{status}: kept");
            assert!(error.retry_delay_ms(1000, 1).is_some(), "{status}: retried");
        }
        assert_eq!(ServiceError::from_status(201, None, None), None);
        assert_eq!(
            ServiceError::from_status(422, None, None),
            Some(ServiceError::Refused("HTTP 422".into()))
        );
    }

    #[test]
    fn a_429_or_a_503_waits_for_retry_after() {
        let throttled = ServiceError::from_status(429, None, Some(" 12 ")).unwrap();
        assert_eq!(throttled, ServiceError::Throttled(Some(12)));
        assert_eq!(throttled.retry_delay_ms(1000, 1), Some(12_000));
        let unavailable = ServiceError::from_status(503, None, Some("5")).unwrap();
        assert_eq!(
            unavailable.retry_delay_ms(1000, 1),
            Some(5000),
            "the endpoint's Retry-After"
        );
        assert_eq!(
            ServiceError::Throttled(Some(1)).retry_delay_ms(1000, 3),
            Some(4000),
            "never sooner than the backoff"
        );
        assert_eq!(
            ServiceError::Throttled(Some(50)).retry_delay_ms(1000, 1),
            None,
            "too long to wait on the page: kept for the next visit"
        );
        assert_eq!(ServiceError::Throttled(None).retry_delay_ms(1000, 2), Some(2000));
        assert_eq!(
            ServiceError::from_status(429, None, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            Some(ServiceError::Throttled(None)),
            "an HTTP date falls back to the backoff"
        );
    }

    #[test]
    fn backoff_doubles_and_refusals_stop() {
        let server = ServiceError::Server(503);
        assert_eq!(
            [1, 2, 3].map(|n| server.retry_delay_ms(1000, n)),
            [Some(1000), Some(2000), Some(4000)]
        );
        assert_eq!(ServiceError::Network.retry_delay_ms(u32::MAX, 5), Some(u32::MAX));
        assert_eq!(ServiceError::Refused("no".into()).retry_delay_ms(1000, 1), None);
    }
}
