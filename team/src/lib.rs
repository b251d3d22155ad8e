//! # readiness-team
//!
//! The team view's figures (the chart, the disagreeing signs, the plan from
//! the median, the `readiness:team` event) as a second wasm module. A visitor
//! taking the assessment never downloads it: the loader (`embed.js`) fetches
//! it only when the page opens with a team link or the visitor opens the team
//! view. The widget's app renders the team view's frame with an empty
//! `.rw-team-body` and asks for the figures with an event on its host
//! (`readiness_widget::services::team_module`); the loader then calls
//! [`render`], and [`unmount`] when the view closes.
//!
//! Layers: it uses the core and the widget's pure logic and services through
//! the widget crate (an rlib without its `embed` feature, so none of the
//! widget's exports come along).
#![warn(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod chart;
#[cfg(target_arch = "wasm32")]
mod detail;
#[cfg(target_arch = "wasm32")]
mod view;

/// `addLocale`: the loader hands over the locale file of a team view not in English.
#[cfg(target_arch = "wasm32")]
pub use readiness_widget::services::locale_file::add_locale;
#[cfg(target_arch = "wasm32")]
pub use shell::{render, unmount};

#[cfg(target_arch = "wasm32")]
mod shell {
    use std::cell::RefCell;

    use readiness_core::{Locale, Team};
    use wasm_bindgen::prelude::*;
    use web_sys::Element;
    use yew::AppHandle;

    use crate::view::{TeamFigures, TeamFiguresProps};

    thread_local! {
        static VIEWS: RefCell<Vec<(Element, AppHandle<TeamFigures>)>> = const { RefCell::new(Vec::new()) };
    }

    /// Renders the team figures into `body` (the app's `.rw-team-body`) for
    /// the team in its `data-team` (a `team=…` fragment), in its
    /// `data-locale`; `readiness:team` and the contact summary go to `host`.
    /// A view already shown for `host` is replaced.
    #[wasm_bindgen]
    pub fn render(body: Element, host: Element) {
        unmount(host.clone());
        let attribute = |name: &str| body.get_attribute(name).unwrap_or_default();
        let (team, _) = Team::read(&attribute("data-team"));
        let locale = Locale::get(&attribute("data-locale")).unwrap_or_else(|_| Locale::english());
        let props = TeamFiguresProps {
            team,
            locale,
            host: host.clone(),
            instance: attribute("data-instance").into(),
        };
        let app = yew::Renderer::<TeamFigures>::with_root_and_props(body, props).render();
        VIEWS.with(|views| views.borrow_mut().push((host, app)));
    }

    /// Removes the team figures shown for `host`, if any.
    #[wasm_bindgen]
    pub fn unmount(host: Element) {
        let gone: Vec<_> = VIEWS.with(|views| {
            let mut views = views.borrow_mut();
            let (gone, kept) = views.drain(..).partition(|(h, _)| *h == host);
            *views = kept;
            gone
        });
        for (_, app) in gone {
            app.destroy();
        }
    }
}
