//! `cargo xtask <command>`: the project's automation, in Rust so it runs
//! wherever cargo does.
//!
//! - `test [--native]`: the lint gate (fmt, clippy), then every test of the workspace (installs what
//!   it needs first)
//! - `lint`: the lint gate alone (fmt, clippy native and wasm32), as `test` runs it first
//! - `demo [--port N]`: builds the demo site and serves it with the endpoint
//! - `dist`: the embeddable package in `pkg/` (wasm-pack)
//! - `site`: `dist`, then the demo site in `target/site` (Trunk)
//! - `size`: release bytes of the whole journey, raw / gzip / brotli
//! - `bench`: load and interaction figures in throttled headless Chromium
//! - `bench --endpoint [--seconds N]`: accepted submissions/s and p50/p99 at concurrency 1, 8, 64,
//!   SQLite and PostgreSQL (10 s per cell by default)
//! - `screenshots`: PNGs of the widget for review, in `target/screenshots`
//! - `soak [--seconds N]`: the release endpoint under load, abuse and a `kill -9` (60 s by default)
//! - `postgres`: the tests' throwaway PostgreSQL (TLS on), until Enter: prints the variables
//!   that `cargo test -p readiness-endpoint` reads to run the store tests on it

mod bench;
mod bench_endpoint;
mod cmd;
mod demo;
mod dist;
mod leftovers;
mod lint;
mod postgres;
mod size;
mod soak;
mod soak_client;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = cmd::root();
    std::env::set_current_dir(&root).expect("the workspace root exists");
    let outcome = match args.first().map(String::as_str) {
        Some("test") => test::run(args.iter().any(|a| a == "--native")),
        Some("lint") => lint::run(),
        Some("demo") => demo::run(port_arg(&args)),
        Some("dist") => tools::ensure(false).and_then(|_| dist::dist()),
        Some("copy-keys") => dist::copy_keys(args.get(1).map(String::as_str)),
        Some("site") => tools::ensure(false).and_then(|_| dist::site()),
        Some("size") => tools::ensure(false)
            .and_then(|_| dist::dist())
            .and_then(|_| size::report()),
        Some("screenshots") => test::screenshots(),
        Some("postgres") => postgres::until_enter(),
        Some("soak") => soak::run(seconds_arg(&args)),
        Some("bench") if args.iter().any(|a| a == "--endpoint") => {
            bench_endpoint::run(seconds_arg(&args).min(if args.iter().any(|a| a == "--seconds") {
                u64::MAX
            } else {
                10
            }))
        }
        Some("bench") => bench::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <test [--native] | lint | demo [--port N] | dist | copy-keys [tag] | site | size \
                 | bench [--endpoint [--seconds N]] | screenshots | soak [--seconds N] | postgres>"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn seconds_arg(args: &[String]) -> u64 {
    args.iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok())
        .unwrap_or(60)
        .max(4)
}

fn port_arg(args: &[String]) -> u16 {
    args.iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080)
}
