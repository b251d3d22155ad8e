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
pub mod payload;
pub mod state;
pub mod team_state;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod hooks;
pub mod services;

#[cfg(target_arch = "wasm32")]
pub use embed::mount::{mount, WidgetHandle};
#[cfg(target_arch = "wasm32")]
pub use embed::prefill::prefill;
