//! The compiled content: the model's shape, every locale's completeness.

use readiness_core::{Locale, Model, QuestionKind, SignId, UiText};

#[test]
fn model_has_the_five_signs_in_the_articles_order() {
    let ids: Vec<SignId> = Model::current().signs.iter().map(|s| s.id).collect();
    assert_eq!(ids, SignId::ALL);
}

#[test]
fn each_sign_asks_two_to_four_questions_and_at_most_fifteen_in_all() {
    let model = Model::current();
    for sign in model.signs {
        assert!(
            (2..=4).contains(&sign.questions.len()),
            "{} asks {}",
            sign.id,
            sign.questions.len()
        );
    }
    assert!(model.question_count() <= 15);
}

#[test]
fn every_question_kind_is_used_by_the_current_or_a_kept_model() {
    // Version 2 counts review comments instead of picking one; version 1's codes still use that kind.
    let older = Model::older(1).expect("version 1 is kept");
    let kinds: Vec<QuestionKind> = Model::current()
        .questions()
        .chain(older.questions())
        .map(|(_, _, q)| q.kind)
        .collect();
    for kind in [
        QuestionKind::TicketReview,
        QuestionKind::Checklist,
        QuestionKind::SingleChoice,
        QuestionKind::PickComment,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} is not used");
    }
}

#[test]
fn every_choice_question_can_reach_full_points() {
    for (_, _, q) in Model::current().questions() {
        if matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::PickComment) {
            assert!(q.choices.iter().any(|c| c.points == 100), "{}", q.id);
        }
    }
}

#[test]
fn every_locale_labels_every_option_of_every_question() {
    let model = Model::current();
    for locale in Locale::all() {
        for (index, _, question) in model.questions() {
            let text = locale.question(index);
            assert_eq!(
                text.options.len(),
                question.choices.len(),
                "{} {}",
                locale.tag,
                question.id
            );
            assert!(!text.prompt.is_empty() && !text.short.is_empty());
        }
        for sign in SignId::ALL {
            assert!(!locale.sign(sign).next_step.is_empty());
        }
    }
}

#[test]
fn weeks_to_close_are_weeks_not_months() {
    for sign in Model::current().signs {
        assert!(
            sign.weeks.0 >= 1 && sign.weeks.0 <= sign.weeks.1 && sign.weeks.1 <= 8,
            "{:?}",
            sign.weeks
        );
    }
}

#[test]
fn ui_placeholders_are_the_ones_the_widget_fills() {
    let ui: UiText = Locale::english().ui;
    assert!(ui.step_progress.contains("{current}") && ui.step_progress.contains("{total}"));
    assert!(ui.weeks_range.contains("{min}") && ui.weeks_range.contains("{max}"));
    assert!(ui.cost_item.contains("{points}"));
}

#[test]
fn unknown_locale_is_an_error_and_regions_fall_back() {
    assert!(Locale::get("zz").is_err());
    assert_eq!(Locale::get("EN-us").unwrap().tag, "en");
}

#[test]
fn the_intro_states_the_questions_and_minutes_a_visitor_really_meets() {
    let model = Model::current();
    // spec.when and spec.time are asked only once someone writes specs.
    assert_eq!(model.asked_range(), (9, 11));
    // Five tickets (180 s) and five review comments (150 s) take most of it.
    assert_eq!(model.minutes_range(), (8, 8));
    assert_eq!(readiness_core::span(9, 11), "9–11");
    // Every way of answering the deciding questions asks a count inside the range,
    // and both ends are met.
    let spec_owner = model.question_index("spec.owner").unwrap();
    let mut seen = Vec::new();
    for option in 0..model.question(spec_owner).choices.len() as u8 {
        let mut answers = readiness_core::Answers::new();
        answers.set(spec_owner, readiness_core::Answer::Choice(option)).unwrap();
        seen.push(answers.shown_count());
    }
    assert_eq!(seen.iter().min(), Some(&9));
    assert_eq!(seen.iter().max(), Some(&11));
}

#[test]
fn every_intro_and_plan_template_has_its_placeholders() {
    for locale in Locale::all() {
        let ui = locale.ui;
        assert!(ui.intro_body.contains("{questions}"), "{}", locale.tag);
        assert!(ui.intro_duration.contains("{minutes}"), "{}", locale.tag);
        assert!(ui.plan_time.contains("{weeks}"), "{}", locale.tag);
        assert!(!ui.intro_duration.contains('3'), "{}: a fixed figure", locale.tag);
    }
}

/// Issue 22: every locale carries the plan e-mail's text (`[mail]`), in its own words, with the
/// placeholders the endpoint fills.
#[test]
fn every_locale_has_its_plan_mail_text() {
    let english = readiness_core::Locale::english().mail();
    for tag in readiness_core::Locale::tags() {
        let mail = readiness_core::Locale::get(tag).unwrap().mail();
        assert!(mail.subject.contains("{headline}"), "{tag}: {}", mail.subject);
        assert!(mail.footer.contains("{page}"), "{tag}: {}", mail.footer);
        if *tag != "en" {
            assert_ne!(mail.intro, english.intro, "{tag} is translated");
        }
    }
}
