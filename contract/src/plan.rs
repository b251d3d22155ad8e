//! The plan request ("e-mail me my plan", issue 22): the visitor's own
//! address and their result code, nothing else a person typed. It is not a
//! lead: the endpoint re-scores the code, e-mails the plan to that address
//! once, and tells sales only that a plan was asked for (`plan.sent`, without
//! the address). Hand-written JSON like [`crate::Payload`], for the wasm.

use std::fmt::Write as _;

use crate::encode::quote;

/// The schema id of the plan request; a receiver refuses any other.
pub const PLAN_SCHEMA: &str = "readiness-plan/1";

/// The path of the plan request beside the contact endpoint: a widget whose
/// `data-endpoint` is `https://x.example/contact` asks `https://x.example/plan`.
pub const PLAN_PATH: &str = "plan";

/// Characters of `instance`, at most (the widget's `data-instance` rule).
pub const INSTANCE_MAX: usize = 40;

/// What the widget sends when the visitor asks for their plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPayload {
    /// The result code: the endpoint re-scores from it (no scores are sent).
    pub result_code: String,
    /// Model version of the code.
    pub model_version: u8,
    /// Where the plan goes (see [`crate::looks_like_email`]).
    pub email: String,
    /// The consent sentence shown beside the box ("send my plan to this address; nothing else").
    pub consent_text: String,
    /// Locale tag: the e-mail's language.
    pub locale: &'static str,
    /// The host page without its fragment: the share link in the e-mail reopens the result there.
    pub page_url: String,
    /// The widget's instance name.
    pub instance: String,
}

impl PlanPayload {
    /// The JSON body.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        let _ = write!(
            out,
            "{{\"schema\":{},\"result_code\":{},\"model_version\":{},\"email\":{},\
             \"consent\":{{\"given\":true,\"text\":{}}},\"locale\":{},\"page_url\":{},\"instance\":{}}}",
            quote(PLAN_SCHEMA),
            quote(&self.result_code),
            self.model_version,
            quote(&self.email),
            quote(&self.consent_text),
            quote(self.locale),
            quote(&self.page_url),
            quote(&self.instance),
        );
        out
    }
}

/// The plan request's URL for a contact endpoint URL (absolute or a path):
/// its last path segment replaced by [`PLAN_PATH`], query and fragment dropped.
pub fn plan_url(endpoint: &str) -> String {
    let end = endpoint.find(['?', '#']).unwrap_or(endpoint.len());
    let base = &endpoint[..end];
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    match base[scheme_end..].rfind('/') {
        Some(slash) => format!("{}{PLAN_PATH}", &base[..scheme_end + slash + 1]),
        None if scheme_end > 0 => format!("{base}/{PLAN_PATH}"),
        None => PLAN_PATH.to_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> PlanPayload {
        PlanPayload {
            result_code: "ABC".into(),
            model_version: 2,
            email: "ada@example.com".into(),
            consent_text: "Send my \"plan\" here.".into(),
            locale: "da",
            page_url: "https://site.example/a?x=1".into(),
            instance: "default".into(),
        }
    }

    #[test]
    fn the_json_holds_the_code_and_the_address_and_no_scores() {
        let json = sample().to_json();
        assert!(
            json.starts_with(r#"{"schema":"readiness-plan/1","result_code":"ABC","model_version":2,"#),
            "{json}"
        );
        assert!(
            json.contains(r#""consent":{"given":true,"text":"Send my \"plan\" here."}"#),
            "{json}"
        );
        assert!(!json.contains("score"), "no scores from the client: {json}");
    }

    #[test]
    fn the_plan_url_sits_beside_the_contact_endpoint() {
        assert_eq!(plan_url("https://x.example/api/contact"), "https://x.example/api/plan");
        assert_eq!(plan_url("https://x.example/contact?k=1#f"), "https://x.example/plan");
        assert_eq!(plan_url("/contact"), "/plan");
        assert_eq!(plan_url("https://x.example"), "https://x.example/plan");
        assert_eq!(plan_url("contact"), "plan");
    }
}
