//! The privacy duties: erasing one person's data on request
//! (`readiness-endpoint erase --email E`, and the erase button of the sales
//! view) and deleting submissions older than the retention period
//! (`READINESS_RETENTION_DAYS`, at start and once a day). The statements
//! are the store's (`Engine::erase`, `Engine::purge`).

use crate::store::{Database, Store};

pub use crate::store::Erased;

/// How often the retention purge runs while the endpoint serves.
pub const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Erases every submission of `email` (compared case-insensitively) and what hangs off them,
/// for the command line: `database` must exist (its schema is brought up to date first).
pub async fn erase_database(database: &Database, email: &str) -> Result<Erased, String> {
    if email.trim().is_empty() {
        return Err("--email must not be empty".into());
    }
    let store = Store::open_existing(database)
        .await
        .map_err(|e| format!("{database}: {e}"))?;
    store
        .erase(email.trim().to_owned())
        .await
        .map_err(|e| format!("{database}: {e}"))
}
