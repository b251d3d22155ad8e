//! The widget's one state and the actions that change it. The reducer is
//! pure: storage, events and HTTP happen in effects that watch the state.

use std::rc::Rc;

use crate::contact::ContactFlow;
use crate::history::History;
use crate::team_state::{TeamAction, TeamState};
use readiness_core::{Answer, Answers, QuestionIndex, SignId};

/// Where the visitor is in the journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// What this is, how long it takes, what stays private.
    Intro,
    /// The questions of one sign.
    Sign(SignId),
    /// The map of strengths and gaps.
    Result,
    /// Several people's results side by side.
    Team,
}

impl Phase {
    /// A short stable name, for storage and events.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Intro => "intro",
            Phase::Sign(sign) => sign.as_str(),
            Phase::Result => "result",
            Phase::Team => "team",
        }
    }

    /// The inverse of [`Phase::as_str`].
    pub fn parse(text: &str) -> Option<Phase> {
        match text {
            "intro" => Some(Phase::Intro),
            "result" => Some(Phase::Result),
            "team" => Some(Phase::Team),
            sign => SignId::try_from(sign).ok().map(Phase::Sign),
        }
    }
}

/// A one-off message above the current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Answers from an earlier visit were restored.
    Restored,
    /// "Forget my answers" did its job.
    Forgotten,
    /// The `#result=` code in the link could not be read.
    BadCode,
}

/// The whole state of one widget.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// What the visitor has answered so far.
    pub answers: Answers,
    /// Where they are.
    pub phase: Phase,
    /// Set when "next" was pressed with questions still open on this step.
    pub show_missing: bool,
    /// A message to show once.
    pub notice: Option<Notice>,
    /// The contact hand-off after the result.
    pub contact: ContactFlow,
    /// The team comparison: teammates from the link and from pastes.
    pub team: TeamState,
    /// The latest finished results kept in the browser, for "since last time".
    pub history: History,
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the intro for the first sign.
    Start,
    /// An answer was given or changed.
    Answer(QuestionIndex, Answer),
    /// An answer was withdrawn (e.g. "none of these" unticked).
    Clear(QuestionIndex),
    /// Go on, if this step is complete.
    Next,
    /// Go back one step.
    Back,
    /// From the result, change the answers of one sign.
    Review(SignId),
    /// Clear the answers and start again at the first sign.
    Retake,
    /// Clear the answers and the stored progress; back to the intro.
    Forget,
    /// Close the notice.
    DismissNotice,
    /// A step of the contact hand-off.
    Contact(crate::contact::ContactAction),
    /// Open the team view (when there are at least two results to compare).
    ShowTeam,
    /// Leave the team view: to the own result, or into the check without one.
    LeaveTeam,
    /// A change to the team comparison (pasted codes, initials, notices).
    Team(TeamAction),
    /// The finished result was recorded in the browser; this is the history now.
    Recorded(History),
}

/// What the widget starts from: a shared result code in the link wins over
/// stored progress; a bad code is reported and the quiz starts clean.
pub fn initial_state(shared: Option<Result<Answers, ()>>, stored: Option<(Answers, Phase)>) -> State {
    let fresh = State {
        answers: Answers::new(),
        phase: Phase::Intro,
        show_missing: false,
        notice: None,
        contact: ContactFlow::default(),
        team: TeamState::default(),
        history: History::default(),
    };
    match (shared, stored) {
        (Some(Ok(answers)), _) => State {
            phase: if answers.is_complete() {
                Phase::Result
            } else {
                first_open_sign(&answers)
            },
            answers,
            ..fresh
        },
        (Some(Err(())), _) => State {
            notice: Some(Notice::BadCode),
            ..fresh
        },
        (None, Some((answers, phase))) if !answers.is_empty() => State {
            // A stored result page whose answers are no longer complete resumes at the gap.
            phase: if matches!(phase, Phase::Result | Phase::Team) && !answers.is_complete() {
                first_open_sign(&answers)
            } else {
                phase
            },
            answers,
            notice: Some(Notice::Restored),
            ..fresh
        },
        _ => fresh,
    }
}

impl State {
    /// Adds the team of a team link and the kept history. With at least two
    /// results to compare (the link's and the visitor's own finished one) the
    /// team view opens; a stored team view without a team falls back to the result.
    pub fn with_team(mut self, team: TeamState, history: History) -> State {
        self.team = team;
        self.history = history;
        if self.team.report(&self.answers).is_some() && (self.team.invited || self.phase == Phase::Team) {
            self.phase = Phase::Team;
        } else if self.phase == Phase::Team {
            self.phase = if self.answers.is_complete() {
                Phase::Result
            } else {
                first_open_sign(&self.answers)
            };
        }
        self
    }
}

fn first_open_sign(answers: &Answers) -> Phase {
    SignId::ALL
        .into_iter()
        .find(|sign| !answers.missing(*sign).is_empty())
        .map_or(Phase::Result, Phase::Sign)
}

fn neighbour(sign: SignId, step: isize) -> Option<SignId> {
    let index = sign.index() as isize + step;
    usize::try_from(index).ok().and_then(|i| SignId::ALL.get(i)).copied()
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.apply(action)
    }
}

impl State {
    /// The pure reducer: the same `Rc` back when nothing changed, so Yew skips the render.
    pub fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Start => {
                next.phase = Phase::Sign(SignId::Tickets);
                next.notice = None;
            }
            Action::Answer(question, answer) => {
                if next.answers.set(question, answer).is_err() || next.answers == self.answers {
                    return self;
                }
            }
            Action::Next => match self.phase {
                Phase::Intro => next.phase = Phase::Sign(SignId::Tickets),
                Phase::Team => return self,
                Phase::Sign(sign) if !self.answers.missing(sign).is_empty() => next.show_missing = true,
                Phase::Sign(sign) => {
                    next.phase = neighbour(sign, 1).map_or(Phase::Result, Phase::Sign);
                    next.show_missing = false;
                    next.notice = None;
                }
                Phase::Result => return self,
            },
            Action::Back => {
                next.phase = match self.phase {
                    Phase::Intro => return self,
                    Phase::Sign(sign) => neighbour(sign, -1).map_or(Phase::Intro, Phase::Sign),
                    Phase::Result => Phase::Sign(SignId::Unblocking),
                    Phase::Team => return self.apply(Action::LeaveTeam),
                };
                next.show_missing = false;
                next.notice = None;
            }
            Action::Review(sign) => {
                next.phase = Phase::Sign(sign);
                next.show_missing = false;
                next.notice = None;
            }
            Action::Retake => {
                next.answers = Answers::new();
                next.phase = Phase::Sign(SignId::Tickets);
                next.show_missing = false;
                next.notice = None;
                next.contact = ContactFlow::default();
            }
            Action::Forget => {
                next.answers = Answers::new();
                next.phase = Phase::Intro;
                next.show_missing = false;
                next.notice = Some(Notice::Forgotten);
                next.contact = ContactFlow::default();
                next.history = History::default();
            }
            Action::Clear(question) => next.answers.clear(question),
            Action::DismissNotice => next.notice = None,
            Action::Contact(action) => next.contact = self.contact.clone().apply(action),
            Action::ShowTeam => {
                if self.team.report(&self.answers).is_none() {
                    return self;
                }
                next.phase = Phase::Team;
                next.notice = None;
            }
            Action::LeaveTeam => {
                next.phase = if self.answers.is_complete() {
                    Phase::Result
                } else {
                    first_open_sign(&self.answers)
                };
                next.notice = None;
            }
            Action::Team(action) => {
                let grew = matches!(action, TeamAction::Paste(_));
                next.team = self.team.clone().apply(action);
                if grew && next.team.others.len() > self.team.others.len() && next.team.report(&next.answers).is_some()
                {
                    next.phase = Phase::Team;
                    next.notice = None;
                }
            }
            Action::Recorded(history) => next.history = history,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(state.answers.answered_count(), 3);
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
        let state = Rc::new(
            initial_state(None, None).with_team(link(&[&finished(true), &finished(false)]), History::default()),
        );
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
}
