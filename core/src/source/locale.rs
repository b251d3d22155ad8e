//! Reading one `content/locales/*.toml` against the model.

use super::cursor::{parse, root};
use super::{
    LocaleSource, ModelSource, QuestionText, SignText, SourceError, MAIL_KEYS, PICTURE_IDS, SIGN_IDS, UI_KEYS,
};

/// Reads and checks one locale file against the model.
pub fn read_locale(file: &str, text: &str, model: &ModelSource) -> Result<LocaleSource, SourceError> {
    let table = parse(file, text)?;
    let top = root(file, &table);
    top.only(&[
        "locale",
        "name",
        "ui",
        "overall",
        "signs",
        "questions",
        "conflicts",
        "mail",
    ])?;
    let tag = top.text("locale")?;
    if !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(top.error("locale", format!("`{tag}` is not a language tag like `en` or `pt-BR`")));
    }
    let name = top.text("name")?;

    let ui_table = top.child("ui")?;
    ui_table.only(UI_KEYS)?;
    let ui = UI_KEYS
        .iter()
        .map(|key| ui_table.text(key))
        .collect::<Result<Vec<_>, _>>()?;

    let mail_table = top.child("mail")?;
    mail_table.only(MAIL_KEYS)?;
    let mail = MAIL_KEYS
        .iter()
        .map(|key| mail_table.text(key))
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
            t.only(&["prompt", "hint", "short", "options", "steps"])?;
            let labels = t.child("options")?;
            let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
            labels.only(&ids)?;
            // Every option that can cost points carries its own next step, and only those.
            let steps_table = t.child("steps")?;
            let costly: Vec<&str> = question
                .options
                .iter()
                .filter(|o| question.kind == "checklist" || o.points < 100)
                .map(|o| o.id.as_str())
                .collect();
            steps_table.only(&costly)?;
            let steps = question
                .options
                .iter()
                .map(|o| {
                    if costly.contains(&o.id.as_str()) {
                        steps_table.text(&o.id)
                    } else {
                        Ok(String::new())
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(QuestionText {
                prompt: t.text("prompt")?,
                hint: t.optional_text("hint")?,
                short: t.text("short")?,
                options: ids.iter().map(|id| labels.text(id)).collect::<Result<_, _>>()?,
                steps,
            })
        })
        .collect::<Result<Vec<_>, SourceError>>()?;

    // One sentence per conflict of the model: what does not fit together and
    // which answer to look at again.
    let conflicts = if model.conflicts.is_empty() {
        top.only(&["locale", "name", "ui", "overall", "signs", "questions", "mail"])?;
        Vec::new()
    } else {
        let table = top.child("conflicts")?;
        let ids: Vec<&str> = model.conflicts.iter().map(|c| c.id.as_str()).collect();
        table.only(&ids)?;
        ids.iter().map(|id| table.text(id)).collect::<Result<Vec<_>, _>>()?
    };

    Ok(LocaleSource {
        tag,
        name,
        ui,
        overall,
        signs,
        questions,
        conflicts,
        mail,
    })
}
