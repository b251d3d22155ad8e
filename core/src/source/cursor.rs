//! A cursor over a TOML table that remembers its path, so every error names
//! the file and the dotted field.

use toml::{Table, Value};

use super::SourceError;

/// Walks a TOML table while remembering where it is, so every error names
/// the file and the dotted field path.
pub(super) struct Cursor<'a> {
    pub(super) file: &'a str,
    pub(super) path: String,
    pub(super) table: &'a Table,
}

impl<'a> Cursor<'a> {
    pub(super) fn error(&self, key: &str, problem: impl Into<String>) -> SourceError {
        SourceError {
            file: self.file.to_owned(),
            field: self.join(key),
            problem: problem.into(),
        }
    }

    pub(super) fn join(&self, key: &str) -> String {
        match (self.path.is_empty(), key.is_empty()) {
            (true, _) => key.to_owned(),
            (false, true) => self.path.clone(),
            (false, false) => format!("{}.{}", self.path, quote_key(key)),
        }
    }

    pub(super) fn get(&self, key: &str) -> Result<&'a Value, SourceError> {
        self.table.get(key).ok_or_else(|| self.error(key, "missing"))
    }

    pub(super) fn text(&self, key: &str) -> Result<String, SourceError> {
        match self.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Value::String(_) => Err(self.error(key, "must not be empty")),
            other => Err(self.error(key, format!("must be text, found {}", other.type_str()))),
        }
    }

    pub(super) fn optional_text(&self, key: &str) -> Result<String, SourceError> {
        if self.table.contains_key(key) {
            self.text(key)
        } else {
            Ok(String::new())
        }
    }

    pub(super) fn number(&self, key: &str, range: std::ops::RangeInclusive<i64>) -> Result<u8, SourceError> {
        match self.get(key)? {
            Value::Integer(n) if range.contains(n) => Ok(*n as u8),
            Value::Integer(n) => {
                Err(self.error(key, format!("{n} is out of range {}..={}", range.start(), range.end())))
            }
            other => Err(self.error(key, format!("must be a whole number, found {}", other.type_str()))),
        }
    }

    pub(super) fn child(&self, key: &str) -> Result<Cursor<'a>, SourceError> {
        match self.get(key)? {
            Value::Table(table) => Ok(Cursor {
                file: self.file,
                path: self.join(key),
                table,
            }),
            other => Err(self.error(key, format!("must be a table, found {}", other.type_str()))),
        }
    }

    pub(super) fn array(&self, key: &str) -> Result<&'a Vec<Value>, SourceError> {
        match self.get(key)? {
            Value::Array(items) => Ok(items),
            other => Err(self.error(key, format!("must be a list, found {}", other.type_str()))),
        }
    }

    pub(super) fn tables(&self, key: &str) -> Result<Vec<Cursor<'a>>, SourceError> {
        self.array(key)?
            .iter()
            .enumerate()
            .map(|(i, value)| match value {
                Value::Table(table) => Ok(Cursor {
                    file: self.file,
                    path: format!("{}[{i}]", self.join(key)),
                    table,
                }),
                other => Err(self.error(key, format!("entry {i} must be a table, found {}", other.type_str()))),
            })
            .collect()
    }

    /// Refuses keys the schema does not know, so a typo is not silently ignored.
    pub(super) fn only(&self, allowed: &[&str]) -> Result<(), SourceError> {
        match self.table.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(unknown) => Err(self.error(unknown, "unknown field (is it misspelt?)")),
            None => Ok(()),
        }
    }
}

pub(super) fn quote_key(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

pub(super) fn parse(file: &str, text: &str) -> Result<Table, SourceError> {
    text.parse::<Table>().map_err(|e| SourceError {
        file: file.to_owned(),
        field: String::new(),
        problem: format!("not valid TOML: {}", e.to_string().trim()),
    })
}

pub(super) fn root<'a>(file: &'a str, table: &'a Table) -> Cursor<'a> {
    Cursor {
        file,
        path: String::new(),
        table,
    }
}
