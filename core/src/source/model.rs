//! Reading `content/model.toml`: signs, questions, points, status lines.

use toml::Value;

use super::cursor::{parse, root, Cursor};
use super::{ModelSource, OptionSource, QuestionSource, SignSource, SourceError, KINDS, SIGN_IDS, VERDICT_IDS};

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
            format!("the article has {} signs, found {}", SIGN_IDS.len(), sign_tables.len()),
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
                format!("expected `{expected}` here (signs follow the article's order), found `{id}`"),
            ));
        }
        let weeks = read_weeks(sign)?;
        let question_tables = sign.tables("questions")?;
        if !(2..=4).contains(&question_tables.len()) {
            return Err(sign.error(
                "questions",
                format!("each sign asks 2 to 4 questions, found {}", question_tables.len()),
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
        signs.push(SignSource { id, weeks, questions });
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
        _ => Err(sign.error("weeks", "must be [min, max] weeks with 1 <= min <= max <= 26")),
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
            return Err(q.error("kind", format!("unknown kind `{other}`; one of {}", KINDS.join(", "))));
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
            format!("needs {} to {} entries, found {}", bounds.0, bounds.1, entries.len()),
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
        options.push(OptionSource { id: option_id, points });
    }
    if list_key == "options" && !options.iter().any(|o| o.points == 100) {
        return Err(q.error(list_key, "one option must be worth 100 points, so a sign can be strong"));
    }
    Ok(QuestionSource {
        id,
        kind,
        weight,
        options,
    })
}
