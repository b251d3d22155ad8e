//! The sales view's reads on PostgreSQL: the statements of `sql/` with
//! PostgreSQL's positional parameters and date arithmetic (`sql/postgres/`);
//! the list and its count are the same text on both engines.

use deadpool_postgres::Pool;
use readiness_core::SignId;
use tokio_postgres::types::ToSql;

use super::filter::{Filter, PAGE_SIZE};
use super::queries::{Bound, Delivery, Line, Overview, Page, Submission, COUNT, LIST};
use crate::error::ApiError;
use crate::store::postgres::{export_cells, export_select};

const FILTER: &str = include_str!("sql/postgres/filter.sql");
const SUBMISSION: &str = include_str!("sql/postgres/submission.sql");
const SAME_PERSON: &str = include_str!("sql/postgres/same_person.sql");
const OVERVIEW: &str = include_str!("sql/postgres/overview.sql");
const DELIVERIES: &str = include_str!("sql/postgres/deliveries.sql");

/// `select`, the filter, then `tail`.
fn filtered(select: &str, tail: &str) -> String {
    format!("{}\n{FILTER}\n{tail}", select.trim_end().trim_end_matches(';'))
}

/// The filter's values as `$1`…`$7` of `filter.sql`.
fn params(b: &Bound) -> Vec<&(dyn ToSql + Sync)> {
    vec![&b.from, &b.to, &b.sign, &b.status, &b.or_status, &b.spam, &b.delivery]
}

/// One page of submissions matching `filter`, newest first.
pub async fn page(pool: &Pool, filter: &Filter) -> Result<Page, ApiError> {
    let client = pool.get().await?;
    let bound = Bound::new(filter);
    let total: i64 = client.query_one(&filtered(COUNT, ""), &params(&bound)).await?.get(0);
    let limit = i64::from(PAGE_SIZE);
    let offset = i64::from(filter.page.saturating_sub(1).saturating_mul(PAGE_SIZE));
    let mut bind = params(&bound);
    bind.push(&limit);
    bind.push(&offset);
    let rows = client
        .query(&filtered(LIST, "ORDER BY id DESC LIMIT $8 OFFSET $9"), &bind)
        .await?;
    let lines = rows
        .iter()
        .map(|r| Line {
            id: r.get(0),
            received_at: r.get(1),
            name: r.get(2),
            email: r.get(3),
            company: r.get(4),
            overall: r.get(5),
            statuses: [r.get(6), r.get(7), r.get(8), r.get(9), r.get(10)],
            suspected_spam: r.get(11),
        })
        .collect();
    Ok(Page {
        lines,
        total: total as u32,
    })
}

/// Every submission matching `filter`, newest first, as the export's text cells.
pub async fn export(pool: &Pool, filter: &Filter) -> Result<Vec<Vec<String>>, ApiError> {
    let client = pool.get().await?;
    let bound = Bound::new(filter);
    let rows = client
        .query(&filtered(&export_select(), "ORDER BY id DESC"), &params(&bound))
        .await?;
    Ok(export_cells(&rows))
}

/// One submission with its deliveries, if it exists.
pub async fn submission(pool: &Pool, id: i64) -> Result<Option<Submission>, ApiError> {
    let client = pool.get().await?;
    let Some(r) = client.query_opt(SUBMISSION, &[&id]).await? else {
        return Ok(None);
    };
    let utm = ["source", "medium", "campaign", "term", "content"]
        .iter()
        .zip(10..)
        .filter_map(|(key, i)| r.get::<_, Option<String>>(i).map(|v| (*key, v)))
        .collect();
    let email: String = r.get("email");
    let same_person: i64 = client.query_one(SAME_PERSON, &[&email]).await?.get(0);
    let deliveries = client
        .query(DELIVERIES, &[&id])
        .await?
        .iter()
        .map(|d| Delivery {
            kind: d.get(0),
            target: d.get(1),
            state: d.get(2),
            attempts: d.get::<_, i64>(3) as u32,
            created_at: d.get(4),
            next_attempt_at: d.get(5),
            delivered_at: d.get(6),
            last_error: d.get(7),
        })
        .collect();
    Ok(Some(Submission {
        id: r.get("id"),
        received_at: r.get("received_at"),
        name: r.get("name"),
        email,
        company: r.get("company"),
        message: r.get("message"),
        consent_text: r.get("consent_text"),
        result_code: r.get("result_code"),
        page_url: r.get("page_url"),
        utm,
        locale: r.get("locale"),
        team: r.get("team"),
        client_scores_matched: r.get::<_, i64>("client_scores_matched") != 0,
        suspected_spam: r.get("suspected_spam"),
        same_person: same_person as u32,
        deliveries,
    }))
}

/// Counts per sign and status over the filter's period.
pub async fn overview(pool: &Pool, filter: &Filter) -> Result<Overview, ApiError> {
    let client = pool.get().await?;
    let r = client.query_one(OVERVIEW, &[&filter.from, &filter.to]).await?;
    let mut counts = SignId::ALL.map(|sign| (sign, [0u32; 3]));
    for (i, (_, count)) in counts.iter_mut().enumerate() {
        for (j, cell) in count.iter_mut().enumerate() {
            *cell = r.get::<_, i64>(1 + i * 3 + j) as u32;
        }
    }
    Ok(Overview {
        total: r.get::<_, i64>(0) as u32,
        counts,
    })
}
