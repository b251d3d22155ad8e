//! The PostgreSQL engine: a `deadpool-postgres` pool of `tokio-postgres`
//! connections, for several endpoint instances on one database.
//!
//! - Migrations (`migrations/postgres/`, literal SQL) run at start in one
//!   transaction under `pg_advisory_xact_lock`: two instances starting at once
//!   apply each migration once, the second waits and finds them applied.
//! - Idempotency is decided by the database: the key is inserted first
//!   (`ON CONFLICT DO NOTHING`, which waits for a concurrent holder of the same
//!   key to commit), so of eight concurrent requests on two instances one stores.
//! - The outbox is claimed with `FOR UPDATE SKIP LOCKED` and a lease: two
//!   instances never claim the same delivery.

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use readiness_core::Report;
use tokio_postgres::NoTls;

use super::{answer_body, Stored, COLUMNS, DELIVERIES};
use crate::error::ApiError;
use crate::outbox::{Claimed, DeliveryRow, Destination};
use crate::payload::Submission;

/// The schema, in order, counted in `schema_migrations`; the same numbers as SQLite's.
const MIGRATIONS: [&str; 4] = [
    include_str!("../../migrations/postgres/0001_submissions.sql"),
    include_str!("../../migrations/postgres/0002_request_hash.sql"),
    include_str!("../../migrations/postgres/0003_team.sql"),
    include_str!("../../migrations/postgres/0004_outbox.sql"),
];

/// The advisory lock migrations hold ("readines" in ASCII).
const MIGRATION_LOCK: i64 = 0x7265_6164_696e_6573;

/// Whether `database` names a PostgreSQL server rather than a SQLite file.
pub fn is_url(database: &str) -> bool {
    database.starts_with("postgres://") || database.starts_with("postgresql://")
}

/// Connects a pool of at most `size` connections and brings the schema up to date.
pub async fn connect(url: &str, size: usize) -> Result<Pool, String> {
    let config: tokio_postgres::Config = url.parse().map_err(|e| format!("the PostgreSQL URL: {e}"))?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(size.max(1))
        .wait_timeout(Some(Duration::from_secs(10)))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|e| e.to_string())?;
    migrate(&pool).await.map_err(|e| e.to_string())?;
    Ok(pool)
}

/// Applies the migrations not applied yet, all in one transaction under the advisory lock.
pub async fn migrate(pool: &Pool) -> Result<(), ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let done: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])
        .await?
        .get(0);
    for (number, migration) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        tx.batch_execute(migration).await?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&(number as i64 + 1)],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

const INSERT_SUBMISSION: &str = "INSERT INTO submissions (
    received_at, name, email, company, message, consent_text, result_code, model_version, overall,
    score_tickets, status_tickets, score_documentation, status_documentation,
    score_spec_ownership, status_spec_ownership, score_feedback, status_feedback,
    score_unblocking, status_unblocking, page_url,
    utm_source, utm_medium, utm_campaign, utm_term, utm_content,
    locale, client_time, elapsed_ms, client_scores_matched, idempotency_key, schema, team, request_hash,
    suspected_spam
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
    $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
RETURNING id";

/// [`super::Store::store`] on PostgreSQL. The statements are prepared once per pooled connection
/// (`prepare_cached`): an unprepared statement costs a round trip more each time.
pub async fn store(
    pool: &Pool,
    key: String,
    request_hash: String,
    submission: Submission,
    report: Report,
    spam: Vec<&'static str>,
    destinations: &[Destination],
) -> Result<Stored, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let now = time::OffsetDateTime::now_utc();
    // The key first: a concurrent request with it waits here until this transaction ends.
    let ours = tx
        .query_opt(
            &tx.prepare_cached(
                "INSERT INTO idempotency (key, request_hash, status, body, created_at) VALUES ($1, $2, 201, '', $3)
                 ON CONFLICT (key) DO NOTHING RETURNING key",
            )
            .await?,
            &[&key, &request_hash, &now.unix_timestamp()],
        )
        .await?;
    if ours.is_none() {
        let seen = tx
            .query_opt(
                "SELECT request_hash, status, body FROM idempotency WHERE key = $1",
                &[&key],
            )
            .await?
            .ok_or_else(|| ApiError::Storage("an idempotency key vanished while it was read".into()))?;
        let (hash, status, body): (String, i64, String) = (seen.get(0), seen.get(1), seen.get(2));
        return if hash == request_hash {
            Ok(Stored::Replayed(status as u16, body))
        } else {
            Err(ApiError::IdempotencyConflict)
        };
    }
    if let Some(row) = tx
        .query_opt(&tx.prepare_cached(&stored_answer_sql()).await?, &[&key])
        .await?
    {
        // The key was pruned from `idempotency`, the submission is still here (dropping `tx` rolls back).
        let hash: Option<String> = row.get(1);
        let signs = (0..5).map(|i| {
            (
                super::SIGNS[i].0,
                row.get::<_, i64>(3 + 2 * i),
                row.get::<_, String>(4 + 2 * i),
            )
        });
        let signs: Vec<_> = signs.collect();
        let overall: String = row.get(2);
        let body = answer_body(row.get(0), &overall, signs.iter().map(|(s, n, t)| (*s, *n, t.as_str())));
        return if hash.is_none_or(|h| h == request_hash) {
            Ok(Stored::Replayed(201, body))
        } else {
            Err(ApiError::IdempotencyConflict)
        };
    }
    let received_at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let signs = report.signs();
    let score = |i: usize| i64::from(signs[i].score);
    let elapsed = i64::try_from(submission.elapsed_ms).map_err(|_| ApiError::invalid("elapsed_ms", "too large"))?;
    let suspected = (!spam.is_empty()).then(|| spam.join(","));
    let row = tx
        .query_one(
            &tx.prepare_cached(INSERT_SUBMISSION).await?,
            &[
                &received_at,
                &submission.name,
                &submission.email,
                &submission.company,
                &submission.message,
                &submission.consent_text,
                &submission.result_code.trim(),
                &i64::from(report.model_version()),
                &report.picture().as_str(),
                &score(0),
                &signs[0].status.as_str(),
                &score(1),
                &signs[1].status.as_str(),
                &score(2),
                &signs[2].status.as_str(),
                &score(3),
                &signs[3].status.as_str(),
                &score(4),
                &signs[4].status.as_str(),
                &submission.page_url,
                &submission.utm[0],
                &submission.utm[1],
                &submission.utm[2],
                &submission.utm[3],
                &submission.utm[4],
                &submission.locale,
                &submission.client_time,
                &elapsed,
                &i64::from(submission.client_scores_match(&report)),
                &key,
                &submission.schema,
                &submission.team,
                &request_hash,
                &suspected,
            ],
        )
        .await?;
    let id: i64 = row.get(0);
    let event = crate::outbox::event::lead_created(id, &received_at, &submission, &report, &spam);
    let created = crate::outbox::now_ms();
    for destination in destinations {
        // As on SQLite (`outbox::queue::enqueue`): suspected spam is not e-mailed.
        if !spam.is_empty() && matches!(destination, Destination::Email(_)) {
            continue;
        }
        let (kind, target) = destination.columns();
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO deliveries (submission_id, kind, target, message_id, payload, created_at, next_attempt_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .await?,
            &[&id, &kind, &target, &format!("msg_{id}"), &event, &created],
        )
        .await?;
    }
    let body = answer_body(
        id,
        report.picture().as_str(),
        signs
            .iter()
            .map(|s| (s.sign.as_str(), s.score as i64, s.status.as_str())),
    );
    let update = tx
        .prepare_cached("UPDATE idempotency SET body = $2 WHERE key = $1")
        .await?;
    tx.execute(&update, &[&key, &body]).await?;
    tx.commit().await?;
    Ok(Stored::Created(201, body))
}

/// The submission stored under `$1`: id, request hash, overall, then score and status per sign.
fn stored_answer_sql() -> String {
    let columns: Vec<String> = super::SIGNS
        .iter()
        .flat_map(|(_, c)| [format!("score_{c}"), format!("status_{c}")])
        .collect();
    format!(
        "SELECT id, request_hash, overall, {} FROM submissions WHERE idempotency_key = $1",
        columns.join(", ")
    )
}

/// Forgets idempotency keys created before `cutoff` (unix seconds).
pub async fn prune_keys(pool: &Pool, cutoff: i64) -> Result<usize, ApiError> {
    let client = pool.get().await?;
    Ok(client
        .execute("DELETE FROM idempotency WHERE created_at < $1", &[&cutoff])
        .await? as usize)
}

/// A constant query through the pool, for `/healthz`.
pub async fn healthy(pool: &Pool) -> bool {
    let check = async {
        let client = pool.get().await.ok()?;
        client.query_one("SELECT 1", &[]).await.ok()
    };
    matches!(tokio::time::timeout(Duration::from_secs(2), check).await, Ok(Some(_)))
}

/// Claims up to `batch` due deliveries until `lease_until`; rows another instance is claiming are skipped.
pub async fn claim(pool: &Pool, now: i64, lease_until: i64, batch: u32) -> Result<Vec<Claimed>, ApiError> {
    let client = pool.get().await?;
    let rows = client
        .query(
            "WITH due AS (
                SELECT id FROM deliveries
                WHERE state = 'pending' AND next_attempt_at <= $1
                  AND (claimed_until IS NULL OR claimed_until <= $1)
                ORDER BY next_attempt_at, id
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
             UPDATE deliveries d SET claimed_until = $2, attempts = d.attempts + 1
             FROM due WHERE d.id = due.id
             RETURNING d.id, d.kind, d.target, d.message_id, d.payload, d.attempts, d.created_at",
            &[&now, &lease_until, &i64::from(batch)],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| Claimed {
            id: r.get(0),
            kind: r.get(1),
            target: r.get(2),
            message_id: r.get(3),
            payload: r.get(4),
            attempts: r.get::<_, i64>(5) as u32,
            created_at: r.get(6),
        })
        .collect())
}

/// Records an attempt's outcome.
pub async fn finish(
    pool: &Pool,
    id: i64,
    state: &str,
    error: Option<String>,
    next: i64,
    now: i64,
) -> Result<(), ApiError> {
    let client = pool.get().await?;
    client
        .execute(
            "UPDATE deliveries SET state = $1::text, claimed_until = NULL, last_error = $2,
                 next_attempt_at = $3, delivered_at = CASE WHEN $1::text = 'delivered' THEN $4::bigint END
             WHERE id = $5",
            &[&state, &error, &next, &now, &id],
        )
        .await?;
    Ok(())
}

/// When the next pending delivery is due (its lease included).
pub async fn next_due(pool: &Pool) -> Result<Option<i64>, ApiError> {
    let client = pool.get().await?;
    Ok(client
        .query_one(
            "SELECT MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, 0))) FROM deliveries WHERE state = 'pending'",
            &[],
        )
        .await?
        .get(0))
}

/// `SELECT` of every column as text in [`COLUMNS`] order, then the deliveries' states, `FROM submissions`:
/// the export's cells (a `WHERE` and an `ORDER BY` may follow).
pub(crate) fn export_select() -> String {
    let cells: Vec<String> = COLUMNS.iter().map(|c| format!("{c}::text")).collect();
    let deliveries = DELIVERIES.replace(
        "group_concat(kind || ' ' || state, '; ')",
        "string_agg(kind || ' ' || state, '; ' ORDER BY id)",
    );
    format!("SELECT {}, ({deliveries}) FROM submissions", cells.join(", "))
}

/// Text cells of rows selected by [`export_select`].
pub(crate) fn export_cells(rows: &[tokio_postgres::Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            (0..=COLUMNS.len())
                .map(|i| r.get::<_, Option<String>>(i).unwrap_or_default())
                .collect()
        })
        .collect()
}

/// Every submission as text cells in [`COLUMNS`] order, then its deliveries' states.
pub async fn rows(pool: &Pool) -> Result<Vec<Vec<String>>, ApiError> {
    let client = pool.get().await?;
    let rows = client.query(&format!("{} ORDER BY id", export_select()), &[]).await?;
    Ok(export_cells(&rows))
}

/// Every delivery (or those in `state`), oldest first: `readiness-endpoint deliveries`.
pub async fn deliveries(pool: &Pool, state: Option<&str>) -> Result<Vec<DeliveryRow>, ApiError> {
    let client = pool.get().await?;
    let rows = client
        .query(
            "SELECT id, submission_id, kind, target, message_id, state, attempts, last_error FROM deliveries
             WHERE $1::text IS NULL OR state = $1::text ORDER BY id",
            &[&state],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| DeliveryRow {
            id: r.get(0),
            submission_id: r.get(1),
            kind: r.get(2),
            target: r.get(3),
            message_id: r.get(4),
            state: r.get(5),
            attempts: r.get::<_, i64>(6) as u32,
            last_error: r.get(7),
        })
        .collect())
}

/// Dead deliveries (all, or `id`) back in the queue, due now with fresh attempts. Returns how many.
pub async fn retry_dead(pool: &Pool, id: Option<i64>) -> Result<u64, ApiError> {
    let client = pool.get().await?;
    Ok(client
        .execute(
            "UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1, claimed_until = NULL,
                 created_at = $1
             WHERE state = 'dead' AND ($2::bigint IS NULL OR id = $2::bigint)",
            &[&crate::outbox::now_ms(), &id],
        )
        .await?)
}
