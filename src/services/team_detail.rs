//! The detail of `readiness:team`: per sign the median, the spread, whether
//! the team disagrees and every member's score; the order to show the signs;
//! the plan from the median. No codes and no initials: the host page learns
//! the figures, not who answered what.

use super::events::object;
use js_sys::{Array, Object, Reflect};
use readiness_core::TeamReport;
use wasm_bindgen::JsValue;

/// The detail object of `readiness:team`.
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
