//! The contact payload (its type, schema id and encoders live in the
//! `readiness-contract` crate, shared with the endpoint), plus the plain text
//! summary used in the preview, the mail fallback and the prefilled form.

use std::fmt::Write as _;

use readiness_core::{fill, Locale, Report, SignId, Status, TeamReport};

pub use readiness_contract::{quote, urlencode, Payload, SCHEMA, UTM_KEYS};

/// Per-sign (id, score, status) from a report.
pub fn scores_of(report: &Report) -> Vec<(&'static str, u8, &'static str)> {
    report
        .signs()
        .iter()
        .map(|s| (s.sign.as_str(), s.score, s.status.as_str()))
        .collect()
}

/// A plain-text summary of a result, for the preview, the mail fallback and
/// the contact form's message box.
pub fn summary(report: &Report, locale: &Locale) -> String {
    let ui = &locale.ui;
    let mut out = String::new();
    let picture = locale.picture(report.picture());
    let _ = writeln!(out, "{}: {}", ui.result_heading, picture.headline);
    for sign in report.signs() {
        let _ = writeln!(
            out,
            "- {}: {} ({})",
            locale.sign(sign.sign).title,
            status_label(sign.status, locale),
            readiness_core::fill(ui.score_of, &[("score", &sign.score.to_string())])
        );
    }
    if !report.plan().is_empty() {
        let _ = writeln!(out, "{}:", ui.plan_heading);
        for (i, sign) in report.plan().iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, locale.sign(*sign).title);
        }
    }
    out.trim_end().to_owned()
}

/// A plain-text summary of a team comparison, for the preview when the
/// visitor sends from the team view: the count, then per sign the median and
/// the spread, disagreeing signs first.
pub fn team_summary(report: &TeamReport, locale: &Locale) -> String {
    let ui = &locale.ui;
    let signs: Vec<String> = report
        .ordered()
        .iter()
        .map(|sign| {
            let mut line = format!(
                "- {}: {}, {}",
                locale.sign(sign.sign).title,
                fill(ui.team_median, &[("score", &sign.median.to_string())]),
                fill(ui.team_spread, &[("points", &sign.spread.to_string())])
            );
            if sign.disagrees() {
                let _ = write!(line, " ({})", ui.team_disagree);
            }
            line
        })
        .collect();
    format!(
        "{}\n{}",
        fill(ui.team_summary, &[("count", &report.members().to_string())]),
        signs.join("\n")
    )
}

/// The localized word for a status.
pub fn status_label(status: Status, locale: &Locale) -> &'static str {
    match status {
        Status::Strong => locale.ui.status_strong,
        Status::Close => locale.ui.status_close,
        Status::Gap => locale.ui.status_gap,
        Status::NotAnswered => locale.ui.status_not_answered,
    }
}

/// The gaps and close signs as a comma-separated list of titles.
pub fn gaps_list(report: &Report, locale: &Locale) -> String {
    report
        .plan()
        .iter()
        .map(|sign: &SignId| locale.sign(*sign).title)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use readiness_core::{assess, encode, Answers};

    #[test]
    fn the_team_summary_puts_disagreement_first() {
        use readiness_core::{Answer, Model, QuestionKind, Team, Verdict};
        let finished = |verdict: Verdict| {
            let mut answers = Answers::new();
            for (index, _, q) in Model::current().questions() {
                let answer = match q.kind {
                    QuestionKind::TicketReview => Answer::Tickets([Some(verdict); 5]),
                    QuestionKind::Checklist => Answer::Checked(0),
                    _ => Answer::Choice(0),
                };
                answers.set(index, answer).unwrap();
            }
            encode(&answers)
        };
        let (team, _) = Team::read(&format!("{} {}", finished(Verdict::Yes), finished(Verdict::No)));
        let text = team_summary(&TeamReport::new(&team).unwrap(), Locale::english());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Team of 2, per sign the median and the spread:");
        assert!(lines[1].starts_with("- Tickets stand on their own: Median "), "{text}");
        assert!(lines[1].ends_with("(Your team disagrees here)"), "{text}");
        assert_eq!(lines.len(), 6);
    }

    #[test]
    fn summary_lists_every_sign_and_the_plan() {
        let report = assess(&Answers::new());
        let text = summary(&report, Locale::english());
        assert_eq!(text.lines().count(), 6, "{text}");
        assert!(text.contains("Tickets stand on their own: Not answered"), "{text}");
    }
}
