//! `readiness-endpoint export --format csv`: every submission as CSV, safe to
//! open in a spreadsheet (cells that would start a formula are prefixed `'`).

use std::io::Write;

use crate::store::{Database, Store, COLUMNS};

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// Writes all rows as CSV with a header; `database` is a SQLite file or a `postgres://` URL.
pub async fn csv(database: &Database, out: impl Write) -> Result<usize, String> {
    let fail = |e: crate::store::StoreError| format!("{database}: {e}");
    let store = Store::open_existing(database).await.map_err(fail)?;
    let rows = store.export_all().await.map_err(fail)?;
    write_csv(&rows, out)
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
