//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

// Natively (`--features ssr`) only the intro is built: the build prerenders it.
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod contact_panel;
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
pub mod since;
pub mod team_chart;
pub mod team_panel;
pub mod team_view;
