//! Erasure and retention on PostgreSQL: the statements of `sql/` with
//! positional parameters and PostgreSQL's date arithmetic (`sql/postgres/`).

use deadpool_postgres::Pool;

use super::Erased;
use crate::error::ApiError;

const ERASE_KEYS: &str = include_str!("../sql/postgres/erase_keys.sql");
const PENDING_DELIVERIES: &str = include_str!("../sql/postgres/pending_deliveries.sql");
const ERASE_DELIVERIES: &str = include_str!("../sql/postgres/erase_deliveries.sql");
const PURGE_DELIVERIES: &str = include_str!("../sql/postgres/purge_deliveries.sql");
const ERASE_SUBMISSIONS: &str = include_str!("../sql/postgres/erase_submissions.sql");
const PURGE_SUBMISSIONS: &str = include_str!("../sql/postgres/purge_submissions.sql");

/// [`super::erase`] on PostgreSQL, in one transaction.
pub async fn erase(pool: &Pool, email: &str) -> Result<Erased, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let deliveries: i64 = tx.query_one(PENDING_DELIVERIES, &[&email]).await?.get(0);
    tx.execute(ERASE_DELIVERIES, &[&email]).await?;
    tx.execute(ERASE_KEYS, &[&email]).await?;
    let submissions = tx.execute(ERASE_SUBMISSIONS, &[&email]).await?;
    tx.commit().await?;
    Ok(Erased {
        submissions: submissions as usize,
        deliveries: deliveries as usize,
    })
}

/// [`super::purge`] on PostgreSQL, in one transaction.
pub async fn purge(pool: &Pool, days: u32) -> Result<usize, ApiError> {
    let days = i32::try_from(days).unwrap_or(i32::MAX);
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(PURGE_DELIVERIES, &[&days]).await?;
    let purged = tx.execute(PURGE_SUBMISSIONS, &[&days]).await?;
    tx.commit().await?;
    Ok(purged as usize)
}
