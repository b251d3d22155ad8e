//! What the widget reads from the host page: the `#result=` fragment, the
//! page URL without it, UTM parameters, the page language, the clock; and the
//! clipboard, for the share and team links.

use readiness_core::{decode, Answers};
use wasm_bindgen::JsCast;

/// The `#result=<code>` of the page, decoded: `None` when absent.
pub fn shared_result() -> Option<Result<Answers, ()>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let code = hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(crate::loader_contract::RESULT_KEY)?.strip_prefix('='))?;
    Some(decode(code).map_err(|_| ()))
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// A link that reopens this result.
pub fn share_link(code: &str) -> String {
    format!("{}#{}={code}", page_url(), crate::loader_contract::RESULT_KEY)
}

/// The page's `utm_*` query parameters, in `payload::UTM_KEYS` order.
pub fn utm() -> [Option<String>; 5] {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    crate::payload::UTM_KEYS.map(|key| {
        params
            .as_ref()
            .and_then(|p| p.get(&format!("utm_{key}")))
            .map(|v| v.chars().take(200).collect())
    })
}

/// The `lang` of the host page's `<html>`.
pub fn lang() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default()
}

/// The visitor's languages in order: the host page's `<html lang>` (may be
/// empty), then the browser's `navigator.languages`.
pub fn languages() -> Vec<String> {
    let mut out = vec![lang()];
    if let Some(window) = web_sys::window() {
        out.extend(window.navigator().languages().iter().filter_map(|v| v.as_string()));
    }
    out
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The visitor's clock as RFC 3339.
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// 32 hex characters for an idempotency key. Not a secret, only unique.
pub fn random_key() -> String {
    (0..4)
        .map(|_| format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32))
        .collect()
}

/// Writes `text` to the clipboard, then tells `done` whether that worked
/// (a blocked clipboard, or no window, is `false`).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let promise = web_sys::window().map(|w| w.navigator().clipboard().write_text(text));
    wasm_bindgen_futures::spawn_local(async move {
        let copied = match promise {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            None => false,
        };
        done(copied);
    });
}

/// Selects the whole text of the field that got focus: the link to copy by
/// hand when the clipboard is blocked.
pub fn select_on_focus(e: web_sys::FocusEvent) {
    if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.select();
    }
}
