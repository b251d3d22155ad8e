//! `cargo xtask demo`: builds the site and serves it, with the contact
//! endpoint, on localhost until Ctrl-C.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cmd::{self, Result};
use crate::{dist, tools};

fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

/// The endpoint's outbox settings, passed through from this environment (by name, so the demo shows the whole path).
const PASSED_THROUGH: [&str; 5] = [
    "READINESS_WEBHOOK_URL",
    "READINESS_WEBHOOK_SECRET",
    "READINESS_SMTP_URL",
    "READINESS_NOTIFY_TO",
    "READINESS_NOTIFY_FROM",
];

pub fn run(port: u16) -> Result {
    tools::ensure(false)?;
    dist::site()?;
    cmd::run(Command::new("cargo").args(["build", "--release", "-p", "readiness-endpoint"]))?;
    std::fs::create_dir_all("target/demo").map_err(|e| format!("target/demo: {e}"))?;
    let addr = format!("127.0.0.1:{port}");
    let mut endpoint = Command::new("target/release/readiness-endpoint");
    for name in PASSED_THROUGH {
        if let Ok(value) = std::env::var(name) {
            endpoint.env(name, value);
        }
    }
    let mut child = endpoint
        .args([
            "serve",
            "--addr",
            &addr,
            "--database",
            "target/demo/readiness.db",
            "--site",
            "target/site",
        ])
        .spawn()
        .map_err(|e| format!("could not start the endpoint: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !healthy(port) {
        if Instant::now() > deadline || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            return Err(format!(
                "the endpoint did not answer on {addr} (is the port taken? try --port)"
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nDemo: http://{addr}/  (article with the widget)");
    println!("      http://{addr}/contact.html  (contact page, prefilled from the result)");
    println!("      POST http://{addr}/contact  (endpoint; submissions in target/demo/readiness.db)");
    println!("      export: target/release/readiness-endpoint export --database target/demo/readiness.db --format csv");
    match std::env::var("READINESS_WEBHOOK_URL") {
        Ok(urls) if !urls.trim().is_empty() => println!(
            "      webhooks: {urls} (signed; state: readiness-endpoint deliveries --database target/demo/readiness.db)"
        ),
        _ => println!(
            "      webhooks: none (set READINESS_WEBHOOK_URL and READINESS_WEBHOOK_SECRET=whsec_… to deliver leads)"
        ),
    }
    match std::env::var("READINESS_SMTP_URL") {
        Ok(url) if !url.trim().is_empty() => println!(
            "      e-mail: via {} to {}",
            url.split('@').next_back().unwrap_or_default(),
            std::env::var("READINESS_NOTIFY_TO").unwrap_or_default()
        ),
        _ => println!("      e-mail: none (set READINESS_SMTP_URL and READINESS_NOTIFY_TO)"),
    }
    println!("Ctrl-C stops it.");
    // Ctrl-C reaches the endpoint too (same process group); it shuts down gracefully.
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the endpoint stopped: {status}"))
    }
}
