//! The contact hand-off as a pure state machine: form → preview → sending →
//! sent (or kept for later, or refused with a reason). The HTTP itself lives
//! in `services::http`; the app turns `Sending` into a request.

/// A field of the contact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The visitor's name.
    Name,
    /// Their work email.
    Email,
    /// Their company.
    Company,
    /// Optional free text.
    Message,
    /// The honeypot: hidden from people (and assistive technology), filled only by bots.
    Website,
}

/// What the visitor typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    /// Name.
    pub name: String,
    /// Work email.
    pub email: String,
    /// Company.
    pub company: String,
    /// Optional message.
    pub message: String,
    /// The unticked-by-default consent box.
    pub consent: bool,
    /// The hidden honeypot's value: empty from people.
    pub website: String,
}

/// A problem with what was typed, shown next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// Empty where required.
    Required(Field),
    /// Not an email address.
    InvalidEmail,
    /// Consent not given.
    NoConsent,
}

/// Where the hand-off is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Stage {
    /// Only the call to action shows.
    #[default]
    Closed,
    /// The form is open.
    Form,
    /// The visitor sees exactly what will be sent.
    Preview,
    /// A request is under way; `retrying` after a failed attempt.
    Sending {
        /// Attempts that failed so far.
        failures: u8,
    },
    /// The endpoint stored it.
    Sent,
    /// Every attempt failed; the submission waits in the browser for the next visit.
    Kept,
    /// The endpoint refused the submission itself (400, 413, 415, 422) with this reason.
    Refused(String),
}

/// The contact hand-off of one widget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFlow {
    /// Where it is.
    pub stage: Stage,
    /// What was typed.
    pub fields: ContactFields,
    /// Whether the free-text message goes out (the visitor can leave it out in the preview).
    pub include_message: bool,
    /// Problems to show, after the visitor asked to review.
    pub problems: Vec<FieldProblem>,
    /// The idempotency key of the attempt under way or kept.
    pub key: Option<String>,
    /// Set when a submission kept from an earlier visit was delivered.
    pub delivered_from_queue: bool,
    /// Set when the endpoint refused a submission kept from an earlier visit.
    pub queue_refused: Option<String>,
}

/// What can happen in the hand-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactAction {
    /// Open the form.
    Open,
    /// Close it (keeps what was typed).
    Close,
    /// A field changed.
    Edit(Field, String),
    /// The consent box changed.
    Consent(bool),
    /// Validate and show the preview.
    Review,
    /// From the preview back to the form.
    BackToForm,
    /// In the preview: send the message or not.
    IncludeMessage(bool),
    /// Send, with a fresh idempotency key (made by the caller: the reducer stays pure).
    Send(String),
    /// An attempt failed and another follows.
    AttemptFailed,
    /// The endpoint accepted it.
    Delivered,
    /// All attempts failed; kept for the next visit.
    Kept,
    /// The endpoint refused it.
    Refused(String),
    /// A submission kept from an earlier visit arrived.
    QueueDelivered,
    /// A submission kept from an earlier visit was refused, with this reason.
    QueueRefused(String),
}

impl ContactFlow {
    /// Applies one action; invalid moves leave the flow as it was.
    pub fn apply(mut self, action: ContactAction) -> ContactFlow {
        match action {
            ContactAction::Open if matches!(self.stage, Stage::Closed | Stage::Refused(_)) => {
                self.stage = Stage::Form;
                self.include_message = true;
            }
            ContactAction::Close if matches!(self.stage, Stage::Form | Stage::Preview | Stage::Refused(_)) => {
                self.stage = Stage::Closed;
            }
            ContactAction::Edit(field, value) if self.stage == Stage::Form => {
                *self.fields.get_mut(field) = value;
                if !self.problems.is_empty() {
                    self.problems = self.fields.problems();
                }
            }
            ContactAction::Consent(given) if self.stage == Stage::Form => {
                self.fields.consent = given;
                if !self.problems.is_empty() {
                    self.problems = self.fields.problems();
                }
            }
            ContactAction::Review if self.stage == Stage::Form => {
                self.problems = self.fields.problems();
                if self.problems.is_empty() {
                    self.stage = Stage::Preview;
                }
            }
            ContactAction::BackToForm if matches!(self.stage, Stage::Preview | Stage::Refused(_)) => {
                self.stage = Stage::Form;
            }
            ContactAction::IncludeMessage(include) if self.stage == Stage::Preview => self.include_message = include,
            // Only from the preview, and only with consent: the one door to the network.
            ContactAction::Send(key) if self.stage == Stage::Preview && self.fields.consent => {
                self.stage = Stage::Sending { failures: 0 };
                self.key = Some(key);
            }
            ContactAction::AttemptFailed => {
                if let Stage::Sending { failures } = self.stage {
                    self.stage = Stage::Sending {
                        failures: failures.saturating_add(1),
                    };
                }
            }
            ContactAction::Delivered if matches!(self.stage, Stage::Sending { .. }) => self.stage = Stage::Sent,
            ContactAction::Kept if matches!(self.stage, Stage::Sending { .. }) => self.stage = Stage::Kept,
            ContactAction::Refused(reason) if matches!(self.stage, Stage::Sending { .. }) => {
                self.stage = Stage::Refused(reason);
            }
            ContactAction::QueueDelivered => self.delivered_from_queue = true,
            ContactAction::QueueRefused(reason) => self.queue_refused = Some(reason),
            _ => {}
        }
        self
    }

    /// The message as it will be sent: empty when left out.
    pub fn message_to_send(&self) -> &str {
        if self.include_message {
            self.fields.message.trim()
        } else {
            ""
        }
    }
}

impl ContactFields {
    fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Name => &mut self.name,
            Field::Email => &mut self.email,
            Field::Company => &mut self.company,
            Field::Message => &mut self.message,
            Field::Website => &mut self.website,
        }
    }

    /// Everything that stops a send, in form order.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(FieldProblem::Required(Field::Name));
        }
        if self.email.trim().is_empty() {
            problems.push(FieldProblem::Required(Field::Email));
        } else if !looks_like_email(self.email.trim()) {
            problems.push(FieldProblem::InvalidEmail);
        }
        if self.company.trim().is_empty() {
            problems.push(FieldProblem::Required(Field::Company));
        }
        if !self.consent {
            problems.push(FieldProblem::NoConsent);
        }
        problems
    }
}

/// The endpoint's own rule, from the shared contract.
pub use readiness_contract::looks_like_email;

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ContactFlow {
        [
            ContactAction::Open,
            ContactAction::Edit(Field::Name, "Ada".into()),
            ContactAction::Edit(Field::Email, "ada@example.com".into()),
            ContactAction::Edit(Field::Company, "Engines".into()),
            ContactAction::Edit(Field::Message, "Hello".into()),
        ]
        .into_iter()
        .fold(ContactFlow::default(), ContactFlow::apply)
    }

    #[test]
    fn review_without_consent_stays_on_the_form_and_says_why() {
        let flow = filled().apply(ContactAction::Review);
        assert_eq!(flow.stage, Stage::Form);
        assert_eq!(flow.problems, [FieldProblem::NoConsent]);
    }

    #[test]
    fn nothing_can_be_sent_without_consent() {
        let mut flow = filled();
        flow.stage = Stage::Preview; // even if the preview were reached some other way
        let flow = flow.apply(ContactAction::Send("k".into()));
        assert_eq!(flow.stage, Stage::Preview);
        assert_eq!(flow.key, None);
    }

    #[test]
    fn consent_then_review_then_send() {
        let flow = filled()
            .apply(ContactAction::Consent(true))
            .apply(ContactAction::Review)
            .apply(ContactAction::Send("key-1".into()));
        assert_eq!(flow.stage, Stage::Sending { failures: 0 });
        assert_eq!(flow.key.as_deref(), Some("key-1"));
    }

    #[test]
    fn a_second_send_while_sending_is_ignored() {
        let flow = filled()
            .apply(ContactAction::Consent(true))
            .apply(ContactAction::Review)
            .apply(ContactAction::Send("key-1".into()))
            .apply(ContactAction::Send("key-2".into()));
        assert_eq!(flow.key.as_deref(), Some("key-1"), "a double click sends one attempt");
    }

    #[test]
    fn the_message_can_be_left_out_in_the_preview() {
        let flow = filled()
            .apply(ContactAction::Consent(true))
            .apply(ContactAction::Review);
        assert_eq!(flow.message_to_send(), "Hello");
        assert_eq!(flow.apply(ContactAction::IncludeMessage(false)).message_to_send(), "");
    }

    #[test]
    fn failures_count_then_end_kept_or_sent() {
        let sending = filled()
            .apply(ContactAction::Consent(true))
            .apply(ContactAction::Review)
            .apply(ContactAction::Send("k".into()))
            .apply(ContactAction::AttemptFailed);
        assert_eq!(sending.stage, Stage::Sending { failures: 1 });
        assert_eq!(sending.clone().apply(ContactAction::Kept).stage, Stage::Kept);
        assert_eq!(sending.clone().apply(ContactAction::Delivered).stage, Stage::Sent);
        let refused = sending.apply(ContactAction::Refused("bad email".into()));
        assert_eq!(refused.stage, Stage::Refused("bad email".into()));
        assert_eq!(refused.apply(ContactAction::BackToForm).stage, Stage::Form);
    }

    #[test]
    fn problems_list_every_missing_field() {
        let flow = ContactFlow::default()
            .apply(ContactAction::Open)
            .apply(ContactAction::Review);
        assert_eq!(
            flow.problems,
            [
                FieldProblem::Required(Field::Name),
                FieldProblem::Required(Field::Email),
                FieldProblem::Required(Field::Company),
                FieldProblem::NoConsent
            ]
        );
        // Fixing a field updates the list at once.
        let flow = flow.apply(ContactAction::Edit(Field::Name, "Ada".into()));
        assert!(!flow.problems.contains(&FieldProblem::Required(Field::Name)));
    }
}
