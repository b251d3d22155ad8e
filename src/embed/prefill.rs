//! Prefill mode for the site's own contact page: `<form data-readiness-prefill>`
//! gets the result that the widget handed over (sessionStorage, or
//! `?readiness=<code>` for a new tab), else, when the visitor came by the
//! site's own navigation, the finished result the widget keeps in this
//! browser (localStorage: the form's `data-instance`, or without one any
//! instance with a finished result, as the article's widget usually has its own).
//! Re-scored here from its code; nothing is sent anywhere.

use readiness_core::{assess, decode, encode, Locale, SignId};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::options;
use crate::config::Config;
use crate::payload::{gaps_list, status_label, summary};
use crate::services::storage;
use crate::services::{events, page};
use crate::state::Phase;

/// What a field of the contact form can receive.
fn value_for(field: &str, code: &str, report: &readiness_core::Report, locale: &Locale) -> Option<String> {
    Some(match field {
        "code" => code.to_owned(),
        "overall" => locale.picture(report.picture()).headline.to_owned(),
        "gaps" => gaps_list(report, locale),
        "summary" => summary(report, locale),
        other => {
            let sign = SignId::try_from(other.strip_prefix("status-")?).ok()?;
            let result = report.sign(sign);
            format!("{} ({})", status_label(result.status, locale), result.score)
        }
    })
}

/// The field a form control asks for: `data-readiness-field`, else a name
/// like `readiness_overall` or `readiness_status_spec-ownership`.
fn field_of(control: &Element) -> Option<String> {
    if let Some(field) = control.get_attribute("data-readiness-field") {
        return Some(field);
    }
    let name = control.get_attribute("name")?;
    Some(name.strip_prefix("readiness_")?.replace('_', "-"))
}

/// Sets a control's value unless the visitor already typed something, and
/// tells framework-managed forms through `input` and `change`.
fn fill(control: &Element, value: &str) -> bool {
    let current = if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        return false;
    };
    if !current.trim().is_empty() {
        return false;
    }
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    }
    for name in ["input", "change"] {
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict(name, &init) {
            let _ = control.dispatch_event(&event);
        }
    }
    true
}

/// The handed-over result code: the explicit one, else sessionStorage, else `?readiness=`.
fn handed_over_code(explicit: Option<String>) -> Option<String> {
    explicit
        .filter(|c| !c.is_empty())
        .or_else(storage::handed_over)
        .or_else(|| {
            let search = web_sys::window()?.location().search().ok()?;
            web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("readiness")
        })
}

/// The finished result the widget keeps in this browser for `instance`:
/// only a result the visitor reached (not progress half-way through).
fn kept_result(instance: &str) -> Option<String> {
    let (answers, phase) = storage::load_progress(instance)?;
    (matches!(phase, Phase::Result | Phase::Team) && answers.is_complete()).then(|| encode(&answers))
}

/// Fills the form from the handed-over result; returns how many fields were
/// filled (0 when there is no result or it does not decode).
#[wasm_bindgen]
pub fn prefill(form: HtmlFormElement, code: Option<String>) -> u32 {
    let pairs = options::from_attributes(&form);
    let instance = pairs.iter().find(|(k, _)| k == "instance").map(|(_, v)| v.clone());
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(k, _)| k == "locale")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let languages = page::languages();
    let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
    let locale = Config::from_pairs(&pairs, &languages).map_or_else(|_| Locale::english(), |c| c.locale);
    let kept = || match &instance {
        Some(instance) => kept_result(instance),
        None => storage::kept_instances().iter().find_map(|i| kept_result(i)),
    };
    let Some(code) = handed_over_code(code).or_else(kept) else {
        return 0;
    };
    let Ok(answers) = decode(&code) else {
        web_sys::console::warn_1(
            &"readiness prefill: the handed-over result code does not decode; nothing filled".into(),
        );
        return 0;
    };
    let report = assess(&answers);
    let mut filled = 0;
    let controls = form.query_selector_all("input, textarea, select").ok();
    for i in 0..controls.as_ref().map_or(0, |c| c.length()) {
        let Some(control) = controls
            .as_ref()
            .and_then(|c| c.get(i))
            .and_then(|n| n.dyn_into::<Element>().ok())
        else {
            continue;
        };
        let Some(field) = field_of(&control) else {
            continue;
        };
        if let Some(value) = value_for(&field, &code, &report, locale) {
            filled += u32::from(fill(&control, &value));
        }
    }
    events::emit(
        &form,
        events::names::PREFILLED,
        events::complete_detail("contact-form", &answers, &report),
    );
    filled
}
