//! The embed layer: what the host page sees. It reads the host's options,
//! validates them, mounts one app per element inside an open shadow root,
//! dispatches events, and shows readable fallbacks when something is wrong.

pub mod events;
pub mod fallback;
pub mod mount;
pub mod options;
pub mod page;
pub mod prefill;
