//! axe-core's WCAG 2.x A/AA rules, run inside the widget's open shadow root
//! (or on any part of a page: the sales view's pages are audited whole).

use serde_json::Value;

use super::Browser;

const WCAG: &str = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']";

/// Injects axe (`axe` is the script's text) and returns its violations, each
/// prefixed with `[step]`.
pub async fn audit(browser: &Browser, axe: &str, step: &str) -> Vec<String> {
    audit_in(
        browser,
        axe,
        "document.querySelector('[data-readiness-assessment], readiness-assessment')",
        step,
    )
    .await
}

/// The same on `context`, a JavaScript expression for a node (or `document`).
pub async fn audit_in(browser: &Browser, axe: &str, context: &str, step: &str) -> Vec<String> {
    browser.js(axe).await;
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run({context}, {{ runOnly: {{ type: 'tag', values: {WCAG} }} }})
           .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
           .catch(e => done(['axe failed: ' + e]));"
    );
    let result = browser.client.execute_async(&script, vec![]).await.unwrap();
    result
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v: &Value| format!("[{step}] {}", v.as_str().unwrap_or_default()))
        .collect()
}
