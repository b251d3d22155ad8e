//! Bare sites for the tests that need a page of their own around the built
//! package (`widget/` copied from the demo site `cargo xtask test` built), and
//! the endpoint serving one.

use std::path::{Path, PathBuf};

use super::{free_port, Endpoint};

/// The workspace's root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The built demo site, as `cargo xtask test` passed it (read once: [`serve`] points the
/// harness's READINESS_SITE at another site while it starts an endpoint).
pub fn built_site() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            PathBuf::from(std::env::var("READINESS_SITE").expect("READINESS_SITE: run through cargo xtask test"))
        })
        .clone()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A fresh folder `readiness-<name>-<pid>` in the temp dir holding a copy of the whole built demo site.
pub fn copy_of_built(name: &str) -> PathBuf {
    let site = std::env::temp_dir().join(format!("readiness-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&built_site(), &site);
    site
}

/// A fresh folder `readiness-<name>-<pid>` in the temp dir with the built package at `widget/`.
pub fn with_package(name: &str) -> PathBuf {
    let built = built_site();
    let site = std::env::temp_dir().join(format!("readiness-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("widget")).unwrap();
    for entry in std::fs::read_dir(built.join("widget")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, site.join("widget").join(path.file_name().unwrap())).unwrap();
    }
    site
}

/// Writes `files` (path in the site, text) into `site`, with their folders.
pub fn write_files(site: &Path, files: &[(&str, String)]) {
    for (path, text) in files {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
}

/// [`with_package`] and an `index.html` with `body` (English).
pub fn with_page(name: &str, body: &str) -> PathBuf {
    let site = with_package(name);
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{name}</title><link rel=\"icon\" href=\"data:,\"></head>\n<body>\n{body}\n</body>\n</html>\n"
    );
    std::fs::write(site.join("index.html"), page).unwrap();
    site
}

static STARTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The endpoint serving `site` (database `db`), with extra `serve` flags.
pub async fn serve(site: &Path, db: &Path, args: &[&str]) -> Endpoint {
    let db = db.to_path_buf();
    on_site(site, Endpoint::start_with_args(free_port(), &db, args)).await
}

/// The endpoint serving `site` (database `db`) on `port`, with extra environment variables.
pub async fn serve_with_env(site: &Path, db: &Path, port: u16, env: &[(&str, &str)]) -> Endpoint {
    let db = db.to_path_buf();
    on_site(site, Endpoint::start_with_env(port, &db, env)).await
}

/// Starts an endpoint (`start`, which reads READINESS_SITE as it launches) on `site`, one at a
/// time, and points READINESS_SITE back at the built site.
async fn on_site(site: &Path, start: impl std::future::Future<Output = Endpoint>) -> Endpoint {
    let _one_at_a_time = STARTING.lock().await;
    built_site();
    std::env::set_var("READINESS_SITE", site);
    let endpoint = start.await;
    std::env::set_var("READINESS_SITE", built_site());
    endpoint
}
