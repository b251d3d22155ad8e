//! Reading and checking the content files (`content/model.toml`,
//! `content/locales/*.toml`) and turning them into Rust statics.
//!
//! This file is compiled twice: by `build.rs`, which fails the build with
//! [`SourceError`]'s message, and by the crate's tests, which prove that every
//! mistake names its file and field. It therefore depends on nothing of the
//! crate, only on `toml` and std. Nothing here ends up in the wasm.

mod codegen;
mod cursor;
mod locale;
mod model;

use std::collections::BTreeMap;
use std::fmt;

pub use codegen::to_rust;
pub use locale::read_locale;
pub use model::{read_model, read_old_model, read_upgrades};

/// The sign ids the article defines, in its order. Content must use exactly these.
pub const SIGN_IDS: [&str; 5] = ["tickets", "documentation", "spec-ownership", "feedback", "unblocking"];

/// Question kinds a model may use, as spelled in `model.toml`.
pub const KINDS: [&str; 4] = ["ticket_review", "checklist", "single_choice", "pick_comment"];

/// Option ids of a `ticket_review` question (its verdicts, best first).
pub const VERDICT_IDS: [&str; 3] = ["yes", "partly", "no"];

/// Tickets a `ticket_review` question asks about.
pub const TICKETS: usize = 5;

/// Overall pictures a locale must describe.
pub const PICTURE_IDS: [&str; 5] = ["ready", "nearly", "focused", "groundwork", "incomplete"];

/// Every string the widget shows outside the questions. A locale must give
/// each one, and no other. Add a key here and to every locale file.
pub const UI_KEYS: &[&str] = &[
    "widget_label",
    "intro_heading",
    "intro_body",
    "intro_duration",
    "intro_privacy",
    "intro_counting",
    "start",
    "resume",
    "forget",
    "forgotten",
    "step_progress",
    "answered_progress",
    "back",
    "next",
    "see_result",
    "missing_answers",
    "ticket_label",
    "checklist_none",
    "result_heading",
    "chart_label",
    "status_strong",
    "status_close",
    "status_gap",
    "status_not_answered",
    "score_of",
    "strengths_heading",
    "plan_heading",
    "plan_time",
    "contradiction_label",
    "next_step_label",
    "next_steps_label",
    "time_label",
    "weeks_range",
    "weeks_one",
    "weeks_exact",
    "costs_label",
    "cost_item",
    "copy_link",
    "link_copied",
    "copy_failed",
    "print",
    "retake",
    "bad_code",
    "announce_step",
    "announce_result",
    "config_error_heading",
    "crash_body",
    "crash_contact",
    "contact_cta",
    "contact_page_cta",
    "contact_heading",
    "contact_intro",
    "field_name",
    "field_email",
    "field_company",
    "field_message",
    "consent_default",
    "required_field",
    "invalid_email",
    "consent_required",
    "review",
    "preview_heading",
    "remove_message",
    "edit",
    "cancel",
    "send",
    "sending",
    "sent",
    "retrying",
    "kept_for_later",
    "mail_fallback",
    "rejected",
    "queued_delivered",
    "preview_technical",
    "change_answers",
    "restored",
    "dismiss",
    "share_label",
    "required_mark",
    "none_answered",
    "consent_label",
    "team_compare",
    "team_compare_intro",
    "team_link_label",
    "team_invited",
    "team_heading",
    "team_members",
    "team_member_unnamed",
    "team_initials_label",
    "team_paste_label",
    "team_paste_add",
    "team_paste_nothing",
    "team_median",
    "team_spread",
    "team_disagree",
    "team_agree_heading",
    "team_differs_label",
    "team_say_one",
    "team_say_many",
    "team_tickets_answer",
    "team_checklist_answer",
    "team_plan_heading",
    "team_skipped",
    "team_reason_unreadable",
    "team_reason_incomplete",
    "team_reason_too_many",
    "team_reason_duplicate",
    "team_reason_initials",
    "team_copy_link",
    "team_back",
    "team_show",
    "team_summary",
    "team_chart_label",
    "team_chart_legend",
    "since_heading",
    "since_change",
    "since_same",
    "announce_team",
    "step_loading",
    // Issue 22: the plan by e-mail and the booking link on the result.
    "plan_mail_heading",
    "plan_mail_intro",
    "plan_mail_field",
    "plan_mail_consent",
    "plan_mail_send",
    "plan_mail_sent",
    "plan_mail_limit",
    "booking_cta",
];

/// Every string of the plan e-mail (`[mail]`, issue 22): compiled for the
/// endpoint only, never into the browser's wasm. Add a key here and to every
/// locale file.
pub const MAIL_KEYS: &[&str] = &[
    "subject",
    "intro",
    "map_heading",
    "share_text",
    "contact_heading",
    "contact_text",
    "footer",
];

/// A mistake in a content file: which file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file, as the caller named it.
    pub file: String,
    /// The dotted path of the field, empty for the file as a whole.
    pub field: String,
    /// What is wrong, in lowercase words.
    pub problem: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.problem)
        } else {
            write!(f, "{}: field `{}`: {}", self.file, self.field, self.problem)
        }
    }
}

impl std::error::Error for SourceError {}

/// One answer option (or checklist item) of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionSource {
    pub id: String,
    pub points: u8,
}

/// When a question is shown: an earlier single-choice question's answer is one of `any_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionSource {
    /// The earlier question's index in the model.
    pub question: usize,
    /// Positions of the options that show the question.
    pub any_of: Vec<usize>,
}

/// One question of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSource {
    pub id: String,
    pub kind: String,
    pub weight: u8,
    /// A visitor's time to answer it, in seconds (`seconds`, else the kind's default).
    pub seconds: u8,
    /// Options of a choice, items of a checklist, verdicts of a ticket review.
    pub options: Vec<OptionSource>,
    /// Asked only when this holds; always asked when `None`.
    pub shown_when: Option<ConditionSource>,
}

/// One sign of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignSource {
    pub id: String,
    pub weeks: (u8, u8),
    pub questions: Vec<QuestionSource>,
}

/// One band of the time to close: up to `up_to` points below strong, `percent` of the sign's weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandSource {
    pub up_to: u8,
    pub percent: u8,
}

/// How an answer of an older model version maps onto this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeSource {
    /// The older version.
    pub from: u8,
    /// The question id in that version.
    pub question: String,
    /// The question id in this version.
    pub to: String,
    /// Option (or item) id in the older version → id in this one.
    pub options: Vec<(String, String)>,
}

/// One side of a conflict: a question and a bound on the points its answer earns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundSource {
    /// The question's index in the model.
    pub question: usize,
    /// The earned points (0–100) that make this side hold: at least or at most.
    pub points: u8,
}

/// Two answers of one sign that cannot both be true (`[[conflicts]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictSource {
    pub id: String,
    /// The sign both questions belong to (index in the article's order).
    pub sign: usize,
    /// Holds when this question earns at least `points`.
    pub high: BoundSource,
    /// Holds when this question earns at most `points`.
    pub low: BoundSource,
    /// The question to re-check: `high`'s or `low`'s.
    pub recheck: usize,
}

/// The scoring model, locale-independent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSource {
    pub version: u8,
    pub strong: u8,
    pub close: u8,
    /// Time-to-close bands, `up_to` rising, the last one up to 100.
    pub bands: Vec<BandSource>,
    pub signs: Vec<SignSource>,
    /// Answers that contradict each other (empty in older models).
    pub conflicts: Vec<ConflictSource>,
    /// Mappings from older versions (empty in a frozen older model).
    pub upgrades: Vec<UpgradeSource>,
}

/// The words of one question in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionText {
    pub prompt: String,
    pub hint: String,
    pub short: String,
    /// Labels in the model's option order.
    pub options: Vec<String>,
    /// The next step for each option, in the model's option order; empty where
    /// the option costs nothing.
    pub steps: Vec<String>,
}

/// The words of one sign in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignText {
    pub title: String,
    pub summary: String,
    pub strong: String,
    pub next_step: String,
}

/// One locale file, checked against the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleSource {
    pub tag: String,
    pub name: String,
    /// In [`UI_KEYS`] order.
    pub ui: Vec<String>,
    /// In [`PICTURE_IDS`] order: (headline, body).
    pub overall: Vec<(String, String)>,
    /// In model order.
    pub signs: Vec<SignText>,
    /// In model order.
    pub questions: Vec<QuestionText>,
    /// The sentence naming each conflict, in the model's `[[conflicts]]` order.
    pub conflicts: Vec<String>,
    /// In [`MAIL_KEYS`] order: the plan e-mail's strings.
    pub mail: Vec<String>,
}

/// The content: the current model, the frozen older models (oldest first) and every locale.
#[derive(Debug)]
pub struct Content {
    pub model: ModelSource,
    pub old_models: Vec<ModelSource>,
    pub locales: Vec<LocaleSource>,
}

/// Reads the model, the frozen older models (`content/models/v*.toml`) and
/// every locale; locales sorted by tag, `en` required.
pub fn read_all(
    model_file: (&str, &str),
    old_model_files: &[(String, String)],
    locale_files: &[(String, String)],
) -> Result<Content, SourceError> {
    let mut model = read_model(model_file.0, model_file.1)?;
    let mut old_models = Vec::new();
    for (file, text) in old_model_files {
        old_models.push(read_old_model(file, text, model.version)?);
    }
    old_models.sort_by_key(|m| m.version);
    model.upgrades = read_upgrades(model_file.0, model_file.1, &model, &old_models)?;
    let mut locales = BTreeMap::new();
    for (file, text) in locale_files {
        let locale = read_locale(file, text, &model)?;
        if locales.contains_key(&locale.tag) {
            return Err(SourceError {
                file: file.clone(),
                field: "locale".into(),
                problem: format!("`{}` is already defined by another file", locale.tag),
            });
        }
        locales.insert(locale.tag.clone(), locale);
    }
    if !locales.contains_key("en") {
        return Err(SourceError {
            file: "content/locales".into(),
            field: String::new(),
            problem: "no `en` locale: English is the fallback and must exist".into(),
        });
    }
    Ok(Content {
        model,
        old_models,
        locales: locales.into_values().collect(),
    })
}
