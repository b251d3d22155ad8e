//! The team's side of the page: the `#team=` fragment, team links, the date
//! of an earlier check in the visitor's language, and the `readiness:team`
//! event's detail. Nothing here talks to the network.

use js_sys::{Array, Object, Reflect};
use readiness_core::{TeamReport, TEAM_KEY};
use wasm_bindgen::JsValue;

use super::events::object;
use super::page::page_url;

/// The value of `#team=…` in the page's fragment: `None` when absent.
pub fn team_value() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let prefix = format!("{TEAM_KEY}=");
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(prefix.as_str()))
        .map(str::to_owned)
}

/// A link to this page holding a team fragment (`team=…`, as `Team::fragment` writes it).
pub fn team_link(fragment: &str) -> String {
    format!("{}#{fragment}", page_url())
}

/// A date (ms since the epoch) as the visitor's language writes it, e.g. "24 November 2026".
pub fn date_label(ms: u64, locale_tag: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = object(&[("dateStyle", "long".into())]);
    date.to_locale_date_string(locale_tag, &options).into()
}

/// The detail of `readiness:team`: per sign the median, the spread, whether
/// the team disagrees and every member's score; the order to show the signs;
/// the plan from the median. No codes and no initials: the host page learns
/// the figures, not who answered what.
pub fn team_detail(instance: &str, report: &TeamReport) -> JsValue {
    let signs = Array::new();
    let medians = Object::new();
    let spreads = Object::new();
    for sign in report.signs() {
        let scores: Array = sign.scores.iter().map(|s| JsValue::from(*s)).collect();
        signs.push(&object(&[
            ("sign", sign.sign.as_str().into()),
            ("median", sign.median.into()),
            ("spread", sign.spread.into()),
            ("status", sign.status.as_str().into()),
            ("disagrees", sign.disagrees().into()),
            ("scores", scores.into()),
        ]));
        let _ = Reflect::set(&medians, &sign.sign.as_str().into(), &sign.median.into());
        let _ = Reflect::set(&spreads, &sign.sign.as_str().into(), &sign.spread.into());
    }
    let order: Array = report
        .ordered()
        .iter()
        .map(|s| JsValue::from(s.sign.as_str()))
        .collect();
    let plan: Array = report.plan().iter().map(|s| JsValue::from(s.as_str())).collect();
    object(&[
        ("instance", instance.into()),
        ("members", (report.members() as u32).into()),
        ("signs", signs.into()),
        ("medians", medians.into()),
        ("spreads", spreads.into()),
        ("order", order.into()),
        ("overall", report.picture().as_str().into()),
        ("plan", plan.into()),
    ])
}
