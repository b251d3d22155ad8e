//! Chrome DevTools Protocol commands through chromedriver's
//! `POST /session/{id}/goog/cdp/execute`: throttling, injected probes, GC.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

#[derive(Debug)]
struct Execute {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Execute {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params }).to_string();
        (http::Method::POST, Some(body))
    }
}

/// Runs one CDP command and returns its result.
pub async fn cdp(client: &Client, cmd: &str, params: Value) -> Value {
    client
        .issue_cmd(Execute {
            cmd: cmd.to_owned(),
            params,
        })
        .await
        .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
}

/// The throttling of the issue's measurements: 150 ms latency, 1.6 Mbit/s
/// down, 0.75 Mbit/s up, and a CPU four times slower.
pub async fn throttle(client: &Client) {
    cdp(client, "Network.enable", json!({})).await;
    cdp(
        client,
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": 150,
            "downloadThroughput": 1_600_000 / 8,
            "uploadThroughput": 750_000 / 8,
        }),
    )
    .await;
    cdp(client, "Emulation.setCPUThrottlingRate", json!({ "rate": 4 })).await;
}

/// A script that runs in every new document before the page's own scripts.
pub async fn on_new_document(client: &Client, source: &str) {
    cdp(client, "Page.enable", json!({})).await;
    cdp(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await;
}

/// Collects garbage and returns the JS heap in use, in bytes.
pub async fn js_heap_after_gc(client: &Client) -> f64 {
    cdp(client, "HeapProfiler.collectGarbage", json!({})).await;
    let usage = cdp(client, "Runtime.getHeapUsage", json!({})).await;
    usage["usedSize"].as_f64().unwrap_or(f64::NAN)
}
