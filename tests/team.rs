//! "Since last time" in a real browser: a retake with other answers shows the
//! change per sign, and forgetting clears it. (The team view's component tests
//! live with the team module: `team/tests/team.rs`.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use readiness_core::Model;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Answers every question of the step with its weakest answer.
async fn answer_step_worst(host: &Element) {
    for fieldset in all(host, "fieldset.rw-question") {
        let tickets = fieldset.query_selector_all("fieldset.rw-ticket").unwrap();
        if tickets.length() > 0 {
            for i in 0..tickets.length() {
                let ticket: Element = tickets.get(i).unwrap().dyn_into().unwrap();
                let radios = ticket.query_selector_all("input").unwrap();
                click(&radios.get(radios.length() - 1).unwrap().dyn_into().unwrap()).await;
            }
            continue;
        }
        let boxes = fieldset.query_selector_all("input[type=checkbox]").unwrap();
        if boxes.length() > 0 {
            click(&boxes.get(boxes.length() - 1).unwrap().dyn_into().unwrap()).await;
            continue;
        }
        let id = fieldset.get_attribute("data-question").unwrap();
        let model = Model::current();
        let question = model.question(model.question_index(&id).unwrap());
        let worst = question
            .choices
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| c.points)
            .unwrap()
            .0;
        let radios = fieldset.query_selector_all("input[type=radio]").unwrap();
        click(&radios.get(worst as u32).unwrap().dyn_into().unwrap()).await;
    }
}

#[wasm_bindgen_test]
async fn a_retake_with_other_answers_shows_the_change_per_sign_and_forget_clears_it() {
    let (host, _handle) = mount(&[("data-instance", &unique("since"))]).await;
    press(&host, "Start the check").await;
    for sign in 0..5 {
        answer_step_worst(&host).await;
        press(&host, if sign == 4 { "See my result" } else { "Next sign" }).await;
    }
    assert!(
        find(&host, ".rw-since").is_none(),
        "nothing to compare on the first check"
    );
    press(&host, "Retake the check").await;
    for sign in 0..5 {
        answer_step_best(&host).await;
        press(&host, if sign == 4 { "See my result" } else { "Next sign" }).await;
    }
    let since = get(&host, ".rw-since").text_content().unwrap();
    assert!(since.contains("Since your last check on"), "{since}");
    assert_eq!(all(&host, ".rw-since li").len(), 5);
    assert!(
        since.contains("Tickets stand on their own: +100 since last time"),
        "{since}"
    );
    press(&host, "Forget my answers").await;
    complete_journey(&host).await;
    assert!(find(&host, ".rw-since").is_none(), "forgotten with the answers");
}
