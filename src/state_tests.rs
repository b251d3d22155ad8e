//! The reducer's tests: the journey, shared links, stored progress, the team
//! comparison and the kept history.

use super::*;
use readiness_core::{Model, QuestionKind, Verdict};

fn best(index: QuestionIndex) -> Answer {
    let q = Model::current().question(index);
    match q.kind {
        QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Yes); 5]),
        QuestionKind::Checklist => Answer::Checked(0b1111),
        _ => Answer::Choice(q.choices.iter().position(|c| c.points == 100).unwrap() as u8),
    }
}

fn start() -> Rc<State> {
    Rc::new(initial_state(None, None))
}

fn answer_sign(mut state: Rc<State>, sign: SignId) -> Rc<State> {
    for q in Model::current().sign_questions(sign) {
        state = state.apply(Action::Answer(q, best(q)));
    }
    state
}

#[test]
fn a_new_visitor_starts_at_the_intro() {
    let state = start();
    assert_eq!(state.phase, Phase::Intro);
    assert_eq!(state.notice, None);
    assert_eq!(state.apply(Action::Start).phase, Phase::Sign(SignId::Tickets));
}

#[test]
fn next_with_open_questions_explains_instead_of_moving() {
    let state = start().apply(Action::Start).apply(Action::Next);
    assert_eq!(state.phase, Phase::Sign(SignId::Tickets));
    assert!(state.show_missing);
    let state = answer_sign(state, SignId::Tickets).apply(Action::Next);
    assert_eq!(state.phase, Phase::Sign(SignId::Documentation));
    assert!(!state.show_missing);
}

#[test]
fn the_last_sign_leads_to_the_result_and_back_returns() {
    let mut state = start().apply(Action::Start);
    for sign in SignId::ALL {
        state = answer_sign(state, sign).apply(Action::Next);
    }
    assert_eq!(state.phase, Phase::Result);
    let state = state.apply(Action::Back);
    assert_eq!(state.phase, Phase::Sign(SignId::Unblocking));
    assert_eq!(state.apply(Action::Back).phase, Phase::Sign(SignId::Feedback));
}

#[test]
fn back_from_the_first_sign_is_the_intro_and_keeps_answers() {
    let state = answer_sign(start().apply(Action::Start), SignId::Tickets).apply(Action::Back);
    assert_eq!(state.phase, Phase::Intro);
    assert_eq!(
        state.answers.answered_count(),
        Model::current().sign(SignId::Tickets).questions.len()
    );
}

#[test]
fn an_unchanged_answer_returns_the_same_state() {
    let q = Model::current().question_index("spec.time").unwrap();
    let state = start().apply(Action::Answer(q, Answer::Choice(1)));
    let again = state.clone().apply(Action::Answer(q, Answer::Choice(1)));
    assert!(Rc::ptr_eq(&state, &again), "re-render skipped when nothing changed");
}

#[test]
fn an_invalid_answer_is_ignored() {
    let q = Model::current().question_index("spec.time").unwrap();
    let state = start();
    assert!(Rc::ptr_eq(
        &state,
        &state.clone().apply(Action::Answer(q, Answer::Choice(9)))
    ));
}

#[test]
fn forget_clears_answers_and_says_so() {
    let state = answer_sign(start().apply(Action::Start), SignId::Tickets).apply(Action::Forget);
    assert!(state.answers.is_empty());
    assert_eq!((state.phase, state.notice), (Phase::Intro, Some(Notice::Forgotten)));
}

#[test]
fn retake_starts_the_questions_again() {
    let state = answer_sign(start().apply(Action::Start), SignId::Tickets).apply(Action::Retake);
    assert!(state.answers.is_empty());
    assert_eq!(state.phase, Phase::Sign(SignId::Tickets));
}

#[test]
fn review_jumps_to_a_sign() {
    assert_eq!(
        start().apply(Action::Review(SignId::Feedback)).phase,
        Phase::Sign(SignId::Feedback)
    );
}

#[test]
fn a_shared_complete_code_opens_the_result() {
    let complete = SignId::ALL.into_iter().fold(start(), answer_sign).answers.clone();
    let state = initial_state(Some(Ok(complete)), None);
    assert_eq!(state.phase, Phase::Result);
}

#[test]
fn a_bad_shared_code_shows_a_notice_and_the_quiz_from_the_start() {
    let stored = answer_sign(start(), SignId::Tickets).answers.clone();
    let state = initial_state(Some(Err(())), Some((stored, Phase::Sign(SignId::Documentation))));
    assert_eq!((state.phase, state.notice), (Phase::Intro, Some(Notice::BadCode)));
    assert!(state.answers.is_empty());
}

#[test]
fn stored_progress_resumes_where_the_visitor_was() {
    let stored = answer_sign(start(), SignId::Tickets).answers.clone();
    let state = initial_state(None, Some((stored, Phase::Sign(SignId::Documentation))));
    assert_eq!(state.phase, Phase::Sign(SignId::Documentation));
    assert_eq!(state.notice, Some(Notice::Restored));
}

#[test]
fn a_stored_result_with_missing_answers_resumes_at_the_first_gap() {
    let stored = answer_sign(start(), SignId::Tickets).answers.clone();
    let state = initial_state(None, Some((stored, Phase::Result)));
    assert_eq!(state.phase, Phase::Sign(SignId::Documentation));
}

#[test]
fn phases_round_trip_through_their_names() {
    for phase in [Phase::Intro, Phase::Result, Phase::Sign(SignId::SpecOwnership)] {
        assert_eq!(Phase::parse(phase.as_str()), Some(phase));
    }
    assert_eq!(Phase::parse("nonsense"), None);
}

fn finished(best_answers: bool) -> Answers {
    let mut answers = Answers::new();
    for (q, _, question) in Model::current().questions() {
        let answer = if best_answers {
            best(q)
        } else {
            match question.kind {
                QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::No); 5]),
                QuestionKind::Checklist => Answer::Checked(0),
                _ => Answer::Choice(question.choices.iter().position(|c| c.points == 0).unwrap() as u8),
            }
        };
        answers.set(q, answer).unwrap();
    }
    answers
}

fn link(codes: &[&Answers]) -> TeamState {
    let value: Vec<String> = codes.iter().map(|a| readiness_core::encode(a)).collect();
    TeamState::from_link(Some(&value.join(",")))
}

#[test]
fn a_team_link_with_two_results_opens_the_team_view() {
    let state = initial_state(None, None).with_team(link(&[&finished(true), &finished(false)]), History::default());
    assert_eq!(state.phase, Phase::Team);
    assert_eq!(state.team.others.len(), 2);
}

#[test]
fn an_invitation_with_one_result_starts_at_the_intro_and_the_finished_check_joins() {
    let state = Rc::new(initial_state(None, None).with_team(link(&[&finished(false)]), History::default()));
    assert_eq!(state.phase, Phase::Intro);
    assert!(state.team.invited);
    assert_eq!(
        state.clone().apply(Action::ShowTeam),
        state,
        "nobody to compare with yet"
    );
    let mut state = state.apply(Action::Start);
    for sign in SignId::ALL {
        state = answer_sign(state, sign).apply(Action::Next);
    }
    assert_eq!(state.phase, Phase::Result);
    assert_eq!(state.team.with_own(&state.answers).len(), 2);
    let state = state.apply(Action::ShowTeam);
    assert_eq!(state.phase, Phase::Team);
    assert_eq!(state.clone().apply(Action::LeaveTeam).phase, Phase::Result);
    assert_eq!(state.apply(Action::Back).phase, Phase::Result);
}

#[test]
fn leaving_the_team_view_without_an_own_result_starts_the_check() {
    let state =
        Rc::new(initial_state(None, None).with_team(link(&[&finished(true), &finished(false)]), History::default()));
    assert_eq!(state.apply(Action::LeaveTeam).phase, Phase::Sign(SignId::Tickets));
}

#[test]
fn pasting_a_teammate_on_the_result_opens_the_team_view() {
    let own = finished(true);
    let state = Rc::new(initial_state(Some(Ok(own)), None).with_team(TeamState::default(), History::default()));
    assert_eq!(state.phase, Phase::Result);
    let pasted = readiness_core::encode(&finished(false));
    let state = state.apply(Action::Team(TeamAction::Paste(format!(
        "https://x.test/#result={pasted}"
    ))));
    assert_eq!(state.phase, Phase::Team);
    let state = state.apply(Action::Team(TeamAction::Paste("nonsense".into())));
    assert_eq!(state.team.notices.len(), 1);
}

#[test]
fn a_stored_team_view_without_a_team_falls_back_to_the_result() {
    let own = finished(true);
    let state = initial_state(None, Some((own, Phase::Team))).with_team(TeamState::default(), History::default());
    assert_eq!(state.phase, Phase::Result);
}

#[test]
fn forget_clears_the_history_and_recorded_replaces_it() {
    let history = History::default().record("AAAA", 1);
    let state = Rc::new(initial_state(None, None)).apply(Action::Recorded(history.clone()));
    assert_eq!(state.history, history);
    assert_eq!(state.apply(Action::Forget).history, History::default());
}
