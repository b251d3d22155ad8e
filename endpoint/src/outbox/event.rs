//! The `lead.created` event every destination receives, fixed when the
//! submission is stored (so each retry sends the same bytes): the Standard
//! Webhooks shape `{type, timestamp, data}`, with the submission, the
//! server's own scores, the plan, and the suspected-spam flag. These types
//! are what `/openapi.json` documents under `webhooks` and what is sent.

use std::collections::BTreeMap;

use readiness_contract::wire::{Score, Utm};
use readiness_core::Report;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::payload::Submission;

/// The event type.
pub const LEAD_CREATED: &str = "lead.created";

/// `lead.created`: a submission was accepted (POSTed to each webhook URL, signed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadCreated {
    /// Always `lead.created`.
    #[serde(rename = "type")]
    #[schema(example = "lead.created")]
    pub kind: String,
    /// When it was received, RFC 3339 (UTC).
    pub timestamp: String,
    /// The lead.
    pub data: Lead,
}

/// The lead of a `lead.created` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// The stored submission's id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Whether a rule for bots tripped (the lead is still stored; it is not e-mailed).
    pub suspected_spam: bool,
    /// Which rules tripped.
    pub spam_reasons: Vec<String>,
    /// Who to contact.
    pub contact: LeadContact,
    /// The consent sentence the visitor agreed to.
    pub consent_text: String,
    /// The result code (opens the result again).
    pub result_code: String,
    /// The model version of the code.
    pub model_version: u8,
    /// The overall picture id.
    pub overall: String,
    /// Per sign, the server's score and status.
    pub scores: BTreeMap<String, Score>,
    /// The signs to work on, costliest first.
    pub plan: Vec<String>,
    /// The page the widget was on.
    pub page_url: Option<String>,
    /// UTM values of that page.
    pub utm: Utm,
    /// The widget's language.
    pub locale: String,
    /// The team link's codes and initials, when sent from the team view.
    pub team: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail (a `plan.sent` came before).
    #[serde(default)]
    pub plan_requested: bool,
    /// Issue 22: how often the visitor's browser opened the booking page from the result, as it
    /// reported with this submission.
    #[serde(default)]
    pub bookings_opened: u8,
    /// The embed's context (`data-context-<key>` attributes: a campaign id, a CRM id, the
    /// article's slug), by key; `{}` when the widget sent none.
    #[schema(example = json!({"campaign": "spring-26", "crm_id": "0031x00000AbCdE"}))]
    pub context: BTreeMap<String, String>,
}

/// The visitor's contact details as sent on (`message` is `null` when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadContact {
    /// Name.
    pub name: String,
    /// Work e-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The visitor's message.
    pub message: Option<String>,
}

/// The server's scores per sign, as the wire types carry them.
pub fn scores(report: &Report) -> BTreeMap<String, Score> {
    report
        .signs()
        .iter()
        .map(|s| {
            (
                s.sign.as_str().to_owned(),
                Score {
                    score: s.score,
                    status: s.status.as_str().to_owned(),
                },
            )
        })
        .collect()
}

/// The event for submission `id`.
pub fn lead_created(
    id: i64,
    received_at: &str,
    submission: &Submission,
    report: &Report,
    spam: &[&str],
) -> LeadCreated {
    let [source, medium, campaign, term, content] = submission.utm.clone();
    LeadCreated {
        kind: LEAD_CREATED.to_owned(),
        timestamp: received_at.to_owned(),
        data: Lead {
            id,
            received_at: received_at.to_owned(),
            suspected_spam: !spam.is_empty(),
            spam_reasons: spam.iter().map(|s| (*s).to_owned()).collect(),
            contact: LeadContact {
                name: submission.name.clone(),
                email: submission.email.clone(),
                company: submission.company.clone(),
                message: submission.message.clone(),
            },
            consent_text: submission.consent_text.clone(),
            result_code: submission.result_code.trim().to_owned(),
            model_version: report.model_version(),
            overall: report.picture().as_str().to_owned(),
            scores: scores(report),
            plan: report.plan().iter().map(|sign| sign.as_str().to_owned()).collect(),
            page_url: submission.page_url.clone(),
            utm: Utm {
                source,
                medium,
                campaign,
                term,
                content,
            },
            locale: submission.locale.clone(),
            team: submission.team.clone(),
            plan_requested: submission.plan_requested,
            bookings_opened: submission.bookings_opened,
            context: submission.context.clone(),
        },
    }
}

// --- Issue 22: `plan.sent` ---

/// The event type of a plan request.
pub const PLAN_SENT: &str = "plan.sent";

/// `plan.sent`: a visitor asked for their plan by e-mail; the e-mail is queued (POSTed to each
/// webhook URL, signed, `webhook-id` `plan_<id>`). Not a lead: no address, no name. A lead comes
/// only from the contact form (`lead.created`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSent {
    /// Always `plan.sent`.
    #[serde(rename = "type")]
    #[schema(example = "plan.sent")]
    pub kind: String,
    /// When it was asked for, RFC 3339 (UTC).
    pub timestamp: String,
    /// The plan asked for.
    pub data: PlanSentData,
}

/// What a `plan.sent` event tells sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSentData {
    /// The plan request's id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub requested_at: String,
    /// The result code (opens the result again).
    pub result_code: String,
    /// The model version of the code.
    pub model_version: u8,
    /// The overall picture id.
    pub overall: String,
    /// Per sign, the server's score and status.
    pub scores: BTreeMap<String, Score>,
    /// The signs to work on, costliest first.
    pub plan: Vec<String>,
    /// The e-mail's language.
    pub locale: String,
    /// The page the widget was on (without its fragment).
    pub page_url: String,
}

/// The `plan.sent` event of plan request `id`.
pub fn plan_sent(id: i64, requested_at: &str, code: &str, report: &Report, locale: &str, page_url: &str) -> PlanSent {
    PlanSent {
        kind: PLAN_SENT.to_owned(),
        timestamp: requested_at.to_owned(),
        data: PlanSentData {
            id,
            requested_at: requested_at.to_owned(),
            result_code: code.to_owned(),
            model_version: report.model_version(),
            overall: report.picture().as_str().to_owned(),
            scores: scores(report),
            plan: report.plan().iter().map(|sign| sign.as_str().to_owned()).collect(),
            locale: locale.to_owned(),
            page_url: page_url.to_owned(),
        },
    }
}
