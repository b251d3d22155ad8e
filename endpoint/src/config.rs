//! Runtime configuration, from flags or the environment.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// The SQLite file.
    pub database: PathBuf,
    /// The static site to serve (the demo), if any.
    pub site: Option<PathBuf>,
    /// Origins allowed to POST cross-origin (`*` for any); empty means same-origin only.
    /// Checked strictly at start (see [`crate::origin::AllowedOrigins::parse`]).
    pub allow_origins: Vec<String>,
    /// Submissions per minute per client address (a burst of this many, refilled evenly).
    pub rate_limit: u32,
    /// Submissions filled faster than this are refused as bots.
    pub min_fill_ms: u64,
    /// Largest accepted body, bytes.
    pub body_limit: usize,
    /// Proxies of ours in front: the client address is this many entries
    /// from the right of `X-Forwarded-For`; 0 uses the peer address.
    pub trusted_hops: u8,
    /// Open connections at most; past it the oldest one that has not sent a request yet is closed.
    pub max_connections: usize,
    /// Time to send the request line and headers, and the longest idle wait between requests.
    pub header_timeout: Duration,
    /// Time to send the whole body of a POST.
    pub body_timeout: Duration,
    /// On SIGTERM, requests in flight get this long before the process exits anyway.
    pub shutdown_timeout: Duration,
    /// The token of the sales view (`/admin`); `None` turns the view off (every route answers 404).
    pub admin_token: Option<String>,
    /// Submissions older than this many days are deleted at start and once a day; `None` keeps them.
    pub retention_days: Option<u32>,
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
            trusted_hops: 0,
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            shutdown_timeout: Duration::from_secs(10),
            admin_token: None,
            retention_days: None,
        }
    }
}
