//! The intro rendered at build time by Yew's server renderer (native,
//! `--features ssr`), in every locale: the loader shows it in the shadow
//! root at once, before the wasm has arrived. Same component, same markup
//! and classes as the app's first screen.

use readiness_core::Locale;
use yew::prelude::*;
use yew::ServerRenderer;

use crate::components::intro::Intro;

/// Props of [`Shell`].
#[derive(Properties, PartialEq)]
struct ShellProps {
    locale: &'static Locale,
}

/// The app's outer card around the intro, as the app renders it on a first visit.
#[component]
fn Shell(props: &ShellProps) -> Html {
    let ui = &props.locale.ui;
    html! {
        <section class="rw rw-theme-auto" aria-label={ui.widget_label}>
            <p class="rw-visually-hidden" role="status" aria-live="polite"></p>
            <Intro locale={props.locale} heading={NodeRef::default()} on_start={Callback::noop()} resumable={false} />
        </section>
    }
}

/// What the loader needs for one locale before the wasm arrives.
pub struct Prerendered {
    /// The locale tag (`en`).
    pub tag: &'static str,
    /// The intro's markup.
    pub html: String,
    /// Heading of the note shown when the widget cannot load.
    pub failed: &'static str,
    /// Label of the link to the firm in that note.
    pub contact: &'static str,
}

/// The intro of every locale.
pub fn all() -> Vec<Prerendered> {
    Locale::all()
        .iter()
        .map(|locale| {
            let renderer = ServerRenderer::<Shell>::with_props(move || ShellProps { locale }).hydratable(false);
            Prerendered {
                tag: locale.tag,
                html: futures::executor::block_on(renderer.render()),
                failed: locale.ui.config_error_heading,
                contact: locale.ui.crash_contact,
            }
        })
        .collect()
}

/// The locale file of every locale but English (which the wasm carries):
/// `{"da":[…strings…],…}`, for `cargo xtask dist` to ship as hashed files
/// that the loader fetches on demand (`readiness_core::Locale::load` reads them).
pub fn locale_files() -> String {
    let entries: Vec<String> = Locale::all()
        .iter()
        .filter(|locale| locale.tag != Locale::english().tag)
        .map(|locale| {
            let strings: Vec<String> = locale.to_strings().iter().map(|s| json_string(s)).collect();
            format!("{}:[{}]", json_string(locale.tag), strings.join(","))
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // `<` escaped so the JSON can sit inside a JS module without closing anything.
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{"en":{"html":…,"failed":…,"contact":…},…}`.
pub fn to_json(all: &[Prerendered]) -> String {
    let entries: Vec<String> = all
        .iter()
        .map(|p| {
            format!(
                "{}:{{\"html\":{},\"failed\":{},\"contact\":{}}}",
                json_string(p.tag),
                json_string(&p.html),
                json_string(p.failed),
                json_string(p.contact)
            )
        })
        .collect();
    format!("{{{}}}", entries.join(","))
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

    #[test]
    fn locale_files_hold_every_other_locale_and_read_back() {
        let files = locale_files();
        for locale in Locale::all() {
            let key = format!("{}:[", json_string(locale.tag));
            assert_eq!(files.contains(&key), locale.tag != "en", "{}", locale.tag);
        }
        let da = Locale::get("da").unwrap().to_strings();
        let expected: Vec<String> = da.iter().map(|s| json_string(s)).collect();
        assert!(files.contains(&format!("\"da\":[{}]", expected.join(","))));
    }

    #[test]
    fn json_strings_escape_what_would_break_a_module() {
        assert_eq!(json_string("a\"b\\c\n</script>"), "\"a\\\"b\\\\c\\n\\u003c/script>\"");
    }
}
