//! Storage: submissions and idempotency keys, in one transaction so a
//! double click stores one row. Two engines behind this one `Store`: SQLite
//! (a file path, the embedded default, below) and PostgreSQL (a `postgres://`
//! URL, `postgres.rs`, for several instances on one database).
//!
//! SQLite: one writer connection. WAL with `synchronous=FULL`: an acknowledged
//! submission survives a crash. Blocking calls run on the blocking pool.
//! The file is created readable by its owner only (0600); SQLite gives its
//! `-wal` and `-shm` files the same mode.
//!
//! Idempotency: the `idempotency` table keeps first answers for 48 h; after
//! that a retry is still recognised by the submission's own
//! `idempotency_key` and `request_hash`, and answered from the stored row.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use readiness_core::Report;
use rusqlite::{named_params, params, Connection, OptionalExtension};

use crate::error::ApiError;
use crate::payload::Submission;

pub mod postgres;
mod schema;

pub use schema::{migrate, migrations};

/// The five signs: their names on the wire and in column names.
const SIGNS: [(&str, &str); 5] = [
    ("tickets", "tickets"),
    ("documentation", "documentation"),
    ("spec-ownership", "spec_ownership"),
    ("feedback", "feedback"),
    ("unblocking", "unblocking"),
];

/// Stores one submission; the parameters are named after the columns.
const INSERT_SUBMISSION: &str = "INSERT INTO submissions (
    received_at, name, email, company, message, consent_text, result_code, model_version, overall,
    score_tickets, status_tickets, score_documentation, status_documentation,
    score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
    score_unblocking, status_unblocking, page_url,
    utm_source, utm_medium, utm_campaign, utm_term, utm_content,
    locale, client_time, elapsed_ms, client_scores_matched, idempotency_key, schema, team, request_hash,
    suspected_spam
) VALUES (
    :received_at, :name, :email, :company, :message, :consent_text, :result_code, :model_version, :overall,
    :score_tickets, :status_tickets, :score_documentation, :status_documentation,
    :score_spec_ownership, :status_spec_ownership, :score_feedback, :status_feedback,
    :score_unblocking, :status_unblocking, :page_url,
    :utm_source, :utm_medium, :utm_campaign, :utm_term, :utm_content,
    :locale, :client_time, :elapsed_ms, :client_scores_matched, :idempotency_key, :schema, :team, :request_hash,
    :suspected_spam
)";

/// How long a `/healthz` answer is reused.
const HEALTH_TTL_MS: u64 = 1000;

/// Column order of `submissions`, shared by the insert and the export.
pub const COLUMNS: [&str; 34] = [
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
    "suspected_spam",
];

/// The export's last cell: each delivery of a submission as `<kind> <state>`.
pub(crate) const DELIVERIES: &str =
    "SELECT group_concat(kind || ' ' || state, '; ') FROM deliveries d WHERE d.submission_id = submissions.id";

/// The database, shared by all requests.
#[derive(Clone)]
pub struct Store {
    engine: Engine,
    health: Arc<Health>,
}

/// Which database holds the data.
#[derive(Clone)]
enum Engine {
    /// A file: one writer connection.
    Sqlite(Arc<Mutex<Connection>>),
    /// A server: a pool.
    Postgres(deadpool_postgres::Pool),
}

/// `/healthz` reads through its own connection (WAL readers never wait for
/// the writer, nor for the store's lock) and at most once a second.
struct Health {
    /// SQLite's reader (PostgreSQL checks through the pool).
    connection: Option<Mutex<Connection>>,
    started: Instant,
    checked_at_ms: AtomicU64,
    ok: AtomicBool,
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
    /// Opens `database`: a `postgres://` URL (a pool of `pool_size`, the schema migrated under an
    /// advisory lock) or a SQLite file path (created if needed).
    pub async fn connect(database: &Path, pool_size: usize) -> Result<Store, String> {
        match database.to_str().filter(|d| postgres::is_url(d)) {
            Some(url) => Ok(Store {
                engine: Engine::Postgres(postgres::connect(url, pool_size).await?),
                health: Arc::new(Health {
                    connection: None,
                    started: Instant::now(),
                    checked_at_ms: AtomicU64::new(0),
                    ok: AtomicBool::new(false),
                }),
            }),
            None => Store::open(database).map_err(|e| e.to_string()),
        }
    }

    /// The PostgreSQL pool, if that is the engine.
    pub(crate) fn pool(&self) -> Option<&deadpool_postgres::Pool> {
        match &self.engine {
            Engine::Postgres(pool) => Some(pool),
            Engine::Sqlite(_) => None,
        }
    }

    /// Opens (creating if needed) the database file and its schema.
    pub fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        create_private(path);
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut connection)?;
        let reader = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(Store {
            engine: Engine::Sqlite(Arc::new(Mutex::new(connection))),
            health: Arc::new(Health {
                connection: Some(Mutex::new(reader)),
                started: Instant::now(),
                checked_at_ms: AtomicU64::new(0),
                ok: AtomicBool::new(false),
            }),
        })
    }

    pub(crate) async fn with<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let Engine::Sqlite(connection) = &self.engine else {
            return Err(ApiError::Storage("a SQLite-only query was run on PostgreSQL".into()));
        };
        let connection = connection.clone();
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
        spam: Vec<&'static str>,
        destinations: Arc<[crate::outbox::Destination]>,
    ) -> Result<Stored, ApiError> {
        if let Engine::Postgres(pool) = &self.engine {
            return postgres::store(pool, key, request_hash, submission, report, spam, &destinations).await;
        }
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
            if let Some((hash, body)) = stored_answer(&tx, &key)? {
                // The key was pruned from `idempotency`, the submission is still here.
                return if hash.is_none_or(|h| h == request_hash) {
                    Ok(Stored::Replayed(201, body))
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
                INSERT_SUBMISSION,
                named_params! {
                    ":received_at": received_at,
                    ":name": submission.name,
                    ":email": submission.email,
                    ":company": submission.company,
                    ":message": submission.message,
                    ":consent_text": submission.consent_text,
                    ":result_code": submission.result_code.trim(),
                    ":model_version": report.model_version(),
                    ":overall": report.picture().as_str(),
                    ":score_tickets": signs[0].score,
                    ":status_tickets": signs[0].status.as_str(),
                    ":score_documentation": signs[1].score,
                    ":status_documentation": signs[1].status.as_str(),
                    ":score_spec_ownership": signs[2].score,
                    ":status_spec_ownership": signs[2].status.as_str(),
                    ":score_feedback": signs[3].score,
                    ":status_feedback": signs[3].status.as_str(),
                    ":score_unblocking": signs[4].score,
                    ":status_unblocking": signs[4].status.as_str(),
                    ":page_url": submission.page_url,
                    ":utm_source": submission.utm[0],
                    ":utm_medium": submission.utm[1],
                    ":utm_campaign": submission.utm[2],
                    ":utm_term": submission.utm[3],
                    ":utm_content": submission.utm[4],
                    ":locale": submission.locale,
                    ":client_time": submission.client_time,
                    ":elapsed_ms": i64::try_from(submission.elapsed_ms)
                        .map_err(|_| ApiError::invalid("elapsed_ms", "too large"))?,
                    ":client_scores_matched": matched,
                    ":idempotency_key": key,
                    ":schema": submission.schema,
                    ":team": submission.team,
                    ":request_hash": request_hash,
                    ":suspected_spam": (!spam.is_empty()).then(|| spam.join(",")),
                },
            )?;
            let id = tx.last_insert_rowid();
            let event = crate::outbox::event::lead_created(id, &received_at, &submission, &report, &spam);
            crate::outbox::queue::enqueue(&tx, id, &destinations, &event, !spam.is_empty())?;
            let body = answer_body(
                id,
                report.picture().as_str(),
                signs
                    .iter()
                    .map(|s| (s.sign.as_str(), s.score as i64, s.status.as_str())),
            );
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
        let cutoff = time::OffsetDateTime::now_utc().unix_timestamp() - hours * 3600;
        if let Engine::Postgres(pool) = &self.engine {
            return postgres::prune_keys(pool, cutoff).await;
        }
        self.with(move |c| Ok(c.execute("DELETE FROM idempotency WHERE created_at < ?1", [cutoff])?))
            .await
    }

    /// Whether the database file can be read, for `/healthz`: a constant
    /// query on its own read-only connection, not under the writer's lock,
    /// and reused for a second so a flood of checks costs one query a second.
    pub async fn healthy(&self) -> bool {
        let health = self.health.clone();
        let now_ms = health.started.elapsed().as_millis() as u64 + HEALTH_TTL_MS;
        let checked = health.checked_at_ms.load(Ordering::Acquire);
        if now_ms.saturating_sub(checked) < HEALTH_TTL_MS {
            return health.ok.load(Ordering::Acquire);
        }
        if let Engine::Postgres(pool) = &self.engine {
            let ok = postgres::healthy(pool).await;
            health.ok.store(ok, Ordering::Release);
            health.checked_at_ms.store(now_ms, Ordering::Release);
            return ok;
        }
        tokio::task::spawn_blocking(move || {
            // Another check under way: its answer will do.
            let Some(Ok(connection)) = health.connection.as_ref().map(|c| c.try_lock()) else {
                return health.ok.load(Ordering::Acquire);
            };
            let ok = connection
                .query_row("SELECT 1 FROM sqlite_master LIMIT 1", [], |r| r.get::<_, i64>(0))
                .optional()
                .is_ok();
            health.ok.store(ok, Ordering::Release);
            health.checked_at_ms.store(now_ms, Ordering::Release);
            ok
        })
        .await
        .unwrap_or(false)
    }

    /// [`Store::rows`] of either engine: `database` is a file path or a `postgres://` URL.
    pub async fn rows_of(database: &Path) -> Result<Vec<Vec<String>>, String> {
        match database.to_str().filter(|d| postgres::is_url(d)) {
            Some(url) => {
                let pool = postgres::connect(url, 1).await?;
                postgres::rows(&pool).await.map_err(|e| e.to_string())
            }
            None => Store::rows(database).map_err(|e| e.to_string()),
        }
    }

    /// Every submission, as text cells in [`COLUMNS`] order, then its deliveries' states
    /// (`webhook delivered; webhook dead`, one per destination).
    pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, rusqlite::Error> {
        let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut statement = connection.prepare(&format!(
            "SELECT {}, ({DELIVERIES}) FROM submissions ORDER BY id",
            COLUMNS.join(", ")
        ))?;
        let rows = statement.query_map([], |row| cells(row, COLUMNS.len() + 1))?;
        rows.collect()
    }
}

/// The first `n` cells of a row as text (NULL as empty), for the exports.
pub fn cells(row: &rusqlite::Row<'_>, n: usize) -> Result<Vec<String>, rusqlite::Error> {
    (0..n)
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
}

/// `{id, overall, scores}`: the answer to a stored submission.
fn answer_body<'a>(id: i64, overall: &str, signs: impl Iterator<Item = (&'a str, i64, &'a str)>) -> String {
    let scores: serde_json::Map<String, serde_json::Value> = signs
        .map(|(sign, score, status)| (sign.to_owned(), serde_json::json!({ "score": score, "status": status })))
        .collect();
    serde_json::json!({ "id": id, "overall": overall, "scores": scores }).to_string()
}

/// The hash and answer of the submission stored under `key`, if any.
fn stored_answer(tx: &rusqlite::Transaction<'_>, key: &str) -> Result<Option<(Option<String>, String)>, ApiError> {
    let columns: Vec<String> = SIGNS
        .iter()
        .flat_map(|(_, c)| [format!("score_{c}"), format!("status_{c}")])
        .collect();
    let sql = format!(
        "SELECT id, request_hash, overall, {} FROM submissions WHERE idempotency_key = ?1",
        columns.join(", ")
    );
    Ok(tx
        .query_row(&sql, [key], |r| {
            let mut signs = Vec::new();
            for (i, (sign, _)) in SIGNS.iter().enumerate() {
                signs.push((*sign, r.get::<_, i64>(3 + 2 * i)?, r.get::<_, String>(4 + 2 * i)?));
            }
            let overall: String = r.get(2)?;
            let body = answer_body(r.get(0)?, &overall, signs.iter().map(|(s, n, t)| (*s, *n, t.as_str())));
            Ok((r.get::<_, Option<String>>(1)?, body))
        })
        .optional()?)
}

/// `database` for messages and logs: a URL without its password.
pub fn shown(database: &Path) -> String {
    let text = database.display().to_string();
    match (text.split_once("://"), text.rfind('@')) {
        (Some((scheme, rest)), Some(at)) if postgres::is_url(&text) => {
            let user = rest[..at - scheme.len() - 3].split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***{}", &text[at..])
        }
        _ => text,
    }
}

/// Creates the database file readable and writable by its owner only, if it does not exist yet.
fn create_private(path: &Path) {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // Already there (or not creatable: SQLite will say why).
    let _ = options.open(path);
}
