//! The outbox's SQL: enqueue (inside the submission's transaction), claim
//! with a lease, record an attempt's outcome, list and retry. Claims are one
//! `UPDATE … RETURNING` on rows whose lease ran out, on SQLite (one writer);
//! on PostgreSQL (`store/postgres.rs`) the claim adds `FOR UPDATE SKIP LOCKED` for several instances.

use std::time::Duration;

use rusqlite::{named_params, OptionalExtension, Transaction};

use super::{now_ms, Destination, Outcome};
use crate::config::Config;
use crate::error::ApiError;
use crate::store::Store;

/// A claimed delivery, to attempt now.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// `webhook`.
    pub kind: String,
    /// The URL.
    pub target: String,
    /// `webhook-id`.
    pub message_id: String,
    /// The event body.
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
    /// When it was enqueued (unix ms).
    pub created_at: i64,
}

/// A delivery as listed by `readiness-endpoint deliveries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    /// Row id.
    pub id: i64,
    /// The submission delivered.
    pub submission_id: i64,
    /// `webhook`.
    pub kind: String,
    /// The URL.
    pub target: String,
    /// `webhook-id`.
    pub message_id: String,
    /// `pending`, `delivered` or `dead`.
    pub state: String,
    /// Attempts made.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

const CLAIM: &str = "UPDATE deliveries
    SET claimed_until = :lease_until, attempts = attempts + 1
    WHERE id IN (
        SELECT id FROM deliveries
        WHERE state = 'pending' AND next_attempt_at <= :now
          AND (claimed_until IS NULL OR claimed_until <= :now)
        ORDER BY next_attempt_at, id
        LIMIT :batch)
    RETURNING id, kind, target, message_id, payload, attempts, created_at";

/// One row per destination for submission `id`, in the caller's transaction
/// (no e-mail for suspected spam).
pub fn enqueue(
    tx: &Transaction<'_>,
    submission_id: i64,
    destinations: &[Destination],
    payload: &str,
    suspected_spam: bool,
) -> Result<(), rusqlite::Error> {
    let now = now_ms();
    for destination in destinations {
        if suspected_spam && matches!(destination, Destination::Email(_)) {
            continue;
        }
        let (kind, target) = destination.columns();
        tx.execute(
            "INSERT INTO deliveries (submission_id, kind, target, message_id, payload, created_at, next_attempt_at)
             VALUES (:submission_id, :kind, :target, :message_id, :payload, :now, :now)",
            named_params! {
                ":submission_id": submission_id,
                ":kind": kind,
                ":target": target,
                ":message_id": format!("msg_{submission_id}"),
                ":payload": payload,
                ":now": now,
            },
        )?;
    }
    Ok(())
}

impl Store {
    /// Claims up to `batch` due deliveries for `lease`; each claim counts as an attempt.
    pub async fn claim(&self, now: i64, lease: Duration, batch: u32) -> Result<Vec<Claimed>, ApiError> {
        if let Some(pool) = self.pool() {
            return crate::store::postgres::claim(pool, now, now + lease.as_millis() as i64, batch).await;
        }
        self.with(move |c| {
            let mut statement = c.prepare_cached(CLAIM)?;
            let rows = statement.query_map(
                named_params! { ":now": now, ":lease_until": now + lease.as_millis() as i64, ":batch": batch },
                |r| {
                    Ok(Claimed {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        target: r.get(2)?,
                        message_id: r.get(3)?,
                        payload: r.get(4)?,
                        attempts: r.get(5)?,
                        created_at: r.get(6)?,
                    })
                },
            )?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Records an attempt: delivered, dead (permanent, out of attempts or too
    /// old), or pending again after `wait`. Returns the new state.
    pub async fn finish(
        &self,
        row: &Claimed,
        outcome: &Outcome,
        wait: Duration,
        config: &Config,
    ) -> Result<&'static str, ApiError> {
        let now = now_ms();
        let too_old = now - row.created_at > config.max_age_hours as i64 * 3_600_000;
        let (state, error) = match outcome {
            Outcome::Delivered => ("delivered", None),
            Outcome::Permanent(why) => ("dead", Some(why.clone())),
            Outcome::Retry(why) if row.attempts >= config.max_attempts || too_old => ("dead", Some(why.clone())),
            Outcome::Retry(why) => ("pending", Some(why.clone())),
        };
        let id = row.id;
        let next = now + wait.as_millis() as i64;
        if let Some(pool) = self.pool() {
            crate::store::postgres::finish(pool, id, state, error, next, now).await?;
            return Ok(state);
        }
        self.with(move |c| {
            c.execute(
                "UPDATE deliveries SET state = :state, claimed_until = NULL, last_error = :error,
                     next_attempt_at = :next, delivered_at = CASE WHEN :state = 'delivered' THEN :now END
                 WHERE id = :id",
                named_params! {
                    ":state": state,
                    ":error": error,
                    ":next": next,
                    ":now": now,
                    ":id": id,
                },
            )?;
            Ok(state)
        })
        .await
    }

    /// When the next pending delivery is due (its lease included), if any.
    pub async fn next_due(&self) -> Result<Option<i64>, ApiError> {
        if let Some(pool) = self.pool() {
            return crate::store::postgres::next_due(pool).await;
        }
        self.with(|c| {
            Ok(c.query_row(
                "SELECT MIN(MAX(next_attempt_at, COALESCE(claimed_until, 0))) FROM deliveries WHERE state = 'pending'",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten())
        })
        .await
    }
}

/// Every delivery (or those in `state`), oldest first.
pub fn list(connection: &rusqlite::Connection, state: Option<&str>) -> Result<Vec<DeliveryRow>, rusqlite::Error> {
    let mut statement = connection.prepare(
        "SELECT id, submission_id, kind, target, message_id, state, attempts, last_error FROM deliveries
         WHERE :state IS NULL OR state = :state ORDER BY id",
    )?;
    let rows = statement.query_map(named_params! { ":state": state }, |r| {
        Ok(DeliveryRow {
            id: r.get(0)?,
            submission_id: r.get(1)?,
            kind: r.get(2)?,
            target: r.get(3)?,
            message_id: r.get(4)?,
            state: r.get(5)?,
            attempts: r.get(6)?,
            last_error: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Puts dead deliveries (all, or the one with `id`) back in the queue, due now
/// with fresh attempts; a running endpoint picks them up within seconds. Returns how many.
pub fn retry_dead(connection: &rusqlite::Connection, id: Option<i64>) -> Result<usize, rusqlite::Error> {
    connection.execute(
        "UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = :now, claimed_until = NULL,
             created_at = :now
         WHERE state = 'dead' AND (:id IS NULL OR id = :id)",
        named_params! { ":now": now_ms(), ":id": id },
    )
}
