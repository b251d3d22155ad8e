//! The embed options' rules, natively: every problem names the attribute and says what to write.

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
fn internal_state_is_no_option() {
    // Where the visitor is and what they answered never travel as public options.
    for name in ["start", "handover", "started-at"] {
        assert!(!OPTION_NAMES.contains(&name), "{name}");
        assert_eq!(parse(&[(name, "true")]).unwrap(), parse(&[]).unwrap(), "{name}");
    }
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

// Issue 22: the booking link.
#[test]
fn the_booking_url_must_be_https() {
    let config = parse(&[("booking-url", "https://cal.com/firm/30min")]).unwrap();
    assert_eq!(config.booking_url.as_deref(), Some("https://cal.com/firm/30min"));
    assert_eq!(
        parse(&[]).unwrap().booking_url,
        None,
        "no booking link unless asked for"
    );
    for bad in ["http://cal.com/firm", "/book", "javascript:alert(1)", "https://"] {
        let error = parse(&[("booking-url", bad)]).unwrap_err();
        assert_eq!(error.0[0].attribute, "data-booking-url", "{bad}");
        assert!(error.0[0].message.contains("https://"), "{bad}: {error}");
    }
}

// ---- issue 21: copy overrides and context fields ----

#[test]
fn the_copy_file_is_a_url_option() {
    let config = parse(&[("copy", "/copy/campaign.json")]).unwrap();
    assert_eq!(config.copy.as_deref(), Some("/copy/campaign.json"));
    let error = parse(&[("copy", "javascript:alert(1)")]).unwrap_err();
    assert_eq!(error.0[0].attribute, "data-copy");
}

#[test]
fn context_attributes_are_kept_checked_and_trimmed() {
    let config = parse(&[
        ("context-campaign", " spring-26 "),
        ("context-crm_id", "0031x"),
        ("context-campaign", "summer"),
    ])
    .unwrap();
    assert_eq!(
        config.context,
        [
            ("crm_id".to_owned(), "0031x".to_owned()),
            ("campaign".to_owned(), "summer".to_owned())
        ]
    );
    assert!(config.context_warnings.is_empty());
}

#[test]
fn bad_context_attributes_are_left_out_with_a_warning_and_the_widget_starts() {
    let long = "x".repeat(101);
    let config = parse(&[
        ("context-ok", "yes"),
        ("context-", "no key"),
        ("context-slug", &long),
        ("context-note", "two\nlines"),
        ("context-empty", "  "),
    ])
    .unwrap();
    assert_eq!(config.context, [("ok".to_owned(), "yes".to_owned())]);
    assert_eq!(config.context_warnings.len(), 4, "{:?}", config.context_warnings);
    assert!(
        config.context_warnings[1].contains("data-context-slug"),
        "{:?}",
        config.context_warnings
    );
}

#[test]
fn at_most_ten_context_attributes_travel() {
    let pairs: Vec<(String, String)> = (0..12).map(|i| (format!("context-k{i}"), format!("v{i}"))).collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let config = parse(&pairs).unwrap();
    assert_eq!(config.context.len(), 10);
    assert_eq!(config.context[9].0, "k9");
    assert_eq!(config.context_warnings.len(), 2);
    assert!(config.context_warnings[0].contains("data-context-k10"));
}
