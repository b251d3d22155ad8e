//! The sales view: who may see it (token, session cookie, CSRF, Origin,
//! rate limit), what it lists (filters, downloads), and no caching.

mod support;

use readiness_core::{assess, decode, Status};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use support::*;

pub const TOKEN: &str = "sales-view-token-for-tests-0123";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn admin_server(name: &str) -> Server {
    start_with(temp_db(name), |c| c.admin_token = Some(TOKEN.into())).await
}

async fn get(server: &Server, path: &str, auth: Option<&str>) -> reqwest::Response {
    let mut request = client().get(format!("{}{path}", server.base));
    if let Some(token) = auth {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn submit(server: &Server, key: &str, name: &str, email: &str, code: &str) {
    let mut body = valid();
    body["contact"]["name"] = json!(name);
    body["contact"]["email"] = json!(email);
    body["result_code"] = json!(code);
    assert_eq!(post_json(server, key, &body).await.status(), StatusCode::CREATED);
}

/// Sets a stored submission's time of receipt, to test periods.
fn received(server: &Server, email: &str, at: &str) {
    let connection = rusqlite::Connection::open(&server.database).unwrap();
    connection
        .execute("UPDATE submissions SET received_at = ?1 WHERE email = ?2", [at, email])
        .unwrap();
}

/// The value of `name="field" value="…"` in a page.
fn hidden(html: &str, field: &str) -> String {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {field} in {html}")) + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// `name=value` of a `Set-Cookie` header named `name`.
fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn post_form(
    server: &Server,
    path: &str,
    cookies: &str,
    origin: Option<&str>,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{}{path}", server.base))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookies)
        .body(serde_urlencoded::to_string(form).unwrap());
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.send().await.unwrap()
}

/// Signs in through the form; returns the session cookie pair.
async fn sign_in(server: &Server) -> String {
    let page = get(server, "/admin/sign-in", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let pre = pair(&set_cookie(&page, "readiness_admin_sign_in").expect("a pre-session cookie"));
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let origin = server.base.clone();
    let answer = post_form(
        server,
        "/admin/sign-in",
        &pre,
        Some(&origin),
        &[("token", TOKEN), ("csrf", &csrf), ("next", "/admin")],
    )
    .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    pair(&set_cookie(&answer, "readiness_admin").expect("a session cookie"))
}

#[tokio::test]
async fn without_a_token_every_admin_route_is_404() {
    let server = start("admin-off").await;
    submit(&server, "key-admin-off-01", "Ada", "ada@example.com", &code()).await;
    for path in [
        "/admin",
        "/admin/overview",
        "/admin/submissions/1",
        "/admin/export.csv",
        "/admin/sign-in",
        "/admin/admin.css",
    ] {
        let answer = get(&server, path, Some(TOKEN)).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.headers()[header::CACHE_CONTROL], "no-store", "{path}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn the_bearer_token_rules() {
    let server = admin_server("admin-bearer").await;
    submit(
        &server,
        "key-admin-bearer1",
        "Grace Hopper",
        "grace@example.com",
        &code(),
    )
    .await;
    let none = get(&server, "/admin", None).await;
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers()[header::CACHE_CONTROL], "no-store");
    assert!(
        none.text().await.unwrap().contains("name=\"token\""),
        "the sign-in form"
    );
    let wrong = get(&server, "/admin", Some("sales-view-token-for-tests-0124")).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(!wrong.text().await.unwrap().contains("Grace"));
    let right = get(&server, "/admin", Some(TOKEN)).await;
    assert_eq!(right.status(), StatusCode::OK);
    for name in [
        header::CACHE_CONTROL,
        header::CONTENT_SECURITY_POLICY,
        header::X_CONTENT_TYPE_OPTIONS,
    ] {
        assert!(right.headers().contains_key(&name), "{name}");
    }
    assert_eq!(right.headers()[header::CACHE_CONTROL], "no-store");
    assert!(right.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("style-src 'self'"));
    assert!(right.text().await.unwrap().contains("Grace Hopper"));
    let css = get(&server, "/admin/admin.css", None).await;
    assert_eq!(
        (css.status(), css.headers()[header::CACHE_CONTROL].to_str().unwrap()),
        (StatusCode::OK, "no-store")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn the_sign_in_form_sets_a_signed_strict_cookie_and_sign_out_needs_its_csrf() {
    let server = admin_server("admin-cookie").await;
    let page = get(&server, "/admin/sign-in", None).await;
    let pre = pair(&set_cookie(&page, "readiness_admin_sign_in").unwrap());
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let origin = server.base.clone();
    // Without the pre-session cookie the form's CSRF token is refused.
    let forged = post_form(
        &server,
        "/admin/sign-in",
        "",
        Some(&origin),
        &[("token", TOKEN), ("csrf", &csrf)],
    )
    .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(set_cookie(&forged, "readiness_admin").is_none());
    // From another origin: refused before anything else.
    let cross = post_form(
        &server,
        "/admin/sign-in",
        &pre,
        Some("https://evil.example"),
        &[("token", TOKEN), ("csrf", &csrf)],
    )
    .await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    let wrong = post_form(
        &server,
        "/admin/sign-in",
        &pre,
        Some(&origin),
        &[("token", "nope"), ("csrf", &csrf)],
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.text().await.unwrap().contains("That token is not right."));
    let right = post_form(
        &server,
        "/admin/sign-in",
        &pre,
        Some(&origin),
        &[("token", TOKEN), ("csrf", &csrf), ("next", "//evil.example")],
    )
    .await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()[header::LOCATION], "/admin", "no open redirect");
    let cookie = set_cookie(&right, "readiness_admin").unwrap();
    for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains(TOKEN), "the cookie is not the token");
    let session = pair(&cookie);
    let list = client()
        .get(format!("{}/admin", server.base))
        .header(header::COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::OK);
    let csrf = hidden(&list.text().await.unwrap(), "csrf");
    let tampered = session.replacen('.', "1.", 1);
    let refused = client()
        .get(format!("{}/admin", server.base))
        .header(header::COOKIE, &tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    // Sign-out is a state change: it needs the session's CSRF token and our Origin.
    let no_csrf = post_form(&server, "/admin/sign-out", &session, Some(&origin), &[]).await;
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    let out = post_form(&server, "/admin/sign-out", &session, Some(&origin), &[("csrf", &csrf)]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert!(set_cookie(&out, "readiness_admin").unwrap().contains("Max-Age=0"));
    server.shutdown().await;
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_before_the_token_is_compared() {
    let server = admin_server("admin-limit").await;
    for attempt in 0..5 {
        let wrong = get(&server, "/admin", Some(&format!("wrong-{attempt}"))).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let limited = get(&server, "/admin", Some("wrong-again")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
    // Locked out: even the right token is not compared, so a right guess is not told apart.
    assert_eq!(
        get(&server, "/admin", Some(TOKEN)).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let page = get(&server, "/admin/sign-in", None).await;
    let pre = pair(&set_cookie(&page, "readiness_admin_sign_in").unwrap());
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let form = post_form(
        &server,
        "/admin/sign-in",
        &pre,
        None,
        &[("token", TOKEN), ("csrf", &csrf)],
    )
    .await;
    assert_eq!(form.status(), StatusCode::TOO_MANY_REQUESTS);
    server.shutdown().await;
}

#[tokio::test]
async fn erasing_needs_the_csrf_token_and_our_origin_then_says_how_many() {
    let server = admin_server("admin-erase").await;
    submit(&server, "key-admin-erase-1", "Ada", "ada@example.com", &code()).await;
    submit(&server, "key-admin-erase-2", "Ada again", "ADA@example.com", &code()).await;
    submit(&server, "key-admin-erase-3", "Grace", "grace@example.com", &code()).await;
    let session = sign_in(&server).await;
    let confirm = client()
        .get(format!("{}/admin/submissions/1/erase", server.base))
        .header(header::COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), StatusCode::OK);
    let html = confirm.text().await.unwrap();
    assert!(html.contains("2 submissions"), "{html}");
    let csrf = hidden(&html, "csrf");
    let origin = server.base.clone();
    let path = "/admin/submissions/1/erase";
    let cases: [(Option<&str>, &str); 4] = [
        (Some(&origin), ""),
        (Some(&origin), "not-the-token"),
        (Some("https://evil.example"), &csrf),
        (None, &csrf),
    ];
    for (sent_origin, sent_csrf) in cases {
        let refused = post_form(&server, path, &session, sent_origin, &[("csrf", sent_csrf)]).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{sent_origin:?} {sent_csrf}");
    }
    assert_eq!(rows(&server).len(), 3, "nothing erased by a refused request");
    let done = post_form(&server, path, &session, Some(&origin), &[("csrf", &csrf)]).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done
        .text()
        .await
        .unwrap()
        .contains("erased 2 submissions and 0 pending deliveries"));
    let left = rows(&server);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0][column("email")], "grace@example.com");
    server.shutdown().await;
}

/// All the best answers: every sign strong.
fn best() -> String {
    use readiness_core::{encode, Answer, Answers, Model, QuestionKind, Verdict};
    let model = Model::current();
    let mut answers = Answers::new();
    for (index, _, question) in model.questions() {
        let answer = match question.kind {
            QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Yes); 5]),
            QuestionKind::Checklist => Answer::Checked(0b1111),
            _ => Answer::Choice(question.choices.iter().position(|c| c.points == 100).unwrap() as u8),
        };
        answers.set(index, answer).unwrap();
    }
    encode(&answers)
}

async fn json(server: &Server, path: &str) -> Vec<Value> {
    let answer = get(server, path, Some(TOKEN)).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path}");
    answer.json::<Value>().await.unwrap()["submissions"]
        .as_array()
        .unwrap()
        .clone()
}

fn emails(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["email"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_filters_narrow_the_list_and_its_downloads() {
    let server = admin_server("admin-filters").await;
    let mixed = code();
    let weak = assess(&decode(&mixed).unwrap());
    let (sign, status) = weak
        .signs()
        .iter()
        .find(|s| matches!(s.status, Status::Gap | Status::Close))
        .map(|s| (s.sign, s.status))
        .expect("the mixed code has a weak sign");
    submit(
        &server,
        "key-admin-filt-01",
        "=cmd|' /C calc'!A0",
        "weak@example.com",
        &mixed,
    )
    .await;
    submit(&server, "key-admin-filt-02", "Strong Co", "strong@example.com", &best()).await;
    submit(&server, "key-admin-filt-03", "Old Weak", "old@example.com", &mixed).await;
    received(&server, "old@example.com", "2026-01-15T10:00:00Z");
    received(&server, "strong@example.com", "2026-02-01T00:00:00Z");

    let all = json(&server, "/admin/export.json").await;
    assert_eq!(
        emails(&all),
        ["old@example.com", "strong@example.com", "weak@example.com"],
        "newest first"
    );
    let by_sign = json(&server, &format!("/admin/export.json?sign={}", sign.as_str())).await;
    assert_eq!(emails(&by_sign), ["old@example.com", "weak@example.com"]);
    let exact = json(
        &server,
        &format!("/admin/export.json?sign={}&status={}", sign.as_str(), status.as_str()),
    )
    .await;
    assert_eq!(exact.len(), 2);
    let other = if status == Status::Gap { "close" } else { "gap" };
    let none = json(
        &server,
        &format!("/admin/export.json?sign={}&status={other}", sign.as_str()),
    )
    .await;
    assert!(emails(&none).iter().all(|e| *e != "strong@example.com"));
    let january = json(&server, "/admin/export.json?from=2026-01-01&to=2026-01-31").await;
    assert_eq!(emails(&january), ["old@example.com"]);
    let to_inclusive = json(&server, "/admin/export.json?to=2026-02-01").await;
    assert_eq!(emails(&to_inclusive), ["old@example.com", "strong@example.com"]);
    let since = json(&server, "/admin/export.json?from=2026-03-01").await;
    assert_eq!(emails(&since), ["weak@example.com"]);

    let list = get(
        &server,
        &format!("/admin?sign={}&status=gap-or-close", sign.as_str()),
        Some(TOKEN),
    )
    .await;
    let html = list.text().await.unwrap();
    assert!(
        html.contains("2 submissions match") && !html.contains("Strong Co"),
        "{html}"
    );
    let csv = get(
        &server,
        &format!("/admin/export.csv?sign={}", sign.as_str()),
        Some(TOKEN),
    )
    .await;
    assert!(csv.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.contains("'=cmd|"), "formula-safe: {text}");
    assert_eq!(text.lines().count(), 3, "a header and two rows: {text}");
    let bad = get(&server, "/admin?sign=speed", Some(TOKEN)).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("not one of the five signs"));

    let overview = get(&server, "/admin/overview?from=2026-01-01", Some(TOKEN))
        .await
        .text()
        .await
        .unwrap();
    assert!(overview.contains("3 submissions since 2026-01-01"), "{overview}");
    let title = readiness_core::Locale::english().sign(sign).title;
    let counts = if status == Status::Gap {
        "<td>1</td><td>0</td><td>2</td>"
    } else {
        "<td>1</td><td>2</td><td>0</td>"
    };
    assert!(
        overview.contains(&format!("<th scope=\"row\">{title}</th>{counts}")),
        "{overview}"
    );
    assert!(overview.contains("<svg"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_submission_page_shows_the_map_scored_again_and_the_consent_text() {
    let server = admin_server("admin-detail").await;
    submit(&server, "key-admin-detail1", "Ada <script>", "ada@example.com", &code()).await;
    let page = get(&server, "/admin/submissions/1", Some(TOKEN)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Ada &lt;script&gt;") && !html.contains("Ada <script>"),
        "escaped"
    );
    assert!(html.contains("I agree that my result is sent."));
    let report = assess(&decode(&code()).unwrap());
    for sign in report.signs() {
        let title = readiness_core::Locale::english().sign(sign.sign).title;
        assert!(
            html.contains(&format!("<th scope=\"row\">{title}</th><td>{}</td>", sign.score)),
            "{title}"
        );
    }
    assert!(html.contains("<svg"));
    assert!(
        !html.contains("<script") && !html.contains("style="),
        "nothing the CSP would block"
    );
    assert_eq!(
        get(&server, "/admin/submissions/99", Some(TOKEN)).await.status(),
        StatusCode::NOT_FOUND
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_short_admin_token_stops_the_start() {
    let config = readiness_endpoint::Config {
        admin_token: Some("short".into()),
        ..readiness_endpoint::Config::for_database(temp_db("admin-short"))
    };
    let error = readiness_endpoint::serve(config, |_| {}, async {}).await.unwrap_err();
    assert!(error.to_string().contains("at least 16 characters"), "{error}");
}

#[tokio::test]
async fn the_json_download_is_in_the_openapi_document_and_validates_against_it() {
    let server = admin_server("admin-openapi").await;
    submit(&server, "key-admin-oapi-01", "Ada", "ada@example.com", &code()).await;
    let document: Value = get(&server, "/openapi.json", None).await.json().await.unwrap();
    let operation = &document["paths"]["/admin/export.json"]["get"];
    assert_eq!(operation["security"][0]["admin_token"], json!([]), "{operation}");
    assert_eq!(
        document["components"]["securitySchemes"]["admin_token"]["scheme"],
        "bearer"
    );
    let names: Vec<&str> = operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sign", "status", "from", "to", "page"]);
    assert!(document["paths"]["/admin/export.csv"]["get"]["responses"]["200"]["content"]["text/csv"].is_object());
    let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/Export");
    let schema = json!({ "$ref": schema["$ref"], "components": document["components"] });
    let export = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let body: Value = get(&server, "/admin/export.json", Some(TOKEN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["submissions"].as_array().unwrap().len(), 1);
    assert!(export.is_valid(&body), "{body}");
    assert!(
        !export.is_valid(&json!({ "submissions": [{ "id": 1 }] })),
        "cells are text"
    );
    server.shutdown().await;
}
