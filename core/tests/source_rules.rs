//! The content rules added with model versions 2 and 3: `shown_when`,
//! per-answer `steps`, time-to-close bands, `[[upgrades]]` from older versions,
//! `[[conflicts]]` and `seconds`. Each mistake fails the build naming the file
//! and the field.

#[path = "../src/source/mod.rs"]
#[allow(dead_code, unused_imports)]
mod source;

use source::{read_locale, read_model, read_old_model, read_upgrades, ModelSource, SourceError};

const MODEL: &str = include_str!("../content/model.toml");
const EN: &str = include_str!("../content/locales/en.toml");
const V1: &str = include_str!("../content/models/v1.toml");
const V2: &str = include_str!("../content/models/v2.toml");
const FILE: &str = "content/model.toml";
const CONDITION: &str = "shown_when = { question = \"spec.owner\", any_of = [\"named\", \"whoever\"] }";

fn model_error(text: &str) -> SourceError {
    read_model(FILE, text).expect_err("the broken model was accepted")
}

fn locale_error(text: &str) -> SourceError {
    let model = read_model(FILE, MODEL).unwrap();
    read_locale("content/locales/en.toml", text, &model).expect_err("the broken locale was accepted")
}

fn old_models(current: u8) -> Vec<ModelSource> {
    vec![
        read_old_model("content/models/v1.toml", V1, current).unwrap(),
        read_old_model("content/models/v2.toml", V2, current).unwrap(),
    ]
}

fn upgrade_error(text: &str) -> SourceError {
    let model = read_model(FILE, text).unwrap();
    read_upgrades(FILE, text, &model, &old_models(model.version)).expect_err("the broken upgrade was accepted")
}

#[test]
fn the_shipped_conditions_point_at_the_earlier_question_and_its_options() {
    let model = read_model(FILE, MODEL).unwrap();
    let spec = &model.signs[2];
    for asked_after in &spec.questions[1..] {
        let condition = asked_after
            .shown_when
            .as_ref()
            .expect("spec.when and spec.time are conditional");
        // spec.owner is question 4 of the model (0-based), options 0 and 1.
        assert_eq!(condition.question, 4);
        assert_eq!(condition.any_of, [0, 1]);
    }
    assert!(spec.questions[0].shown_when.is_none());
}

#[test]
fn a_condition_on_an_unknown_question_names_the_field() {
    let error = model_error(&MODEL.replacen(
        "question = \"spec.owner\", any_of",
        "question = \"spec.who\", any_of",
        1,
    ));
    assert_eq!(error.file, FILE);
    assert_eq!(error.field, "signs[2].questions[1].shown_when.question");
    assert!(error.problem.contains("not an earlier question"), "{error}");
}

#[test]
fn a_condition_on_an_unknown_option_names_the_field() {
    let error = model_error(&MODEL.replacen("\"whoever\"] }", "\"anyone\"] }", 1));
    assert_eq!(error.field, "signs[2].questions[1].shown_when.any_of");
    assert!(error.problem.contains("no option `anyone`"), "{error}");
}

#[test]
fn the_first_question_of_a_sign_cannot_be_conditional() {
    let moved = MODEL.replacen(CONDITION, "", 2).replacen(
        "id = \"spec.owner\"\nkind = \"single_choice\"\nweight = 3\n",
        &format!("id = \"spec.owner\"\nkind = \"single_choice\"\nweight = 3\n{CONDITION}\n"),
        1,
    );
    let error = model_error(&moved);
    assert_eq!(error.field, "signs[2].questions[0].shown_when");
}

#[test]
fn a_condition_listing_every_option_is_refused() {
    let all = "any_of = [\"named\", \"whoever\", \"nobody\"]";
    let error = model_error(&MODEL.replacen("any_of = [\"named\", \"whoever\"]", all, 1));
    assert!(error.problem.contains("some but not all"), "{error}");
}

#[test]
fn a_missing_step_for_a_costly_option_names_the_question_and_option() {
    let error = locale_error(&EN.replacen("steps = { later = \"", "steps = { other = \"", 1));
    assert_eq!(error.field, "questions.\"unblock.owner\".steps.other");
    let error = locale_error(&EN.replacen("steps = { later = \"", "steps = { named = \"x\", later = \"", 1));
    assert_eq!(
        error.field, "questions.\"unblock.owner\".steps.named",
        "a full-marks option has no step"
    );
}

#[test]
fn bands_must_rise_and_reach_one_hundred() {
    let error = model_error(&MODEL.replacen("{ up_to = 100, percent = 100 }", "{ up_to = 90, percent = 100 }", 1));
    assert_eq!(error.field, "time_to_close.bands");
    let error = model_error(&MODEL.replacen("{ up_to = 100, percent = 100 }", "{ up_to = 20, percent = 100 }", 1));
    assert_eq!(error.field, "time_to_close.bands[1].up_to");
}

#[test]
fn an_upgrade_must_name_real_questions_and_options() {
    let error = upgrade_error(&MODEL.replacen("question = \"tickets.done\"", "question = \"tickets.nope\"", 1));
    assert_eq!(error.field, "upgrades[0].question");
    let error = upgrade_error(&MODEL.replacen("always = \"all\"", "always = \"everything\"", 1));
    assert_eq!(error.field, "upgrades[0].options.always");
    assert!(error.problem.contains("no option `everything`"), "{error}");
    let error = upgrade_error(&MODEL.replacen("from = 2", "from = 7", 1));
    assert_eq!(error.field, "upgrades[0].from");
}

#[test]
fn an_older_question_may_feed_two_of_todays_but_each_once() {
    let model = read_model(FILE, MODEL).unwrap();
    let upgrades = read_upgrades(FILE, MODEL, &model, &old_models(model.version)).unwrap();
    let split: Vec<&str> = upgrades
        .iter()
        .filter(|u| u.from == 2 && u.question == "spec.who-when")
        .map(|u| u.to.as_str())
        .collect();
    assert_eq!(split, ["spec.owner", "spec.when"]);
    let twice = MODEL.replacen("to = \"spec.when\"", "to = \"spec.owner\"", 1);
    let error = upgrade_error(&twice);
    assert_eq!(error.field, "upgrades[2].to");
    assert!(error.problem.contains("already maps"), "{error}");
}

#[test]
fn an_older_model_must_sit_in_the_file_of_its_version_below_the_current_one() {
    let error = read_old_model("content/models/v3.toml", V1, 2).unwrap_err();
    assert_eq!(error.field, "version");
    let error = read_old_model("content/models/v1.toml", V1, 1).unwrap_err();
    assert!(error.problem.contains("below the current"), "{error}");
}

#[test]
fn a_frozen_model_is_the_current_file_of_its_day_copied_unchanged() {
    // Version 2's file still holds its own `[[upgrades]]` from version 1: history, not read.
    assert!(V2.contains("[[upgrades]]"));
    let v2 = read_old_model("content/models/v2.toml", V2, 3).unwrap();
    assert_eq!(v2.version, 2);
    assert!(v2.upgrades.is_empty() && v2.conflicts.is_empty());
}

#[test]
fn a_conflict_names_two_questions_of_one_sign_and_one_of_them_to_recheck() {
    let model = read_model(FILE, MODEL).unwrap();
    let first = &model.conflicts[0];
    assert_eq!(first.id, "tickets-clear-without-criteria");
    assert_eq!((first.sign, first.high.question, first.low.question), (0, 0, 1));
    assert_eq!((first.high.points, first.low.points, first.recheck), (100, 0, 0));

    let unknown = MODEL.replacen(
        "high = { question = \"tickets.last-five\"",
        "high = { question = \"tickets.nope\"",
        1,
    );
    assert_eq!(model_error(&unknown).field, "conflicts[0].high.question");
    let across = MODEL.replacen(
        "low = { question = \"tickets.criteria\", at_most = 0 }",
        "low = { question = \"docs.written\", at_most = 0 }",
        1,
    );
    let error = model_error(&across);
    assert!(error.problem.contains("one sign"), "{error}");
    let elsewhere = MODEL.replacen("recheck = \"tickets.last-five\"", "recheck = \"docs.written\"", 1);
    assert_eq!(model_error(&elsewhere).field, "conflicts[0].recheck");
    let overlapping = MODEL.replacen(
        "low = { question = \"tickets.criteria\", at_most = 0 }",
        "low = { question = \"tickets.criteria\", at_most = 100 }",
        1,
    );
    assert_eq!(model_error(&overlapping).field, "conflicts[0].low");
    let twice = MODEL.replacen(
        "id = \"docs-written-yet-asked\"",
        "id = \"tickets-clear-without-criteria\"",
        1,
    );
    assert!(model_error(&twice).problem.contains("used twice"));
}

#[test]
fn every_conflict_needs_its_sentence_in_every_locale() {
    let error = locale_error(&EN.replacen("same-day-yet-nobody-watches = ", "same-day-nobody = ", 1));
    assert_eq!(error.field, "conflicts.same-day-nobody");
    let line = EN
        .lines()
        .find(|l| l.starts_with("same-day-yet-nobody-watches = "))
        .unwrap();
    let error = locale_error(&EN.replacen(line, "", 1));
    assert_eq!(error.field, "conflicts.same-day-yet-nobody-watches");
    assert_eq!(error.problem, "missing");
}

#[test]
fn seconds_default_by_kind_and_stay_in_range() {
    let model = read_model(FILE, MODEL).unwrap();
    let seconds: Vec<u8> = model
        .signs
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| q.seconds)
        .collect();
    // tickets.last-five and feedback.specific have their own; the rest the kind's default.
    assert_eq!(seconds, [180, 30, 30, 15, 15, 15, 15, 150, 15, 15, 15]);
    let error = model_error(&MODEL.replacen("seconds = 180", "seconds = 900", 1));
    assert_eq!(error.field, "signs[0].questions[0].seconds");
}
