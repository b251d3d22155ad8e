//! The app's effects, as Yew hooks (the shape of Yew's `function_todomvc`):
//! components render values; these hooks watch the state and do the I/O
//! through `services` — storage, focus and host events, and `use_finish`:
//! the contact POST and the team view (full module) or the hand-over to the
//! full module (first load).

#[cfg(feature = "full")]
mod contact;
mod finish;
#[cfg(not(feature = "full"))]
mod handover;
mod progress;
#[cfg(feature = "full")]
mod team;

#[cfg(feature = "full")]
use contact::{use_contact, use_kept_submission};
pub use finish::use_finish;
#[cfg(not(feature = "full"))]
use handover::use_handover;
pub use progress::{use_step_effects, use_storage};
#[cfg(feature = "full")]
use team::{use_history, use_team_module};
