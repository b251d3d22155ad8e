//! `cargo xtask bench`: the built package on a bare page (the widget at the
//! top, nothing else) and, in the same run, the vanilla quiz of
//! `xtask/bench/` (the floor), measured in real headless Chromium under
//! throttling by the e2e crate's `bench` test. Prints figures and the
//! widget/vanilla ratios; targets are for people.

use std::path::Path;
use std::process::Command;

use crate::cmd::{self, Result};
use crate::{dist, size, test, tools};

/// The bare page: the embed snippet and nothing else.
const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Readiness widget bench</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <div data-readiness-assessment data-instance="bench"></div>
  <script type="module" src="/widget/embed.js"></script>
</body>
</html>
"#;

/// `target/bench-site`: the bare page with `pkg/` as `/widget/`, and the vanilla quiz in `vanilla/`.
fn bench_site() -> Result {
    let site = Path::new("target/bench-site");
    let _ = std::fs::remove_dir_all(site);
    let widget = site.join("widget");
    std::fs::create_dir_all(&widget).map_err(|e| format!("{}: {e}", widget.display()))?;
    std::fs::write(site.join("index.html"), PAGE).map_err(|e| format!("bench page: {e}"))?;
    let vanilla = site.join("vanilla");
    std::fs::create_dir_all(&vanilla).map_err(|e| format!("{}: {e}", vanilla.display()))?;
    for (from, to) in [("vanilla.html", "index.html"), ("vanilla.js", "vanilla.js")] {
        std::fs::copy(Path::new("xtask/bench").join(from), vanilla.join(to))
            .map_err(|e| format!("xtask/bench/{from}: {e}"))?;
    }
    for entry in std::fs::read_dir("pkg").map_err(|e| format!("pkg/: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let to = widget.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &to).map_err(|e| format!("copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

pub fn run() -> Result {
    tools::ensure(true)?;
    dist::dist()?;
    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))?;
    bench_site()?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("\nmachine load before the runs (1/5/15 min): {}", load.trim());
    size::report()?;
    let mut command = Command::new("cargo");
    command.args([
        "test",
        "--release",
        "-p",
        "readiness-e2e",
        "--test",
        "bench",
        "--",
        "--ignored",
        "--nocapture",
    ]);
    test::e2e_env(&mut command).env("READINESS_SITE", cmd::root().join("target/bench-site"));
    cmd::run(&mut command)?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("machine load after the runs (1/5/15 min): {}", load.trim());
    Ok(())
}
