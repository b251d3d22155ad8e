//! axe-core's WCAG 2.x A/AA rules, run inside the widget's open shadow root
//! at each step of the journey, light and dark, phone and desktop.

mod support;

use support::{audit, finished, free_port, Browser, Endpoint};

#[tokio::test(flavor = "multi_thread")]
async fn every_step_passes_axe_wcag_a_and_aa() {
    let axe_path = std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`");
    let axe = std::fs::read_to_string(&axe_path).expect("axe-core is installed");
    let db = std::env::temp_dir().join(format!("readiness-axe-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    let mut violations = Vec::new();
    for (width, dark) in [(375, true), (1280, false)] {
        let browser = Browser::start_with(width, 900, dark).await;
        browser.open(&format!("{}/", endpoint.base)).await;
        let at = |step: &str| format!("{width}px {} {step}", if dark { "dark" } else { "light" });
        violations.extend(audit(&browser, &axe, &at("intro")).await);
        browser.press("Start the check").await;
        browser.press("Next sign").await;
        browser.wait_for_text("Answer every question on this step", 10).await;
        violations.extend(audit(&browser, &axe, &at("sign 1 with missing answers")).await);
        browser.focus("h2").await;
        browser.answer_by_keyboard(None).await;
        browser.wait_for_text("Your readiness map", 10).await;
        violations.extend(audit(&browser, &axe, &at("result")).await);
        browser.press("Ask us how to close these gaps").await;
        browser.press("Review what will be sent").await;
        violations.extend(audit(&browser, &axe, &at("contact form with errors")).await);
        browser.fill_contact_form(Some("Hello")).await;
        violations.extend(audit(&browser, &axe, &at("preview")).await);
        // Control: axe must see inside the shadow root, or the audits above prove nothing.
        browser
            .js("document.querySelector('[data-readiness-assessment]').shadowRoot.querySelector('.rw').append(document.createElement('img'));")
            .await;
        let control = audit(&browser, &axe, "control").await;
        assert!(
            control.iter().any(|v| v.contains("image-alt")),
            "axe did not audit the shadow root: {control:?}"
        );
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}

/// Two finished results with different answers, for a team link.
fn team_codes() -> [String; 2] {
    use readiness_core::Verdict;
    [finished(100, Verdict::Yes, 0b1111), finished(0, Verdict::No, 0)]
}

#[tokio::test(flavor = "multi_thread")]
async fn the_team_view_passes_axe_wcag_a_and_aa() {
    let axe_path = std::env::var("READINESS_AXE").expect("READINESS_AXE is set by `cargo xtask test`");
    let axe = std::fs::read_to_string(&axe_path).expect("axe-core is installed");
    let db = std::env::temp_dir().join(format!("readiness-axe-team-{}.db", std::process::id()));
    let endpoint = Endpoint::start(free_port(), &db).await;
    let [a, b] = team_codes();
    let mut violations = Vec::new();
    for (width, dark) in [(375, false), (1280, true)] {
        let browser = Browser::start_with(width, 900, dark).await;
        // A corrupt third entry, so the notice is audited too.
        browser
            .open(&format!("{}/#team={a}.AB,{b},XXXXXXXXXXX", endpoint.base))
            .await;
        browser.wait_for_text("2 results compared", 10).await;
        let at = |step: &str| format!("{width}px {} {step}", if dark { "dark" } else { "light" });
        violations.extend(audit(&browser, &axe, &at("team view")).await);
        // Take the check from the team view, then the result with the team panel open.
        browser.press("Start the check").await;
        browser.focus("h2").await;
        browser.answer_by_keyboard(None).await;
        browser.wait_for_text("Your readiness map", 10).await;
        // Invited: the team panel is open on the result, with the link holding everyone.
        browser.wait_for_text("Team link", 10).await;
        violations.extend(audit(&browser, &axe, &at("result with the team panel")).await);
        let _ = browser.client.clone().close().await;
    }
    endpoint.stop().await;
    assert!(violations.is_empty(), "axe found:\n{}", violations.join("\n"));
}
