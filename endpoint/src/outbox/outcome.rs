//! How one delivery attempt ended (what the senders tell the worker).

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: done.
    Delivered,
    /// Worth trying again (5xx, 4xx, a timeout, a refused connection).
    Retry(String),
    /// Never worth retrying (410 Gone): dead-lettered at once.
    Permanent(String),
}
