//! The one error type of the crate: opaque, with a kind to match on.

use std::fmt;

/// Why an answer, a result code or an id was refused.
///
/// The message is lowercase and says what was wrong; [`Error::kind`] tells
/// callers which case it was without exposing the error's innards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// The cases of [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The result code is empty.
    EmptyCode,
    /// The result code is longer than any valid code can be.
    CodeTooLong,
    /// The result code has a character outside the URL-safe alphabet.
    InvalidCharacter,
    /// The result code ends before all answers are read.
    Truncated,
    /// The result code's check digits do not match: it was mistyped or cut.
    ChecksumMismatch,
    /// The result code was made by another model version.
    UnsupportedVersion(u8),
    /// An answer in the code, or given to [`crate::Answers::set`], is out of range.
    AnswerOutOfRange,
    /// The result code carries bits after the last answer.
    TrailingData,
    /// The result code answers a question that its other answers hide.
    HiddenAnswer,
    /// No question has that index or id.
    UnknownQuestion,
    /// The answer's kind does not fit the question's kind.
    WrongAnswerKind,
    /// No sign has that id or number.
    UnknownSign,
    /// No locale has that tag.
    UnknownLocale,
    /// A locale file does not fit this model (wrong format, version or shape, or a missing string).
    BadLocaleFile,
}

impl Error {
    pub(crate) const fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// Which case this is.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::EmptyCode => f.write_str("the result code is empty"),
            ErrorKind::CodeTooLong => f.write_str("the result code is too long"),
            ErrorKind::InvalidCharacter => f.write_str("the result code has a character that does not belong in it"),
            ErrorKind::Truncated => f.write_str("the result code is cut short"),
            ErrorKind::ChecksumMismatch => f.write_str("the result code does not check out; was it mistyped?"),
            ErrorKind::UnsupportedVersion(v) => write!(
                f,
                "the result code is from assessment version {v}, which this version cannot read"
            ),
            ErrorKind::AnswerOutOfRange => f.write_str("an answer is out of range"),
            ErrorKind::TrailingData => f.write_str("the result code has data after its last answer"),
            ErrorKind::HiddenAnswer => f.write_str("the result code answers a question its other answers skip"),
            ErrorKind::UnknownQuestion => f.write_str("no such question"),
            ErrorKind::WrongAnswerKind => f.write_str("the answer does not fit the question's kind"),
            ErrorKind::UnknownSign => f.write_str("no such sign"),
            ErrorKind::UnknownLocale => f.write_str("no such locale"),
            ErrorKind::BadLocaleFile => f.write_str("the locale file does not fit this version of the assessment"),
        }
    }
}

impl std::error::Error for Error {}
