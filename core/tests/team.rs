//! The team report: reading team links and pastes, median and spread, where
//! the team disagrees, the differing questions in words, and "since last time".

mod util;

use proptest::prelude::*;
use readiness_core::{
    assess, changes, encode, median, spread, Answer, Answers, ErrorKind, Locale, Model, QuestionKind, SignId, Status,
    Team, TeamNoticeKind, TeamReport, Verdict, DISAGREEMENT, MAX_MEMBERS,
};
use util::{all, all_best_but, best, q, worst};

fn code(answers: &Answers) -> String {
    encode(answers)
}

/// Every question answered; each option / verdict / checklist mask picked from `seed`.
fn varied(seed: &[u8]) -> Answers {
    let mut answers = Answers::new();
    for (i, (index, _, question)) in Model::current().questions().enumerate() {
        let s = seed.get(i).copied().unwrap_or(0);
        let n = question.choices.len() as u8;
        let answer = match question.kind {
            QuestionKind::TicketReview => {
                Answer::Tickets([0u8, 1, 2, 3, 4].map(|t| Some(Verdict::ALL[usize::from(s.wrapping_add(t) % 3)])))
            }
            QuestionKind::Checklist => Answer::Checked(s % (1 << n)),
            _ => Answer::Choice(s % n),
        };
        answers.set(index, answer).unwrap();
    }
    answers
}

fn three() -> (Answers, Answers, Answers) {
    // Tickets: two strong, one a gap (spread 100); the rest alike.
    (all(best), all(best), all_best_but(&[SignId::Tickets]))
}

#[test]
fn three_codes_in_a_team_link_make_three_members_on_each_sign() {
    let (a, b, c) = three();
    let link = format!(
        "https://example.test/article#team={}.AB,{},{}.cd",
        code(&a),
        code(&b),
        code(&c)
    );
    let (team, notices) = Team::read(&link);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(team.len(), 3);
    assert_eq!(team.members()[0].initials(), Some("AB"));
    assert_eq!(team.members()[1].initials(), None);
    assert_eq!(team.members()[2].initials(), Some("CD"));
    let report = TeamReport::new(&team).unwrap();
    assert_eq!(report.members(), 3);
    for sign in report.signs() {
        assert_eq!(sign.scores.len(), 3, "{}", sign.sign);
    }
    let tickets = report.sign(SignId::Tickets);
    assert_eq!(tickets.scores, vec![100, 100, 0]);
    assert_eq!(
        (tickets.median, tickets.spread, tickets.status),
        (100, 100, Status::Strong)
    );
    assert!(tickets.disagrees());
    assert_eq!(
        report.ordered()[0].sign,
        SignId::Tickets,
        "the disagreeing sign comes first"
    );
    assert!(report.ordered()[1..].iter().all(|s| !s.disagrees()));
    assert!(report.plan().is_empty(), "the median of tickets is strong");
}

#[test]
fn the_widest_disagreement_comes_first_then_the_article_order() {
    // Feedback: 0, 100, 100 (spread 100); documentation: 0, 0, 100 (spread 100, earlier);
    // unblocking: all best, no disagreement.
    let members = [
        all_best_but(&[SignId::Feedback, SignId::Documentation]),
        all(best),
        all_best_but(&[SignId::Documentation]),
    ];
    let text: Vec<String> = members.iter().map(code).collect();
    let (team, _) = Team::read(&text.join(" "));
    let report = TeamReport::new(&team).unwrap();
    let order: Vec<SignId> = report.ordered().iter().map(|s| s.sign).collect();
    assert_eq!(&order[..2], &[SignId::Documentation, SignId::Feedback]);
    assert_eq!(
        &order[2..],
        &[SignId::Tickets, SignId::SpecOwnership, SignId::Unblocking]
    );
    // The plan follows the median: documentation 0 is a gap, feedback's median 100 is not.
    assert_eq!(report.plan(), &[SignId::Documentation]);
}

#[test]
fn a_spread_just_under_the_line_is_agreement() {
    assert_eq!(DISAGREEMENT, 30);
    let report_of = |scores: &[u8]| (median(scores), spread(scores));
    assert_eq!(report_of(&[50, 79]), (65, 29));
    assert_eq!(report_of(&[50, 80]), (65, 30));
}

#[test]
fn the_differing_questions_read_as_counts_of_answers() {
    let done = q("tickets.criteria");
    let mut none_written = all(best);
    none_written.set(done, Answer::Choice(3)).unwrap();
    let (team, _) = Team::read(&[code(&all(best)), code(&all(best)), code(&none_written)].join(","));
    let report = TeamReport::new(&team).unwrap();
    let differing = &report.sign(SignId::Tickets).differing;
    assert_eq!(differing.len(), 1);
    assert_eq!(differing[0].question, done);
    assert_eq!(
        differing[0].summary(Locale::english()),
        "2 say “All five”, 1 says “None”"
    );
    assert!(report.sign(SignId::Documentation).differing.is_empty());
}

#[test]
fn ticket_reviews_and_checklists_are_summarised_as_counts() {
    let (a, _, c) = three();
    let (team, _) = Team::read(&format!("{} {}", code(&a), code(&c)));
    let report = TeamReport::new(&team).unwrap();
    let summaries: Vec<String> = report
        .sign(SignId::Tickets)
        .differing
        .iter()
        .map(|d| d.summary(Locale::english()))
        .collect();
    assert!(
        summaries.contains(
            &"1 says “5 of 5 tickets stand on their own”, 1 says “0 of 5 tickets stand on their own”".to_owned()
        ),
        "{summaries:?}"
    );
    let (team, _) = Team::read(&format!(
        "{} {}",
        code(&a),
        code(&all_best_but(&[SignId::Documentation]))
    ));
    let report = TeamReport::new(&team).unwrap();
    let docs = &report.sign(SignId::Documentation).differing;
    assert_eq!(docs[0].question, q("docs.written"), "the widest range first");
    assert_eq!(
        docs[0].summary(Locale::english()),
        "1 says “4 of 4 written down”, 1 says “0 of 4 written down”"
    );
}

#[test]
fn a_corrupt_code_is_skipped_with_a_notice_and_the_others_stay() {
    let (a, _, c) = three();
    let good = code(&a);
    let mut corrupt = good.clone().into_bytes();
    corrupt[3] = if corrupt[3] == b'A' { b'B' } else { b'A' };
    let corrupt = String::from_utf8(corrupt).unwrap();
    let (team, notices) = Team::read(&format!("#team={good},{corrupt}.XY,{}", code(&c)));
    assert_eq!(team.len(), 2);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].entry, 2);
    assert_eq!(notices[0].kind, TeamNoticeKind::Unreadable(ErrorKind::ChecksumMismatch));
}

#[test]
fn unfinished_surplus_and_bad_initials_each_have_their_notice() {
    let mut partial = Answers::new();
    partial.set(q("spec.time"), Answer::Choice(0)).unwrap();
    let best_code = code(&all(best));
    let mut entries = vec![code(&partial), best_code.clone(), best_code.clone()];
    entries.extend((0..MAX_MEMBERS as u8).map(|i| code(&varied(&[i; 16]))));
    let (team, notices) = Team::read(&entries.join(","));
    assert_eq!(team.len(), MAX_MEMBERS);
    assert_eq!(
        team.members()[0].code(),
        team.members()[1].code(),
        "colleagues may answer alike"
    );
    let kinds: Vec<(usize, TeamNoticeKind)> = notices.iter().map(|n| (n.entry, n.kind)).collect();
    assert_eq!(kinds[0], (1, TeamNoticeKind::Incomplete));
    assert_eq!(kinds.len(), 1 + 2, "two entries beyond the twelfth member");
    assert!(kinds[1..].iter().all(|(_, k)| *k == TeamNoticeKind::TooMany));
    assert_eq!(kinds[1].0, 14);
    // Initials that are not letters are dropped, the code is kept.
    let (team, notices) = Team::read(&format!("{best_code}.1x"));
    assert_eq!(team.len(), 1);
    assert_eq!(notices[0].kind, TeamNoticeKind::InitialsDropped);
}

#[test]
fn pasting_a_member_already_compared_is_a_duplicate() {
    let (a, _, c) = three();
    let (mut team, _) = Team::read(&format!("{}.AB,{}", code(&a), code(&c)));
    let notices = team.read_more(&format!(
        "https://x.test/#team={}.AB,{},{}",
        code(&a),
        code(&c),
        code(&all(worst))
    ));
    assert_eq!(team.len(), 3);
    let kinds: Vec<TeamNoticeKind> = notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec![TeamNoticeKind::Duplicate, TeamNoticeKind::Duplicate]);
    // The same code without the initials is someone else.
    assert!(team.read_more(&code(&a)).is_empty());
    assert_eq!(team.len(), 4);
}

#[test]
fn a_team_round_trips_through_its_fragment() {
    let (a, b, c) = three();
    let (team, _) = Team::read(&format!("{}.ab {} {}.Z", code(&a), code(&b), code(&c)));
    let (again, notices) = Team::read(&team.fragment());
    assert!(notices.is_empty());
    assert_eq!(again, team);
    assert!(team.fragment().starts_with("team="));
}

#[test]
fn adding_to_a_team_numbers_only_the_new_entries() {
    let (mut team, _) = Team::read(&code(&all(best)));
    let notices = team.read_more(&format!("{} garbage", code(&all(worst))));
    assert_eq!(team.len(), 2);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].entry, 2);
}

#[test]
fn since_last_time_gives_the_change_per_sign() {
    let before = assess(&all_best_but(&[SignId::Feedback]));
    let after = assess(&all(best));
    let moved = changes(&before, &after);
    assert_eq!(moved.len(), 5);
    let feedback = moved.iter().find(|c| c.sign == SignId::Feedback).unwrap();
    assert_eq!((feedback.before, feedback.after, feedback.delta()), (0, 100, 100));
    assert!(moved
        .iter()
        .filter(|c| c.sign != SignId::Feedback)
        .all(|c| c.delta() == 0));
    assert_eq!(
        changes(&after, &before)
            .iter()
            .find(|c| c.sign == SignId::Feedback)
            .unwrap()
            .delta(),
        -100
    );
    assert!(changes(&assess(&Answers::new()), &after).is_empty());
}

fn codes_strategy() -> impl Strategy<Value = Vec<Vec<u8>>> {
    proptest::collection::vec(proptest::collection::vec(any::<u8>(), 16), 1..=MAX_MEMBERS)
}

proptest! {
    #[test]
    fn median_and_spread_of_any_valid_codes(seeds in codes_strategy()) {
        let codes: Vec<String> = seeds.iter().map(|s| code(&varied(s))).collect();
        let (team, _) = Team::read(&codes.join(","));
        prop_assume!(!team.is_empty());
        let report = TeamReport::new(&team).unwrap();
        for sign in report.signs() {
            let scores: Vec<u8> = team.members().iter().map(|m| m.report().sign(sign.sign).score).collect();
            prop_assert_eq!(&sign.scores, &scores);
            let (min, max) = (*scores.iter().min().unwrap(), *scores.iter().max().unwrap());
            prop_assert!(min <= sign.median && sign.median <= max);
            prop_assert_eq!(sign.spread, max - min);
            let below = scores.iter().filter(|s| **s < sign.median).count();
            let above = scores.iter().filter(|s| **s > sign.median).count();
            prop_assert!(below <= scores.len() / 2 && above <= scores.len() / 2);
            prop_assert_eq!(sign.disagrees(), sign.spread >= DISAGREEMENT);
        }
        let order = report.ordered();
        let first_agreeing = order.iter().position(|s| !s.disagrees()).unwrap_or(order.len());
        prop_assert!(order[first_agreeing..].iter().all(|s| !s.disagrees()));
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in ".{0,300}") {
        let (team, notices) = Team::read(&text);
        prop_assert!(team.len() <= MAX_MEMBERS);
        let _ = TeamReport::new(&team);
        for notice in notices {
            prop_assert!(notice.entry >= 1);
        }
    }

    #[test]
    fn arbitrary_team_fragments_never_panic(parts in proptest::collection::vec("[A-Za-z0-9_.-]{0,20}", 0..20)) {
        let (team, _) = Team::read(&format!("#team={}", parts.join(",")));
        if let Some(report) = TeamReport::new(&team) {
            prop_assert_eq!(report.members(), team.len());
        }
    }
}
