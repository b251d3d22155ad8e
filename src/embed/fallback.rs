//! What shows instead of the widget when its embed options are wrong: a
//! readable list of the configuration problems (the crash notice is the
//! loader's, `src/loader/crash.js`). Built with DOM calls and text nodes only
//! (no HTML strings).

use web_sys::{Document, Element, Node};

use crate::loader_contract::classes;

fn element(document: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    element.set_class_name(class);
    if let Some(text) = text {
        element.set_text_content(Some(text));
    }
    Some(element)
}

fn replace_children(parent: &Node, child: &Element) {
    while let Some(old) = parent.first_child() {
        let _ = parent.remove_child(&old);
    }
    let _ = parent.append_child(child);
}

/// Shows `heading` and `lines` in `root`.
pub fn show(root: &Node, heading: &str, lines: &[String]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(panel) = element(&document, "div", classes::FALLBACK, None) else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    if let Some(h) = element(&document, "p", classes::FALLBACK_HEADING, Some(heading)) {
        let _ = panel.append_child(&h);
    }
    if !lines.is_empty() {
        if let Some(list) = element(&document, "ul", "rw-fallback-list", None) {
            for line in lines {
                if let Some(item) = element(&document, "li", "", Some(line)) {
                    let _ = list.append_child(&item);
                }
            }
            let _ = panel.append_child(&list);
        }
    }
    replace_children(root, &panel);
}
