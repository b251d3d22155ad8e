//! Processes a test run left behind: every process started under the
//! suite's run marker (an environment variable the children inherit:
//! chromedriver, Chromium, the endpoint). Only the marker counts: other
//! runs of the suite (other checkouts on the same machine) use the same
//! profile prefix and are not ours to judge or end. Linux `/proc`;
//! elsewhere nothing is found.

/// The variable that marks the processes of one run of the suite.
pub const MARKER: &str = "READINESS_E2E_RUN";

/// A marker value unique to this run.
pub fn new_run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{}-{nanos}", std::process::id())
}

/// `(pid, command)` of every process of the run `id` still alive.
pub fn find(id: &str) -> Vec<(u32, String)> {
    let marker = format!("{MARKER}={id}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id())
        .filter_map(|pid| {
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let ours = environ.split(|b| *b == 0).any(|v| v == marker.as_bytes());
            ours.then(|| (pid, cmdline.chars().take(100).collect()))
        })
        .collect()
}

/// Fails (after ending them) if processes of the run `id` are still alive.
pub fn check(id: &str) -> crate::cmd::Result {
    // Give processes that are exiting a moment.
    for _ in 0..20 {
        if find(id).is_empty() {
            println!("no chromium, chromedriver or endpoint process of the suite is left running");
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let left = find(id);
    for (pid, command) in &left {
        println!("  left running: {pid} {command}");
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    Err(format!(
        "{} processes of the end-to-end suite were left running (now killed)",
        left.len()
    ))
}
