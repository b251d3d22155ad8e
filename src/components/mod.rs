//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

// Natively (`--features ssr`) the build prerenders the intro and the first
// sign's step with the same components the app uses.
#[cfg(target_arch = "wasm32")]
pub mod app;

/// The copy-file key of the string an element shows (`data-copy-key`), for
/// the loader to apply a copy file to the prerendered intro and first sign
/// before the wasm arrives (`src/loader/copy.js`). Natively only (the
/// prerender): the wasm renders from the copied locale and carries none.
#[cfg(not(target_arch = "wasm32"))]
pub fn copy_key(key: impl FnOnce() -> String) -> Option<String> {
    Some(key())
}

/// See the native [`copy_key`]: nothing in the wasm.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub fn copy_key(_: impl FnOnce() -> String) -> Option<String> {
    None
}

/// The placeholder values of the string an element shows (`data-copy-fill`,
/// `name=value;…`), beside [`copy_key`]; natively only.
#[cfg(not(target_arch = "wasm32"))]
pub fn copy_fill(values: &[(&str, &str)]) -> Option<String> {
    Some(values.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(";"))
}

/// See the native [`copy_fill`]: nothing in the wasm.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub fn copy_fill(_: &[(&str, &str)]) -> Option<String> {
    None
}
#[cfg(target_arch = "wasm32")]
pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod contact_panel;
#[cfg(target_arch = "wasm32")]
pub mod copy_link;
pub mod intro;
#[cfg(target_arch = "wasm32")]
pub mod notice;
pub mod question;
#[cfg(target_arch = "wasm32")]
pub mod result;
pub mod sign_step;
#[cfg(target_arch = "wasm32")]
pub mod since;
#[cfg(target_arch = "wasm32")]
pub mod team_chart;
#[cfg(target_arch = "wasm32")]
pub mod team_figures;
#[cfg(target_arch = "wasm32")]
pub mod team_panel;
#[cfg(target_arch = "wasm32")]
pub mod team_view;
