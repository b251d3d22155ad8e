//! Reading and checking the content files (`content/model.toml`,
//! `content/locales/*.toml`) and turning them into Rust statics.
//!
//! This file is compiled twice: by `build.rs`, which fails the build with
//! [`SourceError`]'s message, and by the crate's tests, which prove that every
//! mistake names its file and field. It therefore depends on nothing of the
//! crate, only on `toml` and std. Nothing here ends up in the wasm.

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;

use toml::{Table, Value};

/// The sign ids the article defines, in its order. Content must use exactly these.
pub const SIGN_IDS: [&str; 5] = [
    "tickets",
    "documentation",
    "spec-ownership",
    "feedback",
    "unblocking",
];

/// Question kinds a model may use, as spelled in `model.toml`.
pub const KINDS: [&str; 4] = [
    "ticket_review",
    "checklist",
    "single_choice",
    "pick_comment",
];

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
    "next_step_label",
    "time_label",
    "weeks_range",
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

/// One question of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSource {
    pub id: String,
    pub kind: String,
    pub weight: u8,
    /// Options of a choice, items of a checklist, verdicts of a ticket review.
    pub options: Vec<OptionSource>,
}

/// One sign of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignSource {
    pub id: String,
    pub weeks: (u8, u8),
    pub questions: Vec<QuestionSource>,
}

/// The scoring model, locale-independent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSource {
    pub version: u8,
    pub strong: u8,
    pub close: u8,
    pub signs: Vec<SignSource>,
}

/// The words of one question in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionText {
    pub prompt: String,
    pub hint: String,
    pub short: String,
    /// Labels in the model's option order.
    pub options: Vec<String>,
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
}

/// Walks a TOML table while remembering where it is, so every error names
/// the file and the dotted field path.
struct Cursor<'a> {
    file: &'a str,
    path: String,
    table: &'a Table,
}

impl<'a> Cursor<'a> {
    fn error(&self, key: &str, problem: impl Into<String>) -> SourceError {
        SourceError {
            file: self.file.to_owned(),
            field: self.join(key),
            problem: problem.into(),
        }
    }

    fn join(&self, key: &str) -> String {
        match (self.path.is_empty(), key.is_empty()) {
            (true, _) => key.to_owned(),
            (false, true) => self.path.clone(),
            (false, false) => format!("{}.{}", self.path, quote_key(key)),
        }
    }

    fn get(&self, key: &str) -> Result<&'a Value, SourceError> {
        self.table
            .get(key)
            .ok_or_else(|| self.error(key, "missing"))
    }

    fn text(&self, key: &str) -> Result<String, SourceError> {
        match self.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Value::String(_) => Err(self.error(key, "must not be empty")),
            other => Err(self.error(key, format!("must be text, found {}", other.type_str()))),
        }
    }

    fn optional_text(&self, key: &str) -> Result<String, SourceError> {
        if self.table.contains_key(key) {
            self.text(key)
        } else {
            Ok(String::new())
        }
    }

    fn number(&self, key: &str, range: std::ops::RangeInclusive<i64>) -> Result<u8, SourceError> {
        match self.get(key)? {
            Value::Integer(n) if range.contains(n) => Ok(*n as u8),
            Value::Integer(n) => Err(self.error(
                key,
                format!("{n} is out of range {}..={}", range.start(), range.end()),
            )),
            other => Err(self.error(
                key,
                format!("must be a whole number, found {}", other.type_str()),
            )),
        }
    }

    fn child(&self, key: &str) -> Result<Cursor<'a>, SourceError> {
        match self.get(key)? {
            Value::Table(table) => Ok(Cursor {
                file: self.file,
                path: self.join(key),
                table,
            }),
            other => Err(self.error(key, format!("must be a table, found {}", other.type_str()))),
        }
    }

    fn array(&self, key: &str) -> Result<&'a Vec<Value>, SourceError> {
        match self.get(key)? {
            Value::Array(items) => Ok(items),
            other => Err(self.error(key, format!("must be a list, found {}", other.type_str()))),
        }
    }

    fn tables(&self, key: &str) -> Result<Vec<Cursor<'a>>, SourceError> {
        self.array(key)?
            .iter()
            .enumerate()
            .map(|(i, value)| match value {
                Value::Table(table) => Ok(Cursor {
                    file: self.file,
                    path: format!("{}[{i}]", self.join(key)),
                    table,
                }),
                other => Err(self.error(
                    key,
                    format!("entry {i} must be a table, found {}", other.type_str()),
                )),
            })
            .collect()
    }

    /// Refuses keys the schema does not know, so a typo is not silently ignored.
    fn only(&self, allowed: &[&str]) -> Result<(), SourceError> {
        match self.table.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(unknown) => Err(self.error(unknown, "unknown field (is it misspelt?)")),
            None => Ok(()),
        }
    }
}

fn quote_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

fn parse(file: &str, text: &str) -> Result<Table, SourceError> {
    text.parse::<Table>().map_err(|e| SourceError {
        file: file.to_owned(),
        field: String::new(),
        problem: format!("not valid TOML: {}", e.to_string().trim()),
    })
}

fn root<'a>(file: &'a str, table: &'a Table) -> Cursor<'a> {
    Cursor {
        file,
        path: String::new(),
        table,
    }
}

/// Reads and checks `model.toml`.
pub fn read_model(file: &str, text: &str) -> Result<ModelSource, SourceError> {
    let table = parse(file, text)?;
    let top = root(file, &table);
    top.only(&["version", "thresholds", "signs"])?;
    let version = top.number("version", 1..=255)?;
    let thresholds = top.child("thresholds")?;
    thresholds.only(&["strong", "close"])?;
    let strong = thresholds.number("strong", 1..=100)?;
    let close = thresholds.number("close", 1..=100)?;
    if close >= strong {
        return Err(thresholds.error("close", format!("{close} must be below strong ({strong})")));
    }
    let sign_tables = top.tables("signs")?;
    if sign_tables.len() != SIGN_IDS.len() {
        return Err(top.error(
            "signs",
            format!(
                "the article has {} signs, found {}",
                SIGN_IDS.len(),
                sign_tables.len()
            ),
        ));
    }
    let mut question_ids = Vec::new();
    let mut signs = Vec::new();
    for (expected, sign) in SIGN_IDS.iter().zip(&sign_tables) {
        sign.only(&["id", "weeks", "questions"])?;
        let id = sign.text("id")?;
        if id != *expected {
            return Err(sign.error(
                "id",
                format!(
                    "expected `{expected}` here (signs follow the article's order), found `{id}`"
                ),
            ));
        }
        let weeks = read_weeks(sign)?;
        let question_tables = sign.tables("questions")?;
        if !(2..=4).contains(&question_tables.len()) {
            return Err(sign.error(
                "questions",
                format!(
                    "each sign asks 2 to 4 questions, found {}",
                    question_tables.len()
                ),
            ));
        }
        let mut questions = Vec::new();
        for question in &question_tables {
            let q = read_question(question)?;
            if question_ids.contains(&q.id) {
                return Err(question.error("id", format!("`{}` is used twice", q.id)));
            }
            question_ids.push(q.id.clone());
            questions.push(q);
        }
        signs.push(SignSource {
            id,
            weeks,
            questions,
        });
    }
    if question_ids.len() > 15 {
        return Err(top.error(
            "signs",
            format!("at most 15 questions in all, found {}", question_ids.len()),
        ));
    }
    Ok(ModelSource {
        version,
        strong,
        close,
        signs,
    })
}

fn read_weeks(sign: &Cursor<'_>) -> Result<(u8, u8), SourceError> {
    let weeks = sign.array("weeks")?;
    match weeks.as_slice() {
        [Value::Integer(min), Value::Integer(max)] if 1 <= *min && min <= max && *max <= 26 => {
            Ok((*min as u8, *max as u8))
        }
        _ => Err(sign.error(
            "weeks",
            "must be [min, max] weeks with 1 <= min <= max <= 26",
        )),
    }
}

fn read_question(q: &Cursor<'_>) -> Result<QuestionSource, SourceError> {
    let id = q.text("id")?;
    let kind = q.text("kind")?;
    let weight = q.number("weight", 1..=10)?;
    let list_key = match kind.as_str() {
        "ticket_review" => {
            q.only(&["id", "kind", "weight"])?;
            let options = VERDICT_IDS
                .iter()
                .zip([100, 50, 0])
                .map(|(id, points)| OptionSource {
                    id: (*id).to_owned(),
                    points,
                })
                .collect();
            return Ok(QuestionSource {
                id,
                kind,
                weight,
                options,
            });
        }
        "checklist" => "items",
        "single_choice" | "pick_comment" => "options",
        other => {
            return Err(q.error(
                "kind",
                format!("unknown kind `{other}`; one of {}", KINDS.join(", ")),
            ));
        }
    };
    q.only(&["id", "kind", "weight", list_key])?;
    let entries = q.tables(list_key)?;
    let bounds = if list_key == "items" {
        (2, 7, 1..=10)
    } else {
        (2, 6, 0..=100)
    };
    if entries.len() < bounds.0 || entries.len() > bounds.1 {
        return Err(q.error(
            list_key,
            format!(
                "needs {} to {} entries, found {}",
                bounds.0,
                bounds.1,
                entries.len()
            ),
        ));
    }
    let mut options: Vec<OptionSource> = Vec::new();
    for entry in &entries {
        entry.only(&["id", "points"])?;
        let option_id = entry.text("id")?;
        if options.iter().any(|o| o.id == option_id) {
            return Err(entry.error("id", format!("`{option_id}` is used twice")));
        }
        let points = entry.number("points", bounds.2.clone())?;
        options.push(OptionSource {
            id: option_id,
            points,
        });
    }
    if list_key == "options" && !options.iter().any(|o| o.points == 100) {
        return Err(q.error(
            list_key,
            "one option must be worth 100 points, so a sign can be strong",
        ));
    }
    Ok(QuestionSource {
        id,
        kind,
        weight,
        options,
    })
}

/// Reads and checks one locale file against the model.
pub fn read_locale(
    file: &str,
    text: &str,
    model: &ModelSource,
) -> Result<LocaleSource, SourceError> {
    let table = parse(file, text)?;
    let top = root(file, &table);
    top.only(&["locale", "name", "ui", "overall", "signs", "questions"])?;
    let tag = top.text("locale")?;
    if !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(top.error(
            "locale",
            format!("`{tag}` is not a language tag like `en` or `pt-BR`"),
        ));
    }
    let name = top.text("name")?;

    let ui_table = top.child("ui")?;
    ui_table.only(UI_KEYS)?;
    let ui = UI_KEYS
        .iter()
        .map(|key| ui_table.text(key))
        .collect::<Result<Vec<_>, _>>()?;

    let overall_table = top.child("overall")?;
    overall_table.only(&PICTURE_IDS)?;
    let overall = PICTURE_IDS
        .iter()
        .map(|id| {
            let picture = overall_table.child(id)?;
            picture.only(&["headline", "body"])?;
            Ok((picture.text("headline")?, picture.text("body")?))
        })
        .collect::<Result<Vec<_>, SourceError>>()?;

    let sign_table = top.child("signs")?;
    sign_table.only(&SIGN_IDS)?;
    let signs = model
        .signs
        .iter()
        .map(|sign| {
            let t = sign_table.child(&sign.id)?;
            t.only(&["title", "summary", "strong", "next_step"])?;
            Ok(SignText {
                title: t.text("title")?,
                summary: t.text("summary")?,
                strong: t.text("strong")?,
                next_step: t.text("next_step")?,
            })
        })
        .collect::<Result<Vec<_>, SourceError>>()?;

    let question_table = top.child("questions")?;
    let known: Vec<&str> = model
        .signs
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
        .collect();
    question_table.only(&known)?;
    let questions = model
        .signs
        .iter()
        .flat_map(|s| &s.questions)
        .map(|question| {
            let t = question_table.child(&question.id)?;
            t.only(&["prompt", "hint", "short", "options"])?;
            let labels = t.child("options")?;
            let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
            labels.only(&ids)?;
            Ok(QuestionText {
                prompt: t.text("prompt")?,
                hint: t.optional_text("hint")?,
                short: t.text("short")?,
                options: ids
                    .iter()
                    .map(|id| labels.text(id))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<Vec<_>, SourceError>>()?;

    Ok(LocaleSource {
        tag,
        name,
        ui,
        overall,
        signs,
        questions,
    })
}

/// Renders the model and locales as Rust items for `include!`: a `MODEL`
/// static, a `UiText` struct with one field per UI key, and `LOCALES`.
pub fn to_rust(model: &ModelSource, locales: &[LocaleSource]) -> String {
    let mut out =
        String::from("// @generated by build.rs from content/: edit the TOML, not this.\n\n");
    out.push_str(
        "/// Every string the widget shows outside the questions, one field per key of `[ui]`.\n",
    );
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n#[allow(missing_docs)]\npub struct UiText {\n");
    for key in UI_KEYS {
        let _ = writeln!(out, "    pub {key}: &'static str,");
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "pub(crate) static MODEL: Model = Model {{\n    version: {},\n    thresholds: Thresholds {{ strong: {}, close: {} }},\n    signs: &[", model.version, model.strong, model.close);
    for (sign_index, sign) in model.signs.iter().enumerate() {
        let _ = writeln!(
            out,
            "        SignModel {{ id: SignId::ALL[{sign_index}], weeks: ({}, {}), questions: &[",
            sign.weeks.0, sign.weeks.1
        );
        for q in &sign.questions {
            let options: Vec<String> = q
                .options
                .iter()
                .map(|o| format!("Choice {{ id: {:?}, points: {} }}", o.id, o.points))
                .collect();
            let kind = match q.kind.as_str() {
                "ticket_review" => "QuestionKind::TicketReview",
                "checklist" => "QuestionKind::Checklist",
                "single_choice" => "QuestionKind::SingleChoice",
                _ => "QuestionKind::PickComment",
            };
            let _ = writeln!(
                out,
                "            Question {{ id: {:?}, kind: {kind}, weight: {}, choices: &[{}] }},",
                q.id,
                q.weight,
                options.join(", ")
            );
        }
        out.push_str("        ] },\n");
    }
    out.push_str("    ],\n};\n\n");

    out.push_str("pub(crate) static LOCALES: &[Locale] = &[\n");
    for locale in locales {
        let _ = writeln!(
            out,
            "    Locale {{\n        tag: {:?},\n        name: {:?},\n        ui: UiText {{",
            locale.tag, locale.name
        );
        for (key, value) in UI_KEYS.iter().zip(&locale.ui) {
            let _ = writeln!(out, "            {key}: {value:?},");
        }
        out.push_str("        },\n        overall: [");
        for (headline, body) in &locale.overall {
            let _ = write!(
                out,
                "PictureText {{ headline: {headline:?}, body: {body:?} }}, "
            );
        }
        out.push_str("],\n        signs: [\n");
        for s in &locale.signs {
            let _ = writeln!(
                out,
                "            SignText {{ title: {:?}, summary: {:?}, strong: {:?}, next_step: {:?} }},",
                s.title, s.summary, s.strong, s.next_step
            );
        }
        out.push_str("        ],\n        questions: &[\n");
        for q in &locale.questions {
            let _ = writeln!(
                out,
                "            QuestionText {{ prompt: {:?}, hint: {:?}, short: {:?}, options: &{:?} }},",
                q.prompt, q.hint, q.short, q.options
            );
        }
        out.push_str("        ],\n    },\n");
    }
    out.push_str("];\n");
    out
}

/// Reads the model and every locale; locales sorted by tag, `en` required.
pub fn read_all(
    model_file: (&str, &str),
    locale_files: &[(String, String)],
) -> Result<(ModelSource, Vec<LocaleSource>), SourceError> {
    let model = read_model(model_file.0, model_file.1)?;
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
    Ok((model, locales.into_values().collect()))
}
