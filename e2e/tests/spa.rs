//! A real single-page site: a small React app with client-side routing
//! (Vite + react-router, `e2e/spa/`, built here with the packages `cargo xtask
//! test` installs under ~/.cache/readiness-widget/spa), its article page
//! rendering <readiness-assessment>. In real Chromium it navigates article →
//! home → article twenty times: every visit shows exactly one working widget
//! that resumes the visitor's progress, and after the twenty round trips the
//! JS heap after GC and the count of event listeners (and DOM nodes) are back
//! within a small margin of the first visit's. Prints the figures.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use fantoccini::Locator;
use serde_json::{json, Value};
use support::widgets::{answer_sign, click, counts, events_from, wait_events, wait_mounted};
use support::{cdp, sites, Browser};

const ROUND_TRIPS: usize = 20;
/// Margins over the first visit's figures, measured back on the home page after a GC.
/// (Navigation alone, to an article without the widget, grows it by about 5 KB a round trip here: see the control.)
const HEAP_MARGIN_BYTES: f64 = 768.0 * 1024.0;
const LISTENER_MARGIN: i64 = 5;
const NODE_MARGIN: i64 = 50;

/// Builds the React app into `site` (Vite's `dist` as the site's root, the package at `/widget/`).
fn build_app(site: &Path) {
    let modules = PathBuf::from(
        std::env::var("READINESS_SPA_MODULES")
            .expect("READINESS_SPA_MODULES: run through cargo xtask test, which installs Vite, React and react-router"),
    );
    assert!(
        modules.join("vite/bin/vite.js").exists(),
        "Vite is installed in {}",
        modules.display()
    );
    let app = std::env::temp_dir().join(format!("readiness-spa-app-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    std::fs::create_dir_all(app.join("src")).unwrap();
    let source = sites::workspace().join("e2e/spa");
    for file in ["index.html", "package.json", "src/main.js"] {
        std::fs::copy(source.join(file), app.join(file)).unwrap();
    }
    std::os::unix::fs::symlink(&modules, app.join("node_modules")).unwrap();
    let output = Command::new("node")
        .arg(modules.join("vite/bin/vite.js"))
        .args(["build", "--logLevel", "error", "--emptyOutDir", "--outDir"])
        .arg(site)
        .current_dir(&app)
        .output()
        .expect("node runs Vite");
    assert!(
        output.status.success(),
        "vite build failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&app);
}

/// JS heap in use after a GC, and the DOM counters (nodes, JS event listeners), on the current page.
async fn figures(browser: &Browser) -> (f64, i64, i64) {
    // Twice: objects freed by the first collection's finalizers go in the second.
    cdp::js_heap_after_gc(&browser.client).await;
    let heap = cdp::js_heap_after_gc(&browser.client).await;
    let counters = cdp::cdp(&browser.client, "Memory.getDOMCounters", json!({})).await;
    (
        heap,
        counters["jsEventListeners"]
            .as_i64()
            .expect("Memory.getDOMCounters: jsEventListeners"),
        counters["nodes"].as_i64().expect("Memory.getDOMCounters: nodes"),
    )
}

async fn go(browser: &Browser, link: &str, main: &str) {
    browser
        .client
        .find(Locator::Css(link))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(main, 10, &format!("return !!document.querySelector({});", json!(main)))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_react_app_navigating_article_home_twenty_times_keeps_one_working_widget_and_leaks_nothing() {
    let site = sites::with_package("spa");
    let package = site.join("widget");
    let built = std::env::temp_dir().join(format!("readiness-spa-site-{}", std::process::id()));
    build_app(&built);
    std::fs::rename(&package, built.join("widget")).unwrap();
    let _ = std::fs::remove_dir_all(&site);
    let endpoint = sites::serve(&built, &built.join("readiness.db"), &[]).await;
    let browser = Browser::start(1280, 900).await;
    browser.record_events_from_start().await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    browser
        .wait_for("the home page", 20, "return !!document.querySelector('#home');")
        .await;
    let host = "readiness-assessment";
    let mut answered = Value::Null;
    let mut first = None;
    for visit in 1..=ROUND_TRIPS {
        go(&browser, "#to-article", "#article").await;
        wait_events(&browser, "ready", host, visit, 30).await;
        wait_mounted(&browser, host, 30).await;
        let ready = events_from(&browser, "ready", host).await;
        assert_eq!(ready.len(), visit, "visit {visit}: exactly one mount per visit");
        let hosts = browser
            .js("return document.querySelectorAll('readiness-assessment').length;")
            .await;
        assert_eq!(hosts, json!(1), "visit {visit}: one element");
        let app = counts(&browser, host).await;
        assert_eq!(
            (&app["mounts"], &app["cards"]),
            (&json!(1), &json!(1)),
            "visit {visit}: one app: {app}"
        );
        let steps_before = events_from(&browser, "step", host).await.len();
        if visit == 1 {
            // The visitor starts and answers the first sign.
            assert_eq!(ready[0]["step"], "intro");
            assert!(click(&browser, host, ".rw-intro .rw-primary").await);
            answer_sign(&browser, host).await;
            wait_events(&browser, "step", host, steps_before + 2, 10).await;
            let step = events_from(&browser, "step", host).await.last().unwrap().clone();
            assert_eq!(step["step"], "documentation", "{step}");
            answered = step["answered"].clone();
        } else {
            // It resumes where the visitor was, and it works: Back, then Next again.
            let last = &ready[visit - 1];
            assert_eq!(
                (&last["step"], &last["answered"]),
                (&json!("documentation"), &answered),
                "visit {visit} resumes: {last}"
            );
            assert!(
                click(&browser, host, ".rw-nav .rw-button:not(.rw-primary)").await,
                "Back"
            );
            wait_events(&browser, "step", host, steps_before + 1, 10).await;
            assert!(click(&browser, host, ".rw-nav .rw-primary").await, "Next");
            wait_events(&browser, "step", host, steps_before + 2, 10).await;
            let steps = events_from(&browser, "step", host).await;
            assert_eq!(steps[steps_before]["step"], "tickets");
            assert_eq!(steps[steps_before + 1]["step"], "documentation");
        }
        go(&browser, "#to-home", "#home").await;
        assert_eq!(
            browser
                .js("return document.querySelectorAll('readiness-assessment').length;")
                .await,
            json!(0)
        );
        if visit == 1 {
            first = Some(figures(&browser).await);
        }
        if std::env::var("SPA_TRACE").is_ok() {
            let f = figures(&browser).await;
            println!("trace {visit}: {:.0} KB {} {}", f.0 / 1024.0, f.1, f.2);
        }
    }
    let (heap_1, listeners_1, nodes_1) = first.unwrap();
    let (heap_n, listeners_n, nodes_n) = figures(&browser).await;
    println!(
        "SPA, back on the home page after a GC: after round trip 1: JS heap {:.0} KB, {listeners_1} event listeners, {nodes_1} DOM nodes; after round trip {ROUND_TRIPS}: JS heap {:.0} KB ({:+.0} KB), {listeners_n} event listeners ({:+}), {nodes_n} DOM nodes ({:+})",
        heap_1 / 1024.0,
        heap_n / 1024.0,
        (heap_n - heap_1) / 1024.0,
        listeners_n - listeners_1,
        nodes_n - nodes_1
    );
    // The control: the same number of round trips to an article without the widget.
    for _ in 0..ROUND_TRIPS {
        go(&browser, "#to-plain", "#plain").await;
        go(&browser, "#to-home", "#home").await;
    }
    let (heap_c, listeners_c, nodes_c) = figures(&browser).await;
    println!(
        "control, then {ROUND_TRIPS} round trips home → an article without the widget → home: JS heap {:+.0} KB, {:+} event listeners, {:+} DOM nodes",
        (heap_c - heap_n) / 1024.0,
        listeners_c - listeners_n,
        nodes_c - nodes_n
    );
    let log = support::log::browser(&browser.client).await;
    if std::env::var("SPA_TRACE").is_ok() {
        println!("console: {log:#?}");
    }
    let errors: Vec<String> = log.into_iter().filter(|line| line.starts_with("SEVERE")).collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    assert!(
        heap_n <= heap_1 + HEAP_MARGIN_BYTES,
        "JS heap grew by {:.0} KB over {ROUND_TRIPS} round trips (margin {:.0} KB)",
        (heap_n - heap_1) / 1024.0,
        HEAP_MARGIN_BYTES / 1024.0
    );
    assert!(
        listeners_n <= listeners_1 + LISTENER_MARGIN,
        "event listeners: {listeners_1} → {listeners_n} (margin {LISTENER_MARGIN})"
    );
    assert!(
        nodes_n <= nodes_1 + NODE_MARGIN,
        "DOM nodes: {nodes_1} → {nodes_n} (margin {NODE_MARGIN})"
    );
    endpoint.stop().await;
    let _ = std::fs::remove_dir_all(&built);
}
