//! `readiness-endpoint serve | export | erase`.

use std::io::Write;
use std::net::SocketAddr;

use clap::{Parser, Subcommand};
use readiness_endpoint::config::Storage;
use readiness_endpoint::store::DeliveryState;
use readiness_endpoint::Config;

#[derive(Parser)]
#[command(
    version,
    about = "Receives readiness results: validates, re-scores, stores in SQLite or PostgreSQL; serves the demo site"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Serve POST /contact, GET /healthz, GET /openapi.json and (optionally) a static site.
    Serve {
        #[command(flatten)]
        config: Box<Config>,
    },
    /// Print every stored submission.
    Export {
        #[command(flatten)]
        storage: Storage,
        /// Output format: CSV (formula-safe) or JSON (as GET /admin/export.json).
        #[arg(long, value_enum, default_value_t)]
        format: readiness_endpoint::export::Format,
    },
    /// Delete every submission (and pending delivery) of one e-mail address; prints how many.
    Erase {
        #[command(flatten)]
        storage: Storage,
        /// The person's e-mail address (compared without regard to case).
        #[arg(long)]
        email: String,
    },
    /// List the outbox's deliveries (webhooks), or put dead letters back in the queue.
    Deliveries {
        #[command(flatten)]
        storage: Storage,
        /// Only deliveries in this state: pending, delivered or dead.
        #[arg(long)]
        state: Option<DeliveryState>,
        /// Retry dead letters (all of them, or only --id): due now, with fresh attempts; a running
        /// endpoint sends them within seconds.
        #[arg(long)]
        retry: bool,
        /// With --retry: only this delivery.
        #[arg(long, requires = "retry")]
        id: Option<i64>,
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
    tracing::info!("shutting down: finishing requests in flight");
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    readiness_endpoint::logging::init();
    match Cli::parse().command {
        Commands::Serve { config } => {
            let on_bound = |bound: SocketAddr| {
                println!("listening on http://{bound}");
                let _ = std::io::stdout().flush();
            };
            match readiness_endpoint::serve(*config, on_bound, shutdown_signal()).await {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("readiness-endpoint: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Commands::Erase { storage, email } => {
            match readiness_endpoint::privacy::erase_database(&storage.database, &email).await {
                Ok(erased) => {
                    println!("{erased}");
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("readiness-endpoint erase: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Commands::Deliveries {
            storage,
            state,
            retry,
            id,
        } => match readiness_endpoint::outbox::cli(&storage.database, state, retry.then_some(id)).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("readiness-endpoint deliveries: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Commands::Export { storage, format } => {
            match readiness_endpoint::export::export(&storage.database, format, std::io::stdout().lock()).await {
                Ok(_) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("readiness-endpoint export: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    }
}
