//! `readiness-endpoint export [--format csv|json]`: every submission as CSV,
//! safe to open in a spreadsheet (cells that would start a formula are
//! prefixed `'`), or as JSON in the shape of `GET /admin/export.json`.

use std::collections::BTreeMap;
use std::io::Write;

use crate::store::{Database, Store, COLUMNS};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// CSV with a header row; cells a spreadsheet would run as a formula start with `'`.
    #[default]
    Csv,
    /// `{"submissions": [{column: text, …}, …]}`, as `GET /admin/export.json` answers.
    Json,
}

/// Writes every submission of `database` (a SQLite file or a PostgreSQL database) in `format`;
/// returns how many.
pub async fn export(database: &Database, format: Format, out: impl Write) -> Result<usize, String> {
    let fail = |e: crate::store::StoreError| format!("{database}: {e}");
    let store = Store::open_existing(database).await.map_err(fail)?;
    let rows = store.export_all().await.map_err(fail)?;
    match format {
        Format::Csv => write_csv(&rows, out),
        Format::Json => write_json(&rows, out),
    }
}

/// Writes `rows` (cells in [`COLUMNS`] order, then the deliveries) as one JSON object.
pub fn write_json(rows: &[Vec<String>], mut out: impl Write) -> Result<usize, String> {
    let keys: Vec<&str> = COLUMNS.iter().copied().chain(["deliveries"]).collect();
    let submissions: Vec<BTreeMap<&str, &str>> = rows
        .iter()
        .map(|row| keys.iter().copied().zip(row.iter().map(String::as_str)).collect())
        .collect();
    serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "submissions": submissions }))
        .map_err(|e| e.to_string())?;
    writeln!(out).map_err(|e| e.to_string())?;
    Ok(rows.len())
}

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// Writes all rows as CSV with a header; `database` is a SQLite file or a `postgres://` URL.
pub async fn csv(database: &Database, out: impl Write) -> Result<usize, String> {
    export(database, Format::Csv, out).await
}

/// Writes `rows` (cells in [`COLUMNS`] order) as CSV with a header, every cell [`defuse`]d.
pub fn write_csv(rows: &[Vec<String>], out: impl Write) -> Result<usize, String> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(COLUMNS.iter().chain(&["deliveries"]))
        .map_err(|e| e.to_string())?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| defuse(cell)))
            .map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formula_starters_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-2"), "'-2");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("Ada"), "Ada");
        assert_eq!(defuse(""), "");
    }
}
