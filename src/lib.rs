//! # readiness-widget
//!
//! The embeddable readiness assessment: a Yew app compiled to WebAssembly.
//! Layers, each pointing only at the ones below it:
//!
//! - [`readiness_core`]: questions, scoring, result codes (no web types);
//! - [`config`], [`state`], [`contact`], [`payload`]: pure widget logic, tested natively;
//! - `services`: browser I/O (storage, HTTP, page reading, host events);
//! - `hooks` and `components`: the Yew UI (effects in hooks, views in components);
//! - `embed`: the host-facing shell (`mount`, `prefill`, fallbacks).
#![warn(missing_docs)]

pub mod config;
pub mod contact;
pub mod history;
pub mod locale_choice;
pub mod payload;
pub mod state;
pub mod team_state;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod prerender;
pub mod services;

#[cfg(target_arch = "wasm32")]
pub use embed::mount::{mount, WidgetHandle};

// SAFETY: wasm32-unknown-unknown without atomics runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
#[cfg(target_arch = "wasm32")]
pub use embed::prefill::prefill;
