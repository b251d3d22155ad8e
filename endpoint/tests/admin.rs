//! The sales view's access rules: 404 without a token, the bearer token,
//! the sign-in form's signed cookie, CSRF and Origin on state changes, the
//! limit of failed sign-ins, no caching, a short token refused at start.

mod support;

use reqwest::{header, StatusCode};
use support::admin::*;
use support::*;

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
async fn a_line_break_in_next_signs_in_to_the_list_instead_of_failing() {
    let server = admin_server("admin-next-crlf").await;
    let origin = server.base.clone();
    for (i, next) in [
        "/admin?page=2\r\nSet-Cookie: x=1",
        "/admin\n",
        "/admin/overview\u{7f}",
        "/admin?q=é",
    ]
    .into_iter()
    .enumerate()
    {
        let page = get(&server, "/admin/sign-in", None).await;
        let pre = pair(&set_cookie(&page, "readiness_admin_sign_in").unwrap());
        let csrf = hidden(&page.text().await.unwrap(), "csrf");
        let right = post_form(
            &server,
            "/admin/sign-in",
            &pre,
            Some(&origin),
            &[("token", TOKEN), ("csrf", &csrf), ("next", next)],
        )
        .await;
        assert_eq!(right.status(), StatusCode::SEE_OTHER, "case {i}: {next:?}");
        assert_eq!(right.headers()[header::LOCATION], "/admin", "case {i}");
        assert!(set_cookie(&right, "readiness_admin").is_some(), "case {i}: signed in");
        assert!(set_cookie(&right, "x").is_none(), "case {i}: no header smuggled in");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_before_the_token_is_compared() {
    let server = admin_server("admin-limit").await;
    // A session signed in before the lockout keeps working through it.
    let page = get(&server, "/admin/sign-in", None).await;
    let pre = pair(&set_cookie(&page, "readiness_admin_sign_in").unwrap());
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let signed_in = post_form(
        &server,
        "/admin/sign-in",
        &pre,
        Some(&server.base),
        &[("token", TOKEN), ("csrf", &csrf)],
    )
    .await;
    let session = pair(&set_cookie(&signed_in, "readiness_admin").unwrap());
    for attempt in 0..5 {
        let wrong = get(&server, "/admin", Some(&format!("wrong-{attempt}"))).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let limited = get(&server, "/admin", Some("wrong-again")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
    // The page says why even the right token waits, and what still works.
    let why = limited.text().await.unwrap();
    assert!(why.contains("not even the right one"), "{why}");
    assert!(why.contains("already signed in"), "{why}");
    let kept = client()
        .get(format!("{}/admin", server.base))
        .header(header::COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), StatusCode::OK, "the earlier session is not locked out");
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

#[tokio::test]
async fn a_short_admin_token_stops_the_start() {
    let config = readiness_endpoint::Config {
        admin_token: Some("short".into()),
        ..readiness_endpoint::Config::for_database(temp_db("admin-short"))
    };
    let error = readiness_endpoint::serve(config, |_| {}, async {}).await.unwrap_err();
    assert!(error.to_string().contains("at least 16 characters"), "{error}");
}
