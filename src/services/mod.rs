//! I/O the widget does: browser storage and HTTP. One error type, shown to
//! the visitor by the contact panel.

#[cfg(target_arch = "wasm32")]
pub mod http;
pub mod storage;

/// Why talking to the endpoint did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    /// No answer at all: offline, DNS, CORS, connection refused.
    Network,
    /// The endpoint failed (5xx); worth retrying.
    Server(u16),
    /// The endpoint refused the submission (4xx), with its reason; not retried.
    Refused(String),
}

impl ServiceError {
    /// Whether another attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, ServiceError::Network | ServiceError::Server(_))
    }
}
