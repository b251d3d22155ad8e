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
// Issue 22: the plan by e-mail and the booking link.
#[cfg(target_arch = "wasm32")]
pub mod plan_panel;
pub mod question;
#[cfg(target_arch = "wasm32")]
pub mod result;
pub mod sign_step;
#[cfg(target_arch = "wasm32")]
pub mod since;
// The team view: only in the team page's module (`team-view`).
#[cfg(all(target_arch = "wasm32", feature = "team-view"))]
pub mod team_chart;
#[cfg(all(target_arch = "wasm32", feature = "team-view"))]
pub mod team_figures;
#[cfg(target_arch = "wasm32")]
pub mod team_panel;
#[cfg(all(target_arch = "wasm32", feature = "team-view"))]
pub mod team_view;
