//! The lint gate, run first by `cargo xtask test` (it fails fast, before the
//! tools are installed): `cargo fmt --check`, then clippy with warnings as
//! errors on every crate as it is really built:
//!
//! - natively: the whole workspace with every target (tests, benches, bins),
//!   with the widget's `ssr` feature (the prerender binary);
//! - for `wasm32-unknown-unknown`: each crate that is a wasm module (a
//!   `cdylib` of the workspace, read from `cargo metadata`, so a module added
//!   or removed needs no change here) with every target (its component
//!   tests), one crate per run so that features do not unify across modules
//!   (as each is built on its own); the crates they link (core, contract) are
//!   linted with them, lib only (their tests run natively, and their
//!   dev-dependencies do not build for wasm32).
//!
//! Native clippy of the wasm crates alone would miss everything behind
//! `cfg(target_arch = "wasm32")` (the Yew UI and the browser services).

use std::process::Command;

use crate::cmd::{self, Result};
use crate::tools;

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
    for package in wasm_modules()? {
        clippy(&["--target", "wasm32-unknown-unknown", "--all-targets", "-p", &package])?;
    }
    // The team page's module: the widget with its team view.
    clippy(&[
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "-p",
        "readiness-widget",
        "--features",
        crate::dist::TEAM_FEATURE,
    ])?;
    Ok(())
}

/// The workspace's packages with a `cdylib` target: the wasm modules.
fn wasm_modules() -> Result<Vec<String>> {
    let output = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    Ok(modules_of(&metadata))
}

fn modules_of(metadata: &serde_json::Value) -> Vec<String> {
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|package| {
            package["targets"].as_array().into_iter().flatten().any(|target| {
                target["crate_types"]
                    .as_array()
                    .is_some_and(|types| types.iter().any(|t| t == "cdylib"))
            })
        })
        .filter_map(|package| package["name"].as_str().map(str::to_owned))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::modules_of;

    #[test]
    fn the_wasm_modules_are_the_cdylib_packages() {
        let metadata = serde_json::json!({ "packages": [
            {
                "name": "readiness-widget",
                "targets": [{ "crate_types": ["cdylib", "rlib"] }, { "crate_types": ["bin"] }],
            },
            { "name": "readiness-endpoint", "targets": [{ "crate_types": ["lib"] }, { "crate_types": ["bin"] }] },
            { "name": "readiness-prefill", "targets": [{ "crate_types": ["cdylib", "rlib"] }] },
        ]});
        assert_eq!(modules_of(&metadata), ["readiness-widget", "readiness-prefill"]);
    }
}
