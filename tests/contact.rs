//! The contact hand-off: the consent gate, what is sent, retries, the
//! submission kept for the next visit, refusals. `window.fetch` is replaced
//! by a recorder, so these tests see every request the widget makes.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function stubFetch(plan) {
  const calls = [];
  window.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = await request.clone().text();
    calls.push({ url: request.url, key: request.headers.get('Idempotency-Key'), type: request.headers.get('Content-Type'), body });
    const step = plan[Math.min(calls.length - 1, plan.length - 1)];
    if (step === 'network') throw new TypeError('Failed to fetch');
    const payload = step >= 400 && step < 500
      ? JSON.stringify({ error: 'invalid', field: 'contact.email', reason: 'email: not a valid address' })
      : JSON.stringify({ id: 1 });
    const headers = { 'Content-Type': 'application/json' };
    if (step === 429) headers['Retry-After'] = '0';
    return new Response(payload, { status: step, headers });
  };
  return calls;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = stubFetch)]
    fn stub_fetch(plan: js_sys::Array) -> js_sys::Array;
}

fn plan(steps: &[&str]) -> js_sys::Array {
    steps
        .iter()
        .map(|s| s.parse::<u32>().map_or_else(|_| JsValue::from(*s), JsValue::from))
        .collect()
}

fn call(calls: &js_sys::Array, i: u32, key: &str) -> String {
    prop(&calls.get(i), key).as_string().unwrap_or_default()
}

fn complete_code() -> String {
    let model = Model::current();
    let mut answers = Answers::new();
    for (index, _, question) in model.questions() {
        let answer = match question.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Partly); 5]),
            QuestionKind::Checklist => Answer::Checked(0b0001),
            _ => Answer::Choice(0),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}

/// A widget opened straight on a result, through a result link.
async fn result_widget(instance: &str, extra: &[(&str, &str)]) -> (Element, readiness_widget::WidgetHandle) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(&format!("result={}", complete_code()))
        .unwrap();
    let mut attributes = vec![("data-instance", instance), ("data-retry-delay", "10")];
    attributes.extend_from_slice(extra);
    let mounted = mount(&attributes).await;
    web_sys::window().unwrap().location().set_hash("").unwrap();
    assert!(text(&mounted.0).contains("Your readiness map"));
    mounted
}

async fn type_into(host: &Element, name: &str, value: &str) {
    let input = get(host, &format!(".rw-form [name={name}]"));
    if let Some(field) = input.dyn_ref::<web_sys::HtmlInputElement>() {
        field.set_value(value);
    } else {
        input
            .dyn_ref::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init.unchecked_into()).unwrap())
        .unwrap();
    settle().await;
}

async fn fill_form(host: &Element, message: &str) {
    press(host, "Ask us how to close these gaps").await;
    type_into(host, "name", "Ada Lovelace").await;
    type_into(host, "email", "ada@example.com").await;
    type_into(host, "company", "Engines Ltd").await;
    type_into(host, "message", message).await;
}

async fn consent_and_review(host: &Element) {
    click(&get(host, ".rw-form input[name=consent]")).await;
    press(host, "Review what will be sent").await;
}

#[wasm_bindgen_test]
async fn nothing_is_sent_before_consent_and_the_preview_shows_what_will_be() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(&unique("gate"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "We start in March.").await;
    press(&host, "Review what will be sent").await;
    assert!(
        text(&host).contains("Tick the box to agree before sending."),
        "{}",
        text(&host)
    );
    assert_eq!(calls.length(), 0);

    consent_and_review(&host).await;
    let preview = get(&host, ".rw-preview").text_content().unwrap();
    for expected in [
        "Ada Lovelace",
        "ada@example.com",
        "Engines Ltd",
        "We start in March.",
        "Your readiness map",
        "I agree that my result",
    ] {
        assert!(preview.contains(expected), "preview lacks {expected}: {preview}");
    }
    assert_eq!(calls.length(), 0, "the preview sends nothing");

    press(&host, "Send my result").await;
    until(100, || text(&host).contains("Your result has arrived")).await;
    assert_eq!(calls.length(), 1);
    let key = call(&calls, 0, "key");
    assert!(key.len() == 32 && key.chars().all(|c| c.is_ascii_hexdigit()), "{key}");
    assert_eq!(call(&calls, 0, "type"), "application/json");
    let body = call(&calls, 0, "body");
    assert!(body.contains("\"schema\":\"readiness-contact/1\""), "{body}");
    assert!(body.contains("\"name\":\"Ada Lovelace\""), "{body}");
    assert!(
        body.contains(&format!("\"result_code\":\"{}\"", complete_code())),
        "{body}"
    );
    assert!(body.contains("\"given\":true"), "{body}");
}

#[wasm_bindgen_test]
async fn without_an_endpoint_there_is_no_form_and_no_request() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(&unique("no-endpoint"), &[("data-contact-url", "/contact.html")]).await;
    assert!(!text(&host).contains("Ask us how to close these gaps"));
    let link = get(&host, ".rw-contact a.rw-button");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("/contact.html?readiness={}", complete_code())
    );
    let (bare, _h2) = result_widget(&unique("bare"), &[]).await;
    assert!(find(&bare, ".rw-contact").is_none());
    assert_eq!(calls.length(), 0);
}

#[wasm_bindgen_test]
async fn the_message_can_be_left_out() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(&unique("leave-out"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "Private note").await;
    consent_and_review(&host).await;
    click(&get(&host, ".rw-preview input[name=leave-out-message]")).await;
    press(&host, "Send my result").await;
    until(100, || calls.length() == 1).await;
    assert!(!call(&calls, 0, "body").contains("Private note"));
}

#[wasm_bindgen_test]
async fn network_errors_and_5xx_are_retried_with_the_same_key() {
    let calls = stub_fetch(plan(&["network", "503", "201"]));
    let (host, _h) = result_widget(&unique("retry"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(200, || text(&host).contains("Your result has arrived")).await;
    assert_eq!(calls.length(), 3);
    assert_eq!(call(&calls, 0, "key"), call(&calls, 2, "key"));
}

#[wasm_bindgen_test]
async fn a_double_click_sends_once() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(&unique("double"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    let send = all(&host, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap() == "Send my result")
        .unwrap();
    let button = send.dyn_ref::<web_sys::HtmlElement>().unwrap();
    button.click();
    button.click();
    until(100, || text(&host).contains("Your result has arrived")).await;
    assert_eq!(calls.length(), 1);
}

#[wasm_bindgen_test]
async fn a_4xx_shows_its_reason_and_is_not_retried() {
    let calls = stub_fetch(plan(&["422"]));
    let (host, _h) = result_widget(&unique("refused"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(100, || text(&host).contains("did not accept")).await;
    assert!(text(&host).contains("email: not a valid address"), "{}", text(&host));
    assert_eq!(calls.length(), 1);
}

#[wasm_bindgen_test]
async fn a_429_is_retried_after_retry_after_and_never_loses_the_submission() {
    let calls = stub_fetch(plan(&["429", "201"]));
    let (host, _h) = result_widget(&unique("throttled"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(200, || text(&host).contains("Your result has arrived")).await;
    assert_eq!(calls.length(), 2);
    assert_eq!(call(&calls, 0, "key"), call(&calls, 1, "key"));

    // Throttled on every attempt, on this visit and the next: kept, not dropped.
    let instance = unique("throttled-kept");
    let calls = stub_fetch(plan(&["429"]));
    let (host, mut handle) = result_widget(&instance, &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(300, || text(&host).contains("saved in this browser")).await;
    assert_eq!(calls.length(), 4, "all attempts used");
    let outbox = format!("readiness-widget:v1:{instance}:outbox");
    assert!(local_storage().get_item(&outbox).unwrap().is_some());
    handle.destroy();
    host.remove();
    let later = stub_fetch(plan(&["429"]));
    let (_again, _h) = mount(&[
        ("data-instance", &instance),
        ("data-endpoint", "/contact"),
        ("data-retry-delay", "10"),
    ])
    .await;
    until(300, || later.length() == 4).await;
    assert!(
        local_storage().get_item(&outbox).unwrap().is_some(),
        "still kept after a 429 on the next visit"
    );
}

#[wasm_bindgen_test]
async fn a_failed_submission_is_kept_and_sent_on_the_next_visit() {
    let instance = unique("kept");
    let calls = stub_fetch(plan(&["network"]));
    let (host, mut handle) = result_widget(
        &instance,
        &[
            ("data-endpoint", "/contact"),
            ("data-fallback-contact", "mailto:hi@example.com"),
        ],
    )
    .await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(300, || text(&host).contains("saved in this browser")).await;
    assert_eq!(calls.length(), 4, "all attempts used");
    let mail = get(&host, ".rw-contact a[href^='mailto:']")
        .get_attribute("href")
        .unwrap();
    assert!(mail.starts_with("mailto:hi@example.com?subject="), "{mail}");
    let key = call(&calls, 0, "key");
    let outbox = format!("readiness-widget:v1:{instance}:outbox");
    assert!(local_storage().get_item(&outbox).unwrap().unwrap().contains(&key));
    handle.destroy();
    host.remove();

    // Next visit: the endpoint is back.
    let later = stub_fetch(plan(&["201"]));
    let (again, _h) = mount(&[
        ("data-instance", &instance),
        ("data-endpoint", "/contact"),
        ("data-retry-delay", "10"),
    ])
    .await;
    until(100, || {
        later.length() == 1 && local_storage().get_item(&outbox).unwrap().is_none()
    })
    .await;
    assert_eq!(
        call(&later, 0, "key"),
        key,
        "the same attempt, so the endpoint stores it once"
    );
    until(100, || text(&again).contains("has now been delivered")).await;
}

#[wasm_bindgen_test]
async fn form_format_posts_urlencoded_fields() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(
        &unique("form"),
        &[("data-endpoint", "/contact"), ("data-endpoint-format", "form")],
    )
    .await;
    fill_form(&host, "").await;
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(100, || calls.length() == 1).await;
    assert_eq!(call(&calls, 0, "type"), "application/x-www-form-urlencoded");
    let body = call(&calls, 0, "body");
    assert!(
        body.contains("consent=true") && body.contains("name=Ada+Lovelace"),
        "{body}"
    );
    assert!(
        body.contains(&format!("idempotency_key={}", call(&calls, 0, "key"))),
        "{body}"
    );
}

#[wasm_bindgen_test]
async fn a_restored_result_sends_the_form_time_and_an_empty_hidden_honeypot() {
    let calls = stub_fetch(plan(&["201"]));
    let (host, _h) = result_widget(&unique("form-time"), &[("data-endpoint", "/contact")]).await;
    fill_form(&host, "Autofilled").await;
    let trap = get(&host, ".rw-form .rw-hp");
    assert_eq!(
        trap.get_attribute("aria-hidden").as_deref(),
        Some("true"),
        "hidden from assistive technology"
    );
    let input = get(&host, ".rw-form .rw-hp input[name=website]");
    assert_eq!(
        input.get_attribute("tabindex").as_deref(),
        Some("-1"),
        "out of the tab order"
    );
    consent_and_review(&host).await;
    press(&host, "Send my result").await;
    until(100, || text(&host).contains("Your result has arrived")).await;
    let body = call(&calls, 0, "body");
    assert!(body.contains("\"website\":\"\""), "{body}");
    let form_ms: u64 = body
        .split("\"form_ms\":")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("form_ms is sent: {body}"));
    let elapsed_ms: u64 = body
        .split("\"elapsed_ms\":")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(form_ms <= elapsed_ms.max(form_ms), "{body}");
    assert!(
        form_ms < 60_000,
        "counted from the form's opening, not the page's: {body}"
    );
}
