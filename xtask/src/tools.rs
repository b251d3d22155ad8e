//! Installing the tools the build and the browser tests need, idempotently:
//! each is checked at its pinned version and skipped when already there.
//! Nothing is downloaded from GitHub: only crates.io, npm and apt.

use std::path::PathBuf;
use std::process::Command;

use crate::cmd::{self, output, Result};

pub const WASM_PACK: &str = "0.15.1";
pub const TRUNK: &str = "0.21.14";
pub const BINARYEN: &str = "132";
pub const AXE_CORE: &str = "4.14.1";
pub const ESBUILD: &str = "0.28.2";
/// The toolchain the shipped wasm modules are built with (`cargo xtask dist`): a pinned nightly,
/// for `-Zbuild-std` with `-Cpanic=immediate-abort` (issue 18: the widget's wasm 176.5 → 161.7 KB
/// gzip; stable's prebuilt std carries panic messages, locations and their formatting). A panic
/// then traps at once, and the loader shows the crash notice (`src/loader/crash.js`). Everything
/// else (native builds, clippy, the component tests) uses the stable toolchain.
pub const SHIP_TOOLCHAIN: &str = "nightly-2026-10-29";
/// TypeScript, which checks a typed consumer of the package's `.d.ts` (`e2e/tests/typescript.rs`).
pub const TYPESCRIPT: &str = "5.9.3";
/// The React app of the single-page test (`e2e/spa/`, built by `e2e/tests/spa.rs`): Vite and react-router.
pub const SPA_PACKAGES: [(&str, &str); 4] = [
    ("vite", "7.3.8"),
    ("react", "19.3.1"),
    ("react-dom", "19.3.1"),
    ("react-router", "7.18.7"),
];

/// Where npm installs binaryen (outside the clone, so CI's second run reuses it).
fn binaryen_dir() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    home.join(".cache/readiness-widget/binaryen")
}

/// Puts binaryen's `wasm-opt` (and cargo's bin) first on PATH for every child.
fn extend_path() {
    let mut paths = vec![binaryen_dir().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        paths.push(home.join("bin"));
    }
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let joined = std::env::join_paths(paths).expect("paths are valid");
    // Edition 2021: set_var is safe; xtask is single-threaded here.
    std::env::set_var("PATH", joined);
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ok(name: &str, version: &str) {
    println!("✓ {name} {version} (already installed)");
}

/// The `wasm32-unknown-unknown` target (also needed by the lint gate's wasm clippy, before the tools).
pub fn ensure_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        ok("rust target", "wasm32-unknown-unknown");
        return Ok(());
    }
    println!("→ installing the wasm32-unknown-unknown target");
    cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The pinned nightly of [`SHIP_TOOLCHAIN`] with the standard library's source and the wasm target.
fn ensure_ship_toolchain() -> Result {
    let installed = output(
        "rustup",
        &["component", "list", "--toolchain", SHIP_TOOLCHAIN, "--installed"],
    )
    .unwrap_or_default();
    let has = |component: &str| installed.lines().any(|l| l.trim().starts_with(component));
    if has("rust-src") && has("rust-std-wasm32-unknown-unknown") {
        ok("rust toolchain (shipped wasm)", SHIP_TOOLCHAIN);
        return Ok(());
    }
    println!("→ installing the {SHIP_TOOLCHAIN} toolchain (rust-src, wasm32) for the shipped wasm");
    cmd::run(Command::new("rustup").args([
        "toolchain",
        "install",
        SHIP_TOOLCHAIN,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        "wasm32-unknown-unknown",
    ]))
}

/// `cargo install` a tool unless `<bin> --version` already names `version`.
fn ensure_cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result {
    let current = output(bin, &["--version"]).unwrap_or_default();
    if current.split_whitespace().any(|word| word == version) {
        ok(bin, version);
        return Ok(());
    }
    println!(
        "→ installing {krate} {version} (found: {})",
        if current.is_empty() { "none" } else { &current }
    );
    let mut command = Command::new("cargo");
    command.args(["install", krate, "--version", version, "--force"]);
    if locked {
        command.arg("--locked");
    }
    cmd::run(&mut command)
}

fn ensure_binaryen() -> Result {
    let current = output("wasm-opt", &["--version"]).unwrap_or_default();
    if current.contains(&format!("version {BINARYEN}")) {
        ok("wasm-opt (binaryen)", BINARYEN);
        return Ok(());
    }
    println!("→ installing wasm-opt from the npm package binaryen@{BINARYEN}");
    let dir = binaryen_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("binaryen@{BINARYEN}")),
    )?;
    let now = output("wasm-opt", &["--version"]).unwrap_or_default();
    if now.contains(&format!("version {BINARYEN}")) {
        Ok(())
    } else {
        Err(format!(
            "wasm-opt still not at version {BINARYEN} after npm install (found `{now}`)"
        ))
    }
}

/// esbuild, which minifies the glue and the loader of the package.
pub fn esbuild() -> PathBuf {
    binaryen_dir()
        .with_file_name("esbuild")
        .join("node_modules/.bin/esbuild")
}

fn ensure_esbuild() -> Result {
    let current = output(&esbuild().to_string_lossy(), &["--version"]).unwrap_or_default();
    if current.trim() == ESBUILD {
        ok("esbuild", ESBUILD);
        return Ok(());
    }
    println!("→ installing esbuild@{ESBUILD} from npm");
    let dir = binaryen_dir().with_file_name("esbuild");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("esbuild@{ESBUILD}")),
    )
}

/// axe-core, the accessibility rules engine the end-to-end tests run in the page.
pub fn axe_script() -> PathBuf {
    binaryen_dir()
        .with_file_name("axe")
        .join("node_modules/axe-core/axe.min.js")
}

fn ensure_axe() -> Result {
    let package = axe_script().with_file_name("package.json");
    let installed = std::fs::read_to_string(&package).unwrap_or_default();
    if installed.contains(&format!("\"version\": \"{AXE_CORE}\"")) {
        ok("axe-core", AXE_CORE);
        return Ok(());
    }
    println!("→ installing axe-core@{AXE_CORE} from npm");
    let dir = binaryen_dir().with_file_name("axe");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("axe-core@{AXE_CORE}")),
    )
}

/// A folder of npm packages under `~/.cache/readiness-widget/<name>`.
fn npm_dir(name: &str) -> PathBuf {
    binaryen_dir().with_file_name(name)
}

/// `tsc` of the pinned TypeScript.
pub fn tsc() -> PathBuf {
    npm_dir("typescript").join("node_modules/.bin/tsc")
}

/// The `node_modules` the single-page test's React app is built with.
pub fn spa_modules() -> PathBuf {
    npm_dir("spa").join("node_modules")
}

/// Installs `packages` (name, version) into `~/.cache/readiness-widget/<name>` unless each is
/// there at its version already (read from its `package.json`).
fn ensure_npm(name: &str, packages: &[(&str, &str)]) -> Result {
    let dir = npm_dir(name);
    let installed = |(package, version): &(&str, &str)| {
        let manifest = dir.join("node_modules").join(package).join("package.json");
        std::fs::read_to_string(manifest)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .is_some_and(|json| json["version"] == *version)
    };
    let list: Vec<String> = packages.iter().map(|(p, v)| format!("{p}@{v}")).collect();
    if packages.iter().all(installed) {
        ok(name, &list.join(" "));
        return Ok(());
    }
    println!("→ installing {} from npm", list.join(" "));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .args(&list),
    )
}

/// Debian's `python3-aiosmtpd`: the real SMTP server the endpoint's e-mail test sends to.
fn ensure_aiosmtpd() -> Result {
    if let Some(version) = output(
        "/usr/bin/python3",
        &["-c", "import aiosmtpd; print(aiosmtpd.__version__)"],
    ) {
        ok("python3-aiosmtpd", version.trim());
        return Ok(());
    }
    println!("→ installing Debian's python3-aiosmtpd (the e-mail test's SMTP server)");
    // Without recommends: the package alone pulls in documentation fonts (16 MB).
    apt_install(&["--no-install-recommends", "python3-aiosmtpd"])
}

fn ensure_chromium() -> Result {
    let browser = output("/usr/bin/chromium", &["--version"]);
    let driver = output("/usr/bin/chromedriver", &["--version"]);
    if let (Some(browser), Some(_)) = (&browser, &driver) {
        ok(
            "chromium + chromedriver",
            browser.split_whitespace().nth(1).unwrap_or(""),
        );
        return Ok(());
    }
    println!("→ installing Debian's chromium and chromium-driver");
    apt_install(&["chromium", "chromium-driver"])
}

/// Node.js and npm (esbuild, binaryen, axe-core, typescript and the SPA's packages come through
/// npm; the loader's JS tests run in Node): Debian's, unless the machine has them already.
fn ensure_node() -> Result {
    match (output("node", &["--version"]), output("npm", &["--version"])) {
        (Some(node), Some(npm)) => {
            ok("node / npm", &format!("{} / {}", node.trim(), npm.trim()));
            Ok(())
        }
        _ => {
            println!("→ installing Debian's nodejs and npm");
            apt_install(&["--no-install-recommends", "nodejs", "npm"])
        }
    }
}

/// `apt-get update` then `apt-get install -y <packages>` (through sudo when not root).
fn apt_install(packages: &[&str]) -> Result {
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend_from_slice(packages);
    apt(&install)
}

/// `apt-get <args>`, through sudo unless we are root.
pub fn apt(args: &[&str]) -> Result {
    let sudo = output("id", &["-u"]).as_deref() != Some("0");
    let mut command = if sudo {
        Command::new("sudo")
    } else {
        Command::new("apt-get")
    };
    if sudo {
        command.arg("apt-get");
    }
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    cmd::run(&mut command)
}

/// Everything the build needs; with `browser`, also what the browser tests need.
pub fn ensure(browser: bool) -> Result {
    extend_path();
    ensure_target()?;
    ensure_ship_toolchain()?;
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &wasm_bindgen_version()?, false)?;
    ensure_cargo_tool("wasm-pack", "wasm-pack", WASM_PACK, true)?;
    ensure_cargo_tool("trunk", "trunk", TRUNK, true)?;
    ensure_node()?;
    ensure_binaryen()?;
    ensure_esbuild()?;
    ensure_aiosmtpd()?;
    if browser {
        ensure_chromium()?;
        ensure_axe()?;
        ensure_npm("typescript", &[("typescript", TYPESCRIPT)])?;
        ensure_npm("spa", &SPA_PACKAGES)?;
        crate::postgres::ensure()?;
    }
    Ok(())
}
