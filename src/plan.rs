//! Issue 22, "e-mail me my plan" as a pure state machine: form → sending →
//! sent (or kept for the next visit, or the day's limit reached, or refused
//! with a reason). One address field and an unticked consent box; nothing
//! leaves the browser before both are right. The POST lives in
//! `hooks::plan`, through the contact submission's `services::http`.

use readiness_contract::looks_like_email;

/// What stops a plan request, shown beside its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanProblem {
    /// The address is empty or is not one.
    InvalidEmail,
    /// The box is not ticked.
    NoConsent,
}

/// Where the plan request is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PlanStage {
    /// The form (empty, or with problems).
    #[default]
    Form,
    /// A request is under way.
    Sending,
    /// The endpoint queued the e-mail.
    Sent,
    /// Every attempt failed; kept in the browser and sent on the next visit.
    Kept,
    /// The address or this browser's network asked too often today (nothing was queued).
    Limited,
    /// The endpoint refused the request itself, with this reason.
    Refused(String),
}

/// The plan request of one widget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanFlow {
    /// Where it is.
    pub stage: PlanStage,
    /// The address typed.
    pub email: String,
    /// The unticked-by-default box.
    pub consent: bool,
    /// Problems to show, after the visitor pressed send.
    pub problems: Vec<PlanProblem>,
    /// The idempotency key of the request under way or kept.
    pub key: Option<String>,
    /// How often the booking page was opened from this result (reported only with a consented
    /// contact submission).
    pub bookings: u8,
}

/// What can happen to the plan request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAction {
    /// The address changed.
    Edit(String),
    /// The box changed.
    Consent(bool),
    /// Send, with a fresh idempotency key (made by the caller: the reducer stays pure).
    Send(String),
    /// The endpoint queued it.
    Delivered,
    /// All attempts failed; kept for the next visit.
    Kept,
    /// Past the day's limit.
    Limited,
    /// The endpoint refused it.
    Refused(String),
    /// The booking page was opened.
    Booked,
}

impl PlanFlow {
    /// Applies one action; invalid moves leave the flow as it was.
    pub fn apply(mut self, action: PlanAction) -> PlanFlow {
        let editable = matches!(self.stage, PlanStage::Form | PlanStage::Refused(_));
        match action {
            PlanAction::Edit(email) if editable => {
                self.email = email;
                self.stage = PlanStage::Form;
                if !self.problems.is_empty() {
                    self.problems = self.problems();
                }
            }
            PlanAction::Consent(given) if editable => {
                self.consent = given;
                if !self.problems.is_empty() {
                    self.problems = self.problems();
                }
            }
            // The one door to the network: a real address and the box ticked.
            PlanAction::Send(key) if editable => {
                self.problems = self.problems();
                if self.problems.is_empty() {
                    self.stage = PlanStage::Sending;
                    self.key = Some(key);
                }
            }
            PlanAction::Delivered if self.stage == PlanStage::Sending => self.stage = PlanStage::Sent,
            PlanAction::Kept if self.stage == PlanStage::Sending => self.stage = PlanStage::Kept,
            PlanAction::Limited if self.stage == PlanStage::Sending => self.stage = PlanStage::Limited,
            PlanAction::Refused(reason) if self.stage == PlanStage::Sending => self.stage = PlanStage::Refused(reason),
            PlanAction::Booked => self.bookings = self.bookings.saturating_add(1),
            _ => {}
        }
        self
    }

    /// Whether the plan was asked for (queued, or kept to be sent on the next visit).
    pub fn requested(&self) -> bool {
        matches!(self.stage, PlanStage::Sent | PlanStage::Kept)
    }

    /// Everything that stops a send, in form order.
    pub fn problems(&self) -> Vec<PlanProblem> {
        let mut problems = Vec::new();
        if !looks_like_email(self.email.trim()) {
            problems.push(PlanProblem::InvalidEmail);
        }
        if !self.consent {
            problems.push(PlanProblem::NoConsent);
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_sent_without_a_real_address_and_the_box_ticked() {
        let flow = PlanFlow::default().apply(PlanAction::Send("k1".into()));
        assert_eq!(flow.stage, PlanStage::Form);
        assert_eq!(flow.problems, vec![PlanProblem::InvalidEmail, PlanProblem::NoConsent]);
        let flow = flow
            .apply(PlanAction::Edit("ada@example".into()))
            .apply(PlanAction::Consent(true));
        assert_eq!(
            flow.problems,
            vec![PlanProblem::InvalidEmail],
            "problems follow the edits once shown"
        );
        let flow = flow.apply(PlanAction::Send("k2".into()));
        assert_eq!(flow.stage, PlanStage::Form, "still not an address");
        let flow = flow
            .apply(PlanAction::Edit(" ada@example.com ".into()))
            .apply(PlanAction::Send("k3".into()));
        assert_eq!(flow.stage, PlanStage::Sending);
        assert_eq!(flow.key.as_deref(), Some("k3"));
        assert!(flow.problems.is_empty());
    }

    #[test]
    fn outcomes_land_only_while_sending() {
        let ready = PlanFlow {
            email: "ada@example.com".into(),
            consent: true,
            ..PlanFlow::default()
        };
        assert_eq!(ready.clone().apply(PlanAction::Delivered).stage, PlanStage::Form);
        let sending = ready.apply(PlanAction::Send("k".into()));
        assert_eq!(sending.clone().apply(PlanAction::Delivered).stage, PlanStage::Sent);
        assert_eq!(sending.clone().apply(PlanAction::Kept).stage, PlanStage::Kept);
        assert_eq!(sending.clone().apply(PlanAction::Limited).stage, PlanStage::Limited);
        let refused = sending.clone().apply(PlanAction::Refused("why".into()));
        assert_eq!(refused.stage, PlanStage::Refused("why".into()));
        assert_eq!(
            refused.apply(PlanAction::Edit("bo@example.com".into())).stage,
            PlanStage::Form,
            "a refusal can be corrected"
        );
        assert_eq!(
            sending.apply(PlanAction::Edit("x".into())).email,
            "ada@example.com",
            "no edits while sending"
        );
    }
}
