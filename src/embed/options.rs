//! Collecting option pairs from the host element's `data-*` attributes and
//! from the options object of `mount(element, options)`.

use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::Element;

use crate::loader_contract::MARKER;

/// `data-contact-url="/c"` → `("contact-url", "/c")`, in attribute order.
pub fn from_attributes(element: &Element) -> Vec<(String, String)> {
    element
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .filter_map(|name| {
            let option = name.strip_prefix("data-")?.to_owned();
            (option != MARKER).then(|| {
                let value = element.get_attribute(&name).unwrap_or_default();
                (option, value)
            })
        })
        .collect()
}

/// `{ contactUrl: "/c", remember: false }` → `("contact-url", "/c"), ("remember", "false")`.
pub fn from_object(options: &JsValue) -> Vec<(String, String)> {
    if !options.is_object() {
        return Vec::new();
    }
    js_sys::Object::entries(options.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.into();
            let key = pair.get(0).as_string()?;
            let value = pair.get(1);
            let value = value
                .as_string()
                .or_else(|| value.as_bool().map(|b| b.to_string()))
                // Whole numbers only (e.g. retryDelay: 500); no float formatting in the wasm.
                .or_else(|| value.as_f64().map(|n| (n as i64).to_string()))?;
            Some((kebab_case(&key), value))
        })
        .collect()
}

/// `contactUrl` → `contact-url`; kebab-case stays as it is.
pub fn kebab_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::kebab_case;

    #[test]
    fn camel_case_options_become_attribute_names() {
        assert_eq!(kebab_case("contactUrl"), "contact-url");
        assert_eq!(kebab_case("endpointFormat"), "endpoint-format");
        assert_eq!(kebab_case("theme"), "theme");
        assert_eq!(kebab_case("contact-url"), "contact-url");
    }
}
