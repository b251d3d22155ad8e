//! The content rules added with model version 2: `shown_when`, per-answer
//! `steps`, time-to-close bands and `[[upgrades]]` from older versions. Each
//! mistake fails the build naming the file and the field.

#[path = "../src/source/mod.rs"]
#[allow(dead_code, unused_imports)]
mod source;

use source::{read_locale, read_model, read_old_model, read_upgrades, SourceError};

const MODEL: &str = include_str!("../content/model.toml");
const EN: &str = include_str!("../content/locales/en.toml");
const V1: &str = include_str!("../content/models/v1.toml");
const FILE: &str = "content/model.toml";
const CONDITION: &str = "shown_when = { question = \"spec.who-when\", any_of = [\"owner-before\", \"anyone-before\"] }";

fn model_error(text: &str) -> SourceError {
    read_model(FILE, text).expect_err("the broken model was accepted")
}

fn locale_error(text: &str) -> SourceError {
    let model = read_model(FILE, MODEL).unwrap();
    read_locale("content/locales/en.toml", text, &model).expect_err("the broken locale was accepted")
}

fn upgrade_error(text: &str) -> SourceError {
    let model = read_model(FILE, text).unwrap();
    let old = vec![read_old_model("content/models/v1.toml", V1, model.version).unwrap()];
    read_upgrades(FILE, text, &model, &old).expect_err("the broken upgrade was accepted")
}

#[test]
fn the_shipped_condition_points_at_the_earlier_question_and_its_options() {
    let model = read_model(FILE, MODEL).unwrap();
    let spec = &model.signs[2];
    let condition = spec.questions[1].shown_when.as_ref().expect("spec.time is conditional");
    // spec.who-when is question 5 of the model (0-based), options 0 and 1.
    assert_eq!(condition.question, 5);
    assert_eq!(condition.any_of, [0, 1]);
    assert!(spec.questions[0].shown_when.is_none());
}

#[test]
fn a_condition_on_an_unknown_question_names_the_field() {
    let error = model_error(&MODEL.replacen("question = \"spec.who-when\"", "question = \"spec.who\"", 1));
    assert_eq!(error.file, FILE);
    assert_eq!(error.field, "signs[2].questions[1].shown_when.question");
    assert!(error.problem.contains("not an earlier question"), "{error}");
}

#[test]
fn a_condition_on_an_unknown_option_names_the_field() {
    let error = model_error(&MODEL.replacen("\"anyone-before\"]", "\"anyone-after\"]", 1));
    assert_eq!(error.field, "signs[2].questions[1].shown_when.any_of");
    assert!(error.problem.contains("no option `anyone-after`"), "{error}");
}

#[test]
fn the_first_question_of_a_sign_cannot_be_conditional() {
    let moved = MODEL.replacen(CONDITION, "", 1).replacen(
        "id = \"spec.who-when\"\nkind = \"single_choice\"\nweight = 3\n",
        &format!("id = \"spec.who-when\"\nkind = \"single_choice\"\nweight = 3\n{CONDITION}\n"),
        1,
    );
    let error = model_error(&moved);
    assert_eq!(error.field, "signs[2].questions[0].shown_when");
}

#[test]
fn a_condition_listing_every_option_is_refused() {
    let all = "any_of = [\"owner-before\", \"anyone-before\", \"engineer-after\", \"on-request\"]";
    let error = model_error(&MODEL.replacen("any_of = [\"owner-before\", \"anyone-before\"]", all, 1));
    assert!(error.problem.contains("some but not all"), "{error}");
}

#[test]
fn a_missing_step_for_a_costly_option_names_the_question_and_option() {
    let error = locale_error(&EN.replacen("steps = { eventually = \"", "steps = { other = \"", 1));
    assert_eq!(error.field, "questions.\"unblock.owner\".steps.other");
    let error = locale_error(&EN.replacen(
        "steps = { eventually = \"",
        "steps = { named = \"x\", eventually = \"",
        1,
    ));
    assert_eq!(
        error.field, "questions.\"unblock.owner\".steps.named",
        "a full-marks option has no step"
    );
}

#[test]
fn bands_must_rise_and_reach_one_hundred() {
    let error = model_error(&MODEL.replacen("{ up_to = 100, percent = 100 }", "{ up_to = 90, percent = 100 }", 1));
    assert_eq!(error.field, "time_to_close.bands");
    let error = model_error(&MODEL.replacen("{ up_to = 45, percent = 60 }", "{ up_to = 10, percent = 60 }", 1));
    assert_eq!(error.field, "time_to_close.bands[1].up_to");
}

#[test]
fn an_upgrade_must_name_real_questions_and_options() {
    let error = upgrade_error(&MODEL.replacen("question = \"feedback.comment\"", "question = \"feedback.nope\"", 1));
    assert_eq!(error.field, "upgrades[0].question");
    let error = upgrade_error(&MODEL.replacen("specific = \"all\"", "specific = \"everything\"", 1));
    assert_eq!(error.field, "upgrades[0].options.specific");
    assert!(error.problem.contains("no option `everything`"), "{error}");
    let error = upgrade_error(&MODEL.replacen("from = 1", "from = 7", 1));
    assert_eq!(error.field, "upgrades[0].from");
}

#[test]
fn an_older_model_must_sit_in_the_file_of_its_version_below_the_current_one() {
    let error = read_old_model("content/models/v3.toml", V1, 2).unwrap_err();
    assert_eq!(error.field, "version");
    let error = read_old_model("content/models/v1.toml", V1, 1).unwrap_err();
    assert!(error.problem.contains("below the current"), "{error}");
}
