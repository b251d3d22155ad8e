//! The words of the assessment, one [`Locale`] per file in `content/locales/`.

use crate::error::{Error, ErrorKind};
use crate::model::{
    Band, Bound, Choice, Condition, Conflict, Model, Question, QuestionIndex, QuestionKind, SignModel, Thresholds,
    Upgrade,
};
use crate::report::{Contradiction, Picture, SignResult};
use crate::sign::SignId;

/// A sign's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignText {
    /// Short title, e.g. "Tickets stand on their own".
    pub title: &'static str,
    /// What the sign means, in a sentence.
    pub summary: &'static str,
    /// What strong looks like; shown when the sign is strong.
    pub strong: &'static str,
    /// The concrete next step for a gap.
    pub next_step: &'static str,
}

/// A question's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionText {
    /// The question as asked.
    pub prompt: &'static str,
    /// Help under the question; may be empty.
    pub hint: &'static str,
    /// A short name, used where the result lists what cost points.
    pub short: &'static str,
    /// Labels of the options, items or verdicts, in the model's order.
    pub options: &'static [&'static str],
    /// The next step for each option that costs points (empty for the others), in the model's order.
    pub steps: &'static [&'static str],
}

/// The words of an overall picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureText {
    /// One line.
    pub headline: &'static str,
    /// A few sentences.
    pub body: &'static str,
}

/// All the words of one language.
#[derive(Debug, Clone, Copy)]
pub struct Locale {
    /// Language tag, e.g. `en`.
    pub tag: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// Strings outside the questions.
    pub ui: UiText,
    pub(crate) overall: [PictureText; 5],
    pub(crate) signs: [SignText; 5],
    pub(crate) questions: &'static [QuestionText],
    /// One sentence per conflict of the model, in its order.
    pub(crate) conflicts: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// One locale per tag: two are equal when their tags are. (A derived
/// comparison would compare every string of the locale, and the widget's
/// components compare their props, each holding a locale, on every render.)
impl PartialEq for Locale {
    fn eq(&self, other: &Locale) -> bool {
        self.tag == other.tag
    }
}

impl Eq for Locale {}

impl Locale {
    /// The locale with this tag (`en`, `pt-BR`; a region falls back to its language).
    ///
    /// ```
    /// use readiness_core::Locale;
    /// assert_eq!(Locale::get("en").unwrap().tag, "en");
    /// assert_eq!(Locale::get("en-GB").unwrap().tag, "en");
    /// assert!(Locale::get("xx").is_err());
    /// ```
    pub fn get(tag: &str) -> Result<&'static Locale, Error> {
        let language = tag.split('-').next().unwrap_or(tag);
        let loaded = crate::locale_file::loaded();
        let known = || LOCALES.iter().chain(loaded.iter().copied());
        known()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .or_else(|| known().find(|l| l.tag.eq_ignore_ascii_case(language)))
            .ok_or_else(|| Error::new(ErrorKind::UnknownLocale))
    }

    /// English, the fallback that always exists.
    pub fn english() -> &'static Locale {
        // Not `expect`: that would format the error with `Debug`, whose code
        // (string escaping, Unicode tables) then ships in the widget's wasm.
        match Locale::get("en") {
            Ok(locale) => locale,
            Err(_) => panic!("build.rs requires an `en` locale"),
        }
    }

    /// Every locale compiled in, sorted by tag: all of them natively, English
    /// only in the browser's wasm (the others come from [`Locale::load`]).
    pub fn all() -> &'static [Locale] {
        LOCALES
    }

    /// The tag of every locale the content has, compiled in or not, sorted.
    pub fn tags() -> &'static [&'static str] {
        TAGS
    }

    /// The plan e-mail's strings in this language (issue 22; the endpoint's only: the browser's
    /// wasm carries none).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn mail(&self) -> &'static MailText {
        MAILS
            .iter()
            .find(|(tag, _)| *tag == self.tag)
            .or_else(|| MAILS.iter().find(|(tag, _)| *tag == "en"))
            .map(|(_, text)| text)
            .expect("the build requires an English locale with a [mail] table")
    }

    /// A sign's words.
    pub fn sign(&self, id: SignId) -> &SignText {
        &self.signs[id.index()]
    }

    /// A question's words.
    pub fn question(&self, index: QuestionIndex) -> &QuestionText {
        &self.questions[index.get()]
    }

    /// The plan for one sign: the next steps of the answers that cost it
    /// points, the costliest answer first, each step once.
    ///
    /// ```
    /// use readiness_core::{assess, Answer, Answers, Locale, Model, SignId};
    /// let model = Model::current();
    /// let mut answers = Answers::new();
    /// answers.set(model.question_index("unblock.speed").unwrap(), Answer::Choice(2)).unwrap();
    /// answers.set(model.question_index("unblock.owner").unwrap(), Answer::Choice(0)).unwrap();
    /// let report = assess(&answers);
    /// let steps = Locale::english().steps_for(report.sign(SignId::Unblocking));
    /// assert_eq!(steps.len(), 1);
    /// ```
    pub fn steps_for(&self, result: &SignResult) -> Vec<&'static str> {
        let mut steps: Vec<&'static str> = Vec::new();
        for cost in &result.costs {
            let text = self.question(cost.question);
            for (i, step) in text.steps.iter().enumerate() {
                if cost.choices & (1 << i) != 0 && !step.is_empty() && !steps.contains(step) {
                    steps.push(step);
                }
            }
        }
        steps
    }

    /// The sentence that names a contradiction: which answers do not fit
    /// together and which one to look at again.
    pub fn contradiction(&self, contradiction: &Contradiction) -> &'static str {
        self.conflicts.get(contradiction.conflict).copied().unwrap_or_default()
    }

    /// A time in weeks in this locale's words: "about a week", "about 2
    /// weeks", "about 2 to 4 weeks".
    ///
    /// ```
    /// let en = readiness_core::Locale::english();
    /// assert_eq!(en.weeks((1, 1)), "about a week");
    /// assert_eq!(en.weeks((2, 4)), "about 2 to 4 weeks");
    /// ```
    pub fn weeks(&self, (min, max): (u8, u8)) -> String {
        let ui = &self.ui;
        match (min, max) {
            (1, 1) => ui.weeks_one.to_owned(),
            (min, max) if min == max => crate::fill(ui.weeks_exact, &[("weeks", &min.to_string())]),
            (min, max) => crate::fill(ui.weeks_range, &[("min", &min.to_string()), ("max", &max.to_string())]),
        }
    }

    /// An overall picture's words.
    pub fn picture(&self, picture: Picture) -> &PictureText {
        &self.overall[picture as usize]
    }
}
