//! The intro and the first sign's step rendered at build time by Yew's
//! server renderer (native, `--features ssr`), in every locale: the loader
//! shows the intro in the shadow root at once, before the wasm has arrived,
//! and the first sign when Start is pressed, as real form controls the
//! visitor can answer. Same components, same markup and classes as the
//! app's first two screens (the app takes over what was ticked: `early`).

use readiness_core::{Answers, Locale};
use yew::prelude::*;
use yew::ServerRenderer;

use crate::components::intro::Intro;
use crate::components::sign_step::{sign_step, SignStepProps};
use crate::early::SIGN;

/// Props of [`Shell`].
#[derive(Properties, PartialEq)]
struct ShellProps {
    locale: &'static Locale,
    /// The first sign's step instead of the intro.
    sign: bool,
}

/// The app's outer card around the intro or the first sign, as the app
/// renders them on a first visit (instance `default`).
#[component]
fn Shell(props: &ShellProps) -> Html {
    let ui = &props.locale.ui;
    let step = if props.sign {
        sign_step(&SignStepProps {
            sign: SIGN,
            answers: Answers::new(),
            locale: props.locale,
            prefix: "rw-default".into(),
            show_missing: false,
            heading: NodeRef::default(),
            on_answer: Callback::noop(),
            on_next: Callback::noop(),
            on_back: Callback::noop(),
            prerendered: true,
        })
    } else {
        html! { <Intro locale={props.locale} heading={NodeRef::default()} on_start={Callback::noop()} resumable={false} /> }
    };
    html! {
        <section class="rw rw-theme-auto" aria-label={ui.widget_label}>
            <p class="rw-visually-hidden" role="status" aria-live="polite"></p>
            { step }
        </section>
    }
}

/// What the loader needs for one locale before the wasm arrives.
pub struct Prerendered {
    /// The locale tag (`en`).
    pub tag: &'static str,
    /// The intro's markup.
    pub html: String,
    /// The first sign's step's markup.
    pub sign: String,
    /// Said (in the live region) while a Next pressed early waits for the app.
    pub loading: &'static str,
    /// Heading of the note shown when the widget cannot load.
    pub failed: &'static str,
    /// Label of the link to the firm in that note.
    pub contact: &'static str,
    /// The notice that replaces the widget when its wasm crashed.
    pub crash: &'static str,
    /// With counting on, what is sent (after the intro's privacy line; issue 23).
    pub counting: &'static str,
}

/// The intro of every locale.
pub fn all() -> Vec<Prerendered> {
    Locale::all()
        .iter()
        .map(|locale| {
            // Rendered with each string marked, then marked up with its copy key (`copy_marks`).
            let marked = crate::copy_marks::marked(locale);
            let render = |sign: bool| {
                let renderer =
                    ServerRenderer::<Shell>::with_props(move || ShellProps { locale: marked, sign }).hydratable(false);
                crate::copy_marks::mark(&futures::executor::block_on(renderer.render()), locale)
            };
            Prerendered {
                tag: locale.tag,
                html: render(false),
                sign: render(true),
                loading: locale.ui.step_loading,
                failed: locale.ui.config_error_heading,
                contact: locale.ui.crash_contact,
                crash: locale.ui.crash_body,
                counting: locale.ui.intro_counting,
            }
        })
        .collect()
}

/// The locale file of every locale but English (which the wasm carries):
/// `{"da":[…strings…],…}`, for `cargo xtask dist` to ship as hashed files
/// that the loader fetches on demand (`readiness_core::Locale::load` reads them).
pub fn locale_files() -> String {
    let files: serde_json::Map<String, serde_json::Value> = Locale::all()
        .iter()
        .filter(|locale| locale.tag != Locale::english().tag)
        .map(|locale| (locale.tag.to_owned(), serde_json::Value::from(locale.to_strings())))
        .collect();
    serde_json::Value::from(files).to_string()
}

/// Every key a copy file may use with its string in the locale `tag`
/// (English when unknown), in locale-file order, as a JSON object: the list
/// marketing copies keys from (`pkg/copy-keys.json`, `cargo xtask copy-keys [tag]`).
pub fn copy_keys_json(tag: &str) -> String {
    let locale = Locale::get(tag).unwrap_or_else(|_| Locale::english());
    let pairs: Vec<String> = readiness_core::copy_keys()
        .iter()
        .zip(locale.to_strings().iter().skip(4))
        .map(|(key, text)| {
            format!(
                "  {}: {}",
                serde_json::Value::from(key.as_str()),
                serde_json::Value::from(text.as_str())
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", pairs.join(",\n"))
}

/// `{"en":{"html":…,"sign":…,"loading":…,"failed":…,"contact":…,"counting":…,"crash":…},…}`.
pub fn to_json(all: &[Prerendered]) -> String {
    let steps: serde_json::Map<String, serde_json::Value> = all
        .iter()
        .map(|p| {
            let step = serde_json::json!({
                "html": p.html,
                "sign": p.sign,
                "loading": p.loading,
                "failed": p.failed,
                "contact": p.contact,
                "crash": p.crash,
                "counting": p.counting,
            });
            (p.tag.to_owned(), step)
        })
        .collect();
    serde_json::Value::from(steps).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_an_intro_with_its_heading_and_start_button() {
        let all = all();
        assert_eq!(all.len(), Locale::all().len());
        for (p, locale) in all.iter().zip(Locale::all()) {
            assert!(p.html.starts_with("<section "), "{}", p.html);
            assert!(p.html.contains("class=\"rw rw-theme-auto\""), "{}", p.html);
            assert!(p.html.contains("rw-intro"), "{}", p.html);
            assert!(p.html.contains(locale.ui.start), "{}", p.html);
            assert!(p.html.contains("class=\"rw-button rw-primary\""), "{}", p.html);
        }
    }

    /// The marked render is the plain render plus the copy attributes, nothing else.
    #[test]
    fn the_copy_attributes_are_the_only_difference_to_a_plain_render() {
        use crate::loader_contract::attributes::{COPY_FILL, COPY_KEY};
        let strip = |html: &str| {
            let mut out = String::new();
            let mut rest = html;
            while let Some(at) = [COPY_KEY, COPY_FILL]
                .iter()
                .filter_map(|a| rest.find(&format!(" {a}=\"")))
                .min()
            {
                out.push_str(&rest[..at]);
                let value = &rest[at..];
                let open = value.find('"').unwrap();
                let close = open + 1 + value[open + 1..].find('"').unwrap();
                rest = &value[close + 1..];
            }
            out + rest
        };
        for (p, locale) in all().iter().zip(Locale::all()) {
            for (marked, sign) in [(&p.html, false), (&p.sign, true)] {
                let plain = futures::executor::block_on(
                    ServerRenderer::<Shell>::with_props(move || ShellProps { locale, sign })
                        .hydratable(false)
                        .render(),
                );
                assert_eq!(strip(marked), plain, "{} {sign}", locale.tag);
                assert!(marked.matches(COPY_KEY).count() >= 5, "{} {sign}", locale.tag);
            }
        }
    }

    #[test]
    fn the_copy_key_list_is_json_with_every_key_and_its_default() {
        let list: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&copy_keys_json("en")).expect("copy-keys.json is a JSON object");
        assert_eq!(list.len(), readiness_core::copy_keys().len());
        assert_eq!(list["ui.intro_heading"], Locale::english().ui.intro_heading);
        let da: serde_json::Value = serde_json::from_str(&copy_keys_json("da")).unwrap();
        assert_eq!(da["ui.start"], Locale::get("da").unwrap().ui.start);
    }

    #[test]
    fn locale_files_hold_every_other_locale_and_read_back() {
        let files: serde_json::Value = serde_json::from_str(&locale_files()).expect("the locale files are JSON");
        for locale in Locale::all() {
            assert_eq!(files.get(locale.tag).is_some(), locale.tag != "en", "{}", locale.tag);
        }
        let da = Locale::get("da").unwrap().to_strings();
        assert_eq!(files["da"], serde_json::Value::from(da));
    }

    /// The loader applies a copy file to the prerendered steps by these keys:
    /// each is a real copy key, and the element's text is that key's string
    /// filled with the element's `data-copy-fill` values.
    #[test]
    fn prerendered_strings_carry_their_copy_keys_and_fill_values() {
        let keys = readiness_core::copy_keys();
        let en = Locale::english();
        let strings = en.to_strings();
        let english = all().into_iter().find(|p| p.tag == "en").unwrap();
        let mut seen = Vec::new();
        for html in [&english.html, &english.sign] {
            for part in html
                .split(&format!("{}=\"", crate::loader_contract::attributes::COPY_KEY))
                .skip(1)
            {
                let key = &part[..part.find('"').unwrap()];
                let i = keys
                    .iter()
                    .position(|k| k == key)
                    .unwrap_or_else(|| panic!("{key} is no copy key"));
                let tag_end = part.find('>').unwrap();
                let fill_values: Vec<(&str, &str)> = part[..tag_end]
                    .split_once(&format!("{}=\"", crate::loader_contract::attributes::COPY_FILL))
                    .map(|(_, rest)| &rest[..rest.find('"').unwrap()])
                    .filter(|f| !f.is_empty())
                    .map(|f| f.split(';').map(|pair| pair.split_once('=').unwrap()).collect())
                    .unwrap_or_default();
                let text = &part[tag_end + 1..];
                let text = text[..text.find('<').unwrap()].trim();
                let expected = readiness_core::fill(&strings[4 + i], &fill_values);
                assert_eq!(
                    text.replace("&quot;", "\"").replace("&amp;", "&"),
                    expected.trim(),
                    "{key}"
                );
                seen.push(key.to_owned());
            }
        }
        for key in [
            "ui.intro_heading",
            "ui.intro_body",
            "ui.start",
            "questions.tickets.last-five.prompt",
            "questions.tickets.last-five.options.yes",
            "ui.ticket_label",
            "signs.tickets.title",
            "ui.next",
        ] {
            assert!(seen.iter().any(|k| k == key), "{key} is marked");
        }
    }

    #[test]
    fn every_locale_has_the_first_sign_as_native_form_controls() {
        use readiness_core::{Model, QuestionKind};
        let model = Model::current();
        for (p, locale) in all().iter().zip(Locale::all()) {
            assert!(p.sign.starts_with("<section "), "{}", p.sign);
            assert!(p.sign.contains("rw-sign"), "{}", p.sign);
            assert!(p.sign.contains(locale.sign(SIGN).title), "{}", p.sign);
            assert!(p.sign.contains(locale.ui.next), "{}", p.sign);
            for index in model.sign_questions(SIGN) {
                let question = model.question(index);
                assert!(
                    p.sign.contains(&format!("data-question=\"{}\"", question.id)),
                    "{}",
                    question.id
                );
                assert!(p.sign.contains(locale.question(index).prompt), "{}", question.id);
                let input = if question.kind == QuestionKind::Checklist {
                    "type=\"checkbox\""
                } else {
                    "type=\"radio\""
                };
                assert!(p.sign.contains(input), "{}", question.id);
                if question.shown_when.is_some() {
                    assert!(p.sign.contains("data-shown-when="), "{}", question.id);
                }
            }
            assert!(p.sign.matches("<fieldset").count() > 0);
            assert_eq!(
                p.sign.matches("<legend").count(),
                p.sign.matches("<fieldset").count(),
                "every fieldset has a legend"
            );
            assert_eq!(
                p.sign.matches("<input").count(),
                p.sign.matches("<label").count(),
                "every input has a label"
            );
            assert!(!p.loading.is_empty());
        }
    }
}
