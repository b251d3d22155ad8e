//! `cargo xtask soak [--seconds N]`: the release endpoint on 127.0.0.1
//! under valid load, malformed input, idle and slow clients at once, with a
//! `kill -9` and a restart half-way; then every acknowledged submission is
//! looked for in the export. Prints a table; fails if an acknowledged
//! submission is missing, a 5xx was answered, or other clients were not
//! served. Not part of `cargo xtask test`: it takes a minute of both cores.

use std::io::BufRead;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};

use crate::cmd::{self, Result};
use crate::soak_client::{self as client, Tally};

const BIN: &str = "target/release/readiness-endpoint";
const VALID_WORKERS: usize = 8;
const MALFORMED_WORKERS: usize = 2;
const IDLE_SOCKETS: usize = 300;
const SLOW_CLIENTS: usize = 20;

/// A complete assessment, as the widget would send it.
pub(crate) fn valid_body() -> String {
    let model = Model::current();
    let mut answers = Answers::new();
    for (index, _, question) in model.questions() {
        let answer = match question.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Partly); 5]),
            QuestionKind::Checklist => Answer::Checked(0b0011),
            _ => Answer::Choice(1),
        };
        answers.set(index, answer).expect("a valid answer");
    }
    format!(
        r#"{{"schema":"readiness-contact/1","result_code":"{}","model_version":{},
"contact":{{"name":"Soak Test","email":"soak@example.com","company":"Load Ltd","message":"Hello"}},
"consent":{{"given":true,"text":"I agree that my result is sent."}},"page_url":"https://site.example/a",
"locale":"en","client_time":"2026-11-24T13:45:00.000Z","elapsed_ms":120000,"website":""}}"#,
        encode(&answers),
        model.version
    )
}

/// Starts the endpoint on `addr` (with `extra` flags) and waits for its first line.
pub(crate) fn start(addr: &str, database: &str, extra: &[&str]) -> Result<Child> {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", addr, "--database", database])
        .args(["--rate-limit", "1000000", "--min-fill-ms", "0"])
        .args([
            "--header-timeout",
            "5",
            "--body-timeout",
            "5",
            "--max-connections",
            "256",
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {BIN}: {e}"))?;
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("piped"));
    let mut line = String::new();
    let _ = stdout.read_line(&mut line);
    if !line.contains("listening on") {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!("the endpoint did not start on {addr}: {line:?}"));
    }
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    Ok(child)
}

pub(crate) fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64) * p).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

/// The idempotency keys in the endpoint's CSV export.
fn stored_keys(database: &str) -> Result<std::collections::HashSet<String>> {
    let output = Command::new(BIN)
        .args(["export", "--format", "csv", "--database", database])
        .output()
        .map_err(|e| format!("export: {e}"))?;
    if !output.status.success() {
        return Err(format!("export failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    // Keys are `soak-W-N`: no commas or quotes, so a plain scan finds them.
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .split(',')
        .filter(|cell| cell.starts_with("soak-"))
        .map(str::to_owned)
        .collect())
}

pub fn run(seconds: u64) -> Result {
    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))?;
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let folder = std::env::temp_dir().join(format!("readiness-soak-{}", std::process::id()));
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let database = folder.join("soak.db").display().to_string();
    let body = valid_body();
    println!("soak: {seconds} s against http://{addr}: {VALID_WORKERS} valid clients, {MALFORMED_WORKERS} malformed,");
    println!(
        "      {IDLE_SOCKETS} idle sockets, {SLOW_CLIENTS} slow bodies, a health probe; kill -9 at {} s",
        seconds / 2
    );

    let mut child = start(&addr, &database, &[])?;
    let tally = Tally::default();
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let mut downtime = Duration::ZERO;
    let outcome = std::thread::scope(|scope| -> Result {
        for worker in 0..VALID_WORKERS {
            let (addr, body, tally) = (&addr, &body, &tally);
            scope.spawn(move || client::valid(addr, worker, body, until, tally));
        }
        for _ in 0..MALFORMED_WORKERS {
            scope.spawn(|| client::malformed(&addr, until, &tally));
        }
        scope.spawn(|| client::idle(&addr, IDLE_SOCKETS, until, &tally));
        for _ in 0..SLOW_CLIENTS {
            scope.spawn(|| client::slow(&addr, until, &tally));
        }
        scope.spawn(|| client::probe(&addr, until, &tally));

        std::thread::sleep(Duration::from_secs(seconds / 2));
        tally.restarting.store(true, Ordering::Release);
        let killed = Instant::now();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let restarted = start(&addr, &database, &[]);
        downtime = killed.elapsed();
        // Let the probes see the new process before they count again.
        std::thread::sleep(Duration::from_millis(300));
        tally.restarting.store(false, Ordering::Release);
        child = restarted?;
        Ok(())
    });
    // Graceful stop: SIGTERM, then the shutdown deadline.
    let stopping = Instant::now();
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let exit = child.wait().map_err(|e| e.to_string())?;
    let shutdown = stopping.elapsed();
    outcome?;

    let acked = tally.acked.lock().unwrap().clone();
    let stored = stored_keys(&database)?;
    let lost = acked.iter().filter(|k| !stored.contains(*k)).count();
    let mut latencies = tally.latencies_us.lock().unwrap().clone();
    latencies.sort_unstable();
    let load = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
    let (probes, probes_ok) = (load(&tally.probes), load(&tally.probes_ok));
    let server_errors = load(&tally.server_errors);
    let elapsed = started.elapsed().as_secs_f64();

    println!("\n| soak, {seconds} s                                  | figure |");
    println!("|-----------------------------------------------|--------|");
    let row = |name: &str, value: String| println!("| {name:<45} | {value} |");
    row("valid submissions sent", load(&tally.sent).to_string());
    row("acknowledged (201/200)", acked.len().to_string());
    row(
        "acknowledged per second",
        format!("{:.0}", acked.len() as f64 / elapsed),
    );
    row("stored (in the export)", stored.len().to_string());
    row("acknowledged but not stored", lost.to_string());
    row("valid refused with a 4xx", load(&tally.refused).to_string());
    row(
        "valid without an answer (kill -9 window)",
        load(&tally.unanswered).to_string(),
    );
    row("5xx answers (all clients)", server_errors.to_string());
    row(
        "p50 / p99 of acknowledged submissions, ms",
        format!(
            "{:.2} / {:.2}",
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99)
        ),
    );
    row(
        "malformed requests sent / answered 4xx",
        format!("{} / {}", load(&tally.malformed), load(&tally.malformed_4xx)),
    );
    row(
        "idle sockets opened (held 300 at a time)",
        load(&tally.idle_opened).to_string(),
    );
    row(
        "slow bodies started / cut off by the endpoint",
        format!("{} / {}", load(&tally.slow_started), load(&tally.slow_cut)),
    );
    row("health probes answered within 2 s", format!("{probes_ok} of {probes}"));
    row("kill -9 to listening again", format!("{} ms", downtime.as_millis()));
    row(
        "SIGTERM to exit (after the load stopped)",
        format!("{} ms ({exit})", shutdown.as_millis()),
    );

    let _ = std::fs::remove_dir_all(&folder);
    let served = probes > 0 && probes_ok == probes;
    println!("other clients still served: {}", if served { "yes" } else { "NO" });
    match (lost, server_errors, served) {
        (0, 0, true) => Ok(()),
        _ => Err(format!(
            "soak: {lost} acknowledged submissions lost, {server_errors} 5xx, health probes {probes_ok}/{probes}"
        )),
    }
}
