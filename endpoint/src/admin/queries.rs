//! The sales view's reads, on the store's connection. The SQL is in
//! `admin/sql/`: literal statements with named parameters; the filter's
//! `WHERE` clause is one file shared by the list, its count and the downloads.

use readiness_core::{SignId, Status};
use rusqlite::{named_params, Connection, OptionalExtension};

use super::filter::{Filter, PAGE_SIZE};
use crate::error::ApiError;
use crate::store::{cells, Store, COLUMNS};

const FILTER: &str = include_str!("sql/filter.sql");
const LIST: &str = include_str!("sql/list.sql");
const COUNT: &str = include_str!("sql/count.sql");
const SUBMISSION: &str = include_str!("sql/submission.sql");
const SAME_PERSON: &str = include_str!("sql/same_person.sql");
const OVERVIEW: &str = include_str!("sql/overview.sql");

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
    /// Submissions with the same e-mail (this one included).
    pub same_person: u32,
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

/// The filter's named parameters: sign, the two statuses, from, to.
type Params = (
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<String>,
    Option<String>,
);

fn params(filter: &Filter) -> Params {
    let (sign, (status, or_status)) = match &filter.sign {
        Some((sign, weak)) => (Some(sign.as_str()), weak.statuses()),
        None => (None, ("", "")),
    };
    (sign, status, or_status, filter.from.clone(), filter.to.clone())
}

fn page(connection: &Connection, filter: &Filter) -> Result<Page, rusqlite::Error> {
    let (sign, status, or_status, from, to) = params(filter);
    let total: u32 = connection.query_row(
        &filtered(COUNT, ";"),
        named_params! { ":from": from, ":to": to, ":sign": sign, ":status": status, ":or_status": or_status },
        |r| r.get(0),
    )?;
    let mut statement = connection.prepare(&filtered(LIST, "ORDER BY id DESC LIMIT :limit OFFSET :offset;"))?;
    let lines = statement
        .query_map(
            named_params! {
                ":from": from, ":to": to, ":sign": sign, ":status": status, ":or_status": or_status,
                ":limit": PAGE_SIZE, ":offset": (filter.page - 1).saturating_mul(PAGE_SIZE),
            },
            |r| {
                Ok(Line {
                    id: r.get(0)?,
                    received_at: r.get(1)?,
                    name: r.get(2)?,
                    email: r.get(3)?,
                    company: r.get(4)?,
                    overall: r.get(5)?,
                    statuses: [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
                })
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page { lines, total })
}

fn export_rows(connection: &Connection, filter: &Filter) -> Result<Vec<Vec<String>>, rusqlite::Error> {
    let (sign, status, or_status, from, to) = params(filter);
    let select = format!("SELECT {} FROM submissions", COLUMNS.join(", "));
    let mut statement = connection.prepare(&filtered(&select, "ORDER BY id DESC;"))?;
    let rows = statement.query_map(
        named_params! { ":from": from, ":to": to, ":sign": sign, ":status": status, ":or_status": or_status },
        |r| cells(r, COLUMNS.len()),
    )?;
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
                same_person: 0,
            })
        })
        .optional()?;
    let Some(mut found) = found else { return Ok(None) };
    found.same_person = connection.query_row(SAME_PERSON, named_params! { ":email": found.email }, |r| r.get(0))?;
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
        self.with(move |c| Ok(page(c, &filter)?)).await
    }

    /// Every submission matching `filter`, newest first, as text cells in [`COLUMNS`] order.
    pub async fn admin_export(&self, filter: Filter) -> Result<Vec<Vec<String>>, ApiError> {
        self.with(move |c| Ok(export_rows(c, &filter)?)).await
    }

    /// One submission, if it exists.
    pub async fn admin_submission(&self, id: i64) -> Result<Option<Submission>, ApiError> {
        self.with(move |c| Ok(submission(c, id)?)).await
    }

    /// Counts per sign and status over the filter's period.
    pub async fn admin_overview(&self, filter: Filter) -> Result<Overview, ApiError> {
        self.with(move |c| Ok(overview(c, &filter)?)).await
    }
}
