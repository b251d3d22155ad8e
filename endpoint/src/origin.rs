//! Which web origins may POST: parsed strictly once at start (a bad value
//! stops the process with a message naming it), then checked against the
//! `Origin` header of every POST. CORS only tells browsers what they may
//! read; a form POST needs no preflight, so the check is what refuses it.

use axum::http::{header, HeaderMap, HeaderValue};

use crate::error::ApiError;

/// The origins allowed to POST besides the endpoint's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// Only pages of the endpoint's own origin.
    SameOrigin,
    /// Any origin (`*`).
    Any,
    /// These origins, as `scheme://host[:port]` in lower case.
    List(Vec<String>),
}

impl AllowedOrigins {
    /// Parses `--allow-origins` values: each trimmed; `*` alone means any;
    /// an empty list means same-origin only. Anything that is not exactly
    /// `http(s)://host[:port]` (a path, a trailing slash, a query, no
    /// scheme) is an error naming the value.
    pub fn parse(values: &[String]) -> Result<AllowedOrigins, String> {
        let values: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        if values.contains(&"*") {
            return if values.len() == 1 {
                Ok(AllowedOrigins::Any)
            } else {
                Err("--allow-origins: `*` allows every origin; give it alone, not with other origins".into())
            };
        }
        if values.is_empty() {
            return Ok(AllowedOrigins::SameOrigin);
        }
        values
            .iter()
            .map(|value| {
                origin(value).ok_or_else(|| {
                    format!(
                        "--allow-origins: `{value}` is not an origin: write scheme://host[:port], \
                         e.g. https://www.example.com, with no path and no trailing slash"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(AllowedOrigins::List)
    }

    /// The origins for the CORS layer's `Access-Control-Allow-Origin`, if it is needed.
    pub fn header_values(&self) -> Vec<HeaderValue> {
        match self {
            AllowedOrigins::List(list) => list.iter().filter_map(|o| o.parse().ok()).collect(),
            _ => Vec::new(),
        }
    }

    /// Refuses a POST whose `Origin` is neither ours nor allowed. A request
    /// without `Origin` (not from a browser page) passes: it is no CSRF.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let Some(sent) = headers.get(header::ORIGIN) else {
            return Ok(());
        };
        let sent = sent.to_str().unwrap_or_default().to_ascii_lowercase();
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let same = sent
            .split_once("://")
            .is_some_and(|(_, authority)| !host.is_empty() && authority == host);
        let allowed = match self {
            AllowedOrigins::Any => true,
            AllowedOrigins::SameOrigin => same,
            AllowedOrigins::List(list) => same || list.contains(&sent),
        };
        if allowed {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "pages of the origin `{sent}` may not submit here"
            )))
        }
    }
}

/// `scheme://host[:port]`, lower-cased, or `None`.
fn origin(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let (scheme, authority) = lower.split_once("://")?;
    if !matches!(scheme, "http" | "https") || authority.is_empty() {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => (host, Some(port)),
        _ => (authority, None),
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        inner.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        !host.is_empty()
            && !host.starts_with('.')
            && !host.ends_with('.')
            && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    (host_ok && port_ok).then_some(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(values: &[&str]) -> Result<AllowedOrigins, String> {
        AllowedOrigins::parse(&values.iter().map(|v| v.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn origins_are_trimmed_and_lower_cased() {
        assert_eq!(
            parse(&[" https://A.example", "http://b.example:8080 "]),
            Ok(AllowedOrigins::List(vec![
                "https://a.example".into(),
                "http://b.example:8080".into()
            ]))
        );
        assert_eq!(parse(&[]), Ok(AllowedOrigins::SameOrigin));
        assert_eq!(parse(&["*"]), Ok(AllowedOrigins::Any));
        assert_eq!(
            parse(&["http://[::1]:3000"]),
            Ok(AllowedOrigins::List(vec!["http://[::1]:3000".into()]))
        );
    }

    #[test]
    fn a_bad_origin_is_named_in_the_error() {
        for bad in [
            "https://a.example/",
            "https://a.example/blog",
            "a.example",
            "ftp://a.example",
            "https://a.example?x=1",
            "https://a.example:99999",
            "https://",
        ] {
            let error = parse(&["https://ok.example", bad]).unwrap_err();
            assert!(error.contains(&format!("`{bad}`")), "{error}");
        }
        assert!(parse(&["*", "https://a.example"]).unwrap_err().contains("alone"));
    }

    fn headers(origin: &str, host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ORIGIN, origin.parse().unwrap());
        headers.insert(header::HOST, host.parse().unwrap());
        headers
    }

    #[test]
    fn the_origin_of_a_post_is_checked() {
        let list = parse(&["https://blog.example"]).unwrap();
        assert!(list.check(&headers("https://blog.example", "api.example")).is_ok());
        assert!(
            list.check(&headers("https://api.example", "api.example")).is_ok(),
            "own origin"
        );
        assert!(matches!(
            list.check(&headers("https://evil.example", "api.example")),
            Err(ApiError::Forbidden(_))
        ));
        assert!(list.check(&HeaderMap::new()).is_ok(), "no Origin: not a browser page");
        let same = AllowedOrigins::SameOrigin;
        assert!(same.check(&headers("http://127.0.0.1:8080", "127.0.0.1:8080")).is_ok());
        assert!(same.check(&headers("null", "127.0.0.1:8080")).is_err());
        assert!(AllowedOrigins::Any.check(&headers("https://x.example", "y")).is_ok());
    }
}
