//! The team's side of the page: the `#team=` fragment, team links and the
//! date of an earlier check in the visitor's language. Nothing here talks to
//! the network.

use readiness_core::TEAM_KEY;
use wasm_bindgen::JsValue;

use super::events::object;
use super::page::page_url;

/// The value of `#team=…` in the page's fragment: `None` when absent.
pub fn team_value() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let prefix = format!("{TEAM_KEY}=");
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(prefix.as_str()))
        .map(str::to_owned)
}

/// A link to this page holding a team fragment (`team=…`, as `Team::fragment` writes it).
pub fn team_link(fragment: &str) -> String {
    format!("{}#{fragment}", page_url())
}

/// Opens a team link in this tab as a new page load (only the fragment differs, so
/// the URL is set and the page reloaded): the loader then fetches the team page's module.
pub fn open(link: &str) {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        if location.assign(link).is_ok() {
            let _ = location.reload();
        }
    }
}

/// A date (ms since the epoch) as the visitor's language writes it, e.g. "24 November 2026".
pub fn date_label(ms: u64, locale_tag: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = object(&[("dateStyle", "long".into())]);
    date.to_locale_date_string(locale_tag, &options).into()
}
