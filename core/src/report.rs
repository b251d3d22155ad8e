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

    /// Signs that are strong, in the article's order.
    pub fn strengths(&self) -> impl Iterator<Item = SignId> + '_ {
        self.signs.iter().filter(|s| s.status == Status::Strong).map(|s| s.sign)
    }

    /// How many signs have this status.
    pub fn count(&self, status: Status) -> usize {
        self.signs.iter().filter(|s| s.status == status).count()
    }
}
