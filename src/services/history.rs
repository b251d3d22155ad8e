//! localStorage for "since last time": the latest finished result and the one
//! before it, per widget instance. Cleared by "Forget my answers".

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn history_key(instance: &str) -> String {
    format!("readiness-widget:v1:{instance}:history")
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::history_key;
    use crate::history::History;

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// The stored history; empty when absent, blocked or unreadable.
    pub fn load(instance: &str) -> History {
        local()
            .and_then(|s| s.get_item(&history_key(instance)).ok().flatten())
            .map(|text| History::from_text(&text))
            .unwrap_or_default()
    }

    /// Records a finished result and returns the history as now stored.
    pub fn record(instance: &str, code: &str) -> History {
        let history = load(instance).record(code, js_sys::Date::now() as u64);
        if let Some(storage) = local() {
            // Quota or privacy errors: the visitor just loses the comparison.
            let _ = storage.set_item(&history_key(instance), &history.to_text());
        }
        history
    }

    /// Forgets the history.
    pub fn forget(instance: &str) {
        if let Some(storage) = local() {
            let _ = storage.remove_item(&history_key(instance));
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::*;
