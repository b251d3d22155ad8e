//! Advice that fits the answers: per-answer next steps in the plan, a time to
//! close banded by the distance from strong, and questions shown only when an
//! earlier answer makes them meaningful.

mod util;

use readiness_core::{assess, Answer, Answers, Locale, Model, SignId, Status, Verdict};
use util::{all, best, option_worth, q};

fn choice(answers: &mut Answers, id: &str, option: &str) {
    let question = Model::current().question(q(id));
    let position = question.choices.iter().position(|c| c.id == option).unwrap() as u8;
    answers.set(q(id), Answer::Choice(position)).unwrap();
}

fn step(id: &str, option: &str) -> &'static str {
    let question = Model::current().question(q(id));
    let position = question.choices.iter().position(|c| c.id == option).unwrap();
    Locale::english().question(q(id)).steps[position]
}

#[test]
fn a_slow_team_with_an_owner_is_told_about_answer_time_not_about_naming_an_owner() {
    let mut answers = all(best);
    choice(&mut answers, "unblock.speed", "days");
    let report = assess(&answers);
    let steps = Locale::english().steps_for(report.sign(SignId::Unblocking));
    assert_eq!(steps, [step("unblock.speed", "days")]);
    assert!(!steps.iter().any(|s| s.contains("responsible for the engagement")));
}

#[test]
fn the_plan_lists_the_steps_of_the_costliest_answers_first() {
    let mut answers = all(best);
    choice(&mut answers, "unblock.speed", "next-day"); // weight 3, 10 points: costs 54
    choice(&mut answers, "unblock.owner", "later"); // weight 2, 40 points: costs 24
    let report = assess(&answers);
    let unblocking = report.sign(SignId::Unblocking);
    let costs: Vec<u8> = unblocking.costs.iter().map(|c| c.points).collect();
    assert_eq!(costs, [54, 24]);
    let steps = Locale::english().steps_for(unblocking);
    assert_eq!(
        steps,
        [step("unblock.speed", "next-day"), step("unblock.owner", "later")]
    );
}

#[test]
fn a_checklist_gives_the_step_of_each_missing_item_and_a_ticket_review_its_worst_verdict() {
    let mut answers = all(best);
    answers.set(q("docs.written"), Answer::Checked(0b0101)).unwrap();
    let v = [
        Some(Verdict::Yes),
        Some(Verdict::Partly),
        Some(Verdict::No),
        Some(Verdict::Yes),
        Some(Verdict::Yes),
    ];
    answers.set(q("tickets.last-five"), Answer::Tickets(v)).unwrap();
    let report = assess(&answers);
    let en = Locale::english();
    let docs = en.question(q("docs.written"));
    assert_eq!(
        en.steps_for(report.sign(SignId::Documentation)),
        [docs.steps[1], docs.steps[3]]
    );
    let tickets = en.question(q("tickets.last-five"));
    assert_eq!(en.steps_for(report.sign(SignId::Tickets)), [tickets.steps[2]]);
}

#[test]
fn every_costly_option_of_every_locale_has_a_step_and_no_full_marks_option_has_one() {
    for locale in Locale::all() {
        for (index, _, question) in Model::current().questions() {
            let steps = locale.question(index).steps;
            assert_eq!(steps.len(), question.choices.len());
            for (choice, step) in question.choices.iter().zip(steps) {
                let costly = question.kind == readiness_core::QuestionKind::Checklist || choice.points < 100;
                assert_eq!(!step.is_empty(), costly, "{} {} {}", locale.tag, question.id, choice.id);
            }
        }
    }
}

#[test]
fn time_to_close_shrinks_as_a_sign_nears_strong() {
    let model = Model::current();
    assert_eq!(model.time_to_close(SignId::Tickets, 80), None);
    // Tickets: 2–4 weeks for a gap; a close sign (within 30 points) is a week's work.
    assert_eq!(model.time_to_close(SignId::Tickets, 79), Some((1, 1)));
    assert_eq!(model.time_to_close(SignId::Tickets, 50), Some((1, 1)));
    assert_eq!(model.time_to_close(SignId::Tickets, 49), Some((2, 4)));
    assert_eq!(model.time_to_close(SignId::Tickets, 0), Some((2, 4)));
}

#[test]
fn no_sign_takes_more_than_a_few_weeks_and_close_signs_take_one() {
    // The article: none of the gaps takes months; a first engagement can start
    // "in a few weeks". The signs are worked on side by side.
    let model = Model::current();
    for sign in SignId::ALL {
        assert!(model.sign(sign).weeks.1 <= 4, "{sign}");
        for score in model.thresholds.close..model.thresholds.strong {
            assert_eq!(model.time_to_close(sign, score), Some((1, 1)), "{sign} at {score}");
        }
    }
    let report = assess(&util::all(util::worst));
    assert_eq!(report.weeks_to_start(), Some((2, 4)), "the longest sign, not the sum");
    assert_eq!(assess(&all(best)).weeks_to_start(), None);
}

#[test]
fn when_and_time_of_specs_are_asked_only_once_someone_writes_them() {
    let mut answers = Answers::new();
    let (when, time) = (q("spec.when"), q("spec.time"));
    assert!(
        !answers.is_shown(when) && !answers.is_shown(time),
        "hidden until the question they depend on is answered"
    );
    choice(&mut answers, "spec.owner", "named");
    assert!(answers.is_shown(when) && answers.is_shown(time));
    assert_eq!(answers.missing(SignId::SpecOwnership), [when, time]);
    choice(&mut answers, "spec.owner", "whoever");
    assert!(answers.is_shown(when) && answers.is_shown(time));
    choice(&mut answers, "spec.owner", "nobody");
    assert!(!answers.is_shown(when) && !answers.is_shown(time));
    assert!(
        answers.missing(SignId::SpecOwnership).is_empty(),
        "a hidden question is not asked"
    );
}

#[test]
fn a_hidden_question_is_not_scored_and_the_sign_re_normalises() {
    let mut answers = all(best);
    choice(&mut answers, "spec.owner", "nobody");
    // spec.when and spec.time keep their (best) answers, but they are hidden now.
    assert!(answers.get(q("spec.time")).is_some());
    assert!(answers.is_complete());
    assert_eq!(answers.shown_count(), Model::current().question_count() - 2);
    let report = assess(&answers);
    let spec = report.sign(SignId::SpecOwnership);
    // Scored on spec.owner alone: 0 points, not (3·0 + 2·100 + 2·100) / 7 = 57.
    assert_eq!(spec.score, 0);
    assert_eq!(spec.status, Status::Gap);
    assert_eq!(spec.costs.len(), 1);
    assert_eq!(spec.costs[0].points, 100);
}

#[test]
fn a_same_working_day_answer_earns_full_marks() {
    assert_eq!(option_worth("unblock.speed", 100), 0);
    let mut answers = all(best);
    choice(&mut answers, "unblock.speed", "same-day");
    assert_eq!(assess(&answers).sign(SignId::Unblocking).score, 100);
}
