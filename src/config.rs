//! The embed options marketing writes as `data-*` attributes (or passes to
//! `mount(element, options)`), validated into a [`Config`]. Pure: the embed
//! layer hands in name/value pairs, so every rule is tested natively.

use std::fmt;

use readiness_contract::rules;
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
    /// Issue 22: a booking page (Cal.com, Calendly, HubSpot meetings or any https URL); enables
    /// "Book a call about these gaps" on the result.
    pub booking_url: Option<String>,
    // ---- issue 21: copy overrides and context fields ----
    /// `data-copy`: the URL of a copy file whose strings replace the locale's
    /// (the loader fetches it and hands it over; `services::copy`).
    pub copy: Option<String>,
    /// `data-context-<key>` values, in attribute order, each checked by the
    /// contract's rules; sent with the submission.
    pub context: Vec<(String, String)>,
    /// Context attributes left out (a bad key or value, more than ten): the
    /// embed logs each as a console warning; the widget works without them.
    pub context_warnings: Vec<String>,
    /// `data-metrics` is set: the loader counts (issue 23) and the intro says what it sends.
    pub counting: bool,
}

/// Every option name, as a `data-` attribute without the prefix.
pub const OPTION_NAMES: [&str; 14] = [
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
    // Issue 22: the booking link.
    "booking-url",
    "copy",
    // Anonymous counts (issue 23): the counting URL (the loader sends; the app only says so).
    crate::loader_contract::counting::OPTION,
];

/// The prefix of context options: `data-context-<key>` (`contextCampaign` in `mount`'s options).
pub const CONTEXT_OPTION: &str = "context-";

/// The values of a yes/no option that mean yes, and no.
pub const TRUE_VALUES: [&str; 2] = ["true", "yes"];
/// See [`TRUE_VALUES`].
pub const FALSE_VALUES: [&str; 2] = ["false", "no"];

/// Options read by `embed.js` before the wasm loads; accepted and ignored here.
pub const LOADER_OPTIONS: [&str; 5] = [
    "lazy",
    "reserve",
    "load-error",
    "prefetch",
    // Intro variants (issue 23): the copy files the loader draws one of per page view.
    crate::loader_contract::counting::VARIANTS_OPTION,
];

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
        let mut context: Vec<(String, String)> = Vec::new();
        let mut context_warnings = Vec::new();
        for &(name, value) in pairs {
            if let Some(key) = name.strip_prefix(CONTEXT_OPTION) {
                context.retain(|(k, _)| k != key);
                context.push((key.to_owned(), value.to_owned()));
            } else if let Some(known) = OPTION_NAMES.iter().find(|n| **n == name) {
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

        let instance = get("instance")
            .unwrap_or(crate::loader_contract::DEFAULT_INSTANCE)
            .to_owned();
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
            Some(value) if TRUE_VALUES.contains(&value) => true,
            Some(value) if FALSE_VALUES.contains(&value) => false,
            Some(other) => {
                problems.push(problem(name, format!("`{other}` is not one of true, false")));
                default
            }
        };
        let remember = flag("remember", true);

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
        let copy = url("copy");

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

        // Issue 22: the booking page opens in a new tab, so only https (no path, no plain http).
        let booking_url = get("booking-url").map(str::to_owned);
        if let Some(url) = &booking_url {
            if !url.to_ascii_lowercase().starts_with("https://") || check_url(url).is_err() || url.len() < 9 {
                problems.push(problem(
                    "booking-url",
                    format!("`{url}` must be an https:// URL of a booking page (Cal.com, Calendly, HubSpot meetings…)"),
                ));
            }
        }

        let mut context: Vec<(String, String)> = context
            .into_iter()
            .filter_map(
                |(key, value)| match rules::context_key(&key).and_then(|()| rules::context_value(&value)) {
                    Ok(value) => Some((key, value)),
                    Err(why) => {
                        context_warnings.push(format!(
                            "readiness widget: data-{CONTEXT_OPTION}{key} is left out: {why}"
                        ));
                        None
                    }
                },
            )
            .collect();
        if context.len() > rules::CONTEXT_MAX_KEYS {
            for (key, _) in context.drain(rules::CONTEXT_MAX_KEYS..) {
                context_warnings.push(format!(
                    "readiness widget: data-{CONTEXT_OPTION}{key} is left out: at most {} context attributes",
                    rules::CONTEXT_MAX_KEYS
                ));
            }
        }

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
                booking_url,
                copy,
                context,
                context_warnings,
                counting: get(crate::loader_contract::counting::OPTION).is_some(),
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
#[path = "config_tests.rs"]
mod tests;
