//! localStorage: progress per widget instance (a versioned key, expiring after
//! eight weeks) and a submission kept for the next visit. Blocked storage or
//! garbage in it never breaks the widget: it simply starts clean.

use readiness_core::{decode, encode, Answers};

use crate::config::{Endpoint, EndpointFormat};
use crate::state::Phase;

/// Progress older than this is dropped (eight weeks).
pub const TTL_MS: f64 = 56.0 * 24.0 * 3600.0 * 1000.0;

const FORMAT: &str = "1";

/// The start of every key the widget keeps (the loader reads it too, from `loader_contract`).
pub const KEY_PREFIX: &str = "readiness-widget:v1:";
/// The end of the key of a submission kept for the next visit.
pub const OUTBOX_SUFFIX: &str = ":outbox";

/// The key of an instance's progress.
pub fn progress_key(instance: &str) -> String {
    format!("{KEY_PREFIX}{instance}")
}

/// The instance a localStorage key keeps progress for (`None` for other keys).
pub fn instance_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(KEY_PREFIX).filter(|rest| !rest.contains(':'))
}

/// The key of an instance's kept submission.
pub fn outbox_key(instance: &str) -> String {
    format!("{KEY_PREFIX}{instance}{OUTBOX_SUFFIX}")
}

/// `1|<result code>|<phase>|<saved at, ms>`: no personal data, only answers.
pub fn encode_progress(answers: &Answers, phase: Phase, now_ms: f64) -> String {
    format!("{FORMAT}|{}|{}|{}", encode(answers), phase.as_str(), now_ms as u64)
}

/// The inverse of [`encode_progress`]; `None` for anything stale, foreign or broken.
pub fn decode_progress(text: &str, now_ms: f64) -> Option<(Answers, Phase)> {
    let mut parts = text.split('|');
    let (format, code, phase, saved) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if format != FORMAT || parts.next().is_some() {
        return None;
    }
    // Integer parsing: f64 parsing would pull kilobytes of float code into the wasm.
    let saved = saved.parse::<u64>().ok()? as f64;
    if !(0.0..=TTL_MS).contains(&(now_ms - saved)) {
        return None;
    }
    Some((decode(code).ok()?, Phase::parse(phase)?))
}

/// A submission that could not be delivered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Its idempotency key: a resend is the same attempt.
    pub key: String,
    /// Where it goes, and in which encoding the body is.
    pub endpoint: Endpoint,
    /// The exact body the visitor confirmed.
    pub body: String,
}

/// `saved-ms \n key \n format \n endpoint \n body`.
pub fn encode_pending(pending: &Pending, now_ms: f64) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}",
        now_ms as u64,
        pending.key,
        pending.endpoint.format.as_str(),
        pending.endpoint.url,
        pending.body
    )
}

/// The inverse of [`encode_pending`]; stale (over eight weeks) or broken → `None`.
pub fn decode_pending(text: &str, now_ms: f64) -> Option<Pending> {
    let mut parts = text.splitn(5, '\n');
    let saved = parts.next()?.parse::<u64>().ok()? as f64;
    let key = parts.next()?.to_owned();
    let format = EndpointFormat::parse(parts.next()?)?;
    let url = parts.next()?.to_owned();
    let body = parts.next()?.to_owned();
    let fresh = (0.0..=TTL_MS).contains(&(now_ms - saved));
    (fresh && !key.is_empty()).then_some(Pending {
        key,
        endpoint: Endpoint { url, format },
        body,
    })
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;

    fn local() -> Option<web_sys::Storage> {
        // Throws where storage is blocked (privacy settings, sandboxed frames).
        web_sys::window()?.local_storage().ok().flatten()
    }

    fn read(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    fn write(key: &str, value: &str) {
        if let Some(storage) = local() {
            // Quota or privacy errors: the visitor just loses persistence.
            let _ = storage.set_item(key, value);
        }
    }

    fn remove(key: &str) {
        if let Some(storage) = local() {
            let _ = storage.remove_item(key);
        }
    }

    /// Stored progress of this instance, if fresh and readable; garbage is removed.
    pub fn load_progress(instance: &str) -> Option<(Answers, Phase)> {
        let key = progress_key(instance);
        let text = read(&key)?;
        let progress = decode_progress(&text, js_sys::Date::now());
        if progress.is_none() {
            remove(&key);
        }
        progress
    }

    /// Every instance with progress kept in this browser, in storage order.
    pub fn kept_instances() -> Vec<String> {
        let Some(storage) = local() else {
            return Vec::new();
        };
        (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|key| instance_of_key(&key).map(str::to_owned))
            .collect()
    }

    /// Saves progress.
    pub fn save_progress(instance: &str, answers: &Answers, phase: Phase) {
        write(
            &progress_key(instance),
            &encode_progress(answers, phase, js_sys::Date::now()),
        );
    }

    /// Forgets progress.
    pub fn forget_progress(instance: &str) {
        remove(&progress_key(instance));
    }

    /// Keeps a submission for the next visit.
    pub fn keep(instance: &str, pending: &Pending) {
        write(&outbox_key(instance), &encode_pending(pending, js_sys::Date::now()));
    }

    /// The kept submission, if any.
    pub fn kept(instance: &str) -> Option<Pending> {
        let key = outbox_key(instance);
        let pending = decode_pending(&read(&key)?, js_sys::Date::now());
        if pending.is_none() {
            remove(&key);
        }
        pending
    }

    /// Drops the kept submission (after delivery or a refusal).
    pub fn drop_kept(instance: &str) {
        remove(&outbox_key(instance));
    }

    /// sessionStorage hand-off to the contact page (no personal data in URLs).
    pub fn hand_off(code: &str) {
        if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
            let _ = storage.set_item("readiness-widget:handoff", code);
        }
    }

    /// The code handed over to this page, if any.
    pub fn handed_over() -> Option<String> {
        web_sys::window()?
            .session_storage()
            .ok()??
            .get_item("readiness-widget:handoff")
            .ok()?
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::*;

#[cfg(test)]
mod tests {
    use super::*;
    use readiness_core::{Answer, Model, SignId};

    const NOW: f64 = 1_800_000_000_000.0;

    #[test]
    fn keys_are_versioned_and_per_instance() {
        assert_eq!(progress_key("hero"), "readiness-widget:v1:hero");
        assert_ne!(progress_key("a"), progress_key("b"));
        assert_eq!(outbox_key("hero"), "readiness-widget:v1:hero:outbox");
    }

    #[test]
    fn only_progress_keys_name_an_instance() {
        assert_eq!(instance_of_key(&progress_key("article")), Some("article"));
        assert_eq!(instance_of_key(&outbox_key("article")), None);
        assert_eq!(instance_of_key("something-else"), None);
    }

    #[test]
    fn progress_round_trips() {
        let mut answers = Answers::new();
        answers
            .set(
                Model::current().question_index("unblock.speed").unwrap(),
                Answer::Choice(2),
            )
            .unwrap();
        let text = encode_progress(&answers, Phase::Sign(SignId::Feedback), NOW);
        assert_eq!(
            decode_progress(&text, NOW + 1000.0),
            Some((answers, Phase::Sign(SignId::Feedback)))
        );
    }

    #[test]
    fn progress_expires_after_eight_weeks() {
        let text = encode_progress(&Answers::new(), Phase::Intro, NOW);
        assert!(decode_progress(&text, NOW + TTL_MS - 1.0).is_some());
        assert!(decode_progress(&text, NOW + TTL_MS + 1.0).is_none());
        assert!(
            decode_progress(&text, NOW - 10_000.0).is_none(),
            "saved in the future: clock trouble, start clean"
        );
    }

    #[test]
    fn garbage_is_ignored() {
        for text in ["", "{\"json\":1}", "1|abc|intro|0", "2|AQ|intro|0", "1|x|y|z|w", "1|||"] {
            assert!(decode_progress(text, NOW).is_none(), "{text}");
        }
    }

    #[test]
    fn pending_round_trips_with_newlines_in_the_body() {
        let pending = Pending {
            key: "k1".into(),
            endpoint: Endpoint {
                url: "/contact".into(),
                format: EndpointFormat::Json,
            },
            body: "{\"a\":\"x\ny\"}\n".into(),
        };
        assert_eq!(decode_pending(&encode_pending(&pending, NOW), NOW), Some(pending));
        assert!(decode_pending("nonsense", NOW).is_none());
        assert!(decode_pending(&format!("{}\nk\nxml\n/c\n{{}}", NOW as u64), NOW).is_none());
    }
}
