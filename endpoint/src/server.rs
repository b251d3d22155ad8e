//! The serve loop, in the shape of axum's serve-with-hyper and
//! graceful-shutdown examples, with what `axum::serve` leaves out:
//!
//! - hyper's HTTP/1 builder gets a timer, so the header timeout applies (to
//!   the first request and to the idle wait between kept-alive requests);
//! - accepted sockets get `TCP_NODELAY` (no 40 ms Nagle/delayed-ACK stall);
//! - at most `max_connections` are open; when full, the oldest connection
//!   that has not sent a byte yet is closed to make room, so idle sockets
//!   cannot lock other clients out (and the process stays under its
//!   open-file limit);
//! - on shutdown, requests in flight finish, but the process waits for them
//!   at most `shutdown_timeout`.
//!
//! HTTP/1.1 only (hyper's `http1` builder, not `auto`): the endpoint never
//! spoke HTTP/2 and `auto` would pull in `h2` for nothing.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

use crate::config::Config;

/// Open connections, and those still waiting for their first byte (oldest first).
struct Gate {
    permits: Arc<Semaphore>,
    capacity: u32,
    waiting: Mutex<VecDeque<(u64, oneshot::Sender<()>)>>,
    next_id: AtomicU64,
}

impl Gate {
    fn new(max_connections: usize) -> Gate {
        let capacity = u32::try_from(max_connections.max(1)).unwrap_or(u32::MAX).min(1 << 20);
        Gate {
            permits: Arc::new(Semaphore::new(capacity as usize)),
            capacity,
            waiting: Mutex::new(VecDeque::new()),
            next_id: AtomicU64::new(0),
        }
    }

    /// A place for a new connection: a free one, or the place of the oldest
    /// connection that has sent nothing yet. `None` if every open connection
    /// is busy for another second (the new one is then closed).
    async fn admit(&self) -> Option<OwnedSemaphorePermit> {
        if let Ok(permit) = self.permits.clone().try_acquire_owned() {
            return Some(permit);
        }
        let oldest = self.waiting.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
        if let Some((_, close)) = oldest {
            let _ = close.send(());
        }
        tokio::time::timeout(Duration::from_secs(1), self.permits.clone().acquire_owned())
            .await
            .ok()?
            .ok()
    }

    /// Registers a connection waiting for its first byte; the receiver fires if it is to be closed.
    fn wait_in_line(&self) -> (u64, oneshot::Receiver<()>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (close, closed) = oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back((id, close));
        (id, closed)
    }

    fn leave_line(&self, id: u64) {
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(waiting, _)| *waiting != id);
    }
}

/// Socket options of every accepted connection: `TCP_NODELAY`, so a response
/// written as headers then body is not held back by Nagle's algorithm
/// waiting for the client's delayed ACK (about 40 ms a request).
fn configure(stream: &tokio::net::TcpStream) {
    let _ = stream.set_nodelay(true);
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains.
pub async fn run(
    listener: TcpListener,
    app: Router,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let gate = Arc::new(Gate::new(config.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let header_timeout = config.header_timeout;
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a little, keep serving.
                Err(error) => {
                    eprintln!("accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        configure(&stream);
        let Some(permit) = gate.admit().await else {
            continue;
        };
        let (gate, http, app, mut stopping) = (gate.clone(), http.clone(), app.clone(), stopping.clone());
        tokio::spawn(async move {
            let _permit = permit;
            // Until the first byte, this connection may be closed to make room.
            let (id, evicted) = gate.wait_in_line();
            let mut first = [0u8; 1];
            let ready = tokio::select! {
                peeked = stream.peek(&mut first) => peeked.is_ok_and(|n| n > 0),
                _ = evicted => false,
                () = tokio::time::sleep(header_timeout) => false,
                _ = stopping.changed() => false,
            };
            gate.leave_line(id);
            if !ready {
                return;
            }
            let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                app.clone().oneshot(request)
            });
            let connection = http.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = gate.permits.acquire_many(gate.capacity);
    if tokio::time::timeout(config.shutdown_timeout, drained).await.is_err() {
        eprintln!(
            "shutdown: requests still in flight after {} s are cut off",
            config.shutdown_timeout.as_secs()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn accepted_sockets_get_nodelay() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = tokio::net::TcpStream::connect(listener.local_addr().unwrap());
        let (_client, accepted) = tokio::join!(client, listener.accept());
        let (stream, _) = accepted.unwrap();
        assert!(!stream.nodelay().unwrap(), "the default is Nagle on");
        configure(&stream);
        assert!(stream.nodelay().unwrap());
    }

    #[tokio::test]
    async fn a_full_gate_closes_the_oldest_silent_connection() {
        let gate = Gate::new(2);
        let first = gate.admit().await.unwrap();
        let _second = gate.admit().await.unwrap();
        let (_, oldest) = gate.wait_in_line();
        let (_, newer) = gate.wait_in_line();
        let evict_and_release = async {
            oldest.await.expect("the oldest silent connection is told to close");
            drop(first);
        };
        let (third, ()) = tokio::join!(gate.admit(), evict_and_release);
        assert!(third.is_some(), "its place goes to the new connection");
        drop(newer);
    }
}
