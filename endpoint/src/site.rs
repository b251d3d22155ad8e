//! The static site and the widget's package: files from `--site`, served
//! with the strict Content-Security-Policy the widget must work under, the
//! precompressed `.br`/`.gz` copies that `cargo xtask dist` writes (with the
//! right `Content-Encoding`), and cache headers that follow the package's
//! naming: content-hashed files never change (a year, immutable), the loader
//! and the manifest keep their names (five minutes), pages are revalidated.
//! The package's files may be loaded from another origin (a module script and
//! a wasm fetch need CORS), so they carry `Access-Control-Allow-Origin: *`.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Request as HttpRequest, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower::util::MapRequestLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy the demo pages are served under: the widget must work with it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'self'; \
     form-action 'self'";

/// The site sends no more than its origin to other sites.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The site uses none of these browser features.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

/// For files whose name carries a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the loader and the manifest: their names stay, their content changes.
pub const SHORT: &str = "public, max-age=300";
/// For pages and anything else.
pub const REVALIDATE: &str = "no-cache";

/// `widget.0123456789.css` → true: a name with a 10-hex-digit content hash.
pub fn is_hashed(file: &str) -> bool {
    let mut parts = file.rsplit('.');
    let _ext = parts.next();
    // `.br`/`.gz` copies keep the hash one part further in.
    let hash = match parts.next() {
        Some("js" | "wasm" | "css") => parts.next(),
        other => other,
    };
    hash.is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `Cache-Control` value for a request path.
pub fn cache_control(path: &str) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or_default();
    if is_hashed(file) {
        IMMUTABLE
    } else if matches!(file, "embed.js" | "manifest.json") {
        SHORT
    } else {
        REVALIDATE
    }
}

fn is_package_file(path: &str) -> bool {
    [".js", ".wasm", ".css", ".json"].iter().any(|ext| path.ends_with(ext))
}

async fn headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&path)));
        if is_package_file(&path) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        }
    }
    response
}

/// `//styles` → `/styles`: otherwise the directory redirect of `ServeDir`
/// would send the browser to the protocol-relative `//styles/`, another host.
fn one_leading_slash<B>(mut request: HttpRequest<B>) -> HttpRequest<B> {
    let path = request.uri().path();
    if path.starts_with("//") {
        let rest = path.trim_start_matches('/');
        let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
        if let Ok(uri) = format!("/{rest}{query}").parse::<Uri>() {
            *request.uri_mut() = uri;
        }
    }
    request
}

/// The files of `site`, as a router for the app's fallback.
pub fn files(site: &Path) -> Router {
    let serve = ServeDir::new(site).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(serve)
        .layer(middleware::from_fn(headers))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static(REFERRER_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        .layer(MapRequestLayer::new(one_leading_slash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_immutable_the_loader_short_pages_revalidated() {
        assert_eq!(cache_control("/widget/widget.0a1b2c3d4e.css"), IMMUTABLE);
        assert_eq!(cache_control("/widget/readiness_widget_bg.0a1b2c3d4e.wasm"), IMMUTABLE);
        assert_eq!(cache_control("/widget/readiness_widget.0a1b2c3d4e.js.br"), IMMUTABLE);
        assert_eq!(cache_control("/widget/embed.js"), SHORT);
        assert_eq!(cache_control("/widget/manifest.json"), SHORT);
        assert_eq!(cache_control("/"), REVALIDATE);
        assert_eq!(cache_control("/widget/widget.css"), REVALIDATE);
        assert_eq!(cache_control("/widget/widget.0a1b2c3d4z.css"), REVALIDATE);
    }
}
