//! SQLite's schema: the literal SQL migrations in `migrations/`, applied in
//! order and counted by `PRAGMA user_version`.

use rusqlite::Connection;

/// The schema, in order: `PRAGMA user_version` counts the ones applied, and
/// each runs once, in its own transaction. A new one is added at the end;
/// none is ever edited (a database of every earlier version upgrades).
const MIGRATIONS: [&str; 8] = [
    include_str!("migrations/0001_submissions.sql"),
    include_str!("migrations/0002_request_hash.sql"),
    include_str!("migrations/0003_team.sql"),
    include_str!("migrations/0004_outbox.sql"),
    include_str!("migrations/0005_revoked_sessions.sql"),
    // Issue 21: the embed's context (data-context-*).
    include_str!("migrations/0006_context.sql"),
    // Issue 22: plan requests ("e-mail me my plan").
    include_str!("migrations/0007_plan_requests.sql"),
    // Issue 23: anonymous daily counts.
    include_str!("migrations/0008_counts.sql"),
];

/// Applies the migrations the database has not seen yet, each with its new
/// `user_version` in one transaction that holds the write lock from its start
/// (so two processes opening one file at once apply each migration once).
pub fn migrate(connection: &mut Connection) -> Result<(), rusqlite::Error> {
    loop {
        let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let Some(migration) = MIGRATIONS.get(version) else {
            return Ok(());
        };
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// The migrations, for tests that build a database of an earlier version.
pub fn migrations() -> &'static [&'static str] {
    &MIGRATIONS
}
