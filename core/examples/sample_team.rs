//! Prints the result code and report of a sample team, as the README and the
//! notes quote it: `cargo run -p readiness-core --example sample_team`.

use readiness_core::{assess, encode, fill, Answer, Answers, Locale, Model, Verdict};

fn main() {
    let model = Model::current();
    let q = |id: &str| model.question_index(id).expect("question exists");
    let mut answers = Answers::new();
    let v = [
        Some(Verdict::Yes),
        Some(Verdict::Yes),
        Some(Verdict::Partly),
        Some(Verdict::Partly),
        Some(Verdict::No),
    ];
    let picks: [(&str, Answer); 11] = [
        ("tickets.last-five", Answer::Tickets(v)),
        ("tickets.criteria", Answer::Choice(1)),
        ("docs.written", Answer::Checked(0b0001)),
        ("docs.new-engineer", Answer::Choice(2)),
        ("spec.owner", Answer::Choice(0)),
        ("spec.when", Answer::Choice(0)),
        ("spec.time", Answer::Choice(1)),
        ("feedback.specific", Answer::Choice(1)),
        ("feedback.follow-up", Answer::Choice(1)),
        ("unblock.speed", Answer::Choice(1)),
        ("unblock.owner", Answer::Choice(0)),
    ];
    for (id, answer) in picks {
        answers.set(q(id), answer).expect("valid answer");
    }
    let locale = Locale::english();
    let report = assess(&answers);
    println!("result code: {}", encode(&answers));
    println!("model version: {}", report.model_version());
    println!(
        "overall: {} ({})",
        locale.picture(report.picture()).headline,
        report.picture().as_str()
    );
    for sign in report.signs() {
        println!(
            "  {:<45} {:>3}  {}",
            locale.sign(sign.sign).title,
            sign.score,
            sign.status.as_str()
        );
        for cost in &sign.costs {
            println!("      -{:<3} {}", cost.points, locale.question(cost.question).short);
        }
    }
    println!("plan:");
    for (i, sign) in report.plan().iter().enumerate() {
        let weeks = model.time_to_close(*sign, report.sign(*sign).score).unwrap_or((0, 0));
        let when = fill(
            locale.ui.weeks_range,
            &[("min", &weeks.0.to_string()), ("max", &weeks.1.to_string())],
        );
        println!("  {}. {} ({when})", i + 1, locale.sign(*sign).title);
        for step in locale.steps_for(report.sign(*sign)) {
            println!("       - {step}");
        }
    }
    for contradiction in report.contradictions() {
        println!("  ! {}", locale.contradiction(contradiction));
    }
}
