//! The embed layer: the host-facing shell. It reads the host's options,
//! validates them, mounts one app per element inside an open shadow root,
//! fills the site's contact form, and shows readable fallbacks when something
//! is wrong. Browser helpers shared with the components live in `services`.

#[cfg(feature = "embed")]
mod adopt;
#[cfg(feature = "embed")]
pub mod fallback;
#[cfg(feature = "embed")]
pub mod mount;
#[cfg_attr(not(feature = "embed"), allow(dead_code))]
pub mod options;
#[cfg(feature = "prefill")]
pub mod prefill;
