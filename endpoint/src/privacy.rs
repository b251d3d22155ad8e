//! The privacy duties: erasing one person's data on request
//! (`readiness-endpoint erase --email E`, and the erase button of the sales
//! view) and deleting submissions older than the retention period
//! (`READINESS_RETENTION_DAYS`, at start and once a day). The SQL is in
//! `src/sql/`.

use std::fmt;
use std::path::Path;

use rusqlite::{named_params, Connection};

use crate::error::ApiError;
use crate::store::Store;

mod postgres;

const ERASE_KEYS: &str = include_str!("sql/erase_keys.sql");
const PENDING_DELIVERIES: &str = include_str!("sql/pending_deliveries.sql");
const ERASE_DELIVERIES: &str = include_str!("sql/erase_deliveries.sql");
const PURGE_DELIVERIES: &str = include_str!("sql/purge_deliveries.sql");
const ERASE_SUBMISSIONS: &str = include_str!("sql/erase_submissions.sql");
const PURGE_SUBMISSIONS: &str = include_str!("sql/purge_submissions.sql");

/// How often the retention purge runs while the endpoint serves.
pub const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// What an erasure deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Erased {
    /// Submissions deleted.
    pub submissions: usize,
    /// Deliveries (webhook, e-mail) not yet made that were deleted with them.
    pub deliveries: usize,
}

impl fmt::Display for Erased {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, d) = (self.submissions, self.deliveries);
        let submissions = if s == 1 { "submission" } else { "submissions" };
        let deliveries = if d == 1 {
            "pending delivery"
        } else {
            "pending deliveries"
        };
        write!(f, "erased {s} {submissions} and {d} {deliveries}")
    }
}

/// Deletes every submission of `email` (compared case-insensitively) and
/// what hangs off them (deliveries in any state, idempotency answers), in
/// one transaction; the count of deliveries is of those not yet made.
pub fn erase(connection: &mut Connection, email: &str) -> Result<Erased, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let deliveries: usize = tx.query_row(PENDING_DELIVERIES, named_params! { ":email": email }, |r| r.get(0))?;
    tx.execute(ERASE_DELIVERIES, named_params! { ":email": email })?;
    tx.execute(ERASE_KEYS, named_params! { ":email": email })?;
    let submissions = tx.execute(ERASE_SUBMISSIONS, named_params! { ":email": email })?;
    tx.commit()?;
    Ok(Erased {
        submissions,
        deliveries,
    })
}

/// [`erase`] on a database file or a `postgres://` URL, for the command line (the schema is
/// brought up to date first).
pub async fn erase_database(database: &Path, email: &str) -> Result<Erased, String> {
    if email.trim().is_empty() {
        return Err("--email must not be empty".into());
    }
    if !crate::store::postgres::is_url(&database.to_string_lossy()) {
        return erase_file(database, email);
    }
    let shown = crate::store::shown(database);
    let store = Store::connect(database, 1).await.map_err(|e| format!("{shown}: {e}"))?;
    store.erase(email.trim().to_owned()).await.map_err(|e| match e {
        ApiError::Storage(why) => format!("{shown}: {why}"),
        other => other.to_string(),
    })
}

/// [`erase`] on a database file, for the command line (the schema is
/// brought up to date first).
pub fn erase_file(database: &Path, email: &str) -> Result<Erased, String> {
    if email.trim().is_empty() {
        return Err("--email must not be empty".into());
    }
    if !database.exists() {
        return Err(format!("{}: no such database", database.display()));
    }
    Store::open(database).map_err(|e| format!("{}: {e}", database.display()))?;
    let mut connection = Connection::open(database).map_err(|e| format!("{}: {e}", database.display()))?;
    connection
        .busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    erase(&mut connection, email.trim()).map_err(|e| format!("{}: {e}", database.display()))
}

/// Deletes submissions received more than `days` days ago, and their deliveries; returns how many
/// submissions.
pub fn purge(connection: &mut Connection, days: u32) -> Result<usize, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(PURGE_DELIVERIES, named_params! { ":days": days })?;
    let purged = tx.execute(PURGE_SUBMISSIONS, named_params! { ":days": days })?;
    tx.commit()?;
    Ok(purged)
}

impl Store {
    /// [`erase`] on the running store.
    pub async fn erase(&self, email: String) -> Result<Erased, ApiError> {
        if let Some(pool) = self.pool() {
            return postgres::erase(pool, &email).await;
        }
        self.with(move |c| Ok(erase(c, &email)?)).await
    }

    /// [`purge`] on the running store.
    pub async fn purge(&self, days: u32) -> Result<usize, ApiError> {
        if let Some(pool) = self.pool() {
            return postgres::purge(pool, days).await;
        }
        self.with(move |c| Ok(purge(c, days)?)).await
    }
}
