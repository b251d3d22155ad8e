//! The loader (`src/embed.js`, `src/loader/*.js`) against the Rust side it
//! must not re-type (natively): every constant it uses exists in what
//! `cargo xtask dist` generates (`loader_contract::to_json`), none of the
//! Rust side's names, keys, fragments, selectors or words is typed in it, and
//! its locale choice gives what `pick_locale` gives (run in Node); the event
//! names, options, parts and custom properties are the same in the guide, the
//! TypeScript declarations (`src/embed.d.ts`) and the components.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

use readiness_core::Locale;
use readiness_widget::loader_contract::to_json;
use readiness_widget::locale_choice::pick_locale;
use serde_json::{json, Value};

/// The loader's code, without its whole-line comments (which may name things).
fn loader() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(root.join("src/embed.js")).unwrap();
    for entry in std::fs::read_dir(root.join("src/loader")).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text.lines()
        .filter(|line| {
            let code = line.trim_start();
            !(code.starts_with("//") || code.starts_with("/*") || code.starts_with('*'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn constants() -> Value {
    serde_json::from_str(&to_json()).expect("the constants are JSON")
}

/// `C.a.b`, `O.a`, `S.a` in the loader: the paths into the constants it uses.
fn used_paths(js: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = js.as_bytes();
    for (i, _) in js.match_indices('.') {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let prefix = match before {
            Some(b'C') => vec![],
            Some(b'O') => vec!["options".to_owned()],
            Some(b'S') => vec!["selectors".to_owned()],
            _ => continue,
        };
        // A whole identifier `C`, `O` or `S`, not the end of a longer one.
        if i >= 2 && (bytes[i - 2].is_ascii_alphanumeric() || bytes[i - 2] == b'_' || bytes[i - 2] == b'.') {
            continue;
        }
        let rest: Vec<String> = js[i + 1..]
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .next()
            .unwrap_or_default()
            .split('.')
            .take(2)
            .map(str::to_owned)
            .collect();
        let mut path = prefix;
        path.extend(rest.into_iter().filter(|p| !p.is_empty()));
        // Array methods on a list constant (`C.locales.find`) are not keys.
        paths.push(path);
    }
    paths
}

#[test]
fn every_constant_the_loader_uses_is_generated() {
    let js = loader();
    let constants = constants();
    let paths = used_paths(&js);
    assert!(paths.len() > 20, "the loader reads its constants: {paths:?}");
    for path in paths {
        let mut value = &constants;
        for key in &path {
            if value.is_array() {
                break;
            }
            value = &value[key.as_str()];
            assert!(
                !value.is_null(),
                "the loader uses `{}`, which the Rust side does not generate",
                path.join(".")
            );
        }
    }
}

#[test]
fn the_loader_types_none_of_the_rust_sides_names_keys_or_words() {
    let js = loader();
    let constants = constants();
    let mut typed = Vec::new();
    for group in ["storage", "selectors", "classes", "attributes"] {
        for (_, value) in constants[group].as_object().unwrap() {
            typed.push(value.as_str().unwrap().to_owned());
        }
    }
    for (_, key) in constants["fragments"].as_object().unwrap() {
        typed.push(format!("{}=", key.as_str().unwrap()));
    }
    typed.push(constants["marker"].as_str().unwrap().to_owned());
    typed.push(constants["prefillMarker"].as_str().unwrap().to_owned());
    for tag in Locale::tags() {
        typed.push(format!("'{tag}'"));
        typed.push(format!("\"{tag}\""));
    }
    for value in constants["falseValues"].as_array().unwrap() {
        typed.push(format!("'{}'", value.as_str().unwrap()));
    }
    typed.push(format!("'{}'", constants["defaultInstance"].as_str().unwrap()));
    let ui = &Locale::english().ui;
    for words in [
        ui.crash_contact,
        ui.crash_body,
        ui.config_error_heading,
        ui.step_loading,
    ] {
        typed.push(words.to_owned());
    }
    for text in typed {
        assert!(
            !js.contains(&text),
            "the loader types `{text}`: take it from the generated constants instead"
        );
    }
}

#[test]
fn the_loaders_locale_choice_is_the_apps() {
    let cases: Vec<(Option<&str>, Vec<&str>)> = vec![
        (None, vec!["da-DK", "en"]),
        (None, vec!["", " id-ID ", "da"]),
        (None, vec!["fr", "de"]),
        (None, vec!["fr", "DA"]),
        (Some("auto"), vec!["id"]),
        (Some("AUTO"), vec!["da"]),
        (Some("da"), vec!["id"]),
        (Some("DA-dk"), vec![]),
        (Some("xx"), vec!["da"]),
        (Some("en-GB"), vec!["da"]),
        (Some(" id "), vec!["da"]),
        (Some(""), vec!["da"]),
        (None, vec![]),
    ];
    let expected: Vec<&str> = cases
        .iter()
        .map(|(wanted, languages)| {
            // The config trims an option and drops an empty one, as the loader does.
            let wanted = wanted.map(str::trim).filter(|w| !w.is_empty());
            pick_locale(wanted, languages).0.tag
        })
        .collect();
    let cases_json = serde_json::to_string(&cases).unwrap();
    let got: Vec<String> = serde_json::from_value(run_loader_js(
        "locale.js",
        &format!("console.log(JSON.stringify({cases_json}.map(([w, l]) => K.pickLocale(C, w, l))));"),
    ))
    .unwrap();
    assert_eq!(got, expected, "cases: {cases:?}");
}

/// A file of the workspace.
fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The body of `interface <name> {` … `}` or `type <name> =` … `;` in the declarations.
fn declaration(dts: &str, head: &str) -> String {
    let start = dts
        .find(head)
        .unwrap_or_else(|| panic!("src/embed.d.ts declares `{head}`"));
    let body = &dts[start + head.len()..];
    let end = if head.contains(" type ") {
        body.find(";\n")
    } else {
        body.find("\n}")
    }
    .unwrap();
    body[..end].to_owned()
}

/// The names `'a'`, `b` before `?:` or `:` at the start of each line of a declaration body.
fn keys(body: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        // Comments, and index signatures (`[key: \`context-${string}\`]: string`) are not names.
        .filter(|line| {
            !line.starts_with("/*") && !line.starts_with('*') && !line.starts_with("//") && !line.starts_with('[')
        })
        .filter_map(|line| match line.strip_prefix('\'') {
            Some(quoted) => quoted.split('\'').next(),
            None => line.split(':').next().filter(|_| line.contains(':')),
        })
        .map(|key| key.trim_end_matches('?').to_owned())
        .filter(|key| !key.is_empty() && !key.contains(' ') && !key.contains('('))
        .collect()
}

#[test]
fn every_event_is_in_the_guides_one_table_and_in_the_declarations() {
    use readiness_widget::loader_contract::events::{ALL, DATA_LAYER_PREFIX, PREFIX};
    let guide = read("docs/embedding.md");
    let table = guide
        .split("<!-- events")
        .nth(1)
        .expect("the guide marks its events table");
    let table = table.split_once('\n').unwrap().1.split("\n\n").next().unwrap();
    let documented: Vec<&str> = table
        .lines()
        .filter_map(|row| row.strip_prefix("| `")?.split('`').next())
        .filter(|name| name.starts_with(PREFIX))
        .collect();
    let expected: Vec<String> = ALL.iter().map(|name| format!("{PREFIX}{name}")).collect();
    assert_eq!(documented, expected, "one row per event, in loader_contract's order");
    for row in table.lines().skip(2) {
        assert_eq!(
            row.matches(" | ").count(),
            3,
            "name, when, detail fields, example: {row}"
        );
    }
    let dts = read("src/embed.d.ts");
    let declared = keys(&declaration(&dts, "export interface ReadinessEventMap {"));
    assert_eq!(declared, expected, "ReadinessEventMap declares every event");
    assert!(
        dts.contains(&format!("`{DATA_LAYER_PREFIX}${{")),
        "the dataLayer prefix"
    );
    // The names are typed once, in loader_contract: no event name literal elsewhere in the widget.
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("loader_contract.rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                for name in ALL {
                    assert!(
                        !code.contains(&format!("emit(&host, \"{name}\"")) && !code.contains(&format!("\"{PREFIX}")),
                        "{} types an event name: use loader_contract::events",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn the_declared_yes_no_words_are_the_ones_the_widget_reads() {
    use readiness_widget::config::{FALSE_VALUES, TRUE_VALUES};
    let body = declaration(&read("src/embed.d.ts"), "export type YesNo =");
    let mut declared: Vec<&str> = body
        .split('|')
        .filter_map(|v| v.trim().strip_prefix('\'')?.strip_suffix('\''))
        .collect();
    declared.sort_unstable();
    let mut read: Vec<&str> = TRUE_VALUES.iter().chain(FALSE_VALUES.iter()).copied().collect();
    read.sort_unstable();
    assert_eq!(declared, read, "YesNo in src/embed.d.ts");
}

#[test]
fn every_option_is_an_attribute_of_the_element_and_an_option_in_the_declarations() {
    use readiness_widget::config::{LOADER_OPTIONS, OPTION_NAMES};
    let dts = read("src/embed.d.ts");
    let attributes = keys(&declaration(&dts, "export interface ReadinessAssessmentAttributes {"));
    let options = keys(&declaration(&dts, "export interface ReadinessOptions {"));
    let camel = |name: &str| {
        let mut out = String::new();
        let mut upper = false;
        for c in name.chars() {
            if c == '-' {
                upper = true;
            } else {
                out.push(if upper { c.to_ascii_uppercase() } else { c });
                upper = false;
            }
        }
        out
    };
    // `assets` is the widget's internal option (the guide: not part of the interface).
    let mut names: Vec<&str> = OPTION_NAMES.iter().chain(LOADER_OPTIONS.iter()).copied().collect();
    let mut attrs: Vec<&str> = attributes.iter().map(String::as_str).collect();
    let mut opts: Vec<String> = options.clone();
    names.sort_unstable();
    attrs.push("assets");
    attrs.sort_unstable();
    assert_eq!(
        attrs, names,
        "ReadinessAssessmentAttributes: every option, nothing else"
    );
    let mut camels: Vec<String> = names.iter().map(|n| camel(n)).collect();
    camels.sort_unstable();
    opts.sort_unstable();
    assert_eq!(opts, camels, "ReadinessOptions: every option in camelCase");
    // The element observes exactly these names (generated).
    let constants = constants();
    let observed: Vec<&str> = constants["optionAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for name in &names {
        assert!(observed.contains(name), "the element observes `{name}`");
    }
    for name in constants["remountAttributes"].as_array().unwrap() {
        assert!(observed.contains(&name.as_str().unwrap()), "{name} is an option");
    }
    let signs = declaration(&dts, "export type SignId =");
    for sign in readiness_core::SignId::ALL {
        assert!(
            signs.contains(&format!("'{}'", sign.as_str())),
            "SignId declares {}",
            sign.as_str()
        );
    }
}

#[test]
fn every_part_and_custom_property_is_in_the_guide_and_the_parts_are_the_components() {
    use readiness_widget::loader_contract::PARTS;
    let guide = read("docs/embedding.md");
    let mut used = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components")).unwrap() {
        let code = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for chunk in code.split("part=\"").skip(1) {
            for name in chunk.split('"').next().unwrap().split_whitespace() {
                used.insert(name.to_owned());
            }
        }
    }
    let parts: std::collections::BTreeSet<String> = PARTS.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(used, parts, "the components' part names are loader_contract::PARTS");
    for part in PARTS {
        assert!(
            guide.contains(&format!("| `{part}` |")),
            "the guide lists the part `{part}`"
        );
    }
    let css = read("styles/widget.css");
    let mut properties: Vec<&str> = css
        .split("var(--readiness-")
        .skip(1)
        .map(|rest| rest.split([',', ')']).next().unwrap())
        .collect();
    properties.sort_unstable();
    properties.dedup();
    assert!(
        properties.len() >= 8,
        "the stylesheet's custom properties: {properties:?}"
    );
    for property in properties {
        assert!(
            guide.contains(&format!("| `--readiness-{property}` |")),
            "the guide lists --readiness-{property}"
        );
    }
}

// --- Anonymous counts (issue 23) ---

/// Runs `body` in Node, with `C` (the generated constants) and the exports of
/// `src/loader/<file>` as `K`; its stdout as JSON.
fn run_loader_js(file: &str, body: &str) -> Value {
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/loader").join(file);
    let script = format!(
        "import * as K from {};\nconst C = {};\n{body}",
        serde_json::to_string(&format!("file://{}", module.display())).unwrap(),
        to_json()
    );
    let output = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .unwrap_or_else(|e| panic!("Node runs src/loader/{file} (cargo xtask test makes sure node is there): {e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

#[test]
fn the_loader_types_no_milestone_or_beacon_field() {
    let js = loader();
    let mut typed: Vec<String> = readiness_contract::count::BEACON_FIELDS
        .iter()
        .map(|f| f.to_string())
        .chain(
            readiness_contract::count::Milestone::ALL
                .iter()
                .map(|m| m.as_str().to_owned()),
        )
        .flat_map(|name| [format!("'{name}'"), format!("\"{name}\""), format!("`{name}`")])
        .collect();
    typed.push(readiness_widget::loader_contract::events::PREFIX.to_owned());
    typed.push(Locale::english().ui.intro_counting.to_owned());
    for text in typed {
        assert!(
            !js.contains(&text),
            "the loader types `{text}`: take it from the generated constants"
        );
    }
}

#[test]
fn a_beacon_holds_exactly_the_contracts_fields_and_events_map_to_milestones() {
    let got = run_loader_js(
        "count.js",
        r#"const sign = (i) => C.count.signIds[i];
console.log(JSON.stringify({
  beacon: JSON.parse(K.beacon(C, C.count.milestones.sign3, '/blog/a', 'da', 'b')),
  milestones: [
    K.milestoneOf(C, 'readiness:ready', { step: sign(0) }),
    K.milestoneOf(C, 'readiness:step', { step: sign(2) }),
    K.milestoneOf(C, 'readiness:step', { step: sign(4) }),
    K.milestoneOf(C, 'readiness:step', { step: C.count.resultStep }),
    K.milestoneOf(C, 'readiness:step', { step: 'intro' }),
    K.milestoneOf(C, 'readiness:contact', {}),
    K.milestoneOf(C, 'readiness:lead', {}),
    K.milestoneOf(C, 'readiness:booking', {}),
    K.milestoneOf(C, 'readiness:complete', {}),
  ],
  optedOut: [
    K.optedOut({ globalPrivacyControl: true }, {}),
    K.optedOut({ doNotTrack: '1' }, {}),
    K.optedOut({}, { doNotTrack: '1' }),
    K.optedOut({ doNotTrack: 'unspecified', globalPrivacyControl: false }, {}),
  ],
}));"#,
    );
    // Exactly the contract's fields, in its order (the endpoint refuses any other: endpoint/tests/engines.rs).
    let beacon = got["beacon"].as_object().unwrap();
    let keys: Vec<&str> = beacon.keys().map(String::as_str).collect();
    let mut fields = readiness_contract::count::BEACON_FIELDS.to_vec();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    fields.sort_unstable();
    assert_eq!(sorted_keys, fields, "{beacon:?}");
    assert_eq!(
        got["beacon"],
        serde_json::json!({"milestone": "sign-3", "path": "/blog/a", "locale": "da", "variant": "b",
            "model_version": readiness_core::Model::current().version})
    );
    assert_eq!(
        got["milestones"],
        serde_json::json!(["started", "sign-3", "sign-5", "result", null, "contact", "sent", "booking", null])
    );
    assert_eq!(got["optedOut"], serde_json::json!([true, true, true, false]));
}

/// Two intro variants over 400 page views: each draw is the loader's own (`Math.random`), and
/// each variant gets between 150 and 250 (±5 standard deviations of a fair split: it fails only
/// for a picker that favours one); three variants split alike; none means no variant.
#[test]
fn the_variant_picker_splits_400_page_views_roughly_evenly() {
    let got = run_loader_js(
        "count.js",
        r#"const tally = (names) => {
  const n = Object.fromEntries(names.map((v) => [v, 0]));
  for (let i = 0; i < 400; i++) n[K.pickVariant(names)] += 1;
  return n;
};
console.log(JSON.stringify({ two: tally(['a', 'b']), three: tally(['a', 'b', 'c']), none: K.pickVariant([]),
  edge: [K.pickVariant(['a', 'b'], () => 0), K.pickVariant(['a', 'b'], () => 0.999999)] }));"#,
    );
    for v in ["a", "b"] {
        let n = got["two"][v].as_u64().unwrap();
        assert!((150..=250).contains(&n), "variant {v}: {n} of 400 ({got})");
    }
    for v in ["a", "b", "c"] {
        let n = got["three"][v].as_u64().unwrap();
        assert!((83..=183).contains(&n), "variant {v}: {n} of 400 ({got})");
    }
    assert!(got["none"].is_null());
    assert_eq!(got["edge"], serde_json::json!(["a", "b"]));
}

/// The loader's variant names are the contract's (`valid_variant`): the same files are kept.
#[test]
fn the_loaders_variant_files_are_named_as_the_contract_says() {
    let urls = [
        "/copy/short.json",
        "https://cdn.example.com/c/long-cta_2.json?v=3",
        "/copy/Big.json",
        "/copy/has%20space.json",
        "/copy/short.json",
        &format!("/copy/{}.json", "a".repeat(33)),
        "/copy/ok-b",
    ];
    let got: Vec<String> = serde_json::from_value(run_loader_js(
        "variant.js",
        &format!(
            "console.warn = () => {{}};\nconsole.log(JSON.stringify(K.variantsOf(C, {}).map((v) => v.name)));",
            serde_json::to_string(&urls.join(" ")).unwrap()
        ),
    ))
    .unwrap();
    let mut expected: Vec<String> = Vec::new();
    for url in urls {
        let name = url
            .split(['?', '#'])
            .next()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".json");
        if readiness_contract::count::valid_variant(name) && !expected.iter().any(|e| e == name) {
            expected.push(name.to_owned());
        }
    }
    assert_eq!(got, expected);
    assert_eq!(got, ["short", "long-cta_2", "ok-b"]);
}

// --- The copy file (issue 21): a file that does not answer in time is dropped with a warning, so the
// prerendered intro never waits for ever; a file that answers is taken. ---

#[test]
fn a_copy_file_that_does_not_answer_in_time_gives_the_default_words_and_one_warning() {
    let got = run_loader_js(
        "copy.js",
        r#"
// Node does not stay alive for AbortSignal.timeout's timer alone (a browser page does).
const alive = setInterval(() => {}, 1000);
const warnings = [];
console.warn = (message) => warnings.push(String(message));
globalThis.fetch = (url, { signal } = {}) => new Promise((resolve, reject) => {
  if (url === '/hangs.json') {
    signal?.addEventListener('abort', () => reject(signal.reason));
    return;
  }
  resolve({ ok: true, json: async () => ({ 'ui.start': 'Go' }) });
});
const element = (copy) => ({ localName: 'div', dataset: { [C.options.copy]: copy }, attributes: [] });
const started = Date.now();
const hanging = await Promise.race([
  K.loadCopy(C, element('/hangs.json'), {}, 50),
  new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
]);
const waited = Date.now() - started;
const answered = await K.loadCopy(C, element('/answers.json'), {}, 50);
clearInterval(alive);
console.log(JSON.stringify({ hanging, waited, answered, warnings }));
"#,
    );
    assert_eq!(got["hanging"], Value::Null, "{got}");
    assert!(
        got["waited"].as_u64().unwrap() < 2000,
        "the intro waited too long: {got}"
    );
    assert_eq!(got["answered"], json!({ "ui.start": "Go" }), "{got}");
    let warnings = got["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "one warning, for the file that hung: {got}");
    assert!(warnings[0].as_str().unwrap().contains("/hangs.json"), "{got}");
}
