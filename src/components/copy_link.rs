//! A button that copies a link, saying whether it worked; when the clipboard
//! is blocked, the link in a field to copy by hand.

use readiness_core::Locale;
use yew::prelude::*;

use crate::services::page;

/// Props of [`CopyLink`].
#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    /// The link.
    pub link: AttrValue,
    /// The button's words.
    pub label: AttrValue,
    /// The words around it.
    pub locale: &'static Locale,
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Idle,
    Yes,
    Failed,
}

/// Copy button with its status line.
#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let ui = &props.locale.ui;
    let copied = use_state(|| Copied::Idle);
    let on_copy = {
        let copied = copied.clone();
        let link = props.link.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            page::copy_text(&link, move |done| {
                copied.set(if done { Copied::Yes } else { Copied::Failed })
            });
        })
    };
    let select_all = Callback::from(page::select_on_focus);
    let status = match *copied {
        Copied::Yes => ui.link_copied,
        Copied::Failed => ui.copy_failed,
        Copied::Idle => "",
    };
    html! {
        <>
            <button type="button" class="rw-button" part="button" onclick={on_copy}>{ props.label.clone() }</button>
            <p class="rw-copy-status" role="status">{ status }</p>
            if *copied == Copied::Failed {
                <label class="rw-share">
                    <span>{ ui.share_label }</span>
                    <input type="text" readonly=true value={props.link.clone()} onfocus={select_all} />
                </label>
            }
        </>
    }
}
