//! The SQLite engine: one writer connection (a file, WAL with
//! `synchronous=FULL`: an acknowledged submission survives a crash) and a
//! read-only connection for `/healthz` (WAL readers never wait for the
//! writer). Blocking calls run on the blocking pool. The file is created
//! readable by its owner only (0600); SQLite gives its `-wal` and `-shm`
//! files the same mode. The SQL is in this folder, one statement a file,
//! with named parameters.

mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use readiness_core::SignId;
use rusqlite::{named_params, Connection, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior};

pub use schema::{migrate, migrations};

use super::engine::Engine;
use super::error::StoreError;
use super::model::{
    context_from_json, Claimed, CountKey, CountQuery, CountRow, Delivery, DeliveryRow, DeliveryState, Erased, Line,
    Milestone, NewPlan, NewSubmission, Overview, Page, PlanWritten, QueueDepth, Selection, StoredAnswer, Submission,
    Written, COLUMNS, UTM,
};

const INSERT_KEY: &str = include_str!("insert_key.sql");
const SEEN_KEY: &str = include_str!("seen_key.sql");
const STORED_ANSWER: &str = include_str!("stored_answer.sql");
const INSERT_SUBMISSION: &str = include_str!("insert_submission.sql");
const INSERT_DELIVERY: &str = include_str!("insert_delivery.sql");
const ANSWER_KEY: &str = include_str!("answer_key.sql");
const PRUNE_KEYS: &str = include_str!("prune_keys.sql");
const PING: &str = include_str!("ping.sql");
const CLAIM: &str = include_str!("claim.sql");
const FINISH: &str = include_str!("finish.sql");
const NEXT_DUE: &str = include_str!("next_due.sql");
const DELIVERIES: &str = include_str!("deliveries.sql");
const RETRY_DEAD: &str = include_str!("retry_dead.sql");
const QUEUE_DEPTH: &str = include_str!("queue_depth.sql");
const EXPORT_ALL: &str = concat!(include_str!("export.sql"), "ORDER BY id");
const EXPORT: &str = concat!(
    include_str!("export.sql"),
    include_str!("filter.sql"),
    "ORDER BY id DESC"
);
const COUNT: &str = concat!(include_str!("count.sql"), include_str!("filter.sql"));
const LIST: &str = concat!(
    include_str!("list.sql"),
    include_str!("filter.sql"),
    "ORDER BY id DESC LIMIT :limit OFFSET :offset"
);
const SUBMISSION: &str = include_str!("submission.sql");
const SAME_PERSON: &str = include_str!("same_person.sql");
const SUBMISSION_DELIVERIES: &str = include_str!("submission_deliveries.sql");
const OVERVIEW: &str = include_str!("overview.sql");
const PENDING_DELIVERIES: &str = include_str!("pending_deliveries.sql");
const ERASE_DELIVERIES: &str = include_str!("erase_deliveries.sql");
const ERASE_KEYS: &str = include_str!("erase_keys.sql");
const ERASE_SUBMISSIONS: &str = include_str!("erase_submissions.sql");
const PURGE_DELIVERIES: &str = include_str!("purge_deliveries.sql");
const PURGE_SUBMISSIONS: &str = include_str!("purge_submissions.sql");
const REVOKE_SESSION: &str = include_str!("revoke_session.sql");
const FORGET_SESSIONS: &str = include_str!("forget_sessions.sql");
const SESSION_REVOKED: &str = include_str!("session_revoked.sql");
// Issue 22: plan requests.
const PLAN_SEEN: &str = include_str!("plan_seen.sql");
const PLAN_COUNT: &str = include_str!("plan_count.sql");
const INSERT_PLAN: &str = include_str!("insert_plan.sql");
const INSERT_PLAN_DELIVERY: &str = include_str!("insert_plan_delivery.sql");
const PENDING_PLAN_DELIVERIES: &str = include_str!("pending_plan_deliveries.sql");
const ERASE_PLAN_DELIVERIES: &str = include_str!("erase_plan_deliveries.sql");
const ERASE_PLANS: &str = include_str!("erase_plans.sql");
const PURGE_PLAN_DELIVERIES: &str = include_str!("purge_plan_deliveries.sql");
const PURGE_PLANS: &str = include_str!("purge_plans.sql");
const PLAN_OVERVIEW: &str = include_str!("plan_overview.sql");
// Anonymous counts (issue 23).
const COUNT_BEACON: &str = include_str!("count_beacon.sql");
const FUNNEL: &str = include_str!("funnel.sql");
const COUNT_PATHS: &str = include_str!("count_paths.sql");

/// A SQLite database file.
pub struct Sqlite {
    writer: Arc<Mutex<Connection>>,
    reader: Arc<Mutex<Connection>>,
}

impl Sqlite {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: PathBuf) -> Result<Sqlite, StoreError> {
        tokio::task::spawn_blocking(move || Sqlite::open_blocking(&path)).await?
    }

    fn open_blocking(path: &Path) -> Result<Sqlite, StoreError> {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        create_private(path);
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // Switching to WAL does not wait on the busy handler: when another process opens the same
        // new file at the same moment it fails at once (seen in the engines test), so it is retried.
        let mut tries = 0;
        loop {
            match connection.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 50 =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                done => break done?,
            }
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        migrate(&mut connection)?;
        let reader = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        reader.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Sqlite {
            writer: Arc::new(Mutex::new(connection)),
            reader: Arc::new(Mutex::new(reader)),
        })
    }

    /// Runs `work` on the writer connection, on the blocking pool.
    async fn with<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    ) -> Result<T, StoreError> {
        let connection = self.writer.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock().unwrap_or_else(|e| e.into_inner());
            work(&mut guard)
        })
        .await??)
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

/// The first `n` cells of a row as text (NULL as empty), for the exports.
fn cells(row: &Row<'_>, n: usize) -> Result<Vec<String>, rusqlite::Error> {
    use rusqlite::types::ValueRef;
    (0..n)
        .map(|i| {
            Ok(match row.get_ref(i)? {
                ValueRef::Null => String::new(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(f) => f.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
            })
        })
        .collect()
}

/// A stored state as the enum (an unknown one is an error, not a guess).
fn state(row: &Row<'_>, index: usize) -> Result<DeliveryState, rusqlite::Error> {
    let text: String = row.get(index)?;
    text.parse()
        .map_err(|e: String| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into()))
}

/// The filter's values bound to the named parameters of `filter.sql`.
fn bound(selection: &Selection) -> Vec<(&'static str, &dyn ToSql)> {
    vec![
        (":sign", &selection.sign),
        (":status", &selection.statuses.0),
        (":or_status", &selection.statuses.1),
        (":from", &selection.from),
        (":to", &selection.to),
        (":spam", &selection.spam),
        (":delivery", delivery_param(&selection.delivery)),
    ]
}

fn delivery_param(state: &Option<DeliveryState>) -> &'static Option<&'static str> {
    match state {
        None => &None,
        Some(DeliveryState::Pending) => &Some("pending"),
        Some(DeliveryState::Delivered) => &Some("delivered"),
        Some(DeliveryState::Dead) => &Some("dead"),
    }
}

/// The core write (see [`Engine::insert_submission`]).
fn insert_submission(connection: &mut Connection, new: NewSubmission) -> Result<Written, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let key = &new.key;
    let ours: Option<String> = tx
        .prepare_cached(INSERT_KEY)?
        .query_row(
            named_params! { ":key": key, ":request_hash": new.request_hash, ":created_at": new.created_unix },
            |r| r.get(0),
        )
        .optional()?;
    if ours.is_none() {
        let (hash, body): (String, String) = tx
            .prepare_cached(SEEN_KEY)?
            .query_row(named_params! { ":key": key }, |r| Ok((r.get(0)?, r.get(1)?)))?;
        return Ok(if hash == new.request_hash {
            Written::Replayed(body)
        } else {
            Written::Conflict
        });
    }
    if let Some((hash, answer)) = stored_answer(&tx, key)? {
        // The key was pruned, its submission is still here (dropping `tx` rolls the key back).
        return Ok(if hash.is_none_or(|h| h == new.request_hash) {
            Written::Recovered(answer)
        } else {
            Written::Conflict
        });
    }
    let row = &new.row;
    let [(s0, t0), (s1, t1), (s2, t2), (s3, t3), (s4, t4)] = row.scores;
    let id: i64 = tx.prepare_cached(INSERT_SUBMISSION)?.query_row(
        named_params! {
            ":received_at": row.received_at,
            ":name": row.name,
            ":email": row.email,
            ":company": row.company,
            ":message": row.message,
            ":consent_text": row.consent_text,
            ":result_code": row.result_code,
            ":model_version": row.model_version,
            ":overall": row.overall,
            ":score_tickets": s0,
            ":status_tickets": t0,
            ":score_documentation": s1,
            ":status_documentation": t1,
            ":score_spec_ownership": s2,
            ":status_spec_ownership": t2,
            ":score_feedback": s3,
            ":status_feedback": t3,
            ":score_unblocking": s4,
            ":status_unblocking": t4,
            ":page_url": row.page_url,
            ":utm_source": row.utm[0],
            ":utm_medium": row.utm[1],
            ":utm_campaign": row.utm[2],
            ":utm_term": row.utm[3],
            ":utm_content": row.utm[4],
            ":locale": row.locale,
            ":client_time": row.client_time,
            ":elapsed_ms": row.elapsed_ms,
            ":client_scores_matched": row.client_scores_matched,
            ":idempotency_key": key,
            ":schema": row.schema,
            ":team": row.team,
            ":request_hash": new.request_hash,
            ":suspected_spam": row.suspected_spam,
            ":plan_requested": row.plan_requested,
            ":bookings_opened": row.bookings_opened,
            ":context": row.context,
        },
        |r| r.get(0),
    )?;
    let rendered = (new.render)(id);
    for queued in &new.queue {
        tx.prepare_cached(INSERT_DELIVERY)?.execute(named_params! {
            ":submission_id": id,
            ":kind": queued.kind,
            ":target": queued.target,
            ":message_id": rendered.message_id,
            ":payload": rendered.event,
            ":now": new.queued_ms,
        })?;
    }
    tx.prepare_cached(ANSWER_KEY)?
        .execute(named_params! { ":key": key, ":body": rendered.answer })?;
    tx.commit()?;
    Ok(Written::Created(rendered.answer))
}

/// Issue 22: a plan request and its deliveries (see [`Engine::insert_plan`]).
fn insert_plan(connection: &mut Connection, new: NewPlan) -> Result<PlanWritten, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let seen: Option<i64> = tx
        .prepare_cached(PLAN_SEEN)?
        .query_row(named_params! { ":key": new.key }, |r| r.get(0))
        .optional()?;
    if let Some(id) = seen {
        return Ok(PlanWritten::Replayed(id));
    }
    let count: u32 = tx
        .prepare_cached(PLAN_COUNT)?
        .query_row(named_params! { ":email": new.email, ":since": new.since_unix }, |r| {
            r.get(0)
        })?;
    if count >= new.per_recipient {
        return Ok(PlanWritten::Limited);
    }
    let id: i64 = tx.prepare_cached(INSERT_PLAN)?.query_row(
        named_params! {
            ":received_at": new.received_at,
            ":email": new.email,
            ":locale": new.locale,
            ":result_code": new.result_code,
            ":key": new.key,
            ":created_at": new.created_unix,
        },
        |r| r.get(0),
    )?;
    let rendered = (new.render)(id);
    for queued in &new.queue {
        tx.prepare_cached(INSERT_PLAN_DELIVERY)?.execute(named_params! {
            ":plan_request_id": id,
            ":kind": queued.kind,
            ":target": queued.target,
            ":message_id": rendered.message_id,
            ":payload": rendered.payload(queued.kind),
            ":now": new.queued_ms,
        })?;
    }
    tx.commit()?;
    Ok(PlanWritten::Created(id))
}

/// The hash and scores of the submission stored under `key`, if any.
fn stored_answer(tx: &Transaction<'_>, key: &str) -> Result<Option<(Option<String>, StoredAnswer)>, rusqlite::Error> {
    tx.prepare_cached(STORED_ANSWER)?
        .query_row(named_params! { ":key": key }, |r| {
            let score =
                |i: usize| -> Result<(i64, String), rusqlite::Error> { Ok((r.get(3 + 2 * i)?, r.get(4 + 2 * i)?)) };
            Ok((
                r.get(1)?,
                StoredAnswer {
                    id: r.get(0)?,
                    overall: r.get(2)?,
                    scores: [score(0)?, score(1)?, score(2)?, score(3)?, score(4)?],
                },
            ))
        })
        .optional()
}

fn page(connection: &Connection, selection: &Selection, limit: u32, offset: u32) -> Result<Page, rusqlite::Error> {
    let total: u32 = connection.query_row(COUNT, &*bound(selection), |r| r.get(0))?;
    let mut named = bound(selection);
    named.push((":limit", &limit));
    named.push((":offset", &offset));
    let lines = connection
        .prepare(LIST)?
        .query_map(&*named, |r| {
            Ok(Line {
                id: r.get(0)?,
                received_at: r.get(1)?,
                name: r.get(2)?,
                email: r.get(3)?,
                company: r.get(4)?,
                overall: r.get(5)?,
                statuses: [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
                suspected_spam: r.get(11)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page { lines, total })
}

fn submission(connection: &Connection, id: i64) -> Result<Option<Submission>, rusqlite::Error> {
    let found = connection
        .query_row(SUBMISSION, named_params! { ":id": id }, |r| {
            let utm = UTM
                .iter()
                .zip(10..)
                .filter_map(|(key, i)| r.get::<_, Option<String>>(i).transpose().map(|v| v.map(|v| (*key, v))))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Submission {
                id: r.get("id")?,
                received_at: r.get("received_at")?,
                name: r.get("name")?,
                email: r.get("email")?,
                company: r.get("company")?,
                message: r.get("message")?,
                consent_text: r.get("consent_text")?,
                result_code: r.get("result_code")?,
                page_url: r.get("page_url")?,
                utm,
                locale: r.get("locale")?,
                team: r.get("team")?,
                context: context_from_json(r.get("context")?),
                client_scores_matched: r.get("client_scores_matched")?,
                suspected_spam: r.get("suspected_spam")?,
                plan_requested: r.get("plan_requested")?,
                bookings_opened: r.get("bookings_opened")?,
                same_person: 0,
                deliveries: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut found) = found else { return Ok(None) };
    found.same_person = connection.query_row(SAME_PERSON, named_params! { ":email": found.email }, |r| r.get(0))?;
    found.deliveries = connection
        .prepare(SUBMISSION_DELIVERIES)?
        .query_map(named_params! { ":id": id }, |r| {
            Ok(Delivery {
                kind: r.get(0)?,
                target: r.get(1)?,
                state: state(r, 2)?,
                attempts: r.get(3)?,
                created_at: r.get(4)?,
                next_attempt_at: r.get(5)?,
                delivered_at: r.get(6)?,
                last_error: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(found))
}

fn overview(connection: &Connection, from: Option<String>, to: Option<String>) -> Result<Overview, rusqlite::Error> {
    connection
        .query_row(OVERVIEW, named_params! { ":from": from, ":to": to }, |r| {
            let mut counts = SignId::ALL.map(|sign| (sign, [0u32; 3]));
            for (i, (_, count)) in counts.iter_mut().enumerate() {
                for (j, cell) in count.iter_mut().enumerate() {
                    *cell = r.get(1 + i * 3 + j)?;
                }
            }
            Ok(Overview {
                total: r.get(0)?,
                counts,
                plans: 0,
            })
        })
        .and_then(|mut overview| {
            overview.plans =
                connection.query_row(PLAN_OVERVIEW, named_params! { ":from": from, ":to": to }, |r| r.get(0))?;
            Ok(overview)
        })
}

fn erase(connection: &mut Connection, email: &str) -> Result<Erased, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let deliveries: usize = tx.query_row(PENDING_DELIVERIES, named_params! { ":email": email }, |r| r.get(0))?;
    let plan_deliveries: usize =
        tx.query_row(PENDING_PLAN_DELIVERIES, named_params! { ":email": email }, |r| r.get(0))?;
    tx.execute(ERASE_DELIVERIES, named_params! { ":email": email })?;
    tx.execute(ERASE_KEYS, named_params! { ":email": email })?;
    let submissions = tx.execute(ERASE_SUBMISSIONS, named_params! { ":email": email })?;
    tx.execute(ERASE_PLAN_DELIVERIES, named_params! { ":email": email })?;
    let plans = tx.execute(ERASE_PLANS, named_params! { ":email": email })?;
    tx.commit()?;
    Ok(Erased {
        submissions,
        deliveries: deliveries + plan_deliveries,
        plans,
    })
}

fn purge(connection: &mut Connection, days: u32) -> Result<u64, rusqlite::Error> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(PURGE_DELIVERIES, named_params! { ":days": days })?;
    let purged = tx.execute(PURGE_SUBMISSIONS, named_params! { ":days": days })?;
    tx.execute(PURGE_PLAN_DELIVERIES, named_params! { ":days": days })?;
    tx.execute(PURGE_PLANS, named_params! { ":days": days })?;
    tx.commit()?;
    Ok(purged as u64)
}

/// Every delivery (or those in `state`), oldest first, on an open connection.
pub fn list_deliveries(
    connection: &Connection,
    state: Option<DeliveryState>,
) -> Result<Vec<DeliveryRow>, rusqlite::Error> {
    let mut statement = connection.prepare_cached(DELIVERIES)?;
    let rows = statement.query_map(named_params! { ":state": state.map(DeliveryState::as_str) }, |r| {
        Ok(DeliveryRow {
            id: r.get(0)?,
            submission_id: r.get(1)?,
            kind: r.get(2)?,
            target: r.get(3)?,
            message_id: r.get(4)?,
            state: self::state(r, 5)?,
            attempts: r.get(6)?,
            last_error: r.get(7)?,
            plan_request_id: r.get(8)?,
        })
    })?;
    rows.collect()
}

/// Every submission of the file at `path`, oldest first, as the exports' cells (read-only).
pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, rusqlite::Error> {
    let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    export_all(&connection)
}

fn export_all(connection: &Connection) -> Result<Vec<Vec<String>>, rusqlite::Error> {
    let mut statement = connection.prepare(EXPORT_ALL)?;
    let rows = statement.query_map([], |row| cells(row, COLUMNS.len() + 1))?;
    rows.collect()
}

#[async_trait]
impl Engine for Sqlite {
    async fn ping(&self) -> Result<(), StoreError> {
        let reader = self.reader.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let connection = reader.lock().unwrap_or_else(|e| e.into_inner());
            connection
                .query_row(PING, [], |r| r.get::<_, i64>(0))
                .optional()
                .map(|_| ())
        })
        .await??)
    }

    async fn insert_submission(&self, new: NewSubmission) -> Result<Written, StoreError> {
        self.with(move |c| insert_submission(c, new)).await
    }

    async fn prune_keys(&self, cutoff: i64) -> Result<u64, StoreError> {
        self.with(move |c| Ok(c.execute(PRUNE_KEYS, named_params! { ":cutoff": cutoff })? as u64))
            .await
    }

    async fn claim(&self, now: i64, lease_until: i64, batch: u32) -> Result<Vec<Claimed>, StoreError> {
        self.with(move |c| {
            let mut statement = c.prepare_cached(CLAIM)?;
            let rows = statement.query_map(
                named_params! { ":now": now, ":lease_until": lease_until, ":batch": batch },
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
            rows.collect()
        })
        .await
    }

    async fn finish(
        &self,
        id: i64,
        state: DeliveryState,
        error: Option<String>,
        next: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        self.with(move |c| {
            c.prepare_cached(FINISH)?.execute(named_params! {
                ":state": state.as_str(),
                ":error": error,
                ":next": next,
                ":now": now,
                ":id": id,
            })?;
            Ok(())
        })
        .await
    }

    async fn next_due(&self) -> Result<Option<i64>, StoreError> {
        self.with(|c| {
            Ok(c.prepare_cached(NEXT_DUE)?
                .query_row([], |r| r.get(0))
                .optional()?
                .flatten())
        })
        .await
    }

    async fn deliveries(&self, state: Option<DeliveryState>) -> Result<Vec<DeliveryRow>, StoreError> {
        self.with(move |c| list_deliveries(c, state)).await
    }

    async fn retry_dead(&self, id: Option<i64>, now: i64) -> Result<u64, StoreError> {
        self.with(move |c| Ok(c.execute(RETRY_DEAD, named_params! { ":now": now, ":id": id })? as u64))
            .await
    }

    async fn queue_depth(&self) -> Result<Vec<QueueDepth>, StoreError> {
        self.with(|c| {
            let mut statement = c.prepare_cached(QUEUE_DEPTH)?;
            let rows = statement.query_map([], |r| {
                Ok(QueueDepth {
                    kind: r.get(0)?,
                    target: r.get(1)?,
                    state: state(r, 2)?,
                    count: r.get(3)?,
                })
            })?;
            rows.collect()
        })
        .await
    }

    async fn export_all(&self) -> Result<Vec<Vec<String>>, StoreError> {
        self.with(|c| export_all(c)).await
    }

    async fn export(&self, selection: Selection) -> Result<Vec<Vec<String>>, StoreError> {
        self.with(move |c| {
            let mut statement = c.prepare(EXPORT)?;
            let rows = statement.query_map(&*bound(&selection), |r| cells(r, COLUMNS.len() + 1))?;
            rows.collect()
        })
        .await
    }

    async fn page(&self, selection: Selection, limit: u32, offset: u32) -> Result<Page, StoreError> {
        self.with(move |c| page(c, &selection, limit, offset)).await
    }

    async fn submission(&self, id: i64) -> Result<Option<Submission>, StoreError> {
        self.with(move |c| submission(c, id)).await
    }

    async fn overview(&self, from: Option<String>, to: Option<String>) -> Result<Overview, StoreError> {
        self.with(move |c| overview(c, from, to)).await
    }

    async fn insert_plan(&self, new: NewPlan) -> Result<PlanWritten, StoreError> {
        self.with(move |c| insert_plan(c, new)).await
    }

    async fn plan_seen(&self, key: String) -> Result<Option<i64>, StoreError> {
        self.with(move |c| {
            c.prepare_cached(PLAN_SEEN)?
                .query_row(named_params! { ":key": key }, |r| r.get(0))
                .optional()
        })
        .await
    }

    async fn erase(&self, email: String) -> Result<Erased, StoreError> {
        self.with(move |c| erase(c, &email)).await
    }

    async fn purge(&self, days: u32) -> Result<u64, StoreError> {
        self.with(move |c| purge(c, days)).await
    }

    async fn revoke_session(&self, id: String, expires_at: i64) -> Result<(), StoreError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.with(move |c| {
            c.execute(FORGET_SESSIONS, named_params! { ":now": now })?;
            c.execute(REVOKE_SESSION, named_params! { ":id": id, ":expires_at": expires_at })?;
            Ok(())
        })
        .await
    }

    async fn session_revoked(&self, id: String) -> Result<bool, StoreError> {
        self.with(move |c| {
            c.prepare_cached(SESSION_REVOKED)?
                .query_row(named_params! { ":id": id }, |r| r.get(0))
        })
        .await
    }

    // --- Anonymous counts (issue 23) ---

    async fn count(&self, key: CountKey) -> Result<(), StoreError> {
        self.with(move |c| {
            c.prepare_cached(COUNT_BEACON)?.execute(named_params! {
                ":day": key.day,
                ":path": key.path,
                ":locale": key.locale,
                ":variant": key.variant,
                ":model_version": key.model_version,
                ":milestone": key.milestone.as_str(),
            })?;
            Ok(())
        })
        .await
    }

    async fn counts(&self, query: CountQuery) -> Result<Vec<CountRow>, StoreError> {
        self.with(move |c| {
            let mut statement = c.prepare_cached(FUNNEL)?;
            let rows = statement.query_map(
                named_params! { ":from": query.from, ":to": query.to, ":path": query.path },
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                },
            )?;
            let mut out = Vec::new();
            for row in rows {
                let (path, locale, variant, milestone, count) = row?;
                if let Some(milestone) = Milestone::parse(&milestone) {
                    out.push(CountRow {
                        path,
                        locale,
                        variant,
                        milestone,
                        count: count.max(0) as u64,
                    });
                }
            }
            Ok(out)
        })
        .await
    }

    async fn count_paths(&self) -> Result<Vec<String>, StoreError> {
        self.with(move |c| {
            let mut statement = c.prepare_cached(COUNT_PATHS)?;
            let rows = statement.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        })
        .await
    }
}
