//! `cargo xtask size`: what the embed snippet makes a visitor download,
//! raw, gzip (level 9, and the package's `.gz` files: zopfli) and brotli
//! (quality 11, the package's `.br` files): the whole journey (loader,
//! glue, wasm, CSS: one module from the intro to the result, contact hand-off
//! and plan), a page opened on a team link (the team page's module), then
//! separately the contact page's prefill module and the locale files. It
//! prints figures only.

use std::io::Write;
use std::path::Path;

use crate::cmd::Result;
use crate::dist::Manifest;

/// The whole journey's budget, gzip (issue 18: intro to result, all files, at most 175 KB).
const BUDGET_KB: f64 = 175.0;
/// A bare Yew 0.23 counter app measured the same way (wasm + JS, gzip).
const FLOOR_KB: f64 = 58.0;

/// gzip, level 9: what a server compressing on the fly at its best level sends.
fn gzip9_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// gzip by zopfli: the `.gz` files of the package, which a server sends as they
/// are (the endpoint, `gzip_static`, a CDN bucket). Any gzip client reads them;
/// they take longer to make (≈1.5 s for the wasm), not to read.
pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, bytes, &mut out).expect("in memory");
    out
}

/// brotli, quality 11 (also the `.br` files of the package).
pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out
}

fn gzip9(bytes: &[u8]) -> usize {
    gzip9_bytes(bytes).len()
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

/// The size of a file's precompressed copy in `pkg/` (`.gz` or `.br`), as shipped.
fn shipped(name: &str, suffix: &str) -> Result<usize> {
    let path = Path::new("pkg").join(format!("{name}.{suffix}"));
    std::fs::metadata(&path)
        .map(|m| m.len() as usize)
        .map_err(|e| format!("{}: {e} (run `cargo xtask dist`)", path.display()))
}

/// Prints one row per file and a total; returns the total (raw, gzip -9,
/// shipped gzip, shipped brotli).
fn table(names: &[String]) -> Result<(usize, usize, usize, usize)> {
    println!(
        "  {:<40} {:>10} {:>10} {:>10} {:>10}",
        "file", "raw KB", "gzip -9 KB", ".gz KB", ".br KB"
    );
    let mut total = (0, 0, 0, 0);
    for name in names {
        let path = Path::new("pkg").join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let row = (bytes.len(), gzip9(&bytes), shipped(name, "gz")?, shipped(name, "br")?);
        println!(
            "  {name:<40} {:>10.1} {:>10.1} {:>10.1} {:>10.1}",
            kb(row.0),
            kb(row.1),
            kb(row.2),
            kb(row.3)
        );
        total = (total.0 + row.0, total.1 + row.1, total.2 + row.2, total.3 + row.3);
    }
    println!(
        "  {:<40} {:>10.1} {:>10.1} {:>10.1} {:>10.1}",
        "total",
        kb(total.0),
        kb(total.1),
        kb(total.2),
        kb(total.3)
    );
    Ok(total)
}

pub fn report() -> Result {
    let manifest = Manifest::read()?;
    println!("\nthe whole journey (everything the embed snippet fetches on an article, intro to result, contact hand-off and plan; English; the loader carries the stylesheet), release build:");
    let total = table(&manifest.first_load())?;
    println!("\na page opened on a team link (the team page's module, with the team view, instead of the article's):");
    table(&manifest.team_page())?;
    println!("\nthe stylesheet as a file (only for browsers without constructable stylesheets):");
    table(&manifest.fallback())?;
    println!("\nanother page's module (the contact page's prefill; that page does not fetch the widget):");
    table(&manifest.module_files(crate::dist::PREFILL))?;
    println!("\nlocale files, on demand (each fetched with the wasm only for a widget in that locale; English is in the wasm):");
    table(&manifest.locale_files())?;
    // The budget is read against the gzip files the package ships (zopfli); level 9 is printed beside it.
    let gzip_kb = kb(total.2);
    let verdict = if gzip_kb <= BUDGET_KB {
        "within budget".to_owned()
    } else {
        format!("OVER BUDGET by {:.1} KB", gzip_kb - BUDGET_KB)
    };
    println!(
        "whole journey: {gzip_kb:.1} KB gzip as shipped (.gz; {:.1} KB at gzip -9, {:.1} KB brotli) of {BUDGET_KB:.0} KB budget (floor: bare Yew counter {FLOOR_KB:.0} KB) — {verdict}",
        kb(total.1),
        kb(total.3)
    );
    Ok(())
}
