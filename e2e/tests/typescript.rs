//! The npm package's TypeScript declarations (`types` in pkg/package.json),
//! checked by `tsc --noEmit` (the pinned TypeScript `cargo xtask test`
//! installs) on a small typed consumer (`e2e/typed-consumer/`) that imports
//! the package by name: the element, its events' details, `mount`, `prefill`,
//! the dataLayer entries. Its `@ts-expect-error` lines make loose declarations
//! fail; and a consumer with a type error must fail, so the check checks.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::sites;

/// A folder with the consumer, `node_modules/readiness-widget` → `pkg/`; `extra` appended to it.
fn consumer(name: &str, extra: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("readiness-typed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("node_modules")).unwrap();
    let source = sites::workspace().join("e2e/typed-consumer");
    std::fs::copy(source.join("tsconfig.json"), dir.join("tsconfig.json")).unwrap();
    let code = std::fs::read_to_string(source.join("consumer.ts")).unwrap();
    std::fs::write(dir.join("consumer.ts"), format!("{code}{extra}")).unwrap();
    std::os::unix::fs::symlink(
        sites::workspace().join("pkg"),
        dir.join("node_modules/readiness-widget"),
    )
    .unwrap();
    dir
}

fn tsc(dir: &Path) -> (bool, String) {
    let tsc =
        std::env::var("READINESS_TSC").expect("READINESS_TSC: run through cargo xtask test, which installs TypeScript");
    let output = Command::new(tsc)
        .args(["--noEmit", "-p", "tsconfig.json"])
        .current_dir(dir)
        .output()
        .expect("tsc runs");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

#[test]
fn the_packages_declarations_type_check_a_typed_consumer() {
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sites::workspace().join("pkg/package.json")).expect("pkg/ is built"))
            .unwrap();
    assert_eq!(package["types"], "embed.d.ts", "{package}");
    assert!(
        package["files"].as_array().unwrap().iter().any(|f| f == "embed.d.ts"),
        "the declarations are shipped: {package}"
    );
    let good = consumer("ok", "");
    let (ok, log) = tsc(&good);
    assert!(ok, "tsc --noEmit on the typed consumer:\n{log}");
    let bad = consumer(
        "bad",
        "\nconst wrongDetail: number = (null as unknown as import('readiness-widget').LeadDetail).resultCode;\n",
    );
    let (ok, log) = tsc(&bad);
    assert!(!ok && log.contains("TS2322"), "a type error fails the check:\n{log}");
    let _ = std::fs::remove_dir_all(good);
    let _ = std::fs::remove_dir_all(bad);
}
