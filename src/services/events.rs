//! Events on the host element (`readiness:<name>`, the names in
//! `loader_contract::events`), bubbling and composed so they leave the shadow
//! root; the same milestones go to `window.dataLayer` when the page has one.

use js_sys::{Array, Object, Reflect};
use readiness_core::{encode, Answers, Report};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element};

pub use crate::loader_contract::events as names;
use crate::loader_contract::events::{DATA_LAYER_PREFIX, PREFIX};

/// A plain JS object from key/value pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Dispatches `readiness:<name>` on the host and mirrors it to `dataLayer`.
pub fn emit(host: &Element, name: &str, detail: JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("{PREFIX}{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
    push_data_layer(name, &detail);
}

fn push_data_layer(name: &str, detail: &JsValue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(layer) = Reflect::get(&window, &"dataLayer".into()) else {
        return;
    };
    // Only push where the page set one up: we never create tracking ourselves.
    let Some(push) = Reflect::get(&layer, &"push".into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let entry = object(&[
        ("event", format!("{DATA_LAYER_PREFIX}{name}").into()),
        ("readiness", detail.clone()),
    ]);
    let _ = push.call1(&layer, &entry);
}

/// The detail of `readiness:complete`: per-sign scores and statuses, the
/// overall picture, the result code and the model version.
pub fn complete_detail(instance: &str, answers: &Answers, report: &Report) -> JsValue {
    let signs = Array::new();
    let scores = Object::new();
    for sign in report.signs() {
        let entry = object(&[
            ("sign", sign.sign.as_str().into()),
            ("score", sign.score.into()),
            ("status", sign.status.as_str().into()),
        ]);
        let _ = Reflect::set(&scores, &sign.sign.as_str().into(), &entry);
        signs.push(&entry);
    }
    let plan: Array = report.plan().iter().map(|s| JsValue::from(s.as_str())).collect();
    object(&[
        ("instance", instance.into()),
        ("signs", signs.into()),
        ("scores", scores.into()),
        ("overall", report.picture().as_str().into()),
        ("plan", plan.into()),
        ("resultCode", encode(answers).into()),
        ("modelVersion", report.model_version().into()),
    ])
}

/// The detail of `readiness:lead` (the endpoint accepted a submission): no
/// personal data, only the instance, the result code, the overall picture,
/// the model version and each sign's status by sign id.
pub fn lead_detail(instance: &str, answers: &Answers, report: &Report) -> JsValue {
    let statuses = Object::new();
    for sign in report.signs() {
        let _ = Reflect::set(&statuses, &sign.sign.as_str().into(), &sign.status.as_str().into());
    }
    object(&[
        ("instance", instance.into()),
        ("resultCode", encode(answers).into()),
        ("overall", report.picture().as_str().into()),
        ("statuses", statuses.into()),
        ("modelVersion", report.model_version().into()),
    ])
}
