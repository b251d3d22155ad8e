//! A team: up to [`MAX_MEMBERS`] result codes, each with optional initials,
//! read from a team link's fragment or from pasted codes and links.
//!
//! The fragment form is `team=CODE[.INITIALS],CODE[.INITIALS],…`: result codes
//! use only `A–Z a–z 0–9 - _`, so `,` and `.` never clash with them. Reading
//! never fails and never panics: an entry that cannot be used is skipped with
//! a [`TeamNotice`] saying which one and why.

use crate::answer::Answers;
use crate::code::{decode, encode};
use crate::error::ErrorKind;
use crate::report::Report;
use crate::score::assess;

/// The most results one comparison holds.
pub const MAX_MEMBERS: usize = 12;

/// The most letters of a member's initials.
pub const MAX_INITIALS: usize = 3;

/// The fragment key of a team link (`#team=…`).
pub const TEAM_KEY: &str = "team";

/// The fragment key of a single result link (`#result=…`).
pub const RESULT_KEY: &str = "result";

/// Text longer than this is not read at all (twelve codes with initials fit many times over).
pub const MAX_TEAM_INPUT: usize = 4096;

/// One member of a team: a finished result and the initials they chose, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    code: String,
    initials: Option<String>,
    answers: Answers,
    report: Report,
}

impl Member {
    /// A member from a result code; the code must be readable and finished.
    /// Initials that are not 1–3 ASCII letters are refused (`Err` keeps the member without them).
    ///
    /// ```
    /// use readiness_core::{Member, TeamNoticeKind};
    /// assert_eq!(Member::new("nonsense!", None).unwrap_err(), TeamNoticeKind::Unreadable(readiness_core::ErrorKind::InvalidCharacter));
    /// ```
    pub fn new(code: &str, initials: Option<&str>) -> Result<Member, TeamNoticeKind> {
        let answers = decode(code).map_err(|e| TeamNoticeKind::Unreadable(e.kind()))?;
        if !answers.is_complete() {
            return Err(TeamNoticeKind::Incomplete);
        }
        Ok(Member {
            code: encode(&answers),
            initials: initials.and_then(clean_initials),
            report: assess(&answers),
            answers,
        })
    }

    /// The result code (canonical: as [`encode`] writes it).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The initials the member chose, upper case; `None` when none were given.
    pub fn initials(&self) -> Option<&str> {
        self.initials.as_deref()
    }

    /// The member's answers.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The member's own report.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

/// Initials as shown: 1–3 ASCII letters, upper case; anything else is `None`.
pub fn clean_initials(text: &str) -> Option<String> {
    let text = text.trim();
    let fits = (1..=MAX_INITIALS).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphabetic());
    fits.then(|| text.to_ascii_uppercase())
}

/// Why an entry of a team link or a paste was skipped (or lost its initials).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TeamNoticeKind {
    /// The code could not be decoded; the core's reason.
    Unreadable(ErrorKind),
    /// The code decodes but not every question is answered.
    Incomplete,
    /// The comparison already holds [`MAX_MEMBERS`] results.
    TooMany,
    /// A pasted entry has the same code and initials as a member already compared.
    Duplicate,
    /// The code was kept, its initials were not 1–3 letters and were dropped.
    InitialsDropped,
}

/// One notice about one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamNotice {
    /// The entry's position in what was read, from 1.
    pub entry: usize,
    /// What happened to it.
    pub kind: TeamNoticeKind,
}

/// The members of a comparison, in the order they joined.
///
/// ```
/// use readiness_core::{Team, TeamNoticeKind};
/// let (team, notices) = Team::read("#team=broken.AB");
/// assert!(team.is_empty());
/// assert!(matches!(notices[0].kind, TeamNoticeKind::Unreadable(_)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    members: Vec<Member>,
}

impl Team {
    /// No members yet.
    pub fn new() -> Team {
        Team::default()
    }

    /// The members, in order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there is no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Adds a member unless the team is full. Two members may share a code:
    /// colleagues can answer alike.
    pub fn add(&mut self, member: Member) -> Result<(), TeamNoticeKind> {
        if self.members.len() >= MAX_MEMBERS {
            return Err(TeamNoticeKind::TooMany);
        }
        self.members.push(member);
        Ok(())
    }

    /// Reads a team from a fragment (`team=…`), a whole link, pasted links
    /// (`…#result=CODE`, `…#team=…`) or bare codes separated by spaces, commas
    /// or new lines. Entries are numbered from 1 in the order found.
    pub fn read(text: &str) -> (Team, Vec<TeamNotice>) {
        let mut team = Team::new();
        let notices = team.read_more(text);
        (team, notices)
    }

    /// Adds what [`Team::read`] finds in `text` to this team; the notices number
    /// the new entries from 1. An entry with the same code and initials as a
    /// member already there is skipped as a duplicate (a link pasted twice, or a
    /// team link that holds members already compared).
    pub fn read_more(&mut self, text: &str) -> Vec<TeamNotice> {
        let before: Vec<(String, Option<String>)> = self
            .members
            .iter()
            .map(|m| (m.code.clone(), m.initials.clone()))
            .collect();
        let mut notices = Vec::new();
        if text.len() > MAX_TEAM_INPUT {
            notices.push(TeamNotice {
                entry: 1,
                kind: TeamNoticeKind::Unreadable(ErrorKind::CodeTooLong),
            });
            return notices;
        }
        for (i, (code, initials)) in entries(text).enumerate() {
            let entry = i + 1;
            let outcome = Member::new(code, initials).and_then(|member| {
                let dropped = initials.is_some() && member.initials.is_none();
                if before
                    .iter()
                    .any(|(code, initials)| *code == member.code && *initials == member.initials)
                {
                    return Err(TeamNoticeKind::Duplicate);
                }
                self.add(member)?;
                Ok(dropped)
            });
            match outcome {
                Ok(false) => {}
                Ok(true) => notices.push(TeamNotice {
                    entry,
                    kind: TeamNoticeKind::InitialsDropped,
                }),
                Err(kind) => notices.push(TeamNotice { entry, kind }),
            }
        }
        notices
    }

    /// The fragment that reopens this team, without the `#`: `team=CODE.AB,CODE`.
    ///
    /// ```
    /// use readiness_core::Team;
    /// assert_eq!(Team::new().fragment(), "team=");
    /// ```
    pub fn fragment(&self) -> String {
        let entries: Vec<String> = self
            .members
            .iter()
            .map(|m| match &m.initials {
                Some(initials) => format!("{}.{initials}", m.code),
                None => m.code.clone(),
            })
            .collect();
        format!("{TEAM_KEY}={}", entries.join(","))
    }
}

/// Every `(code, initials)` entry in free text, in order.
fn entries(text: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .flat_map(|token| -> Vec<&str> {
            match token.split_once('#') {
                // A link: only its `team=` and `result=` parts count.
                Some((_, fragment)) => fragment
                    .split('&')
                    .filter_map(|part| part.split_once('='))
                    .filter(|(key, _)| *key == TEAM_KEY || *key == RESULT_KEY)
                    .flat_map(|(_, value)| value.split(','))
                    .collect(),
                None => match token.split_once('=') {
                    Some((key, value)) if key == TEAM_KEY || key == RESULT_KEY => vec![value],
                    Some(_) => Vec::new(),
                    None => vec![token],
                },
            }
        })
        .filter(|entry| !entry.is_empty())
        .map(|entry| match entry.split_once('.') {
            Some((code, initials)) => (code, Some(initials)),
            None => (entry, None),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_from_fragments_links_and_bare_codes() {
        let found: Vec<_> = entries("team=A.XY,B https://x.test/a?b=c#result=C&utm=1 D, E;F").collect();
        assert_eq!(
            found,
            vec![
                ("A", Some("XY")),
                ("B", None),
                ("C", None),
                ("D", None),
                ("E", None),
                ("F", None)
            ]
        );
    }

    #[test]
    fn other_fragment_keys_are_ignored() {
        assert_eq!(entries("https://x.test/#section=2").count(), 0);
        assert_eq!(entries("utm=5").count(), 0);
    }

    #[test]
    fn initials_are_one_to_three_letters_upper_cased() {
        assert_eq!(clean_initials(" ab "), Some("AB".into()));
        assert_eq!(clean_initials("abcd"), None);
        assert_eq!(clean_initials(""), None);
        assert_eq!(clean_initials("a1"), None);
        assert_eq!(clean_initials("é"), None);
    }
}
