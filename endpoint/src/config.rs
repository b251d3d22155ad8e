//! Runtime configuration, from flags or the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// The SQLite file.
    pub database: PathBuf,
    /// The static site to serve (the demo), if any.
    pub site: Option<PathBuf>,
    /// Origins allowed to POST cross-origin; empty means same-origin only.
    pub allow_origins: Vec<String>,
    /// POSTs per minute per client IP.
    pub rate_limit: u32,
    /// Submissions filled faster than this are refused as bots.
    pub min_fill_ms: u64,
    /// Largest accepted body, bytes.
    pub body_limit: usize,
    /// Take the client IP from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
}

impl Config {
    /// Defaults for tests: a database path and nothing else.
    pub fn for_database(database: PathBuf) -> Config {
        Config {
            addr: "127.0.0.1:0".parse().expect("valid address"),
            database,
            site: None,
            allow_origins: Vec::new(),
            rate_limit: 10,
            min_fill_ms: 5000,
            body_limit: 65_536,
            trust_proxy: false,
        }
    }
}
