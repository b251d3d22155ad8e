//! The content checker that `build.rs` runs: every mistake names its file and field.

#[path = "../src/source/mod.rs"]
#[allow(dead_code)]
mod source;

use source::{read_all, read_locale, read_model, SourceError};

const MODEL: &str = include_str!("../content/model.toml");
const EN: &str = include_str!("../content/locales/en.toml");
const V1: &str = include_str!("../content/models/v1.toml");
const V2: &str = include_str!("../content/models/v2.toml");

fn old() -> Vec<(String, String)> {
    vec![
        ("content/models/v1.toml".into(), V1.into()),
        ("content/models/v2.toml".into(), V2.into()),
    ]
}

fn model_error(text: &str) -> SourceError {
    read_model("content/model.toml", text).expect_err("the broken model was accepted")
}

fn locale_error(text: &str) -> SourceError {
    let model = read_model("content/model.toml", MODEL).unwrap();
    read_locale("content/locales/en.toml", text, &model).expect_err("the broken locale was accepted")
}

#[test]
fn the_shipped_content_is_valid() {
    let content = read_all(
        ("content/model.toml", MODEL),
        &old(),
        &[("content/locales/en.toml".into(), EN.into())],
    )
    .unwrap();
    assert_eq!(content.model.signs.len(), 5);
    assert_eq!(content.old_models[0].version, 1);
    assert_eq!(content.old_models[1].version, 2);
    assert_eq!(content.model.upgrades.len(), 11);
    assert_eq!(content.model.conflicts.len(), 6);
    assert_eq!(content.locales[0].tag, "en");
}

#[test]
fn a_missing_locale_string_names_the_file_and_the_field() {
    let broken = EN.replacen("title = \"Someone owns the specs\"\n", "", 1);
    let error = locale_error(&broken);
    assert_eq!(error.file, "content/locales/en.toml");
    assert_eq!(error.field, "signs.spec-ownership.title");
    assert_eq!(
        error.to_string(),
        "content/locales/en.toml: field `signs.spec-ownership.title`: missing"
    );
}

#[test]
fn a_misspelt_ui_key_is_refused_by_name() {
    let error = locale_error(&EN.replacen("see_result =", "see_reslut =", 1));
    assert_eq!(error.field, "ui.see_reslut");
    assert!(error.problem.contains("unknown field"));
}

#[test]
fn a_missing_option_label_names_the_question_and_option() {
    let error = locale_error(&EN.replacen("same-day = \"The same working day\", ", "", 1));
    assert_eq!(error.field, "questions.\"unblock.speed\".options.same-day");
}

#[test]
fn an_empty_string_is_refused() {
    let error = locale_error(&EN.replacen("back = \"Back\"", "back = \"  \"", 1));
    assert_eq!(error.field, "ui.back");
    assert_eq!(error.problem, "must not be empty");
}

#[test]
fn a_wrong_type_is_refused_with_what_was_found() {
    let error = locale_error(&EN.replacen("back = \"Back\"", "back = 3", 1));
    assert_eq!(error.field, "ui.back");
    assert!(error.problem.contains("found integer"), "{}", error.problem);
}

#[test]
fn invalid_toml_names_the_file_and_the_line() {
    let error = locale_error("locale = \"en\"\nname = ");
    assert_eq!(error.file, "content/locales/en.toml");
    assert!(error.to_string().contains("not valid TOML"), "{error}");
    assert!(error.to_string().contains("line 2"), "{error}");
}

#[test]
fn points_out_of_range_name_the_option() {
    let error = model_error(&MODEL.replacen(
        "{ id = \"same-day\", points = 100 }",
        "{ id = \"same-day\", points = 101 }",
        1,
    ));
    assert_eq!(error.field, "signs[4].questions[0].options[0].points");
    assert!(error.problem.contains("out of range"));
}

#[test]
fn an_unknown_kind_is_refused() {
    let error = model_error(&MODEL.replacen("kind = \"checklist\"", "kind = \"slider\"", 1));
    assert_eq!(error.field, "signs[1].questions[0].kind");
}

#[test]
fn signs_out_of_order_are_refused() {
    let error = model_error(&MODEL.replacen("id = \"tickets\"", "id = \"feedback\"", 1));
    assert_eq!(error.field, "signs[0].id");
}

#[test]
fn a_duplicate_question_id_is_refused() {
    let error = model_error(&MODEL.replacen("id = \"tickets.criteria\"", "id = \"tickets.last-five\"", 1));
    assert!(error.problem.contains("used twice"), "{error}");
}

#[test]
fn close_must_stay_below_strong() {
    let error = model_error(&MODEL.replacen("close = 50", "close = 90", 1));
    assert_eq!(error.field, "thresholds.close");
}

#[test]
fn a_choice_without_a_full_marks_option_is_refused() {
    let error = model_error(&MODEL.replacen(
        "{ id = \"same-day\", points = 100 }",
        "{ id = \"same-day\", points = 90 }",
        1,
    ));
    assert_eq!(error.field, "signs[4].questions[0].options");
}

#[test]
fn a_locale_without_english_is_refused() {
    let french = EN.replacen("locale = \"en\"", "locale = \"fr\"", 1);
    let Err(error) = read_all(
        ("content/model.toml", MODEL),
        &old(),
        &[("content/locales/fr.toml".into(), french)],
    ) else {
        panic!("a content without English was accepted");
    };
    assert!(error.problem.contains("no `en` locale"));
}

#[test]
fn a_second_locale_is_just_another_file() {
    let german = EN.replacen("locale = \"en\"", "locale = \"de\"", 1);
    let Ok(content) = read_all(
        ("content/model.toml", MODEL),
        &old(),
        &[
            ("content/locales/en.toml".into(), EN.into()),
            ("content/locales/de.toml".into(), german),
        ],
    ) else {
        panic!("a second locale was refused");
    };
    let tags: Vec<&str> = content.locales.iter().map(|l| l.tag.as_str()).collect();
    assert_eq!(tags, ["de", "en"]);
}

#[test]
fn generated_rust_mentions_every_question() {
    let Ok(content) = read_all(
        ("content/model.toml", MODEL),
        &old(),
        &[("content/locales/en.toml".into(), EN.into())],
    ) else {
        panic!("the shipped content was refused");
    };
    let model = &content.model;
    let rust = source::to_rust(model, &content.old_models, &content.locales, |_| true);
    assert!(rust.contains("static OLD_MODELS"), "{rust}");
    for sign in &model.signs {
        for question in &sign.questions {
            assert!(rust.contains(&format!("{:?}", question.id)), "{}", question.id);
        }
    }
}
