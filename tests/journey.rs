//! The visitor's journey in a real browser: intro, five signs, result,
//! back and next, explanations for missing answers, events.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn intro_says_what_it_is_and_that_nothing_leaves_the_browser() {
    let (host, _handle) = mount(&[("data-instance", &unique("intro"))]).await;
    let intro = text(&host);
    assert!(
        intro.contains("Is your team ready for a remote backend contractor?"),
        "{intro}"
    );
    // The figures the visitor will meet, from the model: 9–11 questions
    // (two are asked only after a given answer), about 8 minutes.
    assert!(intro.contains("9–11 questions"), "{intro}");
    assert!(intro.contains("About 8 minutes"), "{intro}");
    assert!(intro.contains("Nothing is sent anywhere unless you choose"), "{intro}");
    assert!(
        find(&host, "[role=status]").is_some(),
        "the live region exists before it speaks"
    );
}

#[wasm_bindgen_test]
async fn the_whole_journey_ends_in_a_result_and_a_complete_event() {
    let (host, _handle) = mount(&[("data-instance", &unique("journey"))]).await;
    let complete = record(&host, "complete");
    let steps = record(&host, "step");
    press(&host, "Start the check").await;
    for sign in 0..5 {
        assert!(
            text(&host).contains(&format!("Sign {} of 5", sign + 1)),
            "{}",
            text(&host)
        );
        answer_step_best(&host).await;
        press(&host, if sign == 4 { "See my result" } else { "Next sign" }).await;
    }
    let result = text(&host);
    assert!(result.contains("Your readiness map"), "{result}");
    assert!(result.contains("Ready to start"), "{result}");
    assert!(find(&host, "svg.rw-chart").is_some());
    assert_eq!(all(&host, "rect.rw-chart-bar").len(), 5);

    assert_eq!(steps.borrow().len(), 6, "five signs and the result");
    let events = complete.borrow();
    assert_eq!(events.len(), 1);
    let detail = &events[0];
    assert_eq!(js_sys::Array::from(&prop(detail, "signs")).length(), 5);
    assert_eq!(
        prop(&prop(&prop(detail, "scores"), "feedback"), "score").as_f64(),
        Some(100.0)
    );
    assert_eq!(prop(detail, "overall").as_string().as_deref(), Some("ready"));
    assert_eq!(prop(detail, "modelVersion").as_f64(), Some(3.0));
    let code = prop(detail, "resultCode").as_string().unwrap();
    assert!(readiness_core::decode(&code).unwrap().is_complete());
}

#[wasm_bindgen_test]
async fn focus_moves_to_the_new_steps_heading() {
    let (host, _handle) = mount(&[("data-instance", &unique("focus"))]).await;
    press(&host, "Start the check").await;
    let active = shadow(&host)
        .active_element()
        .expect("something has focus in the widget");
    assert_eq!(active.tag_name(), "H2");
    assert_eq!(active.text_content().unwrap(), "Tickets stand on their own");
}

#[wasm_bindgen_test]
async fn next_with_open_questions_explains_what_is_missing() {
    let (host, _handle) = mount(&[("data-instance", &unique("missing"))]).await;
    press(&host, "Start the check").await;
    choose(&host, 1, "All five").await;
    press(&host, "Next sign").await;
    let summary = get(&host, ".rw-error-summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let message = summary.text_content().unwrap();
    assert!(message.contains("Last five tickets"), "{message}");
    assert!(
        !message.contains("Written definition of done"),
        "answered questions are not listed: {message}"
    );
    assert_eq!(all(&host, "fieldset.rw-missing").len(), 1);
    assert!(text(&host).contains("Sign 1 of 5"), "the step did not move");
}

#[wasm_bindgen_test]
async fn back_keeps_answers_and_they_can_be_changed() {
    let (host, _handle) = mount(&[("data-instance", &unique("back"))]).await;
    press(&host, "Start the check").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    press(&host, "Back").await;
    assert!(text(&host).contains("Sign 1 of 5"));
    let checked = all(&host, "input:checked").len();
    assert_eq!(checked, 5 + 1, "five ticket verdicts and a choice are still ticked");
    choose(&host, 1, "None").await;
    assert!(text(&host).contains(&answered(2)), "{}", text(&host));
    press(&host, "Back").await;
    assert!(text(&host).contains("Start the check") || text(&host).contains("Continue where you left off"));
}

#[wasm_bindgen_test]
async fn a_checklist_can_say_none_exist() {
    let (host, _handle) = mount(&[("data-instance", &unique("none"))]).await;
    press(&host, "Start the check").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    let none = get(&host, "input[name$='docs-written-none']");
    click(&none).await;
    choose(&host, 1, "By asking someone").await;
    press(&host, "Next sign").await;
    assert!(
        text(&host).contains("Sign 3 of 5"),
        "an empty checklist is a valid answer"
    );
}

#[wasm_bindgen_test]
async fn a_weak_result_lists_gaps_with_next_steps_and_costs() {
    let (host, _handle) = mount(&[("data-instance", &unique("weak"))]).await;
    press(&host, "Start the check").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    answer_step_best(&host).await;
    press(&host, "Next sign").await;
    choose(&host, 0, "Two or more working days later").await;
    choose(&host, 1, "We would choose someone when it starts").await;
    press(&host, "See my result").await;
    let result = text(&host);
    assert!(result.contains("A few focused gaps"), "{result}");
    assert!(result.contains("What to work on, most urgent first"), "{result}");
    // Unblocking: days (0·3) + chosen later (40·2) = 16, a gap of one week.
    assert!(result.contains("Rough time needed: about a week"), "{result}");
    assert!(
        result.contains("this takes about a week before a first engagement"),
        "{result}"
    );
    assert!(
        result.contains("Answer time: Two or more working days later (−60)"),
        "{result}"
    );
    // Per-answer steps naming who takes them, the costliest answer's first.
    let days = result
        .find("The founder or tech lead sets the rule that written questions are answered")
        .expect("the answer-time step");
    let owner = result
        .find("The founder picks that person now")
        .expect("the owner step");
    assert!(days < owner, "{result}");
    assert!(result.contains("Where you are strong"), "{result}");
    assert_eq!(all(&host, "rect.rw-bar-gap").len(), 1);
}

#[wasm_bindgen_test]
async fn two_instances_on_one_page_are_independent() {
    let (first, _a) = mount(&[("data-instance", &unique("one"))]).await;
    let (second, _b) = mount(&[("data-instance", &unique("two"))]).await;
    press(&first, "Start the check").await;
    assert!(text(&first).contains("Sign 1 of 5"));
    assert!(
        text(&second).contains("Start the check"),
        "the second widget did not move"
    );
    answer_step_best(&first).await;
    assert_eq!(all(&second, "input:checked").len(), 0);
}

#[wasm_bindgen_test]
async fn a_hostile_host_stylesheet_does_not_reach_inside() {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some("* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } button { display: none !important; } .rw-button { display: none !important; }"));
    document().head().unwrap().append_child(&style).unwrap();
    let (host, _handle) = mount(&[("data-instance", &unique("hostile"))]).await;
    let button = get(&host, "button");
    let computed = web_sys::window().unwrap().get_computed_style(&button).unwrap().unwrap();
    assert_ne!(computed.get_property_value("display").unwrap(), "none");
    style.remove();
}

#[wasm_bindgen_test]
async fn milestones_go_to_the_data_layer_when_the_page_has_one() {
    let window = web_sys::window().unwrap();
    let layer = js_sys::Array::new();
    js_sys::Reflect::set(&window, &"dataLayer".into(), &layer).unwrap();
    let (host, _handle) = mount(&[("data-instance", &unique("datalayer"))]).await;
    press(&host, "Start the check").await;
    let events: Vec<String> = layer.iter().map(|e| prop(&e, "event").as_string().unwrap()).collect();
    js_sys::Reflect::delete_property(&window, &"dataLayer".into()).unwrap();
    assert_eq!(events, ["readiness_ready", "readiness_step"]);
    assert_eq!(
        prop(&prop(&layer.get(1), "readiness"), "step").as_string().as_deref(),
        Some("tickets")
    );
}

#[wasm_bindgen_test]
async fn when_and_time_of_specs_are_asked_only_when_someone_writes_them() {
    let (host, _handle) = mount(&[("data-instance", &unique("shown-when"))]).await;
    press(&host, "Start the check").await;
    for _ in 0..2 {
        answer_step_best(&host).await;
        press(&host, "Next sign").await;
    }
    assert!(text(&host).contains("Someone owns the specs"));
    let asked = |host: &web_sys::Element| {
        all(
            host,
            "fieldset[data-question='spec.when'], fieldset[data-question='spec.time']",
        )
        .len()
    };
    assert_eq!(asked(&host), 0, "not asked before the spec question is answered");
    choose(&host, 0, "One named person").await;
    assert_eq!(asked(&host), 2);
    choose(
        &host,
        0,
        "Nobody ahead of time: the engineer who takes the work sorts out the details",
    )
    .await;
    assert_eq!(asked(&host), 0, "nobody writes specs: when and time are not asked");
    // The step is complete without them, and the total shrinks by two.
    let page = text(&host);
    assert!(
        page.contains(&format!(
            "5 of {} questions answered",
            readiness_core::Model::current().question_count() - 2
        )),
        "{page}"
    );
    press(&host, "Next sign").await;
    assert!(
        text(&host).contains("Feedback is written and specific"),
        "{}",
        text(&host)
    );
}
