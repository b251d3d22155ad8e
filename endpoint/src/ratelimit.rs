//! A fixed-window limit of POSTs per client IP. Hand-written (twenty lines)
//! because the crates for it want their own key extraction and error
//! bodies, and ours must answer JSON with `Retry-After`.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Counts per IP in the current minute.
#[derive(Debug)]
pub struct RateLimit {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimit {
    /// `per_minute` requests per IP and minute.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` to go on, or `Err(seconds)` until the window resets.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            return Err((WINDOW - now.duration_since(entry.0)).as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_ends() {
        let limit = RateLimit::new(2);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let t = Instant::now();
        assert!(limit.check(ip, t).is_ok());
        assert!(limit.check(ip, t).is_ok());
        assert_eq!(limit.check(ip, t + Duration::from_secs(10)), Err(50));
        assert!(
            limit.check("10.0.0.1".parse().unwrap(), t).is_ok(),
            "other addresses are separate"
        );
        assert!(limit.check(ip, t + WINDOW).is_ok());
    }
}
