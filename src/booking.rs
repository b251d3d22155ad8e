//! Issue 22, "book a call about these gaps": the booking page's URL with the
//! result's share link, the headline and the host page's UTM values, in the
//! way each scheduling service takes them. Never a name or an e-mail address
//! (those stay in the visitor's hands on the booking page). Pure, tested
//! natively; written by hand (no URL crate in the wasm: a few lines).
//!
//! | Service | Host | The result goes in | UTM values |
//! |---|---|---|---|
//! | Cal.com | `cal.com`, `*.cal.com` | `notes` (the booking form's notes field, prefilled) and `metadata[readiness]` (stored with the booking, sent in Cal.com's webhooks) | `utm_*`, which Cal.com records on the booking |
//! | Calendly | `calendly.com`, `*.calendly.com` | `a1` (the answer to the event's first custom question) | `utm_*`, which Calendly stores on the invitee |
//! | HubSpot meetings | `meetings.hubspot.com`, `meetings-*.hubspot.com` | `readiness` (HubSpot keeps non-UTM query values on the visited URL) | `utm_*`, which HubSpot records as the contact's source |
//! | any other https URL | | `readiness` | `utm_*` |

use readiness_contract::{urlencode, UTM_KEYS};

/// The scheduling services whose conventions are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Cal.com.
    CalCom,
    /// Calendly.
    Calendly,
    /// HubSpot meetings.
    HubSpot,
    /// Anything else.
    Other,
}

impl Service {
    /// The service of a booking URL, by its host.
    pub fn of(url: &str) -> Service {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let is = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        if is("cal.com") {
            Service::CalCom
        } else if is("calendly.com") {
            Service::Calendly
        } else if host.starts_with("meetings") && is("hubspot.com") {
            Service::HubSpot
        } else {
            Service::Other
        }
    }

    /// As the `readiness:booking` event names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::CalCom => "cal.com",
            Service::Calendly => "calendly",
            Service::HubSpot => "hubspot",
            Service::Other => "other",
        }
    }
}

/// The booking URL for a result: `base` with the result (`headline` and `share_link`) and the
/// UTM values (in [`UTM_KEYS`] order) added to its query, before any fragment.
pub fn booking_url(base: &str, headline: &str, share_link: &str, utm: &[Option<String>; 5]) -> String {
    let note = format!("{headline}: {share_link}");
    let mut pairs: Vec<(&str, &str)> = match Service::of(base) {
        Service::CalCom => vec![("notes", &note), ("metadata[readiness]", share_link)],
        Service::Calendly => vec![("a1", &note)],
        Service::HubSpot | Service::Other => vec![("readiness", share_link)],
    };
    let keys: Vec<String> = UTM_KEYS.iter().map(|k| format!("utm_{k}")).collect();
    for (key, value) in keys.iter().zip(utm) {
        if let Some(value) = value {
            pairs.push((key, value));
        }
    }
    let (head, fragment) = base.split_once('#').map_or((base, None), |(h, f)| (h, Some(f)));
    let mut out = head.to_owned();
    for (key, value) in pairs {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(&urlencode(key));
        out.push('=');
        out.push_str(&urlencode(value));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://site.example/a#result=ABC";

    fn utm() -> [Option<String>; 5] {
        [
            Some("newsletter".into()),
            Some("email".into()),
            Some("spring".into()),
            None,
            None,
        ]
    }

    /// The query of a URL as decoded (key, value) pairs.
    fn query(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').map_or("", |(_, q)| q).split('#').next().unwrap();
        query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                let decode = |s: &str| {
                    let bytes = s.replace('+', " ").into_bytes();
                    let mut out = Vec::new();
                    let mut i = 0;
                    while i < bytes.len() {
                        if bytes[i] == b'%' {
                            out.push(
                                u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap(),
                            );
                            i += 3;
                        } else {
                            out.push(bytes[i]);
                            i += 1;
                        }
                    }
                    String::from_utf8(out).unwrap()
                };
                (decode(k), decode(v))
            })
            .collect()
    }

    #[test]
    fn each_service_gets_the_share_link_and_the_utm_values_its_way_and_no_personal_data() {
        let cases = [
            ("https://cal.com/firm/30min", Service::CalCom, "notes"),
            (
                "https://app.cal.com/firm/30min?duration=30",
                Service::CalCom,
                "metadata[readiness]",
            ),
            ("https://calendly.com/firm/intro", Service::Calendly, "a1"),
            (
                "https://meetings-eu1.hubspot.com/firm/intro",
                Service::HubSpot,
                "readiness",
            ),
            ("https://meetings.hubspot.com/firm", Service::HubSpot, "readiness"),
            ("https://book.firm.example/call#top", Service::Other, "readiness"),
            ("https://notcalendly.com/x", Service::Other, "readiness"),
        ];
        for (base, service, key) in cases {
            assert_eq!(Service::of(base), service, "{base}");
            let url = booking_url(base, "A few focused gaps", LINK, &utm());
            let pairs = query(&url);
            let value = pairs
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| panic!("{key} in {url}"));
            assert!(value.1.contains(LINK), "{url}: {value:?}");
            for (k, v) in [
                ("utm_source", "newsletter"),
                ("utm_medium", "email"),
                ("utm_campaign", "spring"),
            ] {
                assert!(pairs.contains(&(k.into(), v.into())), "{k} in {url}");
            }
            assert!(
                !pairs.iter().any(|(k, _)| k == "utm_term"),
                "absent values stay absent: {url}"
            );
            for personal in ["name", "email", "first_name", "last_name", "firstName", "guests"] {
                assert!(!pairs.iter().any(|(k, _)| k == personal), "{personal} in {url}");
            }
            assert!(url.starts_with(base.split('#').next().unwrap()), "{url}");
        }
        assert!(booking_url("https://book.firm.example/call#top", "H", LINK, &utm()).ends_with("#top"));
        assert!(booking_url("https://cal.com/firm?duration=30", "H", LINK, &utm())
            .starts_with("https://cal.com/firm?duration=30&notes="));
    }
}
