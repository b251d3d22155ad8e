//! `readiness-endpoint serve | export | erase`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use readiness_endpoint::Config;

#[derive(Parser)]
#[command(
    version,
    about = "Receives readiness results: validates, re-scores, stores in SQLite; serves the demo site"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Serve POST /contact, GET /healthz and (optionally) a static site.
    Serve {
        /// Address to listen on (port 0 picks a free one).
        #[arg(long, env = "READINESS_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// SQLite file (created if missing).
        #[arg(long, env = "READINESS_DATABASE", default_value = "readiness.db")]
        database: PathBuf,
        /// Folder of a static site to serve, e.g. the demo (target/site).
        #[arg(long, env = "READINESS_SITE")]
        site: Option<PathBuf>,
        /// Origins allowed to POST cross-origin, comma-separated (scheme://host[:port]), or `*` for any;
        /// none = same origin only.
        #[arg(long, env = "READINESS_ALLOW_ORIGINS", value_delimiter = ',')]
        allow_origins: Vec<String>,
        /// Submissions per minute per client address (valid ones only).
        #[arg(long, env = "READINESS_RATE_LIMIT", default_value_t = 10)]
        rate_limit: u32,
        /// Refuse submissions filled faster than this (milliseconds).
        #[arg(long, env = "READINESS_MIN_FILL_MS", default_value_t = 5000)]
        min_fill_ms: u64,
        /// Largest accepted body in bytes.
        #[arg(long, env = "READINESS_BODY_LIMIT", default_value_t = 65_536)]
        body_limit: usize,
        /// Proxies of yours in front: the client address is this many entries from the right of
        /// X-Forwarded-For (0: the peer address).
        #[arg(long, env = "READINESS_TRUSTED_HOPS", default_value_t = 0)]
        trusted_hops: u8,
        /// Open connections at most (keep it under the open-file limit).
        #[arg(long, env = "READINESS_MAX_CONNECTIONS", default_value_t = 512)]
        max_connections: usize,
        /// Seconds to send request headers, and to stay idle between requests.
        #[arg(long, env = "READINESS_HEADER_TIMEOUT", default_value_t = 10)]
        header_timeout: u64,
        /// Seconds to send a request body.
        #[arg(long, env = "READINESS_BODY_TIMEOUT", default_value_t = 10)]
        body_timeout: u64,
        /// Seconds requests in flight get to finish on SIGTERM.
        #[arg(long, env = "READINESS_SHUTDOWN_TIMEOUT", default_value_t = 10)]
        shutdown_timeout: u64,
        /// Token of the sales view at /admin (at least 16 characters); unset, the view is off.
        #[arg(long, env = "READINESS_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
        /// Delete submissions older than this many days, at start and once a day; unset keeps them.
        #[arg(long, env = "READINESS_RETENTION_DAYS", value_parser = clap::value_parser!(u32).range(1..))]
        retention_days: Option<u32>,
    },
    /// Print every stored submission.
    Export {
        /// SQLite file.
        #[arg(long, env = "READINESS_DATABASE", default_value = "readiness.db")]
        database: PathBuf,
        /// Output format.
        #[arg(long, default_value = "csv", value_parser = ["csv"])]
        format: String,
    },
    /// Delete every submission (and pending delivery) of one e-mail address; prints how many.
    Erase {
        /// SQLite file.
        #[arg(long, env = "READINESS_DATABASE", default_value = "readiness.db")]
        database: PathBuf,
        /// The person's e-mail address (compared without regard to case).
        #[arg(long)]
        email: String,
    },
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    eprintln!("shutting down: finishing requests in flight");
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match Cli::parse().command {
        Commands::Serve {
            addr,
            database,
            site,
            allow_origins,
            rate_limit,
            min_fill_ms,
            body_limit,
            trusted_hops,
            max_connections,
            header_timeout,
            body_timeout,
            shutdown_timeout,
            admin_token,
            retention_days,
        } => {
            let config = Config {
                addr,
                database,
                site,
                allow_origins,
                rate_limit,
                min_fill_ms,
                body_limit,
                trusted_hops,
                max_connections,
                header_timeout: Duration::from_secs(header_timeout.max(1)),
                body_timeout: Duration::from_secs(body_timeout.max(1)),
                shutdown_timeout: Duration::from_secs(shutdown_timeout),
                admin_token,
                retention_days,
            };
            let on_bound = |bound: SocketAddr| {
                println!("listening on http://{bound}");
                let _ = std::io::stdout().flush();
            };
            match readiness_endpoint::serve(config, on_bound, shutdown_signal()).await {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("readiness-endpoint: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Commands::Erase { database, email } => match readiness_endpoint::privacy::erase_file(&database, &email) {
            Ok(erased) => {
                println!("{erased}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("readiness-endpoint erase: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Commands::Export { database, format: _ } => {
            match readiness_endpoint::export::csv(&database, std::io::stdout().lock()) {
                Ok(_) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("readiness-endpoint export: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    }
}
