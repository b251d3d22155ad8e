//! One-off messages above the step: restored answers, forgotten answers, a
//! bad link, and the entries of a team link or paste that were left out.

use readiness_core::{fill, Locale, TeamNotice, TeamNoticeKind, MAX_MEMBERS};
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

/// What [`team_notices`] shows.
pub struct TeamNoticesProps {
    /// What was skipped.
    pub notices: Vec<TeamNotice>,
    /// The words.
    pub locale: &'static Locale,
    /// Close them.
    pub on_dismiss: Callback<()>,
}

/// Which entries of a link or paste were left out, and why.
pub fn team_notices(props: &TeamNoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let ui = &props.locale.ui;
    let items = props.notices.iter().map(|notice| {
        let max = MAX_MEMBERS.to_string();
        let reason = match notice.kind {
            TeamNoticeKind::Incomplete => ui.team_reason_incomplete.to_owned(),
            TeamNoticeKind::TooMany => fill(ui.team_reason_too_many, &[("max", &max)]),
            TeamNoticeKind::Duplicate => ui.team_reason_duplicate.to_owned(),
            TeamNoticeKind::InitialsDropped => ui.team_reason_initials.to_owned(),
            _ => ui.team_reason_unreadable.to_owned(),
        };
        html! { <li>{ fill(ui.team_skipped, &[("n", &notice.entry.to_string()), ("reason", &reason)]) }</li> }
    });
    html! {
        <div class="rw-notice rw-notice-warning rw-team-notices" role="status">
            <ul>{ for items }</ul>
            <button type="button" class="rw-link" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ ui.dismiss }</button>
        </div>
    }
}
