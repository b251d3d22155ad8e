//! Copy overrides: a campaign's own words for one widget, without a Rust
//! build. A copy file is a flat JSON object from a key to a string; the key
//! is the locale TOML's table path and key with the quotes dropped
//! (`ui.intro_heading`, `questions.tickets.last-five.prompt`,
//! `questions.tickets.last-five.options.yes`; the full list is
//! [`copy_keys`]). [`Locale::with_copy`] checks every entry as a locale file
//! is checked and never fails: an entry that does not fit is left out with a
//! [`CopyWarning`] naming it and the default string that stays.

use std::fmt;

use crate::content::{Locale, UI_KEYS};
use crate::model::Model;
use crate::report::Picture;
use crate::sign::SignId;

/// Strings of a locale file before the copyable ones: format, model version, tag, name.
const HEAD: usize = 4;

/// Why one entry of a copy file was left out (the default string shows instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyWarning {
    /// No string has this key.
    UnknownKey(String),
    /// The text's `{placeholders}` are not those of the default string: (key, default).
    Placeholders(String, String),
    /// The text is empty where a string is required, or not empty where the
    /// default is (the step of an option that costs nothing): (key, default).
    Empty(String, String),
}

impl fmt::Display for CopyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CopyWarning::UnknownKey(key) => write!(f, "unknown key `{key}`, ignored"),
            CopyWarning::Placeholders(key, default) => write!(
                f,
                "`{key}` must keep exactly the {{placeholders}} of its default; showing the default \"{default}\""
            ),
            CopyWarning::Empty(key, default) => write!(
                f,
                "`{key}` cannot be empty here (or must stay empty); showing the default \"{default}\""
            ),
        }
    }
}

/// Every key a copy file may use, in a locale file's order (after its head).
///
/// ```
/// let keys = readiness_core::copy_keys();
/// assert_eq!(keys[1], "ui.intro_heading");
/// assert!(keys.iter().any(|k| k == "questions.tickets.last-five.prompt"));
/// assert!(keys.iter().any(|k| k == "questions.tickets.last-five.options.yes"));
/// ```
pub fn copy_keys() -> Vec<String> {
    let model = Model::current();
    let mut keys: Vec<String> = UI_KEYS.iter().map(|k| format!("ui.{k}")).collect();
    let pictures = [
        Picture::Ready,
        Picture::Nearly,
        Picture::Focused,
        Picture::Groundwork,
        Picture::Incomplete,
    ];
    for p in pictures {
        for field in ["headline", "body"] {
            keys.push(format!("overall.{}.{field}", p.as_str()));
        }
    }
    for s in SignId::ALL {
        for field in ["title", "summary", "strong", "next_step"] {
            keys.push(format!("signs.{}.{field}", s.as_str()));
        }
    }
    for (_, _, q) in model.questions() {
        for field in ["prompt", "hint", "short"] {
            keys.push(format!("questions.{}.{field}", q.id));
        }
        for table in ["options", "steps"] {
            keys.extend(q.choices.iter().map(|c| format!("questions.{}.{table}.{}", q.id, c.id)));
        }
    }
    keys.extend(model.conflicts.iter().map(|c| format!("conflicts.{}", c.id)));
    keys
}

/// The `{placeholders}` of a string, in order, repeats included.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// Whether two strings have the same placeholders, as sets. (No sort: a sort of
/// strings would add kilobytes to the widget's wasm; the lists are a few long.)
fn same_placeholders(a: &str, b: &str) -> bool {
    placeholders(a).all(|p| placeholders(b).any(|q| q == p)) && placeholders(b).all(|p| placeholders(a).any(|q| q == p))
}

impl Locale {
    /// This locale with a copy file's entries in place of its strings, and
    /// a warning for each entry left out (see the module's docs). Without a
    /// usable entry, this locale itself; else a new locale (leaked: build it
    /// once per copy file and locale).
    ///
    /// ```
    /// use readiness_core::{CopyWarning, Locale};
    /// let en = Locale::english();
    /// let copy = [
    ///     ("ui.start".to_owned(), "Go".to_owned()),
    ///     ("ui.intro_body".to_owned(), "{questions} questions".to_owned()),
    ///     ("ui.step_progress".to_owned(), "Step {now}".to_owned()),
    ///     ("ui.nope".to_owned(), "x".to_owned()),
    /// ];
    /// let (locale, warnings) = en.with_copy(&copy);
    /// assert_eq!(locale.ui.start, "Go");
    /// assert_eq!(locale.ui.intro_body, "{questions} questions");
    /// assert_eq!(locale.ui.step_progress, en.ui.step_progress);
    /// assert_eq!(warnings.len(), 2);
    /// assert_eq!(warnings[1], CopyWarning::UnknownKey("ui.nope".into()));
    /// ```
    pub fn with_copy(&'static self, copy: &[(String, String)]) -> (&'static Locale, Vec<CopyWarning>) {
        let keys = copy_keys();
        let mut strings = self.to_strings();
        let mut warnings = Vec::new();
        let mut changed = false;
        for (key, text) in copy {
            let Some(i) = keys.iter().position(|k| k == key) else {
                warnings.push(CopyWarning::UnknownKey(key.clone()));
                continue;
            };
            let default = &mut strings[HEAD + i];
            let may_be_empty = key.ends_with(".hint");
            let warning = if !may_be_empty && text.trim().is_empty() != default.trim().is_empty() {
                CopyWarning::Empty
            } else if !same_placeholders(text, default) {
                CopyWarning::Placeholders
            } else {
                default.clone_from(text);
                changed = true;
                continue;
            };
            warnings.push(warning(key.clone(), default.clone()));
        }
        let copied = changed.then(|| Locale::parse(strings).ok()).flatten();
        match copied {
            Some(locale) => (Box::leak(Box::new(locale)), warnings),
            None => (self, warnings),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_key_per_string_of_a_locale_file_and_each_is_unique() {
        let keys = copy_keys();
        let en = Locale::english();
        assert_eq!(keys.len() + HEAD, en.to_strings().len());
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len());
        assert_eq!(keys[0], "ui.widget_label");
        assert_eq!(keys.last().map(|k| k.starts_with("conflicts.")), Some(true));
    }

    #[test]
    fn every_kind_of_string_can_be_overridden() {
        let en = Locale::english();
        let model = Model::current();
        let index = model.question_index("tickets.last-five").unwrap();
        let copy: Vec<(String, String)> = [
            ("ui.intro_heading", "Ready for a contractor?"),
            ("ui.start", "Take the check"),
            ("questions.tickets.last-five.prompt", "Your last five tickets: clear?"),
            ("questions.tickets.last-five.options.no", "Nope"),
            ("questions.tickets.last-five.hint", ""),
            ("signs.feedback.title", "Reviews"),
            ("overall.ready.headline", "Go"),
            ("conflicts.tickets-clear-without-criteria", "Look again."),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let (locale, warnings) = en.with_copy(&copy);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(locale.ui.intro_heading, "Ready for a contractor?");
        assert_eq!(locale.ui.start, "Take the check");
        assert_eq!(locale.question(index).prompt, "Your last five tickets: clear?");
        assert_eq!(locale.question(index).options[2], "Nope");
        assert_eq!(locale.question(index).hint, "");
        assert_eq!(locale.sign(SignId::Feedback).title, "Reviews");
        assert_eq!(locale.picture(Picture::Ready).headline, "Go");
        assert_eq!(locale.conflicts[0], "Look again.");
        assert_eq!(locale.ui.next, en.ui.next, "what is not in the file stays");
        assert_eq!(locale.tag, "en");
    }

    #[test]
    fn bad_entries_warn_name_the_default_and_leave_the_rest() {
        let en = Locale::english();
        let copy: Vec<(String, String)> = [
            ("ui.intro_headline", "typo"),
            ("ui.intro_body", "{questons} questions"),
            ("ui.step_progress", "Sign {current}"),
            ("ui.start", "  "),
            (
                "questions.tickets.last-five.steps.yes",
                "a step for a full-marks answer",
            ),
            ("ui.back", "Previous"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let (locale, warnings) = en.with_copy(&copy);
        assert_eq!(locale.ui.back, "Previous");
        assert_eq!(locale.ui.intro_body, en.ui.intro_body);
        assert_eq!(locale.ui.step_progress, en.ui.step_progress);
        assert_eq!(locale.ui.start, en.ui.start);
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert_eq!(warnings[0], CopyWarning::UnknownKey("ui.intro_headline".into()));
        let text = warnings[1].to_string();
        assert!(
            text.contains("`ui.intro_body`") && text.contains(en.ui.intro_body),
            "{text}"
        );
        assert!(matches!(warnings[2], CopyWarning::Placeholders(..)));
        assert!(matches!(warnings[3], CopyWarning::Empty(..)));
        assert!(matches!(warnings[4], CopyWarning::Empty(..)));
    }

    #[test]
    fn nothing_usable_returns_the_locale_itself() {
        let en = Locale::english();
        let (locale, warnings) = en.with_copy(&[("x".into(), "y".into())]);
        assert!(std::ptr::eq(locale, en));
        assert_eq!(warnings.len(), 1);
        let (same, none) = en.with_copy(&[]);
        assert!(std::ptr::eq(same, en) && none.is_empty());
    }

    #[test]
    fn placeholders_are_compared_as_sets() {
        assert!(same_placeholders("{b} {a} {b}", "{a} and {b}"));
        assert!(!same_placeholders("{a}", "{a} {b}"));
        assert!(!same_placeholders("{a} {b}", "{a}"));
        assert!(
            same_placeholders("50 {% of", "none"),
            "an unclosed brace is no placeholder"
        );
        assert_eq!(placeholders("x {n} y {m}").collect::<Vec<_>>(), ["n", "m"]);
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            /// Whatever a copy file holds, the result is a locale of the same
            /// shape whose every string is the override or the default.
            #[test]
            fn any_copy_file_yields_a_whole_locale(
                entries in proptest::collection::vec((0usize..400, "[a-z{} ]{0,12}"), 0..12)
            ) {
                let en = Locale::english();
                let keys = copy_keys();
                let copy: Vec<(String, String)> = entries
                    .iter()
                    .map(|(i, text)| (keys.get(*i).cloned().unwrap_or_else(|| format!("bogus.{i}")), text.clone()))
                    .collect();
                let (locale, warnings) = en.with_copy(&copy);
                let (before, after) = (en.to_strings(), locale.to_strings());
                prop_assert_eq!(before.len(), after.len());
                prop_assert!(warnings.len() <= copy.len());
                for (i, (b, a)) in before.iter().zip(&after).enumerate().skip(HEAD) {
                    prop_assert!(a == b || copy.iter().any(|(k, v)| *k == keys[i - HEAD] && v == a));
                }
            }
        }
    }
}
