//! What goes into the store and what comes out: plain data, the same for
//! both engines. Nothing here knows HTTP, the outbox's senders or SQL.

use std::fmt;
use std::str::FromStr;

use readiness_core::SignId;

/// Column order of `submissions` in the exports (CSV header, JSON keys), then `deliveries`.
pub const COLUMNS: [&str; 35] = [
    "id",
    "received_at",
    "name",
    "email",
    "company",
    "message",
    "consent_text",
    "result_code",
    "model_version",
    "overall",
    "score_tickets",
    "status_tickets",
    "score_documentation",
    "status_documentation",
    "score_spec_ownership",
    "status_spec_ownership",
    "score_feedback",
    "status_feedback",
    "score_unblocking",
    "status_unblocking",
    "page_url",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "locale",
    "client_time",
    "elapsed_ms",
    "client_scores_matched",
    "idempotency_key",
    "schema",
    "team",
    "suspected_spam",
    "context",
];

/// A delivery's state in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeliveryState {
    /// Not made yet: due, leased or waiting for its next attempt.
    Pending,
    /// A 2xx came back (or the mail server took it).
    Delivered,
    /// Out of attempts or age, or refused for good: a dead letter.
    Dead,
}

impl DeliveryState {
    /// Every state, in the order a delivery moves through them.
    pub const ALL: [DeliveryState; 3] = [DeliveryState::Pending, DeliveryState::Delivered, DeliveryState::Dead];

    /// As stored and as written on the command line and in the sales view's filter.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Dead => "dead",
        }
    }
}

impl fmt::Display for DeliveryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeliveryState {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        DeliveryState::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| format!("`{value}` is not a delivery state (pending, delivered, dead)"))
    }
}

/// One submission's columns, as the core write stores them.
#[derive(Debug, Clone)]
pub struct SubmissionRow {
    /// RFC 3339, UTC (text order is time order).
    pub received_at: String,
    /// Contact name.
    pub name: String,
    /// Contact e-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The visitor's message.
    pub message: Option<String>,
    /// The consent sentence shown.
    pub consent_text: String,
    /// The result code, trimmed.
    pub result_code: String,
    /// The code's model version.
    pub model_version: i64,
    /// The overall picture id.
    pub overall: String,
    /// Score and status per sign, in the article's order.
    pub scores: [(i64, &'static str); 5],
    /// The host page.
    pub page_url: Option<String>,
    /// `utm_source` … `utm_content`.
    pub utm: [Option<String>; 5],
    /// Language tag.
    pub locale: String,
    /// The visitor's clock.
    pub client_time: String,
    /// Milliseconds from quiz start to send.
    pub elapsed_ms: i64,
    /// Whether the client's scores matched the server's.
    pub client_scores_matched: bool,
    /// The schema id sent.
    pub schema: String,
    /// The team link, if sent.
    pub team: Option<String>,
    /// Why it is suspected spam (comma-separated), if it is.
    pub suspected_spam: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail.
    pub plan_requested: bool,
    /// Issue 22: how often the visitor's browser opened the booking page.
    pub bookings_opened: i64,
    /// The embed's context as a JSON object (see [`context_to_json`]), if any was sent.
    pub context: Option<String>,
}

/// One row of the outbox to write with the submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// `webhook` or `email`.
    pub kind: &'static str,
    /// The URL or the addresses.
    pub target: String,
}

/// What the caller renders once the submission's id is known, inside the write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The event every queued delivery carries.
    pub event: String,
    /// Its `webhook-id`, the same on every attempt to every destination.
    pub message_id: String,
    /// The answer kept for replays of the key.
    pub answer: String,
}

/// The core write: a submission under its idempotency key, with its deliveries, in one transaction.
pub struct NewSubmission {
    /// The idempotency key.
    pub key: String,
    /// SHA-256 of the request body, hex.
    pub request_hash: String,
    /// Unix seconds (the key's age is counted from it).
    pub created_unix: i64,
    /// Unix ms: when the deliveries are queued and first due.
    pub queued_ms: i64,
    /// The columns.
    pub row: SubmissionRow,
    /// One delivery each.
    pub queue: Vec<Queued>,
    /// Given the new id: the event and the answer.
    pub render: Box<dyn FnOnce(i64) -> Rendered + Send>,
}

/// How the core write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Stored now: the answer rendered.
    Created(String),
    /// The key was stored before with the same body: its first answer.
    Replayed(String),
    /// The key was pruned, its submission is still here (same body, or one stored before hashes
    /// were kept): the caller answers from the stored scores.
    Recovered(StoredAnswer),
    /// The key was used for a different body.
    Conflict,
}

/// The scores stored with a submission, for an answer recovered after its key was pruned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    /// Row id.
    pub id: i64,
    /// Overall picture id.
    pub overall: String,
    /// Score and status per sign, in the article's order.
    pub scores: [(i64, String); 5],
}

/// A claimed delivery, to attempt now.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// `webhook` or `email`.
    pub kind: String,
    /// The URL or the addresses.
    pub target: String,
    /// `webhook-id`.
    pub message_id: String,
    /// The event body.
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
    /// When it was enqueued (unix ms).
    pub created_at: i64,
}

/// A delivery as listed by `readiness-endpoint deliveries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    /// Row id.
    pub id: i64,
    /// The submission delivered.
    pub submission_id: i64,
    /// `webhook` or `email`.
    pub kind: String,
    /// The URL or the addresses.
    pub target: String,
    /// `webhook-id`.
    pub message_id: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The plan request delivered (issue 22; then `submission_id` is 0).
    pub plan_request_id: Option<i64>,
}

/// How many deliveries of one destination are in one state (for operators and `/metrics`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDepth {
    /// `webhook` or `email`.
    pub kind: String,
    /// The URL or the addresses.
    pub target: String,
    /// The state counted.
    pub state: DeliveryState,
    /// How many.
    pub count: u64,
}

/// Which submissions a sales-view read covers; every `None` is "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// A sign id (`tickets`, …) whose status must be one of `statuses`.
    pub sign: Option<&'static str>,
    /// The two statuses the sign may have (the same twice for one).
    pub statuses: (&'static str, &'static str),
    /// First day (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`), inclusive.
    pub to: Option<String>,
    /// Suspected spam only (`true`), or none of it (`false`).
    pub spam: Option<bool>,
    /// Only submissions with a delivery in this state.
    pub delivery: Option<DeliveryState>,
}

/// One line of the sales view's list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    /// Row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Contact name.
    pub name: String,
    /// Contact e-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The overall picture.
    pub overall: String,
    /// The five statuses, in the article's order.
    pub statuses: [String; 5],
    /// Why it is suspected spam (comma-separated reasons), if it is.
    pub suspected_spam: Option<String>,
}

/// One page of the list and how many match in all.
#[derive(Debug, Clone)]
pub struct Page {
    /// The lines of this page.
    pub lines: Vec<Line>,
    /// Matches in all pages.
    pub total: u32,
}

/// Everything a submission's page shows.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The visitor's message.
    pub message: Option<String>,
    /// The consent sentence the visitor saw and agreed to.
    pub consent_text: String,
    /// The result code, re-scored for the page.
    pub result_code: String,
    /// The page the widget was on.
    pub page_url: Option<String>,
    /// `utm_*` values that were sent, as (key, value).
    pub utm: Vec<(&'static str, String)>,
    /// The widget's language.
    pub locale: String,
    /// The team link's codes and initials, if sent.
    pub team: Option<String>,
    /// The embed's context (`data-context-*`), by key.
    pub context: Vec<(String, String)>,
    /// Whether the widget's scores matched the server's.
    pub client_scores_matched: bool,
    /// Why it is suspected spam (comma-separated reasons), if it is.
    pub suspected_spam: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail.
    pub plan_requested: bool,
    /// Issue 22: how often the visitor's browser opened the booking page.
    pub bookings_opened: i64,
    /// Submissions with the same e-mail (this one included).
    pub same_person: u32,
    /// Its deliveries, in the order they were queued.
    pub deliveries: Vec<Delivery>,
}

/// One delivery of a submission (a webhook or an e-mail) and how its attempts went.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `webhook` or `email`.
    pub kind: String,
    /// The URL or the address.
    pub target: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made.
    pub attempts: u32,
    /// Queued at, unix ms.
    pub created_at: i64,
    /// The next attempt, unix ms (pending only).
    pub next_attempt_at: i64,
    /// Delivered at, unix ms.
    pub delivered_at: Option<i64>,
    /// The last attempt's error.
    pub last_error: Option<String>,
}

/// Per sign, how many submissions are strong, close or gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Submissions in the period.
    pub total: u32,
    /// `[strong, close, gap]` per sign, in the article's order.
    pub counts: [(SignId, [u32; 3]); 5],
    /// Plan e-mails asked for in the period (issue 22): not leads, counted apart.
    pub plans: u32,
}

/// What an erasure deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Erased {
    /// Submissions deleted.
    pub submissions: usize,
    /// Deliveries (webhook, e-mail) not yet made that were deleted with them.
    pub deliveries: usize,
    /// Plan requests (issue 22) deleted.
    pub plans: usize,
}

impl fmt::Display for Erased {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, d) = (self.submissions, self.deliveries);
        let submissions = if s == 1 { "submission" } else { "submissions" };
        let deliveries = if d == 1 {
            "pending delivery"
        } else {
            "pending deliveries"
        };
        match self.plans {
            0 => write!(f, "erased {s} {submissions} and {d} {deliveries}"),
            p => {
                let plans = if p == 1 { "plan request" } else { "plan requests" };
                write!(f, "erased {s} {submissions}, {p} {plans} and {d} {deliveries}")
            }
        }
    }
}

// --- Issue 22: plan requests ("e-mail me my plan") ---

/// A plan request to store with its deliveries, in one transaction: unless its key was seen (a
/// retry) or its recipient reached the daily limit.
pub struct NewPlan {
    /// The idempotency key.
    pub key: String,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Unix seconds.
    pub created_unix: i64,
    /// Where the plan goes.
    pub email: String,
    /// The e-mail's language.
    pub locale: String,
    /// The result code, trimmed.
    pub result_code: String,
    /// Requests to this recipient created after this (unix seconds) count toward the limit.
    pub since_unix: i64,
    /// How many requests per recipient since then are allowed.
    pub per_recipient: u32,
    /// Unix ms: when the deliveries are queued and first due.
    pub queued_ms: i64,
    /// One delivery each: kind `plan` (the e-mail) or `webhook` (`plan.sent`).
    pub queue: Vec<Queued>,
    /// Given the new id: the payloads.
    pub render: Box<dyn FnOnce(i64) -> PlanRendered + Send>,
}

/// What a plan request's deliveries carry, rendered once its id is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRendered {
    /// The `plan` delivery's payload: what the e-mail is built from.
    pub mail: String,
    /// The `plan.sent` event the webhooks carry.
    pub event: String,
    /// The `webhook-id` (and the e-mail's Message-ID).
    pub message_id: String,
}

impl PlanRendered {
    /// The payload of a delivery of `kind`.
    pub fn payload(&self, kind: &str) -> &str {
        if kind == "plan" {
            &self.mail
        } else {
            &self.event
        }
    }
}

/// How a plan request's write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanWritten {
    /// Stored now, with this id.
    Created(i64),
    /// The key was stored before: that request's id, nothing queued again.
    Replayed(i64),
    /// The recipient reached the daily limit: nothing stored.
    Limited,
}

// ---- issue 21: the embed's context ----

/// The `context` column: the values as one JSON object (keys sorted), `None` when there are none.
pub fn context_to_json(context: &std::collections::BTreeMap<String, String>) -> Option<String> {
    (!context.is_empty()).then(|| serde_json::to_string(context).unwrap_or_default())
}

/// The `context` column read back; a cell that is not a JSON object of strings reads as none.
pub fn context_from_json(cell: Option<String>) -> Vec<(String, String)> {
    cell.and_then(|text| serde_json::from_str::<std::collections::BTreeMap<String, String>>(&text).ok())
        .map(|map| map.into_iter().collect())
        .unwrap_or_default()
}

/// `utm_*` keys in column order, for the submission page.
pub(crate) const UTM: [&str; 5] = ["source", "medium", "campaign", "term", "content"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_states_round_trip_and_unknown_ones_are_named() {
        for state in DeliveryState::ALL {
            assert_eq!(state.as_str().parse::<DeliveryState>(), Ok(state));
        }
        assert!("gone".parse::<DeliveryState>().unwrap_err().contains("gone"));
    }
}

/// A connection pool's use at one moment (`/metrics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections lent out.
    pub in_use: usize,
    /// Open and idle.
    pub idle: usize,
    /// The most the pool opens.
    pub max: usize,
    /// Requests waiting for a connection.
    pub waiting: usize,
}

// --- Anonymous counts (issue 23) ---

pub use readiness_contract::count::Milestone;

/// One counter's key: a day (`YYYY-MM-DD`, UTC), a page's path, a locale, an intro variant,
/// a model version and a milestone. Nothing about who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountKey {
    /// `YYYY-MM-DD`, the receiver's day.
    pub day: String,
    /// The host page's path.
    pub path: String,
    /// The widget's locale tag.
    pub locale: String,
    /// The intro variant shown.
    pub variant: String,
    /// The scoring model's version.
    pub model_version: u8,
    /// The milestone reached.
    pub milestone: Milestone,
}

/// Which counts to read: a period (days inclusive, either end open) and one path or all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountQuery {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// One page's path, or every path.
    pub path: Option<String>,
}

/// A count of a period, summed over its days and model versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// The host page's path.
    pub path: String,
    /// The widget's locale tag.
    pub locale: String,
    /// The intro variant.
    pub variant: String,
    /// The milestone.
    pub milestone: Milestone,
    /// How many beacons.
    pub count: u64,
}
