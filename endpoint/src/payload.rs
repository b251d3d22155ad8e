//! The contact payload, schema `readiness-contact/1` (docs/payload-schema.md):
//! parsed from JSON or a urlencoded form into one [`Submission`], validated
//! field by field, and re-scored from its result code.

use std::collections::BTreeMap;

use readiness_contract::rules::{CONSENT_TEXT_MAX, EMAIL_LEN, LOCALE_MAX, MESSAGE_MAX, NAME_MAX, UTM_MAX};
use readiness_contract::wire::ContactRequest;
use readiness_contract::{is_form_field, looks_like_email, CONTEXT_PREFIX, UTM_KEYS};
use readiness_core::{assess, code_version, decode, Picture, Report, Team, MAX_MEMBERS};

use crate::error::ApiError;

pub use readiness_contract::{MAX_ELAPSED_MS, SCHEMA};

/// One submission, whichever encoding it came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// The schema id sent.
    pub schema: String,
    /// The answers, encoded; the only input to scoring.
    pub result_code: String,
    /// The model version the client claims.
    pub model_version: u8,
    /// Scores the client sent, for the record only.
    pub client_scores: BTreeMap<String, u8>,
    /// Contact name.
    pub name: String,
    /// Work email.
    pub email: String,
    /// Company.
    pub company: String,
    /// Optional message.
    pub message: Option<String>,
    /// Whether the consent box was ticked.
    pub consent_given: bool,
    /// The consent sentence shown.
    pub consent_text: String,
    /// The host page.
    pub page_url: Option<String>,
    /// UTM parameters, in source, medium, campaign, term, content order.
    pub utm: [Option<String>; 5],
    /// Language tag.
    pub locale: String,
    /// The visitor's clock, RFC 3339.
    pub client_time: String,
    /// Milliseconds from quiz start to send.
    pub elapsed_ms: u64,
    /// Milliseconds from opening the contact form to send, when the widget sent it.
    pub form_ms: Option<u64>,
    /// The honeypot field was filled.
    pub honeypot: bool,
    /// Sent from the team view: the team's codes and initials (`CODE.AB,CODE`).
    pub team: Option<String>,
    /// Issue 22: the visitor also asked for their plan by e-mail.
    pub plan_requested: bool,
    /// Issue 22: how often the visitor's browser opened the booking page.
    pub bookings_opened: u8,
    /// The embed's context (`data-context-<key>`), by key; empty when none.
    pub context: BTreeMap<String, String>,
}

impl Submission {
    /// Parses a JSON body; a wrong type, a missing or unknown field is `Malformed`.
    pub fn from_json(body: &[u8]) -> Result<Submission, ApiError> {
        let json: ContactRequest =
            serde_json::from_slice(body).map_err(|e| ApiError::Malformed(format!("invalid JSON: {e}")))?;
        let utm = json.utm.unwrap_or_default();
        Ok(Submission {
            schema: json.schema,
            result_code: json.result_code,
            model_version: json.model_version,
            client_scores: json
                .scores
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, v.score))
                .collect(),
            name: json.contact.name,
            email: json.contact.email,
            company: json.contact.company,
            message: json.contact.message,
            consent_given: json.consent.given,
            consent_text: json.consent.text,
            page_url: json.page_url,
            utm: utm.values(),
            locale: json.locale,
            client_time: json.client_time,
            elapsed_ms: json.elapsed_ms,
            form_ms: json.form_ms,
            honeypot: json.website.is_some_and(|w| !w.is_empty()),
            team: json.team,
            plan_requested: json.plan_requested.unwrap_or(false),
            bookings_opened: json.bookings_opened.unwrap_or(0),
            context: json.context.unwrap_or_default(),
        })
    }

    /// Parses a urlencoded form body; returns it and its `idempotency_key` field.
    pub fn from_form(body: &[u8]) -> Result<(Submission, Option<String>), ApiError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|e| ApiError::Malformed(format!("invalid form body: {e}")))?;
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        for (key, value) in pairs {
            let known = is_form_field(&key);
            if !known {
                return Err(ApiError::Malformed(format!("unknown field `{key}`")));
            }
            if fields.insert(key.clone(), value).is_some() {
                return Err(ApiError::Malformed(format!("field `{key}` is given twice")));
            }
        }
        let mut take = |key: &str| fields.remove(key);
        let required = |value: Option<String>, key: &str| {
            value.ok_or_else(|| ApiError::Malformed(format!("missing field `{key}`")))
        };
        let schema = required(take("schema"), "schema")?;
        let result_code = required(take("result_code"), "result_code")?;
        let model_version = number(required(take("model_version"), "model_version")?, "model_version")?;
        let name = required(take("name"), "name")?;
        let email = required(take("email"), "email")?;
        let company = required(take("company"), "company")?;
        let message = take("message");
        let consent_given = match required(take("consent"), "consent")?.as_str() {
            "true" | "on" | "yes" => true,
            "false" | "" => false,
            other => {
                return Err(ApiError::Malformed(format!(
                    "field `consent` must be true or false, not `{other}`"
                )))
            }
        };
        let consent_text = required(take("consent_text"), "consent_text")?;
        let page_url = take("page_url");
        let utm = UTM_KEYS.map(|k| take(&format!("utm_{k}")));
        let locale = required(take("locale"), "locale")?;
        let client_time = required(take("client_time"), "client_time")?;
        let elapsed_ms = number(required(take("elapsed_ms"), "elapsed_ms")?, "elapsed_ms")?;
        let form_ms = take("form_ms").map(|v| number(v, "form_ms")).transpose()?;
        let honeypot = take("website").is_some_and(|w| !w.is_empty());
        let key = take("idempotency_key");
        let team = take("team");
        let plan_requested = match take("plan_requested").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(ApiError::Malformed(format!(
                    "field `plan_requested` must be true or false, not `{other}`"
                )))
            }
        };
        let bookings_opened = take("bookings_opened")
            .map(|v| {
                v.parse::<u8>()
                    .map_err(|_| ApiError::Malformed("field `bookings_opened` must be 0–255".into()))
            })
            .transpose()?
            .unwrap_or(0);
        let context = fields
            .iter()
            .filter_map(|(field, value)| Some((field.strip_prefix(CONTEXT_PREFIX)?.to_owned(), value.clone())))
            .collect();
        let mut client_scores = BTreeMap::new();
        for (field, value) in &fields {
            if let Some(sign) = field.strip_prefix("score_") {
                client_scores.insert(sign.to_owned(), number(value.clone(), field)?);
            }
        }
        Ok((
            Submission {
                schema,
                result_code,
                model_version,
                client_scores,
                name,
                email,
                company,
                message,
                consent_given,
                consent_text,
                page_url,
                utm,
                locale,
                client_time,
                elapsed_ms,
                form_ms,
                honeypot,
                team,
                plan_requested,
                bookings_opened,
                context,
            },
            key,
        ))
    }

    /// Checks every rule of the schema and re-scores from the result code.
    /// Client scores are never used for anything but `client_scores_matched`.
    pub fn validate(&mut self) -> Result<Report, ApiError> {
        if self.schema != SCHEMA {
            return Err(ApiError::invalid("schema", format!("must be `{SCHEMA}`")));
        }
        let answers = decode(self.result_code.trim()).map_err(|e| ApiError::invalid("result_code", e.to_string()))?;
        let report = assess(&answers);
        if report.picture() == Picture::Incomplete {
            return Err(ApiError::invalid(
                "result_code",
                "the assessment is incomplete: every question needs an answer",
            ));
        }
        // A kept submission of an older model version carries that version's code;
        // the core maps it onto today's model (report.model_version() is today's).
        let code_version =
            code_version(self.result_code.trim()).map_err(|e| ApiError::invalid("result_code", e.to_string()))?;
        if self.model_version != code_version {
            return Err(ApiError::invalid(
                "model_version",
                format!(
                    "{} does not match the result code's version {code_version}",
                    self.model_version,
                ),
            ));
        }
        self.name = line("contact.name", &self.name, 1, NAME_MAX)?;
        self.company = line("contact.company", &self.company, 1, NAME_MAX)?;
        self.email = line("contact.email", &self.email, EMAIL_LEN.0, EMAIL_LEN.1)?;
        if !looks_like_email(&self.email) {
            return Err(ApiError::invalid("contact.email", "not an email address"));
        }
        self.message = match self.message.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(m) => Some(text("contact.message", m, 1, MESSAGE_MAX)?),
        };
        if !self.consent_given {
            return Err(ApiError::invalid("consent.given", "consent is required"));
        }
        self.consent_text = line("consent.text", &self.consent_text, 1, CONSENT_TEXT_MAX)?;
        if let Some(url) = &self.page_url {
            let url = readiness_contract::page_url(url).map_err(|reason| ApiError::invalid("page_url", reason))?;
            self.page_url = Some(url);
        }
        for (key, value) in UTM_KEYS.iter().zip(&self.utm) {
            if value.as_ref().is_some_and(|v| v.chars().count() > UTM_MAX) {
                return Err(ApiError::invalid(
                    &format!("utm.{key}"),
                    format!("at most {UTM_MAX} characters"),
                ));
            }
            if value.as_ref().is_some_and(|v| v.chars().any(char::is_control)) {
                return Err(ApiError::invalid(&format!("utm.{key}"), "contains control characters"));
            }
        }
        self.validate_context()?;
        if self.locale.is_empty()
            || self.locale.len() > LOCALE_MAX
            || !self.locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(ApiError::invalid("locale", "must be a language tag like `en`"));
        }
        if !is_rfc3339(&self.client_time) {
            return Err(ApiError::invalid(
                "client_time",
                "must be an RFC 3339 time like 2026-11-24T13:45:00.000Z",
            ));
        }
        self.team = match self.team.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(team) => Some(valid_team(team)?),
        };
        if self.elapsed_ms > MAX_ELAPSED_MS {
            return Err(ApiError::invalid(
                "elapsed_ms",
                format!("at most {MAX_ELAPSED_MS} (eight weeks), got {}", self.elapsed_ms),
            ));
        }
        if self.form_ms.is_some_and(|ms| ms > MAX_ELAPSED_MS) {
            return Err(ApiError::invalid(
                "form_ms",
                format!("at most {MAX_ELAPSED_MS} (eight weeks)"),
            ));
        }
        Ok(report)
    }

    /// The context rules of the contract: at most ten keys, each key and value
    /// checked (`context.<key>` names the field); values kept trimmed.
    fn validate_context(&mut self) -> Result<(), ApiError> {
        use readiness_contract::rules::{context_key, context_value, CONTEXT_MAX_KEYS};
        if self.context.len() > CONTEXT_MAX_KEYS {
            return Err(ApiError::invalid("context", format!("at most {CONTEXT_MAX_KEYS} keys")));
        }
        for (key, value) in &mut self.context {
            let field = format!("context.{key}");
            context_key(key).map_err(|reason| ApiError::invalid(&field, reason))?;
            *value = context_value(value).map_err(|reason| ApiError::invalid(&field, reason))?;
        }
        Ok(())
    }

    /// Why this looks like a bot, if it does: the honeypot was filled, or the
    /// contact form was sent faster than `min_fill_ms` after it was opened
    /// (`form_ms`; older widgets send only `elapsed_ms`, from the quiz's start).
    /// Such a submission is stored and flagged, never refused.
    pub fn spam_reasons(&self, min_fill_ms: u64) -> Vec<&'static str> {
        let mut reasons = Vec::new();
        if self.honeypot {
            reasons.push("honeypot");
        }
        if self.form_ms.unwrap_or(self.elapsed_ms) < min_fill_ms {
            reasons.push("fill-time");
        }
        reasons
    }

    /// Whether the scores the client sent equal the server's (for the record).
    pub fn client_scores_match(&self, report: &Report) -> bool {
        report
            .signs()
            .iter()
            .all(|s| self.client_scores.get(s.sign.as_str()) == Some(&s.score))
    }
}

/// A team summary is re-read like the result code: every entry a finished
/// result code, 2 to 12 of them; kept as the canonical fragment value.
fn valid_team(team: &str) -> Result<String, ApiError> {
    let (read, notices) = Team::read(team);
    if let Some(notice) = notices.first() {
        return Err(ApiError::invalid(
            "team",
            format!(
                "entry {} is not a finished result code with 1–3 letter initials",
                notice.entry
            ),
        ));
    }
    if !(2..=MAX_MEMBERS).contains(&read.len()) {
        return Err(ApiError::invalid(
            "team",
            format!("must hold 2 to {MAX_MEMBERS} result codes"),
        ));
    }
    Ok(read.fragment().trim_start_matches("team=").to_owned())
}

fn number<T: std::str::FromStr>(value: String, key: &str) -> Result<T, ApiError> {
    value
        .parse()
        .map_err(|_| ApiError::Malformed(format!("field `{key}` must be a whole number")))
}

/// The contract's one-line rule, reported against `field`.
fn line(field: &str, value: &str, min: usize, max: usize) -> Result<String, ApiError> {
    readiness_contract::line(value, min, max).map_err(|reason| ApiError::invalid(field, reason))
}

/// The contract's text rule, reported against `field`.
fn text(field: &str, value: &str, min: usize, max: usize) -> Result<String, ApiError> {
    readiness_contract::text(value, min, max).map_err(|reason| ApiError::invalid(field, reason))
}

/// A real RFC 3339 date and time (a valid calendar date and clock time, with an offset).
fn is_rfc3339(value: &str) -> bool {
    value.len() <= 40 && time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_is_parsed_not_shaped() {
        assert!(is_rfc3339("2026-11-24T13:45:00.000Z"));
        assert!(is_rfc3339("2026-11-24T13:45:00+01:00"));
        assert!(!is_rfc3339("yesterday"));
        assert!(!is_rfc3339("2026-11-24 13:45"));
        assert!(!is_rfc3339("2026-99-99T99:99 garbage"));
        assert!(!is_rfc3339("2026-02-30T10:00:00Z"), "no 30 February");
        assert!(!is_rfc3339("2026-11-24T13:45"), "seconds and offset are required");
    }

    #[test]
    fn form_refuses_unknown_and_repeated_fields() {
        assert!(matches!(
            Submission::from_form(b"nonsense=1"),
            Err(ApiError::Malformed(_))
        ));
        assert!(matches!(
            Submission::from_form(b"name=a&name=b"),
            Err(ApiError::Malformed(_))
        ));
    }
}
