//! Issue 22: the plan e-mail to the visitor, in their language (the locale
//! files' `[mail]` and `[ui]` text): the overall picture, the map (per-sign
//! bars as a table with background colours, which common mail clients show
//! without images, scripts or SVG), the plan with its steps and time to
//! close, the share link that reopens the result, and the firm's contact.
//! Plain text and HTML, one multipart message; every visitor string (the
//! share link, the page's host) is escaped in the HTML. Built from the
//! stored [`PlanMail`] and the result code, re-scored by the same core, so
//! every retry sends the same message (`Message-ID` `plan_<id>`).

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncTransport, Message};
use readiness_core::{assess, decode, fill, Locale, Model, Report, Status};

use super::email::{escape, Mailer, Subject};
use super::outcome::Outcome;
use crate::plan::PlanMail;
use crate::store::Claimed;

/// The plan e-mail's subject and two bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain text body.
    pub plain: String,
    /// The HTML body (a whole document).
    pub html: String,
}

impl Mailer {
    /// One attempt at a plan e-mail: build it from the stored request and send it.
    pub async fn send_plan(&self, row: &Claimed) -> Outcome {
        let message = match plan_message(self.from(), &row.message_id, &row.payload) {
            Ok(message) => message,
            Err(why) => return Outcome::Permanent(why),
        };
        match self.transport().send(message).await {
            Ok(_) => Outcome::Delivered,
            Err(error) if error.is_permanent() => Outcome::Permanent(format!("SMTP refused: {error}")),
            Err(error) => Outcome::Retry(format!("SMTP: {error}")),
        }
    }
}

/// The message of one stored plan request.
pub fn plan_message(from: &Mailbox, message_id: &str, payload: &str) -> Result<Message, String> {
    let mail: PlanMail = serde_json::from_str(payload).map_err(|e| format!("stored plan request: {e}"))?;
    let rendered = render(&mail)?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(mail.to.parse().map_err(|e| format!("the visitor's address: {e}"))?)
        .message_id(Some(format!("<{message_id}@readiness-endpoint>")))
        .header(Subject(rendered.subject));
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(reply_to.parse().map_err(|e| format!("Reply-To `{reply_to}`: {e}"))?);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(rendered.plain),
                )
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(rendered.html)),
        )
        .map_err(|e| format!("building the message: {e}"))
}

/// Colour of a sign's bar (and its text), per status: the widget's palette, dark enough for text.
fn colour(status: Status) -> &'static str {
    match status {
        Status::Strong => "#1e6b45",
        Status::Close => "#8a5a00",
        Status::Gap => "#b42318",
        Status::NotAnswered => "#616e7c",
    }
}

fn status_label(status: Status, locale: &Locale) -> &'static str {
    match status {
        Status::Strong => locale.ui.status_strong,
        Status::Close => locale.ui.status_close,
        Status::Gap => locale.ui.status_gap,
        Status::NotAnswered => locale.ui.status_not_answered,
    }
}

/// The subject and both bodies of a plan e-mail.
pub fn render(mail: &PlanMail) -> Result<Rendered, String> {
    let answers = decode(&mail.result_code).map_err(|e| format!("stored result code: {e}"))?;
    let report = assess(&answers);
    let locale = Locale::get(&mail.locale).unwrap_or(Locale::english());
    let text = locale.mail();
    let picture = locale.picture(report.picture());
    let subject = fill(text.subject, &[("headline", picture.headline)]);
    let footer = fill(text.footer, &[("page", &mail.page)]);
    Ok(Rendered {
        plain: plain(mail, &report, locale, &footer),
        html: html(mail, &report, locale, &subject, &footer),
        subject,
    })
}

/// A sign's score line: "40 of 100 · a gap".
fn score_line(report: &Report, index: usize, locale: &Locale) -> String {
    let sign = &report.signs()[index];
    format!(
        "{} · {}",
        fill(locale.ui.score_of, &[("score", &sign.score.to_string())]),
        status_label(sign.status, locale)
    )
}

fn plain(mail: &PlanMail, report: &Report, locale: &Locale, footer: &str) -> String {
    let (ui, text) = (&locale.ui, locale.mail());
    let picture = locale.picture(report.picture());
    let mut out = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        picture.headline, picture.body, text.intro, text.map_heading
    );
    for (index, sign) in report.signs().iter().enumerate() {
        let filled = usize::from(sign.score.min(100)) / 10;
        out.push_str(&format!(
            "\n{}\n[{}{}] {}\n",
            locale.sign(sign.sign).title,
            "#".repeat(filled),
            "-".repeat(10 - filled),
            score_line(report, index, locale)
        ));
    }
    if !report.plan().is_empty() {
        out.push_str(&format!("\n{}\n", ui.plan_heading));
        if let Some(weeks) = report.weeks_to_start() {
            out.push_str(&format!("{}\n", fill(ui.plan_time, &[("weeks", &locale.weeks(weeks))])));
        }
        for (n, sign) in report.plan().iter().enumerate() {
            let result = report.sign(*sign);
            out.push_str(&format!(
                "\n{}. {} ({})\n",
                n + 1,
                locale.sign(*sign).title,
                status_label(result.status, locale)
            ));
            let steps = locale.steps_for(result);
            if steps.is_empty() {
                out.push_str(&format!(
                    "   {}: {}\n",
                    ui.next_step_label,
                    locale.sign(*sign).next_step
                ));
            } else {
                out.push_str(&format!("   {}\n", ui.next_steps_label));
                for step in steps {
                    out.push_str(&format!("   - {step}\n"));
                }
            }
            if let Some(weeks) = Model::current().time_to_close(*sign, result.score) {
                out.push_str(&format!("   {}: {}\n", ui.time_label, locale.weeks(weeks)));
            }
        }
    }
    out.push_str(&format!(
        "\n{}:\n{}\n\n{}\n{}\n\n-- \n{}\n",
        text.share_text, mail.share_link, text.contact_heading, text.contact_text, footer
    ));
    out
}

fn html(mail: &PlanMail, report: &Report, locale: &Locale, subject: &str, footer: &str) -> String {
    let (ui, text) = (&locale.ui, locale.mail());
    let picture = locale.picture(report.picture());
    let p = "margin:0 0 12px;font-size:15px;line-height:1.5;";
    let h2 = "margin:24px 0 8px;font-size:18px;line-height:1.3;";
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background:#f3f4f6;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f3f4f6;\">\
         <tr><td align=\"center\" style=\"padding:16px 8px;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         style=\"max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;\">\
         <tr><td style=\"padding:24px;\">\n\
         <h1 style=\"margin:0 0 8px;font-size:22px;line-height:1.3;\">{headline}</h1>\n\
         <p style=\"{p}\">{body}</p>\n<p style=\"{p}\">{intro}</p>\n<h2 style=\"{h2}\">{map}</h2>\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n",
        lang = escape(locale.tag),
        title = escape(subject),
        headline = escape(picture.headline),
        body = escape(picture.body),
        intro = escape(text.intro),
        map = escape(text.map_heading),
    );
    for (index, sign) in report.signs().iter().enumerate() {
        let score = sign.score.min(100);
        let colour = colour(sign.status);
        let filled = (score > 0).then(|| {
            format!(
                "<td width=\"{score}%\" bgcolor=\"{colour}\" style=\"background:{colour};height:12px;font-size:0;line-height:0;\">&nbsp;</td>"
            )
        });
        let empty = (score < 100).then(|| {
            "<td bgcolor=\"#e4e7eb\" style=\"background:#e4e7eb;height:12px;font-size:0;line-height:0;\">&nbsp;</td>".to_owned()
        });
        out.push_str(&format!(
            "<tr><td style=\"padding:10px 0 4px;font-size:15px;font-weight:bold;\">{title}</td></tr>\n\
             <tr><td><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
             style=\"border-radius:6px;\"><tr>{filled}{empty}</tr></table></td></tr>\n\
             <tr><td style=\"padding:4px 0 0;font-size:14px;color:{colour};\">{line}</td></tr>\n",
            title = escape(locale.sign(sign.sign).title),
            filled = filled.unwrap_or_default(),
            empty = empty.unwrap_or_default(),
            line = escape(&score_line(report, index, locale)),
        ));
    }
    out.push_str("</table>\n");
    if !report.plan().is_empty() {
        out.push_str(&format!("<h2 style=\"{h2}\">{}</h2>\n", escape(ui.plan_heading)));
        if let Some(weeks) = report.weeks_to_start() {
            out.push_str(&format!(
                "<p style=\"{p}\">{}</p>\n",
                escape(&fill(ui.plan_time, &[("weeks", &locale.weeks(weeks))]))
            ));
        }
        out.push_str("<ol style=\"margin:0;padding:0 0 0 20px;\">\n");
        for sign in report.plan() {
            let result = report.sign(*sign);
            out.push_str(&format!(
                "<li style=\"margin:0 0 16px;font-size:15px;line-height:1.5;\"><strong>{}</strong> \
                 <span style=\"color:{};\">({})</span>\n",
                escape(locale.sign(*sign).title),
                colour(result.status),
                escape(status_label(result.status, locale))
            ));
            let steps = locale.steps_for(result);
            if steps.is_empty() {
                out.push_str(&format!(
                    "<p style=\"margin:4px 0;\"><strong>{}:</strong> {}</p>\n",
                    escape(ui.next_step_label),
                    escape(locale.sign(*sign).next_step)
                ));
            } else {
                out.push_str(&format!(
                    "<p style=\"margin:4px 0;\"><strong>{}</strong></p>\n<ul style=\"margin:0;padding:0 0 0 18px;\">\n",
                    escape(ui.next_steps_label)
                ));
                for step in steps {
                    out.push_str(&format!("<li style=\"margin:0 0 4px;\">{}</li>\n", escape(step)));
                }
                out.push_str("</ul>\n");
            }
            if let Some(weeks) = Model::current().time_to_close(*sign, result.score) {
                out.push_str(&format!(
                    "<p style=\"margin:4px 0;\"><strong>{}:</strong> {}</p>\n",
                    escape(ui.time_label),
                    escape(&locale.weeks(weeks))
                ));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str(&format!(
        "<p style=\"margin:24px 0;\"><a href=\"{link}\" style=\"display:inline-block;background:#1d4ed8;color:#ffffff;\
         text-decoration:none;font-weight:bold;font-size:15px;padding:12px 20px;border-radius:6px;\">{share}</a></p>\n\
         <p style=\"{p}word-break:break-all;font-size:13px;color:#52606d;\">{link}</p>\n\
         <h2 style=\"{h2}\">{contact}</h2>\n<p style=\"{p}\">{contact_text}</p>\n\
         <p style=\"margin:24px 0 0;font-size:12px;line-height:1.5;color:#616e7c;\">{footer}</p>\n\
         </td></tr></table>\n</td></tr></table>\n</body>\n</html>\n",
        link = escape(&mail.share_link),
        share = escape(text.share_text),
        contact = escape(text.contact_heading),
        contact_text = escape(text.contact_text),
        footer = escape(footer),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(locale: &str, page: &str) -> PlanMail {
        PlanMail {
            to: "ada@example.com".into(),
            reply_to: Some("sales@firm.example".into()),
            locale: locale.into(),
            result_code: crate::plan::tests::code(),
            share_link: format!(
                "https://site.example/a?x=1&y=\"2\"#result={}",
                crate::plan::tests::code()
            ),
            page: page.into(),
        }
    }

    #[test]
    fn the_danish_mail_has_five_bars_the_plan_and_the_link_escaped() {
        let rendered = render(&mail("da", "<b>site</b>.example")).unwrap();
        assert!(
            rendered.subject.starts_with("Din parathedsplan: "),
            "{}",
            rendered.subject
        );
        assert!(rendered.html.contains("<html lang=\"da\">"));
        assert!(rendered.html.matches("height:12px").count() >= 5, "a bar per sign");
        assert_eq!(
            rendered.html.matches("font-weight:bold;\">").count(),
            5,
            "five sign rows"
        );
        assert!(
            !rendered.html.contains("<svg") && !rendered.html.contains("<img") && !rendered.html.contains("<script")
        );
        assert!(
            rendered.html.contains("x=1&amp;y=&quot;2&quot;#result="),
            "the link is escaped"
        );
        assert!(
            rendered.html.contains("&lt;b&gt;site&lt;/b&gt;.example"),
            "the page is escaped"
        );
        assert!(!rendered.html.contains("<b>site"));
        assert!(
            rendered.plain.contains("Dit kort over de fem tegn"),
            "{}",
            rendered.plain
        );
        assert_eq!(rendered.plain.matches("] ").count(), 5, "five bars: {}", rendered.plain);
        assert!(rendered.plain.contains("#result="), "{}", rendered.plain);
        let english = render(&mail("en", "site.example")).unwrap();
        assert!(english.subject.starts_with("Your readiness plan: "));
    }

    #[test]
    fn the_message_is_multipart_to_the_visitor_with_reply_to_the_firm() {
        let from: Mailbox = "Firm <plans@firm.example>".parse().unwrap();
        let payload = serde_json::to_string(&mail("id", "site.example")).unwrap();
        let message = plan_message(&from, "plan_7", &payload).unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(text.contains("To: ada@example.com"), "{text}");
        assert!(text.contains("Reply-To: sales@firm.example"), "{text}");
        assert!(text.contains("Message-ID: <plan_7@readiness-endpoint>"), "{text}");
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(
            plan_message(&from, "plan_8", "{}").is_err(),
            "a broken row is a permanent failure"
        );
    }
}
