//! The scoring model: signs, their questions and what each answer is worth.
//! Compiled from `content/model.toml`; the same for every locale.

use crate::content::{MODEL, OLD_MODELS};
use crate::error::{Error, ErrorKind};
use crate::sign::SignId;

/// How a question is asked and answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// "Your last five tickets": a yes / partly / no verdict for each of five tickets.
    TicketReview,
    /// Tick every item that exists; none is a valid answer too.
    Checklist,
    /// Pick one option.
    SingleChoice,
    /// Pick the review comment that reads most like your team's (one option).
    PickComment,
}

/// One option of a choice, one item of a checklist, or one verdict of a ticket review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Stable id, as in the content files.
    pub id: &'static str,
    /// Worth: 0–100 for options and verdicts, a relative weight for checklist items.
    pub points: u8,
}

/// When a question is asked: an earlier single-choice question of its sign
/// was answered with one of the options in `any_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The earlier question.
    pub question: QuestionIndex,
    /// Bit `i` set: option `i` of that question shows this one.
    pub any_of: u8,
}

/// One question of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// Stable id, like `tickets.last-five`.
    pub id: &'static str,
    /// How it is answered.
    pub kind: QuestionKind,
    /// Its share of the sign's score, relative to the sign's other questions.
    pub weight: u8,
    /// Options, checklist items or ticket verdicts, in display order.
    pub choices: &'static [Choice],
    /// Asked (and scored) only when this holds; always when `None`.
    pub shown_when: Option<Condition>,
}

/// A band of the time to close: a sign up to `up_to` points below strong
/// takes `percent` of its sign's `weeks` (rounded up, at least one week).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// Points below the strong line, inclusive.
    pub up_to: u8,
    /// Share of the sign's weeks range.
    pub percent: u8,
}

/// How answers to one question of an older model version map onto this one
/// (`[[upgrades]]` in `model.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upgrade {
    /// The older version.
    pub from: u8,
    /// The question's id in that version.
    pub question: &'static str,
    /// The question's id in this version.
    pub to: &'static str,
    /// Option (or item) ids: (older, this version).
    pub options: &'static [(&'static str, &'static str)],
}

/// Tickets a [`QuestionKind::TicketReview`] asks about.
pub const TICKETS: usize = 5;

/// One sign and its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignModel {
    /// Which sign.
    pub id: SignId,
    /// Rough time to close a gap on this sign, in weeks (min, max).
    pub weeks: (u8, u8),
    /// Its questions, in order.
    pub questions: &'static [Question],
}

/// Where the status lines are drawn, on the 0–100 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// At or above: strong.
    pub strong: u8,
    /// At or above (and below strong): close. Below: gap.
    pub close: u8,
}

/// The whole scoring model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    /// Travels with every result code and report; bumped when questions change.
    pub version: u8,
    /// Status lines.
    pub thresholds: Thresholds,
    /// Time-to-close bands, by distance below strong.
    pub bands: &'static [Band],
    /// Mappings from older versions' questions (empty in an older model).
    pub upgrades: &'static [Upgrade],
    /// The five signs, in the article's order.
    pub signs: &'static [SignModel],
}

/// A question's position in the whole model (0 = first question of the first sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionIndex(pub(crate) u8);

impl QuestionIndex {
    /// The position as a `usize`.
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

impl TryFrom<usize> for QuestionIndex {
    type Error = Error;

    fn try_from(value: usize) -> Result<Self, Error> {
        if value < Model::current().question_count() {
            Ok(QuestionIndex(value as u8))
        } else {
            Err(Error::new(ErrorKind::UnknownQuestion))
        }
    }
}

impl Model {
    /// The model compiled into this build.
    ///
    /// ```
    /// let model = readiness_core::Model::current();
    /// assert_eq!(model.signs.len(), 5);
    /// assert!(model.question_count() <= 15);
    /// ```
    pub fn current() -> &'static Model {
        &MODEL
    }

    /// The model of an older version whose result codes still open, if it is kept.
    pub fn older(version: u8) -> Option<&'static Model> {
        OLD_MODELS.iter().find(|m| m.version == version)
    }

    /// Versions whose result codes open, oldest first (the current one last).
    pub fn readable_versions() -> Vec<u8> {
        OLD_MODELS.iter().chain([&MODEL]).map(|m| m.version).collect()
    }

    /// Rough weeks to close a sign at this score: `None` when it is strong.
    /// The sign's `weeks` range shrinks by band as the score nears strong.
    ///
    /// ```
    /// use readiness_core::{Model, SignId};
    /// let model = Model::current();
    /// assert_eq!(model.time_to_close(SignId::Tickets, 90), None);
    /// let near = model.time_to_close(SignId::Tickets, 76).unwrap();
    /// let far = model.time_to_close(SignId::Tickets, 10).unwrap();
    /// assert!(near.1 < far.1);
    /// ```
    pub fn time_to_close(&self, sign: SignId, score: u8) -> Option<(u8, u8)> {
        let distance = self.thresholds.strong.checked_sub(score).filter(|d| *d > 0)?;
        let band = self.bands.iter().find(|b| distance <= b.up_to).or(self.bands.last())?;
        let (min, max) = self.sign(sign).weeks;
        let scale = |weeks: u8| (u16::from(weeks) * u16::from(band.percent)).div_ceil(100).max(1) as u8;
        Some((scale(min), scale(max)))
    }

    /// The sign with this id.
    pub fn sign(&self, id: SignId) -> &SignModel {
        &self.signs[id.index()]
    }

    /// Every question with its index and sign, in order.
    pub fn questions(&self) -> impl Iterator<Item = (QuestionIndex, SignId, &'static Question)> + '_ {
        self.signs
            .iter()
            .flat_map(|sign| sign.questions.iter().map(move |q| (sign.id, q)))
            .enumerate()
            .map(|(i, (sign, q))| (QuestionIndex(i as u8), sign, q))
    }

    /// How many questions in all.
    pub fn question_count(&self) -> usize {
        self.signs.iter().map(|s| s.questions.len()).sum()
    }

    /// The question at this index.
    pub fn question(&self, index: QuestionIndex) -> &'static Question {
        self.questions()
            .nth(index.get())
            .map(|(_, _, q)| q)
            .expect("a QuestionIndex is always in range")
    }

    /// The index of the question with this id.
    pub fn question_index(&self, id: &str) -> Result<QuestionIndex, Error> {
        self.questions()
            .find(|(_, _, q)| q.id == id)
            .map(|(i, _, _)| i)
            .ok_or_else(|| Error::new(ErrorKind::UnknownQuestion))
    }

    /// The indices of one sign's questions.
    pub fn sign_questions(&self, id: SignId) -> impl Iterator<Item = QuestionIndex> + '_ {
        self.questions().filter(move |(_, s, _)| *s == id).map(|(i, _, _)| i)
    }
}
