//! # readiness-core
//!
//! The readiness assessment behind the article "5 signs your startup is ready
//! to hire a remote backend contractor": its questions and words (compiled
//! from `content/`), scoring, and result codes. No UI, web or I/O dependency:
//! the same code runs in the widget (wasm) and in the endpoint, which
//! re-scores every submission from its result code.
//!
//! ```
//! use readiness_core::{assess, decode, encode, Answer, Answers, Locale, Model, Status};
//!
//! let model = Model::current();
//! let mut answers = Answers::new();
//! for (index, _, _) in model.questions() {
//!     let best = match model.question(index).kind {
//!         readiness_core::QuestionKind::TicketReview => Answer::Tickets([Some(readiness_core::Verdict::Yes); 5]),
//!         readiness_core::QuestionKind::Checklist => Answer::Checked(0b1111),
//!         _ => Answer::Choice(model.question(index).choices.iter().position(|c| c.points == 100).unwrap() as u8),
//!     };
//!     answers.set(index, best).unwrap();
//! }
//! let report = assess(&answers);
//! assert!(report.signs().iter().all(|s| s.status == Status::Strong));
//! assert_eq!(decode(&encode(&answers)).unwrap(), answers);
//! assert_eq!(Locale::english().picture(report.picture()).headline, "Ready to start");
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod answer;
mod code;
mod content;
mod copy;
mod error;
mod locale_file;
mod model;
mod progress;
mod report;
mod score;
mod sign;
mod small_sort;
mod team;
mod team_report;
mod template;

#[cfg(test)]
#[path = "source/mod.rs"]
#[allow(dead_code, missing_docs, unused_imports)]
mod source;

pub use answer::{Answer, Answers, Verdict};
pub use code::{code_version, decode, encode, MAX_CODE_LEN};
pub use content::{Locale, MailText, PictureText, QuestionText, SignText, UiText};
pub use copy::{copy_keys, CopyWarning};
pub use error::{Error, ErrorKind};
pub use locale_file::LOCALE_FILE_FORMAT;
pub use model::{
    Band, Bound, Choice, Condition, Conflict, Model, Question, QuestionIndex, QuestionKind, SignModel, Thresholds,
    Upgrade, TICKETS,
};
pub use progress::{changes, signed, SignChange};
pub use report::{Contradiction, Cost, Picture, Report, SignResult, Status};
pub use score::assess;
pub use sign::SignId;
pub use small_sort::sort_small_by_key;
pub use team::{
    clean_initials, Member, Team, TeamNotice, TeamNoticeKind, MAX_INITIALS, MAX_MEMBERS, MAX_TEAM_INPUT, RESULT_KEY,
    TEAM_KEY,
};
pub use team_report::{answer_phrase, median, spread, AnswerGroup, Differing, TeamReport, TeamSign, DISAGREEMENT};
pub use template::{fill, span};
