//! Webhooks signed per the Standard Webhooks specification: headers
//! `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature:
//! v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the
//! base64 part of a `whsec_…` secret. 2xx is delivered; 410 Gone is permanent
//! (as Stripe and Svix treat it); any other answer or no answer is retried.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::outcome::Outcome;
use crate::store::Claimed;

/// The signing key, from `whsec_<base64>`.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(…)")
    }
}

impl Signer {
    /// Reads a `whsec_<base64>` secret (the prefix is optional, as in the reference libraries).
    pub fn new(secret: &str) -> Result<Signer, String> {
        let encoded = secret.trim().strip_prefix("whsec_").unwrap_or(secret.trim());
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| "READINESS_WEBHOOK_SECRET must be whsec_ followed by base64".to_owned())?;
        if key.len() < 16 {
            return Err(
                "READINESS_WEBHOOK_SECRET is too short: use at least 16 random bytes (24+ base64 characters)".into(),
            );
        }
        Ok(Signer { key })
    }

    /// `v1,<base64 signature>` of one message.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body.as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// One attempt: POST the event, signed now.
pub async fn send(client: &reqwest::Client, signer: &Signer, row: &Claimed) -> Outcome {
    let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let answer = client
        .post(&row.target)
        .header("content-type", "application/json")
        .header("webhook-id", &row.message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header(
            "webhook-signature",
            signer.sign(&row.message_id, timestamp, &row.payload),
        )
        .body(row.payload.clone())
        .send()
        .await;
    match answer {
        Ok(answer) if answer.status().is_success() => Outcome::Delivered,
        Ok(answer) if answer.status() == reqwest::StatusCode::GONE => {
            Outcome::Permanent("410 Gone: the receiver asked to stop".into())
        }
        Ok(answer) => Outcome::Retry(format!("HTTP {}", answer.status().as_u16())),
        Err(error) if error.is_timeout() => Outcome::Retry("timed out".into()),
        Err(error) if error.is_connect() => Outcome::Retry("could not connect".into()),
        Err(error) => Outcome::Retry(format!("request failed: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specification_example_signs_alike() {
        // The example of the Standard Webhooks specification and its reference libraries.
        let signer = Signer::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert!(Signer::new("whsec_not base64!").is_err());
        assert!(Signer::new("whsec_c2hvcnQ=").is_err(), "too short");
    }
}
