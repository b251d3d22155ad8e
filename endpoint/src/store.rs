//! SQLite storage: submissions and idempotency keys, in one transaction so a
//! double click stores one row. WAL with `synchronous=FULL`: an acknowledged
//! submission survives a crash. Blocking calls run on the blocking pool.

use std::path::Path;
use std::sync::{Arc, Mutex};

use readiness_core::Report;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::ApiError;
use crate::payload::Submission;

/// 1: submissions and idempotency; 2: the optional `team` column.
const SCHEMA_VERSION: i64 = 2;

/// Column order of `submissions`, shared by the insert and the export.
pub const COLUMNS: [&str; 33] = [
    "id",
    "received_at",
    "name",
    "email",
    "company",
    "message",
    "consent_text",
    "result_code",
    "model_version",
    "overall",
    "score_tickets",
    "status_tickets",
    "score_documentation",
    "status_documentation",
    "score_spec_ownership",
    "status_spec_ownership",
    "score_feedback",
    "status_feedback",
    "score_unblocking",
    "status_unblocking",
    "page_url",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "locale",
    "client_time",
    "elapsed_ms",
    "client_scores_matched",
    "idempotency_key",
    "schema",
    "team",
];

/// The database, shared by all requests.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

/// What a stored key answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Newly stored: status and body to answer.
    Created(u16, String),
    /// The key was seen with the same body: the first answer, replayed.
    Replayed(u16, String),
}

impl Store {
    /// Opens (creating if needed) the database file and its schema.
    pub fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == 1 {
            connection.execute_batch(&format!(
                "BEGIN; ALTER TABLE submissions ADD COLUMN team TEXT; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))?;
        } else if version < SCHEMA_VERSION {
            let columns: Vec<String> = COLUMNS[1..]
                .iter()
                .map(|c| match *c {
                    "model_version" | "elapsed_ms" | "client_scores_matched" => {
                        format!("{c} INTEGER NOT NULL")
                    }
                    c if c.starts_with("score_") => format!("{c} INTEGER NOT NULL"),
                    "message" | "page_url" | "team" => format!("{c} TEXT"),
                    c if c.starts_with("utm_") => format!("{c} TEXT"),
                    "idempotency_key" => format!("{c} TEXT NOT NULL UNIQUE"),
                    c => format!("{c} TEXT NOT NULL"),
                })
                .collect();
            connection.execute_batch(&format!(
                "BEGIN;
                 CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY AUTOINCREMENT, {});
                 CREATE TABLE IF NOT EXISTS idempotency (
                     key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
                     body TEXT NOT NULL, created_at INTEGER NOT NULL);
                 PRAGMA user_version = {SCHEMA_VERSION};
                 COMMIT;",
                columns.join(", ")
            ))?;
        }
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    async fn with<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock().unwrap_or_else(|e| e.into_inner());
            work(&mut guard)
        })
        .await
        .map_err(|e| ApiError::Storage(e.to_string()))?
    }

    /// Stores a submission under its idempotency key, atomically: a key seen
    /// before replays its first answer (same body) or is a conflict.
    pub async fn store(
        &self,
        key: String,
        request_hash: String,
        submission: Submission,
        report: Report,
    ) -> Result<Stored, ApiError> {
        self.with(move |connection| {
            let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let seen: Option<(String, u16, String)> = tx
                .query_row(
                    "SELECT request_hash, status, body FROM idempotency WHERE key = ?1",
                    [&key],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            if let Some((hash, status, body)) = seen {
                return if hash == request_hash {
                    Ok(Stored::Replayed(status, body))
                } else {
                    Err(ApiError::IdempotencyConflict)
                };
            }
            let now = time::OffsetDateTime::now_utc();
            let received_at = now
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            let signs = report.signs();
            let matched = submission.client_scores_match(&report);
            tx.execute(
                &format!(
                    "INSERT INTO submissions ({}) VALUES ({})",
                    COLUMNS[1..].join(", "),
                    (1..COLUMNS.len())
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                params![
                    received_at,
                    submission.name,
                    submission.email,
                    submission.company,
                    submission.message,
                    submission.consent_text,
                    submission.result_code.trim(),
                    report.model_version(),
                    report.picture().as_str(),
                    signs[0].score,
                    signs[0].status.as_str(),
                    signs[1].score,
                    signs[1].status.as_str(),
                    signs[2].score,
                    signs[2].status.as_str(),
                    signs[3].score,
                    signs[3].status.as_str(),
                    signs[4].score,
                    signs[4].status.as_str(),
                    submission.page_url,
                    submission.utm[0],
                    submission.utm[1],
                    submission.utm[2],
                    submission.utm[3],
                    submission.utm[4],
                    submission.locale,
                    submission.client_time,
                    submission.elapsed_ms as i64,
                    matched,
                    key,
                    submission.schema,
                    submission.team,
                ],
            )?;
            let id = tx.last_insert_rowid();
            let scores: serde_json::Map<String, serde_json::Value> = signs
                .iter()
                .map(|s| {
                    (
                        s.sign.as_str().to_owned(),
                        serde_json::json!({ "score": s.score, "status": s.status.as_str() }),
                    )
                })
                .collect();
            let body =
                serde_json::json!({ "id": id, "overall": report.picture().as_str(), "scores": scores }).to_string();
            tx.execute(
                "INSERT INTO idempotency (key, request_hash, status, body, created_at) VALUES (?1, ?2, 201, ?3, ?4)",
                params![key, request_hash, body, now.unix_timestamp()],
            )?;
            tx.commit()?;
            Ok(Stored::Created(201, body))
        })
        .await
    }

    /// Forgets idempotency keys older than `hours`.
    pub async fn prune_keys(&self, hours: i64) -> Result<usize, ApiError> {
        self.with(move |c| {
            let cutoff = time::OffsetDateTime::now_utc().unix_timestamp() - hours * 3600;
            Ok(c.execute("DELETE FROM idempotency WHERE created_at < ?1", [cutoff])?)
        })
        .await
    }

    /// A trivial query, for `/healthz`.
    pub async fn healthy(&self) -> bool {
        self.with(|c| Ok(c.query_row("SELECT count(*) FROM submissions", [], |r| r.get::<_, i64>(0))?))
            .await
            .is_ok()
    }

    /// Every submission, as text cells in [`COLUMNS`] order.
    pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, rusqlite::Error> {
        let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut statement =
            connection.prepare(&format!("SELECT {} FROM submissions ORDER BY id", COLUMNS.join(", ")))?;
        let rows = statement.query_map([], |row| {
            (0..COLUMNS.len())
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(f) => f.to_string(),
                        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                    })
                })
                .collect()
        })?;
        rows.collect()
    }
}
