//! Scoring, question kind by question kind, and the report built from it.

mod util;

use readiness_core::{assess, Answer, Answers, Model, Picture, SignId, Status, Verdict};
use util::{all, all_best_but, best, option_worth, q, worst};

fn score_of(answers: &Answers, sign: SignId) -> (u8, Status) {
    let result = assess(answers).sign(sign).clone();
    (result.score, result.status)
}

#[test]
fn best_answers_make_every_sign_strong_at_100() {
    let report = assess(&all(best));
    for sign in report.signs() {
        assert_eq!((sign.score, sign.status), (100, Status::Strong), "{}", sign.sign);
        assert!(sign.costs.is_empty());
    }
    assert_eq!(report.picture(), Picture::Ready);
    assert!(report.plan().is_empty());
    assert_eq!(report.model_version(), Model::current().version);
}

#[test]
fn worst_answers_make_every_sign_a_gap_at_0() {
    let report = assess(&all(worst));
    assert!(report.signs().iter().all(|s| s.score == 0 && s.status == Status::Gap));
    assert_eq!(report.picture(), Picture::Groundwork);
    assert_eq!(report.plan(), SignId::ALL);
}

#[test]
fn ticket_review_scores_the_mean_of_five_verdicts() {
    let mut answers = Answers::new();
    // yes, yes, partly, no, no = (100+100+50+0+0)/5 = 50 per cent of the question.
    let v = [
        Some(Verdict::Yes),
        Some(Verdict::Yes),
        Some(Verdict::Partly),
        Some(Verdict::No),
        Some(Verdict::No),
    ];
    answers.set(q("tickets.last-five"), Answer::Tickets(v)).unwrap();
    assert_eq!(score_of(&answers, SignId::Tickets), (50, Status::Close));
}

#[test]
fn a_ticket_review_with_a_ticket_unjudged_does_not_count_yet() {
    let mut answers = Answers::new();
    let v = [
        Some(Verdict::Yes),
        None,
        Some(Verdict::Yes),
        Some(Verdict::Yes),
        Some(Verdict::Yes),
    ];
    answers.set(q("tickets.last-five"), Answer::Tickets(v)).unwrap();
    assert_eq!(score_of(&answers, SignId::Tickets).1, Status::NotAnswered);
    assert_eq!(answers.answered_count(), 0);
    assert!(answers.missing(SignId::Tickets).contains(&q("tickets.last-five")));
}

#[test]
fn checklist_scores_the_share_of_ticked_items() {
    let mut answers = Answers::new();
    answers.set(q("docs.written"), Answer::Checked(0b0011)).unwrap();
    assert_eq!(score_of(&answers, SignId::Documentation), (50, Status::Close));
    answers.set(q("docs.written"), Answer::Checked(0b0001)).unwrap();
    assert_eq!(score_of(&answers, SignId::Documentation), (25, Status::Gap));
}

#[test]
fn an_empty_checklist_is_an_answer_worth_nothing() {
    let mut answers = Answers::new();
    answers.set(q("docs.written"), Answer::Checked(0)).unwrap();
    assert_eq!(score_of(&answers, SignId::Documentation), (0, Status::Gap));
}

#[test]
fn single_choice_scores_the_options_points() {
    let mut answers = Answers::new();
    answers
        .set(q("unblock.owner"), Answer::Choice(option_worth("unblock.owner", 40)))
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Unblocking), (40, Status::Gap));
}

#[test]
fn counting_specific_comments_rewards_the_specific_ones() {
    let mut answers = Answers::new();
    answers
        .set(
            q("feedback.specific"),
            Answer::Choice(option_worth("feedback.specific", 100)),
        )
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Feedback).1, Status::Strong);
    answers
        .set(
            q("feedback.specific"),
            Answer::Choice(option_worth("feedback.specific", 0)),
        )
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Feedback), (0, Status::Gap));
}

#[test]
fn weights_decide_the_mix() {
    // unblocking: speed weight 3 at 100, owner weight 2 at 0 → 300/5 = 60.
    let mut answers = Answers::new();
    answers
        .set(q("unblock.speed"), Answer::Choice(option_worth("unblock.speed", 100)))
        .unwrap();
    answers
        .set(q("unblock.owner"), Answer::Choice(option_worth("unblock.owner", 0)))
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Unblocking), (60, Status::Close));
}

#[test]
fn status_lines_fall_exactly_at_80_and_50() {
    // tickets: yes, yes, yes, partly, partly (800‰·3) + three or four with criteria (800‰·2)
    // = 4000/50 = 80 → strong, on the line.
    let mut answers = Answers::new();
    let v = [
        Some(Verdict::Yes),
        Some(Verdict::Yes),
        Some(Verdict::Yes),
        Some(Verdict::Partly),
        Some(Verdict::Partly),
    ];
    answers.set(q("tickets.last-five"), Answer::Tickets(v)).unwrap();
    answers
        .set(
            q("tickets.criteria"),
            Answer::Choice(option_worth("tickets.criteria", 80)),
        )
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Tickets), (80, Status::Strong));
    // spec: whoever (40·3) + before (100·2) + planned (100·2) = 520/7 = 74 → close.
    answers
        .set(q("spec.owner"), Answer::Choice(option_worth("spec.owner", 40)))
        .unwrap();
    answers
        .set(q("spec.when"), Answer::Choice(option_worth("spec.when", 100)))
        .unwrap();
    answers
        .set(q("spec.time"), Answer::Choice(option_worth("spec.time", 100)))
        .unwrap();
    assert_eq!(score_of(&answers, SignId::SpecOwnership), (74, Status::Close));
    // docs: checklist 4/4 (1000‰·1) + "ask someone" (0·1) = 50 exactly → close, on the line.
    answers.set(q("docs.written"), Answer::Checked(0b1111)).unwrap();
    answers
        .set(
            q("docs.new-engineer"),
            Answer::Choice(option_worth("docs.new-engineer", 0)),
        )
        .unwrap();
    assert_eq!(score_of(&answers, SignId::Documentation), (50, Status::Close));
    // One tick less: (750 + 0) / 20 = 37.5 → 38 → gap.
    answers.set(q("docs.written"), Answer::Checked(0b0111)).unwrap();
    assert_eq!(score_of(&answers, SignId::Documentation), (38, Status::Gap));
}

#[test]
fn partial_answers_score_only_what_was_answered() {
    let mut answers = Answers::new();
    answers
        .set(q("spec.owner"), Answer::Choice(option_worth("spec.owner", 100)))
        .unwrap();
    answers
        .set(q("spec.time"), Answer::Choice(option_worth("spec.time", 20)))
        .unwrap();
    answers.clear(q("spec.owner"));
    // spec.time alone is hidden (it depends on spec.owner): nothing answered.
    assert_eq!(assess(&answers).sign(SignId::SpecOwnership).status, Status::NotAnswered);
    answers
        .set(q("spec.owner"), Answer::Choice(option_worth("spec.owner", 100)))
        .unwrap();
    answers.clear(q("spec.time"));
    let report = assess(&answers);
    let spec = report.sign(SignId::SpecOwnership);
    assert_eq!(
        (spec.score, spec.status, spec.answered, spec.questions),
        (100, Status::Strong, 1, 3)
    );
    assert_eq!(report.sign(SignId::Tickets).status, Status::NotAnswered);
    assert_eq!(report.picture(), Picture::Incomplete);
    assert!(report.plan().is_empty());
}

#[test]
fn costs_name_the_answers_that_lost_points_most_costly_first() {
    let mut answers = all(best);
    answers
        .set(q("unblock.speed"), Answer::Choice(option_worth("unblock.speed", 10)))
        .unwrap();
    answers
        .set(q("unblock.owner"), Answer::Choice(option_worth("unblock.owner", 40)))
        .unwrap();
    let report = assess(&answers);
    let unblocking = report.sign(SignId::Unblocking);
    // speed: 3·900/50 = 54; owner: 2·600/50 = 24; score 22.
    assert_eq!(unblocking.score, 22);
    let costs: Vec<_> = unblocking.costs.iter().map(|c| (c.question, c.points)).collect();
    assert_eq!(costs, [(q("unblock.speed"), 54), (q("unblock.owner"), 24)]);
    assert_eq!(100 - unblocking.score, 54 + 24);
}

#[test]
fn picture_is_focused_with_one_or_two_gaps() {
    assert_eq!(assess(&all_best_but(&[SignId::Feedback])).picture(), Picture::Focused);
    assert_eq!(
        assess(&all_best_but(&[SignId::Feedback, SignId::Tickets])).picture(),
        Picture::Focused
    );
    assert_eq!(
        assess(&all_best_but(&[SignId::Feedback, SignId::Tickets, SignId::Unblocking])).picture(),
        Picture::Groundwork
    );
}

#[test]
fn picture_is_nearly_when_the_only_weak_signs_are_close() {
    let mut answers = all(best);
    // whoever (40·3) + before + planned (100·2 each) = 520 / 7 = 74: close.
    answers
        .set(q("spec.owner"), Answer::Choice(option_worth("spec.owner", 40)))
        .unwrap();
    let report = assess(&answers);
    assert_eq!(report.sign(SignId::SpecOwnership).status, Status::Close);
    assert_eq!(report.picture(), Picture::Nearly);
    assert_eq!(report.plan(), [SignId::SpecOwnership]);
}

#[test]
fn plan_puts_gaps_before_close_signs_and_lower_scores_first() {
    let mut answers = all_best_but(&[SignId::Unblocking, SignId::Documentation]);
    // Documentation: three of four written (750‰) and "the docs, then ask" (900‰) = 83, strong;
    // two of four and "the docs, then ask" = (500 + 900) / 20 = 70, close.
    answers.set(q("docs.written"), Answer::Checked(0b0011)).unwrap();
    answers
        .set(
            q("docs.new-engineer"),
            Answer::Choice(option_worth("docs.new-engineer", 90)),
        )
        .unwrap();
    // Spec ownership: whoever has time = 74, close but above documentation.
    answers
        .set(q("spec.owner"), Answer::Choice(option_worth("spec.owner", 40)))
        .unwrap();
    let report = assess(&answers);
    assert_eq!(report.sign(SignId::Documentation).score, 70);
    assert_eq!(
        report.plan(),
        [SignId::Unblocking, SignId::Documentation, SignId::SpecOwnership]
    );
    let strengths: Vec<_> = report.strengths().collect();
    assert_eq!(strengths, [SignId::Tickets, SignId::Feedback]);
    assert_eq!((report.count(Status::Gap), report.count(Status::Close)), (1, 2));
}

#[test]
fn equal_scores_keep_the_articles_order_in_the_plan() {
    let report = assess(&all_best_but(&[SignId::Unblocking, SignId::Tickets]));
    assert_eq!(report.plan(), [SignId::Tickets, SignId::Unblocking]);
}

#[test]
fn scoring_is_deterministic() {
    let answers = all_best_but(&[SignId::Feedback]);
    assert_eq!(assess(&answers), assess(&answers.clone()));
}

#[test]
fn answers_refuse_the_wrong_kind_and_out_of_range_values() {
    use readiness_core::ErrorKind;
    let mut answers = Answers::new();
    let kind = |r: Result<(), readiness_core::Error>| r.unwrap_err().kind();
    assert_eq!(
        kind(answers.set(q("docs.written"), Answer::Choice(0))),
        ErrorKind::WrongAnswerKind
    );
    assert_eq!(
        kind(answers.set(q("spec.time"), Answer::Checked(1))),
        ErrorKind::WrongAnswerKind
    );
    assert_eq!(
        kind(answers.set(q("tickets.criteria"), Answer::Tickets([None; 5]))),
        ErrorKind::WrongAnswerKind
    );
    assert_eq!(
        kind(answers.set(q("spec.time"), Answer::Choice(3))),
        ErrorKind::AnswerOutOfRange
    );
    assert_eq!(
        kind(answers.set(q("docs.written"), Answer::Checked(0b1_0000))),
        ErrorKind::AnswerOutOfRange
    );
    assert!(answers.is_empty());
}

#[test]
fn clearing_an_answer_removes_it() {
    let mut answers = all(best);
    assert!(answers.is_complete());
    answers.clear(q("spec.time"));
    assert!(!answers.is_complete());
    assert_eq!(answers.missing(SignId::SpecOwnership), [q("spec.time")]);
}
