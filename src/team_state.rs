//! The team comparison inside the widget's state: the teammates' results from
//! the link and from pastes, the visitor's initials, and what was skipped.
//! Pure, like [`crate::contact`]: the app's reducer delegates here.

use readiness_core::{clean_initials, encode, Answers, Member, Team, TeamNotice, TeamReport, TEAM_KEY};

/// The team part of the state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamState {
    /// Teammates' results, from the link and from pastes (the visitor's own is added on top).
    pub others: Team,
    /// Entries of the link or the last paste that were skipped.
    pub notices: Vec<TeamNotice>,
    /// The visitor's initials as typed.
    pub initials: String,
    /// The page was opened from a team link.
    pub invited: bool,
    /// The last paste held no result code.
    pub paste_empty: bool,
}

/// What can happen to the team part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamAction {
    /// Codes or links of teammates were pasted.
    Paste(String),
    /// The visitor typed their initials.
    Initials(String),
    /// Close the notices about skipped entries.
    DismissNotices,
}

impl TeamState {
    /// The team of a `team=` fragment value (`None` when the page has none).
    pub fn from_link(value: Option<&str>) -> TeamState {
        let Some(value) = value else {
            return TeamState::default();
        };
        let (others, notices) = Team::read(&format!("{TEAM_KEY}={value}"));
        TeamState {
            others,
            notices,
            invited: true,
            ..TeamState::default()
        }
    }

    /// The pure sub-reducer.
    pub fn apply(mut self, action: TeamAction) -> TeamState {
        match action {
            TeamAction::Paste(text) => {
                let before = self.others.len();
                self.notices = self.others.read_more(&text);
                self.paste_empty = self.others.len() == before && self.notices.is_empty();
            }
            TeamAction::Initials(text) => self.initials = text.chars().take(8).collect(),
            TeamAction::DismissNotices => {
                self.notices.clear();
                self.paste_empty = false;
            }
        }
        self
    }

    /// The visitor's initials as they go into the link, if valid.
    pub fn clean_initials(&self) -> Option<String> {
        clean_initials(&self.initials)
    }

    /// The teammates plus the visitor's own finished result (unless the link
    /// already holds that very code, as when someone reopens their own team link).
    pub fn with_own(&self, own: &Answers) -> Team {
        let mut team = self.others.clone();
        let code = encode(own);
        if own.is_complete() && !team.members().iter().any(|m| m.code() == code) {
            if let Ok(member) = Member::new(&code, self.clean_initials().as_deref()) {
                let _ = team.add(member);
            }
        }
        team
    }

    /// Everyone compared (the visitor's own result included), when there are
    /// at least two results: what the team view shows.
    pub fn compared(&self, own: &Answers) -> Option<Team> {
        let team = self.with_own(own);
        (team.len() >= 2).then_some(team)
    }

    /// The report of everyone, when there are at least two results to compare
    /// (computed by the team module, which renders the figures).
    pub fn report(&self, own: &Answers) -> Option<(Team, TeamReport)> {
        let team = self.compared(own)?;
        let report = TeamReport::new(&team)?;
        Some((team, report))
    }

    /// The fragment of the team link to send on (`team=…`), with the visitor's own result.
    pub fn link_fragment(&self, own: &Answers) -> String {
        self.with_own(own).fragment()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readiness_core::{Answer, Model, QuestionKind, TeamNoticeKind, Verdict};

    fn finished(pick: usize) -> Answers {
        let mut answers = Answers::new();
        for (index, _, q) in Model::current().questions() {
            let answer = match q.kind {
                QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::ALL[pick % 3]); 5]),
                QuestionKind::Checklist => Answer::Checked((pick % 16) as u8),
                _ => Answer::Choice((pick % q.choices.len()) as u8),
            };
            answers.set(index, answer).unwrap();
        }
        answers
    }

    #[test]
    fn an_invitation_holds_the_colleague_and_adds_the_visitor_once_finished() {
        let colleague = encode(&finished(0));
        let state = TeamState::from_link(Some(&format!("{colleague}.ab")));
        assert!(state.invited);
        assert_eq!(state.others.len(), 1);
        assert!(
            state.report(&Answers::new()).is_none(),
            "one result is not a comparison"
        );
        let state = state.apply(TeamAction::Initials("cd".into()));
        let own = finished(1);
        assert_eq!(
            state.link_fragment(&own),
            format!("team={colleague}.AB,{}.CD", encode(&own))
        );
        let (team, report) = state.report(&own).unwrap();
        assert_eq!((team.len(), report.members()), (2, 2));
    }

    #[test]
    fn reopening_ones_own_team_link_does_not_count_the_visitor_twice() {
        let own = finished(1);
        let state = TeamState::from_link(Some(&format!("{},{}", encode(&finished(0)), encode(&own))));
        assert_eq!(state.with_own(&own).len(), 2);
    }

    #[test]
    fn a_corrupt_entry_in_the_link_is_a_notice() {
        let state = TeamState::from_link(Some(&format!("{},XXXX,{}", encode(&finished(0)), encode(&finished(2)))));
        assert_eq!(state.others.len(), 2);
        assert_eq!(state.notices.len(), 1);
        assert_eq!(state.notices[0].entry, 2);
        assert!(matches!(state.notices[0].kind, TeamNoticeKind::Unreadable(_)));
        assert!(state.apply(TeamAction::DismissNotices).notices.is_empty());
    }

    #[test]
    fn pasting_links_adds_teammates_and_an_empty_paste_says_so() {
        let state = TeamState::default().apply(TeamAction::Paste(format!(
            "https://site.test/a#result={}\n{}",
            encode(&finished(0)),
            encode(&finished(2))
        )));
        assert_eq!(state.others.len(), 2);
        assert!(!state.paste_empty);
        let state = state.apply(TeamAction::Paste("hello there".into()));
        assert_eq!(state.others.len(), 2);
        assert!(state
            .notices
            .iter()
            .all(|n| matches!(n.kind, TeamNoticeKind::Unreadable(_))));
        let state = state.apply(TeamAction::Paste("   ".into()));
        assert!(state.paste_empty);
    }

    #[test]
    fn initials_are_kept_short_and_only_letters_reach_the_link() {
        let state = TeamState::default().apply(TeamAction::Initials("a1".into()));
        assert_eq!(state.clean_initials(), None);
        let state = state.apply(TeamAction::Initials("xyzxyzxyzxyz".into()));
        assert_eq!(state.initials.len(), 8);
    }
}
