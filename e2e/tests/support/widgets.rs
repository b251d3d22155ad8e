//! Acting on widgets by host (`#id` or any selector), for pages with several
//! widgets or the <readiness-assessment> element: mounted or not, how many
//! apps a host runs, the first sign answered by clicks.

use serde_json::{json, Value};

use super::Browser;

/// `host`'s app counts: `{ mounts, cards, children }` of its shadow root (`null` without a host).
pub async fn counts(browser: &Browser, host: &str) -> Value {
    browser
        .js(&format!(
            "const h = document.querySelector({}); if (!h) return null; const r = h.shadowRoot;
             return {{ mounts: r ? r.querySelectorAll('.rw-mount').length : 0, cards: r ? r.querySelectorAll('.rw').length : 0,
                       children: r ? r.childElementCount : 0 }};",
            json!(host)
        ))
        .await
}

/// Waits until `host` shows the app's card.
pub async fn wait_mounted(browser: &Browser, host: &str, seconds: u64) {
    let script = format!(
        "const h = document.querySelector({}); return !!(h && h.shadowRoot && h.shadowRoot.querySelector('.rw'));",
        json!(host)
    );
    browser.wait_for(&format!("{host} to mount"), seconds, &script).await;
}

/// Clicks a control in `host`'s shadow root; false when there is none.
pub async fn click(browser: &Browser, host: &str, selector: &str) -> bool {
    browser
        .js(&format!(
            "const e = document.querySelector({}).shadowRoot.querySelector({}); if (!e) return false; e.click(); return true;",
            json!(host),
            json!(selector)
        ))
        .await
        == Value::Bool(true)
}

/// Answers every question of the sign `host` shows (the first option of each; a
/// question shown only after an answer once it shows), then presses Next.
pub async fn answer_sign(browser: &Browser, host: &str) {
    let answer = format!(
        "const r = document.querySelector({}).shadowRoot; let clicks = 0;
         for (const q of r.querySelectorAll('.rw-sign fieldset.rw-question')) {{
           if (q.hidden) continue;
           const groups = q.querySelectorAll('fieldset.rw-ticket').length ? [...q.querySelectorAll('fieldset.rw-ticket')] : [q];
           for (const g of groups) if (!g.querySelector('input:checked')) {{ g.querySelector('input').click(); clicks++; }}
         }}
         return clicks;",
        json!(host)
    );
    for _ in 0..20 {
        if browser.js(&answer).await == json!(0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(click(browser, host, ".rw-nav .rw-primary").await, "{host} shows a Next");
}

/// The recorded events (see `Browser::record_events`) named `name` from `target` (an id).
pub async fn events_from(browser: &Browser, name: &str, target: &str) -> Vec<Value> {
    browser
        .js(&format!(
            "return (window.__readiness || []).filter(e => e.name === {} && e.target === {}).map(e => e.detail);",
            json!(name),
            json!(target)
        ))
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Waits until `count` events named `name` came from `target`.
pub async fn wait_events(browser: &Browser, name: &str, target: &str, count: usize, seconds: u64) {
    let script = format!(
        "return (window.__readiness || []).filter(e => e.name === {} && e.target === {}).length >= {count};",
        json!(name),
        json!(target)
    );
    browser
        .wait_for(&format!("{count} readiness:{name} from {target}"), seconds, &script)
        .await;
}
