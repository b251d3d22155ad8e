//! `cargo xtask test`: every test of the workspace, natively, in headless
//! Chromium (components), and end to end (built site + real endpoint).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::cmd::{self, Counts, Result};
use crate::{dist, leftovers, lint, postgres, tools};

/// The variable the endpoint's tests read a PostgreSQL server's URL from (unset: SQLite only).
pub const POSTGRES_ENV: &str = "READINESS_TEST_POSTGRES";

struct Step {
    name: &'static str,
    seconds: f64,
    outcome: Result,
}

fn timed(steps: &mut Vec<Step>, totals: &mut Counts, name: &'static str, work: impl FnOnce() -> (Result, Counts)) {
    println!("\n=== {name}");
    let start = Instant::now();
    let (outcome, counts) = work();
    totals.add(counts);
    steps.push(Step {
        name,
        seconds: start.elapsed().as_secs_f64(),
        outcome,
    });
}

fn plain(result: Result) -> (Result, Counts) {
    (result, Counts::default())
}

fn has_browser_tests() -> bool {
    std::fs::read_dir("tests")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .any(|e| e.path().extension().is_some_and(|x| x == "rs"))
        })
        .unwrap_or(false)
}

pub fn e2e_env(command: &mut Command) -> &mut Command {
    let root = cmd::root();
    command
        .env("READINESS_SITE", root.join("target/site"))
        .env("READINESS_ENDPOINT_BIN", root.join("target/release/readiness-endpoint"))
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("READINESS_AXE", tools::axe_script())
        .env("READINESS_TSC", tools::tsc())
        .env("READINESS_SPA_MODULES", tools::spa_modules())
}

pub fn run(native_only: bool) -> Result {
    let mut steps = Vec::new();
    let mut totals = Counts::default();
    // Fast fail: formatting and clippy before anything is installed or tested.
    timed(
        &mut steps,
        &mut totals,
        "lint (cargo fmt --check, cargo clippy -D warnings)",
        || plain(lint::run()),
    );
    if steps[0].outcome.is_err() {
        summary(&steps, totals);
        return steps.remove(0).outcome;
    }
    timed(&mut steps, &mut totals, "tools", || plain(tools::ensure(!native_only)));
    if steps[1].outcome.is_err() {
        return steps.remove(1).outcome;
    }
    // The endpoint's store tests run on SQLite and on this server (stopped when `postgres` drops).
    let postgres = if native_only {
        println!("PostgreSQL: skipped (--native): the endpoint's store tests run on SQLite only");
        None
    } else {
        match postgres::start(false) {
            Ok(server) => Some(server),
            Err(e) => return Err(format!("the throwaway PostgreSQL did not start: {e}")),
        }
    };
    timed(
        &mut steps,
        &mut totals,
        "native tests (cargo test --workspace --exclude readiness-e2e)",
        || {
            let mut command = Command::new("cargo");
            command.args([
                "test",
                "--workspace",
                "--exclude",
                "readiness-e2e",
                "--features",
                "readiness-widget/ssr",
            ]);
            // The tests that need PostgreSQL are `#[ignore]`d (reported as skipped) unless a server runs;
            // they are the only ignored tests outside the e2e crate.
            if let Some(server) = &postgres {
                command
                    .env(POSTGRES_ENV, &server.url)
                    .envs(server.test_env())
                    .args(["--", "--include-ignored"]);
            }
            cmd::run_tests(&mut command)
        },
    );
    drop(postgres);
    if !native_only {
        if has_browser_tests() {
            // Each module's tests on their own, built exactly as `cargo xtask dist` ships it
            // (one cargo run for both would unify the widget's features).
            // The team page's module (`team-view`) runs the team view's tests only: the rest of
            // it is the article's module, tested just before.
            for (name, package, extra) in [
                (
                    "component tests in headless Chromium (the article's module)",
                    "readiness-widget",
                    &[][..],
                ),
                (
                    "component tests in headless Chromium (the team page's module: the team view)",
                    "readiness-widget",
                    &["--features", dist::TEAM_FEATURE, "--test", "team_view"][..],
                ),
                (
                    "component tests in headless Chromium (the contact page's prefill)",
                    "readiness-prefill",
                    &[][..],
                ),
            ] {
                timed(&mut steps, &mut totals, name, || {
                    cmd::run_tests(
                        Command::new("cargo")
                            .args(["test", "-p", package, "--target", "wasm32-unknown-unknown"])
                            .args(extra)
                            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
                            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
                            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
                    )
                });
            }
        }
        timed(&mut steps, &mut totals, "build the demo site and the endpoint", || {
            plain(
                dist::site().and_then(|_| {
                    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))
                }),
            )
        });
        if Path::new("e2e/Cargo.toml").exists() {
            let run_id = leftovers::new_run_id();
            timed(&mut steps, &mut totals, "end-to-end journeys in Chromium", || {
                // One browser at a time: the machine has two cores.
                cmd::run_tests(
                    e2e_env(Command::new("cargo").args(["test", "-p", "readiness-e2e", "--", "--test-threads=1"]))
                        .env(leftovers::MARKER, &run_id),
                )
            });
            timed(
                &mut steps,
                &mut totals,
                "no browser or endpoint of the suite left running",
                || plain(leftovers::check(&run_id)),
            );
        }
    }

    summary(&steps, totals);
    let failures: Vec<&Step> = steps.iter().filter(|s| s.outcome.is_err()).collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures
            .iter()
            .map(|s| s.outcome.clone().unwrap_err())
            .collect::<Vec<_>>()
            .join("; "))
    }
}

/// Each step's time and outcome, then the plain closing line CI reads. Skipped tests are those the
/// harness reports as ignored: the PostgreSQL tests without a server (`--native`), the screenshots.
fn summary(steps: &[Step], totals: Counts) {
    println!("\n=== summary");
    for step in steps {
        let mark = if step.outcome.is_ok() { "ok  " } else { "FAIL" };
        println!("  {mark} {:>7.1} s  {}", step.seconds, step.name);
    }
    println!(
        "{} passed, {} failed, {} skipped",
        totals.passed, totals.failed, totals.ignored
    );
}

/// `cargo xtask screenshots`: the screenshot run of the e2e crate.
pub fn screenshots() -> Result {
    tools::ensure(true)?;
    dist::site()?;
    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))?;
    cmd::run(e2e_env(Command::new("cargo").args([
        "test",
        "-p",
        "readiness-e2e",
        "--test",
        "screenshots",
        "--",
        "--ignored",
        "--nocapture",
    ])))
}
