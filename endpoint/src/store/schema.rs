//! SQLite's schema: the literal SQL migrations in `endpoint/migrations/`,
//! applied in order and counted by `PRAGMA user_version`. (PostgreSQL's are in
//! `migrations/postgres/`, applied by `postgres.rs`.)

use rusqlite::Connection;

/// The schema, in order: `PRAGMA user_version` counts the ones applied, and
/// each runs once, in its own transaction. A new one is added at the end;
/// none is ever edited (a database of every earlier version upgrades).
const MIGRATIONS: [&str; 4] = [
    include_str!("../../migrations/0001_submissions.sql"),
    include_str!("../../migrations/0002_request_hash.sql"),
    include_str!("../../migrations/0003_team.sql"),
    include_str!("../../migrations/0004_outbox.sql"),
];

/// Applies the migrations the database has not seen yet, each with its new
/// `user_version` in one transaction.
pub fn migrate(connection: &mut Connection) -> Result<(), rusqlite::Error> {
    let version: usize = connection.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (number, migration) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = connection.transaction()?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", number + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The migrations, for tests that build a database of an earlier version.
pub fn migrations() -> &'static [&'static str] {
    &MIGRATIONS
}
