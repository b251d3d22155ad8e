//! E-mail to sales over SMTP (lettre): one multipart message (plain text and
//! HTML) per lead with the five signs and their scores, the gaps to work on,
//! the visitor's message, and `Reply-To` the visitor. Rendered from the
//! stored `lead.created` event, so every retry sends the same message (its
//! `Message-ID` is the delivery's id). Every visitor string is escaped in the
//! HTML. Suspected spam is never e-mailed (no row is enqueued for it).

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
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
    plain.push_str(&format!(
        "\nResult code: {}\nReply to this e-mail to answer {name}.\n",
        text(&data["result_code"])
    ));

    let mut html = format!(
        "<h1>New lead from the readiness assessment</h1>\n<p><strong>{}</strong>, {}<br><a href=\"mailto:{}\">{}</a></p>\n<h2>The five signs</h2>\n<table>\n",
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

    let visitor = Mailbox::new(
        Some(name.clone()),
        email.parse().map_err(|e| format!("visitor address: {e}"))?,
    );
    let mut builder = Message::builder()
        .from(from.clone())
        .reply_to(visitor)
        .message_id(Some(format!("<{message_id}@readiness-endpoint>")))
        .subject(format!("New lead: {name} ({company}), {}", text(&data["overall"])));
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
    use super::escape;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b onclick="x">'&'</b>"#),
            "&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
    }
}
