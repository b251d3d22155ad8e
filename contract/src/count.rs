//! Anonymous counting (issue 23): the milestones a widget counts and the
//! beacon it sends for each, `POST /count`. The loader (`src/loader/count.js`)
//! gets the names from here through `loader_contract`; the endpoint parses
//! the beacon into [`Beacon`] (feature `wire`). A beacon carries exactly
//! [`BEACON_FIELDS`]: no identifier, no answers, no time (the receiver's day).

/// Signs of the assessment (the article's five); a core test checks it against the model.
pub const SIGNS: usize = 5;

/// One step of the funnel, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "wire", derive(serde::Serialize, serde::Deserialize, utoipa::ToSchema))]
#[cfg_attr(feature = "wire", serde(rename_all = "kebab-case"))]
pub enum Milestone {
    /// At least half of the widget was in the viewport.
    Seen,
    /// The visitor pressed Start (the first sign opened).
    Started,
    /// The second sign opened.
    #[cfg_attr(feature = "wire", serde(rename = "sign-2"))]
    Sign2,
    /// The third sign opened.
    #[cfg_attr(feature = "wire", serde(rename = "sign-3"))]
    Sign3,
    /// The fourth sign opened.
    #[cfg_attr(feature = "wire", serde(rename = "sign-4"))]
    Sign4,
    /// The fifth sign opened.
    #[cfg_attr(feature = "wire", serde(rename = "sign-5"))]
    Sign5,
    /// The result was shown.
    Result,
    /// The contact form was opened.
    Contact,
    /// The contact hand-off was stored by the endpoint.
    Sent,
    /// The plan was e-mailed (where the widget offers it).
    Plan,
    /// The booking link was opened (where the widget offers it).
    Booking,
}

impl Milestone {
    /// Every milestone, in funnel order.
    pub const ALL: [Milestone; 11] = [
        Milestone::Seen,
        Milestone::Started,
        Milestone::Sign2,
        Milestone::Sign3,
        Milestone::Sign4,
        Milestone::Sign5,
        Milestone::Result,
        Milestone::Contact,
        Milestone::Sent,
        Milestone::Plan,
        Milestone::Booking,
    ];

    /// The name on the wire and in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Milestone::Seen => "seen",
            Milestone::Started => "started",
            Milestone::Sign2 => "sign-2",
            Milestone::Sign3 => "sign-3",
            Milestone::Sign4 => "sign-4",
            Milestone::Sign5 => "sign-5",
            Milestone::Result => "result",
            Milestone::Contact => "contact",
            Milestone::Sent => "sent",
            Milestone::Plan => "plan",
            Milestone::Booking => "booking",
        }
    }

    /// The milestone named `name`.
    pub fn parse(name: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The milestone of opening sign `index` (0-based): the first is [`Milestone::Started`].
    pub fn of_sign(index: usize) -> Option<Milestone> {
        Milestone::ALL[1..=SIGNS].get(index).copied()
    }
}

/// The beacon's JSON keys, in this order; nothing else is sent.
pub const BEACON_FIELDS: [&str; 5] = ["milestone", "path", "locale", "variant", "model_version"];

/// The longest path counted (longer ones are refused, not cut: they are not a page's path).
pub const MAX_PATH: usize = 300;
/// The longest variant name.
pub const MAX_VARIANT: usize = 32;
/// The variant of a widget without intro variants.
pub const DEFAULT_VARIANT: &str = "default";

/// Whether `path` is a page's path as counted: `/…`, no query or fragment, printable, at most [`MAX_PATH`].
pub fn valid_path(path: &str) -> bool {
    path.starts_with('/') && path.len() <= MAX_PATH && !path.contains(['?', '#']) && !path.chars().any(char::is_control)
}

/// Whether `name` is a variant name: 1–[`MAX_VARIANT`] of `a-z`, `0-9`, `-`, `_`.
pub fn valid_variant(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_VARIANT
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// `POST /count`: one milestone of one page view, sent with `navigator.sendBeacon` as
/// `text/plain` JSON. Unknown fields are refused.
#[cfg(feature = "wire")]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Beacon {
    /// The milestone reached.
    pub milestone: Milestone,
    /// The host page's path (`location.pathname`): no query, no fragment.
    #[schema(example = "/articles/five-signs")]
    pub path: String,
    /// The widget's locale tag.
    #[schema(example = "en")]
    pub locale: String,
    /// The intro variant shown (`default` without variants).
    #[schema(example = "default")]
    pub variant: String,
    /// The scoring model's version.
    pub model_version: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_signs_map_in_order() {
        for m in Milestone::ALL {
            assert_eq!(Milestone::parse(m.as_str()), Some(m));
        }
        assert_eq!(Milestone::parse("sign-6"), None);
        assert_eq!(Milestone::of_sign(0), Some(Milestone::Started));
        assert_eq!(Milestone::of_sign(2), Some(Milestone::Sign3));
        assert_eq!(Milestone::of_sign(4), Some(Milestone::Sign5));
        assert_eq!(Milestone::of_sign(5), None);
        let mut sorted = Milestone::ALL;
        sorted.sort();
        assert_eq!(sorted, Milestone::ALL);
    }

    #[test]
    fn paths_and_variants() {
        assert!(valid_path("/"));
        assert!(valid_path("/blog/five-signs"));
        for bad in ["", "blog", "/a?b=1", "/a#x", "/a\nb"] {
            assert!(!valid_path(bad), "{bad:?}");
        }
        assert!(!valid_path(&format!("/{}", "a".repeat(MAX_PATH))));
        assert!(valid_variant("b") && valid_variant("short-cta_2") && valid_variant(DEFAULT_VARIANT));
        for bad in ["", "B", "a b", "é", &"a".repeat(MAX_VARIANT + 1)] {
            assert!(!valid_variant(bad), "{bad:?}");
        }
    }

    #[cfg(feature = "wire")]
    #[test]
    fn the_beacon_has_exactly_its_fields() {
        let beacon: Beacon = serde_json::from_str(
            r#"{"milestone":"sign-3","path":"/a","locale":"en","variant":"default","model_version":3}"#,
        )
        .unwrap();
        assert_eq!(beacon.milestone, Milestone::Sign3);
        let value: serde_json::Value = serde_json::to_value(&beacon).unwrap();
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        let mut expected = BEACON_FIELDS.to_vec();
        expected.sort();
        assert_eq!(keys, expected);
        assert!(serde_json::from_str::<Beacon>(
            r#"{"milestone":"seen","path":"/a","locale":"en","variant":"a","model_version":3,"id":"x"}"#
        )
        .is_err());
    }
}
