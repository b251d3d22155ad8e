//! E-mail to sales through a real SMTP server (aiosmtpd over TCP): one
//! multipart message per lead, with the signs, the gaps, the message (escaped
//! in the HTML) and Reply-To the visitor; none for suspected spam.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::smtp::{part, SmtpServer};
use support::*;

#[tokio::test]
async fn each_lead_is_e_mailed_to_sales_and_spam_is_not() {
    let database = temp_db("email");
    let smtp = SmtpServer::start(database.with_file_name("maildir"));
    let server = start_with(database.clone(), |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
        c.notify_to = Some("sales@firm.example".into());
        c.notify_from = "Leads <leads@firm.example>".into();
        c.retry_base_ms = 50;
    })
    .await;
    let mut lead = valid();
    lead["contact"]["name"] = json!("Ada <b>Lovelace</b>");
    lead["contact"]["message"] = json!("Call me <script>alert(1)</script>\nTuesdays & Fridays");
    assert_eq!(post_json(&server, "key-email-0001", &lead).await.status(), 201);
    let mut spam = valid();
    spam["website"] = json!("http://spam.example");
    assert_eq!(post_json(&server, "key-email-0002", &spam).await.status(), 201);

    let connection = rusqlite::Connection::open(&database).unwrap();
    let deliveries = || readiness_endpoint::store::sqlite::list_deliveries(&connection, None).unwrap();
    // The server has the message once DATA ends; the endpoint records it after the server's answer.
    let deadline = Instant::now() + Duration::from_secs(20);
    while (smtp.messages().is_empty() || deliveries().iter().any(|d| d.state.as_str() != "delivered"))
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let deliveries = deliveries();
    assert_eq!(
        deliveries.len(),
        1,
        "no e-mail is queued for suspected spam: {deliveries:?}"
    );
    assert_eq!(deliveries[0].state.as_str(), "delivered");
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1, "one e-mail, for the real lead");
    let message = &messages[0];
    let header = |name: &str| {
        message
            .lines()
            .find(|l| {
                l.to_ascii_lowercase()
                    .starts_with(&format!("{}:", name.to_ascii_lowercase()))
            })
            .unwrap_or_else(|| panic!("no {name} header in {message}"))
            .to_owned()
    };
    assert!(header("Reply-To").contains("ada@example.com"), "{}", header("Reply-To"));
    assert!(header("To").contains("sales@firm.example"));
    assert!(header("From").contains("leads@firm.example"));
    assert!(
        header("Message-ID").contains("msg_1@"),
        "a stable id: {}",
        header("Message-ID")
    );
    assert!(header("Content-Type").contains("multipart/alternative"));

    let plain = part(message, "text/plain");
    assert!(plain.contains("Ada <b>Lovelace</b>, Engines Ltd"), "{plain}");
    assert!(
        plain.contains("Tickets stand on their own: "),
        "the signs with scores: {plain}"
    );
    assert_eq!(
        plain.lines().filter(|l| l.starts_with("- ")).count(),
        5,
        "five signs: {plain}"
    );
    assert!(plain.contains("Gaps to work on, in order: "), "{plain}");
    assert!(
        plain.contains("Call me <script>alert(1)</script>\r\nTuesdays & Fridays")
            || plain.contains("Call me <script>alert(1)</script>\nTuesdays & Fridays"),
        "{plain}"
    );

    let html = part(message, "text/html");
    assert!(
        !html.contains("<script>") && !html.contains("<b>Lovelace"),
        "visitor markup is escaped: {html}"
    );
    assert!(html.contains("Call me &lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;"), "{html}");
    assert!(html.contains("Tuesdays &amp; Fridays"), "{html}");
    assert_eq!(html.matches("<tr>").count(), 5, "a row per sign: {html}");
    server.shutdown().await;
}
