//! The PostgreSQL engine: a `deadpool-postgres` pool of `tokio-postgres`
//! connections (TLS as libpq's URL parameters ask: `tls.rs`), for several
//! endpoint instances on one database. The SQL is in this folder, one
//! statement a file, with positional parameters.
//!
//! - Migrations (`migrations/`, literal SQL) run at start in one transaction
//!   under `pg_advisory_xact_lock`: two instances starting at once apply each
//!   migration once, the second waits and finds them applied.
//! - The core write takes the key first (`ON CONFLICT DO NOTHING`, which waits
//!   for a concurrent holder of the same key to commit), as SQLite does: of
//!   eight concurrent requests on two instances one stores.
//! - The outbox is claimed with `FOR UPDATE SKIP LOCKED` and a lease: two
//!   instances never claim the same delivery.
//! - While the server is down, every call fails fast with
//!   [`StoreError::Unavailable`]; the pool replaces broken connections by
//!   itself when it is back.

pub mod tls;

use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use readiness_core::SignId;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use super::engine::Engine;
use super::error::StoreError;
use super::model::{
    context_from_json, Claimed, CountKey, CountQuery, CountRow, Delivery, DeliveryRow, DeliveryState, Erased, Line,
    Milestone, NewPlan, NewSubmission, Overview, Page, PlanWritten, PoolUse, QueueDepth, Selection, StoredAnswer,
    Submission, Written, COLUMNS, UTM,
};

/// The schema, in order, counted in `schema_migrations`; the same numbers as SQLite's.
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

/// The advisory lock migrations hold ("readines" in ASCII).
const MIGRATION_LOCK: i64 = 0x7265_6164_696e_6573;

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
    "ORDER BY id DESC LIMIT $8 OFFSET $9"
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
const PLAN_LOCK: &str = include_str!("plan_lock.sql");
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

/// How long a request waits for a pooled connection (also when the server is down: then the
/// answer is 503 rather than a hang).
const WAIT: Duration = Duration::from_secs(5);

/// A PostgreSQL database, through a pool.
pub struct Postgres {
    pool: Pool,
}

impl Postgres {
    /// Connects a pool of at most `size` connections and brings the schema up to date.
    pub async fn connect(url: &str, size: usize) -> Result<Postgres, StoreError> {
        let settings = tls::settings(url)?;
        let mut config = settings.config;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(WAIT);
        }
        let manager = Manager::from_config(
            config,
            settings.tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(size.max(1))
            .wait_timeout(Some(WAIT))
            .create_timeout(Some(WAIT))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Config(e.to_string()))?;
        let postgres = Postgres { pool };
        postgres.migrate().await?;
        Ok(postgres)
    }

    /// Applies the migrations not applied yet, all in one transaction under the advisory lock.
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.pool.get().await?;
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
}

/// The filter's values as `$1`…`$7` of `filter.sql`.
fn bound(s: &Selection) -> Vec<&(dyn ToSql + Sync)> {
    vec![
        &s.from,
        &s.to,
        &s.sign,
        &s.statuses.0,
        &s.statuses.1,
        &s.spam,
        delivery_param(&s.delivery),
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

/// A stored state as the enum.
fn state(row: &Row, index: usize) -> Result<DeliveryState, StoreError> {
    row.get::<_, String>(index).parse().map_err(StoreError::Failed)
}

/// Text cells of rows selected by `export.sql`.
fn cells(rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            (0..=COLUMNS.len())
                .map(|i| r.get::<_, Option<String>>(i).unwrap_or_default())
                .collect()
        })
        .collect()
}

#[async_trait]
impl Engine for Postgres {
    fn pool_use(&self) -> Option<PoolUse> {
        let status = self.pool.status();
        Some(PoolUse {
            in_use: status.size.saturating_sub(status.available),
            idle: status.available,
            max: status.max_size,
            waiting: status.waiting,
        })
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client.query_one(PING, &[]).await?;
        Ok(())
    }

    async fn insert_submission(&self, new: NewSubmission) -> Result<Written, StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let key = &new.key;
        let ours = tx
            .query_opt(
                &tx.prepare_cached(INSERT_KEY).await?,
                &[key, &new.request_hash, &new.created_unix],
            )
            .await?;
        if ours.is_none() {
            let seen = tx.query_one(&tx.prepare_cached(SEEN_KEY).await?, &[key]).await?;
            let (hash, body): (String, String) = (seen.get(0), seen.get(1));
            return Ok(if hash == new.request_hash {
                Written::Replayed(body)
            } else {
                Written::Conflict
            });
        }
        if let Some(r) = tx.query_opt(&tx.prepare_cached(STORED_ANSWER).await?, &[key]).await? {
            // The key was pruned, its submission is still here (dropping `tx` rolls the key back).
            let hash: Option<String> = r.get(1);
            let score = |i: usize| (r.get::<_, i64>(3 + 2 * i), r.get::<_, String>(4 + 2 * i));
            let answer = StoredAnswer {
                id: r.get(0),
                overall: r.get(2),
                scores: [score(0), score(1), score(2), score(3), score(4)],
            };
            return Ok(if hash.is_none_or(|h| h == new.request_hash) {
                Written::Recovered(answer)
            } else {
                Written::Conflict
            });
        }
        let row = &new.row;
        let [(s0, t0), (s1, t1), (s2, t2), (s3, t3), (s4, t4)] = &row.scores;
        let matched = i64::from(row.client_scores_matched);
        let id: i64 = tx
            .query_one(
                &tx.prepare_cached(INSERT_SUBMISSION).await?,
                &[
                    &row.received_at,
                    &row.name,
                    &row.email,
                    &row.company,
                    &row.message,
                    &row.consent_text,
                    &row.result_code,
                    &row.model_version,
                    &row.overall,
                    s0,
                    t0,
                    s1,
                    t1,
                    s2,
                    t2,
                    s3,
                    t3,
                    s4,
                    t4,
                    &row.page_url,
                    &row.utm[0],
                    &row.utm[1],
                    &row.utm[2],
                    &row.utm[3],
                    &row.utm[4],
                    &row.locale,
                    &row.client_time,
                    &row.elapsed_ms,
                    &matched,
                    key,
                    &row.schema,
                    &row.team,
                    &new.request_hash,
                    &row.suspected_spam,
                    &i64::from(row.plan_requested),
                    &row.bookings_opened,
                    &row.context,
                ],
            )
            .await?
            .get(0);
        let rendered = (new.render)(id);
        let insert = tx.prepare_cached(INSERT_DELIVERY).await?;
        for queued in &new.queue {
            tx.execute(
                &insert,
                &[
                    &id,
                    &queued.kind,
                    &queued.target,
                    &rendered.message_id,
                    &rendered.event,
                    &new.queued_ms,
                ],
            )
            .await?;
        }
        tx.execute(&tx.prepare_cached(ANSWER_KEY).await?, &[key, &rendered.answer])
            .await?;
        tx.commit().await?;
        Ok(Written::Created(rendered.answer))
    }

    async fn prune_keys(&self, cutoff: i64) -> Result<u64, StoreError> {
        let client = self.pool.get().await?;
        Ok(client.execute(PRUNE_KEYS, &[&cutoff]).await?)
    }

    async fn claim(&self, now: i64, lease_until: i64, batch: u32) -> Result<Vec<Claimed>, StoreError> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                &client.prepare_cached(CLAIM).await?,
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

    async fn finish(
        &self,
        id: i64,
        state: DeliveryState,
        error: Option<String>,
        next: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute(
                &client.prepare_cached(FINISH).await?,
                &[&state.as_str(), &error, &next, &now, &id],
            )
            .await?;
        Ok(())
    }

    async fn next_due(&self) -> Result<Option<i64>, StoreError> {
        let client = self.pool.get().await?;
        Ok(client
            .query_one(&client.prepare_cached(NEXT_DUE).await?, &[])
            .await?
            .get(0))
    }

    async fn deliveries(&self, state: Option<DeliveryState>) -> Result<Vec<DeliveryRow>, StoreError> {
        let client = self.pool.get().await?;
        let rows = client.query(DELIVERIES, &[&state.map(DeliveryState::as_str)]).await?;
        rows.iter()
            .map(|r| {
                Ok(DeliveryRow {
                    id: r.get(0),
                    submission_id: r.get(1),
                    kind: r.get(2),
                    target: r.get(3),
                    message_id: r.get(4),
                    state: self::state(r, 5)?,
                    attempts: r.get::<_, i64>(6) as u32,
                    last_error: r.get(7),
                    plan_request_id: r.get(8),
                })
            })
            .collect()
    }

    async fn retry_dead(&self, id: Option<i64>, now: i64) -> Result<u64, StoreError> {
        let client = self.pool.get().await?;
        Ok(client.execute(RETRY_DEAD, &[&now, &id]).await?)
    }

    async fn queue_depth(&self) -> Result<Vec<QueueDepth>, StoreError> {
        let client = self.pool.get().await?;
        let rows = client.query(&client.prepare_cached(QUEUE_DEPTH).await?, &[]).await?;
        rows.iter()
            .map(|r| {
                Ok(QueueDepth {
                    kind: r.get(0),
                    target: r.get(1),
                    state: state(r, 2)?,
                    count: r.get::<_, i64>(3) as u64,
                })
            })
            .collect()
    }

    async fn export_all(&self) -> Result<Vec<Vec<String>>, StoreError> {
        let client = self.pool.get().await?;
        Ok(cells(&client.query(EXPORT_ALL, &[]).await?))
    }

    async fn export(&self, selection: Selection) -> Result<Vec<Vec<String>>, StoreError> {
        let client = self.pool.get().await?;
        Ok(cells(&client.query(EXPORT, &bound(&selection)).await?))
    }

    async fn page(&self, selection: Selection, limit: u32, offset: u32) -> Result<Page, StoreError> {
        let client = self.pool.get().await?;
        let total: i64 = client.query_one(COUNT, &bound(&selection)).await?.get(0);
        let (limit, offset) = (i64::from(limit), i64::from(offset));
        let mut bind = bound(&selection);
        bind.push(&limit);
        bind.push(&offset);
        let lines = client
            .query(LIST, &bind)
            .await?
            .iter()
            .map(|r| Line {
                id: r.get(0),
                received_at: r.get(1),
                name: r.get(2),
                email: r.get(3),
                company: r.get(4),
                overall: r.get(5),
                statuses: [r.get(6), r.get(7), r.get(8), r.get(9), r.get(10)],
                suspected_spam: r.get(11),
            })
            .collect();
        Ok(Page {
            lines,
            total: total as u32,
        })
    }

    async fn submission(&self, id: i64) -> Result<Option<Submission>, StoreError> {
        let client = self.pool.get().await?;
        let Some(r) = client.query_opt(SUBMISSION, &[&id]).await? else {
            return Ok(None);
        };
        let utm = UTM
            .iter()
            .zip(10..)
            .filter_map(|(key, i)| r.get::<_, Option<String>>(i).map(|v| (*key, v)))
            .collect();
        let email: String = r.get("email");
        let same_person: i64 = client.query_one(SAME_PERSON, &[&email]).await?.get(0);
        let deliveries = client
            .query(SUBMISSION_DELIVERIES, &[&id])
            .await?
            .iter()
            .map(|d| {
                Ok(Delivery {
                    kind: d.get(0),
                    target: d.get(1),
                    state: state(d, 2)?,
                    attempts: d.get::<_, i64>(3) as u32,
                    created_at: d.get(4),
                    next_attempt_at: d.get(5),
                    delivered_at: d.get(6),
                    last_error: d.get(7),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(Submission {
            id: r.get("id"),
            received_at: r.get("received_at"),
            name: r.get("name"),
            email,
            company: r.get("company"),
            message: r.get("message"),
            consent_text: r.get("consent_text"),
            result_code: r.get("result_code"),
            page_url: r.get("page_url"),
            utm,
            locale: r.get("locale"),
            team: r.get("team"),
            context: context_from_json(r.get("context")),
            client_scores_matched: r.get::<_, i64>("client_scores_matched") != 0,
            suspected_spam: r.get("suspected_spam"),
            plan_requested: r.get::<_, i64>("plan_requested") != 0,
            bookings_opened: r.get("bookings_opened"),
            same_person: same_person as u32,
            deliveries,
        }))
    }

    async fn overview(&self, from: Option<String>, to: Option<String>) -> Result<Overview, StoreError> {
        let client = self.pool.get().await?;
        let r = client.query_one(OVERVIEW, &[&from, &to]).await?;
        let mut counts = SignId::ALL.map(|sign| (sign, [0u32; 3]));
        for (i, (_, count)) in counts.iter_mut().enumerate() {
            for (j, cell) in count.iter_mut().enumerate() {
                *cell = r.get::<_, i64>(1 + i * 3 + j) as u32;
            }
        }
        let plans: i64 = client.query_one(PLAN_OVERVIEW, &[&from, &to]).await?.get(0);
        Ok(Overview {
            total: r.get::<_, i64>(0) as u32,
            counts,
            plans: plans as u32,
        })
    }

    async fn insert_plan(&self, new: NewPlan) -> Result<PlanWritten, StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // Requests to one recipient one at a time: the count below then sees every one before it.
        tx.execute(PLAN_LOCK, &[&new.email]).await?;
        if let Some(row) = tx.query_opt(PLAN_SEEN, &[&new.key]).await? {
            return Ok(PlanWritten::Replayed(row.get(0)));
        }
        let count: i64 = tx.query_one(PLAN_COUNT, &[&new.email, &new.since_unix]).await?.get(0);
        if count >= i64::from(new.per_recipient) {
            return Ok(PlanWritten::Limited);
        }
        let inserted = tx
            .query_opt(
                INSERT_PLAN,
                &[
                    &new.received_at,
                    &new.email,
                    &new.locale,
                    &new.result_code,
                    &new.key,
                    &new.created_unix,
                ],
            )
            .await?;
        let Some(row) = inserted else {
            // A concurrent request with the same key committed first: a replay of it.
            let id: i64 = tx.query_one(PLAN_SEEN, &[&new.key]).await?.get(0);
            return Ok(PlanWritten::Replayed(id));
        };
        let id: i64 = row.get(0);
        let rendered = (new.render)(id);
        for queued in &new.queue {
            tx.execute(
                INSERT_PLAN_DELIVERY,
                &[
                    &id,
                    &queued.kind,
                    &queued.target,
                    &rendered.message_id,
                    &rendered.payload(queued.kind),
                    &new.queued_ms,
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(PlanWritten::Created(id))
    }

    async fn plan_seen(&self, key: String) -> Result<Option<i64>, StoreError> {
        let client = self.pool.get().await?;
        Ok(client.query_opt(PLAN_SEEN, &[&key]).await?.map(|row| row.get(0)))
    }

    async fn erase(&self, email: String) -> Result<Erased, StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let deliveries: i64 = tx.query_one(PENDING_DELIVERIES, &[&email]).await?.get(0);
        let plan_deliveries: i64 = tx.query_one(PENDING_PLAN_DELIVERIES, &[&email]).await?.get(0);
        tx.execute(ERASE_DELIVERIES, &[&email]).await?;
        tx.execute(ERASE_KEYS, &[&email]).await?;
        let submissions = tx.execute(ERASE_SUBMISSIONS, &[&email]).await?;
        tx.execute(ERASE_PLAN_DELIVERIES, &[&email]).await?;
        let plans = tx.execute(ERASE_PLANS, &[&email]).await?;
        tx.commit().await?;
        Ok(Erased {
            submissions: submissions as usize,
            deliveries: (deliveries + plan_deliveries) as usize,
            plans: plans as usize,
        })
    }

    async fn purge(&self, days: u32) -> Result<u64, StoreError> {
        let days = i32::try_from(days).unwrap_or(i32::MAX);
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute(PURGE_DELIVERIES, &[&days]).await?;
        let purged = tx.execute(PURGE_SUBMISSIONS, &[&days]).await?;
        tx.execute(PURGE_PLAN_DELIVERIES, &[&days]).await?;
        tx.execute(PURGE_PLANS, &[&days]).await?;
        tx.commit().await?;
        Ok(purged)
    }

    async fn revoke_session(&self, id: String, expires_at: i64) -> Result<(), StoreError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let client = self.pool.get().await?;
        client.execute(FORGET_SESSIONS, &[&now]).await?;
        client.execute(REVOKE_SESSION, &[&id, &expires_at]).await?;
        Ok(())
    }

    async fn session_revoked(&self, id: String) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        Ok(client
            .query_one(&client.prepare_cached(SESSION_REVOKED).await?, &[&id])
            .await?
            .get(0))
    }

    // --- Anonymous counts (issue 23) ---

    async fn count(&self, key: CountKey) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        let version = i64::from(key.model_version);
        client
            .execute(
                COUNT_BEACON,
                &[
                    &key.day,
                    &key.path,
                    &key.locale,
                    &key.variant,
                    &version,
                    &key.milestone.as_str(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn counts(&self, query: CountQuery) -> Result<Vec<CountRow>, StoreError> {
        let client = self.pool.get().await?;
        let rows = client.query(FUNNEL, &[&query.from, &query.to, &query.path]).await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(CountRow {
                    path: r.get(0),
                    locale: r.get(1),
                    variant: r.get(2),
                    milestone: Milestone::parse(r.get(3))?,
                    count: r.get::<_, i64>(4).max(0) as u64,
                })
            })
            .collect())
    }

    async fn count_paths(&self) -> Result<Vec<String>, StoreError> {
        let client = self.pool.get().await?;
        let rows = client.query(COUNT_PATHS, &[]).await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}
