//! The team view's figures come from a second wasm module (the `team/` crate),
//! which the loader fetches only when a team view opens: a visitor taking the
//! assessment never downloads it. The app asks for the figures with an event
//! on its host whose detail is the empty `.rw-team-body` (or `null` when the
//! view closes); the module answers with the team summary for the contact
//! hand-off. Both events stay on the host (no bubbling) and carry no codes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element};

/// The app → loader request: render the figures into the element in `detail`, or remove them (`null`).
pub const VIEW_EVENT: &str = "rw-team-view";
/// The team module → app answer: the team summary for the contact hand-off, in `detail`.
pub const SUMMARY_EVENT: &str = "rw-team-summary";

fn dispatch(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Asks for the team figures in `body`, or (with `None`) for their removal.
pub fn request_view(host: &Element, body: Option<&Element>) {
    dispatch(host, VIEW_EVENT, &body.map_or(JsValue::NULL, JsValue::from));
}

/// Hands the team summary to the app (called by the team module).
pub fn send_summary(host: &Element, summary: &str) {
    dispatch(host, SUMMARY_EVENT, &summary.into());
}

/// Listens for the team summary on a host until dropped.
pub struct SummaryListener {
    host: Element,
    closure: Closure<dyn FnMut(CustomEvent)>,
}

/// Calls `on_summary` with each summary the team module sends to `host`.
pub fn listen_summary(host: &Element, on_summary: impl Fn(String) + 'static) -> SummaryListener {
    let closure = Closure::<dyn FnMut(CustomEvent)>::new(move |event: CustomEvent| {
        if let Some(text) = event.detail().as_string() {
            on_summary(text);
        }
    });
    let _ = host.add_event_listener_with_callback(SUMMARY_EVENT, closure.as_ref().unchecked_ref());
    SummaryListener {
        host: host.clone(),
        closure,
    }
}

impl Drop for SummaryListener {
    fn drop(&mut self) {
        let _ = self
            .host
            .remove_event_listener_with_callback(SUMMARY_EVENT, self.closure.as_ref().unchecked_ref());
    }
}
