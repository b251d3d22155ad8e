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
    /// Issue 22: "e-mail me my plan" on the result.
    pub plan: crate::plan::PlanFlow,
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
    /// Issue 22: a step of "e-mail me my plan".
    Plan(crate::plan::PlanAction),
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
        plan: crate::plan::PlanFlow::default(),
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
        if self.team.compared(&self.answers).is_some() && (self.team.invited || self.phase == Phase::Team) {
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
                next.plan = crate::plan::PlanFlow::default();
            }
            Action::Forget => {
                next.answers = Answers::new();
                next.phase = Phase::Intro;
                next.show_missing = false;
                next.notice = Some(Notice::Forgotten);
                next.contact = ContactFlow::default();
                next.plan = crate::plan::PlanFlow::default();
                next.history = History::default();
            }
            Action::Clear(question) => next.answers.clear(question),
            Action::DismissNotice => next.notice = None,
            Action::Contact(action) => next.contact = self.contact.clone().apply(action),
            Action::Plan(action) => next.plan = self.plan.clone().apply(action),
            Action::ShowTeam => {
                if self.team.compared(&self.answers).is_none() {
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
                if grew
                    && next.team.others.len() > self.team.others.len()
                    && next.team.compared(&next.answers).is_some()
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
#[path = "state_tests.rs"]
mod tests;
