//! "Since last time": the latest finished result and the one before it, as
//! kept in the browser. Pure: the storage service reads and writes the text.

use readiness_core::{assess, changes, decode, Answers, SignChange};

/// One finished check: its result code and when it was finished (ms since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The result code.
    pub code: String,
    /// When it was first finished, ms since the epoch.
    pub at_ms: u64,
}

/// The latest finished check and the one before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The check before the latest one.
    pub previous: Option<Check>,
    /// The latest finished check.
    pub latest: Option<Check>,
}

const FORMAT: &str = "1";

impl History {
    /// Records a finished result: the same code as the latest changes nothing
    /// (a reload, a reopened link); a new one pushes the latest to `previous`.
    pub fn record(self, code: &str, now_ms: u64) -> History {
        if self.latest.as_ref().is_some_and(|c| c.code == code) {
            return self;
        }
        History {
            previous: self.latest,
            latest: Some(Check {
                code: code.to_owned(),
                at_ms: now_ms,
            }),
        }
    }

    /// The earlier check and the per-sign changes to `answers`, when `answers`
    /// are the latest check and an earlier readable one exists.
    pub fn since(&self, answers: &Answers) -> Option<(u64, Vec<SignChange>)> {
        let (previous, latest) = (self.previous.as_ref()?, self.latest.as_ref()?);
        if latest.code != readiness_core::encode(answers) {
            return None;
        }
        let before = decode(&previous.code).ok()?;
        let moved = changes(&assess(&before), &assess(answers));
        (!moved.is_empty()).then_some((previous.at_ms, moved))
    }

    /// `1|<previous code>|<at>|<latest code>|<at>`; an absent check is empty.
    pub fn to_text(&self) -> String {
        let part = |c: &Option<Check>| c.as_ref().map_or("|".to_owned(), |c| format!("{}|{}", c.code, c.at_ms));
        format!("{FORMAT}|{}|{}", part(&self.previous), part(&self.latest))
    }

    /// The inverse of [`History::to_text`]; anything unreadable is an empty history.
    pub fn from_text(text: &str) -> History {
        let parts: Vec<&str> = text.split('|').collect();
        let check = |code: &str, at: &str| {
            let at_ms = at.parse::<u64>().ok()?;
            decode(code).ok()?;
            Some(Check {
                code: code.to_owned(),
                at_ms,
            })
        };
        match parts.as_slice() {
            [FORMAT, pc, pa, lc, la] => History {
                previous: check(pc, pa),
                latest: check(lc, la),
            },
            _ => History::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readiness_core::{encode, Answer, Model, QuestionKind, SignId, Verdict};

    fn answers(best: bool) -> Answers {
        let mut answers = Answers::new();
        for (index, _, q) in Model::current().questions() {
            let answer = match (q.kind, best) {
                (QuestionKind::TicketReview, b) => {
                    Answer::Tickets([Some(if b { Verdict::Yes } else { Verdict::No }); 5])
                }
                (QuestionKind::Checklist, b) => Answer::Checked(if b { 0b1111 } else { 0 }),
                (_, b) => {
                    let want = if b { 100 } else { 0 };
                    Answer::Choice(q.choices.iter().position(|c| c.points == want).unwrap() as u8)
                }
            };
            answers.set(index, answer).unwrap();
        }
        answers
    }

    #[test]
    fn a_retake_with_other_answers_shows_the_change_and_the_earlier_date() {
        let (worst, best) = (answers(false), answers(true));
        let history = History::default()
            .record(&encode(&worst), 1_000)
            .record(&encode(&best), 2_000);
        let (at, moved) = history.since(&best).unwrap();
        assert_eq!(at, 1_000);
        assert_eq!(moved.len(), 5);
        assert!(moved.iter().all(|c| c.delta() == 100), "{moved:?}");
        assert_eq!(moved[0].sign, SignId::Tickets);
        assert_eq!(history.since(&worst), None, "only the latest result is compared");
    }

    #[test]
    fn recording_the_same_result_again_keeps_the_earlier_one() {
        let (worst, best) = (answers(false), answers(true));
        let history = History::default()
            .record(&encode(&worst), 1_000)
            .record(&encode(&best), 2_000);
        assert_eq!(history.clone().record(&encode(&best), 9_000), history);
    }

    #[test]
    fn a_first_check_has_nothing_to_compare() {
        let best = answers(true);
        assert_eq!(History::default().record(&encode(&best), 5).since(&best), None);
    }

    #[test]
    fn text_round_trips_and_garbage_is_empty() {
        let history = History::default()
            .record(&encode(&answers(false)), 1)
            .record(&encode(&answers(true)), 2);
        assert_eq!(History::from_text(&history.to_text()), history);
        let one = History::default().record(&encode(&answers(true)), 7);
        assert_eq!(History::from_text(&one.to_text()), one);
        assert_eq!(History::from_text("garbage"), History::default());
        assert_eq!(History::from_text("1|AAAA|x|||"), History::default());
    }
}
