//! The team view in a real browser: a team link opens the comparison, a
//! corrupt code is skipped with a notice, `readiness:team` carries medians and
//! spreads, an invitation leads to a link with both results, and pasting adds
//! teammates.
#![cfg(all(target_arch = "wasm32", feature = "team-view"))]

mod common;

use common::*;
use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A widget, rendered.
async fn mount_connected(name: &str) -> (Element, readiness_widget::WidgetHandle) {
    let host = host(&[("data-instance", &unique(name))]);
    let handle = readiness_widget::mount(host.clone(), wasm_bindgen::JsValue::UNDEFINED);
    settle().await;
    (host, handle)
}

fn set_hash(hash: &str) {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
}

/// Every question answered with the option worth `points` where there is one
/// (else the lowest), tickets all `verdict`, checklists `mask`.
fn finished(points: u8, verdict: Verdict, mask: u8) -> String {
    let mut answers = Answers::new();
    for (index, _, q) in Model::current().questions() {
        let answer = match q.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(verdict); 5]),
            QuestionKind::Checklist => Answer::Checked(mask),
            _ => Answer::Choice(
                q.choices
                    .iter()
                    .position(|c| c.points == points)
                    .unwrap_or_else(|| q.choices.iter().enumerate().min_by_key(|(_, c)| c.points).unwrap().0)
                    as u8,
            ),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}

fn three_codes() -> [String; 3] {
    [
        finished(100, Verdict::Yes, 0b1111),
        finished(100, Verdict::Yes, 0b1111),
        finished(0, Verdict::No, 0),
    ]
}

async fn mount_with_hash(name: &str, hash: &str) -> (Element, readiness_widget::WidgetHandle) {
    set_hash(hash);
    let host = host(&[("data-instance", &unique(name))]);
    let team = record(&host, "team");
    let handle = readiness_widget::mount(host.clone(), wasm_bindgen::JsValue::UNDEFINED);
    settle().await;
    set_hash("");
    // The event fired during mount: keep the recording reachable on the element.
    js_sys::Reflect::set(
        &host,
        &"__teamEvents".into(),
        &js_sys::Array::from_iter(team.borrow().iter()),
    )
    .unwrap();
    (host, handle)
}

#[wasm_bindgen_test]
async fn a_team_link_with_three_codes_shows_three_members_on_each_sign() {
    let [a, b, c] = three_codes();
    let (host, _handle) = mount_with_hash("team3", &format!("team={a}.AB,{b},{c}.cd")).await;
    let view = text(&host);
    assert!(view.contains("Your team's readiness map"), "{view}");
    assert!(view.contains("3 results compared"), "{view}");
    assert_eq!(
        all(&host, "circle.rw-team-dot").len(),
        15,
        "three members on each of five signs"
    );
    assert_eq!(
        all(&host, "text.rw-team-initials").len(),
        10,
        "initials only where given"
    );
    let signs = all(&host, "li.rw-team-sign");
    assert_eq!(signs.len(), 5);
    assert!(
        signs[0].closest("ul.rw-team-disagree").unwrap().is_some(),
        "a disagreeing sign comes first"
    );
    assert!(view.contains("Spread 100 points"), "{view}");
    assert!(view.contains("2 say “All five”"), "{view}");
    let events = js_sys::Array::from(&js_sys::Reflect::get(&host, &"__teamEvents".into()).unwrap());
    assert_eq!(events.length(), 1, "one readiness:team event");
    let detail = events.get(0);
    assert_eq!(prop(&detail, "members").as_f64(), Some(3.0));
    assert_eq!(prop(&prop(&detail, "spreads"), "tickets").as_f64(), Some(100.0));
    assert_eq!(prop(&prop(&detail, "medians"), "tickets").as_f64(), Some(100.0));
    assert_eq!(js_sys::Array::from(&prop(&detail, "signs")).length(), 5);
}

/// Made by `encode` on issue-20 at 4ef5bd2 (model version 2): every answer best; the
/// team issue 20 calls ready by the article's "largely" bar; a mixed team.
const V2_TEAM: &str = "team=AlVL9KVQRFo.AB,AllXeKlQkLI,Am5dHU6ghYI.cd";

#[wasm_bindgen_test]
async fn a_team_link_of_the_previous_model_version_still_opens_scored_today() {
    let (host, _handle) = mount_with_hash("team-v2", V2_TEAM).await;
    let view = text(&host);
    assert!(view.contains("3 results compared"), "{view}");
    assert!(
        !view.contains("was left out"),
        "every kept code opens as a finished check: {view}"
    );
    assert_eq!(all(&host, "circle.rw-team-dot").len(), 15);
    let events = js_sys::Array::from(&js_sys::Reflect::get(&host, &"__teamEvents".into()).unwrap());
    let medians = prop(&events.get(0), "medians");
    // Scored by model version 3: the median member is the "largely" team, strong on every sign.
    for (sign, median) in [
        ("tickets", 86.0),
        ("documentation", 83.0),
        ("spec-ownership", 100.0),
        ("feedback", 88.0),
        ("unblocking", 100.0),
    ] {
        assert_eq!(prop(&medians, sign).as_f64(), Some(median), "{sign}");
    }
    assert!(view.contains("Ready to start"), "{view}");
}

#[wasm_bindgen_test]
async fn a_corrupt_code_is_left_out_with_a_notice() {
    let [a, _, c] = three_codes();
    let (host, _handle) = mount_with_hash("team-corrupt", &format!("team={a},XXXXXXXXXXX,{c}")).await;
    let view = text(&host);
    assert!(view.contains("2 results compared"), "{view}");
    assert!(view.contains("Result 2 in the link was left out"), "{view}");
    assert_eq!(all(&host, "circle.rw-team-dot").len(), 10);
    press(&host, "Dismiss").await;
    assert!(!text(&host).contains("was left out"));
}

#[wasm_bindgen_test]
async fn an_invitation_says_so_and_the_finished_check_gives_a_team_link_with_both() {
    let colleague = finished(0, Verdict::No, 0);
    let (host, _handle) = mount_with_hash("team-invite", &format!("team={colleague}.XY")).await;
    assert!(
        text(&host).contains("A colleague invited you to compare"),
        "{}",
        text(&host)
    );
    complete_journey(&host).await;
    let link = get(&host, "input.rw-team-link")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .value();
    assert!(link.contains(&format!("#team={colleague}.XY,")), "{link}");
    press(&host, "See the team view").await;
    assert!(text(&host).contains("2 results compared"), "{}", text(&host));
    press(&host, "Back to my own result").await;
    assert!(text(&host).contains("Your readiness map"));
}

#[wasm_bindgen_test]
async fn pasting_a_teammates_link_opens_the_team_view() {
    let (host, _handle) = mount_connected("team-paste").await;
    complete_journey(&host).await;
    press(&host, "Compare with your team").await;
    let area = get(&host, ".rw-team-paste textarea")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap();
    area.set_value("nothing useful here");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    press(&host, "Add to the comparison").await;
    assert!(text(&host).contains("was left out"), "{}", text(&host));
    let teammate = finished(0, Verdict::No, 0);
    let area = get(&host, ".rw-team-paste textarea")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap();
    area.set_value(&format!("https://example.test/article#result={teammate}"));
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    press(&host, "Add to the comparison").await;
    assert!(text(&host).contains("2 results compared"), "{}", text(&host));
    assert_eq!(all(&host, "circle.rw-team-dot").len(), 10);
}
