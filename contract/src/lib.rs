//! # readiness-contract
//!
//! The one wire contract between the readiness widget and any receiver of its
//! contact payload (`docs/payload-schema.md`): the schema id, the field names
//! and rules, the e-mail rule, and the encoders the widget sends with. The
//! widget and the reference endpoint both import it, so the two sides cannot
//! drift. A new payload field goes here, and only here.
//!
//! Without features the crate has no dependencies (it is compiled into the
//! widget's wasm). The `wire` feature adds the serde types a receiver parses
//! with, and their OpenAPI schemas (utoipa).

pub mod count;
mod encode;
// Issue 22: the plan request ("e-mail me my plan").
pub mod plan;
pub mod rules;
#[cfg(feature = "wire")]
pub mod wire;

pub use encode::{quote, urlencode, Payload};
pub use plan::{plan_url, PlanPayload, PLAN_SCHEMA};
pub use rules::{is_hidden, line, looks_like_email, page_url, text};

/// The schema id of the contact payload; a receiver refuses any other.
pub const SCHEMA: &str = "readiness-contact/1";

/// UTM parameters copied from the host page's query, in this order.
pub const UTM_KEYS: [&str; 5] = ["source", "medium", "campaign", "term", "content"];

/// The longest believable `elapsed_ms`: eight weeks, as long as the widget keeps progress.
pub const MAX_ELAPSED_MS: u64 = 56 * 24 * 3600 * 1000;

/// Field names of the urlencoded form besides `score_<sign>`, `status_<sign>`, `utm_<key>` and `context_<key>`.
pub const FORM_FIELDS: [&str; 20] = [
    "schema",
    "result_code",
    "model_version",
    "overall",
    "name",
    "email",
    "company",
    "message",
    "consent",
    "consent_text",
    "page_url",
    "locale",
    "client_time",
    "elapsed_ms",
    "form_ms",
    "website",
    "idempotency_key",
    "team",
    // Issue 22: what else the visitor did on the result.
    "plan_requested",
    "bookings_opened",
];

/// Whether `key` is a field of the urlencoded form.
pub fn is_form_field(key: &str) -> bool {
    FORM_FIELDS.contains(&key)
        || key.starts_with("score_")
        || key.starts_with("status_")
        || key.strip_prefix("utm_").is_some_and(|k| UTM_KEYS.contains(&k))
        || key.starts_with(CONTEXT_PREFIX)
}

/// The form field prefix of a context value (`context_<key>`); in JSON they are the `context` object.
pub const CONTEXT_PREFIX: &str = "context_";
