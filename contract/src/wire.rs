//! The serde wire types (feature `wire`): what a receiver parses the JSON
//! payload into and answers with, each with its OpenAPI schema (utoipa), so
//! `GET /openapi.json` is generated from the same types the endpoint uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /contact` as JSON, schema `readiness-contact/1`. Unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    /// Always `readiness-contact/1`.
    #[schema(example = "readiness-contact/1")]
    pub schema: String,
    /// The answers, encoded: the only input to scoring (the receiver re-scores).
    pub result_code: String,
    /// Model version of the result code.
    pub model_version: u8,
    /// Overall picture id, for convenience; never trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<String>,
    /// Per-sign scores as the widget computed them, for the record only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<BTreeMap<String, Score>>,
    /// Who to contact.
    pub contact: Contact,
    /// The consent the visitor gave.
    pub consent: Consent,
    /// The host page, without its fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// UTM parameters of the host page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm: Option<Utm>,
    /// Context of the embed (`data-context-<key>` attributes): at most 10 keys of
    /// 1–32 characters (a–z, 0–9, `-`, `_`, starting with a letter), each value one
    /// line of 1–100 characters. Absent when the embed has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = json!({"campaign": "spring-26", "crm_id": "0031x00000AbCdE"}))]
    pub context: Option<BTreeMap<String, String>>,
    /// Language tag, e.g. `en`.
    pub locale: String,
    /// RFC 3339 time on the visitor's clock.
    pub client_time: String,
    /// Milliseconds from the start of the quiz to sending.
    pub elapsed_ms: u64,
    /// Milliseconds from opening the contact form to sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_ms: Option<u64>,
    /// Honeypot: empty from people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Sent from the team view: the team's codes and initials (`CODE.AB,CODE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_requested: Option<bool>,
    /// Issue 22: how often the visitor's browser opened the booking page from the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookings_opened: Option<u8>,
}

/// A sign's score and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// 0–100.
    pub score: u8,
    /// `strong`, `close`, `gap` or `not-answered`.
    pub status: String,
}

/// The visitor's contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 1–200 characters, one line.
    pub name: String,
    /// A work e-mail address (see `looks_like_email`).
    pub email: String,
    /// 1–200 characters, one line.
    pub company: String,
    /// Up to 5000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The consent box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Must be true.
    pub given: bool,
    /// The sentence the visitor agreed to.
    pub text: String,
}

/// UTM parameters (each up to 200 characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Utm {
    /// `utm_source`.
    pub source: Option<String>,
    /// `utm_medium`.
    pub medium: Option<String>,
    /// `utm_campaign`.
    pub campaign: Option<String>,
    /// `utm_term`.
    pub term: Option<String>,
    /// `utm_content`.
    pub content: Option<String>,
}

impl Utm {
    /// The values in [`crate::UTM_KEYS`] order.
    pub fn values(self) -> [Option<String>; 5] {
        [self.source, self.medium, self.campaign, self.term, self.content]
    }
}

/// 201 (stored) or 200 (a retry of a stored submission): the server's own scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Accepted {
    /// The stored submission's id.
    pub id: i64,
    /// Overall picture id.
    pub overall: String,
    /// Per-sign score and status, re-scored from the result code.
    pub scores: BTreeMap<String, Score>,
}

// --- Issue 22: the plan request ("e-mail me my plan") ---

/// `POST /plan` as JSON, schema `readiness-plan/1`: the result code and the visitor's own
/// address; no scores (the receiver re-scores). Unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// Always `readiness-plan/1`.
    #[schema(example = "readiness-plan/1")]
    pub schema: String,
    /// The answers, encoded: the only input to the plan.
    pub result_code: String,
    /// Model version of the result code.
    pub model_version: u8,
    /// Where the plan is e-mailed (see `looks_like_email`); not a marketing opt-in.
    pub email: String,
    /// The unticked box the visitor ticked ("send my plan to this address; nothing else").
    pub consent: Consent,
    /// Language tag of the widget: the e-mail's language.
    pub locale: String,
    /// The host page without its fragment: the e-mail's share link reopens the result there.
    pub page_url: String,
    /// The widget's instance name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

/// 202: the plan e-mail is queued in the outbox (200 with `Idempotent-Replayed` for a retry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PlanQueued {
    /// The plan request's id.
    pub id: i64,
}

/// Every refusal: `{error, reason, field?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: `malformed`, `invalid`, `forbidden-origin`, `timeout`, `too-large`,
    /// `unsupported-media-type`, `idempotency-conflict`, `rate-limited`, `storage`, `unavailable`,
    /// or for `POST /plan` `plan-limit` (this address or this recipient asked too often today) and
    /// `plan-off` (the endpoint sends no plan e-mail).
    pub error: String,
    /// A sentence for people.
    pub reason: String,
    /// The dotted field name, for `invalid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_widget_writes_parses_into_the_wire_type() {
        let mut payload = crate::encode::tests::sample();
        payload.form_ms = Some(2500);
        payload.team = Some("ABC.XY,DEF".into());
        let parsed: ContactRequest = serde_json::from_str(&payload.to_json()).expect("the encoder's JSON parses");
        assert_eq!(parsed.schema, crate::SCHEMA);
        assert_eq!(parsed.contact.name, payload.name);
        assert_eq!(parsed.contact.message.as_deref(), Some(payload.message.as_str()));
        assert_eq!(parsed.utm.unwrap().values(), payload.utm);
        assert_eq!(parsed.form_ms, Some(2500));
        assert_eq!(parsed.team, payload.team);
        assert_eq!(parsed.context, None);
        payload.context = vec![("campaign".into(), "spring-26".into())];
        let parsed: ContactRequest = serde_json::from_str(&payload.to_json()).expect("with context");
        assert_eq!(parsed.context.unwrap()["campaign"], "spring-26");
        assert_eq!(parsed.website.as_deref(), Some(""));
        assert_eq!(parsed.scores.unwrap()["tickets"].status, "not-answered");
    }

    #[test]
    fn the_plan_request_parses_what_the_widget_writes() {
        let payload = crate::plan::tests::sample();
        let parsed: PlanRequest = serde_json::from_str(&payload.to_json()).expect("the plan JSON parses");
        assert_eq!(parsed.schema, crate::PLAN_SCHEMA);
        assert_eq!(parsed.email, payload.email);
        assert_eq!(parsed.consent.text, payload.consent_text);
        assert_eq!(parsed.instance.as_deref(), Some("default"));
        let mut json: serde_json::Value = serde_json::from_str(&payload.to_json()).unwrap();
        json["scores"] = serde_json::json!({});
        assert!(
            serde_json::from_value::<PlanRequest>(json).is_err(),
            "no scores from the client"
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let mut json: serde_json::Value = serde_json::from_str(&crate::encode::tests::sample().to_json()).unwrap();
        json["surprise"] = serde_json::json!(1);
        assert!(serde_json::from_value::<ContactRequest>(json).is_err());
    }
}
