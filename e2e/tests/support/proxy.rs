//! A loopback proxy that holds back the wasm: the HTML-first tests answer the
//! prerendered steps while the module has not arrived, then release it.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A loopback proxy to `upstream` that holds back any request for the wasm
/// until `release` turns true.
pub async fn holding_proxy(upstream: String, release: watch::Receiver<bool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            let mut release = release.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream.trim_start_matches("http://")).await else {
                    return;
                };
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
                });
                let mut buffer = vec![0u8; 16 * 1024];
                while let Ok(n) = client_read.read(&mut buffer).await {
                    if n == 0 {
                        break;
                    }
                    if String::from_utf8_lossy(&buffer[..n]).contains(".wasm ") {
                        let _ = release.wait_for(|released| *released).await;
                    }
                    if server_write.write_all(&buffer[..n]).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    base
}
