//! Danish and Indonesian in real Chromium: the host page's `lang` picks the
//! locale (`data-locale` defaults to `auto`), an unknown `data-locale` falls
//! back to English with a console warning (never an error box), and axe-core
//! finds nothing in either language.

mod support;

use std::path::{Path, PathBuf};

use readiness_core::Verdict;
use support::{audit, finished, free_port, Browser, Endpoint};

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

/// The built demo site plus three copies of its article: `lang="da"`,
/// `lang="id"`, and `data-locale="xx"` on an English page.
fn locale_site() -> PathBuf {
    let built = PathBuf::from(std::env::var("READINESS_SITE").expect("READINESS_SITE: run through cargo xtask test"));
    let site = std::env::temp_dir().join(format!("readiness-locales-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&built, &site);
    let article = std::fs::read_to_string(built.join("index.html")).unwrap();
    assert!(article.contains("<html lang=\"en\">") && article.contains("<div data-readiness-assessment"));
    for (page, lang) in [("da.html", "da"), ("id.html", "id")] {
        let text = article.replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1);
        std::fs::write(site.join(page), text).unwrap();
    }
    let unknown = article.replacen(
        "<div data-readiness-assessment",
        "<div data-readiness-assessment data-locale=\"xx\"",
        1,
    );
    std::fs::write(site.join("xx.html"), unknown).unwrap();
    site
}

/// A mixed result: some signs strong, some gaps.
fn mixed_code() -> String {
    finished(40, Verdict::Partly, 0b0011)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_language_picks_danish_or_indonesian_and_an_unknown_locale_falls_back_to_english() {
    let axe_path = std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`");
    let axe = std::fs::read_to_string(&axe_path).expect("axe-core is installed");
    let site = locale_site();
    let db = std::env::temp_dir().join(format!("readiness-locales-{}.db", std::process::id()));
    std::env::set_var("READINESS_SITE", &site);
    let endpoint = Endpoint::start(free_port(), &db).await;
    let browser = Browser::start(1280, 900).await;
    let mut violations = Vec::new();
    let code = mixed_code();

    for (page, start, result, plan, first_step) in [
        (
            "da.html",
            "Start tjekket",
            "Jeres parathedskort",
            "Det skal I arbejde med, i denne rækkefølge",
            "Tegn 1 af 5",
        ),
        (
            "id.html",
            "Mulai cek",
            "Peta kesiapan Anda",
            "Yang perlu dibenahi, sesuai urutan ini",
            "Tanda 1 dari 5",
        ),
    ] {
        browser.open(&format!("{}/{page}", endpoint.base)).await;
        browser.wait_for_text(start, 20).await;
        let intro = browser.widget_text().await;
        assert!(
            !intro.contains("Start the check"),
            "{page}: English on the intro:\n{intro}"
        );
        violations.extend(audit(&browser, &axe, &format!("{page} intro")).await);
        browser.press(start).await;
        browser.wait_for_text(first_step, 10).await;
        violations.extend(audit(&browser, &axe, &format!("{page} first sign")).await);

        // A new document (a query), not only a new hash on the same page.
        browser
            .open(&format!("{}/{page}?shared#result={code}", endpoint.base))
            .await;
        browser.wait_for_text(result, 20).await;
        let text = browser.widget_text().await;
        assert!(text.contains(plan), "{page}: no plan heading in\n{text}");
        assert!(!text.contains("Your readiness map"), "{page}: English on the result");
        violations.extend(audit(&browser, &axe, &format!("{page} result")).await);
        browser
            .js("localStorage.clear(); sessionStorage.clear(); location.hash = '';")
            .await;
    }
    // The page's own CSP notices and favicon 404 are not the widget's; a locale warning would be.
    let warnings: Vec<String> = support::log::browser(&browser.client)
        .await
        .into_iter()
        .filter(|e| e.contains("data-locale") || e.contains("invalid embed options"))
        .collect();
    assert!(
        warnings.is_empty(),
        "locale warnings or errors on the da/id pages: {warnings:?}"
    );

    browser.open(&format!("{}/xx.html", endpoint.base)).await;
    browser.wait_for_text("Start the check", 20).await;
    let text = browser.widget_text().await;
    assert!(
        !text.contains("could not start"),
        "an error box instead of English:\n{text}"
    );
    let log = support::log::browser(&browser.client).await;
    assert!(
        log.iter()
            .any(|e| e.starts_with("WARNING") && e.contains("data-locale `xx` is not available")),
        "no console warning about `xx`: {log:?}"
    );
    violations.extend(audit(&browser, &axe, "xx.html intro (English)").await);

    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    let _ = std::fs::remove_dir_all(&site);
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}
