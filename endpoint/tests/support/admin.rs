//! Helpers of the sales view's tests: a server with an admin token, requests
//! with a bearer token or cookies, and readers of what the pages hold.

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use super::*;

pub const TOKEN: &str = "sales-view-token-for-tests-0123";

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn admin_server(name: &str) -> Server {
    start_with(temp_db(name), |c| c.admin_token = Some(TOKEN.into())).await
}

pub async fn get(server: &Server, path: &str, auth: Option<&str>) -> reqwest::Response {
    let mut request = client().get(format!("{}{path}", server.base));
    if let Some(token) = auth {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

pub async fn submit(server: &Server, key: &str, name: &str, email: &str, code: &str) {
    let mut body = valid();
    body["contact"]["name"] = json!(name);
    body["contact"]["email"] = json!(email);
    body["result_code"] = json!(code);
    assert_eq!(post_json(server, key, &body).await.status(), StatusCode::CREATED);
}

/// Sets a stored submission's time of receipt, to test periods.
pub fn received(server: &Server, email: &str, at: &str) {
    let connection = rusqlite::Connection::open(&server.database).unwrap();
    connection
        .execute("UPDATE submissions SET received_at = ?1 WHERE email = ?2", [at, email])
        .unwrap();
}

/// The value of `name="field" value="…"` in a page.
pub fn hidden(html: &str, field: &str) -> String {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {field} in {html}")) + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// `name=value` of a `Set-Cookie` header named `name`.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

pub fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

pub async fn post_form(
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
pub async fn sign_in(server: &Server) -> String {
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

/// All the best answers: every sign strong.
pub fn best() -> String {
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

pub async fn json(server: &Server, path: &str) -> Vec<Value> {
    let answer = get(server, path, Some(TOKEN)).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path}");
    answer.json::<Value>().await.unwrap()["submissions"]
        .as_array()
        .unwrap()
        .clone()
}

pub fn emails(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["email"].as_str().unwrap()).collect()
}

/// [`received`] on either engine: `database` is a SQLite file or a `postgres://` URL.
pub async fn received_on(database: &std::path::Path, email: &str, at: &str) {
    let url = database.to_string_lossy();
    if !url.starts_with("postgres") {
        let connection = rusqlite::Connection::open(database).unwrap();
        connection
            .execute("UPDATE submissions SET received_at = ?1 WHERE email = ?2", [at, email])
            .unwrap();
        return;
    }
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client
        .execute(
            "UPDATE submissions SET received_at = $1 WHERE email = $2",
            &[&at, &email],
        )
        .await
        .unwrap();
}
