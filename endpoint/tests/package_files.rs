//! The widget's package as the endpoint serves it: precompressed copies with
//! the right Content-Encoding, cache headers that follow the hashed names,
//! and CORS for the files a page on another origin loads.

mod support;

use reqwest::StatusCode;
use support::*;

#[tokio::test]
async fn precompressed_files_with_encoding_cache_and_cors_headers() {
    let site = std::env::temp_dir().join(format!("readiness-package-{}", rand_suffix()));
    let widget = site.join("widget");
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(widget.join("embed.js"), "export {};").unwrap();
    std::fs::write(widget.join("embed.js.br"), b"brotli bytes").unwrap();
    std::fs::write(widget.join("embed.js.gz"), b"gzip bytes").unwrap();
    std::fs::write(widget.join("readiness_widget_bg.0123456789.wasm"), [0u8, 97, 115, 109]).unwrap();
    std::fs::write(widget.join("readiness_widget_bg.0123456789.wasm.br"), b"br wasm").unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    let server = start_with(temp_db("package"), |c| c.site = Some(site.clone())).await;
    let client = reqwest::Client::new();
    let get = |path: &str, encoding: &str| {
        client
            .get(format!("{}{path}", server.base))
            .header("accept-encoding", encoding)
            .send()
    };

    let br = get("/widget/embed.js", "gzip, br").await.unwrap();
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["cache-control"], "public, max-age=300");
    assert_eq!(br.headers()["access-control-allow-origin"], "*");
    assert!(br.headers()["content-type"].to_str().unwrap().contains("javascript"));
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let gz = get("/widget/embed.js", "gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"gzip bytes");

    let plain = get("/widget/embed.js", "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"export {};");

    let wasm = get("/widget/readiness_widget_bg.0123456789.wasm", "br").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(wasm.headers()["cache-control"], "public, max-age=31536000, immutable");

    let page = get("/", "br").await.unwrap();
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(page.headers().get("access-control-allow-origin").is_none());
    assert!(page.headers().contains_key("content-security-policy"));
    server.shutdown().await;
}
