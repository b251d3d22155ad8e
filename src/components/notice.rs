//! A one-off message above the step (restored answers, forgotten answers, a bad link).

use readiness_core::Locale;
use yew::prelude::*;

use crate::state::Notice as NoticeKind;

/// What [`notice`] shows.
pub struct NoticeProps {
    /// Which message.
    pub notice: NoticeKind,
    /// The words.
    pub locale: &'static Locale,
    /// Close it.
    pub on_dismiss: Callback<()>,
    /// Forget the restored answers (shown with the "restored" notice).
    pub on_forget: Callback<()>,
}

/// The notice banner (a plain function: no state of its own).
pub fn notice(props: &NoticeProps) -> Html {
    let ui = &props.locale.ui;
    let text = match props.notice {
        NoticeKind::Restored => ui.restored,
        NoticeKind::Forgotten => ui.forgotten,
        NoticeKind::BadCode => ui.bad_code,
    };
    let forget = (props.notice == NoticeKind::Restored).then(|| {
        let on_forget = props.on_forget.reform(|_: MouseEvent| ());
        html! { <button type="button" class="rw-link" onclick={on_forget}>{ ui.forget }</button> }
    });
    html! {
        <div class={classes!("rw-notice", (props.notice == NoticeKind::BadCode).then_some("rw-notice-warning"))}>
            <p>{ text }</p>
            { for forget }
            <button type="button" class="rw-link" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ ui.dismiss }</button>
        </div>
    }
}
