//! Field rules: lengths and the text and e-mail checks, shared by the
//! widget's form (before sending) and the receiver (before storing).

/// Characters of `contact.name` and `contact.company`, at most.
pub const NAME_MAX: usize = 200;
/// Characters of `contact.email`: at least, at most.
pub const EMAIL_LEN: (usize, usize) = (3, 254);
/// Characters of `contact.message`, at most.
pub const MESSAGE_MAX: usize = 5000;
/// Characters of `consent.text`, at most.
pub const CONSENT_TEXT_MAX: usize = 1000;
/// Characters of `page_url`, at most.
pub const PAGE_URL_MAX: usize = 2000;
/// Characters of each UTM value, at most.
pub const UTM_MAX: usize = 200;
/// Bytes of `locale`, at most.
pub const LOCALE_MAX: usize = 35;

/// The e-mail rule: 3–254 characters, one `@`, a dot in the domain (not at
/// its ends), no whitespace.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    (EMAIL_LEN.0..=EMAIL_LEN.1).contains(&email.chars().count())
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// Trimmed text of `min..=max` characters; line breaks and tabs are the only
/// control characters allowed. The error is the reason, for the field's message.
pub fn text(value: &str, min: usize, max: usize) -> Result<String, String> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if length < min {
        Err("is required".into())
    } else if length > max {
        Err(format!("at most {max} characters, got {length}"))
    } else if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Err("contains control characters".into())
    } else {
        Ok(trimmed.to_owned())
    }
}

/// One line of text: [`text`] without line breaks or tabs.
pub fn line(value: &str, min: usize, max: usize) -> Result<String, String> {
    let value = text(value, min, max)?;
    if value.chars().any(char::is_control) {
        return Err("contains control characters".into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_rule() {
        for good in ["a@b.co", "ada.lovelace+x@engines.example"] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "a@b", "a b@c.de", "@b.co", "a@.co", "a@b.", "a@b@c.de", "a@@b.co", "", "ab",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        let long = format!("{}@b.co", "a".repeat(250));
        assert!(!looks_like_email(&long), "over 254 characters");
    }

    #[test]
    fn single_line_fields_refuse_every_control_character() {
        assert!(line("Ada", 1, 10).is_ok());
        assert!(line("A\u{1b}[31mda", 1, 10).is_err());
        assert!(line("A\nda", 1, 10).is_err());
        assert_eq!(text("  line\nline ", 1, 20).as_deref(), Ok("line\nline"));
        assert!(text("nul\u{0}", 1, 20).is_err());
        assert_eq!(text("   ", 1, 20), Err("is required".to_owned()));
        assert!(text("abcdef", 1, 5).unwrap_err().contains("at most 5"));
    }
}
