//! I/O the widget does with the browser: storage, HTTP, what it reads from
//! the page (URL, UTM, language, clock) and the events it dispatches on its
//! host. Components and hooks use these; the embed shell uses them too, but
//! nothing here knows about components or the embed layer. One error type,
//! shown to the visitor by the contact panel.

#[cfg(target_arch = "wasm32")]
pub mod events;
pub mod history;
#[cfg(target_arch = "wasm32")]
pub mod http;
#[cfg(target_arch = "wasm32")]
pub mod page;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod team_link;

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
