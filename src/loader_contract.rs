//! What the loader (`src/embed.js`) needs to know of the Rust side, in one
//! place (pure): the marker attributes, the option names it reads, the
//! storage keys, the page fragments, the locale tags, the selectors of the
//! prerendered steps. `cargo xtask dist` writes [`to_json`] into the loader's
//! `C` constant (`// @constants`); the loader never types these itself, and
//! the tests below fail when the two drift.

/// The page fragment of a shared result (`#result=<code>`).
pub const RESULT_KEY: &str = "result";
/// The attribute (`data-…`) that marks a widget's element.
pub const MARKER: &str = "readiness-assessment";
/// The attribute (`data-…`) that marks the contact form to prefill.
pub const PREFILL_MARKER: &str = "readiness-prefill";
/// The instance of a widget without `data-instance`.
pub const DEFAULT_INSTANCE: &str = "default";

/// The events the widget dispatches on its host element (`readiness:<name>`,
/// bubbling and composed) and pushes to the page's `dataLayer` as
/// `readiness_<name>`. Documented in one table in `docs/embedding.md` and
/// declared in `src/embed.d.ts` (`tests/loader_drift.rs` checks both).
pub mod events {
    /// The prefix of every event's name on the host element.
    pub const PREFIX: &str = "readiness:";
    /// The prefix of every `dataLayer` event name.
    pub const DATA_LAYER_PREFIX: &str = "readiness_";
    /// The app has mounted.
    pub const READY: &str = "ready";
    /// A new step opened.
    pub const STEP: &str = "step";
    /// The result of a complete assessment opened.
    pub const COMPLETE: &str = "complete";
    /// The endpoint accepted a submission (a lead; no personal data in the detail).
    pub const LEAD: &str = "lead";
    /// The team comparison was computed.
    pub const TEAM: &str = "team";
    /// The options are invalid.
    pub const ERROR: &str = "error";
    /// (On the contact form) the prefill ran.
    pub const PREFILLED: &str = "prefilled";
    /// The endpoint queued the visitor's plan e-mail (not a lead; no address in the detail).
    pub const PLAN: &str = "plan";
    /// The visitor opened the booking page from the result.
    pub const BOOKING: &str = "booking";
    /// The contact form opened (first time on this page).
    pub const CONTACT: &str = "contact";
    /// Every event, in the order the guide's table lists them.
    pub const ALL: [&str; 10] = [
        READY, STEP, COMPLETE, LEAD, TEAM, ERROR, PREFILLED, PLAN, BOOKING, CONTACT,
    ];
}

/// The options whose change on `<readiness-assessment>` remounts it (they name
/// its saved progress and its words); any other option updates the running app.
pub const REMOUNT_OPTIONS: [&str; 3] = ["instance", "locale", "remember"];

/// The `part` names of the widget's main elements, for `::part()` styling
/// from the host page (the components carry them; the guide lists them all).
pub const PARTS: [&str; 10] = [
    "card", "heading", "button", "primary", "question", "option", "progress", "chart", "form", "plan",
];

/// Class names the loader gives the elements it makes (the stylesheet's).
pub mod classes {
    /// The element the app (and the prerendered markup) lives in.
    pub const MOUNT: &str = "rw-mount";
    /// A button or a link styled as one.
    pub const BUTTON: &str = "rw-button";
    /// A line saying what went wrong (`role=alert`).
    pub const ERROR: &str = "rw-error-summary";
    /// The card shown instead of the widget when nothing else can be.
    pub const FALLBACK: &str = "rw rw-fallback";
    /// The fallback card's first line.
    pub const FALLBACK_HEADING: &str = "rw-fallback-heading";
}

/// Attributes of the prerendered questions the loader reads.
pub mod attributes {
    /// A question's id.
    pub const QUESTION: &str = "data-question";
    /// `<question id> <bits>`: asked only after one of these answers to that question.
    pub const SHOWN_WHEN: &str = "data-shown-when";
    /// The copy-file key of the string an element shows (issue 21; `components::copy_key`).
    pub const COPY_KEY: &str = "data-copy-key";
    /// `name=value;…`: the placeholder values of that string (`components::copy_fill`).
    pub const COPY_FILL: &str = "data-copy-fill";
}

/// Selectors into the markup of the app's components (and so of the
/// prerendered intro and first sign), shared by the loader and `embed::adopt`.
pub mod selectors {
    /// The element the app (and the prerendered markup) lives in (`classes::MOUNT`).
    pub const MOUNT: &str = ".rw-mount";
    /// The widget's card.
    pub const CARD: &str = ".rw";
    /// The intro's Start button.
    pub const START: &str = ".rw-intro .rw-primary";
    /// A sign's step.
    pub const SIGN: &str = ".rw-sign";
    /// The prerendered first sign inside the loader's mount point.
    pub const PRERENDERED_SIGN: &str = ".rw-mount .rw-sign";
    /// A step's Next button.
    pub const NEXT: &str = ".rw-nav .rw-primary";
    /// A Next pressed before the app ran (shown busy).
    pub const BUSY_NEXT: &str = ".rw-nav .rw-primary[aria-busy=true]";
    /// A step's Back button.
    pub const BACK: &str = ".rw-nav .rw-button:not(.rw-primary)";
    /// A step's heading (focused when the step opens).
    pub const HEADING: &str = ".rw-heading";
    /// A step's row of buttons.
    pub const ACTIONS: &str = ".rw-actions";
    /// One question.
    pub const QUESTION: &str = "fieldset.rw-question";
    /// A checklist's "none of these" box.
    pub const NONE: &str = ".rw-option-none input";
    /// A question asked only after a given answer (`data-shown-when="<question> <bits>"`).
    pub const CONDITIONAL: &str = "[data-shown-when]";
    /// The live region the app announces steps in.
    pub const STATUS: &str = "[role=status]";
}

// --- Anonymous counts (issue 23) ---

/// What `src/loader/count.js` needs besides the widget's events (`events`: `step` and
/// `ready` mark the signs and the result; `contact`, `lead`, `plan` and `booking` their
/// milestones): where the intro's privacy sentence goes. The milestone names and the
/// beacon's fields come from `readiness_contract::count`.
pub mod counting {
    /// The intro's privacy line, which the counting sentence follows.
    pub const PRIVACY: &str = ".rw-privacy";
    /// The counting sentence's classes (styled as the privacy line).
    pub const NOTE_CLASS: &str = "rw-privacy rw-counting";
    /// The option (`data-metrics`) that turns counting on, with the counting URL.
    pub const OPTION: &str = "metrics";
    /// The option (`data-intro-variants`) listing the intro variants' copy files.
    pub const VARIANTS_OPTION: &str = "intro-variants";
}

/// `fallback-contact` → `fallbackContact` (the `dataset` key).
#[cfg(not(target_arch = "wasm32"))]
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The loader's constants, as a JSON object (native only: `cargo xtask dist`
/// bundles it into the loader, the drift test reads it).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_json() -> String {
    use readiness_core::{Locale, TEAM_KEY};
    use serde_json::{json, Map, Value};

    use crate::config::{Theme, FALSE_VALUES, LOADER_OPTIONS, OPTION_NAMES};
    use crate::services::storage;
    use readiness_contract::count::{Milestone, BEACON_FIELDS, DEFAULT_VARIANT, MAX_VARIANT, SIGNS};
    let options: Map<String, Value> = OPTION_NAMES
        .iter()
        .chain(LOADER_OPTIONS.iter())
        .map(|name| (camel_case(name), Value::from(camel_case(name))))
        .collect();
    let themes: Map<String, Value> = [Theme::Auto, Theme::Light, Theme::Dark]
        .iter()
        .map(|t| {
            (
                t.class().trim_start_matches("rw-theme-").to_owned(),
                Value::from(t.class()),
            )
        })
        .collect();
    json!({
        "marker": MARKER,
        // The custom element's own attributes: every option name, without `data-`.
        "optionAttributes": OPTION_NAMES.iter().chain(LOADER_OPTIONS.iter()).collect::<Vec<_>>(),
        // Those a change of which remounts the element (they name its saved progress and its words).
        "remountAttributes": REMOUNT_OPTIONS,
        "prefillMarker": PREFILL_MARKER,
        "defaultInstance": DEFAULT_INSTANCE,
        "falseValues": FALSE_VALUES,
        "options": options,
        "classes": {
            "mount": classes::MOUNT,
            "button": classes::BUTTON,
            "error": classes::ERROR,
            "fallback": classes::FALLBACK,
            "fallbackHeading": classes::FALLBACK_HEADING,
        },
        "attributes": {
            "question": attributes::QUESTION,
            "shownWhen": attributes::SHOWN_WHEN,
            "copyKey": attributes::COPY_KEY,
            "copyFill": attributes::COPY_FILL,
        },
        "storage": { "prefix": storage::KEY_PREFIX, "outbox": storage::OUTBOX_SUFFIX },
        "fragments": { "result": RESULT_KEY, "team": TEAM_KEY },
        "locales": Locale::tags(),
        "english": Locale::english().tag,
        "themes": themes,
        "selectors": {
            "mount": selectors::MOUNT,
            "card": selectors::CARD,
            "start": selectors::START,
            "sign": selectors::SIGN,
            "next": selectors::NEXT,
            "back": selectors::BACK,
            "heading": selectors::HEADING,
            "actions": selectors::ACTIONS,
            "question": selectors::QUESTION,
            "none": selectors::NONE,
            "conditional": selectors::CONDITIONAL,
            "status": selectors::STATUS,
            "focusable": crate::early::FOCUSABLE,
        },
        // Anonymous counts (issue 23).
        "count": {
            "fields": BEACON_FIELDS,
            "milestones": Milestone::ALL.iter().map(|m| (camel_case(m.as_str()), Value::from(m.as_str()))).collect::<Map<String, Value>>(),
            "signs": (0..SIGNS).filter_map(Milestone::of_sign).map(Milestone::as_str).collect::<Vec<_>>(),
            "signIds": readiness_core::SignId::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "resultStep": crate::state::Phase::Result.as_str(),
            "eventPrefix": events::PREFIX,
            "stepEvents": [events::STEP, events::READY],
            "events": {
                (events::CONTACT): Milestone::Contact.as_str(),
                (events::LEAD): Milestone::Sent.as_str(),
                (events::PLAN): Milestone::Plan.as_str(),
                (events::BOOKING): Milestone::Booking.as_str(),
            },
            "modelVersion": readiness_core::Model::current().version,
            "defaultVariant": DEFAULT_VARIANT,
            "variantPattern": format!("^[a-z0-9_-]{{1,{MAX_VARIANT}}}$"),
            "privacy": counting::PRIVACY,
            "noteClass": counting::NOTE_CLASS,
        },
    })
    .to_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn option_names_become_dataset_keys() {
        assert_eq!(camel_case("fallback-contact"), "fallbackContact");
        assert_eq!(camel_case("theme"), "theme");
        assert_eq!(camel_case(MARKER), "readinessAssessment");
        assert_eq!(selectors::MOUNT, format!(".{}", classes::MOUNT));
    }

    #[test]
    fn the_constants_carry_the_keys_and_fragments_the_app_uses() {
        let json = to_json();
        for needle in [
            "\"prefix\":\"readiness-widget:v1:\"",
            "\"outbox\":\":outbox\"",
            "\"result\":\"result\"",
            "\"team\":\"team\"",
            "\"fallbackContact\":\"fallbackContact\"",
            "\"loadError\":\"loadError\"",
            "\"english\":\"en\"",
        ] {
            assert!(json.contains(needle), "{needle} in {json}");
        }
    }
}
