//! The sales view's reads, on the store's connection (PostgreSQL: `postgres.rs`). The SQL is in
//! `admin/sql/`: literal statements with named parameters; the filter's
//! `WHERE` clause is one file shared by the list, its count and the downloads.

use readiness_core::{SignId, Status};
use rusqlite::{named_params, Connection, OptionalExtension, ToSql};

use super::filter::{Filter, PAGE_SIZE};
use crate::error::ApiError;
use crate::store::{cells, Store, COLUMNS, DELIVERIES as DELIVERY_STATES_CELL};

const FILTER: &str = include_str!("sql/filter.sql");
pub(super) const LIST: &str = include_str!("sql/list.sql");
pub(super) const COUNT: &str = include_str!("sql/count.sql");
const SUBMISSION: &str = include_str!("sql/submission.sql");
const SAME_PERSON: &str = include_str!("sql/same_person.sql");
const OVERVIEW: &str = include_str!("sql/overview.sql");
const DELIVERIES: &str = include_str!("sql/deliveries.sql");

/// One line of the list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    /// Row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Contact name.
    pub name: String,
    /// Contact e-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The overall picture.
    pub overall: String,
    /// The five statuses, in the article's order.
    pub statuses: [String; 5],
    /// Why it is suspected spam (comma-separated reasons), if it is.
    pub suspected_spam: Option<String>,
}

/// One page of the list and how many match in all.
#[derive(Debug, Clone)]
pub struct Page {
    /// The lines of this page.
    pub lines: Vec<Line>,
    /// Matches in all pages.
    pub total: u32,
}

/// Everything a submission's page shows.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// Name, e-mail, company.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Company.
    pub company: String,
    /// The visitor's message.
    pub message: Option<String>,
    /// The consent sentence the visitor saw and agreed to.
    pub consent_text: String,
    /// The result code, re-scored for the page.
    pub result_code: String,
    /// The page the widget was on.
    pub page_url: Option<String>,
    /// `utm_*` values that were sent, as (key, value).
    pub utm: Vec<(&'static str, String)>,
    /// The widget's language.
    pub locale: String,
    /// The team link's codes and initials, if sent.
    pub team: Option<String>,
    /// Whether the widget's scores matched the server's.
    pub client_scores_matched: bool,
    /// Why it is suspected spam (comma-separated reasons), if it is.
    pub suspected_spam: Option<String>,
    /// Submissions with the same e-mail (this one included).
    pub same_person: u32,
    /// Its deliveries, in the order they were queued.
    pub deliveries: Vec<Delivery>,
}

/// One delivery of a submission (a webhook or an e-mail) and how its attempts went.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `webhook` or `email`.
    pub kind: String,
    /// The URL or the address.
    pub target: String,
    /// `pending`, `delivered` or `dead`.
    pub state: String,
    /// Attempts made.
    pub attempts: u32,
    /// Queued at, unix ms.
    pub created_at: i64,
    /// The next attempt, unix ms (pending only).
    pub next_attempt_at: i64,
    /// Delivered at, unix ms.
    pub delivered_at: Option<i64>,
    /// The last attempt's error.
    pub last_error: Option<String>,
}

/// Per sign, how many submissions are strong, close or gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Submissions in the period.
    pub total: u32,
    /// `[strong, close, gap]` per sign, in the article's order.
    pub counts: [(SignId, [u32; 3]); 5],
}

/// The statuses the overview counts, in its order.
pub const COUNTED: [Status; 3] = [Status::Strong, Status::Close, Status::Gap];

fn filtered(select: &str, tail: &str) -> String {
    format!("{}\n{FILTER}\n{tail}", select.trim_end().trim_end_matches(';'))
}

/// The filter's values, bound to the named parameters of `filter.sql` (and, on PostgreSQL,
/// to the positional ones of `sql/postgres/filter.sql`).
pub(super) struct Bound {
    pub(super) sign: Option<&'static str>,
    pub(super) status: &'static str,
    pub(super) or_status: &'static str,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) spam: Option<bool>,
    pub(super) delivery: Option<&'static str>,
}

impl Bound {
    pub(super) fn new(filter: &Filter) -> Bound {
        let (sign, (status, or_status)) = match &filter.sign {
            Some((sign, weak)) => (Some(sign.as_str()), weak.statuses()),
            None => (None, ("", "")),
        };
        Bound {
            sign,
            status,
            or_status,
            from: filter.from.clone(),
            to: filter.to.clone(),
            spam: filter.spam,
            delivery: filter.delivery,
        }
    }

    fn named(&self) -> Vec<(&'static str, &dyn ToSql)> {
        vec![
            (":sign", &self.sign),
            (":status", &self.status),
            (":or_status", &self.or_status),
            (":from", &self.from),
            (":to", &self.to),
            (":spam", &self.spam),
            (":delivery", &self.delivery),
        ]
    }
}

fn page(connection: &Connection, filter: &Filter) -> Result<Page, rusqlite::Error> {
    let bound = Bound::new(filter);
    let total: u32 = connection.query_row(&filtered(COUNT, ";"), &*bound.named(), |r| r.get(0))?;
    let (limit, offset) = (PAGE_SIZE, (filter.page - 1).saturating_mul(PAGE_SIZE));
    let mut named = bound.named();
    named.push((":limit", &limit));
    named.push((":offset", &offset));
    let mut statement = connection.prepare(&filtered(LIST, "ORDER BY id DESC LIMIT :limit OFFSET :offset;"))?;
    let lines = statement
        .query_map(&*named, |r| {
            Ok(Line {
                id: r.get(0)?,
                received_at: r.get(1)?,
                name: r.get(2)?,
                email: r.get(3)?,
                company: r.get(4)?,
                overall: r.get(5)?,
                statuses: [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
                suspected_spam: r.get(11)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page { lines, total })
}

fn export_rows(connection: &Connection, filter: &Filter) -> Result<Vec<Vec<String>>, rusqlite::Error> {
    let bound = Bound::new(filter);
    let select = format!(
        "SELECT {}, ({DELIVERY_STATES_CELL}) FROM submissions",
        COLUMNS.join(", ")
    );
    let mut statement = connection.prepare(&filtered(&select, "ORDER BY id DESC;"))?;
    let rows = statement.query_map(&*bound.named(), |r| cells(r, COLUMNS.len() + 1))?;
    rows.collect()
}

fn submission(connection: &Connection, id: i64) -> Result<Option<Submission>, rusqlite::Error> {
    let found = connection
        .query_row(SUBMISSION, named_params! { ":id": id }, |r| {
            let utm = ["source", "medium", "campaign", "term", "content"]
                .iter()
                .zip(10..)
                .filter_map(|(key, i)| r.get::<_, Option<String>>(i).transpose().map(|v| v.map(|v| (*key, v))))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Submission {
                id: r.get("id")?,
                received_at: r.get("received_at")?,
                name: r.get("name")?,
                email: r.get("email")?,
                company: r.get("company")?,
                message: r.get("message")?,
                consent_text: r.get("consent_text")?,
                result_code: r.get("result_code")?,
                page_url: r.get("page_url")?,
                utm,
                locale: r.get("locale")?,
                team: r.get("team")?,
                client_scores_matched: r.get("client_scores_matched")?,
                suspected_spam: r.get("suspected_spam")?,
                same_person: 0,
                deliveries: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut found) = found else { return Ok(None) };
    found.same_person = connection.query_row(SAME_PERSON, named_params! { ":email": found.email }, |r| r.get(0))?;
    let mut statement = connection.prepare(DELIVERIES)?;
    found.deliveries = statement
        .query_map(named_params! { ":id": id }, |r| {
            Ok(Delivery {
                kind: r.get(0)?,
                target: r.get(1)?,
                state: r.get(2)?,
                attempts: r.get(3)?,
                created_at: r.get(4)?,
                next_attempt_at: r.get(5)?,
                delivered_at: r.get(6)?,
                last_error: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(found))
}

fn overview(connection: &Connection, filter: &Filter) -> Result<Overview, rusqlite::Error> {
    connection.query_row(
        OVERVIEW,
        named_params! { ":from": filter.from, ":to": filter.to },
        |r| {
            let mut counts = SignId::ALL.map(|sign| (sign, [0u32; 3]));
            for (i, (_, count)) in counts.iter_mut().enumerate() {
                for (j, cell) in count.iter_mut().enumerate() {
                    *cell = r.get(1 + i * 3 + j)?;
                }
            }
            Ok(Overview {
                total: r.get(0)?,
                counts,
            })
        },
    )
}

impl Store {
    /// One page of submissions matching `filter`, newest first.
    pub async fn admin_page(&self, filter: Filter) -> Result<Page, ApiError> {
        if let Some(pool) = self.pool() {
            return super::postgres::page(pool, &filter).await;
        }
        self.with(move |c| Ok(page(c, &filter)?)).await
    }

    /// Every submission matching `filter`, newest first, as text cells in [`COLUMNS`] order.
    pub async fn admin_export(&self, filter: Filter) -> Result<Vec<Vec<String>>, ApiError> {
        if let Some(pool) = self.pool() {
            return super::postgres::export(pool, &filter).await;
        }
        self.with(move |c| Ok(export_rows(c, &filter)?)).await
    }

    /// One submission, if it exists.
    pub async fn admin_submission(&self, id: i64) -> Result<Option<Submission>, ApiError> {
        if let Some(pool) = self.pool() {
            return super::postgres::submission(pool, id).await;
        }
        self.with(move |c| Ok(submission(c, id)?)).await
    }

    /// Counts per sign and status over the filter's period.
    pub async fn admin_overview(&self, filter: Filter) -> Result<Overview, ApiError> {
        if let Some(pool) = self.pool() {
            return super::postgres::overview(pool, &filter).await;
        }
        self.with(move |c| Ok(overview(c, &filter)?)).await
    }
}
