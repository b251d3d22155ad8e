//! `cargo xtask bench --endpoint [--seconds N]`: the release endpoint under
//! valid submissions at concurrency 1, 8 and 64, for a fixed time per cell,
//! against SQLite (a fresh file) and PostgreSQL (a fresh database on a
//! throwaway server with `fsync` on, as in production), over a plain
//! connection (`sslmode=disable`) and over TLS (`postgres+tls`:
//! `sslmode=require`). Prints accepted submissions per second and p50/p99
//! latency per cell: figures, not a test.
//! The clients are the soak's (kept-alive HTTP/1.1 over std sockets, one
//! thread each).

use std::process::Command;
use std::time::{Duration, Instant};

use crate::cmd::{self, Result};
use crate::postgres;
use crate::soak::{percentile, start, valid_body};
use crate::soak_client::{self as client, Tally};

/// Concurrent clients per cell.
const CONCURRENCY: [usize; 3] = [1, 8, 64];

/// One cell's figures.
struct Cell {
    accepted: usize,
    errors: u64,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// Runs `clients` valid-submission clients against `database` for `seconds`.
fn cell(database: &str, clients: usize, seconds: u64, extra: &[&str]) -> Result<Cell> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = start(&addr, database, extra)?;
    let body = valid_body();
    let tally = Tally::default();
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    std::thread::scope(|scope| {
        for worker in 0..clients {
            let (addr, body, tally) = (&addr, &body, &tally);
            scope.spawn(move || client::valid(addr, worker, body, until, tally));
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    let mut latencies = tally.latencies_us.into_inner().unwrap_or_default();
    latencies.sort_unstable();
    let errors = tally.server_errors.into_inner() + tally.refused.into_inner() + tally.unanswered.into_inner();
    Ok(Cell {
        accepted: latencies.len(),
        errors,
        seconds: elapsed,
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
    })
}

/// A fresh database on `server` for one cell, as a URL with `query`.
fn pg_database(server: &postgres::Server, name: &str, query: &str) -> Result<String> {
    let psql = postgres::bin_dir().ok_or("no PostgreSQL binaries")?.join("psql");
    cmd::run(
        Command::new(psql)
            .args(["--quiet", "--dbname"])
            .arg(&server.url)
            .args(["--command", &format!("CREATE DATABASE {name}")]),
    )?;
    Ok(format!(
        "{}/{name}?{query}",
        server.url.rsplit_once('/').map(|(b, _)| b).unwrap_or_default()
    ))
}

pub fn run(seconds: u64) -> Result {
    postgres::ensure()?;
    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))?;
    let server = postgres::start(true)?;
    let folder = std::env::temp_dir().join(format!("readiness-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("\nendpoint bench: valid submissions, {seconds} s per cell, release build, one instance;");
    println!(
        "SQLite: WAL, synchronous=FULL (one fsync per commit); PostgreSQL: fsync on, pool of 8 (default), \
         plain or TLS (postgres+tls)"
    );
    println!("machine load before the runs (1/5/15 min): {}\n", load.trim());
    println!(
        "{:<12} {:>11} {:>10} {:>11} {:>9} {:>9} {:>7}",
        "engine", "concurrency", "accepted", "accepted/s", "p50 ms", "p99 ms", "errors"
    );
    let mut outcome = Ok(());
    for engine in ["sqlite", "postgres", "postgres+tls"] {
        for clients in CONCURRENCY {
            let database = match engine {
                "sqlite" => Ok(folder.join(format!("c{clients}.db")).display().to_string()),
                "postgres" => pg_database(&server, &format!("bench_c{clients}"), "sslmode=disable"),
                _ => pg_database(&server, &format!("bench_tls_c{clients}"), "sslmode=require"),
            };
            let figures = database.and_then(|d| cell(&d, clients, seconds, &[]));
            match figures {
                Ok(c) if c.accepted == 0 => {
                    println!("{engine:<12} {clients:>11}  nothing accepted ({} errors)", c.errors);
                    outcome = Err(format!("{engine} at concurrency {clients}: no submission was accepted"));
                }
                Ok(c) => println!(
                    "{engine:<12} {clients:>11} {:>10} {:>11.1} {:>9.2} {:>9.2} {:>7}",
                    c.accepted,
                    c.accepted as f64 / c.seconds,
                    c.p50_ms,
                    c.p99_ms,
                    c.errors
                ),
                Err(e) => {
                    println!("{engine:<12} {clients:>11}  failed: {e}");
                    outcome = Err(format!("{engine} at concurrency {clients}: {e}"));
                }
            }
        }
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
    outcome
}
