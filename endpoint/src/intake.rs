//! "Store the submission and queue its deliveries", as one service that
//! `POST /contact` calls: it turns a validated submission into the store's
//! [`NewSubmission`] (the row, one outbox row per destination, the event and
//! the answer rendered once the id is known) and the store's outcome into
//! the answer sent. The store writes it all in one transaction.

use readiness_contract::wire::{Accepted, Score};
use readiness_core::Report;

use crate::error::ApiError;
use crate::outbox::{self, event, Destination};
use crate::payload::Submission;
use crate::store::{NewSubmission, Rendered, Store, StoreError, StoredAnswer, SubmissionRow, Written};

/// What `POST /contact` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    /// Stored now (201).
    Created(Accepted),
    /// A retry of a stored submission: its first answer (200, `Idempotent-Replayed`).
    Replayed(Accepted),
}

/// A submission to accept: checked, scored, its key and body hash.
pub struct Accept {
    /// The idempotency key.
    pub key: String,
    /// SHA-256 of the body, hex.
    pub request_hash: String,
    /// The submission, validated.
    pub submission: Submission,
    /// The server's scores.
    pub report: Report,
    /// Why it is suspected spam (empty: it is not).
    pub spam: Vec<&'static str>,
}

/// Stores `accept` under its key with one delivery per destination (no e-mail for suspected
/// spam), or answers a replay of the key; a key reused for another body is a conflict.
pub async fn accept(store: &Store, destinations: &[Destination], accept: Accept) -> Result<Intake, ApiError> {
    let Accept {
        key,
        request_hash,
        submission,
        report,
        spam,
    } = accept;
    let now = time::OffsetDateTime::now_utc();
    let received_at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let elapsed_ms = i64::try_from(submission.elapsed_ms).map_err(|_| ApiError::invalid("elapsed_ms", "too large"))?;
    let queue = destinations
        .iter()
        .filter(|d| spam.is_empty() || !matches!(d, Destination::Email(_)))
        .map(Destination::queued)
        .collect();
    let row = row(&submission, &report, &spam, received_at.clone(), elapsed_ms);
    let render = Box::new(move |id: i64| {
        let lead = event::lead_created(id, &received_at, &submission, &report, &spam);
        let answer = Accepted {
            id,
            overall: report.picture().as_str().to_owned(),
            scores: event::scores(&report),
        };
        Rendered {
            event: serde_json::to_string(&lead).expect("the event serializes"),
            message_id: outbox::message_id(id),
            answer: serde_json::to_string(&answer).expect("the answer serializes"),
        }
    });
    let written = store
        .insert_submission(NewSubmission {
            key,
            request_hash,
            created_unix: now.unix_timestamp(),
            queued_ms: outbox::now_ms(),
            row,
            queue,
            render,
        })
        .await?;
    match written {
        Written::Created(answer) => Ok(Intake::Created(parse(&answer)?)),
        Written::Replayed(answer) => Ok(Intake::Replayed(parse(&answer)?)),
        Written::Recovered(stored) => Ok(Intake::Replayed(recovered(stored))),
        Written::Conflict => Err(ApiError::IdempotencyConflict),
    }
}

/// A kept answer, read back into its type.
fn parse(answer: &str) -> Result<Accepted, ApiError> {
    serde_json::from_str(answer)
        .map_err(|e| ApiError::Store(StoreError::Failed(format!("a kept answer does not parse: {e}"))))
}

/// The answer of a submission whose key was pruned, from its stored scores.
fn recovered(stored: StoredAnswer) -> Accepted {
    let scores = readiness_core::SignId::ALL
        .iter()
        .zip(stored.scores)
        .map(|(sign, (score, status))| {
            (
                sign.as_str().to_owned(),
                Score {
                    score: u8::try_from(score).unwrap_or(u8::MAX),
                    status,
                },
            )
        })
        .collect();
    Accepted {
        id: stored.id,
        overall: stored.overall,
        scores,
    }
}

/// The columns of `submission`.
fn row(submission: &Submission, report: &Report, spam: &[&str], received_at: String, elapsed_ms: i64) -> SubmissionRow {
    let signs = report.signs();
    let score = |i: usize| (i64::from(signs[i].score), signs[i].status.as_str());
    SubmissionRow {
        received_at,
        name: submission.name.clone(),
        email: submission.email.clone(),
        company: submission.company.clone(),
        message: submission.message.clone(),
        consent_text: submission.consent_text.clone(),
        result_code: submission.result_code.trim().to_owned(),
        model_version: i64::from(report.model_version()),
        overall: report.picture().as_str().to_owned(),
        scores: [score(0), score(1), score(2), score(3), score(4)],
        page_url: submission.page_url.clone(),
        utm: submission.utm.clone(),
        locale: submission.locale.clone(),
        client_time: submission.client_time.clone(),
        elapsed_ms,
        client_scores_matched: submission.client_scores_match(report),
        schema: submission.schema.clone(),
        team: submission.team.clone(),
        context: crate::store::context_to_json(&submission.context),
        suspected_spam: (!spam.is_empty()).then(|| spam.join(",")),
        plan_requested: submission.plan_requested,
        bookings_opened: i64::from(submission.bookings_opened),
    }
}
