//! # readiness-endpoint
//!
//! The reference receiver of the readiness widget's contact payload
//! (`docs/payload-schema.md`): validates every field, re-scores from the
//! result code with `readiness-core` (client scores are never trusted),
//! stores in SQLite or PostgreSQL, and serves the demo site.

pub mod admin;
pub mod app;
pub mod config;
pub mod count;
pub mod error;
pub mod export;
pub mod extract;
pub mod intake;
pub mod logging;
pub mod metrics;
pub mod openapi;
pub mod origin;
pub mod outbox;
pub mod payload;
// Issue 22: the plan by e-mail.
pub mod plan;
pub mod privacy;
pub mod ratelimit;
pub mod routes;
pub mod server;
pub mod site;
pub mod state;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

pub use config::Config;

/// Idempotency keys are kept this long.
const KEY_HOURS: i64 = 48;

/// Binds, then serves until `shutdown` resolves; in-flight requests finish
/// (within `shutdown_timeout`). Returns the bound address through
/// `on_bound` before serving. A bad `allow_origins` value is an
/// `InvalidInput` error naming it, before anything is opened; so is an
/// admin token shorter than [`admin::MIN_TOKEN_CHARS`].
pub async fn serve(
    config: Config,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let origins = origin::AllowedOrigins::parse(&config.allow_origins)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    if config
        .admin_token
        .as_ref()
        .is_some_and(|t| t.chars().count() < admin::MIN_TOKEN_CHARS)
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "READINESS_ADMIN_TOKEN must be at least {} characters (e.g. `openssl rand -base64 32`)",
                admin::MIN_TOKEN_CHARS
            ),
        ));
    }
    let exposure = metrics::Exposure::from_config(config.metrics_addr, config.metrics_token.as_deref())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let (destinations, senders) =
        outbox::destinations(&config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let storage = &config.storage;
    let store = store::Store::open(&storage.database, storage.pool_size)
        .await
        .map_err(|e| std::io::Error::other(format!("{}: {e}", storage.database)))?;
    let key_cutoff = || time::OffsetDateTime::now_utc().unix_timestamp() - KEY_HOURS * 3600;
    let _ = store.prune_keys(key_cutoff()).await;
    let pruner = store.clone();
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            let _ = pruner.prune_keys(key_cutoff()).await;
        }
    });
    if let Some(days) = config.retention_days {
        purge_daily(store.clone(), days).await;
    }
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let bound = listener.local_addr()?;
    if let Some(warning) = ratelimit::trusted_hops_warning(config.trusted_hops, bound) {
        tracing::warn!("{warning}");
    }
    let metrics = Arc::new(metrics::Metrics::new(
        config.metrics_token.as_deref(),
        exposure != metrics::Exposure::Off,
    ));
    // Bound before serving, so a wrong metrics address fails the start.
    let metrics_server = match exposure {
        metrics::Exposure::Separate(addr) => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("metrics on http://{}/metrics", listener.local_addr()?);
            let app = metrics::router(metrics.clone(), store.clone(), config.trusted_hops);
            Some(tokio::spawn(async move {
                axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
            }))
        }
        metrics::Exposure::Public | metrics::Exposure::Off => None,
    };
    on_bound(bound);
    let limit = Arc::new(ratelimit::RateLimit::new(config.rate_limit));
    // Issue 22: the plan e-mail goes out through the sales e-mail's SMTP relay.
    let plan = senders
        .mailer
        .is_some()
        .then(|| Arc::new(plan::PlanState::new(&config)));
    let count_limit = Arc::new(ratelimit::RateLimit::per_hour(config.count_rate_limit));
    let (pruned, pruned_metrics, pruned_plan, pruned_counts) =
        (limit.clone(), metrics.clone(), plan.clone(), count_limit.clone());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(ratelimit::PRUNE_EVERY);
        loop {
            every.tick().await;
            pruned.prune();
            pruned_counts.prune();
            pruned_metrics.prune();
            if let Some(plan) = &pruned_plan {
                plan.per_client.prune();
            }
        }
    });
    let config = Arc::new(config);
    let wake = Arc::new(tokio::sync::Notify::new());
    // Runs even with no destination configured: rows left from an earlier configuration still go out.
    tokio::spawn(outbox::work(
        store.clone(),
        config.clone(),
        senders,
        wake.clone(),
        metrics.clone(),
    ));
    let store_for_metrics = store.clone();
    let state = state::AppState {
        store,
        limit,
        origins: Arc::new(origins),
        config: config.clone(),
        admin: config
            .admin_token
            .as_deref()
            .map(|token| Arc::new(admin::Admin::new(token))),
        destinations: destinations.into(),
        outbox: wake,
        plan,
        count_limit,
    };
    let mut app = app::router(state);
    if exposure == metrics::Exposure::Public {
        app = app.merge(metrics::router(metrics.clone(), store_for_metrics, config.trusted_hops));
    }
    let hops = config.trusted_hops;
    let app = app.layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            metrics::observe(metrics.clone(), hops, request, next)
        },
    ));
    let served = server::run(listener, app, &config, shutdown).await;
    if let Some(task) = metrics_server {
        task.abort();
    }
    served
}

/// Deletes submissions older than `days` now, then once a day in the background.
async fn purge_daily(store: store::Store, days: u32) {
    let purge = move |store: store::Store| async move {
        match store.purge(days).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, days, "retention: older submissions deleted"),
            Err(e) => tracing::error!(error = %e, "retention: the purge failed"),
        }
    };
    purge(store.clone()).await;
    tokio::spawn(async move {
        let mut daily = tokio::time::interval(privacy::PURGE_EVERY);
        daily.tick().await;
        loop {
            daily.tick().await;
            purge(store.clone()).await;
        }
    });
}
