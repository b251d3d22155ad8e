//! A minimal static file server on a loopback port (HTTP/1.1, GET only, one
//! request per connection), with headers of the test's choosing: a page origin
//! with a Content-Security-Policy, a CDN origin with CORS. Stopped on drop.

use std::path::PathBuf;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A running server; its task ends when this drops.
pub struct StaticFiles {
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for StaticFiles {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "css" => "text/css",
        _ => "application/octet-stream",
    }
}

/// Serves the files under `root` with `headers` on every response, on a free port.
pub async fn serve(root: PathBuf, headers: Vec<(String, String)>) -> StaticFiles {
    serve_on(0, root, headers).await
}

/// [`serve`] on `port` (0: any free one).
pub async fn serve_on(port: u16, root: PathBuf, headers: Vec<(String, String)>) -> StaticFiles {
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let root = root.clone();
            let headers = headers.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request);
                let mut parts = text.split_whitespace();
                let method = parts.next().unwrap_or_default().to_owned();
                let path = parts.next().unwrap_or("/").split('?').next().unwrap_or("/").to_owned();
                let path = if path == "/" { "/index.html".to_owned() } else { path };
                let file = (!path.contains("..")).then(|| root.join(path.trim_start_matches('/')));
                let (status, body) = match file.map(std::fs::read) {
                    Some(Ok(bytes)) => ("200 OK", bytes),
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let mut head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    content_type(&path),
                    body.len()
                );
                for (name, value) in &headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes()).await;
                if method != "HEAD" {
                    let _ = stream.write_all(&body).await;
                }
                let _ = stream.shutdown().await;
            });
        }
    });
    StaticFiles { base, task }
}
