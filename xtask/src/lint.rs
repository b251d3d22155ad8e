//! The lint gate, run first by `cargo xtask test` (it fails fast, before the
//! tools are installed): `cargo fmt --check`, then clippy with warnings as
//! errors on every crate as it is really built:
//!
//! - natively: the whole workspace with every target (tests, benches, bins),
//!   with the widget's `ssr` feature (the prerender binary);
//! - for `wasm32-unknown-unknown`: the widget, the team and prefill modules
//!   with every target (the component tests) and the `prefill` feature the
//!   component tests use, and the crates they link (core, contract); and the
//!   widget's first-load build (`--no-default-features --features embed`),
//!   whose `cfg`s differ.
//!
//! Native clippy of the wasm crates alone would miss everything behind
//! `cfg(target_arch = "wasm32")` (the Yew UI and the browser services).

use std::process::Command;

use crate::cmd::{self, Result};
use crate::tools;

/// The crates built for the browser with every target. The crates they link (core, contract) are
/// linted with them, as workspace members, lib only: their tests run natively (their dev-dependencies
/// do not build for wasm32).
const WASM_CRATES: [&str; 3] = ["readiness-widget", "readiness-team", "readiness-prefill"];

fn clippy(args: &[&str]) -> Result {
    cmd::run(
        Command::new("cargo")
            .arg("clippy")
            .args(args)
            .args(["--", "-D", "warnings"]),
    )
}

/// Every check of the gate; the first failure stops it.
pub fn run() -> Result {
    ensure_components()?;
    cmd::run(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))
        .map_err(|e| format!("{e}: run `cargo fmt --all`"))?;
    clippy(&["--workspace", "--all-targets", "--features", "readiness-widget/ssr"])?;
    tools::ensure_target()?;
    let mut wasm = vec!["--target", "wasm32-unknown-unknown", "--all-targets"];
    for krate in WASM_CRATES {
        wasm.extend(["-p", krate]);
    }
    wasm.extend(["--features", "readiness-widget/prefill"]);
    clippy(&wasm)?;
    clippy(&[
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
        "-p",
        "readiness-widget",
        "--no-default-features",
        "--features",
        "embed",
    ])
}

/// rustfmt and clippy, added through rustup when the toolchain lacks them (a minimal profile).
fn ensure_components() -> Result {
    // Not a rustup toolchain: cargo says so itself if a component is missing.
    let Some(installed) = cmd::output("rustup", &["component", "list", "--installed"]) else {
        return Ok(());
    };
    for component in ["rustfmt", "clippy"] {
        if !installed.lines().any(|l| l.starts_with(component)) {
            println!("→ installing the {component} component");
            cmd::run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}
