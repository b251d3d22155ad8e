//! The sales view's pages, rendered with maud (escaped by default; no
//! inline script or style, so they work under the site's strict CSP and
//! without JavaScript). The submission's own page is in [`super::detail`].

use maud::{html, Markup, DOCTYPE};
use readiness_core::{Locale, SignId};

use super::auth::Access;
use super::chart::{self, status_word};
use super::filter::{Filter, Weak, PAGE_SIZE};
use crate::store::{CountQuery, CountRow, DeliveryState, Erased, Line, Overview, Page, Submission};

/// Which part of the view a page belongs to, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The list and submissions.
    Submissions,
    /// The overview.
    Overview,
    /// The funnel of the anonymous counts (issue 23).
    Funnel,
    /// Neither (sign-in, messages).
    None,
}

/// The frame of every page.
pub fn layout(title: &str, access: Option<&Access>, section: Section, body: Markup) -> Markup {
    let current = |s: Section| (s == section).then_some("page");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) " · Readiness sales view" }
                link rel="stylesheet" href="/admin/admin.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    p.brand { "Readiness sales view" }
                    @if let Some(access) = access {
                        nav aria-label="Sales view" {
                            a href="/admin" aria-current=[current(Section::Submissions)] { "Submissions" }
                            a href="/admin/overview" aria-current=[current(Section::Overview)] { "Overview" }
                            a href="/admin/funnel" aria-current=[current(Section::Funnel)] { "Funnel" }
                        }
                        @if let Access::Session { csrf } = access {
                            form.sign-out method="post" action="/admin/sign-out" {
                                input type="hidden" name="csrf" value=(csrf);
                                button.link type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

/// A page with one message (errors, 404).
pub fn message(title: &str, text: &str) -> Markup {
    layout(
        title,
        None,
        Section::None,
        html! { h1 { (title) } p { (text) } p { a href="/admin" { "Back to the sales view" } } },
    )
}

/// The sign-in form; `error` is said above it and tied to the field.
pub fn sign_in(csrf: &str, next: &str, error: Option<&str>) -> Markup {
    layout(
        "Sign in",
        None,
        Section::None,
        html! {
            h1 { "Sign in" }
            p { "The sales view shows the leads the readiness check collected. Enter the admin token to see them." }
            form.card method="post" action="/admin/sign-in" {
                @if let Some(error) = error { p.error #sign-in-error { (error) } }
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="next" value=(next);
                label for="token" { "Admin token" }
                input #token type="password" name="token" required autocomplete="current-password"
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "sign-in-error")];
                button type="submit" { "Sign in" }
            }
        },
    )
}

fn sign_options(filter: &Filter) -> Markup {
    let chosen = filter.sign.map(|(s, _)| s);
    html! {
        option value="" selected[chosen.is_none()] { "Any sign" }
        @for sign in SignId::ALL {
            option value=(sign.as_str()) selected[chosen == Some(sign)] { (Locale::english().sign(sign).title) }
        }
    }
}

fn period_fields(filter: &Filter) -> Markup {
    html! {
        div.field {
            label for="from" { "From" }
            input #from type="date" name="from" value=[filter.from.as_deref()];
        }
        div.field {
            label for="to" { "To" }
            input #to type="date" name="to" value=[filter.to.as_deref()];
        }
    }
}

fn filter_form(filter: &Filter) -> Markup {
    let weak = filter.sign.map(|(_, w)| w).unwrap_or(Weak::GapOrClose);
    html! {
        form.filters method="get" action="/admin" aria-label="Filter submissions" {
            div.field {
                label for="sign" { "Sign" }
                select #sign name="sign" { (sign_options(filter)) }
            }
            div.field {
                label for="status" { "In" }
                select #status name="status" {
                    @for (value, text) in [(Weak::GapOrClose, "Gap or close"), (Weak::Gap, "Gap"), (Weak::Close, "Close")] {
                        option value=(value.as_str()) selected[weak == value] { (text) }
                    }
                }
            }
            (period_fields(filter))
            div.field {
                label for="spam" { "Spam" }
                select #spam name="spam" {
                    option value="" selected[filter.spam.is_none()] { "Any" }
                    option value="yes" selected[filter.spam == Some(true)] { "Suspected spam" }
                    option value="no" selected[filter.spam == Some(false)] { "Not suspected" }
                }
            }
            div.field {
                label for="delivery" { "Delivery" }
                select #delivery name="delivery" {
                    option value="" selected[filter.delivery.is_none()] { "Any" }
                    @for state in DeliveryState::ALL {
                        option value=(state.as_str()) selected[filter.delivery == Some(state)] { (delivery_word(state)) }
                    }
                }
            }
            div.actions {
                button type="submit" { "Apply" }
                @if !filter.is_empty() { a href="/admin" { "Clear" } }
            }
        }
    }
}

fn with_query(path: &str, query: &str, page: Option<u32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !query.is_empty() {
        parts.push(query.to_owned());
    }
    if let Some(page) = page.filter(|p| *p > 1) {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// `2026-11-24T21:17:14.123Z` → `2026-11-24 21:17`.
pub fn when(received_at: &str) -> String {
    received_at.get(..16).unwrap_or(received_at).replacen('T', " ", 1)
}

fn signs_in(line: &Line, status: &str) -> String {
    let names: Vec<&str> = SignId::ALL
        .iter()
        .zip(&line.statuses)
        .filter(|(_, s)| s.as_str() == status)
        .map(|(sign, _)| Locale::english().sign(*sign).title)
        .collect();
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join("; ")
    }
}

/// The list of submissions.
pub fn list(access: &Access, filter: &Filter, page: &Page) -> Markup {
    let pages = page.total.div_ceil(PAGE_SIZE).max(1);
    let query = filter.query();
    layout(
        "Submissions",
        Some(access),
        Section::Submissions,
        html! {
            h1 { "Submissions" }
            (filter_form(filter))
            div.summary {
                p #count { (page.total) " " (if page.total == 1 { "submission" } else { "submissions" })
                    @if !filter.is_empty() { " match" } }
                p.downloads {
                    "Download: "
                    a href=(with_query("/admin/export.csv", &query, None)) download { "CSV" }
                    " · "
                    a href=(with_query("/admin/export.json", &query, None)) download { "JSON" }
                }
            }
            @if page.lines.is_empty() {
                p.empty { "No submissions match." }
            } @else {
                table.submissions aria-describedby="count" {
                    thead { tr { th scope="col" { "Received (UTC)" } th scope="col" { "Name" } th scope="col" { "Company" }
                        th scope="col" { "Gaps" } th scope="col" { "Close" } } }
                    tbody {
                        @for line in &page.lines {
                            tr {
                                td data-label="Received" { (when(&line.received_at)) }
                                td data-label="Name" {
                                    a href=(format!("/admin/submissions/{}", line.id)) { (line.name) }
                                    @if line.suspected_spam.is_some() { " " span.tag { "suspected spam" } }
                                }
                                td data-label="Company" { (line.company) }
                                td data-label="Gaps" { (signs_in(line, "gap")) }
                                td data-label="Close" { (signs_in(line, "close")) }
                            }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav.pager aria-label="Pages" {
                    @if filter.page > 1 { a href=(with_query("/admin", &query, Some(filter.page - 1))) rel="prev" { "Newer" } }
                    span { "Page " (filter.page.min(pages)) " of " (pages) }
                    @if filter.page < pages { a href=(with_query("/admin", &query, Some(filter.page + 1))) rel="next" { "Older" } }
                }
            }
        },
    )
}

/// The overview: per sign, strong, close and gap over a period.
pub fn overview(access: &Access, filter: &Filter, overview: &Overview) -> Markup {
    layout(
        "Overview",
        Some(access),
        Section::Overview,
        html! {
            h1 { "Overview" }
            form.filters method="get" action="/admin/overview" aria-label="Choose the period" {
                (period_fields(filter))
                div.actions {
                    button type="submit" { "Show" }
                    @if !filter.is_empty() { a href="/admin/overview" { "All time" } }
                }
            }
            p.lead {
                (overview.total) " " (if overview.total == 1 { "submission" } else { "submissions" })
                @match (&filter.from, &filter.to) {
                    (Some(from), Some(to)) => { " from " (from) " to " (to) },
                    (Some(from), None) => { " since " (from) },
                    (None, Some(to)) => { " until " (to) },
                    (None, None) => { " in all" },
                }
                "."
                @let (signs, gaps) = chart::most_often_gap(overview);
                @if !signs.is_empty() {
                    " Most often a gap"
                    @if signs.len() > 1 { " (tied)" }
                    ": "
                    @for (i, sign) in signs.iter().enumerate() {
                        @if i > 0 { ", " }
                        strong { (Locale::english().sign(*sign).title) }
                    }
                    " — " (gaps) " of " (overview.total) "."
                }
            }
            // Issue 22: plans asked for by e-mail in the same period (not leads: no addresses here).
            p.plans {
                (overview.plans) " " (if overview.plans == 1 { "plan" } else { "plans" })
                " e-mailed to visitors who asked for theirs (not leads: a visitor becomes a lead only by \
                 sending the contact form; each one is also a plan.sent webhook)."
            }
            figure {
                (chart::overview(overview, "Per sign, how many submissions are strong, close or gap; the table below gives the same figures."))
                figcaption { span.key.strong {} "Strong " span.key.close {} "Close " span.key.gap {} "Gap" }
            }
            table.figures {
                caption { "Submissions per sign and status" }
                thead { tr { th scope="col" { "Sign" } th scope="col" { "Strong" } th scope="col" { "Close" } th scope="col" { "Gap" } } }
                tbody {
                    @for (sign, counts) in &overview.counts {
                        tr { th scope="row" { (Locale::english().sign(*sign).title) }
                            @for count in counts { td { (count) } } }
                    }
                }
            }
        },
    )
}

/// The confirmation step of an erasure.
pub fn confirm_erase(access: &Access, found: &Submission) -> Markup {
    let n = found.same_person;
    layout(
        "Erase",
        Some(access),
        Section::Submissions,
        html! {
            h1 { "Erase " (found.email) "?" }
            p { "This deletes " strong { (n) " " (if n == 1 { "submission" } else { "submissions" }) }
                " sent with this e-mail address, and any delivery of them not yet made. It cannot be undone." }
            form.card method="post" action=(format!("/admin/submissions/{}/erase", found.id)) {
                @if let Access::Session { csrf } = access { input type="hidden" name="csrf" value=(csrf); }
                button.danger type="submit" { "Erase everything of " (found.email) }
                a href=(format!("/admin/submissions/{}", found.id)) { "Cancel" }
            }
        },
    )
}

/// After an erasure: how much was deleted.
pub fn erased(access: &Access, email: &str, erased: Erased) -> Markup {
    layout(
        "Erased",
        Some(access),
        Section::Submissions,
        html! {
            h1 { "Erased" }
            p.done role="status" { (email) ": " (erased.to_string()) "." }
            p { a href="/admin" { "Back to the submissions" } }
        },
    )
}

/// A delivery state in words.
pub fn delivery_word(state: DeliveryState) -> &'static str {
    match state {
        DeliveryState::Pending => "Pending",
        DeliveryState::Delivered => "Delivered",
        DeliveryState::Dead => "Failed (dead letter)",
    }
}

/// A status word with its class, for tables.
pub fn status_cell(status: &str) -> Markup {
    html! { span class=(format!("status {status}")) { (status_word(status)) } }
}

// --- Anonymous counts (issue 23) ---

/// The funnel page: per locale the counts per milestone (chart and table), step-to-step rates
/// and seen → sent; per intro variant the start and completion rates with their 95 % interval
/// and whether the difference is distinguishable from noise yet.
pub fn funnel(access: &Access, query: &CountQuery, paths: &[String], rows: &[CountRow]) -> Markup {
    use super::funnel::{
        at, milestone_word, percent, query_string, rate, totals, two_proportion, variants, verdict_words, wilson,
        AFTER_RESULT, MAIN,
    };
    use readiness_contract::count::Milestone;
    let mut locales: Vec<&str> = rows.iter().map(|r| r.locale.as_str()).collect();
    locales.sort_unstable();
    locales.dedup();
    let csv = with_query("/admin/funnel.csv", &query_string(query), None);
    let interval = |(s, n): (u64, u64)| match wilson(s, n) {
        Some((lo, hi)) => format!("{:.1}–{:.1} %", lo * 100.0, hi * 100.0),
        None => "—".to_owned(),
    };
    let section = |id: String, heading: String, t: super::funnel::Totals| {
        let mut steps: Vec<(&str, u64)> = MAIN.iter().map(|m| (milestone_word(*m), at(&t, *m))).collect();
        let extras: Vec<Milestone> = AFTER_RESULT.iter().copied().filter(|m| at(&t, *m) > 0).collect();
        steps.extend(extras.iter().map(|m| (milestone_word(*m), at(&t, *m))));
        let seen = at(&t, Milestone::Seen);
        html! {
            section.funnel-locale aria-labelledby=(id) {
                h2 #(id) { (heading) }
                p.lead { "Seen → sent: " strong { (percent(rate(at(&t, Milestone::Sent), seen))) }
                    " (" (at(&t, Milestone::Sent)) " of " (seen) " page views)." }
                figure {
                    (super::chart::funnel(&steps, &format!("{heading}: page views per step; the table below gives the same figures.")))
                }
                table.figures {
                    caption { (heading) ": page views per step" }
                    thead { tr { th scope="col" { "Step" } th scope="col" { "Page views" }
                        th scope="col" { "Of the step before" } th scope="col" { "Of seen" } } }
                    tbody {
                        @for (i, m) in MAIN.iter().enumerate() {
                            tr {
                                th scope="row" { (milestone_word(*m)) }
                                td { (at(&t, *m)) }
                                td { @if i == 0 { "—" } @else { (percent(rate(at(&t, *m), at(&t, MAIN[i - 1])))) } }
                                td { (percent(rate(at(&t, *m), seen))) }
                            }
                        }
                        @for m in &extras {
                            tr {
                                th scope="row" { (milestone_word(*m)) }
                                td { (at(&t, *m)) }
                                td { (percent(rate(at(&t, *m), at(&t, Milestone::Result)))) " of results" }
                                td { (percent(rate(at(&t, *m), seen))) }
                            }
                        }
                    }
                }
            }
        }
    };
    let rates = variants(rows);
    layout(
        "Funnel",
        Some(access),
        Section::Funnel,
        html! {
            h1 { "Funnel" }
            form.filters method="get" action="/admin/funnel" aria-label="Choose the page and the period" {
                div.field {
                    label for="path" { "Page" }
                    select #path name="path" {
                        option value="" selected[query.path.is_none()] { "Every page" }
                        @for path in paths {
                            option value=(path) selected[query.path.as_deref() == Some(path.as_str())] { (path) }
                        }
                    }
                }
                div.field {
                    label for="from" { "From" }
                    input #from type="date" name="from" value=[query.from.as_deref()];
                }
                div.field {
                    label for="to" { "To" }
                    input #to type="date" name="to" value=[query.to.as_deref()];
                }
                div.actions {
                    button type="submit" { "Show" }
                    @if query != &CountQuery::default() { a href="/admin/funnel" { "Everything" } }
                }
            }
            p.muted { "Counts of page views, not of people: the widget sends no identifier, so a reload counts again "
                "and one person on two devices counts twice. Days are UTC." }
            @if rows.is_empty() {
                p.empty { "Nothing counted for this page and period." }
            } @else {
                p.downloads { "Download: " a href=(csv) download { "CSV of the counts" } }
                (section("funnel-all".into(), "All locales".into(), totals(rows, |_| true)))
                @for locale in &locales {
                    (section(format!("funnel-{locale}"), format!("Locale {locale}"), totals(rows, |r| r.locale == *locale)))
                }
                section.funnel-locale aria-labelledby="variants" {
                    h2 #variants { "Intro variants" }
                    @if rates.len() < 2 {
                        p { "One intro variant (" (rates.first().map_or("default", |v| v.name.as_str())) ") was shown; "
                            "define two or more to compare them." }
                    }
                    p.caption #variants-caption { "Start and completion rate per intro variant, with 95 % intervals" }
                    div.table-scroll role="region" aria-labelledby="variants-caption" tabindex="0" {
                        table.figures.variants aria-labelledby="variants-caption" {
                            thead { tr { th scope="col" { "Variant" } th scope="col" { "Seen" }
                                th scope="col" { "Started" } th scope="col" { "Start rate (started ÷ seen)" }
                                th scope="col" { "Result shown" } th scope="col" { "Completion rate (result ÷ seen)" } } }
                            tbody {
                                @for v in &rates {
                                    tr {
                                        th scope="row" { (v.name) }
                                        td { (v.seen) }
                                        td { (v.started) }
                                        td { (percent(rate(v.started, v.seen))) " " span.ci { "(" (interval(v.start())) ")" } }
                                        td { (v.result) }
                                        td { (percent(rate(v.result, v.seen))) " " span.ci { "(" (interval(v.completion())) ")" } }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some((base, others)) = rates.split_first() {
                        @for other in others {
                            p.verdict { (verdict_words(two_proportion(base.start(), other.start()), "Start rate", &base.name, &other.name)) }
                            p.verdict { (verdict_words(two_proportion(base.completion(), other.completion()), "Completion rate", &base.name, &other.name)) }
                        }
                        @if !others.is_empty() {
                            p.muted { "Each variant is compared with " (base.name) " by a two-proportion test at the 95 % level; "
                                "the intervals are Wilson score intervals. Page views, not people: a reload is a new page view." }
                        }
                    }
                }
            }
        },
    )
}
