//! The durable outbox: each accepted submission gets, in the transaction that
//! stores it, one delivery row per configured destination (written by the
//! store: `crate::intake` hands it the rows to queue). A worker task claims due rows with a lease, delivers them (signed webhooks,
//! `webhook.rs`), and on failure schedules the next attempt with exponential
//! backoff and full jitter, until the attempts or the age run out: then the
//! delivery is dead-lettered, visible in the export and retried on demand
//! (`readiness-endpoint deliveries --retry`). Delivery is at least once; the
//! `webhook-id` of a delivery never changes, so receivers drop duplicates.

pub mod email;
pub mod event;
pub mod outcome;
// Issue 22: the plan e-mail to the visitor.
pub mod plan_mail;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use tokio::sync::Notify;

use crate::config::Config;
use crate::store::{Claimed, Database, DeliveryRow, DeliveryState, Queued, Store, StoreError};

pub use outcome::Outcome;
pub use webhook::Signer;

/// Where accepted submissions go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A URL, POSTed the signed event.
    Webhook(String),
    /// Addresses (comma-separated) e-mailed a summary; never for suspected spam.
    Email(String),
}

impl Destination {
    /// The outbox row to write for it.
    pub fn queued(&self) -> Queued {
        let (kind, target) = match self {
            Destination::Webhook(url) => ("webhook", url),
            Destination::Email(to) => ("email", to),
        };
        Queued {
            kind,
            target: target.clone(),
        }
    }
}

/// What sends, per kind of destination.
#[derive(Clone, Default)]
pub struct Senders {
    /// Signs webhooks.
    pub signer: Option<Signer>,
    /// Sends e-mail.
    pub mailer: Option<email::Mailer>,
}

/// The configured destinations, checked: each webhook URL is http(s) and a
/// `whsec_` secret is given with them; an SMTP URL comes with recipients.
pub fn destinations(config: &Config) -> Result<(Vec<Destination>, Senders), String> {
    let urls: Vec<&String> = config.webhook_url.iter().filter(|u| !u.trim().is_empty()).collect();
    let mut destinations = Vec::new();
    for url in &urls {
        let url = url.trim();
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("webhook URL `{url}`: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!("webhook URL `{url}`: must be http:// or https:// with a host"));
        }
        destinations.push(Destination::Webhook(url.to_owned()));
    }
    let signer = match (&config.webhook_secret, urls.is_empty()) {
        (_, true) => None,
        (None, false) => return Err("READINESS_WEBHOOK_SECRET (whsec_…) is required with webhook URLs".into()),
        (Some(secret), false) => Some(Signer::new(secret)?),
    };
    let mailer = match (
        config.smtp_url.as_deref().map(str::trim),
        config.notify_to.as_deref().map(str::trim),
    ) {
        (None | Some(""), _) => None,
        (Some(_), None | Some("")) => return Err("READINESS_NOTIFY_TO is required with READINESS_SMTP_URL".into()),
        (Some(url), Some(to)) => {
            let mailer = email::Mailer::new(url, &config.notify_from, config.delivery_timeout)?;
            for address in to.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                address
                    .parse::<lettre::Address>()
                    .map_err(|e| format!("READINESS_NOTIFY_TO `{address}`: {e}"))?;
            }
            destinations.push(Destination::Email(to.to_owned()));
            Some(mailer)
        }
    };
    Ok((destinations, Senders { signer, mailer }))
}

/// The wait before attempt `attempts + 1`: a uniformly random time up to
/// `min(cap, base · 2^(attempts − 1))` ("full jitter").
pub fn backoff(attempts: u32, base: Duration, cap: Duration) -> Duration {
    let ceiling = base.saturating_mul(1u32 << attempts.saturating_sub(1).min(20)).min(cap);
    let ms = ceiling.as_millis() as u64;
    Duration::from_millis(rand::rng().random_range(0..=ms))
}

/// The state an attempt leaves a delivery in: delivered, dead (refused for good, out of
/// attempts or too old), or pending again.
pub fn next_state(row: &Claimed, outcome: &Outcome, now: i64, config: &Config) -> (DeliveryState, Option<String>) {
    let too_old = now - row.created_at > config.max_age_hours as i64 * 3_600_000;
    match outcome {
        Outcome::Delivered => (DeliveryState::Delivered, None),
        Outcome::Permanent(why) => (DeliveryState::Dead, Some(why.clone())),
        Outcome::Retry(why) if row.attempts >= config.max_attempts || too_old => {
            (DeliveryState::Dead, Some(why.clone()))
        }
        Outcome::Retry(why) => (DeliveryState::Pending, Some(why.clone())),
    }
}

/// Records an attempt (see [`next_state`]); the next one is due after `wait`. Returns the new state.
async fn finish(
    store: &Store,
    row: &Claimed,
    outcome: &Outcome,
    wait: Duration,
    config: &Config,
) -> Result<DeliveryState, StoreError> {
    let now = now_ms();
    let (state, error) = next_state(row, outcome, now, config);
    store
        .finish(row.id, state, error, now + wait.as_millis() as i64, now)
        .await?;
    Ok(state)
}

/// The `webhook-id` of submission `id`'s event: the same on every attempt, so receivers drop
/// repeats by it.
pub fn message_id(submission: i64) -> String {
    format!("msg_{submission}")
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// The worker: runs until the process ends. `wake` is notified when a submission is stored.
pub async fn work(
    store: Store,
    config: Arc<Config>,
    senders: Senders,
    wake: Arc<Notify>,
    metrics: Arc<crate::metrics::Metrics>,
) {
    let client = reqwest::Client::builder()
        .timeout(config.delivery_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("readiness-endpoint/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds");
    let lease = config.delivery_timeout + Duration::from_secs(5);
    loop {
        let now = now_ms();
        let claimed = store
            .claim(now, now + lease.as_millis() as i64, 16)
            .await
            .unwrap_or_else(|e| {
                tracing::error!("outbox: claiming deliveries failed: {e}");
                Vec::new()
            });
        let batch = claimed.len();
        let mut sends = tokio::task::JoinSet::new();
        for row in claimed {
            let client = client.clone();
            let senders = senders.clone();
            sends.spawn(async move {
                let outcome = match (row.kind.as_str(), &senders.signer, &senders.mailer) {
                    ("webhook", Some(signer), _) => webhook::send(&client, signer, &row).await,
                    ("email", _, Some(mailer)) => mailer.send(&row).await,
                    ("plan", _, Some(mailer)) => mailer.send_plan(&row).await,
                    // Configured when it was stored, not now: kept pending until it is again.
                    (kind @ ("webhook" | "email" | "plan"), _, _) => {
                        Outcome::Retry(format!("no {kind} destination configured now"))
                    }
                    (kind, _, _) => Outcome::Permanent(format!("unknown destination kind `{kind}`")),
                };
                (row, outcome)
            });
        }
        while let Some(joined) = sends.join_next().await {
            // A panicked send leaves its claim to run out and be taken again.
            let Ok((row, outcome)) = joined else { continue };
            let wait = backoff(row.attempts, config.retry_base(), config.retry_cap());
            let kind = row.kind.clone();
            let counted = match &outcome {
                Outcome::Delivered => "delivered",
                Outcome::Retry(_) => "retry",
                Outcome::Permanent(_) => "failed",
            };
            let finished = finish(&store, &row, &outcome, wait, &config).await;
            metrics.attempt(
                &kind,
                &row.target,
                counted,
                finished.as_ref().is_ok_and(|state| *state == DeliveryState::Dead),
            );
            match finished {
                Ok(state) => tracing::info!(
                    delivery = row.id,
                    kind,
                    attempt = row.attempts,
                    state = state.as_str(),
                    "outbox: {}",
                    match &outcome {
                        Outcome::Delivered => "delivered".to_owned(),
                        Outcome::Retry(why) | Outcome::Permanent(why) => why.clone(),
                    }
                ),
                Err(e) => tracing::error!("outbox: recording delivery {} failed: {e}", row.id),
            }
        }
        if batch > 0 {
            continue;
        }
        let next = store.next_due().await.ok().flatten();
        let idle = match next {
            Some(at) => Duration::from_millis((at - now_ms()).clamp(10, 5_000) as u64),
            None => Duration::from_secs(5),
        };
        let _ = tokio::time::timeout(idle, wake.notified()).await;
    }
}

/// `readiness-endpoint deliveries`: prints the deliveries (tab-separated), or
/// with `retry` (`Some(None)`: every dead letter, `Some(Some(id))`: one)
/// queues dead letters again and prints how many.
pub async fn cli(database: &Database, state: Option<DeliveryState>, retry: Option<Option<i64>>) -> Result<(), String> {
    let fail = |e: StoreError| format!("{database}: {e}");
    let store = Store::open_existing(database).await.map_err(fail)?;
    match retry {
        Some(id) => print_deliveries(
            Some(store.retry_dead(id, now_ms()).await.map_err(fail)? as usize),
            vec![],
        ),
        None => print_deliveries(None, store.deliveries(state).await.map_err(fail)?),
    }
}

/// Prints how many dead letters were queued again (`count`), or the deliveries.
fn print_deliveries(count: Option<usize>, rows: Vec<DeliveryRow>) -> Result<(), String> {
    if let Some(count) = count {
        println!(
            "{count} dead deliver{} queued again",
            if count == 1 { "y" } else { "ies" }
        );
        return Ok(());
    }
    println!("id\tsubmission\tkind\ttarget\twebhook-id\tstate\tattempts\tlast error");
    for row in rows {
        // A plan request's deliveries (issue 22) name it instead of a submission.
        let owner = row
            .plan_request_id
            .map_or_else(|| row.submission_id.to_string(), |id| format!("plan {id}"));
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.id,
            owner,
            row.kind,
            row.target,
            row.message_id,
            row.state,
            row.attempts,
            row.last_error.unwrap_or_default()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_the_cap_with_full_jitter() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_millis(1000);
        for attempts in 1..30 {
            let ceiling = Duration::from_millis((100u64 << (attempts - 1).min(20)).min(1000));
            let waits: Vec<Duration> = (0..200).map(|_| backoff(attempts, base, cap)).collect();
            assert!(waits.iter().all(|w| *w <= ceiling), "attempt {attempts}: {waits:?}");
            assert!(
                waits.iter().any(|w| *w < ceiling / 2),
                "full jitter reaches below half the ceiling"
            );
        }
    }
}
