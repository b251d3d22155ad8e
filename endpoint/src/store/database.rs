//! Which database the endpoint uses, from `--database`: a SQLite file path or
//! a PostgreSQL URL (`postgres://` or `postgresql://`, libpq's parameters
//! such as `sslmode` and `sslrootcert` included). Shown without its password.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The `--database` value, parsed once.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL server's URL.
    Postgres(String),
}

impl Database {
    /// Whether `value` names a PostgreSQL server rather than a SQLite file.
    fn is_url(value: &str) -> bool {
        value.starts_with("postgres://") || value.starts_with("postgresql://")
    }
}

impl FromStr for Database {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        if value.trim().is_empty() {
            return Err("the database must be a SQLite file path or a postgres:// URL".into());
        }
        Ok(if Database::is_url(value) {
            Database::Postgres(value.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(value))
        })
    }
}

impl From<PathBuf> for Database {
    fn from(path: PathBuf) -> Self {
        match path.to_str().filter(|p| Database::is_url(p)) {
            Some(url) => Database::Postgres(url.to_owned()),
            None => Database::Sqlite(path),
        }
    }
}

impl Default for Database {
    fn default() -> Self {
        Database::Sqlite(PathBuf::from("readiness.db"))
    }
}

/// For messages and logs: a URL without its password.
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => match (url.split_once("://"), url.rfind('@')) {
                (Some((scheme, rest)), Some(at)) if at > scheme.len() + 3 => {
                    let user = rest[..at - scheme.len() - 3].split(':').next().unwrap_or_default();
                    write!(f, "{scheme}://{user}:***{}", &url[at..])
                }
                _ => f.write_str(url),
            },
        }
    }
}

/// As [`fmt::Display`]: never the password.
impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Database({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_postgres_and_is_shown_without_its_password() {
        let db: Database = "postgres://ada:s3cret@db.example:5432/leads?sslmode=require"
            .parse()
            .unwrap();
        assert!(matches!(db, Database::Postgres(_)));
        let shown = db.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(shown, "postgres://ada:***@db.example:5432/leads?sslmode=require");
        assert!(!format!("{db:?}").contains("s3cret"));
        let file: Database = "data/readiness.db".parse().unwrap();
        assert_eq!(file, Database::Sqlite(PathBuf::from("data/readiness.db")));
        assert!("".parse::<Database>().is_err());
    }
}
