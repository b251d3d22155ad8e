//! The clients of `cargo xtask soak`: a minimal HTTP/1.1 client over std
//! sockets (keep-alive, Content-Length answers: what the endpoint sends),
//! and the four kinds of load. Plain threads: the load is a few dozen
//! connections, and xtask stays free of an async runtime.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the load saw; shared by every thread.
#[derive(Default)]
pub struct Tally {
    /// Valid submissions sent (answered or not).
    pub sent: AtomicU64,
    /// Keys the endpoint acknowledged with 201 or 200.
    pub acked: Mutex<Vec<String>>,
    /// Valid submissions refused with a 4xx (should stay 0).
    pub refused: AtomicU64,
    /// Valid submissions with no answer (connection lost, mostly during the restart).
    pub unanswered: AtomicU64,
    /// Latencies of acknowledged submissions, microseconds.
    pub latencies_us: Mutex<Vec<u64>>,
    /// Malformed requests sent, and their answers by class.
    pub malformed: AtomicU64,
    pub malformed_4xx: AtomicU64,
    /// Every 5xx answer, of any client.
    pub server_errors: AtomicU64,
    /// Idle sockets opened, and the most held open at once.
    pub idle_opened: AtomicU64,
    /// Slow requests started, and those cut off by the endpoint.
    pub slow_started: AtomicU64,
    pub slow_cut: AtomicU64,
    /// Health probes while the endpoint was up, and those answered 200 within 2 s.
    pub probes: AtomicU64,
    pub probes_ok: AtomicU64,
    /// Set while the endpoint is being killed and restarted (probes then do not count).
    pub restarting: AtomicBool,
}

/// Status and body of one answer read from `reader`.
fn read_answer(reader: &mut BufReader<TcpStream>) -> io::Result<(u16, Vec<u8>)> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(io::ErrorKind::InvalidData)?;
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().map_err(|_| io::ErrorKind::InvalidData)?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

/// A kept-alive connection, reopened when it breaks.
struct Connection {
    addr: String,
    reader: Option<BufReader<TcpStream>>,
}

impl Connection {
    fn request(&mut self, bytes: &[u8]) -> io::Result<(u16, Vec<u8>)> {
        if self.reader.is_none() {
            let stream = TcpStream::connect(&self.addr)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(5)))?;
            self.reader = Some(BufReader::new(stream));
        }
        let reader = self.reader.as_mut().expect("just opened");
        let outcome = reader.get_mut().write_all(bytes).and_then(|_| read_answer(reader));
        if outcome.is_err() {
            self.reader = None;
        }
        outcome
    }
}

fn post(addr: &str, key: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "POST /contact HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Valid submissions, one after another on a kept-alive connection.
pub fn valid(addr: &str, worker: usize, body: &str, until: Instant, tally: &Tally) {
    let mut connection = Connection {
        addr: addr.to_owned(),
        reader: None,
    };
    let mut n = 0u64;
    while Instant::now() < until {
        n += 1;
        let key = format!("soak-{worker}-{n}");
        let request = post(addr, &key, "application/json", body);
        tally.sent.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        match connection.request(&request) {
            Ok((200 | 201, _)) => {
                tally
                    .latencies_us
                    .lock()
                    .unwrap()
                    .push(started.elapsed().as_micros() as u64);
                tally.acked.lock().unwrap().push(key);
            }
            Ok((status, _)) if status >= 500 => {
                tally.server_errors.fetch_add(1, Ordering::Relaxed);
            }
            Ok(_) => {
                tally.refused.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {
                tally.unanswered.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// Malformed and hostile requests of every kind the issue tried.
pub fn malformed(addr: &str, until: Instant, tally: &Tally) {
    let cases: Vec<Vec<u8>> = vec![
        post(addr, "soak-bad-1", "application/json", "{not json"),
        post(addr, "soak-bad-2", "application/jsonx-anything", "{}"),
        post(addr, "soak-bad-3", "text/plain", "hello"),
        post(addr, "bad key!", "application/json", "{}"),
        post(addr, "soak-bad-4", "application/x-www-form-urlencoded", "name=a&name=b"),
        post(addr, "soak-bad-5", "application/json", &"[".repeat(10_000)),
        format!(
            "POST /contact HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked\r\n\r\nZZ\r\nnot hex\r\n0\r\n\r\n"
        )
        .into_bytes(),
        format!(
            "POST /contact HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: 99999999\r\n\r\n"
        )
        .into_bytes(),
        b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"\x16\x03\x01\x02\x00garbage\r\n\r\n".to_vec(),
    ];
    let mut i = 0;
    while Instant::now() < until {
        let case = &cases[i % cases.len()];
        i += 1;
        tally.malformed.fetch_add(1, Ordering::Relaxed);
        // A fresh connection each time: several cases end the connection.
        let mut connection = Connection {
            addr: addr.to_owned(),
            reader: None,
        };
        match connection.request(case) {
            Ok((status, _)) if status >= 500 => {
                tally.server_errors.fetch_add(1, Ordering::Relaxed);
            }
            Ok((400..=499, _)) => {
                tally.malformed_4xx.fetch_add(1, Ordering::Relaxed);
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Holds `count` sockets open without sending a byte, reopening those the endpoint closes.
pub fn idle(addr: &str, count: usize, until: Instant, tally: &Tally) {
    let mut sockets: Vec<TcpStream> = Vec::new();
    while Instant::now() < until {
        sockets.retain(|s| {
            let mut byte = [0u8; 1];
            let _ = s.set_nonblocking(true);
            // Still open and silent: the read would block.
            matches!((&*s).read(&mut byte), Err(e) if e.kind() == io::ErrorKind::WouldBlock)
        });
        while sockets.len() < count && Instant::now() < until {
            match TcpStream::connect_timeout(&addr.parse().expect("an address"), Duration::from_millis(500)) {
                Ok(socket) => {
                    tally.idle_opened.fetch_add(1, Ordering::Relaxed);
                    sockets.push(socket);
                }
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Sends a POST body (under the size limit) one byte every 500 ms, over and over.
pub fn slow(addr: &str, until: Instant, tally: &Tally) {
    while Instant::now() < until {
        let Ok(mut stream) = TcpStream::connect(addr) else {
            std::thread::sleep(Duration::from_millis(200));
            continue;
        };
        tally.slow_started.fetch_add(1, Ordering::Relaxed);
        let head = format!(
            "POST /contact HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Idempotency-Key: soak-slow-1\r\nContent-Length: 5000\r\n\r\n"
        );
        let mut ok = stream.write_all(head.as_bytes()).is_ok();
        while ok && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(500));
            ok = stream.write_all(b" ").is_ok();
        }
        if !ok {
            tally.slow_cut.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// `GET /healthz` every 250 ms with a 2 s limit, while the endpoint is not being restarted.
pub fn probe(addr: &str, until: Instant, tally: &Tally) {
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(250));
        if tally.restarting.load(Ordering::Acquire) {
            continue;
        }
        let mut connection = Connection {
            addr: addr.to_owned(),
            reader: None,
        };
        let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        let started = Instant::now();
        let answer = connection.request(request.as_bytes());
        if tally.restarting.load(Ordering::Acquire) {
            continue;
        }
        tally.probes.fetch_add(1, Ordering::Relaxed);
        if matches!(answer, Ok((200, _))) && started.elapsed() < Duration::from_secs(2) {
            tally.probes_ok.fetch_add(1, Ordering::Relaxed);
        }
    }
}
