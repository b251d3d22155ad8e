//! The readiness assessment widget. The UI arrives with the widget issue; the
//! domain lives in `readiness-core`.
pub use readiness_core as core;
