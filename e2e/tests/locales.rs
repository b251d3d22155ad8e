//! Danish and Indonesian in real Chromium: the host page's `lang` picks the
//! locale (`data-locale` defaults to `auto`), an unknown `data-locale` falls
//! back to English with a console warning (never an error box), and axe-core
//! finds nothing in either language. Danish and Indonesian come as locale
//! files the loader fetches with the wasm: a malformed or missing one means
//! English with a console warning.

mod support;

use std::path::PathBuf;

use readiness_core::Verdict;
use support::{audit, finished, Browser};

/// The built demo site plus three copies of its article: `lang="da"`,
/// `lang="id"`, and `data-locale="xx"` on an English page.
fn locale_site() -> PathBuf {
    let built = support::sites::built_site();
    let site = support::sites::copy_of_built("locales");
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

    // A copy of the loader whose Danish file is malformed and whose Indonesian file is missing.
    let widget = site.join("widget");
    let loader = std::fs::read_to_string(widget.join("embed.js")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(widget.join("manifest.json")).unwrap()).unwrap();
    let file = |pointer: &str| manifest.pointer(pointer).and_then(|v| v.as_str()).unwrap().to_owned();
    let (da, id) = (file("/locales/da"), file("/locales/id"));
    assert!(loader.contains(&da) && loader.contains(&id), "{loader}");
    let bad = loader
        .replace(&da, "readiness_locale_da.malformed.json")
        .replace(&id, "readiness_locale_id.missing.json");
    std::fs::write(widget.join("embed-badlocale.js"), bad).unwrap();
    std::fs::write(
        widget.join("readiness_locale_da.malformed.json"),
        r#"["readiness-locale/2","3","da","Dansk"]"#,
    )
    .unwrap();
    for (page, lang, loader) in [
        ("badlocale-da.html", "da", "embed-badlocale.js"),
        ("badlocale-id.html", "id", "embed-badlocale.js"),
    ] {
        let text = article
            .replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1)
            .replacen("/widget/embed.js", &format!("/widget/{loader}"), 1);
        std::fs::write(site.join(page), text).unwrap();
    }
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
    let db = support::fresh_database("locales");
    let endpoint = support::sites::serve(&site, &db, &[]).await;
    let browser = Browser::start(1280, 900).await;
    let mut violations = Vec::new();
    let code = mixed_code();

    for (page, start, result, plan, first_step) in [
        (
            "da.html",
            "Start tjekket",
            "Dit parathedskort",
            "Det skal I arbejde med, det mest presserende først",
            "Tegn 1 af 5",
        ),
        (
            "id.html",
            "Mulai cek",
            "Peta kesiapan Anda",
            "Yang perlu dibenahi, mulai dari yang paling mendesak",
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
    // The team view's figures in Danish too.
    let colleague = finished(40, Verdict::Partly, 0b0111);
    browser
        .open(&format!("{}/da.html#team={code},{colleague}", endpoint.base))
        .await;
    browser.wait_for_text("ud fra teamets median", 20).await;
    violations.extend(audit(&browser, &axe, "da.html team view").await);
    browser
        .js("localStorage.clear(); sessionStorage.clear(); location.hash = '';")
        .await;
    // The page's own CSP notices and favicon 404 are not the widget's; a locale warning would be.
    let warnings: Vec<String> = support::log::browser(&browser.client)
        .await
        .into_iter()
        .filter(|e| e.contains("data-locale") || e.contains("locale file") || e.contains("invalid embed options"))
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

    // A malformed Danish file, a missing Indonesian one: English, a warning, no error box.
    for (page, warning) in [
        ("badlocale-da.html", "a locale file was refused"),
        ("badlocale-id.html", "could not load the locale file for `id`"),
    ] {
        browser
            .open(&format!("{}/{page}?shared#result={code}", endpoint.base))
            .await;
        browser.wait_for_text("Your readiness map", 20).await;
        let text = browser.widget_text().await;
        assert!(!text.contains("could not start"), "{page}: an error box:\n{text}");
        let log = support::log::browser(&browser.client).await;
        assert!(
            log.iter().any(|e| e.starts_with("WARNING") && e.contains(warning)),
            "{page}: no console warning `{warning}`: {log:?}"
        );
        browser.js("localStorage.clear(); sessionStorage.clear();").await;
    }

    let _ = browser.client.clone().close().await;
    endpoint.stop().await;
    let _ = std::fs::remove_dir_all(&site);
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}
