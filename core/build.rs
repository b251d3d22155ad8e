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
    println!("cargo:rerun-if-changed={model_path}");
    println!("cargo:rerun-if-changed={locale_dir}");
    println!("cargo:rerun-if-changed=src/source");

    let model_text = read(model_path);
    let mut locale_files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(locale_dir)
        .unwrap_or_else(|e| fail(&format!("{locale_dir}: cannot list the folder: {e}")))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!("{locale_dir}/{}", path.file_name().unwrap().to_string_lossy());
        locale_files.push((name.clone(), read(&name)));
    }

    let (model, locales) =
        source::read_all((model_path, &model_text), &locale_files).unwrap_or_else(|e| fail(&e.to_string()));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("content.rs");
    std::fs::write(&out, source::to_rust(&model, &locales)).unwrap();
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
