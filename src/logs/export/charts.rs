//! The report's charts, drawn with plotters into SVG text to be inlined in the HTML: no
//! scripts, no fonts to fetch, nothing outside the file. Colours are the Okabe-Ito palette,
//! which reads well with colour-blindness. Each child's progress is drawn in [`super::progress`].

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ExportSession;
use super::markup::capitalised;
use crate::games::GameId;
use crate::logs::bands;
use crate::logs::time::{Date, UtcTime};

/// Size of each chart in SVG pixels (scaled by the page's CSS).
const SIZE: (u32, u32) = (760, 340);
/// At most this many bars; more would be unreadable.
const MAX_BARS: usize = 40;
/// Sessions drawn in the activity chart: the latest ones.
pub const LATEST_SESSIONS: usize = 8;

/// The Okabe-Ito colours, in order.
pub(super) const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// One chart: its title (also the figure caption) and its SVG, or why it could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What it shows.
    pub title: String,
    /// The `<svg>` element, or a message when drawing failed.
    pub svg: Result<String, String>,
}

/// A drawing error in words, for the report in place of the chart.
pub(super) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("the chart could not be drawn: {e:?}")
}

/// The root's `xmlns` attribute is dropped: HTML needs none for inline SVG, and the report
/// then holds no address at all.
pub(super) fn finish(svg: String) -> String {
    svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")
}

/// A white drawing area of `size` writing into `svg`.
pub(super) fn area_of(
    svg: &mut String,
    size: (u32, u32),
) -> Result<DrawingArea<SVGBackend<'_>, Shift>, String> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    Ok(root)
}

fn area(svg: &mut String) -> Result<DrawingArea<SVGBackend<'_>, Shift>, String> {
    area_of(svg, SIZE)
}

/// A bar chart of `values` with a label under each bar.
pub fn bar_chart(labels: &[String], values: &[f64], y_desc: &str) -> Result<String, String> {
    let (labels, values): (Vec<String>, Vec<f64>) = if labels.is_empty() {
        (vec!["no sessions".into()], vec![0.0])
    } else {
        (labels.to_vec(), values.to_vec())
    };
    let n = labels.len() as u32;
    let top = values.iter().copied().fold(0.0, f64::max);
    let y_max = if top > 0.0 { top * 1.1 } else { 1.0 };
    let mut svg = String::new();
    {
        let root = area(&mut svg)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d((0u32..n).into_segmented(), 0f64..y_max)
            .map_err(err)?;
        let label = |v: &SegmentValue<u32>| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                labels.get(*i as usize).cloned().unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            // Only the labelled grid lines: a fine mesh makes a printed report grey.
            .light_line_style(TRANSPARENT)
            .x_labels(labels.len().min(16))
            .x_label_formatter(&label)
            .y_desc(y_desc)
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 14))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(
                Histogram::vertical(&chart)
                    .style(PALETTE[0].filled())
                    .margin(4)
                    .data(values.iter().enumerate().map(|(i, v)| (i as u32, *v))),
            )
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(finish(svg))
}

/// A line chart, one line per series of `(x, y)` points, with a legend.
pub fn line_chart(
    series: &[(String, Vec<(f64, f64)>)],
    x_desc: &str,
    y_desc: &str,
) -> Result<String, String> {
    let x_max = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(x, _)| *x))
        .fold(1.0, f64::max);
    let mut svg = String::new();
    {
        let root = area(&mut svg)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..x_max, 0f64..1f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 14))
            .draw()
            .map_err(err)?;
        for (i, (name, points)) in series.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
        if !series.is_empty() {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .label_font(("sans-serif", 12))
                .draw()
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(finish(svg))
}

/// Keeps the last `MAX_BARS` days or the `MAX_BARS` largest categories.
fn cap<T>(mut items: Vec<T>, by_size: impl Fn(&T) -> f64, keep_last: bool) -> Vec<T> {
    if items.len() <= MAX_BARS {
        return items;
    }
    if keep_last {
        items.split_off(items.len() - MAX_BARS)
    } else {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| by_size(&items[b]).total_cmp(&by_size(&items[a])));
        order.truncate(MAX_BARS);
        order.sort_unstable();
        let mut kept = Vec::with_capacity(MAX_BARS);
        for (i, item) in items.into_iter().enumerate() {
            if order.binary_search(&i).is_ok() {
                kept.push(item);
            }
        }
        kept
    }
}

/// Camera-active minutes per day, every day from the first to the last session (the latest
/// [`MAX_BARS`] days when there are more).
pub fn active_minutes_per_day(sessions: &[ExportSession]) -> Chart {
    let mut days: BTreeMap<Date, f64> = BTreeMap::new();
    for s in sessions {
        *days.entry(Date::from_epoch(s.log.started_s)).or_default() +=
            f64::from(s.log.totals.active_minutes);
    }
    let mut bars = Vec::new();
    if let (Some(first), Some(last)) = (days.keys().next(), days.keys().next_back()) {
        for d in first.days()..=last.days() {
            let day = Date::from_days(d);
            bars.push((day, days.get(&day).copied().unwrap_or(0.0)));
        }
    }
    let bars = cap(bars, |b| b.1, true);
    let labels: Vec<String> = bars
        .iter()
        .map(|(d, _)| format!("{:02}-{:02}", d.month, d.day))
        .collect();
    let values: Vec<f64> = bars.iter().map(|b| b.1).collect();
    Chart {
        title: format!("{} per day", capitalised(bands::ACTIVE.label)),
        svg: bar_chart(&labels, &values, bands::ACTIVE.label),
    }
}

/// Sessions per child code (the [`MAX_BARS`] codes with most sessions when there are more).
pub fn sessions_per_child(sessions: &[ExportSession]) -> Chart {
    let mut counts: BTreeMap<String, f64> = BTreeMap::new();
    for s in sessions {
        let code = s.log.child.clone().unwrap_or_else(|| "no code".into());
        *counts.entry(code).or_default() += 1.0;
    }
    let bars = cap(counts.into_iter().collect(), |b| b.1, false);
    let (labels, values): (Vec<String>, Vec<f64>) = bars.into_iter().unzip();
    Chart {
        title: "Sessions per child code".into(),
        svg: bar_chart(&labels, &values, "sessions"),
    }
}

/// Activity level over each of the latest [`LATEST_SESSIONS`] sessions, one line each.
pub fn activity_over_sessions(sessions: &[ExportSession]) -> Chart {
    let latest = &sessions[sessions.len().saturating_sub(LATEST_SESSIONS)..];
    let series: Vec<(String, Vec<(f64, f64)>)> = latest
        .iter()
        .map(|s| {
            let start = UtcTime::from_epoch(s.log.started_s);
            let name = format!(
                "{} {} {:02}:{:02}",
                s.log.child.as_deref().unwrap_or("no code"),
                start.date,
                start.hour,
                start.minute
            );
            let points = s
                .log
                .timeline
                .iter()
                .map(|x| {
                    let mid = f64::from(x.t_s) + f64::from(x.seconds.max(0.0)) / 2.0;
                    (mid / 60.0, f64::from(x.activity))
                })
                .collect();
            (name, points)
        })
        .collect();
    Chart {
        title: format!(
            "Camera activity over each session (the latest {})",
            latest.len().max(1)
        ),
        svg: line_chart(
            &series,
            "minutes since the session started",
            "camera activity (0 to 1)",
        ),
    }
}

/// How many times each game was played.
pub fn games_played(sessions: &[ExportSession]) -> Chart {
    let mut counts = [0f64; GameId::ALL.len()];
    for g in sessions.iter().flat_map(|s| &s.log.games) {
        if let Some(i) = GameId::ALL.iter().position(|&id| id == g.game) {
            counts[i] += 1.0;
        }
    }
    let labels: Vec<String> = GameId::ALL
        .iter()
        .map(|g| g.name().replace('_', " "))
        .collect();
    Chart {
        title: "Games played".into(),
        svg: bar_chart(&labels, &counts, "times played"),
    }
}

/// The report's four charts, in order.
pub fn all_charts(sessions: &[ExportSession]) -> Vec<Chart> {
    vec![
        active_minutes_per_day(sessions),
        sessions_per_child(sessions),
        activity_over_sessions(sessions),
        games_played(sessions),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_lines_are_svg_without_addresses() {
        let bars = bar_chart(&["a".into(), "b".into()], &[1.0, 3.0], "n").unwrap();
        assert!(bars.starts_with("<svg"), "{}", &bars[..80.min(bars.len())]);
        assert!(!bars.contains("http"));
        let empty = bar_chart(&[], &[], "n").unwrap();
        assert!(empty.contains("no sessions"));
        let lines = line_chart(&[("R17".into(), vec![(0.0, 0.2), (1.0, 0.8)])], "x", "y").unwrap();
        assert!(lines.contains("R17"));
        assert!(line_chart(&[], "x", "y").is_ok());
    }

    #[test]
    fn no_sessions_still_draws() {
        for chart in all_charts(&[]) {
            assert!(chart.svg.is_ok(), "{}: {:?}", chart.title, chart.svg);
        }
    }

    #[test]
    fn capping_keeps_the_latest_or_largest() {
        let days: Vec<usize> = (0..100).collect();
        assert_eq!(cap(days, |_| 0.0, true)[0], 60);
        let sizes: Vec<f64> = (0..100).map(f64::from).collect();
        let kept = cap(sizes, |x| *x, false);
        assert_eq!(kept.len(), MAX_BARS);
        assert_eq!(kept[0], 60.0);
    }
}
