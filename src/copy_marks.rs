//! The copy keys in the prerendered steps (issue 21), added at build time so
//! that the wasm carries none: the intro and the first sign are rendered
//! with a marked locale (each string wrapped in private-use markers naming
//! its copy key), then every element whose whole text is one marked string
//! gets `data-copy-key="<key>"` and, when the string has placeholders,
//! `data-copy-fill="name=value;…"` (the values the widget filled in). The
//! loader (`src/loader/copy.js`) writes a copy file's strings into those
//! elements before the wasm arrives. A marked string anywhere else (inside
//! an attribute, beside other text) is only unmarked.

use readiness_core::{copy_keys, Locale};

use crate::loader_contract::attributes::{COPY_FILL, COPY_KEY};

const OPEN: char = '\u{E000}';
const MID: char = '\u{E001}';
const CLOSE: char = '\u{E002}';

/// `locale` with every non-empty string wrapped as `OPEN <index> MID <string> CLOSE`.
pub fn marked(locale: &'static Locale) -> &'static Locale {
    let strings = locale.to_strings();
    let copy: Vec<(String, String)> = copy_keys()
        .into_iter()
        .zip(strings.into_iter().skip(4))
        .enumerate()
        .filter(|(_, (_, text))| !text.is_empty())
        .map(|(i, (key, text))| (key, format!("{OPEN}{i}{MID}{text}{CLOSE}")))
        .collect();
    let (marked, warnings) = locale.with_copy(&copy);
    assert!(warnings.is_empty(), "marking the locale: {warnings:?}");
    marked
}

/// The markup rendered with [`marked`]`(locale)`, with the keys as attributes and no markers.
pub fn mark(html: &str, locale: &Locale) -> String {
    let keys = copy_keys();
    let templates = locale.to_strings();
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        rest = &rest[open + OPEN.len_utf8()..];
        let Some((index, after)) = rest.split_once(MID) else {
            break;
        };
        let Ok(i) = index.parse::<usize>() else { break };
        // The string's text, up to its end marker (a nested marker: not a whole element's text).
        let end = after.find(CLOSE).unwrap_or(after.len());
        let text = &after[..end];
        let whole = !text.contains(OPEN) && after[end..].starts_with(&format!("{CLOSE}</"));
        let tag_start = out.rfind('<').unwrap_or(0);
        let start_tag = out.ends_with('>') && !out[tag_start..].starts_with("</") && !out.ends_with("/>");
        if whole && start_tag {
            let template = &templates[4 + i];
            let fill = fill_values(template, &unescape(text))
                .map(|values| {
                    let pairs: Vec<String> = values.iter().map(|(k, v)| format!("{k}={}", escape(v))).collect();
                    format!(" {COPY_FILL}=\"{}\"", pairs.join(";"))
                })
                .unwrap_or_default();
            out.insert_str(out.len() - 1, &format!(" {COPY_KEY}=\"{}\"{fill}", keys[i]));
        }
        out.push_str(text);
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or_default();
    }
    out.push_str(rest);
    out.replace([OPEN, CLOSE], "")
}

/// The values `template`'s `{placeholders}` took in `text`, or `None` without placeholders.
fn fill_values(template: &str, text: &str) -> Option<Vec<(String, String)>> {
    // Literal parts and placeholder names, alternating: "Sign {current} of {total}" →
    // ["Sign ", "current", " of ", "total", ""].
    let mut parts = vec![String::new()];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        parts.last_mut()?.push_str(&rest[..open]);
        parts.push(rest[open + 1..open + close].to_owned());
        parts.push(String::new());
        rest = &rest[open + close + 1..];
    }
    parts.last_mut()?.push_str(rest);
    if parts.len() == 1 {
        return None;
    }
    let mut values = Vec::new();
    let mut at = text.strip_prefix(parts[0].as_str())?;
    for pair in parts[1..].chunks(2) {
        let (name, literal) = (&pair[0], &pair[1]);
        let end = if literal.is_empty() {
            at.len()
        } else {
            at.find(literal.as_str())?
        };
        values.push((name.clone(), at[..end].to_owned()));
        at = &at[end + literal.len()..];
    }
    Some(values)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_values_are_read_back_from_the_filled_text() {
        let values = fill_values("Sign {current} of {total}", "Sign 1 of 5").unwrap();
        assert_eq!(values, [("current".into(), "1".into()), ("total".into(), "5".into())]);
        let values = fill_values("{questions} questions", "9–11 questions").unwrap();
        assert_eq!(values, [("questions".to_owned(), "9–11".to_owned())]);
        assert_eq!(fill_values("No placeholder", "No placeholder"), None);
        assert_eq!(fill_values("Sign {n}", "Other 1"), None, "text that does not fit");
    }

    #[test]
    fn only_an_elements_whole_text_is_marked_and_every_marker_goes() {
        let en = Locale::english();
        let m = |i: usize, text: &str| format!("{OPEN}{i}{MID}{text}{CLOSE}");
        // A key's index among the copy keys (robust to keys added before it).
        let at = |key: &str| readiness_core::copy_keys().iter().position(|k| k == key).unwrap();
        let html = format!(
            "<section aria-label=\"{}\"><h2 class=\"x\">{}</h2><p>{} and more</p><span>{}</span></section>",
            m(at("ui.widget_label"), en.ui.widget_label),
            m(at("ui.intro_heading"), en.ui.intro_heading),
            m(at("ui.start"), en.ui.start),
            m(at("ui.step_progress"), "Sign 2 of 5")
        );
        let marked = mark(&html, en);
        assert_eq!(
            marked,
            format!(
                "<section aria-label=\"{}\"><h2 class=\"x\" data-copy-key=\"ui.intro_heading\">{}</h2><p>{} and more</p>\
                 <span data-copy-key=\"ui.step_progress\" data-copy-fill=\"current=2;total=5\">Sign 2 of 5</span></section>",
                en.ui.widget_label, en.ui.intro_heading, en.ui.start
            )
        );
    }
}
