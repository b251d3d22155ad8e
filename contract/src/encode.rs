//! The encoders the widget sends with: the contact payload as JSON or as a
//! urlencoded form. Written by hand instead of with serde_json: the payload is
//! flat and small, and serde_json would add more to the wasm than this module.
//! The `wire` feature's serde types parse exactly what these write (tested).

use std::fmt::Write as _;

use crate::{CONTEXT_PREFIX, SCHEMA, UTM_KEYS};

/// Everything that is sent, gathered before the visitor confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// The result code: the endpoint re-scores from it.
    pub result_code: String,
    /// Model version of the code.
    pub model_version: u8,
    /// Overall picture id, for convenience.
    pub overall: &'static str,
    /// (sign id, score, status id), for convenience.
    pub scores: Vec<(&'static str, u8, &'static str)>,
    /// Name.
    pub name: String,
    /// Work email.
    pub email: String,
    /// Company.
    pub company: String,
    /// The message, empty when left out.
    pub message: String,
    /// The consent sentence shown.
    pub consent_text: String,
    /// The host page, without its fragment.
    pub page_url: String,
    /// UTM values in [`UTM_KEYS`] order.
    pub utm: [Option<String>; 5],
    /// Context values (`data-context-<key>`), checked by `rules::context_key`/`context_value`; sent only when any.
    pub context: Vec<(String, String)>,
    /// Locale tag.
    pub locale: &'static str,
    /// RFC 3339 time on the visitor's clock.
    pub client_time: String,
    /// Milliseconds from the start of the quiz to sending.
    pub elapsed_ms: u64,
    /// Milliseconds from opening the contact form to sending (the fill-time rule counts these).
    pub form_ms: Option<u64>,
    /// The honeypot input's value: empty from people.
    pub website: String,
    /// Sent from the team view: the team link's codes and initials (`CODE.AB,CODE`).
    pub team: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail (sent only when true).
    pub plan_requested: bool,
    /// Issue 22: how often this browser opened the booking page from the result (sent when > 0).
    pub bookings_opened: u8,
}

impl Payload {
    /// The JSON body.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        out.push('{');
        field(&mut out, "schema", SCHEMA);
        field(&mut out, "result_code", &self.result_code);
        let _ = write!(out, "\"model_version\":{},", self.model_version);
        field(&mut out, "overall", self.overall);
        out.push_str("\"scores\":{");
        for (i, (sign, score, status)) in self.scores.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{}:{{\"score\":{score},\"status\":{}}}",
                quote(sign),
                quote(status)
            );
        }
        out.push_str("},\"contact\":{");
        field(&mut out, "name", &self.name);
        field(&mut out, "email", &self.email);
        if self.message.is_empty() {
            let _ = write!(out, "\"company\":{}", quote(&self.company));
        } else {
            field(&mut out, "company", &self.company);
            let _ = write!(out, "\"message\":{}", quote(&self.message));
        }
        let _ = write!(
            out,
            "}},\"consent\":{{\"given\":true,\"text\":{}}},",
            quote(&self.consent_text)
        );
        field(&mut out, "page_url", &self.page_url);
        out.push_str("\"utm\":{");
        for (i, (key, value)) in UTM_KEYS.iter().zip(&self.utm).enumerate() {
            if i > 0 {
                out.push(',');
            }
            let value = value.as_deref().map_or_else(|| "null".to_owned(), quote);
            let _ = write!(out, "\"{key}\":{value}");
        }
        out.push_str("},");
        if !self.context.is_empty() {
            out.push_str("\"context\":{");
            for (i, (key, value)) in self.context.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}:{}", quote(key), quote(value));
            }
            out.push_str("},");
        }
        field(&mut out, "locale", self.locale);
        field(&mut out, "client_time", &self.client_time);
        let _ = write!(out, "\"elapsed_ms\":{},", self.elapsed_ms);
        if let Some(form_ms) = self.form_ms {
            let _ = write!(out, "\"form_ms\":{form_ms},");
        }
        let _ = write!(out, "\"website\":{}", quote(&self.website));
        if let Some(team) = &self.team {
            let _ = write!(out, ",\"team\":{}", quote(team));
        }
        if self.plan_requested {
            out.push_str(",\"plan_requested\":true");
        }
        if self.bookings_opened > 0 {
            let _ = write!(out, ",\"bookings_opened\":{}", self.bookings_opened);
        }
        out.push('}');
        out
    }

    /// The same fields, flat and urlencoded, for endpoints that take form posts.
    pub fn to_form(&self, idempotency_key: &str) -> String {
        let mut pairs: Vec<(String, String)> = vec![
            ("schema".into(), SCHEMA.into()),
            ("result_code".into(), self.result_code.clone()),
            ("model_version".into(), self.model_version.to_string()),
            ("overall".into(), self.overall.into()),
        ];
        for (sign, score, status) in &self.scores {
            pairs.push((format!("score_{sign}"), score.to_string()));
            pairs.push((format!("status_{sign}"), (*status).into()));
        }
        pairs.extend([
            ("name".into(), self.name.clone()),
            ("email".into(), self.email.clone()),
            ("company".into(), self.company.clone()),
        ]);
        if !self.message.is_empty() {
            pairs.push(("message".into(), self.message.clone()));
        }
        pairs.extend([
            ("consent".into(), "true".into()),
            ("consent_text".into(), self.consent_text.clone()),
            ("page_url".into(), self.page_url.clone()),
        ]);
        for (key, value) in UTM_KEYS.iter().zip(&self.utm) {
            if let Some(value) = value {
                pairs.push((format!("utm_{key}"), value.clone()));
            }
        }
        for (key, value) in &self.context {
            pairs.push((format!("{CONTEXT_PREFIX}{key}"), value.clone()));
        }
        pairs.extend([
            ("locale".into(), self.locale.into()),
            ("client_time".into(), self.client_time.clone()),
            ("elapsed_ms".into(), self.elapsed_ms.to_string()),
        ]);
        if let Some(form_ms) = self.form_ms {
            pairs.push(("form_ms".into(), form_ms.to_string()));
        }
        pairs.extend([
            ("website".into(), self.website.clone()),
            ("idempotency_key".into(), idempotency_key.into()),
        ]);
        if let Some(team) = &self.team {
            pairs.push(("team".into(), team.clone()));
        }
        if self.plan_requested {
            pairs.push(("plan_requested".into(), "true".into()));
        }
        if self.bookings_opened > 0 {
            pairs.push(("bookings_opened".into(), self.bookings_opened.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn field(out: &mut String, key: &str, value: &str) {
    let _ = write!(out, "\"{key}\":{},", quote(value));
}

/// A JSON string literal.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(byte as char),
            b' ' => out.push('+'),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> Payload {
        Payload {
            result_code: "ABC".into(),
            model_version: 1,
            overall: "focused",
            scores: vec![("tickets", 0, "not-answered"), ("spec-ownership", 0, "not-answered")],
            name: "Ada \"Countess\" Lovelace".into(),
            email: "ada@example.com".into(),
            company: "Engines & Co".into(),
            message: "Line one\nline two".into(),
            consent_text: "I agree.".into(),
            page_url: "https://site.example/a".into(),
            utm: [Some("news".into()), None, None, None, None],
            context: Vec::new(),
            locale: "en",
            client_time: "2026-11-24T10:00:00.000Z".into(),
            elapsed_ms: 90_000,
            form_ms: None,
            website: String::new(),
            team: None,
            plan_requested: false,
            bookings_opened: 0,
        }
    }

    #[test]
    fn what_else_happened_is_sent_only_when_it_did() {
        let mut payload = sample();
        assert!(!payload.to_json().contains("plan_requested") && !payload.to_json().contains("bookings_opened"));
        payload.plan_requested = true;
        payload.bookings_opened = 2;
        assert!(
            payload
                .to_json()
                .ends_with(r#""plan_requested":true,"bookings_opened":2}"#),
            "{}",
            payload.to_json()
        );
        assert!(payload.to_form("k").ends_with("&plan_requested=true&bookings_opened=2"));
    }

    #[test]
    fn json_escapes_quotes_and_newlines() {
        let json = sample().to_json();
        assert!(json.contains(r#""name":"Ada \"Countess\" Lovelace""#), "{json}");
        assert!(json.contains(r#""message":"Line one\nline two""#), "{json}");
        assert!(json.contains(r#""utm":{"source":"news","medium":null"#), "{json}");
        assert!(json.contains(r#""schema":"readiness-contact/1""#));
        assert!(
            json.contains(r#""tickets":{"score":0,"status":"not-answered"}"#),
            "{json}"
        );
        assert!(json.ends_with(r#""elapsed_ms":90000,"website":""}"#), "{json}");
    }

    #[test]
    fn the_form_time_is_sent_when_known() {
        let mut payload = sample();
        payload.form_ms = Some(2000);
        assert!(payload
            .to_json()
            .ends_with(r#""elapsed_ms":90000,"form_ms":2000,"website":""}"#));
        assert!(payload.to_form("k").contains("&form_ms=2000&"));
    }

    #[test]
    fn a_filled_honeypot_is_sent_as_typed() {
        let mut payload = sample();
        payload.website = "http://spam.example".into();
        assert!(payload.to_json().ends_with(r#""website":"http://spam.example"}"#));
        assert!(payload.to_form("k").contains("&website=http%3A%2F%2Fspam.example&"));
    }

    #[test]
    fn a_left_out_message_is_absent_from_json_and_form() {
        let mut payload = sample();
        payload.message.clear();
        assert!(!payload.to_json().contains("message"));
        assert!(!payload.to_form("k").contains("message="));
    }

    #[test]
    fn form_encoding_is_flat_and_escaped() {
        let form = sample().to_form("abc123");
        assert!(form.contains("company=Engines+%26+Co"), "{form}");
        assert!(form.contains("score_spec-ownership=0"), "{form}");
        assert!(form.contains("consent=true"));
        assert!(form.ends_with("idempotency_key=abc123"));
        assert!(!form.contains("utm_medium"), "absent UTM values are left out");
        for pair in form.split('&') {
            let key = pair.split('=').next().unwrap();
            assert!(crate::is_form_field(key), "{key} is a form field");
        }
    }

    #[test]
    fn context_values_are_sent_only_when_present() {
        let mut payload = sample();
        assert!(!payload.to_json().contains("context"));
        assert!(!payload.to_form("k").contains("context_"));
        payload.context = vec![
            ("campaign".into(), "spring \"26\"".into()),
            ("crm_id".into(), "C-1".into()),
        ];
        let json = payload.to_json();
        assert!(
            json.contains(r#""context":{"campaign":"spring \"26\"","crm_id":"C-1"},"locale""#),
            "{json}"
        );
        let form = payload.to_form("k");
        assert!(
            form.contains("&context_campaign=spring+%2226%22&context_crm_id=C-1&"),
            "{form}"
        );
    }

    #[test]
    fn a_team_is_sent_only_when_present() {
        let mut payload = sample();
        assert!(!payload.to_json().contains("team"));
        payload.team = Some("ABC.XY,DEF".into());
        let json = payload.to_json();
        assert!(json.ends_with(r#""website":"","team":"ABC.XY,DEF"}"#), "{json}");
        assert!(payload.to_form("k").ends_with("&team=ABC.XY%2CDEF"));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(quote("a\u{1}b\u{2028}"), "\"a\\u0001b\\u2028\"");
    }

    #[test]
    fn urlencode_leaves_unreserved_characters() {
        assert_eq!(urlencode("a-b_c.d*e f/ü"), "a-b_c.d*e+f%2F%C3%BC");
    }
}
