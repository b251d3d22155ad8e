//! # readiness-widget
//!
//! The embeddable readiness assessment: a Yew app compiled to WebAssembly.
//! Layers, each pointing only at the ones below it:
//!
//! - [`readiness_core`]: questions, scoring, result codes (no web types);
//! - [`config`], [`state`], [`contact`], [`payload`], [`early`], [`loader_contract`]:
//!   pure widget logic, tested natively;
//! - `services`: browser I/O (storage, HTTP, page reading, host events);
//! - `hooks` and `components`: the Yew UI (effects in hooks, views in components);
//! - `embed`: the host-facing shell (`mount` and fallbacks behind the default
//!   `embed` feature; `prefill` behind the `prefill` feature).
//!
//! The whole journey (intro, questions, result, contact hand-off, plan) is one
//! wasm module. A page opened on a team link fetches, instead of it, the same
//! crate built with `team-view` (the team view added); the article's module
//! reloads the page on the team link when the visitor asks for the team view,
//! so a page never starts two. Another page, the site's contact page, fetches its
//! own: the prefill (`readiness-prefill`, a crate linking this one as an rlib
//! without `embed`). The build prerenders the intro and the first sign
//! (`prerender`); the app takes over what the visitor did there (`early`).
#![warn(missing_docs)]

// Issue 22: the booking link.
pub mod booking;
pub mod config;
pub mod contact;
pub mod early;
pub mod history;
pub mod loader_contract;
pub mod locale_choice;
pub mod payload;
// Issue 22: the plan by e-mail.
pub mod plan;
pub mod state;
pub mod team_state;

// The UI serves the embed shell (the prefill module links the crate without it).
#[cfg(any(all(target_arch = "wasm32", feature = "embed"), feature = "ssr"))]
mod components;
// The host-facing exports: `mount` (feature `embed`, on by default; the
// prefill module links this crate without it) and `prefill` (feature `prefill`, only
// in the contact page's on-demand module `prefill/`).
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod copy_marks;
#[cfg(all(target_arch = "wasm32", any(feature = "embed", feature = "prefill")))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod hooks;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod prerender;
pub mod services;

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub use embed::mount::{mount, WidgetHandle};

// SAFETY: wasm32-unknown-unknown without atomics runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
#[cfg(all(target_arch = "wasm32", feature = "prefill"))]
pub use embed::prefill::prefill;
