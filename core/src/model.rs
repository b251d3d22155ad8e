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
    /// About how long a visitor takes to answer it, in seconds (looking things up included).
    pub seconds: u8,
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

/// One side of a [`Conflict`]: a question and a bound on the points (0–100) its answer earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// The question.
    pub question: QuestionIndex,
    /// The bound: at least this for the high side, at most this for the low side.
    pub points: u8,
}

/// Two answers of one sign that cannot both be true (`[[conflicts]]` in
/// `model.toml`): `high` earns at least its points while `low` earns at most
/// its own. The result names it instead of averaging it away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    /// Stable id, as in the content files.
    pub id: &'static str,
    /// The sign both questions belong to.
    pub sign: SignId,
    /// The answer that claims more.
    pub high: Bound,
    /// The answer that claims less.
    pub low: Bound,
    /// Which of the two to look at again.
    pub recheck: QuestionIndex,
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
    /// Answers that contradict each other (empty in an older model).
    pub conflicts: &'static [Conflict],
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

    /// The fewest and the most questions a visitor is asked: which of them
    /// depends on earlier answers (`shown_when`).
    ///
    /// ```
    /// let model = readiness_core::Model::current();
    /// let (fewest, most) = model.asked_range();
    /// assert!(fewest <= most && most <= model.question_count());
    /// ```
    pub fn asked_range(&self) -> (usize, usize) {
        let (fewest, most) = self.range_over_paths(|questions| questions.len() as u32);
        (fewest as usize, most as usize)
    }

    /// The fewest and the most minutes a visitor spends, from each asked
    /// question's `seconds` (rounded to the nearest minute, at least one).
    ///
    /// ```
    /// let (short, long) = readiness_core::Model::current().minutes_range();
    /// assert!(1 <= short && short <= long);
    /// ```
    pub fn minutes_range(&self) -> (usize, usize) {
        let (short, long) =
            self.range_over_paths(|questions| questions.iter().map(|q| u32::from(q.seconds)).sum::<u32>());
        let minutes = |seconds: u32| ((seconds as usize + 30) / 60).max(1);
        (minutes(short), minutes(long))
    }

    /// The least and the most of `measure` over every way through the
    /// questions. A `shown_when` depends only on an earlier, always-asked
    /// question of the same sign, so each sign's ways are independent: per
    /// sign, every combination of the deciding questions' options.
    fn range_over_paths(&self, measure: impl Fn(&[&Question]) -> u32) -> (u32, u32) {
        let mut total = (0, 0);
        for sign in self.signs {
            let deciders: Vec<usize> = sign
                .questions
                .iter()
                .filter_map(|q| q.shown_when)
                .map(|c| c.question.get())
                .fold(Vec::new(), |mut found, d| {
                    if !found.contains(&d) {
                        found.push(d);
                    }
                    found
                });
            let options: Vec<usize> = deciders
                .iter()
                .map(|d| self.question(QuestionIndex(*d as u8)).choices.len())
                .collect();
            let ways: usize = options.iter().product();
            let mut least = u32::MAX;
            let mut most = 0;
            for way in 0..ways {
                // The way's option of each decider, as digits of `way`.
                let mut rest = way;
                let chosen: Vec<(usize, usize)> = deciders
                    .iter()
                    .zip(&options)
                    .map(|(d, n)| {
                        let option = rest % n;
                        rest /= n;
                        (*d, option)
                    })
                    .collect();
                let asked: Vec<&Question> = sign
                    .questions
                    .iter()
                    .filter(|q| match q.shown_when {
                        None => true,
                        Some(c) => chosen
                            .iter()
                            .any(|(d, option)| *d == c.question.get() && c.any_of & (1 << option) != 0),
                    })
                    .collect();
                let value = measure(&asked);
                least = least.min(value);
                most = most.max(value);
            }
            total = (total.0 + least, total.1 + most);
        }
        total
    }

    /// The model's conflicts on one sign.
    pub fn sign_conflicts(&self, id: SignId) -> impl Iterator<Item = (usize, &'static Conflict)> + '_ {
        self.conflicts.iter().enumerate().filter(move |(_, c)| c.sign == id)
    }
}
