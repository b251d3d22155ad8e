//! The embed options marketing writes as `data-*` attributes (or passes to
//! `mount(element, options)`), validated into a [`Config`]. Pure: the embed
//! layer hands in name/value pairs, so every rule is tested natively.

use std::fmt;

use readiness_core::Locale;

use crate::locale_choice::pick_locale;

/// Colour scheme of the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follows the visitor's `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// CSS class on the widget's root.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Auto => "rw-theme-auto",
            Theme::Light => "rw-theme-light",
            Theme::Dark => "rw-theme-dark",
        }
    }
}

/// How the contact payload is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointFormat {
    /// `application/json` (default).
    Json,
    /// `application/x-www-form-urlencoded`, for endpoints that only take form posts.
    Form,
}

impl EndpointFormat {
    /// The option value (`json`, `form`), also how a kept submission records it.
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointFormat::Json => "json",
            EndpointFormat::Form => "form",
        }
    }

    /// The inverse of [`EndpointFormat::as_str`].
    pub fn parse(value: &str) -> Option<EndpointFormat> {
        match value {
            "json" => Some(EndpointFormat::Json),
            "form" => Some(EndpointFormat::Form),
            _ => None,
        }
    }

    /// The `Content-Type` of a POST in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            EndpointFormat::Json => "application/json",
            EndpointFormat::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// Where the contact payload goes and how it is encoded: one value from the
/// embed options to the HTTP service and the submission kept for later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The URL (http(s) or a path), checked by [`Config::from_pairs`].
    pub url: String,
    /// The encoding of the body.
    pub format: EndpointFormat,
}

/// A validated embed configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Distinguishes several widgets on one page (storage key, radio names).
    pub instance: String,
    /// The words to show.
    pub locale: &'static Locale,
    /// Why the requested locale was not used (an unknown `data-locale`): the
    /// embed logs it as a console warning and shows English.
    pub locale_warning: Option<String>,
    /// Colour scheme.
    pub theme: Theme,
    /// The site's contact page; enables "continue on our contact page".
    pub contact_url: Option<String>,
    /// Where to POST the result and how; without it nothing is ever sent.
    pub endpoint: Option<Endpoint>,
    /// The consent sentence; the locale's default when absent.
    pub consent_text: Option<String>,
    /// Remember progress in localStorage (default true).
    pub remember: bool,
    /// Base URL of the package's files (`widget.css`), set by `embed.js`.
    pub assets: Option<String>,
    /// Where a visitor reaches the firm when something breaks (mail or URL).
    pub fallback_contact: Option<String>,
    /// First retry delay of the contact POST, doubled on each retry.
    pub retry_delay_ms: u32,
    /// Open at the first sign instead of the intro: the loader sets it when
    /// Start was pressed on the prerendered intro before the wasm arrived.
    pub start: bool,
}

/// Every option name, as a `data-` attribute without the prefix.
pub const OPTION_NAMES: [&str; 12] = [
    "instance",
    "locale",
    "theme",
    "contact-url",
    "endpoint",
    "endpoint-format",
    "consent-text",
    "remember",
    "assets",
    "fallback-contact",
    "retry-delay",
    "start",
];

/// Options read by `embed.js` before the wasm loads; accepted and ignored here.
pub const LOADER_OPTIONS: [&str; 4] = ["lazy", "reserve", "load-error", "prefetch"];

/// One problem with one option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The attribute, e.g. `data-theme`.
    pub attribute: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.attribute, self.message)
    }
}

/// Every problem found, so marketing can fix them all in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub Vec<ConfigProblem>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("; "))
    }
}

impl Config {
    /// Validates option pairs (`("contact-url", "/contact")`), later pairs
    /// overriding earlier ones. `languages` are the visitor's languages in
    /// order: the host page's `<html lang>`, then the browser's
    /// (`navigator.languages`); see [`pick_locale`]. Takes slices rather than
    /// iterators so that one copy of this function is compiled into the wasm.
    pub fn from_pairs(pairs: &[(&str, &str)], languages: &[&str]) -> Result<Config, ConfigError> {
        let mut values: Vec<(&str, &str)> = Vec::new();
        let mut problems = Vec::new();
        for &(name, value) in pairs {
            if let Some(known) = OPTION_NAMES.iter().find(|n| **n == name) {
                values.retain(|(n, _)| n != known);
                values.push((known, value.trim()));
            } else if LOADER_OPTIONS.contains(&name) {
                continue;
            } else if let Some(meant) = near_miss(name) {
                problems.push(problem(name, format!("unknown option; did you mean data-{meant}?")));
            }
        }
        let get = |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .filter(|v| !v.is_empty())
        };

        let instance = get("instance").unwrap_or("default").to_owned();
        if instance.len() > 40
            || !instance
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            problems.push(problem(
                "instance",
                format!("`{instance}` must be 1 to 40 letters, digits, - or _"),
            ));
        }

        let (locale, locale_warning) = pick_locale(get("locale"), languages);

        let theme = match get("theme").unwrap_or("auto") {
            "auto" => Theme::Auto,
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            other => {
                problems.push(problem("theme", format!("`{other}` is not one of auto, light, dark")));
                Theme::Auto
            }
        };

        let format = get("endpoint-format").unwrap_or("json");
        let endpoint_format = EndpointFormat::parse(format).unwrap_or_else(|| {
            problems.push(problem(
                "endpoint-format",
                format!("`{format}` is not one of json, form"),
            ));
            EndpointFormat::Json
        });

        let mut flag = |name: &str, default: bool| match get(name) {
            None => default,
            Some("true" | "yes") => true,
            Some("false" | "no") => false,
            Some(other) => {
                problems.push(problem(name, format!("`{other}` is not one of true, false")));
                default
            }
        };
        let remember = flag("remember", true);
        let start = flag("start", false);

        let mut url = |name: &str| {
            let value = get(name)?;
            match check_url(value) {
                Ok(()) => Some(value.to_owned()),
                Err(why) => {
                    problems.push(problem(name, why));
                    None
                }
            }
        };
        let contact_url = url("contact-url");
        let endpoint = url("endpoint").map(|url| Endpoint {
            url,
            format: endpoint_format,
        });
        let assets = url("assets");

        let consent_text = get("consent-text").map(str::to_owned);
        if consent_text.as_ref().is_some_and(|t| t.chars().count() > 1000) {
            problems.push(problem("consent-text", "is longer than 1000 characters".into()));
        }
        let fallback_contact = get("fallback-contact").map(str::to_owned);
        if let Some(contact) = &fallback_contact {
            if !contact.starts_with("mailto:") && check_url(contact).is_err() {
                problems.push(problem(
                    "fallback-contact",
                    format!("`{contact}` is neither a mailto: link nor a URL"),
                ));
            }
        }

        let retry_delay_ms = match get("retry-delay").map(str::parse::<u32>) {
            None => 1000,
            Some(Ok(ms)) if (10..=60_000).contains(&ms) => ms,
            Some(_) => {
                problems.push(problem("retry-delay", "must be milliseconds from 10 to 60000".into()));
                1000
            }
        };

        if problems.is_empty() {
            Ok(Config {
                instance,
                locale,
                locale_warning,
                theme,
                contact_url,
                endpoint,
                consent_text,
                remember,
                assets,
                fallback_contact,
                retry_delay_ms,
                start,
            })
        } else {
            Err(ConfigError(problems))
        }
    }

    /// The consent sentence shown, and sent with the submission: the
    /// configured one, else the locale's default.
    pub fn consent_text(&self) -> String {
        self.consent_text
            .clone()
            .unwrap_or_else(|| self.locale.ui.consent_default.to_owned())
    }

    /// Where the crash fallback and config error point visitors.
    pub fn reach_us(&self) -> Option<&str> {
        self.fallback_contact.as_deref().or(self.contact_url.as_deref())
    }
}

fn problem(name: &str, message: String) -> ConfigProblem {
    ConfigProblem {
        attribute: format!("data-{name}"),
        message,
    }
}

/// Only http(s) URLs and relative paths: a `javascript:` URL in an embed
/// attribute must never become a link or a fetch.
fn check_url(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let has_scheme = lower.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains('/')
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if value.chars().any(char::is_whitespace) {
        Err(format!("`{value}` contains spaces"))
    } else if has_scheme && !(lower.starts_with("https://") || lower.starts_with("http://")) {
        Err(format!("`{value}` must be an http(s) URL or a path like /contact"))
    } else {
        Ok(())
    }
}

/// A known option within two edits of `name`: a typo worth reporting.
fn near_miss(name: &str) -> Option<&'static str> {
    OPTION_NAMES
        .iter()
        .copied()
        .find(|known| edit_distance(name, known) <= 2)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_pairs(pairs, &["en"])
    }

    #[test]
    fn no_options_give_private_defaults() {
        let config = parse(&[]).unwrap();
        assert_eq!(config.instance, "default");
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.endpoint, None, "nothing is sent without an endpoint");
        assert!(config.remember);
        assert_eq!(config.locale.tag, "en");
    }

    #[test]
    fn every_option_is_read() {
        let config = parse(&[
            ("instance", "sidebar"),
            ("locale", "en"),
            ("theme", "dark"),
            ("contact-url", "/contact.html"),
            ("endpoint", "https://api.example.com/contact"),
            ("endpoint-format", "form"),
            ("consent-text", "Yes, send it."),
            ("remember", "false"),
            ("fallback-contact", "mailto:hello@example.com"),
        ])
        .unwrap();
        assert_eq!(config.instance, "sidebar");
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.contact_url.as_deref(), Some("/contact.html"));
        assert_eq!(
            config.endpoint,
            Some(Endpoint {
                url: "https://api.example.com/contact".into(),
                format: EndpointFormat::Form
            })
        );
        assert_eq!(config.consent_text.as_deref(), Some("Yes, send it."));
        assert!(!config.remember);
        assert_eq!(config.reach_us(), Some("mailto:hello@example.com"));
    }

    #[test]
    fn later_pairs_override_earlier_ones() {
        let config = parse(&[("theme", "dark"), ("theme", "light")]).unwrap();
        assert_eq!(config.theme, Theme::Light);
    }

    #[test]
    fn every_problem_is_reported_with_its_attribute() {
        let error = parse(&[("theme", "purple"), ("endpoint", "javascript:alert(1)")]).unwrap_err();
        let attributes: Vec<&str> = error.0.iter().map(|p| p.attribute.as_str()).collect();
        assert_eq!(attributes, ["data-theme", "data-endpoint"]);
        assert!(
            error
                .to_string()
                .contains("data-theme: `purple` is not one of auto, light, dark"),
            "{error}"
        );
    }

    #[test]
    fn a_misspelt_attribute_is_named_with_the_right_spelling() {
        let error = parse(&[("contact-ur", "/contact")]).unwrap_err();
        assert_eq!(
            error.0[0].to_string(),
            "data-contact-ur: unknown option; did you mean data-contact-url?"
        );
    }

    #[test]
    fn unrelated_data_attributes_of_the_host_are_ignored() {
        assert!(parse(&[("testid", "x"), ("analytics-category", "quiz")]).is_ok());
        assert!(parse(&[
            ("lazy", "false"),
            ("reserve", "20rem"),
            ("load-error", "Oops"),
            ("prefetch", "none")
        ])
        .is_ok());
    }

    #[test]
    fn urls_must_be_http_or_paths() {
        for good in [
            "/contact",
            "contact.html",
            "https://x.example/c?a=1",
            "http://localhost:8080/contact",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:x", "/a b"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn instance_ids_are_restricted() {
        assert!(parse(&[("instance", "a b")]).is_err());
        assert!(parse(&[("instance", &"x".repeat(41))]).is_err());
        assert!(parse(&[("instance", "hero_2")]).is_ok());
    }

    #[test]
    fn page_language_picks_the_locale_and_falls_back_to_english() {
        assert_eq!(Config::from_pairs(&[], &["en-GB"]).unwrap().locale.tag, "en");
        assert_eq!(Config::from_pairs(&[], &["tlh"]).unwrap().locale.tag, "en");
        assert_eq!(Config::from_pairs(&[], &["da-DK"]).unwrap().locale.tag, "da");
        assert_eq!(Config::from_pairs(&[], &["id-ID"]).unwrap().locale.tag, "id");
        // The page's lang first, then the browser's languages.
        assert_eq!(
            Config::from_pairs(&[], &["", "fr", "id", "da"]).unwrap().locale.tag,
            "id"
        );
        assert_eq!(Config::from_pairs(&[], &["da", "id"]).unwrap().locale.tag, "da");
        // data-locale wins over both; `auto` defers to them.
        assert_eq!(
            Config::from_pairs(&[("locale", "id")], &["da"]).unwrap().locale.tag,
            "id"
        );
        assert_eq!(
            Config::from_pairs(&[("locale", "auto")], &["da"]).unwrap().locale.tag,
            "da"
        );
    }

    #[test]
    fn an_unknown_locale_falls_back_to_english_with_a_warning_not_an_error() {
        let config = Config::from_pairs(&[("locale", "xx")], &["da"]).unwrap();
        assert_eq!(config.locale.tag, "en");
        let warning = config.locale_warning.unwrap();
        assert!(warning.contains("`xx` is not available"), "{warning}");
        assert!(warning.contains("da, en, id"), "{warning}");
        assert_eq!(
            Config::from_pairs(&[("locale", "da")], &[]).unwrap().locale_warning,
            None
        );
    }

    #[test]
    fn empty_values_mean_default() {
        let config = parse(&[("theme", ""), ("endpoint", " ")]).unwrap();
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.endpoint, None);
    }

    #[test]
    fn start_opens_at_the_first_sign_only_when_asked() {
        assert!(!parse(&[]).unwrap().start);
        assert!(parse(&[("start", "true")]).unwrap().start);
        assert_eq!(
            parse(&[("start", "soon")]).unwrap_err().to_string(),
            "data-start: `soon` is not one of true, false"
        );
    }

    #[test]
    fn endpoint_format_names_round_trip() {
        for format in [EndpointFormat::Json, EndpointFormat::Form] {
            assert_eq!(EndpointFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(EndpointFormat::parse("xml"), None);
        assert!(parse(&[("endpoint-format", "xml")]).is_err());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("theme", "theme"), 0);
        assert_eq!(edit_distance("them", "theme"), 1);
        assert_eq!(edit_distance("endpiont", "endpoint"), 2);
    }
}
