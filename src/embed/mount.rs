//! `mount(element, options)`: one app per host element, inside an open
//! shadow root, with a handle to `update` and `destroy` it.

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use super::{adopt, fallback, options};
use crate::components::app::{App, AppProps};
use crate::config::{Config, ConfigError};
use crate::early::Early;
use crate::services::{events, page};

/// What the crash fallback needs to know about each mounted widget.
struct Mounted {
    host: Element,
    reach_us: Option<String>,
    locale: &'static Locale,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget, returned to JavaScript by [`mount`].
#[wasm_bindgen]
pub struct WidgetHandle {
    host: Element,
    extra: Vec<(String, String)>,
    app: Option<AppHandle<App>>,
    /// What the visitor did on the prerendered step, for the first render only.
    early: Rc<Early>,
}

/// Mounts the widget into `element`, configured by its `data-*` attributes
/// and by `options` (an object with the same names in camelCase; it wins).
/// Invalid options show a readable error in the widget and the console. A
/// prerendered first sign the loader showed is taken over with what the
/// visitor ticked on it (`adopt`).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> WidgetHandle {
    install_panic_hook();
    let extra = options::from_object(&options);
    let early = Rc::new(element.shadow_root().map(|s| adopt::read(&s)).unwrap_or_default());
    let mut handle = WidgetHandle {
        host: element,
        extra,
        app: None,
        early,
    };
    handle.render();
    handle
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new options (merged over the element's attributes) and re-renders.
    pub fn update(&mut self, options: JsValue) {
        self.extra = options::from_object(&options);
        match (self.config(), self.app.as_mut()) {
            (Ok(config), Some(app)) => app.update(AppProps {
                config: Rc::new(config),
                host: self.host.clone(),
                early: Rc::default(),
            }),
            _ => self.render(),
        }
    }

    /// Unmounts the widget and empties its shadow root.
    pub fn destroy(&mut self) {
        self.unmount();
        if let Some(shadow) = self.host.shadow_root() {
            clear(&shadow);
        }
    }
}

impl WidgetHandle {
    fn config(&self) -> Result<Config, ConfigError> {
        let mut pairs = options::from_attributes(&self.host);
        pairs.extend(self.extra.iter().cloned());
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let languages = page::languages();
        let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
        let mut config = Config::from_pairs(&pairs, &languages)?;
        // A copy file the loader handed over for `data-copy`: its strings over the locale's.
        config.locale = crate::services::copy::apply(config.copy.as_deref(), config.locale);
        Ok(config)
    }

    /// Stops the app, leaving the shadow root (and its loaded stylesheet) in place.
    fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let host = self.host.clone();
        MOUNTED.with(|m| m.borrow_mut().retain(|w| w.host != host));
    }

    fn render(&mut self) {
        self.unmount();
        let Some(shadow) = shadow_root(&self.host) else {
            web_sys::console::error_1(&"readiness widget: cannot attach a shadow root to this element".into());
            return;
        };
        match self.config() {
            Ok(config) => {
                for warning in config.locale_warning.iter().chain(&config.context_warnings) {
                    web_sys::console::warn_1(&warning.into());
                }
                let Some(root) = prepare(&shadow, config.assets.as_deref()) else {
                    return;
                };
                MOUNTED.with(|m| {
                    m.borrow_mut().push(Mounted {
                        host: self.host.clone(),
                        reach_us: config.reach_us().map(str::to_owned),
                        locale: config.locale,
                    })
                });
                let props = AppProps {
                    config: Rc::new(config),
                    host: self.host.clone(),
                    early: std::mem::take(&mut self.early),
                };
                self.app = Some(yew::Renderer::<App>::with_root_and_props(root, props).render());
            }
            Err(error) => {
                let message = format!("readiness widget: invalid embed options: {error}");
                web_sys::console::error_1(&message.clone().into());
                let ui = &Locale::english().ui;
                let lines: Vec<String> = error.0.iter().map(ToString::to_string).collect();
                if let Some(root) = prepare(&shadow, None) {
                    fallback::show(&root, ui.config_error_heading, &lines, None);
                }
                events::emit(&self.host, "error", events::object(&[("message", message.into())]));
            }
        }
    }
}

fn shadow_root(host: &Element) -> Option<ShadowRoot> {
    host.shadow_root()
        .or_else(|| host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok())
}

fn clear(shadow: &ShadowRoot) {
    while let Some(child) = shadow.first_child() {
        let _ = shadow.remove_child(&child);
    }
}

/// Empties the shadow root but for the stylesheet the loader linked (already
/// loaded, so the app never paints unstyled), links the stylesheet from
/// `assets` when there is none (an external file, so a strict CSP without
/// 'unsafe-inline' styles is fine), and adds the mount point.
fn prepare(shadow: &ShadowRoot, assets: Option<&str>) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    let mut linked = false;
    let mut child = shadow.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        let is_stylesheet = node
            .dyn_ref::<Element>()
            .is_some_and(|e| e.tag_name() == "LINK" && e.get_attribute("rel").as_deref() == Some("stylesheet"));
        if is_stylesheet {
            linked = true;
        } else {
            let _ = shadow.remove_child(&node);
        }
    }
    if let (false, Some(base)) = (linked, assets) {
        let link = document.create_element("link").ok()?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &format!("{}/widget.css", base.trim_end_matches('/')));
        let _ = shadow.append_child(&link);
    }
    let root = document.create_element("div").ok()?;
    root.set_class_name("rw-mount");
    shadow.append_child(&root).ok()?;
    Some(root)
}

/// A panic inside any widget replaces every mounted widget with a notice
/// and a way to reach the firm: never a frozen box. The host page goes on.
fn install_panic_hook() {
    thread_local!(static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        // The payload only: formatting the whole PanicHookInfo costs kilobytes of wasm.
        let detail = info.payload().downcast_ref::<&str>().copied().unwrap_or("panic");
        web_sys::console::error_2(&"readiness widget crashed:".into(), &detail.into());
        show_crash_fallback();
    }));
}

/// Replaces every mounted widget with the crash notice. Called by the panic
/// hook; public so a test can prove the fallback without aborting the wasm.
#[doc(hidden)]
pub fn show_crash_fallback() {
    MOUNTED.with(|mounted| {
        let Ok(mounted) = mounted.try_borrow() else {
            return;
        };
        for widget in mounted.iter() {
            if let Some(shadow) = widget.host.shadow_root() {
                let ui = &widget.locale.ui;
                let link = widget.reach_us.as_deref().map(|href| (ui.crash_contact, href));
                if let Some(root) = shadow.query_selector(".rw-mount").ok().flatten() {
                    fallback::show(&root, ui.crash_body, &[], link);
                }
            }
        }
    });
}
