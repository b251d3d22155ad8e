//! Every link in README.md and docs/ leads somewhere: relative links name
//! files that exist; absolute URLs are the local demo, reserved example
//! domains (RFC 2606), or this package's own versioned npm CDN URL. (The
//! snippet's site paths are served for real by `e2e/tests/snippet.rs`.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// `](target)` of Markdown links.
fn links(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_owned)
        .collect()
}

/// `http://…` and `https://…` anywhere in the text.
fn urls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("http") {
        let rest = &text[at..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || "`\"'<>);".contains(c))
                .unwrap_or(rest.len());
            found.push(rest[..end].to_owned());
        }
    }
    found
}

#[test]
fn relative_links_name_existing_files() {
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for link in links(&text) {
            if link.contains("://") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let target = doc.parent().unwrap().join(link.split('#').next().unwrap());
            assert!(target.exists(), "{}: `{link}` does not exist", doc.display());
        }
    }
}

#[test]
fn absolute_urls_are_the_demo_example_domains_or_this_packages_cdn_url() {
    let cdn = format!(
        "https://cdn.jsdelivr.net/npm/{}@{}/embed.js",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    );
    let mut seen_cdn = false;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for url in urls(&text) {
            let host = url.split("://").nth(1).unwrap().split(['/', ':']).next().unwrap();
            let example = host == "example.com" || host.ends_with(".example.com") || host.ends_with(".example");
            let cdn_host = host == "cdn.jsdelivr.net";
            if cdn_host && url.contains("/npm/") {
                assert_eq!(
                    url,
                    cdn,
                    "{}: the CDN URL must name this package and version",
                    doc.display()
                );
                seen_cdn = true;
            }
            assert!(
                url.starts_with("http://127.0.0.1:8080") || example || cdn_host,
                "{}: `{url}` is neither the demo, an example domain nor the package's CDN",
                doc.display()
            );
        }
    }
    assert!(seen_cdn, "the embed guide shows the CDN URL");
}

#[test]
fn the_url_finder_sees_urls_and_stops_at_quotes() {
    assert_eq!(
        urls("src=\"https://a.example/x.js\" and http://127.0.0.1:8080/."),
        ["https://a.example/x.js", "http://127.0.0.1:8080/."]
    );
    assert_eq!(
        links("[a](b.md) and [c](https://d.example)"),
        ["b.md", "https://d.example"]
    );
}
