//! Contradictions are named, not averaged: two answers of one sign that cannot
//! both be true put a sentence in the report with the answer to re-check, and
//! the sign's score, still the plain weighted mean, never reads strong.

mod util;

use readiness_core::{assess, Answer, Answers, Locale, Model, QuestionIndex, QuestionKind, SignId, Status, Verdict};
use util::{all, best, q};

/// Every answer a question can get (ticket reviews: every mix of verdicts).
fn every_answer(index: QuestionIndex) -> Vec<Answer> {
    let question = Model::current().question(index);
    match question.kind {
        QuestionKind::TicketReview => (0..243u32)
            .map(|n| {
                let mut verdicts = [None; 5];
                for (i, v) in verdicts.iter_mut().enumerate() {
                    *v = Some(Verdict::ALL[(n / 3u32.pow(i as u32) % 3) as usize]);
                }
                Answer::Tickets(verdicts)
            })
            .collect(),
        QuestionKind::Checklist => (0..1u8 << question.choices.len()).map(Answer::Checked).collect(),
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            (0..question.choices.len() as u8).map(Answer::Choice).collect()
        }
    }
}

/// Every way to answer one sign's questions, the rest of the check answered best.
fn every_way_through(sign: SignId) -> Vec<Answers> {
    let mut ways = vec![all(best)];
    for index in Model::current().sign_questions(sign) {
        ways = ways
            .into_iter()
            .flat_map(|answers| {
                every_answer(index).into_iter().map(move |answer| {
                    let mut next = answers.clone();
                    next.set(index, answer).unwrap();
                    next
                })
            })
            .collect();
    }
    ways
}

#[test]
fn a_sign_with_a_named_contradiction_never_reads_strong() {
    let model = Model::current();
    let mut named = vec![0; model.conflicts.len()];
    for sign in SignId::ALL {
        for answers in every_way_through(sign) {
            let report = assess(&answers);
            for contradiction in report.contradictions() {
                named[contradiction.conflict] += 1;
                let result = report.sign(contradiction.sign);
                assert_ne!(
                    result.status,
                    Status::Strong,
                    "{} reads strong at {} with a contradiction: {answers:?}",
                    contradiction.sign,
                    result.score
                );
            }
        }
    }
    for (conflict, count) in model.conflicts.iter().zip(named) {
        assert!(count > 0, "{} is never named", conflict.id);
    }
}

#[test]
fn the_issues_three_contradictions_are_named_with_the_answer_to_recheck() {
    let set = |answers: &mut Answers, id: &str, option: &str| {
        let question = Model::current().question(q(id));
        let position = question.choices.iter().position(|c| c.id == option).unwrap() as u8;
        answers.set(q(id), Answer::Choice(position)).unwrap();
    };
    let cases: [(&str, &str, SignId, &str); 3] = [
        // All five comments specific, yet a call is needed for most reviews.
        ("feedback.follow-up", "usually", SignId::Feedback, "feedback.specific"),
        // All four documents written, yet a newcomer would ask someone.
        ("docs.new-engineer", "ask", SignId::Documentation, "docs.written"),
        // Same-day answers, yet nobody in particular watches the questions.
        ("unblock.owner", "whoever", SignId::Unblocking, "unblock.speed"),
    ];
    for (id, option, sign, recheck) in cases {
        let mut answers = all(best);
        set(&mut answers, id, option);
        let report = assess(&answers);
        let named: Vec<_> = report.contradictions_on(sign).map(|c| c.recheck).collect();
        assert_eq!(named, [q(recheck)], "{id} = {option}");
        assert_eq!(report.contradictions().len(), 1);
        for locale in Locale::all() {
            let sentence = locale.contradiction(&report.contradictions()[0]);
            assert!(sentence.len() > 40, "{}: {sentence}", locale.tag);
        }
        // Honest about it: not strong, and not the picture of a ready team.
        assert_ne!(report.sign(sign).status, Status::Strong);
        assert_ne!(report.picture(), readiness_core::Picture::Ready);
    }
}

#[test]
fn answers_that_fit_together_name_nothing() {
    assert!(assess(&all(best)).contradictions().is_empty());
    assert!(assess(&all(util::worst)).contradictions().is_empty());
    assert!(assess(&Answers::new()).contradictions().is_empty());
}

#[test]
fn an_unanswered_or_hidden_side_names_nothing() {
    let mut answers = Answers::new();
    answers.set(q("docs.written"), Answer::Checked(0b1111)).unwrap();
    assert!(assess(&answers).contradictions().is_empty());
}

#[test]
fn every_locale_has_a_sentence_for_every_conflict() {
    for locale in Locale::all() {
        let mut answers = all(best);
        answers.set(q("docs.new-engineer"), Answer::Choice(2)).unwrap();
        let report = assess(&answers);
        let sentence = locale.contradiction(&report.contradictions()[0]);
        assert!(!sentence.is_empty(), "{}", locale.tag);
    }
}
