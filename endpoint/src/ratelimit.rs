//! Submissions per client address: governor's keyed GCRA limiter (a burst
//! of `per_minute`, refilled evenly over the minute), pruned by time with
//! `retain_recent` so it stays bounded by the addresses seen in the last
//! minute, and the client address itself, taken from the right of
//! `X-Forwarded-For` by the configured number of trusted proxies.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

/// How often stale addresses are dropped.
pub const PRUNE_EVERY: Duration = Duration::from_secs(10);

/// The per-address limit of submissions.
pub struct RateLimit<C: Clock = DefaultClock> {
    limiter: RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, C, NoOpMiddleware<C::Instant>>,
}

impl RateLimit<DefaultClock> {
    /// `per_minute` submissions per address and minute (0 is taken as 1).
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit::with_clock(per_minute, DefaultClock::default())
    }

    /// `per_hour` per address and hour, a burst of as many (0 is taken as 1): in any window of
    /// `h` hours an address gets at most `per_hour × (1 + h)`, so at most 25 × `per_hour` in a
    /// day. The beacons of `POST /count` (issue 23).
    pub fn per_hour(per_hour: u32) -> RateLimit {
        RateLimit::with_quota(
            Quota::per_hour(NonZeroU32::new(per_hour.max(1)).expect("at least one")),
            DefaultClock::default(),
        )
    }
}

impl RateLimit<DefaultClock> {
    /// Issue 22: `per_day` per address and day (0 is taken as 1): a burst of that many, refilled
    /// evenly over the day (the plan e-mail's per-client limit).
    pub fn per_day(per_day: u32) -> RateLimit {
        let burst = NonZeroU32::new(per_day.max(1)).expect("at least one");
        let quota = Quota::with_period(Duration::from_secs(86_400) / burst.get())
            .expect("a day split at most u32::MAX ways is not zero")
            .allow_burst(burst);
        RateLimit {
            limiter: RateLimiter::new(quota, DefaultKeyedStateStore::default(), DefaultClock::default()),
        }
    }
}

impl<C: Clock> RateLimit<C> {
    /// The same on a given clock (tests use a fake one).
    pub fn with_clock(per_minute: u32, clock: C) -> RateLimit<C> {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute.max(1)).expect("at least one"));
        RateLimit::with_quota(quota, clock)
    }

    /// Any governor quota on a given clock.
    pub fn with_quota(quota: Quota, clock: C) -> RateLimit<C> {
        RateLimit {
            limiter: RateLimiter::new(quota, DefaultKeyedStateStore::default(), clock),
        }
    }

    /// `Ok` to go on, or `Err(seconds)` to wait before the next one is allowed.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        self.limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Forgets every address whose state is back to fresh (no use within
    /// its window): what keeps the map bounded. Run every [`PRUNE_EVERY`].
    pub fn prune(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// Addresses currently tracked.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    /// Whether no address is tracked.
    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

/// The client's address. With `trusted_hops` = 0 it is the peer; with N
/// proxies of ours in front, each appending the address it received the
/// request from, it is the N-th entry from the right of `X-Forwarded-For`
/// (entries further left were written by the client and are never used).
/// A header that is missing, too short or unparsable falls back to the
/// leftmost entry our proxies wrote, then to the peer.
pub fn client_ip(headers: &HeaderMap, peer: SocketAddr, trusted_hops: u8) -> IpAddr {
    if trusted_hops == 0 {
        return peer.ip();
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let from_right = usize::from(trusted_hops).min(entries.len());
    entries
        .len()
        .checked_sub(from_right)
        .filter(|_| from_right > 0)
        .and_then(|i| entries[i].parse().ok())
        .unwrap_or(peer.ip())
}

/// `Some(entries)` when `X-Forwarded-For` holds fewer entries than `trusted_hops`: the request did
/// not come through every proxy configured (the client address then falls back to the peer's).
/// Counted and warned about by `crate::metrics::observe`.
pub fn short_chain(headers: &HeaderMap, trusted_hops: u8) -> Option<usize> {
    let entries = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|entry| !entry.trim().is_empty())
        .count();
    (entries < usize::from(trusted_hops)).then_some(entries)
}

/// What to say at start-up about `--trusted-hops`: with proxies trusted, the
/// client address comes from a header that anyone reaching the endpoint
/// directly writes themselves. No endpoint can tell a forged header from a
/// proxy's; the operator must make sure nothing but the proxies reaches it.
pub fn trusted_hops_warning(trusted_hops: u8, addr: SocketAddr) -> Option<String> {
    if trusted_hops == 0 {
        return None;
    }
    let mut warning = format!(
        "--trusted-hops {trusted_hops}: the client address (for the rate limits and the sign-in limit) is read \
         from X-Forwarded-For, which is right only if every request passes through your {trusted_hops} \
         prox{}; a client that reaches {addr} directly picks its own address and is not limited",
        if trusted_hops == 1 { "y" } else { "ies" }
    );
    if !addr.ip().is_loopback() {
        warning.push_str(&format!(
            ". {} is not a loopback address: make sure a firewall lets only your proxies reach it",
            addr.ip()
        ));
    }
    Some(warning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn allows_the_burst_then_tells_how_long_to_wait() {
        let clock = FakeRelativeClock::default();
        let limit = RateLimit::with_clock(2, clock.clone());
        assert!(limit.check(ip("127.0.0.1")).is_ok());
        assert!(limit.check(ip("127.0.0.1")).is_ok());
        assert_eq!(limit.check(ip("127.0.0.1")), Err(30), "one more every 30 s");
        assert!(limit.check(ip("10.0.0.1")).is_ok(), "other addresses are separate");
        clock.advance(Duration::from_secs(30));
        assert!(limit.check(ip("127.0.0.1")).is_ok());
    }

    #[test]
    fn pruning_forgets_addresses_whose_use_has_run_out() {
        let clock = FakeRelativeClock::default();
        let limit = RateLimit::with_clock(10, clock.clone());
        for i in 0..20_000u32 {
            let _ = limit.check(IpAddr::from(i.to_be_bytes()));
        }
        assert_eq!(limit.len(), 20_000);
        clock.advance(Duration::from_secs(3));
        let _ = limit.check(ip("192.0.2.1"));
        limit.prune();
        assert_eq!(limit.len(), 20_001, "one use of ten a minute is remembered for 6 s");
        clock.advance(Duration::from_secs(61));
        let _ = limit.check(ip("192.0.2.2"));
        limit.prune();
        assert_eq!(limit.len(), 1, "only the address seen in the last minute is left");
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn a_request_that_skipped_the_proxies_is_noticed() {
        assert_eq!(short_chain(&HeaderMap::new(), 0), None, "no proxy trusted");
        assert_eq!(short_chain(&HeaderMap::new(), 1), Some(0), "direct: no header");
        assert_eq!(short_chain(&forwarded("192.0.2.7"), 1), None, "through one proxy");
        assert_eq!(short_chain(&forwarded("192.0.2.7"), 2), Some(1), "one proxy of two");
        assert_eq!(short_chain(&forwarded(" , "), 1), Some(0), "empty entries are none");
    }

    #[test]
    fn trusted_hops_are_explained_at_start_up() {
        let loopback: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let public: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert_eq!(trusted_hops_warning(0, public), None);
        let said = trusted_hops_warning(1, loopback).unwrap();
        assert!(
            said.contains("picks its own address") && !said.contains("firewall"),
            "{said}"
        );
        let said = trusted_hops_warning(2, public).unwrap();
        assert!(
            said.contains("2 proxies") && said.contains("not a loopback address"),
            "{said}"
        );
    }

    #[test]
    fn the_client_is_read_from_the_right_by_trusted_hops() {
        let peer: SocketAddr = "10.0.0.9:4000".parse().unwrap();
        let chain = forwarded("198.51.100.7, 203.0.113.5, 10.0.0.2");
        assert_eq!(client_ip(&chain, peer, 0), ip("10.0.0.9"), "no proxy: the peer");
        assert_eq!(client_ip(&chain, peer, 1), ip("10.0.0.2"));
        assert_eq!(client_ip(&chain, peer, 2), ip("203.0.113.5"));
        assert_eq!(
            client_ip(&forwarded("198.51.100.1, 192.0.2.7"), peer, 1),
            ip("192.0.2.7"),
            "the entry the client wrote on the left is not used"
        );
        assert_eq!(
            client_ip(&forwarded("192.0.2.7"), peer, 3),
            ip("192.0.2.7"),
            "short chain"
        );
        assert_eq!(client_ip(&HeaderMap::new(), peer, 1), ip("10.0.0.9"), "no header");
        assert_eq!(
            client_ip(&forwarded("1.2.3.4, junk"), peer, 1),
            ip("10.0.0.9"),
            "garbage"
        );
    }
}
