//! The `lead.created` event every destination receives, fixed when the
//! submission is stored (so each retry sends the same bytes): the Standard
//! Webhooks shape `{type, timestamp, data}`, with the submission, the
//! server's own scores, the plan, and the suspected-spam flag.

use readiness_contract::UTM_KEYS;
use readiness_core::Report;
use serde_json::{json, Map, Value};

use crate::payload::Submission;

/// The event type.
pub const LEAD_CREATED: &str = "lead.created";

/// The event body as JSON text.
pub fn lead_created(id: i64, received_at: &str, submission: &Submission, report: &Report, spam: &[&str]) -> String {
    let scores: Map<String, Value> = report
        .signs()
        .iter()
        .map(|s| {
            (
                s.sign.as_str().to_owned(),
                json!({ "score": s.score, "status": s.status.as_str() }),
            )
        })
        .collect();
    let utm: Map<String, Value> = UTM_KEYS
        .iter()
        .zip(&submission.utm)
        .map(|(key, value)| ((*key).to_owned(), json!(value)))
        .collect();
    let plan: Vec<&str> = report.plan().iter().map(|sign| sign.as_str()).collect();
    json!({
        "type": LEAD_CREATED,
        "timestamp": received_at,
        "data": {
            "id": id,
            "received_at": received_at,
            "suspected_spam": !spam.is_empty(),
            "spam_reasons": spam,
            "contact": {
                "name": submission.name,
                "email": submission.email,
                "company": submission.company,
                "message": submission.message,
            },
            "consent_text": submission.consent_text,
            "result_code": submission.result_code.trim(),
            "model_version": report.model_version(),
            "overall": report.picture().as_str(),
            "scores": scores,
            "plan": plan,
            "page_url": submission.page_url,
            "utm": utm,
            "locale": submission.locale,
            "team": submission.team,
        }
    })
    .to_string()
}
