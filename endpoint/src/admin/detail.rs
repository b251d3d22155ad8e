//! A submission's page: the readiness map the visitor saw, scored again
//! from the stored result code by the core (never from stored scores), as a
//! chart and a table; the contact fields; the consent text shown; the
//! erase button.

use maud::{html, Markup};
use readiness_core::{assess, decode, Locale};

use super::auth::Access;
use super::chart;
use super::pages::{delivery_word, layout, status_cell, when, Section};
use crate::store::{Delivery, DeliveryState, Submission};

fn map(found: &Submission) -> Markup {
    let report = match decode(&found.result_code) {
        Ok(answers) => assess(&answers),
        Err(error) => return html! { p.error { "The stored result code could not be read: " (error.to_string()) } },
    };
    let locale = Locale::english();
    let picture = locale.picture(report.picture());
    html! {
        p.lead { strong { (picture.headline) } " — " (picture.body) }
        figure {
            (chart::scores(&report, "The five signs' scores out of 100; the table below gives the same figures."))
        }
        table.figures {
            caption { "Scores, re-computed from result code " code { (found.result_code) } }
            thead { tr { th scope="col" { "Sign" } th scope="col" { "Score" } th scope="col" { "Status" } } }
            tbody {
                @for sign in report.signs() {
                    tr {
                        th scope="row" { (locale.sign(sign.sign).title) }
                        td { (sign.score) }
                        td { (status_cell(sign.status.as_str())) }
                    }
                }
            }
        }
    }
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM:SS UTC`.
fn at(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]"
            ))
            .ok()
        })
        .map(|t| format!("{t} UTC"))
        .unwrap_or_default()
}

fn deliveries(list: &[Delivery]) -> Markup {
    if list.is_empty() {
        return html! { p { "None: no webhook or e-mail destination was configured when it arrived." } };
    }
    html! {
        table.figures.deliveries {
            caption { "Each destination, its state and its attempts" }
            thead { tr { th scope="col" { "To" } th scope="col" { "State" } th scope="col" { "Attempts" } th scope="col" { "When" } } }
            tbody {
                @for d in list {
                    tr {
                        th scope="row" { (d.kind) ": " span.target { (d.target) } }
                        td data-label="State" { span class=(format!("state {}", d.state)) { (delivery_word(d.state)) } }
                        td data-label="Attempts" {
                            div {
                                (d.attempts)
                                @if let Some(error) = &d.last_error { br; span.muted { "Last error: " (error) } }
                            }
                        }
                        td data-label="When" {
                            div {
                                "Queued " (at(d.created_at))
                                @if let Some(done) = d.delivered_at { br; "Delivered " (at(done)) }
                                @if d.state == DeliveryState::Pending { br; "Next attempt " (at(d.next_attempt_at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page of one submission.
pub fn page(access: &Access, found: &Submission) -> Markup {
    layout(
        &found.name,
        Some(access),
        Section::Submissions,
        html! {
            p.back { a href="/admin" { "← All submissions" } }
            h1 { (found.name) }
            section aria-labelledby="contact" {
                h2 #contact { "Contact" }
                dl.fields {
                    dt { "E-mail" } dd { a href=(format!("mailto:{}", found.email)) { (found.email) } }
                    dt { "Company" } dd { (found.company) }
                    dt { "Message" } dd.message { (found.message.as_deref().unwrap_or("—")) }
                    dt { "Received" } dd { (when(&found.received_at)) " UTC" }
                    dt { "Page" } dd { (found.page_url.as_deref().unwrap_or("—")) }
                    @for (key, value) in &found.utm { dt { "utm_" (key) } dd { (value) } }
                    dt { "Language" } dd { (found.locale) }
                    @if let Some(team) = &found.team { dt { "Team link" } dd { code { (team) } } }
                    // Issue 22: what else the visitor did on the result, as their browser reported it.
                    dt { "Plan by e-mail" } dd { (if found.plan_requested { "asked for it" } else { "not asked for" }) }
                    dt { "Booking page" } dd { (match found.bookings_opened {
                        0 => "not opened".to_owned(),
                        1 => "opened once".to_owned(),
                        n => format!("opened {n} times"),
                    }) }
                    // Issue 21: the embed's context (data-context-*), by key.
                    @for (key, value) in &found.context { dt { "context: " (key) } dd { (value) } }
                    @if let Some(reasons) = &found.suspected_spam {
                        dt { "Suspected spam" } dd { (reasons) " — stored, not e-mailed; check before you reply." }
                    }
                    @if !found.client_scores_matched {
                        dt { "Note" } dd { "The widget's scores differed from the server's; the server's are shown." }
                    }
                }
            }
            section aria-labelledby="consent" {
                h2 #consent { "Consent shown" }
                blockquote { (found.consent_text) }
            }
            section aria-labelledby="map" {
                h2 #map { "Readiness map" }
                (map(found))
            }
            section aria-labelledby="deliveries" {
                h2 #deliveries { "Deliveries" }
                (deliveries(&found.deliveries))
            }
            section aria-labelledby="privacy" {
                h2 #privacy { "Erase" }
                p { "On request, erase everything sent with " (found.email) " ("
                    (found.same_person) " " (if found.same_person == 1 { "submission" } else { "submissions" }) ")." }
                p { a.button.danger href=(format!("/admin/submissions/{}/erase", found.id)) { "Erase this person's data…" } }
            }
        },
    )
}
