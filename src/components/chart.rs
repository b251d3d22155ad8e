//! The five signs as an inline SVG bar chart, with the status lines drawn in.
//! Sizes are attributes and colours are CSS classes: no inline styles, so a
//! strict CSP is fine.

use readiness_core::{Locale, Model, Report, Status};
use yew::prelude::*;

/// What [`chart`] draws.
pub struct ChartProps {
    /// The scores.
    pub report: std::rc::Rc<Report>,
    /// The words.
    pub locale: &'static Locale,
}

const WIDTH: u32 = 320;
const ROW: u32 = 46;
const BAR: u32 = 14;

/// Bar chart of the five sign scores. A plain function rather than a
/// component: it has no state, and each component costs about a kilobyte of
/// wasm in Yew's per-component machinery.
pub fn chart(props: &ChartProps) -> Html {
    let thresholds = Model::current().thresholds;
    let height = ROW * props.report.signs().len() as u32 + 8;
    let label: Vec<String> = props
        .report
        .signs()
        .iter()
        .map(|s| format!("{} {}", props.locale.sign(s.sign).title, s.score))
        .collect();
    let aria = format!("{}: {}", props.locale.ui.chart_label, label.join(", "));
    let line = |score: u8| {
        let x = (u32::from(score) * WIDTH / 100).to_string();
        html! { <line class="rw-chart-line" x1={x.clone()} x2={x} y1="0" y2={height.to_string()} /> }
    };
    let rows = props.report.signs().iter().enumerate().map(|(i, sign)| {
        let y = i as u32 * ROW;
        let status = match sign.status {
            Status::Strong => "rw-bar-strong",
            Status::Close => "rw-bar-close",
            Status::Gap => "rw-bar-gap",
            Status::NotAnswered => "rw-bar-none",
        };
        let width = (u32::from(sign.score) * WIDTH / 100).max(2);
        html! {
            <g>
                <text class="rw-chart-label" x="0" y={(y + 14).to_string()}>{ props.locale.sign(sign.sign).title }</text>
                <rect class="rw-chart-track" x="0" y={(y + 20).to_string()} width={WIDTH.to_string()} height={BAR.to_string()} rx="3" />
                <rect class={classes!("rw-chart-bar", status)} x="0" y={(y + 20).to_string()} width={width.to_string()} height={BAR.to_string()} rx="3" />
                <text class="rw-chart-score" x={WIDTH.to_string()} y={(y + 14).to_string()} text-anchor="end">{ sign.score }</text>
            </g>
        }
    });
    html! {
        <svg class="rw-chart" part="chart" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={aria}
            preserveAspectRatio="xMinYMin meet">
            { for rows }
            { line(thresholds.close) }
            { line(thresholds.strong) }
        </svg>
    }
}
