//! Runtime configuration, parsed once from flags or the environment
//! (`clap::Args`, flattened into `readiness-endpoint serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::store::Database;

/// Where the data is: `--database` and `--pool-size`, declared once for every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Storage {
    /// SQLite file (created if missing), or a PostgreSQL server: `postgres://user:pass@host:5432/db`
    /// (several instances may share it), with libpq's `sslmode` (`require`, `verify-ca`,
    /// `verify-full`) and `sslrootcert=/path/ca.crt` as your provider gives them.
    #[arg(
        long,
        env = "READINESS_DATABASE",
        default_value = "readiness.db",
        hide_env_values = true
    )]
    pub database: Database,
    /// PostgreSQL only: connections in this instance's pool (SQLite has one writer).
    #[arg(long, env = "READINESS_POOL_SIZE", default_value_t = 8)]
    pub pool_size: usize,
}

/// Everything `serve` needs.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, env = "READINESS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The database.
    #[command(flatten)]
    pub storage: Storage,
    /// Folder of a static site to serve, e.g. the demo (target/site).
    #[arg(long, env = "READINESS_SITE")]
    pub site: Option<PathBuf>,
    /// Origins allowed to POST cross-origin, comma-separated (scheme://host[:port]), or `*` for any;
    /// none = same origin only. Checked strictly at start.
    #[arg(long, env = "READINESS_ALLOW_ORIGINS", value_delimiter = ',')]
    pub allow_origins: Vec<String>,
    /// Submissions per minute per client address (valid ones only; a burst of this many, refilled evenly).
    #[arg(long, env = "READINESS_RATE_LIMIT", default_value_t = 10)]
    pub rate_limit: u32,
    /// Submissions whose contact form was filled faster than this (milliseconds) are stored flagged
    /// as suspected spam (not e-mailed), never refused.
    #[arg(long, env = "READINESS_MIN_FILL_MS", default_value_t = 5000)]
    pub min_fill_ms: u64,
    /// Largest accepted body in bytes.
    #[arg(long, env = "READINESS_BODY_LIMIT", default_value_t = 65_536)]
    pub body_limit: usize,
    /// Proxies of yours in front: the client address is this many entries from the right of
    /// X-Forwarded-For (0: the peer address).
    #[arg(long, env = "READINESS_TRUSTED_HOPS", default_value_t = 0)]
    pub trusted_hops: u8,
    /// Open connections at most (keep it under the open-file limit); past it the oldest one that
    /// has not sent a request yet is closed.
    #[arg(long, env = "READINESS_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
    /// Seconds to send request headers, and to stay idle between requests.
    #[arg(long, env = "READINESS_HEADER_TIMEOUT", default_value = "10", value_parser = at_least_one_second)]
    pub header_timeout: Duration,
    /// Seconds to send a request body.
    #[arg(long, env = "READINESS_BODY_TIMEOUT", default_value = "10", value_parser = at_least_one_second)]
    pub body_timeout: Duration,
    /// Seconds requests in flight get to finish on SIGTERM.
    #[arg(long, env = "READINESS_SHUTDOWN_TIMEOUT", default_value = "10", value_parser = seconds)]
    pub shutdown_timeout: Duration,
    /// Token of the sales view at /admin (at least 16 characters); unset, the view is off (every
    /// /admin route answers 404).
    #[arg(long, env = "READINESS_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Delete submissions older than this many days, at start and once a day; unset keeps them.
    #[arg(long, env = "READINESS_RETENTION_DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub retention_days: Option<u32>,
    /// Webhook URLs, comma-separated: every accepted submission is POSTed to each, signed per
    /// Standard Webhooks, from a durable outbox.
    #[arg(long, env = "READINESS_WEBHOOK_URL", value_delimiter = ',')]
    pub webhook_url: Vec<String>,
    /// The webhooks' signing secret, `whsec_` and base64 (at least 16 bytes); required with webhook URLs.
    #[arg(long, env = "READINESS_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// SMTP relay for e-mail to sales: `smtp://host:port` (add `?tls=required` for STARTTLS) or
    /// `smtps://user:pass@host`; each lead not suspected of spam is e-mailed from the outbox.
    #[arg(long, env = "READINESS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Who gets the e-mail, comma-separated addresses; required with --smtp-url.
    #[arg(long, env = "READINESS_NOTIFY_TO")]
    pub notify_to: Option<String>,
    /// The e-mail's From (the visitor is its Reply-To).
    #[arg(
        long,
        env = "READINESS_NOTIFY_FROM",
        default_value = "Readiness leads <readiness@localhost>"
    )]
    pub notify_from: String,
    /// Milliseconds: the first retry waits up to this; each later one up to twice the one before
    /// (full jitter), at most --retry-cap-ms.
    #[arg(long, env = "READINESS_RETRY_BASE_MS", default_value_t = 5_000)]
    pub retry_base_ms: u64,
    /// Milliseconds: the longest wait between two attempts of a delivery.
    #[arg(long, env = "READINESS_RETRY_CAP_MS", default_value_t = 3_600_000)]
    pub retry_cap_ms: u64,
    /// Attempts before a failing delivery becomes a dead letter.
    #[arg(long, env = "READINESS_MAX_ATTEMPTS", default_value_t = 20)]
    pub max_attempts: u32,
    /// Hours after which a failing delivery becomes a dead letter, whatever its attempts.
    #[arg(long, env = "READINESS_MAX_AGE_HOURS", default_value_t = 72)]
    pub max_age_hours: u64,
    /// Seconds one delivery attempt may take.
    #[arg(long, env = "READINESS_DELIVERY_TIMEOUT", default_value = "15", value_parser = at_least_one_second)]
    pub delivery_timeout: Duration,
    /// Serve GET /metrics (Prometheus text) on a listener of its own at this address, e.g.
    /// 127.0.0.1:9464 (off by default; nothing else is served there).
    #[arg(long, env = "READINESS_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Token for GET /metrics (at least 16 characters; `Authorization: Bearer`): alone, it serves
    /// /metrics on the public listener to this token only; with --metrics-addr, it is asked there.
    #[arg(long, env = "READINESS_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    // --- Issue 22: the plan by e-mail (POST /plan; needs --smtp-url) ---
    /// Plan e-mails a day per client address (a burst of this many, refilled evenly over the day).
    #[arg(long, env = "READINESS_PLAN_PER_CLIENT", default_value_t = 10)]
    pub plan_per_client: u32,
    /// Plan e-mails a day per recipient address (counted in the database, across instances).
    #[arg(long, env = "READINESS_PLAN_PER_RECIPIENT", default_value_t = 3)]
    pub plan_per_recipient: u32,
    // --- Anonymous counts (issue 23) ---
    /// Beacons per hour per client address at `POST /count` (a burst of this many, refilled
    /// evenly): one address adds at most 25 times this to a day's counts. 0 is taken as 1.
    #[arg(long, env = "READINESS_COUNT_RATE_LIMIT", default_value_t = 200)]
    pub count_rate_limit: u32,
}

/// Whole seconds.
fn seconds(value: &str) -> Result<Duration, String> {
    value
        .parse::<u64>()
        .map(Duration::from_secs)
        .map_err(|_| format!("`{value}` is not a whole number of seconds"))
}

/// Whole seconds, 0 read as 1.
fn at_least_one_second(value: &str) -> Result<Duration, String> {
    seconds(value).map(|d| d.max(Duration::from_secs(1)))
}

impl Config {
    /// Defaults for tests: a database (a SQLite path or a `postgres://` URL) and nothing else.
    pub fn for_database(database: impl Into<Database>) -> Config {
        Config {
            addr: "127.0.0.1:0".parse().expect("valid address"),
            storage: Storage {
                database: database.into(),
                pool_size: 8,
            },
            site: None,
            allow_origins: Vec::new(),
            rate_limit: 10,
            min_fill_ms: 5000,
            body_limit: 65_536,
            trusted_hops: 0,
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            shutdown_timeout: Duration::from_secs(10),
            admin_token: None,
            retention_days: None,
            webhook_url: Vec::new(),
            webhook_secret: None,
            smtp_url: None,
            notify_to: None,
            notify_from: "Readiness leads <readiness@localhost>".into(),
            retry_base_ms: 5_000,
            retry_cap_ms: 3_600_000,
            max_attempts: 20,
            max_age_hours: 72,
            delivery_timeout: Duration::from_secs(15),
            metrics_addr: None,
            metrics_token: None,
            plan_per_client: 10,
            plan_per_recipient: 3,
            count_rate_limit: 200,
        }
    }

    /// The first retry's longest wait.
    pub fn retry_base(&self) -> Duration {
        Duration::from_millis(self.retry_base_ms.max(1))
    }

    /// The longest wait between attempts.
    pub fn retry_cap(&self) -> Duration {
        Duration::from_millis(self.retry_cap_ms.max(self.retry_base_ms).max(1))
    }
}
