//! `addCopy(url, copy)`: the loader hands over a copy file it fetched for
//! `data-copy` (a flat JSON object of the locale's keys, see
//! `readiness_core::copy_keys`); the widget configured with that URL shows
//! its locale with those strings (`readiness_core::Locale::with_copy`, which
//! checks them). Each entry that does not fit is a console warning, once.

use std::cell::RefCell;

use js_sys::{Array, Object};
use readiness_core::Locale;
use wasm_bindgen::prelude::*;

/// A copy file handed over: its URL (as in `data-copy`), its entries, and
/// the locales built from it so far (one per locale it was applied to).
struct CopyFile {
    url: String,
    entries: Vec<(String, String)>,
    built: Vec<&'static Locale>,
}

thread_local! {
    static FILES: RefCell<Vec<CopyFile>> = const { RefCell::new(Vec::new()) };
}

fn warn(url: &str, what: &str) {
    web_sys::console::warn_1(&format!("readiness widget: copy file {url}: {what}").into());
}

/// Takes the copy file the loader fetched for `url` (a JSON object already
/// parsed); an entry whose value is not a string is left out with a warning.
#[wasm_bindgen(js_name = addCopy)]
pub fn add_copy(url: String, copy: JsValue) {
    // The loader fetches a URL once per page: the file held for it, and what was built from it, stay.
    if FILES.with(|files| files.borrow().iter().any(|f| f.url == url)) {
        return;
    }
    let mut entries = Vec::new();
    if let Some(object) = copy.dyn_ref::<Object>() {
        for pair in Object::entries(object).iter() {
            let pair: Array = pair.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            match pair.get(1).as_string() {
                Some(text) => entries.push((key, text)),
                None => warn(&url, &format!("`{key}` is not a string, ignored")),
            }
        }
    }
    FILES.with(|files| {
        files.borrow_mut().push(CopyFile {
            url,
            entries,
            built: Vec::new(),
        });
    });
}

/// `locale` with the copy file handed over for `url`, if any (built and
/// checked once per file and locale; the warnings are printed then).
pub fn apply(url: Option<&str>, locale: &'static Locale) -> &'static Locale {
    let Some(url) = url else { return locale };
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        let Some(file) = files.iter_mut().find(|f| f.url == url) else {
            return locale;
        };
        if let Some(built) = file.built.iter().find(|l| l.tag == locale.tag) {
            return *built;
        }
        let (copied, warnings) = locale.with_copy(&file.entries);
        for warning in warnings {
            warn(url, &warning.to_string());
        }
        file.built.push(copied);
        copied
    })
}
