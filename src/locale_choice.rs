//! Which locale a widget shows: the embed option, else the visitor's
//! languages, else English (pure; used by the config and the prefill).

use readiness_core::Locale;

/// The locale to show: `data-locale` when it names one (`da`, `da-DK` → `da`);
/// with `auto` or nothing, the first of `languages` that exists (the host
/// page's `lang`, then the browser's), else English. An unknown `data-locale`
/// is not an error: English is shown, with a warning for the console.
///
/// ```
/// use readiness_widget::locale_choice::pick_locale;
/// assert_eq!(pick_locale(None, &["id-ID", "en"]).0.tag, "id");
/// assert_eq!(pick_locale(Some("auto"), &["", "da-DK"]).0.tag, "da");
/// let (locale, warning) = pick_locale(Some("xx"), &["da"]);
/// assert_eq!(locale.tag, "en");
/// assert!(warning.unwrap().contains("`xx`"));
/// ```
pub fn pick_locale(requested: Option<&str>, languages: &[&str]) -> (&'static Locale, Option<String>) {
    match requested.filter(|tag| !tag.eq_ignore_ascii_case("auto")) {
        Some(tag) => match Locale::get(tag) {
            Ok(locale) => (locale, None),
            Err(_) => {
                let warning = format!(
                    "readiness widget: data-locale `{tag}` is not available (available: {}, auto); showing English",
                    Locale::tags().join(", ")
                );
                (Locale::english(), Some(warning))
            }
        },
        None => (
            languages
                .iter()
                .filter(|tag| !tag.trim().is_empty())
                .find_map(|tag| Locale::get(tag.trim()).ok())
                .unwrap_or_else(Locale::english),
            None,
        ),
    }
}
