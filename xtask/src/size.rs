//! `cargo xtask size`: what the embed snippet makes a visitor download,
//! raw, gzip (level 9) and brotli (quality 11): the first load (loader, glue,
//! wasm, CSS), then what is fetched on demand (the full module with the result,
//! fetched while the visitor answers; the team view's module, the
//! contact page's prefill), separately. It prints figures only.

use std::io::Write;
use std::path::Path;

use crate::cmd::Result;
use crate::dist::Manifest;

/// The first-load budget, gzip (issue 7: at most 145 KB, aiming at 140).
const BUDGET_KB: f64 = 145.0;
/// A bare Yew 0.23 counter app measured the same way (wasm + JS, gzip).
const FLOOR_KB: f64 = 58.0;

/// gzip, level 9 (also the `.gz` files of the package).
pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
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

fn gzip(bytes: &[u8]) -> usize {
    gzip_bytes(bytes).len()
}

fn brotli(bytes: &[u8]) -> usize {
    brotli_bytes(bytes).len()
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

/// Prints one row per file and a total; returns the total (raw, gzip, brotli).
fn table(names: &[String]) -> Result<(usize, usize, usize)> {
    println!(
        "  {:<36} {:>10} {:>10} {:>10}",
        "file", "raw KB", "gzip KB", "brotli KB"
    );
    let mut total = (0, 0, 0);
    for name in names {
        let path = Path::new("pkg").join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let row = (bytes.len(), gzip(&bytes), brotli(&bytes));
        println!(
            "  {name:<36} {:>10.1} {:>10.1} {:>10.1}",
            kb(row.0),
            kb(row.1),
            kb(row.2)
        );
        total = (total.0 + row.0, total.1 + row.1, total.2 + row.2);
    }
    println!(
        "  {:<36} {:>10.1} {:>10.1} {:>10.1}",
        "total",
        kb(total.0),
        kb(total.1),
        kb(total.2)
    );
    Ok(total)
}

pub fn report() -> Result {
    let manifest = Manifest::read()?;
    println!("\nfirst load (everything the embed snippet fetches before the first question), release build:");
    let total = table(&manifest.first_load())?;
    println!("\non demand, not in the first load (the full module: result, contact and team, fetched while the visitor answers; the team view's figures, only for a team link or view; the contact page's prefill):");
    table(&manifest.on_demand())?;
    println!("\nlocale files, on demand (each fetched with the wasm only for a widget in that locale; English is in the wasm):");
    table(&manifest.locale_files())?;
    let gzip_kb = kb(total.1);
    let verdict = if gzip_kb <= BUDGET_KB {
        "within budget".to_owned()
    } else {
        format!("OVER BUDGET by {:.1} KB", gzip_kb - BUDGET_KB)
    };
    println!("first load: {gzip_kb:.1} KB gzip of {BUDGET_KB:.0} KB budget (floor: bare Yew counter {FLOOR_KB:.0} KB) — {verdict}");
    Ok(())
}
