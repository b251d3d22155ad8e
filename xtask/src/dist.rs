//! The embeddable package (`pkg/`, by wasm-pack) and the demo site
//! (`target/site`, by Trunk from index.html).

use std::path::Path;
use std::process::Command;

use crate::cmd::{self, Result};

/// Files of the package that the embed snippet loads, in load order.
pub const FIRST_LOAD: [&str; 4] = [
    "embed.js",
    "readiness_widget.js",
    "readiness_widget_bg.wasm",
    "widget.css",
];

/// `pkg/`: wasm-pack's release build plus the loader and the stylesheet.
pub fn dist() -> Result {
    cmd::run(Command::new("wasm-pack").args([
        "build",
        "--release",
        "--target",
        "web",
        "--mode",
        "no-install",
        "--out-dir",
        "pkg",
        "--out-name",
        "readiness_widget",
        "--no-typescript",
        "--no-pack",
    ]))?;
    let pkg = Path::new("pkg");
    for (from, to) in [("src/embed.js", "embed.js"), ("styles/widget.css", "widget.css")] {
        std::fs::copy(from, pkg.join(to)).map_err(|e| format!("copy {from}: {e}"))?;
    }
    // npm metadata is not part of what the snippet loads.
    for extra in [".gitignore", "package.json", "README.md"] {
        let _ = std::fs::remove_file(pkg.join(extra));
    }
    println!("pkg/:");
    for name in FIRST_LOAD {
        let bytes = std::fs::metadata(pkg.join(name)).map(|m| m.len()).unwrap_or(0);
        println!("  {name:<28} {bytes:>8} bytes");
    }
    Ok(())
}

/// `target/site`: the demo article and contact page around `pkg/`.
pub fn site() -> Result {
    dist()?;
    cmd::run(Command::new("trunk").args(["build", "--release"]))
}
