//! The embed layer: the host-facing shell. It reads the host's options,
//! validates them, mounts one app per element inside an open shadow root,
//! fills the site's contact form, and shows readable fallbacks when something
//! is wrong. Browser helpers shared with the components live in `services`.

pub mod fallback;
pub mod mount;
pub mod options;
pub mod prefill;
