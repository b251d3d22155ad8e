//! Scoring: from answers to a [`Report`].
//!
//! # The formula (model version travels with every result)
//!
//! 1. Each answered question earns a fraction `f` of its worth, in per mille:
//!    - ticket review: the mean of its five verdicts (yes = 100, partly = 50, no = 0 points);
//!    - checklist: the points of the ticked items over the points of all items;
//!    - single choice / pick the comment: the chosen option's points (0–100).
//! 2. A sign's score is the weighted mean over its *shown and answered*
//!    questions, `round(Σ wᵢ·fᵢ / (10·Σ wᵢ))`, 0–100. A question not yet
//!    answered, or hidden because its `shown_when` does not hold, neither earns
//!    nor costs anything (the weights re-normalise over the rest); a sign with
//!    none answered is `NotAnswered`.
//! 3. What an answer cost: `round(wᵢ·(1000 − fᵢ) / (10·Σ wᵢ))` points of the
//!    sign's 100, with the choices whose next step applies (the option chosen,
//!    the checklist items left unticked, the worst ticket verdict given).
//! 4. Status: score ≥ `thresholds.strong` (80) is strong, ≥ `thresholds.close`
//!    (50) is close, below is a gap.
//! 5. The picture: any sign unanswered → incomplete; else no gap and no close →
//!    ready; no gap → nearly; one or two gaps → focused; more → groundwork.
//! 6. The plan: gaps before close signs, lower score first, then the article's order.
//!    Each sign of the plan lists the next steps of its costs, costliest first
//!    ([`Locale::steps_for`](crate::Locale::steps_for)), and a time to close
//!    from the bands of `model.toml` ([`Model::time_to_close`]). The signs are
//!    worked on side by side, each by the people its steps name, so the time
//!    before a first engagement is the longest sign's, not their sum.
//! 7. Contradictions: a `[[conflicts]]` entry of `model.toml` holds when its
//!    `high` question earns at least its points and its `low` question at most
//!    its own (both shown and answered). It is named in the report with the
//!    answer to re-check; the score stays the plain weighted mean, and the
//!    model's points keep such a sign below strong (a test walks every answer).
//!
//! Integer arithmetic throughout, so every platform scores alike.

use crate::answer::{Answer, Answers};
use crate::model::{Model, Question, QuestionKind, Thresholds};
use crate::report::{Contradiction, Cost, Picture, Report, SignResult, Status};
use crate::sign::SignId;

/// Scores a set of answers against the current model.
///
/// ```
/// use readiness_core::{assess, Answers, Picture, Status};
/// let report = assess(&Answers::new());
/// assert_eq!(report.picture(), Picture::Incomplete);
/// assert!(report.signs().iter().all(|s| s.status == Status::NotAnswered));
/// ```
pub fn assess(answers: &Answers) -> Report {
    let model = Model::current();
    let signs = SignId::ALL.map(|sign| score_sign(model, sign, answers));
    let picture = picture_of_statuses(signs.iter().map(|s| s.status));
    let scored: Vec<(SignId, Status, u8)> = signs.iter().map(|s| (s.sign, s.status, s.score)).collect();
    let plan = plan_order(&scored);
    let weeks_to_start = plan
        .iter()
        .filter_map(|sign| model.time_to_close(*sign, signs[sign.index()].score))
        .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1)));
    Report {
        model_version: model.version,
        signs,
        picture,
        plan,
        contradictions: contradictions(model, answers),
        weeks_to_start,
    }
}

/// The model's conflicts that hold for these answers (step 7).
fn contradictions(model: &Model, answers: &Answers) -> Vec<Contradiction> {
    let earned = |index| {
        answers
            .complete(index)
            .map(|answer| per_mille(model.question(index), answer))
    };
    model
        .conflicts
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            earned(c.high.question).is_some_and(|f| f >= u32::from(c.high.points) * 10)
                && earned(c.low.question).is_some_and(|f| f <= u32::from(c.low.points) * 10)
        })
        .map(|(conflict, c)| Contradiction {
            conflict,
            sign: c.sign,
            answers: [c.high.question, c.low.question],
            recheck: c.recheck,
        })
        .collect()
}

fn score_sign(model: &Model, sign: SignId, answers: &Answers) -> SignResult {
    let earned: Vec<_> = model
        .sign_questions(sign)
        .filter_map(|index| {
            let question = model.question(index);
            let answer = answers.complete(index)?;
            Some((
                index,
                u32::from(question.weight),
                per_mille(question, answer),
                costly_choices(question, answer),
            ))
        })
        .collect();
    let total_weight: u32 = earned.iter().map(|(_, w, _, _)| w).sum();
    let questions = model.sign(sign).questions.len() as u8;
    if total_weight == 0 {
        return SignResult {
            sign,
            score: 0,
            status: Status::NotAnswered,
            answered: 0,
            questions,
            costs: Vec::new(),
        };
    }
    let denominator = 10 * total_weight;
    let sum: u32 = earned.iter().map(|(_, w, f, _)| w * f).sum();
    let score = divide_rounded(sum, denominator) as u8;
    let mut costs: Vec<Cost> = earned
        .iter()
        .map(|(question, w, f, choices)| Cost {
            question: *question,
            points: divide_rounded(w * (1000 - f), denominator) as u8,
            choices: *choices,
        })
        .filter(|c| c.points > 0)
        .collect();
    crate::sort_small_by_key(&mut costs, |c| (std::cmp::Reverse(c.points), c.question));
    SignResult {
        sign,
        score,
        status: status_of(score, model.thresholds),
        answered: earned.len() as u8,
        questions,
        costs,
    }
}

/// The fraction of a question's worth an answer earns, 0–1000.
pub(crate) fn per_mille(question: &Question, answer: Answer) -> u32 {
    match (question.kind, answer) {
        (QuestionKind::TicketReview, Answer::Tickets(verdicts)) => {
            let points: u32 = verdicts
                .iter()
                .flatten()
                .map(|v| u32::from(question.choices[usize::from(u8::from(*v))].points))
                .sum();
            divide_rounded(points * 10, verdicts.len() as u32)
        }
        (QuestionKind::Checklist, Answer::Checked(bits)) => {
            let all: u32 = question.choices.iter().map(|c| u32::from(c.points)).sum();
            let ticked: u32 = question
                .choices
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, c)| u32::from(c.points))
                .sum();
            divide_rounded(ticked * 1000, all)
        }
        (_, Answer::Choice(option)) => u32::from(question.choices[usize::from(option)].points) * 10,
        // Answers::set refuses answers of the wrong kind.
        _ => unreachable!("answer kind was validated when it was set"),
    }
}

/// The choices whose next step applies to an answer.
fn costly_choices(question: &Question, answer: Answer) -> u8 {
    match answer {
        Answer::Choice(option) => 1 << option,
        Answer::Checked(bits) => !bits & ((1u16 << question.choices.len()) - 1) as u8,
        Answer::Tickets(verdicts) => {
            let worst = verdicts.iter().flatten().map(|v| u8::from(*v)).max().unwrap_or(0);
            if worst == 0 {
                0
            } else {
                1 << worst
            }
        }
    }
}

/// The status a score earns under the given thresholds.
pub(crate) fn status_of(score: u8, thresholds: Thresholds) -> Status {
    if score >= thresholds.strong {
        Status::Strong
    } else if score >= thresholds.close {
        Status::Close
    } else {
        Status::Gap
    }
}

/// The overall picture from the five statuses (step 5 of the formula).
pub(crate) fn picture_of_statuses(statuses: impl Iterator<Item = Status> + Clone) -> Picture {
    let count = |status| statuses.clone().filter(|s| *s == status).count();
    if count(Status::NotAnswered) > 0 {
        Picture::Incomplete
    } else {
        match (count(Status::Gap), count(Status::Close)) {
            (0, 0) => Picture::Ready,
            (0, _) => Picture::Nearly,
            (1..=2, _) => Picture::Focused,
            _ => Picture::Groundwork,
        }
    }
}

/// The plan (step 6): gaps before close signs, lower score first, then the article's order.
pub(crate) fn plan_order(signs: &[(SignId, Status, u8)]) -> Vec<SignId> {
    let mut plan: Vec<&(SignId, Status, u8)> = signs
        .iter()
        .filter(|s| matches!(s.1, Status::Gap | Status::Close))
        .collect();
    crate::sort_small_by_key(&mut plan, |(sign, status, score)| (*status, *score, *sign));
    plan.into_iter().map(|s| s.0).collect()
}

fn divide_rounded(numerator: u32, denominator: u32) -> u32 {
    (numerator + denominator / 2) / denominator
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: Thresholds = Thresholds { strong: 80, close: 50 };

    #[test]
    fn status_boundaries_are_inclusive_at_the_line() {
        assert_eq!(status_of(100, LINES), Status::Strong);
        assert_eq!(status_of(80, LINES), Status::Strong);
        assert_eq!(status_of(79, LINES), Status::Close);
        assert_eq!(status_of(50, LINES), Status::Close);
        assert_eq!(status_of(49, LINES), Status::Gap);
        assert_eq!(status_of(0, LINES), Status::Gap);
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(divide_rounded(5, 10), 1);
        assert_eq!(divide_rounded(4, 10), 0);
        assert_eq!(divide_rounded(15, 10), 2);
    }
}
