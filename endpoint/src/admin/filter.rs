//! The sales view's filter: what the list, its downloads and the overview
//! are narrowed to, parsed from the query string (the filter form is a GET
//! form, so a filtered view is a link one can share or bookmark).

use readiness_core::SignId;
use serde::Deserialize;

use crate::store::{DeliveryState, Selection};

/// Rows of the list per page.
pub const PAGE_SIZE: u32 = 25;

/// The query string as sent (empty fields are "no filter").
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// A sign id (`tickets`, `documentation`, `spec-ownership`, `feedback`, `unblocking`): only
    /// submissions where this sign is in gap or close.
    pub sign: Option<String>,
    /// `gap`, `close` or `gap-or-close` (the default when a sign is given).
    pub status: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// `yes`: only submissions flagged as suspected spam; `no`: only those not flagged.
    pub spam: Option<String>,
    /// `pending`, `delivered` or `dead`: only submissions with a delivery (webhook, e-mail) in
    /// that state.
    pub delivery: Option<String>,
    /// Page of the HTML list, from 1 (the downloads ignore it).
    pub page: Option<u32>,
}

/// Which statuses of the chosen sign match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weak {
    /// Gap only.
    Gap,
    /// Close only.
    Close,
    /// Gap or close: everything short of strong.
    GapOrClose,
}

impl Weak {
    /// The value in the query string.
    pub fn as_str(self) -> &'static str {
        match self {
            Weak::Gap => "gap",
            Weak::Close => "close",
            Weak::GapOrClose => "gap-or-close",
        }
    }

    /// The two stored statuses the SQL compares with (the same twice for one).
    pub fn statuses(self) -> (&'static str, &'static str) {
        match self {
            Weak::Gap => ("gap", "gap"),
            Weak::Close => ("close", "close"),
            Weak::GapOrClose => ("gap", "close"),
        }
    }
}

/// A checked filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The sign and which weak statuses of it, if filtered by sign.
    pub sign: Option<(SignId, Weak)>,
    /// First day (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`), inclusive.
    pub to: Option<String>,
    /// Suspected spam only (`true`), or none of it (`false`).
    pub spam: Option<bool>,
    /// Only submissions with a delivery in this state.
    pub delivery: Option<DeliveryState>,
    /// Page, from 1.
    pub page: u32,
}

/// A query field's value, trimmed, unless it is missing or empty.
pub(crate) fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

pub(crate) fn day(field: &str, value: &str) -> Result<String, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, format)
        .map(|d| d.format(format).unwrap_or_default())
        .map_err(|_| format!("{field}: `{value}` is not a date; write YYYY-MM-DD"))
}

/// The `from` and `to` days of a query (each `YYYY-MM-DD`, optional), in order.
pub(crate) fn period(from: &Option<String>, to: &Option<String>) -> Result<(Option<String>, Option<String>), String> {
    let from = present(from).map(|v| day("from", v)).transpose()?;
    let to = present(to).map(|v| day("to", v)).transpose()?;
    if let (Some(from), Some(to)) = (&from, &to) {
        if from > to {
            return Err(format!("the period starts ({from}) after it ends ({to})"));
        }
    }
    Ok((from, to))
}

impl Filter {
    /// Checks the query; the error says which field is wrong and why.
    pub fn parse(query: &FilterQuery) -> Result<Filter, String> {
        let sign = match present(&query.sign) {
            None => None,
            Some(id) => {
                let sign = SignId::try_from(id).map_err(|_| format!("sign: `{id}` is not one of the five signs"))?;
                let weak = match present(&query.status) {
                    None | Some("gap-or-close") => Weak::GapOrClose,
                    Some("gap") => Weak::Gap,
                    Some("close") => Weak::Close,
                    Some(other) => return Err(format!("status: `{other}` is not gap, close or gap-or-close")),
                };
                Some((sign, weak))
            }
        };
        let (from, to) = period(&query.from, &query.to)?;
        let spam = match present(&query.spam) {
            None => None,
            Some("yes") => Some(true),
            Some("no") => Some(false),
            Some(other) => return Err(format!("spam: `{other}` is not yes or no")),
        };
        let delivery = match present(&query.delivery) {
            None => None,
            Some(state) => Some(
                state
                    .parse::<DeliveryState>()
                    .map_err(|_| format!("delivery: `{state}` is not pending, delivered or dead"))?,
            ),
        };
        Ok(Filter {
            sign,
            from,
            to,
            spam,
            delivery,
            page: query.page.unwrap_or(1).max(1),
        })
    }

    /// The query string of this filter (without the page), for links and downloads.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some((sign, weak)) = &self.sign {
            pairs.push(("sign", sign.as_str()));
            pairs.push(("status", weak.as_str()));
        }
        if let Some(from) = &self.from {
            pairs.push(("from", from));
        }
        if let Some(to) = &self.to {
            pairs.push(("to", to));
        }
        if let Some(spam) = self.spam {
            pairs.push(("spam", if spam { "yes" } else { "no" }));
        }
        if let Some(delivery) = self.delivery {
            pairs.push(("delivery", delivery.as_str()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// What the store reads for this filter (the page aside).
    pub fn selection(&self) -> Selection {
        let (sign, statuses) = match &self.sign {
            Some((sign, weak)) => (Some(sign.as_str()), weak.statuses()),
            None => (None, ("", "")),
        };
        Selection {
            sign,
            statuses,
            from: self.from.clone(),
            to: self.to.clone(),
            spam: self.spam,
            delivery: self.delivery,
        }
    }

    /// The rows to skip before this page.
    pub fn offset(&self) -> u32 {
        (self.page - 1).saturating_mul(PAGE_SIZE)
    }

    /// Whether anything narrows the list.
    pub fn is_empty(&self) -> bool {
        self.sign.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.spam.is_none()
            && self.delivery.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(sign: &str, status: &str, from: &str, to: &str) -> FilterQuery {
        let some = |v: &str| Some(v.to_owned());
        FilterQuery {
            sign: some(sign),
            status: some(status),
            from: some(from),
            to: some(to),
            ..FilterQuery::default()
        }
    }

    #[test]
    fn spam_and_delivery_state_round_trip() {
        let mut q = query("", "", "", "");
        q.spam = Some("yes".into());
        q.delivery = Some("dead".into());
        let filter = Filter::parse(&q).unwrap();
        assert_eq!((filter.spam, filter.delivery), (Some(true), Some(DeliveryState::Dead)));
        assert_eq!(filter.query(), "spam=yes&delivery=dead");
        q.spam = Some("maybe".into());
        assert!(Filter::parse(&q).unwrap_err().contains("spam"));
        q.spam = None;
        q.delivery = Some("lost".into());
        assert!(Filter::parse(&q).unwrap_err().contains("delivery"));
    }

    #[test]
    fn empty_fields_mean_no_filter() {
        let filter = Filter::parse(&query("", "", " ", "")).unwrap();
        assert!(filter.is_empty());
        assert_eq!(filter.page, 1);
        assert_eq!(filter.query(), "");
    }

    #[test]
    fn a_sign_defaults_to_gap_or_close_and_round_trips() {
        let filter = Filter::parse(&query("spec-ownership", "", "2026-11-01", "2026-11-30")).unwrap();
        assert_eq!(filter.sign, Some((SignId::SpecOwnership, Weak::GapOrClose)));
        assert_eq!(
            filter.query(),
            "sign=spec-ownership&status=gap-or-close&from=2026-11-01&to=2026-11-30"
        );
    }

    #[test]
    fn bad_values_are_named() {
        assert!(Filter::parse(&query("speed", "", "", "")).unwrap_err().contains("sign"));
        assert!(Filter::parse(&query("tickets", "bad", "", ""))
            .unwrap_err()
            .contains("status"));
        assert!(Filter::parse(&query("", "", "2026-13-01", ""))
            .unwrap_err()
            .contains("from"));
        assert!(Filter::parse(&query("", "", "2026-11-02", "2026-11-01"))
            .unwrap_err()
            .contains("after"));
    }
}
