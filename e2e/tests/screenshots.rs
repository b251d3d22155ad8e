//! Not a test: renders screenshots of the widget for people to look at.
//! `cargo xtask screenshots` (or this test with `--ignored`) writes PNGs of the
//! intro, a question, the result and the contact form, at 320, 375 and 1280 px,
//! light and dark (tall windows, so each state is whole), to
//! target/screenshots/.

mod support;

use support::{finished, free_port, Browser, Endpoint};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn screenshots() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let db = std::env::temp_dir().join(format!("readiness-shots-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    for (width, height) in [(320, 3000), (375, 3000), (1280, 3000)] {
        for dark in [false, true] {
            let scheme = if dark { "dark" } else { "light" };
            let browser = Browser::start_with(width, height, dark).await;
            browser.open(&format!("{}/", endpoint.base)).await;
            let shoot = |name: String| {
                let browser = &browser;
                let path = out.join(name);
                async move {
                    browser
                        .js("document.querySelector('[data-readiness-assessment]').scrollIntoView();")
                        .await;
                    let host = browser
                        .client
                        .find(fantoccini::Locator::Css("[data-readiness-assessment]"))
                        .await
                        .unwrap();
                    std::fs::write(&path, host.screenshot().await.unwrap()).unwrap();
                    println!("wrote {}", path.display());
                }
            };
            shoot(format!("intro-{width}-{scheme}.png")).await;
            browser.press("Start the check").await;
            browser.wait_for_text("Sign 1 of 5", 10).await;
            shoot(format!("question-{width}-{scheme}.png")).await;
            browser.answer_by_keyboard(None).await;
            browser.wait_for_text("Your readiness map", 10).await;
            shoot(format!("result-{width}-{scheme}.png")).await;
            if width == 1280 && !dark {
                // What "Print or save as PDF" gives, through the print stylesheet.
                let pdf = browser
                    .client
                    .print(fantoccini::wd::PrintConfiguration::default())
                    .await
                    .unwrap();
                std::fs::write(out.join("result-print.pdf"), pdf).unwrap();
                println!("wrote {}", out.join("result-print.pdf").display());
            }
            browser.press("Ask us how to close these gaps").await;
            shoot(format!("contact-form-{width}-{scheme}.png")).await;
            browser.fill_contact_form(Some("We plan to start in March.")).await;
            browser.js("document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-contact').scrollIntoView();").await;
            shoot(format!("consent-preview-{width}-{scheme}.png")).await;
            // The saved progress is `1|<result code>|<step>|<time>`.
            let code = browser
                .js("return (localStorage.getItem('readiness-widget:v1:article') || '').split('|')[1] || '';")
                .await;
            browser
                .client
                .goto(&format!(
                    "{}/contact.html?readiness={}",
                    endpoint.base,
                    code.as_str().unwrap_or_default()
                ))
                .await
                .unwrap();
            browser
                .wait_for(
                    "the contact form to be prefilled",
                    20,
                    "const e = document.querySelector('input[name=readiness_overall]'); return !!(e && e.value);",
                )
                .await;
            let page = browser.client.screenshot().await.unwrap();
            let path = out.join(format!("contact-page-{width}-{scheme}.png"));
            std::fs::write(&path, page).unwrap();
            println!("wrote {}", path.display());
            let _ = browser.client.clone().close().await;
        }
    }
    endpoint.stop().await;
}

/// The team view (three results, one with initials, a corrupt entry for the
/// notice) and a retaken result with "since last time" and the team panel, at
/// 375 and 1280 px, light and dark: `team-*.png`, `since-*.png`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn team_screenshots() {
    use readiness_core::Verdict;
    let (a, b, c) = (
        finished(100, Verdict::Yes, 0b1111),
        finished(50, Verdict::Partly, 0b0011),
        finished(0, Verdict::No, 0),
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let db = std::env::temp_dir().join(format!("readiness-team-shots-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    for (width, height) in [(375, 4200), (1280, 3400)] {
        for dark in [false, true] {
            let scheme = if dark { "dark" } else { "light" };
            let browser = Browser::start_with(width, height, dark).await;
            let shoot = |name: String| {
                let browser = &browser;
                let path = out.join(name);
                async move {
                    let host = browser
                        .client
                        .find(fantoccini::Locator::Css("[data-readiness-assessment]"))
                        .await
                        .unwrap();
                    std::fs::write(&path, host.screenshot().await.unwrap()).unwrap();
                    println!("wrote {}", path.display());
                }
            };
            browser
                .open(&format!("{}/#team={a}.AB,{b},{c}.CD,XXXXXXXXXXX", endpoint.base))
                .await;
            browser.wait_for_text("3 results compared", 10).await;
            shoot(format!("team-{width}-{scheme}.png")).await;
            // Take the check twice with different answers: the result shows the change and the team panel.
            browser.press("Start the check").await;
            browser.focus("h2").await;
            browser.answer_by_keyboard(None).await;
            browser.wait_for_text("Your readiness map", 10).await;
            browser.press("Retake the check").await;
            browser.focus("h2").await;
            browser
                .js(
                    "const r = document.querySelector('[data-readiness-assessment]').shadowRoot;
                     for (const q of r.querySelectorAll('fieldset.rw-question')) {
                       const t = q.querySelectorAll('fieldset.rw-ticket');
                       if (t.length) { for (const x of t) x.querySelectorAll('input')[1].click(); continue; }
                       const i = q.querySelectorAll('input'); i[i.length - 1].click();
                     }",
                )
                .await;
            browser.answer_by_keyboard(None).await;
            browser.wait_for_text("Since your last check on", 10).await;
            shoot(format!("since-{width}-{scheme}.png")).await;
            // The team panel on the result (open: the visitor came from a team link), as the viewport shows it.
            browser
                .js("document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw-compare').scrollIntoView();")
                .await;
            let path = out.join(format!("compare-{width}-{scheme}.png"));
            std::fs::write(&path, browser.client.screenshot().await.unwrap()).unwrap();
            println!("wrote {}", path.display());
            let _ = browser.client.clone().close().await;
        }
    }
    endpoint.stop().await;
}

/// The result in Danish and Indonesian (a mixed result, so the plan shows),
/// chosen by the page's `lang` as on a Danish or Indonesian host page, at 375
/// and 1280 px: `result-da-*.png`, `result-id-*.png`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn locale_screenshots() {
    use readiness_core::Verdict;
    let code = finished(40, Verdict::Partly, 0b0011);
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let db = std::env::temp_dir().join(format!("readiness-locale-shots-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    for (width, height) in [(375, 4200), (1280, 3400)] {
        let browser = Browser::start_with(width, height, false).await;
        for (lang, heading) in [("da", "Dit parathedskort"), ("id", "Peta kesiapan Anda")] {
            let path = out.join(format!("result-{lang}-{width}.png"));
            shoot_result(&browser, &endpoint.base, lang, heading, &code, &path).await;
        }
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
}

/// Three contrasting teams' results (ready by the article's "largely" bar;
/// a middling team with two answers that contradict each other; every sign a
/// gap) in English, Danish and Indonesian at 375 and 1280 px:
/// `profiles/result-<profile>-<lang>-<width>.png`. The directory can be moved
/// with `READINESS_SHOTS_DIR`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn profile_screenshots() {
    let out = std::env::var_os("READINESS_SHOTS_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots/profiles"),
        std::path::PathBuf::from,
    );
    std::fs::create_dir_all(&out).unwrap();
    let db = std::env::temp_dir().join(format!("readiness-profile-shots-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    let profiles = [
        ("largely", profile_code(Profile::Largely)),
        ("contradictions", profile_code(Profile::Contradictions)),
        ("groundwork", profile_code(Profile::Groundwork)),
    ];
    for (width, height) in [(375, 7600), (1280, 4800)] {
        let browser = Browser::start_with(width, height, false).await;
        for (lang, heading) in [
            ("en", "Your readiness map"),
            ("da", "Dit parathedskort"),
            ("id", "Peta kesiapan Anda"),
        ] {
            for (name, code) in &profiles {
                let path = out.join(format!("result-{name}-{lang}-{width}.png"));
                shoot_result(&browser, &endpoint.base, lang, heading, code, &path).await;
            }
        }
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
}

enum Profile {
    Largely,
    Contradictions,
    Groundwork,
}

/// A finished check of one of the three profiles, as a result code.
fn profile_code(profile: Profile) -> String {
    use readiness_core::{encode, Answer, Answers, Model, Verdict::*};
    let model = Model::current();
    let mut answers = Answers::new();
    let mut set = |id: &str, answer: Answer| {
        answers.set(model.question_index(id).unwrap(), answer).unwrap();
    };
    let choice = |id: &str, option: &str| {
        let question = model.question(model.question_index(id).unwrap());
        Answer::Choice(question.choices.iter().position(|c| c.id == option).unwrap() as u8)
    };
    let picks: [(&str, &str); 8] = match profile {
        Profile::Largely => {
            set(
                "tickets.last-five",
                Answer::Tickets([Some(Yes), Some(Yes), Some(Partly), Some(Yes), Some(Yes)]),
            );
            set("docs.written", Answer::Checked(0b0111));
            [
                ("tickets.criteria", "most"),
                ("docs.new-engineer", "docs-then-ask"),
                ("spec.owner", "named"),
                ("spec.when", "before"),
                ("spec.time", "planned"),
                ("feedback.specific", "most"),
                ("feedback.follow-up", "rarely"),
                ("unblock.speed", "same-day"),
            ]
        }
        Profile::Contradictions => {
            set("tickets.last-five", Answer::Tickets([Some(Partly); 5]));
            // Everything written, yet a newcomer would ask; same-day answers nobody watches.
            set("docs.written", Answer::Checked(0b1111));
            [
                ("tickets.criteria", "some"),
                ("docs.new-engineer", "ask"),
                ("spec.owner", "whoever"),
                ("spec.when", "before"),
                ("spec.time", "squeezed"),
                ("feedback.specific", "most"),
                ("feedback.follow-up", "sometimes"),
                ("unblock.speed", "same-day"),
            ]
        }
        Profile::Groundwork => {
            set(
                "tickets.last-five",
                Answer::Tickets([Some(No), Some(No), Some(Partly), Some(No), Some(Yes)]),
            );
            set("docs.written", Answer::Checked(0b0001));
            [
                ("tickets.criteria", "none"),
                ("docs.new-engineer", "ask"),
                ("spec.owner", "nobody"),
                ("spec.when", "after"),
                ("spec.time", "nobody"),
                ("feedback.specific", "few"),
                ("feedback.follow-up", "usually"),
                ("unblock.speed", "days"),
            ]
        }
    };
    for (id, option) in picks {
        set(id, choice(id, option));
    }
    let owner = match profile {
        Profile::Largely => "named",
        Profile::Contradictions => "whoever",
        Profile::Groundwork => "whoever",
    };
    set("unblock.owner", choice("unblock.owner", owner));
    assert!(answers.is_complete());
    encode(&answers)
}

/// The sales view: the list, a submission and the overview at 375 and
/// 1280 px, over a few seeded leads: `admin-*.png`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn admin_screenshots() {
    use readiness_core::Verdict;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let db = std::env::temp_dir().join(format!("readiness-admin-shots-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let token = "screenshot-sales-view-token-0123";
    // A webhook nobody answers: each submission shows a pending delivery with its error.
    let hook = format!("http://127.0.0.1:{}/hook", free_port());
    let env = [
        ("READINESS_ADMIN_TOKEN", token),
        ("READINESS_WEBHOOK_URL", hook.as_str()),
        (
            "READINESS_WEBHOOK_SECRET",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwKT2fQx0a",
        ),
        ("READINESS_RETRY_BASE_MS", "3600000"),
    ];
    let endpoint = support::Endpoint::start_with_env(free_port(), &db, &env).await;
    let leads = [
        ("Ada Lovelace", "ada@example.com", finished(50, Verdict::Partly, 0b0011)),
        ("Grace Hopper", "grace@example.com", finished(100, Verdict::Yes, 0b1111)),
        ("Linus Pauling", "linus@example.com", finished(0, Verdict::No, 0)),
        (
            "Katherine Johnson",
            "katherine@example.com",
            finished(50, Verdict::Yes, 0b0111),
        ),
    ];
    for (width, height) in [(375, 2700), (1280, 1700)] {
        let browser = Browser::start(width, height).await;
        browser
            .client
            .goto(&format!("{}/admin/sign-in", endpoint.base))
            .await
            .unwrap();
        if width == 375 {
            for (name, email, code) in &leads {
                assert_eq!(support::post_contact(&browser, name, email, code).await, 201);
            }
        }
        let field = browser.client.find(fantoccini::Locator::Css("#token")).await.unwrap();
        field.send_keys(token).await.unwrap();
        field.send_keys("\u{E007}").await.unwrap();
        for (name, path) in [
            ("list", "/admin".to_owned()),
            ("submission", "/admin/submissions/1".to_owned()),
            ("overview", "/admin/overview".to_owned()),
        ] {
            browser.client.goto(&format!("{}{path}", endpoint.base)).await.unwrap();
            let page = browser.client.screenshot().await.unwrap();
            let file = out.join(format!("admin-{name}-{width}.png"));
            std::fs::write(&file, page).unwrap();
            println!("wrote {}", file.display());
        }
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
    let _ = std::fs::remove_file(&db);
}

/// Opens the result `code` in `lang` (as on a host page with `<html lang="…">`: the widget
/// mounts again and reads it), waits for its `heading`, and writes the widget's screenshot to `path`.
async fn shoot_result(browser: &Browser, base: &str, lang: &str, heading: &str, code: &str, path: &std::path::Path) {
    browser.open(&format!("{base}/")).await;
    browser
        .js(&format!(
            "localStorage.clear(); document.documentElement.lang = '{lang}'; location.hash = 'result={code}';
             ReadinessWidget.mount(document.querySelector('[data-readiness-assessment]'));"
        ))
        .await;
    browser.wait_for_text(heading, 20).await;
    browser
        .js("document.querySelector('[data-readiness-assessment]').scrollIntoView();")
        .await;
    let host = browser
        .client
        .find(fantoccini::Locator::Css("[data-readiness-assessment]"))
        .await
        .unwrap();
    std::fs::write(path, host.screenshot().await.unwrap()).unwrap();
    println!("wrote {}", path.display());
}

/// Issue 22: the plan e-mail's HTML as the endpoint sends it (through the test SMTP server), in
/// Danish, rendered in Chromium from a file (no page CSP, as a mail client shows it) at 375 and
/// 1280 px: `plan-mail-{width}.png`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for review; run with --ignored"]
async fn plan_mail_screenshots() {
    use readiness_core::Verdict;
    use support::smtp::{part, SmtpServer};
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let dir = std::env::temp_dir().join(format!("readiness-plan-shots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("readiness.db");
    let smtp = SmtpServer::start(dir.join("maildir"));
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let endpoint = Endpoint::start_with_env(
        free_port(),
        &db,
        &[
            ("READINESS_SMTP_URL", url.as_str()),
            ("READINESS_NOTIFY_TO", "sales@firm.example"),
        ],
    )
    .await;
    let browser = Browser::start(1280, 900).await;
    browser.client.goto(&format!("{}/", endpoint.base)).await.unwrap();
    let code = finished(50, Verdict::Yes, 0b0111);
    let body = serde_json::json!({
        "schema": "readiness-plan/1", "result_code": code,
        "model_version": readiness_core::Model::current().version, "email": "ada@example.com",
        "consent": { "given": true, "text": "Send min plan til denne adresse; intet andet." },
        "locale": "da", "page_url": format!("{}/?utm_source=nyhedsbrev", endpoint.base),
    });
    let status = browser
        .js(&format!(
            "return fetch('/plan', {{ method: 'POST', headers: {{ 'content-type': 'application/json', 'idempotency-key': 'plan-shots-1' }}, body: JSON.stringify({body}) }}).then(r => r.status);"
        ))
        .await;
    assert_eq!(status, serde_json::json!(202));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while smtp.messages().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let html = part(&smtp.messages()[0], "text/html");
    let file = dir.join("plan-mail.html");
    std::fs::write(&file, html).unwrap();
    let _ = browser.client.clone().close().await;
    for (width, height) in [(375, 3400), (1280, 2500)] {
        let browser = Browser::start(width, height).await;
        browser
            .client
            .goto(&format!("file://{}", file.display()))
            .await
            .unwrap();
        let page = browser.client.screenshot().await.unwrap();
        let path = out.join(format!("plan-mail-{width}.png"));
        std::fs::write(&path, page).unwrap();
        println!("wrote {}", path.display());
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
}
