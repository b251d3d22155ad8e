//! Helpers live in tests/support; this crate has no library code.
