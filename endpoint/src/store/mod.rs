//! Storage, behind one seam: [`Engine`] lists every operation once, and
//! [`Store::open`] is the one place that picks the engine from the
//! [`Database`] setting: SQLite (`sqlite/`, a file, the embedded default) or
//! PostgreSQL (`postgres/`, a server, for several instances on one database).
//! Each engine's SQL lives beside its code, as literal `.sql` files.
//!
//! The store knows neither HTTP nor the outbox's senders: it stores what it is
//! given ([`NewSubmission`]) and answers plain data ([`model`]) or a
//! [`StoreError`].

mod database;
mod engine;
mod error;
pub mod model;
pub mod postgres;
pub mod sqlite;

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use database::Database;
pub use engine::Engine;
pub use error::StoreError;
pub use model::*;

/// How long a `/healthz` answer is reused.
const HEALTH_TTL_MS: u64 = 1000;

/// How long `/healthz` waits for the database.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(2);

/// The database, shared by all requests: an [`Engine`] (its methods are the store's).
#[derive(Clone)]
pub struct Store {
    engine: Arc<dyn Engine>,
    health: Arc<Health>,
}

/// `/healthz` asks the engine at most once a second; a flood of checks costs one query.
struct Health {
    started: Instant,
    checked_at_ms: AtomicU64,
    ok: AtomicBool,
    checking: tokio::sync::Mutex<()>,
}

impl Store {
    /// Opens `database` (a SQLite file, created if needed; or a PostgreSQL server, a pool of
    /// `pool_size`) and brings its schema up to date. The one place that picks the engine.
    pub async fn open(database: &Database, pool_size: usize) -> Result<Store, StoreError> {
        let engine: Arc<dyn Engine> = match database {
            Database::Sqlite(path) => Arc::new(sqlite::Sqlite::open(path.clone()).await?),
            Database::Postgres(url) => Arc::new(postgres::Postgres::connect(url, pool_size).await?),
        };
        Ok(Store {
            engine,
            health: Arc::new(Health {
                started: Instant::now(),
                checked_at_ms: AtomicU64::new(0),
                ok: AtomicBool::new(false),
                checking: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// [`Store::open`] for the command line (one connection): a SQLite file must exist already.
    pub async fn open_existing(database: &Database) -> Result<Store, StoreError> {
        if let Database::Sqlite(path) = database {
            if !path.exists() {
                return Err(StoreError::Config("no such database".into()));
            }
        }
        Store::open(database, 1).await
    }

    /// Whether the database answers, for `/healthz`: a constant query, within two seconds,
    /// reused for a second.
    pub async fn healthy(&self) -> bool {
        let health = &self.health;
        let fresh = |health: &Health| {
            let now_ms = health.started.elapsed().as_millis() as u64 + HEALTH_TTL_MS;
            now_ms.saturating_sub(health.checked_at_ms.load(Ordering::Acquire)) < HEALTH_TTL_MS
        };
        if fresh(health) {
            return health.ok.load(Ordering::Acquire);
        }
        // Another check under way: its answer will do.
        let Ok(_checking) = health.checking.try_lock() else {
            return health.ok.load(Ordering::Acquire);
        };
        let ok = matches!(
            tokio::time::timeout(HEALTH_TIMEOUT, self.engine.ping()).await,
            Ok(Ok(()))
        );
        health.ok.store(ok, Ordering::Release);
        let now_ms = health.started.elapsed().as_millis() as u64 + HEALTH_TTL_MS;
        health.checked_at_ms.store(now_ms, Ordering::Release);
        ok
    }
}

impl Deref for Store {
    type Target = dyn Engine;

    fn deref(&self) -> &Self::Target {
        &*self.engine
    }
}
