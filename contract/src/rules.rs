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

// ---- context fields (`data-context-*`, issue 21) ----
/// Context values (`data-context-<key>`) one submission carries, at most.
pub const CONTEXT_MAX_KEYS: usize = 10;
/// Characters of a context key, at most.
pub const CONTEXT_KEY_MAX: usize = 32;
/// Characters of a context value, at most.
pub const CONTEXT_VALUE_MAX: usize = 100;

/// The context key rule: 1–[`CONTEXT_KEY_MAX`] of `a`–`z`, `0`–`9`, `-` and
/// `_`, starting with a letter (an HTML attribute name is lowercased, so
/// `data-context-crm_id` gives `crm_id`). The error is the reason.
pub fn context_key(key: &str) -> Result<(), String> {
    let fits = key.len() <= CONTEXT_KEY_MAX
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if fits {
        Ok(())
    } else {
        Err(format!(
            "a context key is 1 to {CONTEXT_KEY_MAX} of a-z, 0-9, - and _, starting with a letter"
        ))
    }
}

/// The context value rule: one line ([`line`]) of 1–[`CONTEXT_VALUE_MAX`]
/// characters. Returns it trimmed; the error is the reason.
pub fn context_value(value: &str) -> Result<String, String> {
    line(value, 1, CONTEXT_VALUE_MAX)
}
// ---- end of context fields ----

/// Characters that change how text around them reads without being seen:
/// the bidirectional formatting characters (right-to-left overrides,
/// embeddings, isolates and marks: `U+202E` makes "moc.elpmaxe" read
/// "example.com") and the invisible ones (zero-width space, word joiner,
/// invisible operators, soft hyphen, byte order mark, the Hangul fillers,
/// interlinear annotations, tag characters). A lead must read as what it is
/// in the sales view, the e-mail and the CSV, so the single-line fields
/// ([`line`], the e-mail address, `page_url`) refuse them.
///
/// The zero-width joiner and non-joiner (`U+200D`, `U+200C`) are not in the
/// list: Persian and Indic names and emoji sequences need them. They are
/// refused only where text is never written in such scripts: the e-mail
/// address and the page URL (see [`is_hidden_in_address`]).
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// [`is_hidden`], and the zero-width joiner and non-joiner: for the e-mail
/// address and the page URL.
pub fn is_hidden_in_address(c: char) -> bool {
    is_hidden(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The reason for the first hidden character of `value`, naming it (`U+202E`).
fn hidden_reason(value: &str, hidden: fn(char) -> bool) -> Result<(), String> {
    match value.chars().find(|c| hidden(*c)) {
        Some(c) => Err(format!(
            "contains an invisible or text-direction character (U+{:04X}); please type it again",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// The e-mail rule: 3–254 characters, one `@`, a dot in the domain (not at
/// its ends), no whitespace, no invisible or text-direction character
/// ([`is_hidden_in_address`]).
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
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_hidden_in_address(c))
}

/// The `page_url` rule: at most [`PAGE_URL_MAX`] characters; `http://` or
/// `https://` in any letter case (`HTTPS://` is the same scheme); a host,
/// optionally with a port; no user name or password (`user:pass@`); no
/// whitespace, control, invisible or text-direction character. Returns the
/// URL trimmed; the error is the reason.
pub fn page_url(value: &str) -> Result<String, String> {
    const WHAT: &str = "must be the page's http(s) address";
    let url = value.trim();
    if url.chars().count() > PAGE_URL_MAX {
        return Err(format!("{WHAT}, at most {PAGE_URL_MAX} characters"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{WHAT}, without spaces or control characters"));
    }
    hidden_reason(url, is_hidden_in_address)?;
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            url.get(..scheme.len())
                .filter(|head| head.eq_ignore_ascii_case(scheme))
                .map(|_| &url[scheme.len()..])
        })
        .ok_or_else(|| format!("{WHAT}, starting with https:// or http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!("{WHAT}, without a user name or password"));
    }
    let host = match authority.rsplit_once(':') {
        // `[::1]:8080` or `host:8080`; a bare IPv6 literal `[::1]` has its colons inside brackets.
        Some((host, port)) if !port.contains(']') => {
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{WHAT}; its port is not a number"));
            }
            host
        }
        _ => authority,
    };
    if host.is_empty() || host.starts_with('.') {
        return Err(format!("{WHAT}, with a host name"));
    }
    Ok(url.to_owned())
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

/// One line of text: [`text`] without line breaks or tabs, and without
/// invisible or text-direction characters ([`is_hidden`]): the rule of the
/// name, the company, the e-mail address and the consent text.
pub fn line(value: &str, min: usize, max: usize) -> Result<String, String> {
    let value = text(value, min, max)?;
    if value.chars().any(char::is_control) {
        return Err("contains control characters".into());
    }
    hidden_reason(&value, is_hidden)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_rules() {
        for good in ["campaign", "crm_id", "article-slug", "a1"] {
            assert!(context_key(good).is_ok(), "{good}");
        }
        for bad in ["", "1st", "Campaign", "crm id", "é", &"a".repeat(33)] {
            assert!(context_key(bad).is_err(), "{bad}");
        }
        assert_eq!(context_value("  spring-26 ").unwrap(), "spring-26");
        assert!(context_value("").is_err());
        assert!(context_value("two\nlines").is_err());
        assert!(context_value("\u{202E}x").is_err());
        assert!(context_value(&"x".repeat(101)).is_err());
        assert!(context_value(&"x".repeat(100)).is_ok());
    }

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
    fn single_line_fields_refuse_text_direction_and_invisible_characters() {
        // "Ada" written right to left by an override, a zero-width space, a soft hyphen, a Hangul filler.
        for sneaky in [
            "\u{202E}adA",
            "Ad\u{200B}a",
            "Ada\u{2066}",
            "A\u{00AD}da",
            "\u{3164}",
            "Ada\u{FEFF}",
            "Ada\u{E0041}",
            "Ada\u{200F}",
        ] {
            let refused = line(sneaky, 1, 200).unwrap_err();
            assert!(
                refused.contains("invisible or text-direction character (U+"),
                "{sneaky:?}: {refused}"
            );
        }
        assert!(line("\u{202E}adA", 1, 200).unwrap_err().contains("U+202E"));
        // Names that need a joiner, and right-to-left scripts themselves, are fine.
        for fine in [
            "می\u{200C}خواهم",
            "Zoë Ångström",
            "דוד כהן",
            "محمد",
            "Ana María",
            "\u{1F469}\u{200D}\u{1F4BB}",
        ] {
            assert_eq!(line(fine, 1, 200).as_deref(), Ok(fine));
        }
        // The message may keep line breaks and marks that mixed-direction text uses.
        assert!(text("שלום\u{200F}\nHello", 1, 200).is_ok());
    }

    #[test]
    fn an_email_address_has_no_hidden_characters() {
        for sneaky in [
            "ada@exa\u{200B}mple.com",
            "ada@example.com\u{202E}",
            "a\u{200D}da@example.com",
            "ada@example.com\u{0}",
            "ada\u{2060}@example.com",
        ] {
            assert!(!looks_like_email(sneaky), "{sneaky:?}");
        }
        assert!(
            looks_like_email("zoë@bücher.example"),
            "international addresses stay valid"
        );
    }

    #[test]
    fn the_page_url_is_an_http_address_with_a_host_and_no_credentials() {
        for good in [
            "https://site.example/articles/five-signs?utm_source=x",
            "http://localhost:8080/",
            "HTTPS://Site.Example/Path",
            "Http://site.example",
            "https://[::1]:8443/a",
            "https://[::1]",
            "https://xn--bcher-kva.example/",
        ] {
            assert_eq!(page_url(good).as_deref(), Ok(good), "{good}");
        }
        for (bad, why) in [
            ("https://", "host"),
            ("https:///path", "host"),
            ("https://?q=1", "host"),
            ("https://:443/", "host"),
            ("https://user:pass@site.example/", "user name"),
            ("https://user@site.example/", "user name"),
            ("https://site.example:80a/", "port"),
            ("https://site.example:/", "port"),
            ("javascript:alert(1)", "https://"),
            ("ftp://site.example/", "https://"),
            ("//site.example/", "https://"),
            ("https://site.example/\u{202E}fdp.exe", "U+202E"),
            ("https://site\u{200B}.example/", "U+200B"),
            ("https://site.example/a b", "spaces"),
            ("https://site.example/\na", "control"),
        ] {
            let refused = page_url(bad).unwrap_err();
            assert!(refused.contains(why), "{bad:?}: {refused}");
        }
        assert!(page_url(&format!("https://site.example/{}", "a".repeat(PAGE_URL_MAX))).is_err());
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
