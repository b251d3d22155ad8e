//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

// Natively (`--features ssr`) the build prerenders the intro and the first
// sign's step with the same components the app uses.
#[cfg(target_arch = "wasm32")]
pub mod app;
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
