//! Helpers shared by the integration tests.
#![allow(dead_code)]

use readiness_core::{Answer, Answers, Model, QuestionIndex, QuestionKind, SignId, Verdict};

/// The index of a question by id; panics with the id when it is unknown.
#[track_caller]
pub fn q(id: &str) -> QuestionIndex {
    Model::current()
        .question_index(id)
        .unwrap_or_else(|_| panic!("no question `{id}` in the model"))
}

/// The position of the option worth `points` in a choice question.
#[track_caller]
pub fn option_worth(id: &str, points: u8) -> u8 {
    let question = Model::current().question(q(id));
    question
        .choices
        .iter()
        .position(|c| c.points == points)
        .unwrap_or_else(|| panic!("`{id}` has no option worth {points}")) as u8
}

/// The best possible answer to a question.
pub fn best(index: QuestionIndex) -> Answer {
    let question = Model::current().question(index);
    match question.kind {
        QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Yes); 5]),
        QuestionKind::Checklist => Answer::Checked(((1u16 << question.choices.len()) - 1) as u8),
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            Answer::Choice(question.choices.iter().position(|c| c.points == 100).unwrap() as u8)
        }
    }
}

/// The worst possible answer to a question.
pub fn worst(index: QuestionIndex) -> Answer {
    let question = Model::current().question(index);
    match question.kind {
        QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::No); 5]),
        QuestionKind::Checklist => Answer::Checked(0),
        QuestionKind::SingleChoice | QuestionKind::PickComment => Answer::Choice(
            question
                .choices
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| c.points)
                .unwrap()
                .0 as u8,
        ),
    }
}

/// Every question answered with `pick`.
pub fn all(pick: impl Fn(QuestionIndex) -> Answer) -> Answers {
    let mut answers = Answers::new();
    for (index, _, _) in Model::current().questions() {
        answers.set(index, pick(index)).unwrap();
    }
    answers
}

/// Every question answered best, except one sign's questions answered worst.
pub fn all_best_but(weak: &[SignId]) -> Answers {
    let mut answers = all(best);
    for sign in weak {
        for index in Model::current().sign_questions(*sign) {
            answers.set(index, worst(index)).unwrap();
        }
    }
    answers
}
