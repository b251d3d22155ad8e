//! The one export every wasm module of the package has (the app's, the team
//! view's, the prefill's): `addLocale(strings)`, by which the loader hands over
//! a locale file it fetched (the browser's wasm carries English only; the
//! other locales ship as files, see `readiness_core::Locale::load`). The core
//! checks the strings; this only reports a refusal in the console.

use readiness_core::Locale;
use wasm_bindgen::prelude::*;

/// Makes the locale in `strings` (a locale file, already parsed by the
/// loader) available to this module; `true` when it was taken. A file that
/// does not fit is refused with a console warning: the widget then shows
/// English, as for a locale that does not exist.
#[wasm_bindgen(js_name = addLocale)]
pub fn add_locale(strings: Vec<String>) -> bool {
    match Locale::load(strings) {
        Ok(_) => true,
        Err(error) => {
            let warning = format!("readiness widget: a locale file was refused ({error}); showing English");
            web_sys::console::warn_1(&warning.into());
            false
        }
    }
}
