//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

// Natively (`--features ssr`) only the intro is built: the build prerenders it.
// The result's, contact's and team's views are in the full module only.
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod chart;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod contact_panel;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod copy_link;
#[cfg(all(target_arch = "wasm32", not(feature = "full")))]
pub mod handover;
pub mod intro;
#[cfg(target_arch = "wasm32")]
pub mod notice;
#[cfg(target_arch = "wasm32")]
pub mod question;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod result;
#[cfg(target_arch = "wasm32")]
pub mod sign_step;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod since;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod team_panel;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod team_view;
