//! Server-rendered SVG charts of the sales view. No `viewBox`: lengths are
//! percentages of the page's width and text keeps its size, so the charts
//! read the same at 375 px and 1280 px. Colours come from `admin.css`
//! (classes), and each chart has a table with the same figures next to it.

use maud::{html, Markup};
use readiness_core::{Locale, Report, SignId, Status};

use crate::store::Overview;

/// The statuses the overview counts, in its order.
pub const COUNTED: [Status; 3] = [Status::Strong, Status::Close, Status::Gap];

const ROW: u32 = 56;

/// The word for a status.
pub fn status_word(status: &str) -> &'static str {
    match status {
        "strong" => "Strong",
        "close" => "Close",
        "gap" => "Gap",
        _ => "Not answered",
    }
}

fn title(sign: SignId) -> &'static str {
    Locale::english().sign(sign).title
}

/// One bar per sign: its score of 100, coloured by status.
pub fn scores(report: &Report, label: &str) -> Markup {
    let height = ROW * 5;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width="100%" height=(height) role="img" aria-label=(label) {
            @for (i, sign) in report.signs().iter().enumerate() {
                @let y = i as u32 * ROW;
                text.label x="0" y=(y + 16) { (title(sign.sign)) }
                rect.track x="0" y=(y + 26) width="78%" height="16" rx="3" {}
                rect class=(format!("bar {}", sign.status.as_str())) x="0" y=(y + 26)
                    width=(format!("{:.1}%", f64::from(sign.score) * 0.78)) height="16" rx="3" {}
                text.value x="81%" y=(y + 39) { (sign.score) " " (status_word(sign.status.as_str()).to_lowercase()) }
            }
        }
    }
}

/// Per sign, a bar split into strong, close and gap, with the counts under it.
pub fn overview(overview: &Overview, label: &str) -> Markup {
    let row = ROW + 16;
    let height = row * 5;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width="100%" height=(height) role="img" aria-label=(label) {
            @for (i, (sign, counts)) in overview.counts.iter().enumerate() {
                @let y = i as u32 * row;
                @let total = counts.iter().sum::<u32>().max(1);
                text.label x="0" y=(y + 16) { (title(*sign)) }
                rect.track x="0" y=(y + 26) width="100%" height="18" rx="3" {}
                @for (j, status) in COUNTED.iter().enumerate() {
                    @let before: u32 = counts[..j].iter().sum();
                    @if counts[j] > 0 {
                        rect class=(format!("bar {}", status.as_str()))
                            x=(format!("{:.2}%", f64::from(before) * 100.0 / f64::from(total)))
                            y=(y + 26)
                            width=(format!("{:.2}%", f64::from(counts[j]) * 100.0 / f64::from(total)))
                            height="18" {}
                    }
                }
                text.value x="0" y=(y + 62) {
                    (counts[0]) " strong · " (counts[1]) " close · " (counts[2]) " gap"
                }
            }
        }
    }
}

/// The signs most often in gap (all of them when tied), with that count; empty when none is.
pub fn most_often_gap(overview: &Overview) -> (Vec<SignId>, u32) {
    let most = overview.counts.iter().map(|(_, counts)| counts[2]).max().unwrap_or(0);
    if most == 0 {
        return (Vec::new(), 0);
    }
    let signs = overview
        .counts
        .iter()
        .filter(|(_, counts)| counts[2] == most)
        .map(|(sign, _)| *sign)
        .collect();
    (signs, most)
}

// --- Anonymous counts (issue 23) ---

/// The funnel: one bar per step, as long as its share of the first step's count, with the
/// count and that share after it. `steps` are (label, count).
pub fn funnel(steps: &[(&str, u64)], label: &str) -> Markup {
    let first = steps.first().map_or(0, |(_, n)| *n);
    let widest = steps.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * steps.len() as u32;
    html! {
        svg.chart.funnel xmlns="http://www.w3.org/2000/svg" width="100%" height=(height) role="img" aria-label=(label) {
            @for (i, (name, count)) in steps.iter().enumerate() {
                @let y = i as u32 * ROW;
                text.label x="0" y=(y + 16) { (name) }
                rect.track x="0" y=(y + 26) width="70%" height="16" rx="3" {}
                @if *count > 0 {
                    rect.bar.step x="0" y=(y + 26) width=(format!("{:.2}%", *count as f64 * 70.0 / widest as f64)) height="16" rx="3" {}
                }
                text.value x="73%" y=(y + 39) {
                    (count)
                    @if first > 0 { " · " (format!("{:.0}", *count as f64 * 100.0 / first as f64)) " %" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signs_most_often_in_gap_are_all_named_when_tied() {
        let mut overview = Overview {
            total: 4,
            counts: SignId::ALL.map(|s| (s, [0, 0, 0])),
            plans: 0,
        };
        assert_eq!(most_often_gap(&overview), (vec![], 0));
        overview.counts[1].1 = [0, 1, 3];
        overview.counts[3].1 = [1, 0, 3];
        assert_eq!(
            most_often_gap(&overview),
            (vec![SignId::Documentation, SignId::Feedback], 3)
        );
        overview.counts[4].1 = [0, 0, 4];
        assert_eq!(most_often_gap(&overview), (vec![SignId::Unblocking], 4));
        let chart = super::overview(&overview, "chart").into_string();
        let funnel = super::funnel(&[("Seen", 4), ("Started", 1), ("Sent", 0)], "f").into_string();
        assert!(
            funnel.contains("width=\"70.00%\"") && funnel.contains("width=\"17.50%\""),
            "{funnel}"
        );
        assert!(funnel.contains("1 · 25 %") && funnel.contains("0 · 0 %"), "{funnel}");
        assert_eq!(
            funnel.matches("class=\"bar step\"").count(),
            2,
            "no bar for a zero: {funnel}"
        );
        assert!(chart.contains("0 strong · 0 close · 4 gap"), "{chart}");
        assert!(chart.contains("width=\"100.00%\""), "{chart}");
    }
}
