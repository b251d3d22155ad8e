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
    choice(&mut answers, "unblock.speed", "next-day"); // weight 3, 40 points: costs 36
    choice(&mut answers, "unblock.owner", "nobody"); // weight 2, 0 points: costs 40
    let report = assess(&answers);
    let steps = Locale::english().steps_for(report.sign(SignId::Unblocking));
    assert_eq!(
        steps,
        [step("unblock.owner", "nobody"), step("unblock.speed", "next-day")]
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
    // Tickets: 2–4 weeks for a wide gap; 25 % (rounded up) within 20 points; 60 % within 45.
    assert_eq!(model.time_to_close(SignId::Tickets, 76), Some((1, 1)));
    assert_eq!(model.time_to_close(SignId::Tickets, 60), Some((1, 1)));
    assert_eq!(model.time_to_close(SignId::Tickets, 59), Some((2, 3)));
    assert_eq!(model.time_to_close(SignId::Tickets, 35), Some((2, 3)));
    assert_eq!(model.time_to_close(SignId::Tickets, 20), Some((2, 4)));
    assert_eq!(model.time_to_close(SignId::Tickets, 0), Some((2, 4)));
}

#[test]
fn spec_time_is_asked_only_after_a_spec_is_written_before_the_work() {
    let mut answers = Answers::new();
    let time = q("spec.time");
    assert!(
        !answers.is_shown(time),
        "hidden until the question it depends on is answered"
    );
    choice(&mut answers, "spec.who-when", "owner-before");
    assert!(answers.is_shown(time));
    assert_eq!(answers.missing(SignId::SpecOwnership), [time]);
    choice(&mut answers, "spec.who-when", "on-request");
    assert!(!answers.is_shown(time));
    assert!(
        answers.missing(SignId::SpecOwnership).is_empty(),
        "a hidden question is not asked"
    );
}

#[test]
fn a_hidden_question_is_not_scored_and_the_sign_re_normalises() {
    let mut answers = all(best);
    choice(&mut answers, "spec.who-when", "engineer-after");
    // spec.time keeps its (best) answer, but it is hidden now.
    assert!(answers.get(q("spec.time")).is_some());
    assert!(answers.is_complete());
    assert_eq!(answers.shown_count(), Model::current().question_count() - 1);
    let report = assess(&answers);
    let spec = report.sign(SignId::SpecOwnership);
    // Scored on spec.who-when alone: 10 points, not (3·10 + 2·100) / 5 = 46.
    assert_eq!(spec.score, 10);
    assert_eq!(spec.status, Status::Gap);
    assert_eq!(spec.costs.len(), 1);
    assert_eq!(spec.costs[0].points, 90);
}

#[test]
fn a_same_working_day_answer_earns_full_marks() {
    assert_eq!(option_worth("unblock.speed", 100), 0);
    let mut answers = all(best);
    choice(&mut answers, "unblock.speed", "same-day");
    assert_eq!(assess(&answers).sign(SignId::Unblocking).score, 100);
}
