//! `mount(element, options)`: one app per host element, inside an open
//! shadow root, with a handle to `update` and `destroy` it.
//!
//! Yew never frees what an app's root registers (each root's event listeners
//! are `forget`-ed closures holding the root: yew 0.23 `subtree_root.rs`), so
//! destroying apps and creating new ones leaks a root element and its
//! listeners every time: on a single-page site, every visit. Instead, a
//! destroyed widget's Yew app renders nothing (its components unmount, their
//! effects clean up) and is kept with its root element in a pool; the next
//! widget mounted on the page takes it (the root moves into its shadow root).
//! The page holds at most as many Yew apps as widgets were ever shown at once.

use std::cell::RefCell;
use std::rc::Rc;

use readiness_core::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;
use yew::AppHandle;

use super::{adopt, fallback, options};
use crate::components::app::{App, AppProps};
use crate::config::{Config, ConfigError};
use crate::early::Early;
use crate::loader_contract::classes;
use crate::services::{events, page};

thread_local! {
    /// Yew apps of destroyed widgets (rendering nothing) with their root elements, for reuse.
    static POOL: RefCell<Vec<(Element, AppHandle<Hosted>)>> = const { RefCell::new(Vec::new()) };
    /// Mounts so far (each mount's number, see [`HostedProps::mount`]).
    static MOUNTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Props of [`Hosted`]: the app's, or none for an app kept in the pool.
#[derive(Properties, PartialEq)]
struct HostedProps {
    app: Option<Rc<AppProps>>,
    /// Which mount this is: a new one is always a new `App` (fresh state and effects), even when
    /// Yew's scheduler merges a pooled app's "render nothing" with the next mount's props.
    mount: u32,
}

/// The root of every Yew app the embed layer makes: the widget, or nothing.
#[component]
fn Hosted(props: &HostedProps) -> Html {
    match &props.app {
        Some(app) => {
            html! { <App key={props.mount} config={app.config.clone()} host={app.host.clone()} early={app.early.clone()} /> }
        }
        None => Html::default(),
    }
}

/// A mounted widget, returned to JavaScript by [`mount`].
#[wasm_bindgen]
pub struct WidgetHandle {
    host: Element,
    extra: Vec<(String, String)>,
    /// The running app and its root element (in the shadow root).
    app: Option<(Element, AppHandle<Hosted>)>,
    /// This mount's number (see [`HostedProps::mount`]).
    mount: u32,
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
    let extra = options::from_object(&options);
    let early = Rc::new(element.shadow_root().map(|s| adopt::read(&s)).unwrap_or_default());
    let mut handle = WidgetHandle {
        host: element,
        extra,
        app: None,
        mount: 0,
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
            (Ok(config), Some((_, app))) => app.update(HostedProps {
                app: Some(Rc::new(AppProps {
                    config: Rc::new(config),
                    host: self.host.clone(),
                    early: Rc::default(),
                })),
                mount: self.mount,
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

    /// Stops the app (it renders nothing and goes to the pool with its root element, which
    /// leaves the shadow root), leaving the shadow root (and its loaded stylesheet) in place.
    fn unmount(&mut self) {
        if let Some((root, mut app)) = self.app.take() {
            app.update(HostedProps { app: None, mount: 0 });
            root.remove();
            POOL.with(|pool| pool.borrow_mut().push((root, app)));
        }
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
                let app = Some(Rc::new(AppProps {
                    config: Rc::new(config),
                    host: self.host.clone(),
                    early: std::mem::take(&mut self.early),
                }));
                self.mount = MOUNTS.with(|n| {
                    n.set(n.get().wrapping_add(1));
                    n.get()
                });
                let mount = self.mount;
                self.app = Some(match POOL.with(|pool| pool.borrow_mut().pop()) {
                    Some((pooled, mut handle)) => {
                        let _ = root.replace_with_with_node_1(&pooled);
                        handle.update(HostedProps { app, mount });
                        (pooled, handle)
                    }
                    None => (
                        root.clone(),
                        yew::Renderer::<Hosted>::with_root_and_props(root, HostedProps { app, mount }).render(),
                    ),
                });
            }
            Err(error) => {
                let message = format!("readiness widget: invalid embed options: {error}");
                web_sys::console::error_1(&message.clone().into());
                let ui = &Locale::english().ui;
                let lines: Vec<String> = error.0.iter().map(ToString::to_string).collect();
                if let Some(root) = prepare(&shadow, None) {
                    fallback::show(&root, ui.config_error_heading, &lines);
                }
                events::emit(
                    &self.host,
                    events::names::ERROR,
                    events::object(&[("message", message.into())]),
                );
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
    root.set_class_name(classes::MOUNT);
    shadow.append_child(&root).ok()?;
    Some(root)
}
