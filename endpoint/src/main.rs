//! `readiness-endpoint serve | export`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

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
        /// Origins allowed to POST cross-origin, comma-separated; none = same origin only.
        #[arg(long, env = "READINESS_ALLOW_ORIGINS", value_delimiter = ',')]
        allow_origins: Vec<String>,
        /// POSTs per minute per client IP.
        #[arg(long, env = "READINESS_RATE_LIMIT", default_value_t = 10)]
        rate_limit: u32,
        /// Refuse submissions filled faster than this (milliseconds).
        #[arg(long, env = "READINESS_MIN_FILL_MS", default_value_t = 5000)]
        min_fill_ms: u64,
        /// Largest accepted body in bytes.
        #[arg(long, env = "READINESS_BODY_LIMIT", default_value_t = 65_536)]
        body_limit: usize,
        /// Trust X-Forwarded-For (only behind your own proxy).
        #[arg(long, env = "READINESS_TRUST_PROXY")]
        trust_proxy: bool,
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
            trust_proxy,
        } => {
            let config = Config {
                addr,
                database,
                site,
                allow_origins: allow_origins.into_iter().filter(|o| !o.is_empty()).collect(),
                rate_limit,
                min_fill_ms,
                body_limit,
                trust_proxy,
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
