//! A visitor's answers, complete or partial.

use crate::error::{Error, ErrorKind};
use crate::model::{Model, QuestionIndex, QuestionKind, TICKETS};
use crate::sign::SignId;

/// The verdict on one ticket: could an outsider tell what done looks like?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Largely, without a call.
    Yes,
    /// Only with some context from someone.
    Partly,
    /// Not without the author explaining it.
    No,
}

impl Verdict {
    /// All three, best first (the model's verdict order).
    pub const ALL: [Verdict; 3] = [Verdict::Yes, Verdict::Partly, Verdict::No];
}

impl From<Verdict> for u8 {
    fn from(v: Verdict) -> u8 {
        v as u8
    }
}

impl TryFrom<u8> for Verdict {
    type Error = Error;

    fn try_from(value: u8) -> Result<Self, Error> {
        Verdict::ALL
            .get(usize::from(value))
            .copied()
            .ok_or_else(|| Error::new(ErrorKind::AnswerOutOfRange))
    }
}

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// For a ticket review: a verdict per ticket, `None` where not yet given.
    Tickets([Option<Verdict>; TICKETS]),
    /// For a checklist: bit `i` set when item `i` exists. Zero means "none of these".
    Checked(u8),
    /// For a single choice or pick-the-comment: the option's position.
    Choice(u8),
}

impl Answer {
    /// Whether this answer, on its own, counts as answered (every ticket judged).
    pub fn is_complete(&self) -> bool {
        match self {
            Answer::Tickets(verdicts) => verdicts.iter().all(Option::is_some),
            Answer::Checked(_) | Answer::Choice(_) => true,
        }
    }

    /// Checks the answer against a question of the model.
    fn validate(&self, kind: QuestionKind, choices: usize) -> Result<(), Error> {
        let fits = match (self, kind) {
            (Answer::Tickets(_), QuestionKind::TicketReview) => true,
            (Answer::Checked(bits), QuestionKind::Checklist) => {
                if u32::from(*bits) >> choices != 0 {
                    return Err(Error::new(ErrorKind::AnswerOutOfRange));
                }
                true
            }
            (Answer::Choice(option), QuestionKind::SingleChoice | QuestionKind::PickComment) => {
                if usize::from(*option) >= choices {
                    return Err(Error::new(ErrorKind::AnswerOutOfRange));
                }
                true
            }
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::WrongAnswerKind))
        }
    }
}

/// Answers to the current model's questions; any may be missing.
///
/// ```
/// use readiness_core::{Answer, Answers, Model};
/// let model = Model::current();
/// let mut answers = Answers::new();
/// let q = model.question_index("unblock.speed").unwrap();
/// answers.set(q, Answer::Choice(1)).unwrap();
/// assert_eq!(answers.get(q), Some(Answer::Choice(1)));
/// assert_eq!(answers.answered_count(), 1);
/// assert!(answers.set(q, Answer::Choice(99)).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Answers {
    slots: Vec<Option<Answer>>,
}

impl Default for Answers {
    fn default() -> Self {
        Answers::new()
    }
}

impl Answers {
    /// No answers yet.
    pub fn new() -> Self {
        Answers {
            slots: vec![None; Model::current().question_count()],
        }
    }

    /// Sets an answer after checking that it fits the question.
    pub fn set(&mut self, index: QuestionIndex, answer: Answer) -> Result<(), Error> {
        let question = Model::current().question(index);
        answer.validate(question.kind, question.choices.len())?;
        self.slots[index.get()] = Some(answer);
        Ok(())
    }

    /// Removes an answer.
    pub fn clear(&mut self, index: QuestionIndex) {
        self.slots[index.get()] = None;
    }

    /// The answer given, complete or not.
    pub fn get(&self, index: QuestionIndex) -> Option<Answer> {
        self.slots[index.get()]
    }

    /// Whether the question is asked: it has no `shown_when`, or the earlier
    /// answer it depends on is one of the listed options. A hidden question's
    /// answer is kept (the visitor may change their mind) but neither counts,
    /// nor is scored, nor travels in a result code.
    pub fn is_shown(&self, index: QuestionIndex) -> bool {
        match Model::current().question(index).shown_when {
            None => true,
            Some(condition) => {
                matches!(self.get(condition.question), Some(Answer::Choice(o)) if condition.any_of & (1 << o) != 0)
            }
        }
    }

    /// The answer, only if it is complete and its question is shown (counts for scoring).
    pub fn complete(&self, index: QuestionIndex) -> Option<Answer> {
        self.get(index)
            .filter(Answer::is_complete)
            .filter(|_| self.is_shown(index))
    }

    /// The questions asked with these answers, in order.
    pub fn shown(&self) -> impl Iterator<Item = QuestionIndex> + '_ {
        Model::current()
            .questions()
            .map(|(index, _, _)| index)
            .filter(|index| self.is_shown(*index))
    }

    /// How many questions the visitor can still expect to be asked: the shown
    /// ones plus those whose deciding answer is not given yet (the progress
    /// total, so it only shrinks when an answer rules a question out).
    pub fn expected_count(&self) -> usize {
        Model::current()
            .questions()
            .filter(|(index, _, question)| {
                self.is_shown(*index) || question.shown_when.is_some_and(|c| self.get(c.question).is_none())
            })
            .count()
    }

    /// How many questions are asked with these answers.
    pub fn shown_count(&self) -> usize {
        self.shown().count()
    }

    /// How many shown questions have a complete answer.
    pub fn answered_count(&self) -> usize {
        self.shown().filter(|index| self.complete(*index).is_some()).count()
    }

    /// Whether every shown question has a complete answer.
    pub fn is_complete(&self) -> bool {
        self.answered_count() == self.shown_count()
    }

    /// Whether nothing at all is answered.
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// The shown questions of one sign that still lack a complete answer.
    pub fn missing(&self, sign: SignId) -> Vec<QuestionIndex> {
        Model::current()
            .sign_questions(sign)
            .filter(|q| self.is_shown(*q) && self.complete(*q).is_none())
            .collect()
    }

    /// These answers without those of hidden questions: what a result code carries.
    pub fn without_hidden(&self) -> Answers {
        let mut out = self.clone();
        for (index, _, _) in Model::current().questions() {
            if !self.is_shown(index) {
                out.clear(index);
            }
        }
        out
    }
}
