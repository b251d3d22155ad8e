//! Checks the content files and compiles them into Rust statics, so the wasm
//! carries no TOML parser and a content mistake fails the build, naming the
//! file and the field.

#[path = "src/source/mod.rs"]
#[allow(dead_code)]
mod source;

use std::path::Path;

fn main() {
    let model_path = "content/model.toml";
    let locale_dir = "content/locales";
    let old_model_dir = "content/models";
    println!("cargo:rerun-if-changed={old_model_dir}");
    println!("cargo:rerun-if-changed={model_path}");
    println!("cargo:rerun-if-changed={locale_dir}");
    println!("cargo:rerun-if-changed=src/source");

    let browser_only_english = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && std::env::var_os("CARGO_FEATURE_ALL_LOCALES").is_none();
    let model_text = read(model_path);
    let locale_files = toml_files(locale_dir);

    let old_models = toml_files(old_model_dir);
    let content = source::read_all((model_path, &model_text), &old_models, &locale_files)
        .unwrap_or_else(|e| fail(&e.to_string()));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("content.rs");
    std::fs::write(
        &out,
        source::to_rust(&content.model, &content.old_models, &content.locales, |tag| {
            // The browser's wasm carries English only; the other locales are
            // files it loads on demand (`Locale::load`). Natively (the
            // prerender, the endpoint, the tests) and with `all-locales`, all.
            tag == "en" || !browser_only_english
        }),
    )
    .unwrap();
}

/// Every `*.toml` of a folder as (path, text), sorted by name.
fn toml_files(dir: &str) -> Vec<(String, String)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&format!("{dir}: cannot list the folder: {e}")))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let text = read(&name);
            (name, text)
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{path}: cannot read: {e}")))
}

fn fail(message: &str) -> ! {
    // `cargo:warning` shows the message even when cargo hides build output.
    println!("cargo:warning=content error: {message}");
    eprintln!("content error: {message}");
    std::process::exit(1);
}
