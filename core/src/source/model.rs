//! Reading `content/model.toml`: signs, questions, points, status lines.

use toml::Value;

use super::cursor::{parse, root, Cursor};
use super::{
    BandSource, BoundSource, ConditionSource, ConflictSource, ModelSource, OptionSource, QuestionSource, SignSource,
    SourceError, UpgradeSource, KINDS, SIGN_IDS, VERDICT_IDS,
};

/// A visitor's time to answer a question of each kind, in seconds, when the
/// model gives no `seconds` of its own (in `KINDS` order).
pub const DEFAULT_SECONDS: [u8; 4] = [150, 30, 15, 20];

/// Reads a frozen older model (`content/models/vN.toml`): the same schema,
/// its version below the current one and named by the file.
pub fn read_old_model(file: &str, text: &str, current: u8) -> Result<ModelSource, SourceError> {
    let model = read_model(file, text)?;
    let stem = file.rsplit('/').next().unwrap_or(file);
    let table = parse(file, text)?;
    let top = root(file, &table);
    if model.version >= current {
        return Err(top.error(
            "version",
            format!(
                "an older model must have a version below the current {current}, found {}",
                model.version
            ),
        ));
    }
    if stem != format!("v{}.toml", model.version) {
        return Err(top.error(
            "version",
            format!("version {} must live in v{}.toml", model.version, model.version),
        ));
    }
    // A frozen file is the current model of its day copied unchanged, so it may
    // hold the `[[upgrades]]` of its own day: history, never read. Only the
    // current model maps older versions.
    Ok(model)
}

/// Reads `[[upgrades]]` of the current model against the older models.
pub fn read_upgrades(
    file: &str,
    text: &str,
    model: &ModelSource,
    old_models: &[ModelSource],
) -> Result<Vec<UpgradeSource>, SourceError> {
    let table = parse(file, text)?;
    let top = root(file, &table);
    if !top.table.contains_key("upgrades") {
        return Ok(Vec::new());
    }
    let mut upgrades = Vec::new();
    for entry in top.tables("upgrades")? {
        entry.only(&["from", "question", "to", "options"])?;
        let from = entry.number("from", 1..=255)?;
        let old = old_models
            .iter()
            .find(|m| m.version == from)
            .ok_or_else(|| entry.error("from", format!("no content/models/v{from}.toml holds version {from}")))?;
        let question = entry.text("question")?;
        let old_question = find_question(old, &question)
            .ok_or_else(|| entry.error("question", format!("version {from} has no question `{question}`")))?;
        let to = entry.text("to")?;
        // One older question may feed several of today's (a question split in
        // two), each once.
        if upgrades
            .iter()
            .any(|u: &UpgradeSource| u.from == from && u.question == question && u.to == to)
        {
            return Err(entry.error("to", format!("`{question}` of version {from} already maps to `{to}`")));
        }
        let new_question = find_question(model, &to)
            .ok_or_else(|| entry.error("to", format!("this version has no question `{to}`")))?;
        let map = entry.child("options")?;
        let mut options = Vec::new();
        for old_id in map.table.keys() {
            if !old_question.options.iter().any(|o| &o.id == old_id) {
                return Err(map.error(
                    old_id,
                    format!("`{question}` of version {from} has no option `{old_id}`"),
                ));
            }
            let new_id = map.text(old_id)?;
            if !new_question.options.iter().any(|o| o.id == new_id) {
                return Err(map.error(old_id, format!("`{to}` has no option `{new_id}`")));
            }
            options.push((old_id.clone(), new_id));
        }
        if old_question.kind != new_question.kind && old_question.options.len() != options.len() {
            return Err(entry.error("options", "a question whose kind changes must map every option"));
        }
        upgrades.push(UpgradeSource {
            from,
            question,
            to,
            options,
        });
    }
    Ok(upgrades)
}

fn find_question<'m>(model: &'m ModelSource, id: &str) -> Option<&'m QuestionSource> {
    model.signs.iter().flat_map(|s| &s.questions).find(|q| q.id == id)
}

/// Reads and checks `model.toml`.
pub fn read_model(file: &str, text: &str) -> Result<ModelSource, SourceError> {
    let table = parse(file, text)?;
    let top = root(file, &table);
    top.only(&[
        "version",
        "thresholds",
        "time_to_close",
        "signs",
        "conflicts",
        "upgrades",
    ])?;
    let version = top.number("version", 1..=255)?;
    let thresholds = top.child("thresholds")?;
    thresholds.only(&["strong", "close"])?;
    let strong = thresholds.number("strong", 1..=100)?;
    let close = thresholds.number("close", 1..=100)?;
    if close >= strong {
        return Err(thresholds.error("close", format!("{close} must be below strong ({strong})")));
    }
    let bands = read_bands(&top)?;
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
        let mut questions: Vec<QuestionSource> = Vec::new();
        for (position, question) in question_tables.iter().enumerate() {
            let mut q = read_question(question)?;
            q.shown_when = read_condition(question, position, &questions, question_ids.len() - questions.len())?;
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
    let mut model = ModelSource {
        version,
        strong,
        close,
        bands,
        signs,
        conflicts: Vec::new(),
        upgrades: Vec::new(),
    };
    model.conflicts = read_conflicts(&top, &model)?;
    Ok(model)
}

/// `[[conflicts]]`: two questions of one sign whose answers cannot both be
/// true, `high` earning at least its points while `low` earns at most its own;
/// `recheck` names the one to look at again.
fn read_conflicts(top: &Cursor<'_>, model: &ModelSource) -> Result<Vec<ConflictSource>, SourceError> {
    if !top.table.contains_key("conflicts") {
        return Ok(Vec::new());
    }
    let questions: Vec<(usize, &QuestionSource)> = model
        .signs
        .iter()
        .enumerate()
        .flat_map(|(sign, s)| s.questions.iter().map(move |q| (sign, q)))
        .collect();
    let find = |cursor: &Cursor<'_>, key: &str| -> Result<(usize, usize), SourceError> {
        let id = cursor.text(key)?;
        questions
            .iter()
            .position(|(_, q)| q.id == id)
            .map(|index| (index, questions[index].0))
            .ok_or_else(|| cursor.error(key, format!("no question `{id}`")))
    };
    let mut conflicts: Vec<ConflictSource> = Vec::new();
    for entry in top.tables("conflicts")? {
        entry.only(&["id", "high", "low", "recheck"])?;
        let id = entry.text("id")?;
        if conflicts.iter().any(|c| c.id == id) {
            return Err(entry.error("id", format!("`{id}` is used twice")));
        }
        let bound = |key: &str, limit: &str| -> Result<(BoundSource, usize), SourceError> {
            let side = entry.child(key)?;
            side.only(&["question", limit])?;
            let (question, sign) = find(&side, "question")?;
            let points = side.number(limit, 0..=100)?;
            Ok((BoundSource { question, points }, sign))
        };
        let (high, high_sign) = bound("high", "at_least")?;
        let (low, low_sign) = bound("low", "at_most")?;
        if high_sign != low_sign || high.question == low.question {
            return Err(entry.error("low", "a conflict is between two questions of one sign"));
        }
        if low.points >= high.points {
            return Err(entry.error("low", "`at_most` must be below the other side's `at_least`"));
        }
        let (recheck, _) = find(&entry, "recheck")?;
        if recheck != high.question && recheck != low.question {
            return Err(entry.error("recheck", "must be one of the conflict's two questions"));
        }
        conflicts.push(ConflictSource {
            id,
            sign: high_sign,
            high,
            low,
            recheck,
        });
    }
    Ok(conflicts)
}

/// `[time_to_close] bands`: absent in older models (then the sign's whole range).
fn read_bands(top: &Cursor<'_>) -> Result<Vec<BandSource>, SourceError> {
    if !top.table.contains_key("time_to_close") {
        return Ok(vec![BandSource {
            up_to: 100,
            percent: 100,
        }]);
    }
    let section = top.child("time_to_close")?;
    section.only(&["bands"])?;
    let mut bands: Vec<BandSource> = Vec::new();
    for band in section.tables("bands")? {
        band.only(&["up_to", "percent"])?;
        let up_to = band.number("up_to", 1..=100)?;
        let percent = band.number("percent", 1..=100)?;
        if let Some(last) = bands.last() {
            if up_to <= last.up_to || percent < last.percent {
                return Err(band.error("up_to", "bands must rise: `up_to` and `percent` above the band before"));
            }
        }
        bands.push(BandSource { up_to, percent });
    }
    if bands.last().is_none_or(|b| b.up_to != 100) {
        return Err(section.error("bands", "the last band must reach `up_to = 100`"));
    }
    Ok(bands)
}

/// `shown_when = { question = "…", any_of = ["…"] }`: an earlier single-choice
/// question of the same sign, never on the sign's first question (so every
/// sign keeps one question that is always asked).
fn read_condition(
    q: &Cursor<'_>,
    position: usize,
    earlier: &[QuestionSource],
    first_index: usize,
) -> Result<Option<ConditionSource>, SourceError> {
    if !q.table.contains_key("shown_when") {
        return Ok(None);
    }
    if position == 0 {
        return Err(q.error("shown_when", "the first question of a sign is always asked"));
    }
    let condition = q.child("shown_when")?;
    condition.only(&["question", "any_of"])?;
    let target = condition.text("question")?;
    let (index, question) = earlier
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == target)
        .ok_or_else(|| {
            condition.error(
                "question",
                format!("`{target}` is not an earlier question of this sign"),
            )
        })?;
    if !matches!(question.kind.as_str(), "single_choice" | "pick_comment") {
        return Err(condition.error("question", format!("`{target}` must be a single choice")));
    }
    if question.shown_when.is_some() {
        return Err(condition.error("question", format!("`{target}` is itself conditional")));
    }
    let mut any_of = Vec::new();
    for value in condition.array("any_of")? {
        let id = value.as_str().unwrap_or_default();
        let option = question
            .options
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| condition.error("any_of", format!("`{target}` has no option `{id}`")))?;
        if any_of.contains(&option) {
            return Err(condition.error("any_of", format!("`{id}` is listed twice")));
        }
        any_of.push(option);
    }
    if any_of.is_empty() || any_of.len() == question.options.len() {
        return Err(condition.error("any_of", "list some but not all of the options"));
    }
    Ok(Some(ConditionSource {
        question: first_index + index,
        any_of,
    }))
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
    let seconds = match KINDS.iter().position(|k| *k == kind) {
        Some(_) if q.table.contains_key("seconds") => q.number("seconds", 5..=255)?,
        Some(position) => DEFAULT_SECONDS[position],
        None => 0,
    };
    let list_key = match kind.as_str() {
        "ticket_review" => {
            q.only(&["id", "kind", "weight", "seconds", "shown_when"])?;
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
                seconds,
                options,
                shown_when: None,
            });
        }
        "checklist" => "items",
        "single_choice" | "pick_comment" => "options",
        other => {
            return Err(q.error("kind", format!("unknown kind `{other}`; one of {}", KINDS.join(", "))));
        }
    };
    q.only(&["id", "kind", "weight", "seconds", list_key, "shown_when"])?;
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
        seconds,
        options,
        shown_when: None,
    })
}
