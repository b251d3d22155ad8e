//! The embeddable package (`pkg/`, by wasm-pack) and the demo site
//! (`target/site`, by Trunk from index.html).
//!
//! `pkg/` holds: `embed.js` (the loader, the only file with a fixed name and
//! a short cache; bundled by esbuild with the constants and manifest this
//! build generates from Rust), the widget's glue and wasm (the article's module,
//! the whole journey: intro, questions, result, contact hand-off, plan) and the
//! stylesheet under content-hashed names (cached for a year, immutable), the
//! team page's module (the same crate with `team-view`: the same plus the team
//! view, fetched instead of the article's on a page opened on a team link), the
//! contact page's prefill module from `prefill/` (its own glue and wasm, hashed
//! too), the locale files (every locale but English,
//! which the wasm carries: a JSON list of strings each, fetched only for a
//! widget in that locale), `manifest.json` (the same names and the loader's
//! SRI value), a `.br` and a `.gz` next to each file, the TypeScript
//! declarations (`embed.d.ts`, from `src/embed.d.ts`) and a `package.json`
//! for npm with the loader as entry and the declarations as `types`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha384};

use crate::cmd::{self, Result};
use crate::size::{brotli_bytes, gzip_bytes};
use crate::tools;

/// The wasm modules of other pages than the article's: (manifest key, crate
/// directory, output name, cargo features). The team page's (a page opened on a
/// team link: the widget with its team view) and the contact page's prefill.
pub const ON_DEMAND: [(&str, &str, &str, &[&str]); 2] = [
    (TEAM, ".", "readiness_widget_team", &[TEAM_FEATURE]),
    (PREFILL, "prefill", "readiness_prefill", &[]),
];

/// The team page's module's key in the manifest (`MANIFEST.team` in the loader).
pub const TEAM: &str = "team";

/// The widget crate's feature that adds the team view (the team page's module).
pub const TEAM_FEATURE: &str = "team-view";

/// The contact page's prefill module's key in the manifest (`MANIFEST.prefill`).
pub const PREFILL: &str = "prefill";

/// One other page's wasm module: its hashed glue and wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub glue: String,
    pub wasm: String,
}

/// The manifest: the hashed names the loader fetches. Serialized once by
/// serde: as `pkg/manifest.json` (with the loader's name and SRI value) and,
/// JSON being JS, as the loader's `MANIFEST` (with the stylesheet and the
/// prerendered steps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub glue: String,
    pub wasm: String,
    pub css: String,
    /// The locale files, by tag.
    pub locales: BTreeMap<String, String>,
    /// The other pages' modules, by their key in [`ON_DEMAND`] (`team`, `prefill`).
    #[serde(flatten)]
    pub modules: BTreeMap<String, Module>,
}

/// `pkg/manifest.json`.
#[derive(Serialize, Deserialize)]
struct ManifestFile {
    loader: String,
    #[serde(flatten)]
    files: Manifest,
    /// SRI values by file name (the loader's).
    integrity: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads `pkg/manifest.json`.
    pub fn read() -> Result<Manifest> {
        let text = std::fs::read_to_string("pkg/manifest.json").map_err(|e| format!("pkg/manifest.json: {e}"))?;
        let file: ManifestFile = serde_json::from_str(&text).map_err(|e| format!("pkg/manifest.json: {e}"))?;
        Ok(file.files)
    }

    /// Everything the snippet fetches for the whole journey (English), in
    /// order; the loader carries the stylesheet.
    pub fn first_load(&self) -> [String; 3] {
        ["embed.js".to_owned(), self.glue.clone(), self.wasm.clone()]
    }

    /// The stylesheet as a file: fetched only by browsers without constructable stylesheets.
    pub fn fallback(&self) -> Vec<String> {
        vec![self.css.clone()]
    }

    /// The locale files (fetched with the wasm only for a widget in that locale).
    pub fn locale_files(&self) -> Vec<String> {
        self.locales.values().cloned().collect()
    }

    /// Everything the snippet fetches on a page opened on a team link: the
    /// loader and the team page's module instead of the article's.
    pub fn team_page(&self) -> Vec<String> {
        let mut files = vec!["embed.js".to_owned()];
        files.extend(self.module_files(TEAM));
        files
    }

    /// One module's glue and wasm, by its key in [`ON_DEMAND`].
    pub fn module_files(&self, key: &str) -> Vec<String> {
        self.modules
            .get(key)
            .map(|module| vec![module.glue.clone(), module.wasm.clone()])
            .unwrap_or_default()
    }

    /// The other pages' wasm modules' files (the team page's and the contact page's).
    pub fn on_demand(&self) -> Vec<String> {
        self.modules.keys().flat_map(|key| self.module_files(key)).collect()
    }
}

/// One crate built by wasm-pack for the browser (release, `--target web`),
/// with the pinned nightly ([`tools::SHIP_TOOLCHAIN`]): the standard library
/// rebuilt for size, and a panic aborting at once (no panic messages, locations
/// or Debug formatting in the wasm; the loader shows the crash notice).
fn wasm_pack(crate_dir: &str, out_dir: &Path, out_name: &str, features: &[&str]) -> Result {
    let out_dir = std::env::current_dir().map_err(|e| e.to_string())?.join(out_dir);
    cmd::run(
        Command::new("wasm-pack")
            .env("RUSTUP_TOOLCHAIN", tools::SHIP_TOOLCHAIN)
            .env_remove("RUSTFLAGS")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                // No Debug output and no panic locations either: the shipped code formats nothing with `{:?}`.
                "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none",
            )
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
                "--",
                "-Zbuild-std=std,panic_abort",
                "-Zbuild-std-features=optimize_for_size",
            ])
            .args(if features.is_empty() {
                vec![]
            } else {
                vec!["--features".to_owned(), features.join(",")]
            }),
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

/// The intro and first sign of every locale, rendered natively by Yew's
/// server renderer (`args` empty), the locale files (`["locales"]`) or the
/// loader's constants (`["constants"]`).
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

/// `cargo xtask copy-keys [tag]`: prints every key a copy file may use with
/// its string in that locale (English by default), as `pkg/copy-keys.json`.
pub fn copy_keys(tag: Option<&str>) -> Result {
    println!("{}", prerender(&["copy-keys", tag.unwrap_or("en")])?);
    Ok(())
}

/// `pkg/`: wasm-pack's release build, the prerendered intro, hashed names,
/// the loader with its manifest, precompressed copies and npm metadata.
pub fn dist() -> Result {
    let _ = std::fs::remove_dir_all("pkg");
    // The article's module: the whole journey (default features; the component tests build the same).
    wasm_pack(".", Path::new("pkg"), "readiness_widget", &[])?;
    let pkg = Path::new("pkg");
    // The team page's and the contact page's modules, each built on its own: only their glue and wasm are shipped.
    let mut modules = BTreeMap::new();
    for (key, dir, out_name, features) in ON_DEMAND {
        let out = Path::new("target/on-demand").join(key);
        let _ = std::fs::remove_dir_all(&out);
        wasm_pack(dir, &out, out_name, features)?;
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
        let [glue, wasm] = <[String; 2]>::try_from(hashed).map_err(|_| "two files per module".to_owned())?;
        modules.insert(key.to_owned(), Module { glue, wasm });
    }
    let intro = prerender(&[])?;
    // Every locale but English as a hashed file of its own (a JSON list of strings).
    let files: serde_json::Value =
        serde_json::from_str(&prerender(&["locales"])?).map_err(|e| format!("prerender locales: {e}"))?;
    let mut locales = BTreeMap::new();
    for (tag, strings) in files.as_object().ok_or("prerender locales: not an object")? {
        let bytes = serde_json::to_vec(strings).map_err(|e| e.to_string())?;
        let name = hashed_name(&format!("readiness_locale_{tag}.json"), &bytes);
        write(&pkg.join(&name), &bytes)?;
        locales.insert(tag.clone(), name);
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
    // The loader's MANIFEST: the same names, the stylesheet (adopted as a constructable
    // stylesheet; the file is the fallback) and the prerendered steps.
    let css = std::fs::read_to_string(pkg.join(&manifest.css)).map_err(|e| format!("{}: {e}", manifest.css))?;
    let steps: serde_json::Value = serde_json::from_str(&intro).map_err(|e| format!("prerender: {e}"))?;
    let mut loader_manifest = serde_json::to_value(&manifest).map_err(|e| e.to_string())?;
    loader_manifest["cssText"] = css.into();
    loader_manifest["steps"] = steps;
    bundle_loader(
        &format!("export const MANIFEST = {loader_manifest};\n"),
        &format!("export const C = {};\n", prerender(&["constants"])?),
        &pkg.join("embed.js"),
    )?;
    let loader = read(&pkg.join("embed.js"))?;
    let sri = integrity(&loader);
    let file = ManifestFile {
        loader: "embed.js".to_owned(),
        files: manifest.clone(),
        integrity: BTreeMap::from([("embed.js".to_owned(), sri.clone())]),
    };
    let json = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    write(&pkg.join("manifest.json"), json.as_bytes())?;
    let mut shipped: Vec<String> = manifest.first_load().to_vec();
    shipped.extend(manifest.fallback());
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
    // The TypeScript declarations (not fetched by browsers: no compressed copies).
    std::fs::copy("src/embed.d.ts", pkg.join(TYPES)).map_err(|e| format!("src/embed.d.ts: {e}"))?;
    shipped.push(TYPES.to_owned());
    // Every key a copy file (data-copy) may use, with its English string.
    write(&pkg.join("copy-keys.json"), prerender(&["copy-keys"])?.as_bytes())?;
    shipped.push("copy-keys.json".to_owned());
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
        .chain(manifest.fallback())
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

/// The loader as shipped: `src/embed.js` and `src/loader/*.js` with the
/// generated `loader/manifest.js` and `loader/constants.js`, bundled and
/// minified by esbuild into one ES module (comments and whitespace go).
fn bundle_loader(manifest: &str, constants: &str, out: &Path) -> Result {
    let dir = Path::new("target/loader");
    let _ = std::fs::remove_dir_all(dir);
    let modules = dir.join("loader");
    std::fs::create_dir_all(&modules).map_err(|e| format!("{}: {e}", modules.display()))?;
    std::fs::copy("src/embed.js", dir.join("embed.js")).map_err(|e| format!("src/embed.js: {e}"))?;
    for entry in std::fs::read_dir("src/loader").map_err(|e| format!("src/loader: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let to = modules.join(path.file_name().unwrap_or_default());
        std::fs::copy(&path, &to).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    write(&modules.join("manifest.js"), manifest.as_bytes())?;
    write(&modules.join("constants.js"), constants.as_bytes())?;
    cmd::run(
        Command::new(tools::esbuild())
            .arg(dir.join("embed.js"))
            .args(["--bundle", "--format=esm", "--minify", "--log-level=warning"])
            .arg(format!("--outfile={}", out.display())),
    )
}

/// The package's TypeScript declarations (a copy of `src/embed.d.ts`).
pub const TYPES: &str = "embed.d.ts";

/// wasm-pack's `package.json`, with the loader as entry, its declarations as `types` and exactly
/// the shipped files.
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
    object.insert("types".into(), TYPES.into());
    // `.` maps to the loader only: TypeScript finds `embed.d.ts` beside it (and through `types`);
    // a conditional `{ types, default }` would need its keys in order, which this JSON does not keep.
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
    fn the_manifest_reads_back_what_it_writes_in_the_shape_the_loader_reads() {
        let manifest = Manifest {
            glue: "g.js".into(),
            wasm: "w.wasm".into(),
            css: "c.css".into(),
            locales: BTreeMap::from([("da".into(), "da.json".into())]),
            modules: BTreeMap::from([(
                "prefill".into(),
                Module {
                    glue: "p.js".into(),
                    wasm: "p.wasm".into(),
                },
            )]),
        };
        let file = ManifestFile {
            loader: "embed.js".into(),
            files: manifest.clone(),
            integrity: BTreeMap::from([("embed.js".into(), "sha384-x".into())]),
        };
        let json = serde_json::to_value(&file).unwrap();
        // The loader reads MANIFEST.glue, .wasm, .css, .prefill.glue/.wasm and .locales[tag].
        assert_eq!(json["glue"], "g.js");
        assert_eq!(json["prefill"]["wasm"], "p.wasm");
        assert_eq!(json["locales"]["da"], "da.json");
        assert_eq!(json["integrity"]["embed.js"], "sha384-x");
        let back: ManifestFile = serde_json::from_value(json).unwrap();
        assert_eq!(back.files, manifest);
        assert_eq!(back.loader, "embed.js");
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
