//! A locale as a flat list of strings: the file the browser loads on demand
//! for a locale the wasm does not carry (only English is compiled into the
//! browser's wasm). The build writes it with [`Locale::to_strings`] (natively,
//! where every locale is compiled in); the widget reads it back with
//! [`Locale::load`], which checks it against the model as the build script
//! checks a locale's TOML, where that is cheap: format and model version,
//! exactly one string per field, no empty text, a next step for exactly the
//! options that cost points.
//!
//! The order: the format marker, the model version, tag, name, the `[ui]`
//! strings in key order, each overall picture's headline and body, each
//! sign's title, summary, strong and next step, then per question (model
//! order) prompt, hint, short name, every option's label, every option's step,
//! then the sentence of each conflict (model order).

use std::sync::Mutex;

use crate::content::{Locale, PictureText, QuestionText, SignText, UiText, UI_KEY_COUNT};
use crate::error::{Error, ErrorKind};
use crate::model::{Model, QuestionKind};

/// The first string of every locale file (bump when the order changes).
pub const LOCALE_FILE_FORMAT: &str = "readiness-locale/2";

/// Locales loaded at run time, leaked: each is loaded once and lives as long as the page.
static LOADED: Mutex<Vec<&'static Locale>> = Mutex::new(Vec::new());

/// The locales loaded so far.
pub(crate) fn loaded() -> Vec<&'static Locale> {
    LOADED.lock().map(|l| l.clone()).unwrap_or_default()
}

fn bad() -> Error {
    Error::new(ErrorKind::BadLocaleFile)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl Locale {
    /// This locale as a locale file's strings (see the module's docs).
    pub fn to_strings(&self) -> Vec<String> {
        let mut out = vec![
            LOCALE_FILE_FORMAT.to_owned(),
            Model::current().version.to_string(),
            self.tag.to_owned(),
            self.name.to_owned(),
        ];
        out.extend(self.ui.to_strings().iter().map(|s| (*s).to_owned()));
        for p in &self.overall {
            out.extend([p.headline, p.body].map(str::to_owned));
        }
        for s in &self.signs {
            out.extend([s.title, s.summary, s.strong, s.next_step].map(str::to_owned));
        }
        for q in self.questions {
            out.extend([q.prompt, q.hint, q.short].map(str::to_owned));
            out.extend(q.options.iter().chain(q.steps).map(|s| (*s).to_owned()));
        }
        out.extend(self.conflicts.iter().map(|s| (*s).to_owned()));
        out
    }

    /// Reads a locale file's strings and makes the locale available to
    /// [`Locale::get`] (a tag already known returns the known locale).
    ///
    /// ```
    /// use readiness_core::{ErrorKind, Locale};
    /// let da = Locale::get("da").unwrap();
    /// assert_eq!(Locale::load(da.to_strings()).unwrap().tag, "da");
    /// let mut cut = da.to_strings();
    /// cut.pop();
    /// assert_eq!(Locale::load(cut).unwrap_err().kind(), ErrorKind::BadLocaleFile);
    /// ```
    pub fn load(strings: Vec<String>) -> Result<&'static Locale, Error> {
        let locale = Locale::parse(strings)?;
        if let Ok(known) = Locale::get(locale.tag) {
            if known.tag.eq_ignore_ascii_case(locale.tag) {
                return Ok(known);
            }
        }
        let locale: &'static Locale = Box::leak(Box::new(locale));
        LOADED.lock().map_err(|_| bad())?.push(locale);
        Ok(locale)
    }

    /// Checks the strings and builds the locale (leaking its strings; the
    /// caller loads each file once).
    pub(crate) fn parse(strings: Vec<String>) -> Result<Locale, Error> {
        let model = Model::current();
        let shape: usize = 4
            + UI_KEY_COUNT
            + 10
            + 20
            + model
                .questions()
                .map(|(_, _, q)| 3 + 2 * q.choices.len())
                .sum::<usize>()
            + model.conflicts.len();
        if strings.len() != shape
            || strings[0] != LOCALE_FILE_FORMAT
            || strings[1] != model.version.to_string()
            || strings[2].is_empty()
            || !strings[2].chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(bad());
        }
        let mut rest = strings.into_iter().skip(2);
        // Every string must have text, but a hint and the step of a full-marks option.
        let mut text = |may_be_empty: bool| match rest.next() {
            Some(s) if may_be_empty || !s.trim().is_empty() => Ok(leak(s)),
            _ => Err(bad()),
        };
        let tag = text(false)?;
        let name = text(false)?;
        let mut ui = [""; UI_KEY_COUNT];
        for slot in &mut ui {
            *slot = text(false)?;
        }
        let mut overall = [PictureText { headline: "", body: "" }; 5];
        for p in &mut overall {
            *p = PictureText {
                headline: text(false)?,
                body: text(false)?,
            };
        }
        let blank = SignText {
            title: "",
            summary: "",
            strong: "",
            next_step: "",
        };
        let mut signs = [blank; 5];
        for s in &mut signs {
            *s = SignText {
                title: text(false)?,
                summary: text(false)?,
                strong: text(false)?,
                next_step: text(false)?,
            };
        }
        let mut questions = Vec::with_capacity(model.question_count());
        for (_, _, q) in model.questions() {
            let (prompt, hint, short) = (text(false)?, text(true)?, text(false)?);
            let options = q.choices.iter().map(|_| text(false)).collect::<Result<Vec<_>, _>>()?;
            let mut steps = Vec::with_capacity(q.choices.len());
            for choice in q.choices {
                let costly = q.kind == QuestionKind::Checklist || choice.points < 100;
                let step = text(!costly)?;
                if !costly && !step.is_empty() {
                    return Err(bad());
                }
                steps.push(step);
            }
            questions.push(QuestionText {
                prompt,
                hint,
                short,
                options: options.leak(),
                steps: steps.leak(),
            });
        }
        let conflicts = model
            .conflicts
            .iter()
            .map(|_| text(false))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Locale {
            tag,
            name,
            ui: UiText::from_strings(ui),
            overall,
            signs,
            questions: questions.leak(),
            conflicts: conflicts.leak(),
        })
    }
}
