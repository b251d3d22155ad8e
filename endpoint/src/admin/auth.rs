//! Who may see the sales view. The admin token (`READINESS_ADMIN_TOKEN`) is
//! accepted as `Authorization: Bearer <token>`, compared in constant time,
//! or once through the sign-in form, which then sets a session cookie.
//!
//! The cookie is not the token: it is `expiry.nonce.mac`, an HMAC-SHA256
//! (keyed by a key derived from the token) over its expiry and a random
//! nonce. Any instance that knows the token can check it (no session table to
//! share), it expires after [`SESSION_HOURS`], and changing the token ends
//! every session. Each session's CSRF token is an HMAC of its nonce; the
//! sign-in form's CSRF token is bound the same way to a short-lived
//! pre-session cookie. Failed attempts (form or bearer) are limited per
//! client address; once over the limit the address gets 429 before any
//! comparison is made, so a right guess cannot be told from a wrong one.
//!
//! That is why the right token is refused too while its address is locked
//! out: were it let through, "429" would mean "wrong" and "signed in" would
//! mean "right", and the lockout would not slow guessing at all. What the
//! lockout costs the operator is bounded instead: it lasts only until the
//! address may try again (one more try every 12 s under the limit of 5 a
//! minute), sessions signed in before are not affected, and other addresses
//! are not affected. Behind a proxy set `--trusted-hops`, or every visitor
//! shares the proxy's address and its lockout.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::ratelimit::RateLimit;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "readiness_admin";
/// The pre-session cookie that the sign-in form's CSRF token is bound to.
pub const SIGN_IN_COOKIE: &str = "readiness_admin_sign_in";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 8;
/// Failed sign-ins allowed per client address and minute.
pub const FAILURES_PER_MINUTE: u32 = 5;

type HmacSha256 = Hmac<Sha256>;

/// The sales view's secrets and its limit of failed sign-ins.
pub struct Admin {
    token_hash: [u8; 32],
    key: [u8; 32],
    failures: RateLimit,
    blocked: Mutex<HashMap<IpAddr, Instant>>,
}

/// A signed-in session (or a bearer request, which has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Through the session cookie; carries the session's CSRF token.
    Session {
        /// What the forms of this session must send back.
        csrf: String,
    },
    /// Through `Authorization: Bearer`: no cookie, so no CSRF is possible.
    Bearer,
}

impl Admin {
    /// The keys for `token`.
    pub fn new(token: &str) -> Admin {
        let mut mac = HmacSha256::new_from_slice(token.as_bytes()).expect("HMAC takes any key length");
        mac.update(b"readiness-admin-session/v1");
        Admin {
            token_hash: Sha256::digest(token.as_bytes()).into(),
            key: mac.finalize().into_bytes().into(),
            failures: RateLimit::new(FAILURES_PER_MINUTE),
            blocked: Mutex::new(HashMap::new()),
        }
    }

    fn mac(&self, parts: &[&str]) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(b"|");
        }
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `candidate` is the token, in constant time (both are hashed
    /// first, so not even the length leaks).
    pub fn is_token(&self, candidate: &str) -> bool {
        let hash: [u8; 32] = Sha256::digest(candidate.as_bytes()).into();
        hash.ct_eq(&self.token_hash).into()
    }

    /// A new session cookie value, valid for [`SESSION_HOURS`] from `now` (unix seconds).
    pub fn new_session(&self, now: i64) -> String {
        let expires = now + SESSION_HOURS * 3600;
        let nonce = nonce();
        format!(
            "{expires}.{nonce}.{}",
            self.mac(&["session", &expires.to_string(), &nonce])
        )
    }

    /// The session of a cookie value, if its MAC is right and it has not expired at `now`.
    pub fn session(&self, value: &str, now: i64) -> Option<Access> {
        let mut parts = value.splitn(3, '.');
        let (expires, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?);
        let expected = self.mac(&["session", expires, nonce]);
        let valid: bool = expected.as_bytes().ct_eq(mac.as_bytes()).into();
        (valid && expires.parse::<i64>().ok()? > now).then(|| Access::Session {
            csrf: self.mac(&["csrf", nonce]),
        })
    }

    /// A pre-session nonce for the sign-in form, and the CSRF token bound to it.
    pub fn new_sign_in(&self) -> (String, String) {
        let nonce = nonce();
        let csrf = self.mac(&["sign-in", &nonce]);
        (nonce, csrf)
    }

    /// Whether `csrf` belongs to the sign-in form of the pre-session `nonce`.
    pub fn sign_in_csrf_ok(&self, nonce: &str, csrf: &str) -> bool {
        !nonce.is_empty() && self.mac(&["sign-in", nonce]).as_bytes().ct_eq(csrf.as_bytes()).into()
    }

    /// `Err(seconds)` while `ip` is locked out after too many failures.
    pub fn locked_out(&self, ip: IpAddr) -> Result<(), u64> {
        let blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        match blocked.get(&ip) {
            Some(until) if *until > Instant::now() => {
                Err(until.saturating_duration_since(Instant::now()).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt of `ip`; `Err(seconds)` once it is over the limit.
    pub fn failed(&self, ip: IpAddr) -> Result<(), u64> {
        self.failures.check(ip).inspect_err(|wait| {
            let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            blocked.retain(|_, until| *until > now);
            blocked.insert(ip, now + Duration::from_secs(*wait));
            self.failures.prune();
        })
    }
}

/// 16 random bytes, URL-safe base64.
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The bearer token of the request, if it sent one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A `Set-Cookie` value for the sales view: `Secure; HttpOnly; SameSite=Strict; Path=/admin`.
pub fn set_cookie(name: &str, value: &str, max_age: i64) -> String {
    format!("{name}={value}; Max-Age={max_age}; Path=/admin; Secure; HttpOnly; SameSite=Strict")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_signed_expires_and_is_not_the_token() {
        let admin = Admin::new("correct horse battery staple");
        let value = admin.new_session(1000);
        assert!(!value.contains("correct"));
        let Some(Access::Session { csrf }) = admin.session(&value, 1001) else {
            panic!("a fresh session is valid")
        };
        assert!(!csrf.is_empty());
        assert_eq!(admin.session(&value, 1000 + SESSION_HOURS * 3600), None, "expired");
        let forged = value.replacen(&value[..4], "9999", 1);
        assert_eq!(admin.session(&forged, 1001), None, "a changed expiry breaks the MAC");
        assert_eq!(Admin::new("another token").session(&value, 1001), None);
        let other = admin.new_session(1000);
        assert_ne!(
            admin.session(&other, 1001),
            admin.session(&value, 1001),
            "CSRF per session"
        );
    }

    #[test]
    fn the_token_compares_exactly() {
        let admin = Admin::new("s3cret-token-of-the-sales-view");
        assert!(admin.is_token("s3cret-token-of-the-sales-view"));
        assert!(!admin.is_token("s3cret-token-of-the-sales-vie"));
        assert!(!admin.is_token(""));
    }

    #[test]
    fn the_sign_in_csrf_is_bound_to_its_nonce() {
        let admin = Admin::new("token-token-token");
        let (nonce, csrf) = admin.new_sign_in();
        assert!(admin.sign_in_csrf_ok(&nonce, &csrf));
        let (other, _) = admin.new_sign_in();
        assert!(!admin.sign_in_csrf_ok(&other, &csrf));
        assert!(!admin.sign_in_csrf_ok("", &csrf));
    }

    #[test]
    fn failures_lock_an_address_out() {
        let admin = Admin::new("token-token-token");
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..FAILURES_PER_MINUTE {
            assert!(admin.failed(ip).is_ok());
            assert!(admin.locked_out(ip).is_ok());
        }
        assert!(admin.failed(ip).is_err());
        assert!(admin.locked_out(ip).is_err());
        assert!(admin.locked_out("192.0.2.2".parse().unwrap()).is_ok());
    }
}
