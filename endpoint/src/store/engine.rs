//! The seam: every operation the endpoint asks of its database, once. Each
//! engine (`sqlite/`, `postgres/`) implements all of it with its own SQL
//! beside its code; [`super::Store::open`] is the one place that picks one.
//! A new query is a method here and one implementation (and `.sql` file) per
//! engine folder.

use async_trait::async_trait;

use super::error::StoreError;
use super::model::{
    Claimed, CountKey, CountQuery, CountRow, DeliveryRow, DeliveryState, Erased, NewPlan, NewSubmission, Overview,
    Page, PlanWritten, PoolUse, QueueDepth, Selection, Submission, Written,
};

/// What a database engine does for the endpoint.
#[async_trait]
pub trait Engine: Send + Sync {
    /// A constant query (for `/healthz`).
    async fn ping(&self) -> Result<(), StoreError>;

    /// The connection pool's use, for `/metrics`: `None` for an engine without a pool (SQLite).
    fn pool_use(&self) -> Option<PoolUse> {
        None
    }

    /// The core write, the same algorithm on both engines, in one transaction: the key first
    /// (a concurrent holder of the key is waited for), then a replay or a conflict if it was
    /// there; else the submission stored under a pruned key is recovered; else the submission,
    /// one delivery per [`NewSubmission::queue`] entry and the key's answer are written.
    async fn insert_submission(&self, new: NewSubmission) -> Result<Written, StoreError>;

    /// Forgets idempotency keys created before `cutoff` (unix seconds); returns how many.
    async fn prune_keys(&self, cutoff: i64) -> Result<u64, StoreError>;

    /// Claims up to `batch` due deliveries until `lease_until` (unix ms); each claim counts as an
    /// attempt. Rows another instance is claiming are skipped.
    async fn claim(&self, now: i64, lease_until: i64, batch: u32) -> Result<Vec<Claimed>, StoreError>;

    /// Records an attempt's outcome: the new state, the error, when the next attempt is due.
    async fn finish(
        &self,
        id: i64,
        state: DeliveryState,
        error: Option<String>,
        next: i64,
        now: i64,
    ) -> Result<(), StoreError>;

    /// When the next pending delivery is due (its lease included), if any.
    async fn next_due(&self) -> Result<Option<i64>, StoreError>;

    /// Every delivery (or those in `state`), oldest first.
    async fn deliveries(&self, state: Option<DeliveryState>) -> Result<Vec<DeliveryRow>, StoreError>;

    /// Dead deliveries (all, or `id`) back in the queue, due at `now` with fresh attempts.
    async fn retry_dead(&self, id: Option<i64>, now: i64) -> Result<u64, StoreError>;

    /// Deliveries per destination and state: the outbox's depth, for operators.
    async fn queue_depth(&self) -> Result<Vec<QueueDepth>, StoreError>;

    /// Every submission, oldest first, as text cells in [`super::COLUMNS`] order, then its
    /// deliveries (`webhook delivered; email dead`).
    async fn export_all(&self) -> Result<Vec<Vec<String>>, StoreError>;

    /// The submissions of `selection`, newest first, as [`Engine::export_all`]'s cells.
    async fn export(&self, selection: Selection) -> Result<Vec<Vec<String>>, StoreError>;

    /// One page of the submissions of `selection`, newest first.
    async fn page(&self, selection: Selection, limit: u32, offset: u32) -> Result<Page, StoreError>;

    /// One submission with its deliveries, if it exists.
    async fn submission(&self, id: i64) -> Result<Option<Submission>, StoreError>;

    /// Counts per sign and status between two days (`YYYY-MM-DD`, inclusive).
    async fn overview(&self, from: Option<String>, to: Option<String>) -> Result<Overview, StoreError>;

    /// Issue 22: stores a plan request and its deliveries in one transaction: a key seen before
    /// is a replay (nothing queued again); a recipient with [`NewPlan::per_recipient`] requests
    /// since [`NewPlan::since_unix`] is limited (nothing stored).
    async fn insert_plan(&self, new: NewPlan) -> Result<PlanWritten, StoreError>;

    /// Issue 22: the id of the plan request stored under idempotency key `key`, if any (a retry
    /// is answered before the per-client limit counts it).
    async fn plan_seen(&self, key: String) -> Result<Option<i64>, StoreError>;

    /// Deletes every submission and plan request of `email` (compared case-insensitively), their
    /// deliveries and idempotency answers, in one transaction.
    async fn erase(&self, email: String) -> Result<Erased, StoreError>;

    /// Deletes submissions and plan requests received more than `days` days ago, and their
    /// deliveries.
    async fn purge(&self, days: u32) -> Result<u64, StoreError>;

    /// Ends a sales-view session on every instance: `id` is revoked until `expires_at` (unix s).
    async fn revoke_session(&self, id: String, expires_at: i64) -> Result<(), StoreError>;

    /// Whether the session `id` was revoked.
    async fn session_revoked(&self, id: String) -> Result<bool, StoreError>;

    // --- Anonymous counts (issue 23) ---

    /// Adds one to the day's counter of `key` (created at 1), atomically.
    async fn count(&self, key: CountKey) -> Result<(), StoreError>;

    /// The counts of `query`, summed over days and model versions, per path, locale, variant and
    /// milestone (rows of a milestone this build does not know are left out).
    async fn counts(&self, query: CountQuery) -> Result<Vec<CountRow>, StoreError>;

    /// The paths that have counts, most counted first (at most 200).
    async fn count_paths(&self) -> Result<Vec<String>, StoreError>;
}
