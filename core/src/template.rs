//! Filling `{placeholders}` in content strings.

/// Replaces each `{name}` in `template` with its value; unknown placeholders
/// are left as they are, so a typo shows on screen instead of vanishing.
///
/// ```
/// use readiness_core::fill;
/// assert_eq!(fill("Sign {current} of {total}", &[("current", "2"), ("total", "5")]), "Sign 2 of 5");
/// assert_eq!(fill("{unknown}", &[]), "{unknown}");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count as the widget writes it in every locale: one number, or the
/// fewest and the most joined by an en dash ("9–11"), which reads the same in
/// English, Danish and Indonesian.
///
/// ```
/// use readiness_core::span;
/// assert_eq!(span(9, 11), "9–11");
/// assert_eq!(span(8, 8), "8");
/// ```
pub fn span(least: usize, most: usize) -> String {
    if least == most {
        least.to_string()
    } else {
        format!("{least}–{most}")
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_repeated_and_adjacent_placeholders() {
        assert_eq!(fill("{a}{a}-{b}", &[("a", "x"), ("b", "y")]), "xx-y");
    }

    #[test]
    fn keeps_an_unclosed_brace() {
        assert_eq!(fill("50 {% of", &[("x", "1")]), "50 {% of");
    }

    #[test]
    fn keeps_non_ascii_text_around_placeholders() {
        assert_eq!(
            fill("−{points} für “{q}”", &[("points", "7"), ("q", "Ä")]),
            "−7 für “Ä”"
        );
    }
}
