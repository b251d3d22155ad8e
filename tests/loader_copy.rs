//! The loader's copy file (`src/loader/copy.js`), run in Node with a stand-in
//! `fetch`: a file that does not answer in time is dropped with a warning, so
//! the prerendered intro never waits for ever; a file that answers is taken.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

use readiness_widget::loader_contract::to_json;
use serde_json::{json, Value};

/// Runs `body` (JS using `C` and the exports of `src/loader/copy.js` as `K`) in Node; its stdout as JSON.
fn run(body: &str) -> Value {
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/loader/copy.js");
    let script = format!(
        "import * as K from {};\nconst C = {};\n{body}",
        serde_json::to_string(&format!("file://{}", module.display())).unwrap(),
        to_json()
    );
    let output = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .expect("Node runs the loader's copy module");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

#[test]
fn a_copy_file_that_does_not_answer_in_time_gives_the_default_words_and_one_warning() {
    let got = run(r#"
// Node does not stay alive for AbortSignal.timeout's timer alone (a browser page does).
const alive = setInterval(() => {}, 1000);
const warnings = [];
console.warn = (message) => warnings.push(String(message));
globalThis.fetch = (url, { signal } = {}) => new Promise((resolve, reject) => {
  if (url === '/hangs.json') {
    signal?.addEventListener('abort', () => reject(signal.reason));
    return;
  }
  resolve({ ok: true, json: async () => ({ 'ui.start': 'Go' }) });
});
const element = (copy) => ({ localName: 'div', dataset: { [C.options.copy]: copy }, attributes: [] });
const started = Date.now();
const hanging = await Promise.race([
  K.loadCopy(C, element('/hangs.json'), {}, 50),
  new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
]);
const waited = Date.now() - started;
const answered = await K.loadCopy(C, element('/answers.json'), {}, 50);
clearInterval(alive);
console.log(JSON.stringify({ hanging, waited, answered, warnings }));
"#);
    assert_eq!(got["hanging"], Value::Null, "{got}");
    assert!(
        got["waited"].as_u64().unwrap() < 2000,
        "the intro waited too long: {got}"
    );
    assert_eq!(got["answered"], json!({ "ui.start": "Go" }), "{got}");
    let warnings = got["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "one warning, for the file that hung: {got}");
    assert!(warnings[0].as_str().unwrap().contains("/hangs.json"), "{got}");
}
