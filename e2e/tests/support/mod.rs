//! The harness of the end-to-end tests: the real endpoint binary serving the
//! built demo site, chromedriver with headless Chromium, and helpers that act
//! like a visitor (keyboard through the WebDriver actions API).
#![allow(dead_code, unused_imports)]

pub mod axe;
pub mod cdp;
pub mod endpoint;
pub mod log;
pub mod proxy;
pub mod sites;
pub mod static_files;
pub mod widgets;
// Issue 22: the endpoint tests' real SMTP server (aiosmtpd), the same file.
#[path = "../../../endpoint/tests/support/smtp.rs"]
pub mod smtp;

pub use axe::audit;
pub use proxy::holding_proxy;

/// A fresh SQLite path for one test's endpoint (`readiness-e2e-<name>-<pid>/readiness.db`, emptied).
pub fn fresh_database(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("readiness-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("readiness.db")
}
pub use endpoint::{env_path, fetch_status, free_port, parse_csv, post_contact, Endpoint};

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Keeps the widgets' events in `window.__readiness` (`{ name, detail, target }`, target the host's id or tag).
const RECORD_EVENTS: &str = "window.__readiness = []; for (const n of ['ready','step','complete','lead']) document.addEventListener('readiness:' + n, e => window.__readiness.push({ name: n, detail: e.detail, target: e.target.id || e.target.localName }));";

pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const SPACE: char = ' ';

/// chromedriver with headless Chromium; both end on drop, even when the
/// test panics. Killing chromedriver alone leaves its Chromium running, so
/// the drop kills chromedriver's process group, then any process left that
/// was started with this browser's own `--user-data-dir`.
pub struct Browser {
    _driver: Child,
    driver_pid: Option<u32>,
    profile: PathBuf,
    pub client: Client,
}

/// The prefix of every profile folder this harness makes; `cargo xtask
/// test` looks for processes still using one after the suite.
pub const PROFILE_PREFIX: &str = "readiness-e2e-profile-";

/// Pids of processes whose command line contains `needle`.
pub fn processes_with(needle: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| String::from_utf8_lossy(&c).contains(needle))
        })
        .collect()
}

fn kill(target: &str) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(pid) = self.driver_pid {
            // chromedriver leads its own group (see `start_with`): the browser is in it.
            kill(&format!("-{pid}"));
        }
        let profile = self.profile.display().to_string();
        for _ in 0..20 {
            let left = processes_with(&profile);
            if left.is_empty() {
                break;
            }
            for pid in left {
                kill(&pid.to_string());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Browser {
        Browser::start_with(width, height, false).await
    }

    /// `dark`: the browser prefers a dark colour scheme.
    pub async fn start_with(width: u32, height: u32, dark: bool) -> Browser {
        Browser::launch(width, height, dark, false).await
    }

    /// The same, recording every network request in chromedriver's performance log
    /// (`support::log::requests`; issue 23 inspects every request).
    pub async fn start_recording_requests(width: u32, height: u32) -> Browser {
        Browser::launch(width, height, false, true).await
    }

    async fn launch(width: u32, height: u32, dark: bool, requests: bool) -> Browser {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            // Its own process group, so the drop can end it with every browser it started.
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let driver_pid = driver.id();
        // A fresh profile every time: no storage left over from another run.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let profile = std::env::temp_dir().join(format!("{PROFILE_PREFIX}{port}-{nanos}"));
        let mut capabilities = json!({
            // The console, readable through `support::log::browser` (chromedriver's log endpoint).
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                    format!("--blink-settings=preferredColorScheme={}", if dark { 0 } else { 1 }),
                ]
            }
        });
        if requests {
            capabilities["goog:loggingPrefs"]["performance"] = json!("ALL");
            capabilities["goog:chromeOptions"]["perfLoggingPrefs"] =
                json!({ "enableNetwork": true, "enablePage": false });
        }
        if width < 500 {
            // Desktop Chromium will not make a window this narrow: emulate a phone viewport instead.
            capabilities["goog:chromeOptions"]["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0, "touch": false } });
        }
        let capabilities = capabilities.as_object().unwrap().clone();
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("chromedriver did not answer: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser {
            _driver: driver,
            driver_pid,
            profile,
            client,
        }
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` (which returns a boolean) until it is true; bounded.
    pub async fn wait_for(&self, what: &str, seconds: u64, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if self.js(script).await == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                {
                    let text = self.widget_text().await;
                    let tail: String = text
                        .chars()
                        .rev()
                        .take(700)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    panic!("timed out after {seconds} s waiting for {what}; the widget ends with:\n…{tail}");
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The widget the helpers act on: the first `div` snippet or <readiness-assessment> of the page.
    pub async fn widget_text(&self) -> String {
        self.js("const h = document.querySelector('[data-readiness-assessment], readiness-assessment'); return h && h.shadowRoot ? h.shadowRoot.textContent : '(not mounted)';")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn wait_for_text(&self, text: &str, seconds: u64) {
        let script = format!(
            "const h = document.querySelector('[data-readiness-assessment], readiness-assessment'); return !!(h && h.shadowRoot && h.shadowRoot.textContent.includes({}));",
            json!(text)
        );
        self.wait_for(&format!("`{text}`"), seconds, &script).await;
    }

    /// Presses keys on whatever has focus, like a keyboard user.
    pub async fn keys(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for key in keys {
            actions = actions
                .then(KeyAction::Down { value: *key })
                .then(KeyAction::Up { value: *key });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    pub async fn type_text(&self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        self.keys(&chars).await;
    }

    /// Focuses the widget's button or link whose text is `label`, then presses Enter.
    pub async fn press(&self, label: &str) {
        let script = format!(
            "const r = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot;
             const b = [...r.querySelectorAll('button, a')].find(e => e.textContent.trim() === {});
             if (!b) return false; b.focus(); return true;",
            json!(label)
        );
        assert_eq!(
            self.js(&script).await,
            Value::Bool(true),
            "no `{label}` in:\n{}",
            self.widget_text().await
        );
        self.keys(&[ENTER]).await;
    }

    /// Focuses a control of the widget by CSS selector.
    pub async fn focus(&self, selector: &str) {
        let script = format!(
            "const e = document.querySelector('[data-readiness-assessment], readiness-assessment').shadowRoot.querySelector({}); if (!e) return false; e.focus(); return true;",
            json!(selector)
        );
        assert_eq!(self.js(&script).await, Value::Bool(true), "no `{selector}`");
    }

    /// From the open contact form: types the fields (and `message`, if any),
    /// ticks consent with the keyboard and opens the preview. The form renders a
    /// moment after the button that opens it is pressed (seen under load): waits for it.
    pub async fn fill_contact_form(&self, message: Option<&str>) {
        self.wait_for(
            "the contact form",
            10,
            "const h = document.querySelector('[data-readiness-assessment], readiness-assessment');
             return !!(h && h.shadowRoot && h.shadowRoot.querySelector('.rw-form input[name=name]'));",
        )
        .await;
        for (field, value) in [
            ("name", "Ada Lovelace"),
            ("email", "ada@example.com"),
            ("company", "Engines Ltd"),
        ] {
            self.focus(&format!(".rw-form input[name={field}]")).await;
            self.type_text(value).await;
        }
        if let Some(message) = message {
            self.focus(".rw-form textarea").await;
            self.type_text(message).await;
        }
        self.focus(".rw-form input[name=consent]").await;
        self.keys(&[SPACE]).await;
        self.press("Review what will be sent").await;
        self.wait_for_text("Exactly this will be sent", 10).await;
    }

    /// Records the widget's events on the page, for later reading.
    pub async fn record_events(&self) {
        self.js(RECORD_EVENTS).await;
    }

    /// Records the widget's events in every page opened from now on, from its first script.
    pub async fn record_events_from_start(&self) {
        cdp::on_new_document(&self.client, RECORD_EVENTS).await;
    }

    /// Waits until a `readiness:<name>` event was recorded: the widget emits
    /// from an effect, which can run a moment after the step shows (seen under load).
    pub async fn wait_for_event(&self, name: &str, seconds: u64) {
        let script = format!(
            "return (window.__readiness || []).some(e => e.name === {});",
            json!(name)
        );
        self.wait_for(&format!("a readiness:{name} event"), seconds, &script)
            .await;
    }

    pub async fn events(&self, name: &str) -> Vec<Value> {
        let script = format!(
            "return (window.__readiness || []).filter(e => e.name === {}).map(e => e.detail);",
            json!(name)
        );
        self.js(&script).await.as_array().cloned().unwrap_or_default()
    }

    /// Opens `url` and waits for its widget.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.open_widget().await;
    }

    /// Scrolls the widget into view and waits until it has mounted.
    pub async fn open_widget(&self) {
        self.js("document.querySelector('[data-readiness-assessment], readiness-assessment').scrollIntoView();")
            .await;
        self.wait_for("the widget to mount", 30, "const h = document.querySelector('[data-readiness-assessment], readiness-assessment'); return !!(h.shadowRoot && h.shadowRoot.querySelector('.rw'));").await;
    }

    /// Records the widget's events, answers every step by keyboard and
    /// returns the result code of its `readiness:complete` event.
    pub async fn finish_by_keyboard(&self) -> String {
        self.record_events().await;
        self.answer_by_keyboard(None).await;
        self.wait_for_event("complete", 10).await;
        self.events("complete").await[0]["resultCode"]
            .as_str()
            .expect("readiness:complete carries a resultCode")
            .to_owned()
    }

    /// Answers the current and following steps by keyboard alone until the
    /// result shows (or says it could not load): Tab to each control, Space on each unanswered group,
    /// Enter on "next". Stops after `stop_after_signs` signs when given.
    pub async fn answer_by_keyboard(&self, stop_after_signs: Option<usize>) {
        // Language-independent: Start (or Continue) is the intro's primary button, Next (or See my
        // result) a step's; Enter on those, Space on an unanswered group, Tab otherwise.
        let probe = "const host = document.querySelector('[data-readiness-assessment], readiness-assessment');
            const root = host.shadowRoot; const a = root.activeElement;
            if (root.querySelector('.rw-result')) return { done: true };
            const progress = (root.querySelector('.rw-progress-text') || {}).textContent || '';
            if (!a) return { outside: true, progress };
            let answered = false;
            if (a.type === 'radio') answered = !!root.querySelector(`input[name=\"${a.name}\"]:checked`);
            if (a.type === 'checkbox') answered = !!a.closest('fieldset').querySelector('input:checked');
            const busy = a.getAttribute('aria-busy') === 'true';
            return { tag: a.tagName, type: a.type || '', answered, progress, busy,
                     start: a.matches('.rw-intro .rw-primary'), next: a.matches('.rw-nav .rw-primary') };";
        let mut signs_done = 0;
        for _ in 0..600 {
            let state = self.js(probe).await;
            if state["done"] == Value::Bool(true) {
                return;
            }
            let kind = state["type"].as_str().unwrap_or_default();
            if (kind == "radio" || kind == "checkbox") && state["answered"] == Value::Bool(false) {
                self.keys(&[SPACE]).await;
            } else if state["busy"] == Value::Bool(true) {
                // A Next pressed before the app ran: it is honoured when the app mounts.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            } else if state["start"] == Value::Bool(true) || state["next"] == Value::Bool(true) {
                if state["next"] == Value::Bool(true) {
                    signs_done += 1;
                }
                self.keys(&[ENTER]).await;
                if stop_after_signs == Some(signs_done) {
                    return;
                }
            } else {
                self.keys(&[TAB]).await;
            }
        }
        panic!(
            "the keyboard journey did not reach the result; the widget shows:\n{}",
            self.widget_text().await
        );
    }
}

/// A finished result code: every choice worth `points` where an option is
/// (else the weakest), tickets all `verdict`, checklists `mask`.
pub fn finished(points: u8, verdict: readiness_core::Verdict, mask: u8) -> String {
    use readiness_core::{encode, Answer, Answers, Model, QuestionKind};
    let mut answers = Answers::new();
    for (index, _, q) in Model::current().questions() {
        let answer = match q.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(verdict); 5]),
            QuestionKind::Checklist => Answer::Checked(mask),
            _ => Answer::Choice(
                q.choices
                    .iter()
                    .position(|c| c.points == points)
                    .unwrap_or_else(|| q.choices.iter().enumerate().min_by_key(|(_, c)| c.points).unwrap().0)
                    as u8,
            ),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}
