//! The browser's console, read through chromedriver's log endpoint
//! (`POST /session/{id}/se/log`, type `browser`; the session asks for it with
//! `goog:loggingPrefs`). Each read returns the entries since the last one.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

#[derive(Debug)]
struct BrowserLog(&'static str);

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": self.0 }).to_string()))
    }
}

/// Console entries since the last read, as `LEVEL message`.
pub async fn browser(client: &Client) -> Vec<String> {
    let entries = client
        .issue_cmd(BrowserLog("browser"))
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

/// One request the page made, from the performance log (`Network.requestWillBeSent`) of a
/// browser started with `Browser::start_recording_requests`.
#[derive(Debug, Clone)]
pub struct Request {
    /// Chromium's request id (to match its response).
    pub id: String,
    /// The URL.
    pub url: String,
    /// GET, POST, …
    pub method: String,
    /// Its headers, as sent.
    pub headers: Value,
    /// The body, if any (text).
    pub body: Option<String>,
    /// Chromium's initiator type (`script`, `parser`, `other`, …) and resource type (`Ping` for a beacon).
    pub kind: String,
}

/// Requests and (request id, status) of responses since the last read.
pub async fn requests(client: &Client) -> (Vec<Request>, Vec<(String, u64)>) {
    let entries = client
        .issue_cmd(BrowserLog("performance"))
        .await
        .unwrap_or_else(|e| panic!("reading the performance log failed: {e}"));
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    for entry in entries.as_array().cloned().unwrap_or_default() {
        let Ok(message) = serde_json::from_str::<Value>(entry["message"].as_str().unwrap_or_default()) else {
            continue;
        };
        let message = &message["message"];
        let params = &message["params"];
        match message["method"].as_str().unwrap_or_default() {
            "Network.requestWillBeSent" => {
                let request = &params["request"];
                let body = request["postData"].as_str().map(str::to_owned).or_else(|| {
                    let entries = request["postDataEntries"].as_array()?;
                    let bytes: Vec<u8> = entries
                        .iter()
                        .filter_map(|e| e["bytes"].as_str())
                        .flat_map(|b| {
                            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b).unwrap_or_default()
                        })
                        .collect();
                    Some(String::from_utf8_lossy(&bytes).into_owned())
                });
                requests.push(Request {
                    id: params["requestId"].as_str().unwrap_or_default().to_owned(),
                    url: request["url"].as_str().unwrap_or_default().to_owned(),
                    method: request["method"].as_str().unwrap_or_default().to_owned(),
                    headers: request["headers"].clone(),
                    body,
                    kind: params["type"].as_str().unwrap_or_default().to_owned(),
                });
            }
            "Network.responseReceived" => responses.push((
                params["requestId"].as_str().unwrap_or_default().to_owned(),
                params["response"]["status"].as_u64().unwrap_or_default(),
            )),
            _ => {}
        }
    }
    (requests, responses)
}
