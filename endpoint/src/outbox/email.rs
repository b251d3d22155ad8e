//! E-mail to sales over SMTP (lettre): one multipart message (plain text and
//! HTML) per lead with the five signs and their scores, the gaps to work on,
//! the visitor's message, and `Reply-To` the visitor. Rendered from the
//! stored `lead.created` event, so every retry sends the same message (its
//! `Message-ID` is the delivery's id). Every visitor string is escaped in the
//! HTML. Suspected spam is never e-mailed (no row is enqueued for it).

use email_encoding::headers::{rfc2047, writer::EmailWriter};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use readiness_core::{Locale, SignId};
use serde_json::Value;

use super::outcome::Outcome;
use crate::store::Claimed;

/// The SMTP relay and the addresses, checked at start.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url`: `smtp://host:port` (plain; add `?tls=required` for STARTTLS) or
    /// `smtps://user:pass@host` (TLS); `from`: a mailbox like `Leads <leads@firm.example>`.
    pub fn new(url: &str, from: &str, timeout: std::time::Duration) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("READINESS_SMTP_URL: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("READINESS_NOTIFY_FROM `{from}`: {e}"))?;
        Ok(Mailer { transport, from })
    }

    /// The From mailbox (issue 22: the plan e-mail goes from it too).
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// The SMTP transport (issue 22: the plan e-mail goes through it too).
    pub fn transport(&self) -> &AsyncSmtpTransport<Tokio1Executor> {
        &self.transport
    }

    /// One attempt: build the message from the event and send it.
    pub async fn send(&self, row: &Claimed) -> Outcome {
        let message = match message(&self.from, &row.target, &row.message_id, &row.payload) {
            Ok(message) => message,
            Err(why) => return Outcome::Permanent(why),
        };
        match self.transport.send(message).await {
            Ok(_) => Outcome::Delivered,
            Err(error) if error.is_permanent() => Outcome::Permanent(format!("SMTP refused: {error}")),
            Err(error) => Outcome::Retry(format!("SMTP: {error}")),
        }
    }
}

/// The message for one event; `to` is a comma-separated list of addresses.
pub fn message(from: &Mailbox, to: &str, message_id: &str, payload: &str) -> Result<Message, String> {
    let event: Value = serde_json::from_str(payload).map_err(|e| format!("stored event: {e}"))?;
    let data = &event["data"];
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let (name, email, company) = (
        text(&data["contact"]["name"]),
        text(&data["contact"]["email"]),
        text(&data["contact"]["company"]),
    );
    let message_text = data["contact"]["message"].as_str().map(str::to_owned);
    let locale = Locale::english();
    let signs: Vec<(String, String)> = SignId::ALL
        .iter()
        .map(|sign| {
            let score = &data["scores"][sign.as_str()];
            (
                locale.sign(*sign).title.to_owned(),
                format!("{} ({})", score["score"], text(&score["status"])),
            )
        })
        .collect();
    // The embed's context (data-context-*), as sent: campaign ids, CRM ids, the article's slug.
    let context: Vec<(String, String)> = data["context"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.clone(), text(value)))
        .collect();
    let gaps: Vec<String> = data["plan"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|id| id.as_str().and_then(|id| SignId::try_from(id).ok()))
        .map(|sign| locale.sign(sign).title.to_owned())
        .collect();

    let mut plain =
        format!("New lead from the readiness assessment\n\n{name}, {company}\n{email}\n\nThe five signs:\n");
    for (title, score) in &signs {
        plain.push_str(&format!("- {title}: {score}\n"));
    }
    plain.push_str(&format!(
        "\nGaps to work on, in order: {}\n",
        if gaps.is_empty() {
            "none".to_owned()
        } else {
            gaps.join(", ")
        }
    ));
    if let Some(m) = &message_text {
        plain.push_str(&format!("\nTheir message:\n{m}\n"));
    }
    // Issue 22: what else the visitor did on the result, as their browser reported it.
    let also = also_did(data);
    if let Some(also) = &also {
        plain.push_str(&format!("\n{also}\n"));
    }
    if !context.is_empty() {
        plain.push_str("\nContext of the page:\n");
        for (key, value) in &context {
            plain.push_str(&format!("- {key}: {value}\n"));
        }
    }
    plain.push_str(&format!(
        "\nResult code: {}\nReply to this e-mail to answer {name}.\n",
        text(&data["result_code"])
    ));

    let mut html = format!(
        "<h1>New lead from the readiness assessment</h1>\n\
         <p><strong>{}</strong>, {}<br><a href=\"mailto:{}\">{}</a></p>\n\
         <h2>The five signs</h2>\n<table>\n",
        escape(&name),
        escape(&company),
        escape(&email),
        escape(&email)
    );
    for (title, score) in &signs {
        html.push_str(&format!(
            "<tr><th align=\"left\">{}</th><td>{}</td></tr>\n",
            escape(title),
            escape(score)
        ));
    }
    html.push_str("</table>\n<h2>Gaps to work on</h2>\n<ol>\n");
    for gap in &gaps {
        html.push_str(&format!("<li>{}</li>\n", escape(gap)));
    }
    html.push_str("</ol>\n");
    if let Some(m) = &message_text {
        html.push_str(&format!(
            "<h2>Their message</h2>\n<p style=\"white-space: pre-wrap\">{}</p>\n",
            escape(m)
        ));
    }
    if !context.is_empty() {
        html.push_str("<h2>Context of the page</h2>\n<table>\n");
        for (key, value) in &context {
            html.push_str(&format!(
                "<tr><th align=\"left\">{}</th><td>{}</td></tr>\n",
                escape(key),
                escape(value)
            ));
        }
        html.push_str("</table>\n");
    }

    if let Some(also) = &also {
        html.push_str(&format!("<p>{}</p>\n", escape(also)));
    }

    // A name that looks like an encoded word would be decoded by the mail client: the address alone then.
    let visitor = Mailbox::new(
        (!name.contains("=?")).then(|| name.clone()),
        email.parse().map_err(|e| format!("visitor address: {e}"))?,
    );
    let mut builder = Message::builder()
        .from(from.clone())
        .reply_to(visitor)
        .message_id(Some(format!("<{message_id}@readiness-endpoint>")))
        .header(Subject(format!(
            "New lead: {name} ({company}), {}",
            text(&data["overall"])
        )));
    for address in to.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        builder = builder.to(address
            .parse()
            .map_err(|e| format!("READINESS_NOTIFY_TO `{address}`: {e}"))?);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(plain))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html)),
        )
        .map_err(|e| format!("building the message: {e}"))
}

/// Issue 22: "They also asked for their plan by e-mail and opened the booking page twice.", from
/// the event's `plan_requested` and `bookings_opened`; `None` when neither happened.
fn also_did(data: &Value) -> Option<String> {
    let plan = data["plan_requested"].as_bool().unwrap_or(false);
    let bookings = data["bookings_opened"].as_u64().unwrap_or(0);
    let booking = match bookings {
        0 => None,
        1 => Some("opened the booking page once".to_owned()),
        2 => Some("opened the booking page twice".to_owned()),
        n => Some(format!("opened the booking page {n} times")),
    };
    match (plan, booking) {
        (false, None) => None,
        (true, None) => Some("They also asked for their plan by e-mail.".into()),
        (false, Some(b)) => Some(format!("They also {b}.")),
        (true, Some(b)) => Some(format!("They also asked for their plan by e-mail and {b}.")),
    }
}

/// The `Subject`, which holds what the visitor typed. lettre writes an ASCII
/// word as it is, so a name typed as an RFC 2047 encoded word
/// (`=?utf-8?q?Your_CEO?=`) would reach the mail client as one, and be shown
/// decoded: text the visitor chose instead of what they typed. A subject with
/// `=?` in it is therefore encoded whole (base64 encoded words, folded): the
/// client decodes it once and shows the visitor's characters as they are
/// (RFC 2047 decodes no further).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject(pub String);

impl Header for Subject {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Subject")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Subject(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        if !self.0.contains("=?") {
            return HeaderValue::new(Self::name(), self.0.clone());
        }
        let mut encoded = String::new();
        {
            let mut writer = EmailWriter::new(&mut encoded, "Subject: ".len(), 0, false);
            // Writing into a String cannot fail.
            let _ = rfc2047::encode(&self.0, &mut writer);
        }
        HeaderValue::dangerous_new_pre_encoded(Self::name(), self.0.clone(), encoded)
    }
}

/// HTML text and attribute escaping.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    /// The event the outbox stores, with this visitor's name and company.
    fn event(name: &str, company: &str) -> String {
        serde_json::json!({
            "data": {
                "contact": { "name": name, "email": "ada@example.com", "company": company },
                "scores": {},
                "plan": [],
                "overall": "focused",
                "result_code": "ABC",
            }
        })
        .to_string()
    }

    /// A header of the formatted message, unfolded.
    fn header(message: &Message, name: &str) -> String {
        let text = String::from_utf8(message.formatted()).unwrap();
        let start = text
            .find(&format!("\r\n{name}: "))
            .unwrap_or_else(|| panic!("no {name} in {text}"));
        let rest = &text[start + 2 + name.len() + 2..];
        let mut value = String::new();
        for (i, line) in rest.split("\r\n").enumerate() {
            if i > 0 && !line.starts_with([' ', '\t']) {
                break;
            }
            value.push_str(line.trim_start());
        }
        value
    }

    /// What a mail client shows for a header of base64 encoded words.
    fn decoded(value: &str) -> String {
        let mut bytes = Vec::new();
        for word in value.split("?=").filter(|w| !w.is_empty()) {
            let b64 = word
                .trim_start()
                .strip_prefix("=?utf-8?b?")
                .unwrap_or_else(|| panic!("{word}"));
            bytes.extend(base64::engine::general_purpose::STANDARD.decode(b64).unwrap());
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn an_encoded_word_in_the_name_reaches_the_subject_as_typed_not_decoded() {
        let from: Mailbox = "Leads <leads@firm.example>".parse().unwrap();
        let sneaky = "=?utf-8?q?Your_CEO_=E2=80=94_urgent?=";
        let message = message(
            &from,
            "sales@firm.example",
            "msg_1",
            &event(sneaky, "=?utf-8?b?QUNNRQ==?="),
        )
        .unwrap();
        let subject = header(&message, "Subject");
        assert!(
            !subject.contains("=?utf-8?q?"),
            "the visitor's encoded word is not sent as one: {subject}"
        );
        assert_eq!(
            decoded(&subject),
            format!("New lead: {sneaky} (=?utf-8?b?QUNNRQ==?=), focused"),
            "decoded once, the client shows what the visitor typed"
        );
        let reply_to = header(&message, "Reply-To");
        assert_eq!(
            reply_to, "ada@example.com",
            "no display name that a client would decode"
        );
        // An ordinary name is left readable.
        let plain = message_plain("Ada Lovelace");
        assert_eq!(header(&plain, "Subject"), "New lead: Ada Lovelace (Engines), focused");
        assert!(header(&plain, "Reply-To").contains("Ada Lovelace"));
    }

    fn message_plain(name: &str) -> Message {
        let from: Mailbox = "Leads <leads@firm.example>".parse().unwrap();
        message(&from, "sales@firm.example", "msg_2", &event(name, "Engines")).unwrap()
    }

    #[test]
    fn the_sales_mail_says_whether_the_plan_was_asked_for_and_the_booking_page_opened() {
        let from: Mailbox = "Leads <leads@firm.example>".parse().unwrap();
        let mut event: Value = serde_json::from_str(&event("Ada", "Engines")).unwrap();
        let plain = |event: &Value| {
            let message = message(&from, "sales@firm.example", "msg_3", &event.to_string()).unwrap();
            String::from_utf8(message.formatted()).unwrap()
        };
        assert!(!plain(&event).contains("They also"));
        event["data"]["plan_requested"] = serde_json::json!(true);
        event["data"]["bookings_opened"] = serde_json::json!(2);
        let text = plain(&event);
        assert!(
            text.contains("They also asked for their plan by e-mail and opened the booking page twice."),
            "{text}"
        );
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b onclick="x">'&'</b>"#),
            "&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
    }
}
