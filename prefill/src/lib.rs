//! # readiness-prefill
//!
//! The contact page's module: `prefill(form, code)` fills the site's own
//! contact form (`<form data-readiness-prefill>`) from the result the widget
//! handed over. The loader (`embed.js`) fetches it only on a page with such a
//! form, so the widget's own wasm does not carry it, and the contact page does
//! not download the app. The code lives in the widget crate
//! (`readiness_widget::embed::prefill`, its `prefill` feature); this crate only
//! links it into a wasm module of its own.

#[cfg(target_arch = "wasm32")]
pub use readiness_widget::prefill;
/// `addLocale`: the loader hands over the locale file of a contact page not in English.
#[cfg(target_arch = "wasm32")]
pub use readiness_widget::services::locale_file::add_locale;
