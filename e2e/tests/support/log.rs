//! The browser's console, read through chromedriver's log endpoint
//! (`POST /session/{id}/se/log`, type `browser`; the session asks for it with
//! `goog:loggingPrefs`). Each read returns the entries since the last one.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// Console entries since the last read, as `LEVEL message`.
pub async fn browser(client: &Client) -> Vec<String> {
    let entries = client
        .issue_cmd(BrowserLog)
        .await
        .unwrap_or_else(|e| panic!("reading the browser log failed: {e}"));
    entries
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e: &Value| {
            format!(
                "{} {}",
                e["level"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}
