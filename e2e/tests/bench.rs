//! `cargo xtask bench`: the widget at the top of a bare page, and beside it in
//! the same run a hand-written vanilla quiz (plain HTML and JS, a few KB:
//! `xtask/bench/vanilla.*`, the floor), in real headless Chromium under the
//! issue's throttling (150 ms latency, 1.6 Mbit/s down, 0.75 Mbit/s up, CPU
//! 4× slower), one fresh profile per run, the pages alternating. The visitor
//! presses Start at once and then takes about 2 s per step. Prints per page a
//! table (median, min, max) of the milestones, memory after GC, bytes and the
//! request waterfall, then the widget/vanilla ratios. Figures only: it
//! asserts nothing about speed (targets are read by people), but it fails if
//! a run never reaches the result.
//!
//! Run through `cargo xtask bench`, which builds the package and serves
//! `target/bench-site` (a bare page around `pkg/`, and `vanilla/`) with the
//! endpoint. `READINESS_BENCH_RUNS` sets the number of runs (default 7);
//! `READINESS_BENCH_PACE` the ms per step (default 2000).

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use support::cdp;
use support::{free_port, Browser, Endpoint};

const PROBE: &str = include_str!("bench_probe.js");

/// Milestones in the order a visitor meets them, with their labels.
const MILESTONES: [(&str, &str); 5] = [
    ("intro", "intro painted with its styles"),
    ("start", "Start accepts a press"),
    ("question", "first question answerable"),
    ("result", "result, at a person's pace"),
    ("afterLastNext", "result after the last Next"),
];

/// The pages measured in each run: the widget's bare page and the vanilla floor.
const PAGES: [(&str, &str); 2] = [("widget", "/"), ("vanilla", "/vanilla/index.html")];

struct Run {
    times: BTreeMap<&'static str, f64>,
    unstyled_frames: f64,
    js_heap: f64,
    wasm_memory: f64,
    requests: Vec<(String, f64, f64, f64)>,
}

impl Run {
    /// Every byte transferred for the page up to the result (the page, scripts, wasm, styles, files).
    fn bytes(&self) -> f64 {
        self.requests.iter().map(|r| r.3).filter(|b| b.is_finite()).sum()
    }

    /// The JS heap and the wasm linear memory after GC.
    fn memory(&self) -> f64 {
        self.js_heap
            + if self.wasm_memory.is_finite() {
                self.wasm_memory
            } else {
                0.0
            }
    }
}

async fn one_run(base: &str, path: &str, pace: u64) -> Run {
    let browser = Browser::start(1280, 900).await;
    let client = &browser.client;
    cdp::throttle(client).await;
    cdp::on_new_document(client, &format!("window.__benchPace = {pace};")).await;
    cdp::on_new_document(client, PROBE).await;
    client.goto(&format!("{base}{path}")).await.unwrap();
    browser
        .wait_for(
            "the bench to reach the result",
            180,
            "return !!(window.__bench && window.__bench.done);",
        )
        .await;
    // Let the last frame and any idle work settle before measuring memory.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let js_heap = cdp::js_heap_after_gc(client).await;
    let report = browser.js("return window.__bench.report();").await;
    let times = MILESTONES
        .iter()
        .map(|(key, _)| (*key, report["t"][key].as_f64().unwrap_or(f64::NAN)))
        .collect();
    let requests = report["requests"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or_default().to_owned(),
                r["start"].as_f64().unwrap_or(f64::NAN),
                r["end"].as_f64().unwrap_or(f64::NAN),
                r["bytes"].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect();
    let run = Run {
        times,
        unstyled_frames: report["unstyledFrames"].as_f64().unwrap_or(f64::NAN),
        js_heap,
        wasm_memory: report["wasmBytes"].as_f64().unwrap_or(f64::NAN),
        requests,
    };
    browser.client.clone().close().await.ok();
    run
}

fn stats(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    (median, values[0], values[n - 1])
}

/// The longest chain of requests each starting only after the previous one
/// ended, among those that started before the first question was interactive.
fn sequential_depth(requests: &[(String, f64, f64, f64)], until: f64) -> (usize, Vec<String>) {
    let mut early: Vec<&(String, f64, f64, f64)> = requests
        .iter()
        .filter(|r| r.1 <= until && r.0 != "favicon.ico")
        .collect();
    early.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut best: Vec<Vec<String>> = Vec::new();
    for (i, request) in early.iter().enumerate() {
        let chain = (0..i)
            .filter(|&j| early[j].2 <= request.1)
            .map(|j| best[j].clone())
            .max_by_key(Vec::len)
            .unwrap_or_default();
        let mut chain = chain;
        chain.push(request.0.clone());
        best.push(chain);
    }
    let longest = best.into_iter().max_by_key(Vec::len).unwrap_or_default();
    (longest.len(), longest)
}

fn row(label: &str, unit: &str, (median, min, max): (f64, f64, f64)) {
    println!("  {label:<40} {median:>10.0} {min:>10.0} {max:>10.0}  {unit}");
}

/// A figure of one run.
type Figure = dyn Fn(&Run) -> f64;

/// One page's table: milestones, frames, memory, bytes, sequential requests, waterfall.
fn report(page: &str, results: &[Run]) {
    println!("\n{page}:");
    println!("  {:<40} {:>10} {:>10} {:>10}", "figure", "median", "min", "max");
    for (key, label) in MILESTONES {
        row(label, "ms", stats(results.iter().map(|r| r.times[key]).collect()));
    }
    row(
        "frames of the widget without its styles",
        "frames",
        stats(results.iter().map(|r| r.unstyled_frames).collect()),
    );
    row(
        "JS heap after GC",
        "KB",
        stats(results.iter().map(|r| r.js_heap / 1000.0).collect()),
    );
    row(
        "wasm linear memory (all modules)",
        "KB",
        stats(results.iter().map(|r| r.wasm_memory / 1000.0).collect()),
    );
    row(
        "bytes transferred to the result",
        "KB",
        stats(results.iter().map(|r| r.bytes() / 1000.0).collect()),
    );
    let depths: Vec<(usize, Vec<String>)> = results
        .iter()
        .map(|r| sequential_depth(&r.requests, r.times["question"]))
        .collect();
    row(
        "sequential requests to first question",
        "requests",
        stats(depths.iter().map(|d| d.0 as f64).collect()),
    );

    println!("  request waterfall (median start – end, ms; transfer bytes):");
    let mut names: Vec<String> = Vec::new();
    for run in results {
        for request in &run.requests {
            if !names.contains(&request.0) {
                names.push(request.0.clone());
            }
        }
    }
    for name in &names {
        let of = |pick: fn(&(String, f64, f64, f64)) -> f64| {
            stats(
                results
                    .iter()
                    .filter_map(|r| r.requests.iter().find(|q| &q.0 == name).map(pick))
                    .collect(),
            )
            .0
        };
        println!(
            "    {name:<44} {:>6.0} – {:>6.0}  {:>8.0} B",
            of(|q| q.1),
            of(|q| q.2),
            of(|q| q.3)
        );
    }
    let (depth, chain) = depths.iter().max_by_key(|d| d.0).cloned().unwrap_or_default();
    println!(
        "  longest sequential chain before the first question ({depth}): {}",
        chain.join(" → ")
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run by `cargo xtask bench`"]
async fn bench() {
    let runs: usize = std::env::var("READINESS_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    let pace: u64 = std::env::var("READINESS_BENCH_PACE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let dir = std::env::temp_dir().join(format!("readiness-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database: PathBuf = dir.join("bench.db");
    let endpoint = Endpoint::start(free_port(), &database).await;
    let mut results: Vec<Vec<Run>> = PAGES.iter().map(|_| Vec::new()).collect();
    for i in 0..runs {
        for (p, (page, path)) in PAGES.iter().enumerate() {
            let run = one_run(&endpoint.base, path, pace).await;
            println!(
                "run {}/{runs} {page}: intro {:.0} ms, question {:.0} ms, result {:.0} ms, unstyled frames {}",
                i + 1,
                run.times["intro"],
                run.times["question"],
                run.times["result"],
                run.unstyled_frames
            );
            results[p].push(run);
        }
    }
    endpoint.stop().await;

    println!(
        "\nbench: {runs} fresh profiles per page, 1280×900, 150 ms RTT, 1.6/0.75 Mbit/s, CPU ×4, {pace} ms per step"
    );
    for ((page, _), runs) in PAGES.iter().zip(&results) {
        report(page, runs);
    }
    let median = |runs: &[Run], f: &Figure| stats(runs.iter().map(f).collect()).0;
    let (widget, vanilla) = (&results[0], &results[1]);
    println!("\nwidget / vanilla (medians):");
    println!("  {:<40} {:>10} {:>10} {:>8}", "figure", "widget", "vanilla", "ratio");
    let ratios: [(&str, &str, &Figure); 5] = [
        ("intro painted with its styles", "ms", &|r| r.times["intro"]),
        ("first question answerable", "ms", &|r| r.times["question"]),
        ("result, at a person's pace", "ms", &|r| r.times["result"]),
        ("bytes transferred to the result", "KB", &|r| r.bytes() / 1000.0),
        ("JS heap + wasm memory after GC", "KB", &|r| r.memory() / 1000.0),
    ];
    for (label, unit, f) in ratios {
        let (w, v) = (median(widget, f), median(vanilla, f));
        println!("  {label:<40} {w:>10.0} {v:>10.0} {:>7.2}×  ({unit})", w / v);
    }
    assert!(
        results.iter().flatten().all(|r| r.times["result"].is_finite()),
        "every run reaches the result"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
