//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

// Natively (`--features ssr`) only the intro is built: the build prerenders it.
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
#[cfg(target_arch = "wasm32")]
pub mod question;
#[cfg(target_arch = "wasm32")]
pub mod result;
#[cfg(target_arch = "wasm32")]
pub mod sign_step;
#[cfg(target_arch = "wasm32")]
pub mod since;
#[cfg(target_arch = "wasm32")]
pub mod team_panel;
#[cfg(target_arch = "wasm32")]
pub mod team_view;
