//! # readiness-widget
//!
//! The embeddable readiness assessment: a Yew app compiled to WebAssembly.
//! Layers, each pointing only at the ones below it:
//!
//! - [`readiness_core`]: questions, scoring, result codes (no web types);
//! - [`config`], [`state`], [`contact`], [`payload`]: pure widget logic, tested natively;
//! - `services`: browser I/O (storage, HTTP, page reading, host events);
//! - `hooks` and `components`: the Yew UI (effects in hooks, views in components);
//! - `embed`: the host-facing shell (`mount` and fallbacks behind the default
//!   `embed` feature; `prefill` behind the `prefill` feature).
//!
//! Two wasm modules are fetched on demand, each a crate linking this one as an
//! rlib: the team view's figures (`readiness-team`, only when a team view
//! opens; see `services::team_module`) and the contact page's prefill
//! (`readiness-prefill`).
#![warn(missing_docs)]

pub mod config;
pub mod contact;
pub mod history;
pub mod locale_choice;
pub mod payload;
pub mod state;
pub mod team_state;

// The UI serves the embed shell (the team module links the crate without it).
#[cfg(any(all(target_arch = "wasm32", feature = "embed"), feature = "ssr"))]
mod components;
// The host-facing exports: `mount` (feature `embed`, on by default; the team
// module links this crate without it) and `prefill` (feature `prefill`, only
// in the contact page's on-demand module `prefill/`).
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
