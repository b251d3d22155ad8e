//! The app's effects, as Yew hooks (the shape of Yew's `function_todomvc`):
//! components render values; these hooks watch the state and do the I/O
//! through `services` — storage, focus and host events, the contact POST and
//! the kept submission, and the history of finished results.

mod contact;
// Issue 22: the plan by e-mail.
mod plan;
mod progress;
mod team;

pub use contact::{use_contact, use_kept_submission};
pub use plan::{plan_endpoint, use_plan};
pub use progress::{use_adoption, use_contact_events, use_step_effects, use_storage};
pub use team::{use_history, use_team_page};
