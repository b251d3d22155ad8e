//! The real thing: `cargo check` of this crate with a broken locale file fails,
//! and the message names the file and the field. (The checker's cases are in
//! `source_validation.rs`; this proves build.rs runs it and stops the build.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_broken_locale_file_stops_the_build_naming_file_and_field() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = crate_dir.parent().unwrap();
    let scratch = std::env::temp_dir().join(format!("readiness-content-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let copy = scratch.join("core");
    for part in ["src", "content", "tests"] {
        copy_dir(&crate_dir.join(part), &copy.join(part));
    }
    for file in ["Cargo.toml", "build.rs"] {
        std::fs::copy(crate_dir.join(file), copy.join(file)).unwrap();
    }
    // A workspace of one, inheriting what the real one sets, with the real lock file.
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"core\"]\nresolver = \"2\"\n[workspace.package]\nedition = \"2021\"\nrust-version = \"1.85\"\n",
    )
    .unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let locale = copy.join("content/locales/en.toml");
    let text = std::fs::read_to_string(&locale).unwrap();
    std::fs::write(&locale, text.replacen("back = \"Back\"", "back = \"\"", 1)).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "-p", "readiness-core"])
        .current_dir(&scratch)
        // Its own target dir, kept between runs so the second run is quick.
        .env("CARGO_TARGET_DIR", workspace.join("target/content-check"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("content error: content/locales/en.toml: field `ui.back`: must not be empty"),
        "the message must name the file and the field:\n{stderr}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
