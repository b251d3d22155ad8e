//! What the assessment concludes: per-sign results, the overall picture and
//! the order in which to work on the gaps.

use crate::model::QuestionIndex;
use crate::sign::SignId;

/// Where a sign stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Status {
    /// Needs specific work before a contractor joins.
    Gap,
    /// Nearly there; some tightening.
    Close,
    /// Ready as it is.
    Strong,
    /// No question of the sign answered yet.
    NotAnswered,
}

impl Status {
    /// The stable id used in JSON and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Gap => "gap",
            Status::Close => "close",
            Status::Strong => "strong",
            Status::NotAnswered => "not-answered",
        }
    }
}

/// The overall picture: a map of where the gaps are, never a pass or a fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Picture {
    /// Every sign strong.
    Ready,
    /// No gap; at least one sign close.
    Nearly,
    /// One or two gaps.
    Focused,
    /// Three or more gaps.
    Groundwork,
    /// At least one sign has no answer yet.
    Incomplete,
}

impl Picture {
    /// The stable id used in JSON and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Picture::Ready => "ready",
            Picture::Nearly => "nearly",
            Picture::Focused => "focused",
            Picture::Groundwork => "groundwork",
            Picture::Incomplete => "incomplete",
        }
    }
}

/// Points one answer cost its sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// The question.
    pub question: QuestionIndex,
    /// Points of the sign's 100 that this answer did not earn.
    pub points: u8,
    /// Bit `i` set: the next step of choice `i` applies (the option chosen, the
    /// checklist items left unticked, the worst ticket verdict given).
    pub choices: u8,
}

/// Two answers of one sign that cannot both be true: named in the result, with
/// the answer to look at again, instead of being averaged into a middling score.
/// The sign's score is still the weighted mean of its answers; the model is
/// built so that a sign with a contradiction never reads strong (tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contradiction {
    /// Which of the model's conflicts ([`Model::conflicts`](crate::Model::conflicts) position).
    pub conflict: usize,
    /// The sign.
    pub sign: SignId,
    /// The answer that claims more, then the one that claims less.
    pub answers: [QuestionIndex; 2],
    /// The answer to look at again.
    pub recheck: QuestionIndex,
}

/// One sign's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignResult {
    /// Which sign.
    pub sign: SignId,
    /// 0–100 over the answered questions; 0 when none is answered.
    pub score: u8,
    /// Strong, close, gap, or not answered.
    pub status: Status,
    /// Questions of this sign with a complete answer.
    pub answered: u8,
    /// Questions this sign asks.
    pub questions: u8,
    /// The answers that cost points, most costly first.
    pub costs: Vec<Cost>,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub(crate) model_version: u8,
    pub(crate) signs: [SignResult; 5],
    pub(crate) picture: Picture,
    pub(crate) plan: Vec<SignId>,
    pub(crate) contradictions: Vec<Contradiction>,
    pub(crate) weeks_to_start: Option<(u8, u8)>,
}

impl Report {
    /// The model version that scored this; it travels with every result.
    pub fn model_version(&self) -> u8 {
        self.model_version
    }

    /// All five signs, in the article's order.
    pub fn signs(&self) -> &[SignResult; 5] {
        &self.signs
    }

    /// One sign's result.
    pub fn sign(&self, id: SignId) -> &SignResult {
        &self.signs[id.index()]
    }

    /// The overall picture.
    pub fn picture(&self) -> Picture {
        self.picture
    }

    /// Signs that need work (gaps, then close ones), in the order to work on them.
    pub fn plan(&self) -> &[SignId] {
        &self.plan
    }

    /// Answers that contradict each other, in the article's order of signs.
    pub fn contradictions(&self) -> &[Contradiction] {
        &self.contradictions
    }

    /// The contradictions on one sign.
    pub fn contradictions_on(&self, sign: SignId) -> impl Iterator<Item = &Contradiction> + '_ {
        self.contradictions.iter().filter(move |c| c.sign == sign)
    }

    /// Rough weeks before a first engagement can start: the signs of the plan
    /// are worked on side by side (each step names who does it), so the
    /// longest sign decides; `None` when nothing needs work.
    pub fn weeks_to_start(&self) -> Option<(u8, u8)> {
        self.weeks_to_start
    }

    /// Signs that are strong, in the article's order.
    pub fn strengths(&self) -> impl Iterator<Item = SignId> + '_ {
        self.signs.iter().filter(|s| s.status == Status::Strong).map(|s| s.sign)
    }

    /// How many signs have this status.
    pub fn count(&self, status: Status) -> usize {
        self.signs.iter().filter(|s| s.status == status).count()
    }
}
