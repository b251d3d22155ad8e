//! The snippet's first load is the intro and the questions only: the result,
//! the contact hand-off and the team comparison are the *full* module (this
//! crate with its `full` feature), which the loader fetches while the visitor
//! answers. When a check is finished, the first-load app asks the loader to
//! hand it over with an event on its host (no bubbling): the detail holds the
//! result code, when the visitor left the intro, and the element where the
//! loader may say "loading" or "could not load" meanwhile. The loader then
//! mounts the full module in the same shadow root, opened on that result.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

use super::events::object;

/// The first-load app → loader request: hand this finished check to the full module.
pub const HANDOVER_EVENT: &str = "rw-handover";

/// Asks the loader to open the full module on the result of `code`.
pub fn request_handover(host: &Element, code: &str, started_at: Option<f64>, body: &Element) {
    let detail = object(&[
        ("code", code.into()),
        ("startedAt", started_at.map_or(JsValue::NULL, JsValue::from)),
        ("body", body.into()),
    ]);
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(HANDOVER_EVENT, &init) {
        let _ = host.dispatch_event(&event);
    }
}
