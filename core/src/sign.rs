//! The five signs of readiness the article names.

use std::fmt;

use crate::error::{Error, ErrorKind};

/// One of the article's five signs, in the article's order.
///
/// ```
/// use readiness_core::SignId;
/// assert_eq!(SignId::try_from("feedback").unwrap(), SignId::Feedback);
/// assert_eq!(SignId::Feedback.as_str(), "feedback");
/// assert_eq!(u8::from(SignId::Feedback), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum SignId {
    /// Tickets stand on their own.
    Tickets,
    /// The system is documented outside engineers' heads.
    Documentation,
    /// Someone owns the specification process.
    SpecOwnership,
    /// The feedback loop is written and specific.
    Feedback,
    /// Written questions are unblocked within a working day.
    Unblocking,
}

impl SignId {
    /// All five, in the article's order.
    pub const ALL: [SignId; 5] = [
        SignId::Tickets,
        SignId::Documentation,
        SignId::SpecOwnership,
        SignId::Feedback,
        SignId::Unblocking,
    ];

    /// The stable id used in content files, JSON and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignId::Tickets => "tickets",
            SignId::Documentation => "documentation",
            SignId::SpecOwnership => "spec-ownership",
            SignId::Feedback => "feedback",
            SignId::Unblocking => "unblocking",
        }
    }

    /// Position in the article, from 0.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl From<SignId> for u8 {
    fn from(sign: SignId) -> u8 {
        sign as u8
    }
}

impl TryFrom<u8> for SignId {
    type Error = Error;

    fn try_from(value: u8) -> Result<Self, Error> {
        SignId::ALL
            .get(usize::from(value))
            .copied()
            .ok_or_else(|| Error::new(ErrorKind::UnknownSign))
    }
}

impl TryFrom<&str> for SignId {
    type Error = Error;

    fn try_from(value: &str) -> Result<Self, Error> {
        SignId::ALL
            .into_iter()
            .find(|sign| sign.as_str() == value)
            .ok_or_else(|| Error::new(ErrorKind::UnknownSign))
    }
}

impl fmt::Display for SignId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
