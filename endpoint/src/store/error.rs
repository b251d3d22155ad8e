//! The store's own error: whether the database could not be reached (worth
//! trying again soon: the HTTP layer answers 503 with `Retry-After`) or a
//! statement failed. `crate::error` maps it to HTTP, in one place.

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached now (a server restarting, the pool empty, the file busy).
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// A statement failed.
    #[error("{0}")]
    Failed(String),
    /// The database setting is wrong (a URL, a TLS file): said at start.
    #[error("{0}")]
    Config(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{CannotOpen, DatabaseBusy, DatabaseLocked};
        match error.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked | CannotOpen) => StoreError::Unavailable(error.to_string()),
            _ => StoreError::Failed(error.to_string()),
        }
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        // SQLSTATE class 08 (connection exception) and 57P01–57P03 (shut down, restarting).
        let gone = error
            .code()
            .map(|c| c.code().starts_with("08") || matches!(c.code(), "57P01" | "57P02" | "57P03"));
        // The whole chain: "error performing TLS handshake: invalid peer certificate: …".
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            let text = cause.to_string();
            if !message.contains(&text) {
                message = format!("{message}: {text}");
            }
            source = cause.source();
        }
        // No SQLSTATE at all: the socket, TLS or a closed connection, not a statement.
        if gone.unwrap_or(true) || error.is_closed() {
            StoreError::Unavailable(message)
        } else {
            StoreError::Failed(message)
        }
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        match error {
            deadpool_postgres::PoolError::Backend(e) => StoreError::from(e),
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for StoreError {
    fn from(error: tokio::task::JoinError) -> Self {
        StoreError::Failed(error.to_string())
    }
}

impl StoreError {
    /// Whether trying again later may work.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}
