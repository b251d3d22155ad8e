//! The funnel of the anonymous counts (issue 23), pure: the period and path
//! asked for, the counts per milestone of a locale, step-to-step rates, and
//! per intro variant the start and completion rates with a Wilson interval
//! and a two-proportion test saying whether two variants differ beyond noise.
//!
//! The counts are of page views, not of people (no identifier exists): a
//! rate is "of the page views that reached the step before". The figures are
//! plain arithmetic on a few hundred numbers; a statistics crate would bring
//! more than the two formulas below (documented where they are).

use readiness_contract::count::Milestone;
use serde::Deserialize;

use super::filter::{period, present};
use crate::store::{CountQuery, CountRow};

/// z for a two-sided 95 % interval and test.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Where the main funnel ends in [`Milestone::ALL`] (which lists it first, then the side steps).
const MAIN_LEN: usize = 9;

/// The steps of the main funnel, in order: seen → … → sent.
pub const MAIN: &[Milestone] = Milestone::ALL.split_at(MAIN_LEN).0;

/// Side steps after the result (shown when counted): their rate is of the results.
pub const AFTER_RESULT: &[Milestone] = Milestone::ALL.split_at(MAIN_LEN).1;

/// A milestone in the sales view's words.
pub fn milestone_word(milestone: Milestone) -> &'static str {
    match milestone {
        Milestone::Seen => "Seen",
        Milestone::Started => "Started",
        Milestone::Sign2 => "Reached sign 2",
        Milestone::Sign3 => "Reached sign 3",
        Milestone::Sign4 => "Reached sign 4",
        Milestone::Sign5 => "Reached sign 5",
        Milestone::Result => "Result shown",
        Milestone::Contact => "Contact form opened",
        Milestone::Sent => "Sent",
        Milestone::Plan => "Plan e-mailed",
        Milestone::Booking => "Booking opened",
    }
}

/// The query string of `/admin/funnel` and `/admin/funnel.csv`.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FunnelQuery {
    /// One page's path (`/blog/five-signs`), or empty for every path.
    pub path: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
}

impl FunnelQuery {
    /// Checks the query; the error says which field is wrong and why.
    pub fn parse(&self) -> Result<CountQuery, String> {
        let (from, to) = period(&self.from, &self.to)?;
        let path = present(&self.path).map(str::to_owned);
        if let Some(path) = &path {
            if !readiness_contract::count::valid_path(path) {
                return Err(format!(
                    "path: `{path}` is not a page's path (it starts with /, no query)"
                ));
            }
        }
        Ok(CountQuery { from, to, path })
    }
}

/// The query string of a [`CountQuery`] (for links to the CSV).
pub fn query_string(query: &CountQuery) -> String {
    let mut parts = Vec::new();
    for (key, value) in [("path", &query.path), ("from", &query.from), ("to", &query.to)] {
        if let Some(value) = value {
            parts.push(format!("{key}={}", readiness_contract::urlencode(value)));
        }
    }
    parts.join("&")
}

/// A count per milestone, in [`Milestone::ALL`] order (which is the enum's: a test checks).
pub type Totals = [u64; Milestone::ALL.len()];

/// The counts of the rows that `keep` selects, per milestone.
pub fn totals(rows: &[CountRow], keep: impl Fn(&CountRow) -> bool) -> Totals {
    let mut out = [0u64; Milestone::ALL.len()];
    for row in rows.iter().filter(|r| keep(r)) {
        out[row.milestone as usize] += row.count;
    }
    out
}

/// The count of `milestone` in [`totals`].
pub fn at(totals: &Totals, milestone: Milestone) -> u64 {
    totals[milestone as usize]
}

/// `part` of `whole` as a fraction, if `whole` is not zero.
pub fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// `0.4567` → `45.7 %`; no rate → `—`.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1} %", r * 100.0))
}

/// The Wilson score interval (95 %) of `successes` in `n`: Wilson, E. B. (1927),
/// `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`. `None` for `n` = 0.
/// Successes above `n` (counts are not paired per visitor) are taken as `n`.
pub fn wilson(successes: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n_f = n as f64;
    let p = successes.min(n) as f64 / n_f;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * n_f);
    let spread = Z95 * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt();
    let scale = 1.0 + z2 / n_f;
    Some((
        ((centre - spread) / scale).max(0.0),
        ((centre + spread) / scale).min(1.0),
    ))
}

/// What the two-proportion test says about two variants' rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Too few to test: fewer than 5 successes or 5 failures in a variant (the normal
    /// approximation the test rests on does not hold yet).
    TooFew,
    /// The difference is within what chance alone gives (|z| < 1.96): not distinguishable yet.
    Noise {
        /// The test statistic.
        z: f64,
    },
    /// The difference is distinguishable from noise at the 95 % level (|z| ≥ 1.96).
    Distinguishable {
        /// The test statistic (positive: the second rate is higher).
        z: f64,
    },
}

/// The pooled two-proportion z-test of `a` = (successes, n) against `b`:
/// `z = (p_b − p_a) / √(p(1−p)(1/n_a + 1/n_b))` with the pooled `p`.
pub fn two_proportion(a: (u64, u64), b: (u64, u64)) -> Verdict {
    let enough = |(s, n): (u64, u64)| s.min(n) >= 5 && n.saturating_sub(s) >= 5;
    if !enough(a) || !enough(b) {
        return Verdict::TooFew;
    }
    let (sa, na) = (a.0.min(a.1) as f64, a.1 as f64);
    let (sb, nb) = (b.0.min(b.1) as f64, b.1 as f64);
    let pooled = (sa + sb) / (na + nb);
    let se = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    if se == 0.0 {
        return Verdict::Noise { z: 0.0 };
    }
    let z = (sb / nb - sa / na) / se;
    if z.abs() >= Z95 {
        Verdict::Distinguishable { z }
    } else {
        Verdict::Noise { z }
    }
}

/// The verdict in plain words, comparing variant `b` with `a` on `what` ("start rate").
pub fn verdict_words(verdict: Verdict, what: &str, a: &str, b: &str) -> String {
    match verdict {
        Verdict::TooFew => format!(
            "{what}: too few page views yet to compare {b} with {a} (each needs at least 5 that did and 5 that did not)."
        ),
        Verdict::Noise { .. } => format!(
            "{what}: the difference between {b} and {a} is not distinguishable from noise yet; keep the test running."
        ),
        Verdict::Distinguishable { z } => format!(
            "{what}: {b} is {} than {a}, and the difference is distinguishable from noise (95 % level).",
            if z > 0.0 { "higher" } else { "lower" }
        ),
    }
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantRates {
    /// The variant's name.
    pub name: String,
    /// Page views that saw the widget.
    pub seen: u64,
    /// Of those, started.
    pub started: u64,
    /// Reached the result.
    pub result: u64,
}

impl VariantRates {
    /// started ÷ seen.
    pub fn start(&self) -> (u64, u64) {
        (self.started, self.seen)
    }

    /// result ÷ seen.
    pub fn completion(&self) -> (u64, u64) {
        (self.result, self.seen)
    }
}

/// Per variant (by name), its seen, started and result counts.
pub fn variants(rows: &[CountRow]) -> Vec<VariantRates> {
    let mut names: Vec<&str> = rows.iter().map(|r| r.variant.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let t = totals(rows, |r| r.variant == name);
            VariantRates {
                name: name.to_owned(),
                seen: at(&t, Milestone::Seen),
                started: at(&t, Milestone::Started),
                result: at(&t, Milestone::Result),
            }
        })
        .collect()
}

/// The CSV of the counts: `path,locale,variant,milestone,count`, one line per row, in funnel
/// order within each (path, locale, variant). Paths are the only free text: a leading `=`, `+`,
/// `-` or `@` is defused as in the submissions' export.
pub fn csv(rows: &[CountRow]) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&CountRow> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.path, &a.locale, &a.variant, a.milestone).cmp(&(&b.path, &b.locale, &b.variant, b.milestone))
    });
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| e.to_string();
    writer
        .write_record(["path", "locale", "variant", "milestone", "count"])
        .map_err(io)?;
    for row in sorted {
        writer
            .write_record([
                crate::export::defuse(&row.path).as_str(),
                row.locale.as_str(),
                row.variant.as_str(),
                row.milestone.as_str(),
                row.count.to_string().as_str(),
            ])
            .map_err(io)?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_are_listed_in_the_enums_order_so_totals_index_by_it() {
        for (i, milestone) in Milestone::ALL.iter().enumerate() {
            assert_eq!(*milestone as usize, i, "{milestone:?}");
        }
    }

    fn row(locale: &str, variant: &str, milestone: Milestone, count: u64) -> CountRow {
        CountRow {
            path: "/a".into(),
            locale: locale.into(),
            variant: variant.into(),
            milestone,
            count,
        }
    }

    #[test]
    fn wilson_matches_published_values() {
        // 81 of 263 (Wilson 1927 / Newcombe 1998 example 1): 0.2553 to 0.3662.
        let (lo, hi) = wilson(81, 263).unwrap();
        assert!((lo - 0.2553).abs() < 5e-4 && (hi - 0.3662).abs() < 5e-4, "{lo} {hi}");
        // 0 of 10: 0 to 0.2775.
        let (lo, hi) = wilson(0, 10).unwrap();
        assert!(lo == 0.0 && (hi - 0.2775).abs() < 5e-4, "{lo} {hi}");
        assert_eq!(wilson(3, 0), None);
        let (_, hi) = wilson(12, 10).unwrap();
        assert!(hi <= 1.0);
    }

    #[test]
    fn the_test_tells_noise_from_a_difference() {
        // 50/100 against 65/100: z ≈ 2.14, distinguishable.
        match two_proportion((50, 100), (65, 100)) {
            Verdict::Distinguishable { z } => assert!((z - 2.1448).abs() < 1e-3, "{z}"),
            other => panic!("{other:?}"),
        }
        // 50/100 against 55/100: z ≈ 0.71, noise.
        assert!(matches!(two_proportion((50, 100), (55, 100)), Verdict::Noise { z } if (z - 0.7089).abs() < 1e-3));
        assert!(matches!(two_proportion((65, 100), (50, 100)), Verdict::Distinguishable { z } if z < 0.0));
        assert_eq!(two_proportion((2, 3), (50, 100)), Verdict::TooFew);
        assert_eq!(two_proportion((98, 100), (50, 100)), Verdict::TooFew);
        assert!(verdict_words(Verdict::TooFew, "Start rate", "a", "b").contains("too few"));
        assert!(verdict_words(Verdict::Noise { z: 0.5 }, "Start rate", "a", "b").contains("not distinguishable"));
        assert!(
            verdict_words(Verdict::Distinguishable { z: -3.0 }, "Start rate", "a", "b").contains("b is lower than a")
        );
    }

    #[test]
    fn totals_per_locale_and_variant_and_the_csv() {
        let rows = vec![
            row("en", "a", Milestone::Seen, 10),
            row("en", "a", Milestone::Started, 4),
            row("da", "a", Milestone::Seen, 5),
            row("en", "b", Milestone::Seen, 7),
            row("en", "b", Milestone::Result, 2),
        ];
        let all = totals(&rows, |_| true);
        assert_eq!(
            (
                at(&all, Milestone::Seen),
                at(&all, Milestone::Started),
                at(&all, Milestone::Sent)
            ),
            (22, 4, 0)
        );
        let da = totals(&rows, |r| r.locale == "da");
        assert_eq!(at(&da, Milestone::Seen), 5);
        let v = variants(&rows);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].name.as_str(), v[0].start()), ("a", (4, 15)));
        assert_eq!((v[1].name.as_str(), v[1].completion()), ("b", (2, 7)));
        assert_eq!(percent(rate(1, 3)), "33.3 %");
        assert_eq!(percent(rate(1, 0)), "—");
        let mut evil = row("en", "a", Milestone::Seen, 1);
        evil.path = "=/x".into();
        let text = String::from_utf8(csv(&[evil, rows[1].clone()]).unwrap()).unwrap();
        assert!(text.starts_with("path,locale,variant,milestone,count\n"), "{text}");
        assert!(text.contains("/a,en,a,started,4"), "{text}");
        assert!(!text.contains("\n=/x"), "{text}");
    }

    #[test]
    fn the_query_is_checked() {
        let q = |path: &str, from: &str, to: &str| FunnelQuery {
            path: Some(path.into()),
            from: Some(from.into()),
            to: Some(to.into()),
        };
        let ok = q("/a", "2026-12-01", "2026-12-05").parse().unwrap();
        assert_eq!(query_string(&ok), "path=%2Fa&from=2026-12-01&to=2026-12-05");
        assert!(q("/a", "2026-12-06", "2026-12-05")
            .parse()
            .unwrap_err()
            .contains("after"));
        assert!(q("a?b", "", "").parse().unwrap_err().contains("path"));
        assert!(q("", "yesterday", "").parse().unwrap_err().contains("from"));
        assert_eq!(FunnelQuery::default().parse().unwrap(), CountQuery::default());
    }
}
