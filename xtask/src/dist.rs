//! The embeddable package (`pkg/`, by wasm-pack) and the demo site
//! (`target/site`, by Trunk from index.html).
//!
//! `pkg/` holds: `embed.js` (the loader, the only file with a fixed name and
//! a short cache), the first load's glue and wasm (the widget built without
//! its `full` feature: intro and questions) and the stylesheet under
//! content-hashed names (cached for a year, immutable), the on-demand modules
//! (each its own glue and wasm, hashed too: the full widget, fetched while the
//! visitor answers; the team view's from `team/`, fetched only for a team
//! view; and the contact page's prefill from `prefill/`),
//! the locale files (every locale but English, which the wasm carries: a
//! JSON list of strings each, fetched only for a widget in that locale),
//! `manifest.json` (the same names and the loader's SRI value), a `.br` and a
//! `.gz` next to each file, and a `package.json` for npm with the loader as entry.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256, Sha384};

use crate::cmd::{self, Result};
use crate::size::{brotli_bytes, gzip_bytes};
use crate::tools;

/// The wasm modules fetched only when needed, not in the first load:
/// (manifest key, crate directory, output name).
pub const ON_DEMAND: [(&str, &str, &str); 3] = [
    ("full", ".", "readiness_full"),
    ("team", "team", "readiness_team"),
    ("prefill", "prefill", "readiness_prefill"),
];

/// The manifest: the hashed names the loader fetches.
pub struct Manifest {
    pub glue: String,
    pub wasm: String,
    pub css: String,
    /// The on-demand modules, in [`ON_DEMAND`]'s order: (key, glue, wasm).
    pub modules: Vec<(String, String, String)>,
    /// The locale files, by tag: (tag, file).
    pub locales: Vec<(String, String)>,
}

impl Manifest {
    /// Reads `pkg/manifest.json`.
    pub fn read() -> Result<Manifest> {
        let text = std::fs::read_to_string("pkg/manifest.json").map_err(|e| format!("pkg/manifest.json: {e}"))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("pkg/manifest.json: {e}"))?;
        let field = |name: &str| {
            json[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("pkg/manifest.json has no `{name}`"))
        };
        let module = |key: &str, name: &str| {
            json[key][name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("pkg/manifest.json has no `{key}.{name}`"))
        };
        let mut modules = Vec::new();
        for (key, _, _) in ON_DEMAND {
            modules.push((key.to_owned(), module(key, "glue")?, module(key, "wasm")?));
        }
        let locales = json["locales"]
            .as_object()
            .ok_or("pkg/manifest.json has no `locales`")?
            .iter()
            .map(|(tag, file)| (tag.clone(), file.as_str().unwrap_or_default().to_owned()))
            .collect();
        Ok(Manifest {
            glue: field("glue")?,
            wasm: field("wasm")?,
            css: field("css")?,
            modules,
            locales,
        })
    }

    /// Everything the snippet fetches before the first question, in order.
    pub fn first_load(&self) -> [String; 4] {
        [
            "embed.js".to_owned(),
            self.glue.clone(),
            self.wasm.clone(),
            self.css.clone(),
        ]
    }

    /// The locale files (fetched with the wasm only for a widget in that locale).
    pub fn locale_files(&self) -> Vec<String> {
        self.locales.iter().map(|(_, file)| file.clone()).collect()
    }

    /// The on-demand wasm modules' files (not part of the first load).
    pub fn on_demand(&self) -> Vec<String> {
        self.modules
            .iter()
            .flat_map(|(_, glue, wasm)| [glue.clone(), wasm.clone()])
            .collect()
    }
}

/// One crate built by wasm-pack for the browser (release, `--target web`);
/// `cargo_args` go to cargo (features).
fn wasm_pack(crate_dir: &str, out_dir: &Path, out_name: &str, cargo_args: &[&str]) -> Result {
    let out_dir = std::env::current_dir().map_err(|e| e.to_string())?.join(out_dir);
    cmd::run(
        Command::new("wasm-pack")
            .args([
                "build",
                crate_dir,
                "--release",
                "--target",
                "web",
                "--mode",
                "no-install",
                "--out-dir",
                &out_dir.to_string_lossy(),
                "--out-name",
                out_name,
                "--no-typescript",
            ])
            .args(if cargo_args.is_empty() { &[][..] } else { &["--"][..] })
            .args(cargo_args),
    )
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `readiness_widget.js` → `readiness_widget.<10 hex of SHA-256>.js`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// `sha384-…` for an `integrity` attribute.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The intro of every locale, rendered natively by Yew's server renderer
/// (`args` empty), or the locale files (`["locales"]`).
fn prerender(args: &[&str]) -> Result<String> {
    let output = Command::new("cargo")
        .args(["run", "--quiet", "--features", "ssr", "--bin", "prerender", "--"])
        .args(args)
        .output()
        .map_err(|e| format!("cargo run --bin prerender: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "prerender failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// `pkg/`: wasm-pack's release build, the prerendered intro, hashed names,
/// the loader with its manifest, precompressed copies and npm metadata.
pub fn dist() -> Result {
    let _ = std::fs::remove_dir_all("pkg");
    // The first load: the intro and the questions (the `full` feature off).
    wasm_pack(
        ".",
        Path::new("pkg"),
        "readiness_widget",
        &["--no-default-features", "--features", "embed"],
    )?;
    let pkg = Path::new("pkg");
    // The on-demand modules, each built on its own: only their glue and wasm are shipped.
    let mut modules = Vec::new();
    for (key, dir, out_name) in ON_DEMAND {
        let out = Path::new("target/on-demand").join(key);
        let _ = std::fs::remove_dir_all(&out);
        wasm_pack(dir, &out, out_name, &[])?;
        let mut hashed = Vec::new();
        for name in [format!("{out_name}.js"), format!("{out_name}_bg.wasm")] {
            if name.ends_with(".js") {
                minify(&out.join(&name))?;
            }
            let bytes = read(&out.join(&name))?;
            let name = hashed_name(&name, &bytes);
            write(&pkg.join(&name), &bytes)?;
            hashed.push(name);
        }
        modules.push((key.to_owned(), hashed[0].clone(), hashed[1].clone()));
    }
    let intro = prerender(&[])?;
    // Every locale but English as a hashed file of its own (a JSON list of strings).
    let files: serde_json::Value =
        serde_json::from_str(&prerender(&["locales"])?).map_err(|e| format!("prerender locales: {e}"))?;
    let mut locales = Vec::new();
    for (tag, strings) in files.as_object().ok_or("prerender locales: not an object")? {
        let bytes = serde_json::to_vec(strings).map_err(|e| e.to_string())?;
        let name = hashed_name(&format!("readiness_locale_{tag}.json"), &bytes);
        write(&pkg.join(&name), &bytes)?;
        locales.push((tag.clone(), name));
    }
    let mut names = Vec::new();
    std::fs::copy("styles/widget.css", pkg.join("widget.css")).map_err(|e| format!("styles/widget.css: {e}"))?;
    minify(&pkg.join("readiness_widget.js"))?;
    minify(&pkg.join("widget.css"))?;
    for name in ["readiness_widget.js", "readiness_widget_bg.wasm", "widget.css"] {
        let from = pkg.join(name);
        let bytes = read(&from)?;
        let hashed = hashed_name(name, &bytes);
        write(&pkg.join(&hashed), &bytes)?;
        let _ = std::fs::remove_file(&from);
        names.push(hashed);
    }
    let manifest = Manifest {
        glue: names[0].clone(),
        wasm: names[1].clone(),
        css: names[2].clone(),
        modules,
        locales,
    };
    let quoted = |name: &String| serde_json::to_string(name).unwrap_or_default();
    let mut files = format!(
        "glue: {}, wasm: {}, css: {}",
        quoted(&manifest.glue),
        quoted(&manifest.wasm),
        quoted(&manifest.css)
    );
    for (key, glue, wasm) in &manifest.modules {
        files.push_str(&format!(
            ", {key}: {{ glue: {}, wasm: {} }}",
            quoted(glue),
            quoted(wasm)
        ));
    }
    let locale_entries: Vec<String> = manifest
        .locales
        .iter()
        .map(|(tag, file)| format!("{}: {}", quoted(tag), quoted(file)))
        .collect();
    files.push_str(&format!(", locales: {{ {} }}", locale_entries.join(", ")));
    let loader = std::fs::read_to_string("src/embed.js").map_err(|e| format!("src/embed.js: {e}"))?;
    let marker = loader
        .lines()
        .find(|line| line.ends_with("// @manifest"))
        .ok_or("src/embed.js has no `// @manifest` line")?;
    let loader = loader.replace(marker, &format!("const MANIFEST = {{ {files}, intro: {intro} }};"));
    // esbuild drops the comments and the indentation with the rest of what minifying removes.
    write(&pkg.join("embed.js"), loader.as_bytes())?;
    minify(&pkg.join("embed.js"))?;
    let loader = read(&pkg.join("embed.js"))?;
    let sri = integrity(&loader);
    let mut manifest_json = serde_json::json!({
        "loader": "embed.js",
        "glue": manifest.glue,
        "wasm": manifest.wasm,
        "css": manifest.css,
        "integrity": { "embed.js": sri },
    });
    for (key, glue, wasm) in &manifest.modules {
        manifest_json[key] = serde_json::json!({ "glue": glue, "wasm": wasm });
    }
    manifest_json["locales"] = manifest
        .locales
        .iter()
        .map(|(tag, file)| (tag.clone(), serde_json::Value::from(file.clone())))
        .collect::<serde_json::Map<_, _>>()
        .into();
    write(
        &pkg.join("manifest.json"),
        serde_json::to_string_pretty(&manifest_json)
            .unwrap_or_default()
            .as_bytes(),
    )?;
    let mut shipped: Vec<String> = manifest.first_load().to_vec();
    shipped.extend(manifest.on_demand());
    shipped.extend(manifest.locale_files());
    shipped.push("manifest.json".to_owned());
    for name in shipped.clone() {
        let bytes = read(&pkg.join(&name))?;
        write(&pkg.join(format!("{name}.gz")), &gzip_bytes(&bytes))?;
        write(&pkg.join(format!("{name}.br")), &brotli_bytes(&bytes))?;
        shipped.push(format!("{name}.gz"));
        shipped.push(format!("{name}.br"));
    }
    package_json(pkg, &shipped)?;
    let _ = std::fs::remove_file(pkg.join(".gitignore"));
    // npm must accept the package as it is (offline: --dry-run packs without publishing).
    cmd::run(
        Command::new("npm")
            .args(["pack", "--dry-run", "--silent"])
            .current_dir(pkg),
    )?;
    println!("pkg/:");
    for name in manifest
        .first_load()
        .into_iter()
        .chain(manifest.on_demand())
        .chain(manifest.locale_files())
    {
        let bytes = std::fs::metadata(pkg.join(&name)).map(|m| m.len()).unwrap_or(0);
        println!("  {name:<36} {bytes:>8} bytes");
    }
    println!("  loader integrity (SRI): {sri}");
    Ok(())
}

/// Minifies an ES module or a stylesheet in place with esbuild (names of
/// exports and of the wasm's imports are strings and stay; whitespace,
/// comments and local names shrink).
fn minify(path: &Path) -> Result {
    let mut command = Command::new(tools::esbuild());
    command
        .arg(path)
        .args(["--minify", "--log-level=warning", "--allow-overwrite"])
        .arg(format!("--outfile={}", path.display()));
    if path.extension().is_some_and(|e| e == "js") {
        command.arg("--format=esm");
    }
    cmd::run(&mut command)
}

/// wasm-pack's `package.json`, with the loader as entry and exactly the shipped files.
fn package_json(pkg: &Path, shipped: &[String]) -> Result {
    let path = pkg.join("package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let object = json
        .as_object_mut()
        .ok_or("wasm-pack's package.json is not an object")?;
    for key in ["types", "sideEffects"] {
        object.remove(key);
    }
    object.insert("main".into(), "embed.js".into());
    object.insert("module".into(), "embed.js".into());
    object.insert("browser".into(), "embed.js".into());
    object.insert(
        "exports".into(),
        serde_json::json!({ ".": "./embed.js", "./manifest.json": "./manifest.json" }),
    );
    object.insert("sideEffects".into(), serde_json::json!(["./embed.js"]));
    let mut files: Vec<&str> = shipped.iter().map(String::as_str).collect();
    files.sort_unstable();
    object.insert("files".into(), serde_json::json!(files));
    write(
        &path,
        serde_json::to_string_pretty(&json).unwrap_or_default().as_bytes(),
    )
}

/// `target/site`: the demo article and contact page around `pkg/`.
pub fn site() -> Result {
    dist()?;
    cmd::run(Command::new("trunk").args(["build", "--release"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_extension_and_change_with_the_content() {
        let a = hashed_name("widget.css", b"a");
        assert!(a.starts_with("widget.") && a.ends_with(".css") && a.len() == "widget.0123456789.css".len());
        assert_ne!(a, hashed_name("widget.css", b"b"));
    }

    #[test]
    fn integrity_is_sha384_base64() {
        // echo -n abc | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
