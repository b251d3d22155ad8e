//! Every member's score per sign on one SVG chart: a dot per member (with
//! initials when given), the median as a bar, the status lines drawn in.
//! Colours are CSS classes and sizes attributes: no inline styles.

use readiness_core::{fill, Locale, Model, Team, TeamReport};
use yew::prelude::*;

/// Props of [`TeamChart`].
#[derive(Properties, PartialEq)]
pub struct TeamChartProps {
    /// The team's figures.
    pub report: TeamReport,
    /// The members, for their initials.
    pub team: Team,
    /// The words.
    pub locale: &'static Locale,
}

const WIDTH: u32 = 320;
const ROW: u32 = 58;
const TRACK: u32 = 24;

/// The team chart.
#[component]
pub fn TeamChart(props: &TeamChartProps) -> Html {
    let locale = props.locale;
    let ui = &locale.ui;
    let thresholds = Model::current().thresholds;
    let signs = props.report.ordered();
    let height = ROW * signs.len() as u32 + 8;
    let x = |score: u8| u32::from(score) * (WIDTH - 12) / 100 + 6;
    let aria: Vec<String> = signs
        .iter()
        .map(|s| {
            format!(
                "{}: {}, {}",
                locale.sign(s.sign).title,
                fill(ui.team_median, &[("score", &s.median.to_string())]),
                fill(ui.team_spread, &[("points", &s.spread.to_string())])
            )
        })
        .collect();
    let rows = signs.iter().enumerate().map(|(row, sign)| {
        let y = row as u32 * ROW;
        let mut seen: Vec<u8> = Vec::new();
        let dots = sign.scores.iter().zip(props.team.members()).map(|(score, member)| {
            // Equal scores stack a little so every member stays visible.
            let same = seen.iter().filter(|s| **s == *score).count() as u32;
            seen.push(*score);
            let cy = (y + 20 + TRACK / 2) as i32 + [0, -6, 6][(same % 3) as usize];
            let cx = x(*score);
            let initials = member.initials().map(|i| html! {
                <text class="rw-team-initials" x={cx.to_string()} y={(y + 20 + TRACK + 11).to_string()} text-anchor="middle">{ i }</text>
            });
            html! {
                <g class="rw-team-member">
                    <circle class="rw-team-dot" cx={cx.to_string()} cy={cy.to_string()} r="5" />
                    { for initials }
                </g>
            }
        });
        let median = x(sign.median);
        html! {
            <g class={classes!("rw-team-row", sign.disagrees().then_some("rw-team-row-disagree"))}>
                <text class="rw-chart-label" x="0" y={(y + 14).to_string()}>{ locale.sign(sign.sign).title }</text>
                <rect class="rw-chart-track" x="0" y={(y + 20).to_string()} width={WIDTH.to_string()} height={TRACK.to_string()} rx="3" />
                <rect class="rw-team-median" x={(median - 2).to_string()} y={(y + 16).to_string()} width="4" height={(TRACK + 8).to_string()} rx="1" />
                { for dots }
            </g>
        }
    });
    let line = |score: u8| {
        let at = x(score).to_string();
        html! { <line class="rw-chart-line" x1={at.clone()} x2={at} y1="16" y2={height.to_string()} /> }
    };
    let legend = fill(
        ui.team_chart_legend,
        &[
            ("close", &thresholds.close.to_string()),
            ("strong", &thresholds.strong.to_string()),
        ],
    );
    html! {
        <>
        <svg class="rw-chart rw-team-chart" part="chart" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
            aria-label={format!("{}: {}", ui.team_chart_label, aria.join("; "))} preserveAspectRatio="xMinYMin meet">
            { line(thresholds.close) }
            { line(thresholds.strong) }
            { for rows }
        </svg>
        <p class="rw-team-legend">{ legend }</p>
        </>
    }
}
