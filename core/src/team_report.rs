//! What a team's results say together: per sign every member's score, the
//! median and the spread, where the team disagrees and on which questions, and
//! the plan from the median.

use crate::answer::{Answer, Verdict};
use crate::content::Locale;
use crate::model::{Model, QuestionIndex, QuestionKind};
use crate::report::{Picture, Status};
use crate::score::{per_mille, picture_of_statuses, plan_order, status_of};
use crate::sign::SignId;
use crate::team::Team;
use crate::template::fill;

/// A spread of this many points or more on a sign means the team disagrees.
pub const DISAGREEMENT: u8 = 30;

/// The most questions listed as differing, per sign.
pub const MAX_DIFFERING: usize = 3;

/// Members who gave the same answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerGroup {
    /// The answer (for ticket reviews: one of the group's; they share the count of yes).
    pub answer: Answer,
    /// The members, by position in the team.
    pub members: Vec<usize>,
    /// What the answer earns, 0–100.
    pub points: u8,
}

/// A question the members answered differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differing {
    /// The question.
    pub question: QuestionIndex,
    /// Highest minus lowest points any member earned on it, 0–100.
    pub range: u8,
    /// The answers given, the most common first.
    pub groups: Vec<AnswerGroup>,
}

/// One sign across the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSign {
    /// Which sign.
    pub sign: SignId,
    /// Every member's score, in the team's order.
    pub scores: Vec<u8>,
    /// The median score (the mean of the middle two, rounded half up, for an even count).
    pub median: u8,
    /// Highest minus lowest score.
    pub spread: u8,
    /// The status the median earns.
    pub status: Status,
    /// The questions answered most differently, most different first (at most [`MAX_DIFFERING`]).
    pub differing: Vec<Differing>,
}

impl TeamSign {
    /// Whether the team disagrees on this sign (spread of [`DISAGREEMENT`] points or more).
    pub fn disagrees(&self) -> bool {
        self.spread >= DISAGREEMENT
    }
}

/// The team's report.
///
/// ```
/// use readiness_core::{Team, TeamReport};
/// assert!(TeamReport::new(&Team::new()).is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamReport {
    members: usize,
    signs: [TeamSign; 5],
    picture: Picture,
    plan: Vec<SignId>,
}

impl TeamReport {
    /// The report of a team with at least one member.
    pub fn new(team: &Team) -> Option<TeamReport> {
        if team.is_empty() {
            return None;
        }
        let model = Model::current();
        let signs = SignId::ALL.map(|sign| {
            let scores: Vec<u8> = team.members().iter().map(|m| m.report().sign(sign).score).collect();
            let median = median(&scores);
            TeamSign {
                sign,
                spread: spread(&scores),
                status: status_of(median, model.thresholds),
                differing: differing(team, sign),
                scores,
                median,
            }
        });
        let statuses: Vec<(SignId, Status, u8)> = signs.iter().map(|s| (s.sign, s.status, s.median)).collect();
        Some(TeamReport {
            members: team.len(),
            picture: picture_of_statuses(statuses.iter().map(|s| s.1)),
            plan: plan_order(&statuses),
            signs,
        })
    }

    /// How many members.
    pub fn members(&self) -> usize {
        self.members
    }

    /// All five signs, in the article's order.
    pub fn signs(&self) -> &[TeamSign; 5] {
        &self.signs
    }

    /// One sign.
    pub fn sign(&self, id: SignId) -> &TeamSign {
        &self.signs[id.index()]
    }

    /// The signs in the order to show them: where the team disagrees first
    /// (widest spread first), then the rest in the article's order.
    pub fn ordered(&self) -> Vec<&TeamSign> {
        let mut signs: Vec<&TeamSign> = self.signs.iter().collect();
        crate::sort_small_by_key(&mut signs, |s| {
            (
                !s.disagrees(),
                std::cmp::Reverse(if s.disagrees() { s.spread } else { 0 }),
                s.sign,
            )
        });
        signs
    }

    /// The overall picture of the medians.
    pub fn picture(&self) -> Picture {
        self.picture
    }

    /// Signs to work on, from the medians: gaps before close signs, lower first.
    pub fn plan(&self) -> &[SignId] {
        &self.plan
    }
}

/// The median of scores, the middle two averaged (half up) for an even count; 0 for none.
///
/// ```
/// assert_eq!(readiness_core::median(&[10, 90, 40]), 40);
/// assert_eq!(readiness_core::median(&[10, 41]), 26);
/// ```
pub fn median(scores: &[u8]) -> u8 {
    let mut sorted = scores.to_vec();
    crate::sort_small_by_key(&mut sorted, |s| *s);
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (u16::from(sorted[n / 2 - 1]) + u16::from(sorted[n / 2])).div_ceil(2) as u8,
    }
}

/// Highest minus lowest; 0 for none.
pub fn spread(scores: &[u8]) -> u8 {
    match (scores.iter().max(), scores.iter().min()) {
        (Some(max), Some(min)) => max - min,
        _ => 0,
    }
}

fn points(index: QuestionIndex, answer: Answer) -> u8 {
    ((per_mille(Model::current().question(index), answer) + 5) / 10) as u8
}

/// Grouping key: ticket reviews group by how many tickets got a yes.
fn group_key(answer: Answer) -> Answer {
    match answer {
        Answer::Tickets(verdicts) => {
            Answer::Choice(verdicts.iter().filter(|v| **v == Some(Verdict::Yes)).count() as u8)
        }
        other => other,
    }
}

fn differing(team: &Team, sign: SignId) -> Vec<Differing> {
    let mut found: Vec<Differing> = Model::current()
        .sign_questions(sign)
        .filter_map(|question| {
            let mut groups: Vec<(Answer, AnswerGroup)> = Vec::new();
            for (position, member) in team.members().iter().enumerate() {
                let answer = member.answers().complete(question)?;
                let key = group_key(answer);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, group)) => group.members.push(position),
                    None => groups.push((
                        key,
                        AnswerGroup {
                            answer,
                            members: vec![position],
                            points: points(question, answer),
                        },
                    )),
                }
            }
            let mut groups: Vec<AnswerGroup> = groups.into_iter().map(|(_, g)| g).collect();
            if groups.len() < 2 {
                return None;
            }
            crate::sort_small_by_key(&mut groups, |g| {
                (std::cmp::Reverse(g.members.len()), std::cmp::Reverse(g.points))
            });
            let all: Vec<u8> = groups.iter().map(|g| g.points).collect();
            Some(Differing {
                question,
                range: spread(&all),
                groups,
            })
        })
        .collect();
    crate::sort_small_by_key(&mut found, |d| (std::cmp::Reverse(d.range), d.question));
    found.truncate(MAX_DIFFERING);
    found
}

/// An answer in words, for summaries: the option's label, or a count for ticket reviews and checklists.
pub fn answer_phrase(question: QuestionIndex, answer: Answer, locale: &Locale) -> String {
    let labels = locale.question(question).options;
    match (Model::current().question(question).kind, answer) {
        (QuestionKind::TicketReview, Answer::Tickets(verdicts)) => {
            let yes = verdicts.iter().filter(|v| **v == Some(Verdict::Yes)).count();
            fill(
                locale.ui.team_tickets_answer,
                &[("yes", &yes.to_string()), ("total", &verdicts.len().to_string())],
            )
        }
        (QuestionKind::Checklist, Answer::Checked(bits)) => fill(
            locale.ui.team_checklist_answer,
            &[
                ("ticked", &bits.count_ones().to_string()),
                ("total", &labels.len().to_string()),
            ],
        ),
        (_, Answer::Choice(option)) => {
            let label = labels.get(usize::from(option)).copied().unwrap_or_default();
            shorten(label.trim_matches(['“', '”', '"']))
        }
        _ => String::new(),
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Differing {
    /// "2 say “…”, 1 says “…”", in the locale's words.
    pub fn summary(&self, locale: &Locale) -> String {
        self.groups
            .iter()
            .map(|group| {
                let template = if group.members.len() == 1 {
                    locale.ui.team_say_one
                } else {
                    locale.ui.team_say_many
                };
                fill(
                    template,
                    &[
                        ("count", &group.members.len().to_string()),
                        ("answer", &answer_phrase(self.question, group.answer, locale)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
