//! Progress per child over the weeks, what a therapist asks: for each child code, one point
//! per session for camera-active minutes, the reach used and the left/right balance, so that
//! a change in a child's range of movement, or a side they keep to, shows.

use plotters::prelude::*;

use super::ExportSession;
use super::charts::{PALETTE, area_of, err, finish};
use crate::logs::bands;
use crate::logs::time::{DAY_S, Date};

/// Size of a progress chart in SVG pixels: three panels one above the other.
const SIZE: (u32, u32) = (760, 560);
/// Sessions drawn per child: the latest ones (more points than this blur together).
pub const MAX_POINTS: usize = 60;
/// Children drawn: those seen most recently (`--child CODE` reports any other alone).
pub const MAX_CHILDREN: usize = 60;

/// One session of a child, as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Days since the first drawn session's day began (UTC).
    pub day: f64,
    /// Camera-active minutes.
    pub active: f64,
    /// The reach typically used, 0 to 1 ([`crate::logs::SessionLog::mean_reach`]).
    pub reach: f64,
    /// Left/right balance, -1 to 1 ([`crate::logs::SessionLog::mean_balance`]).
    pub balance: f64,
}

/// One child's progress.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildProgress {
    /// The child code.
    pub child: String,
    /// All the child's sessions in the report.
    pub sessions: usize,
    /// The sessions drawn (the latest [`MAX_POINTS`]).
    pub points: Vec<Point>,
    /// The first drawn session's day.
    pub first: Date,
    /// The last drawn session's day.
    pub last: Date,
    /// The chart's `<svg>`, or why it could not be drawn.
    pub svg: Result<String, String>,
}

/// The progress of each child code (sessions without a code are nobody's progress), in code
/// order; at most [`MAX_CHILDREN`], those seen most recently.
pub fn per_child(sessions: &[ExportSession]) -> Vec<ChildProgress> {
    let mut by_child: std::collections::BTreeMap<&str, Vec<&ExportSession>> =
        std::collections::BTreeMap::new();
    for s in sessions {
        if let Some(code) = s.log.child.as_deref() {
            by_child.entry(code).or_default().push(s);
        }
    }
    let mut recent: Vec<(&str, i64)> = by_child
        .iter()
        .map(|(c, list)| (*c, list.iter().map(|s| s.log.started_s).max().unwrap_or(0)))
        .collect();
    recent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    recent.truncate(MAX_CHILDREN);
    let mut kept: Vec<&str> = recent.into_iter().map(|(c, _)| c).collect();
    kept.sort_unstable();
    kept.into_iter()
        .map(|code| child_progress(code, &by_child[code]))
        .collect()
}

fn child_progress(code: &str, list: &[&ExportSession]) -> ChildProgress {
    let mut list = list.to_vec();
    list.sort_by_key(|s| s.log.started_s);
    let latest = &list[list.len().saturating_sub(MAX_POINTS)..];
    let first_s = latest.first().map_or(0, |s| s.log.started_s);
    let day0 = Date::from_epoch(first_s);
    let points: Vec<Point> = latest
        .iter()
        .map(|s| Point {
            day: (s.log.started_s - day0.start_epoch()) as f64 / DAY_S as f64,
            active: f64::from(s.log.totals.active_minutes),
            reach: f64::from(s.log.mean_reach()),
            balance: f64::from(s.log.mean_balance()),
        })
        .collect();
    let last = Date::from_epoch(latest.last().map_or(first_s, |s| s.log.started_s));
    ChildProgress {
        child: code.to_string(),
        sessions: list.len(),
        svg: progress_chart(&points, day0),
        points,
        first: day0,
        last,
    }
}

/// One panel: a line through the sessions with a dot on each, on a shared day axis.
struct Panel<'a> {
    title: &'a str,
    y_desc: &'a str,
    y: std::ops::Range<f64>,
    value: fn(&Point) -> f64,
    colour: RGBColor,
    /// A grey line across at this value (0 for balance: even).
    rule: Option<f64>,
}

/// The three panels of a child's progress as one `<svg>`: camera-active minutes, reach used
/// and balance per session against the date. `day0` is the day that `Point::day` counts
/// from, for the date labels.
pub fn progress_chart(points: &[Point], day0: Date) -> Result<String, String> {
    let last_day = points.iter().map(|p| p.day).fold(0.0, f64::max);
    // At least a week wide, so that a few sessions read as days, not as a crowd.
    let x_max = (last_day.floor() + 1.0).max(7.0);
    let top = points.iter().map(|p| p.active).fold(0.0, f64::max);
    let active_desc = bands::ACTIVE.label;
    let panels = [
        Panel {
            title: "Camera-active minutes per session",
            y_desc: active_desc,
            y: 0.0..if top > 0.0 { top * 1.15 } else { 1.0 },
            value: |p| p.active,
            colour: PALETTE[0],
            rule: None,
        },
        Panel {
            title: "Reach used (share of the reach found at calibration)",
            y_desc: "reach, 0 to 1",
            // A little above the top, so that the title does not touch the top value.
            y: 0.0..1.05,
            value: |p| p.reach,
            colour: PALETTE[2],
            rule: None,
        },
        Panel {
            title: "Left/right balance (-1 all on the left, 1 all on the right)",
            y_desc: "balance",
            y: -1.05..1.05,
            value: |p| p.balance,
            colour: PALETTE[5],
            rule: Some(0.0),
        },
    ];
    let date = |x: &f64| {
        let d = Date::from_days(day0.days() + x.floor() as i64);
        format!("{:02}-{:02}", d.month, d.day)
    };
    let mut svg = String::new();
    {
        let root = area_of(&mut svg, SIZE)?;
        let rows = root.split_evenly((panels.len(), 1));
        for (panel, area) in panels.iter().zip(&rows) {
            let mut chart = ChartBuilder::on(area)
                .margin(8)
                // Room for the last date label.
                .margin_right(28)
                .caption(panel.title, ("sans-serif", 14))
                .x_label_area_size(26)
                .y_label_area_size(56)
                .build_cartesian_2d(0f64..x_max, panel.y.clone())
                .map_err(err)?;
            chart
                .configure_mesh()
                // A solid light grey rather than a see-through black: the same on any
                // renderer and on paper.
                .bold_line_style(RGBColor(221, 228, 222))
                .light_line_style(TRANSPARENT)
                .x_labels(8)
                .x_label_formatter(&date)
                .y_labels(5)
                .y_desc(panel.y_desc)
                .label_style(("sans-serif", 12))
                .axis_desc_style(("sans-serif", 12))
                .draw()
                .map_err(err)?;
            if let Some(at) = panel.rule {
                chart
                    .draw_series(LineSeries::new(
                        [(0.0, at), (x_max, at)],
                        RGBColor(160, 168, 162).stroke_width(1),
                    ))
                    .map_err(err)?;
            }
            let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.day, (panel.value)(p))).collect();
            chart
                .draw_series(LineSeries::new(
                    xy.iter().copied(),
                    panel.colour.stroke_width(2),
                ))
                .map_err(err)?;
            chart
                .draw_series(
                    xy.iter()
                        .map(|&at| Circle::new(at, 4, panel.colour.filled())),
                )
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(finish(svg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use std::path::PathBuf;

    /// A session of `child` `days` after the sample's start, with its reach scaled.
    fn session(child: Option<&str>, days: i64, reach: f32) -> ExportSession {
        let mut log = sample_log();
        log.child = child.map(String::from);
        log.started_s += days * DAY_S;
        for s in &mut log.timeline {
            s.reach *= reach;
        }
        ExportSession::new(PathBuf::from("logs"), PathBuf::from("x.ron"), log)
    }

    #[test]
    fn one_chart_per_child_with_a_point_per_session() {
        let sessions = [
            session(Some("R17"), 0, 0.5),
            session(Some("R18"), 1, 1.0),
            session(Some("R17"), 7, 0.75),
            session(None, 8, 1.0),
            session(Some("R17"), 14, 1.0),
        ];
        let all = per_child(&sessions);
        let codes: Vec<_> = all.iter().map(|c| c.child.as_str()).collect();
        assert_eq!(codes, ["R17", "R18"]);
        let r17 = &all[0];
        assert_eq!(r17.sessions, 3);
        let days: Vec<_> = r17.points.iter().map(|p| p.day.floor()).collect();
        assert_eq!(days, [0.0, 7.0, 14.0]);
        // The reach used grows as it did: 0.675 of the calibrated reach at full scale.
        for (p, want) in r17.points.iter().zip([0.3375, 0.50625, 0.675]) {
            assert!((p.reach - want).abs() < 1e-4, "{p:?}");
        }
        assert_eq!(r17.points[0].active, 0.5);
        assert!((r17.points[0].balance - 0.0625).abs() < 1e-6);
        assert_eq!(
            (r17.first.to_string(), r17.last.to_string()),
            ("2026-11-03".into(), "2026-11-17".into())
        );
        let svg = r17.svg.as_ref().unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("http"));
        // A dot per session in each of the three panels.
        assert_eq!(svg.matches("<circle").count(), 3 * 3);
        assert_eq!(all[1].svg.as_ref().unwrap().matches("<circle").count(), 3);
        assert!(svg.contains("Reach used") && svg.contains("balance"));
        assert!(svg.contains("11-03"), "dates on the axis");
    }

    #[test]
    fn only_the_latest_sessions_and_recent_children_are_drawn() {
        let many: Vec<_> = (0..MAX_POINTS as i64 + 5)
            .map(|d| session(Some("R17"), d, 1.0))
            .collect();
        let all = per_child(&many);
        assert_eq!(all[0].sessions, MAX_POINTS + 5);
        assert_eq!(all[0].points.len(), MAX_POINTS);
        assert_eq!(all[0].first.to_string(), "2026-11-08");
        assert!(per_child(&[]).is_empty());
        let none = progress_chart(&[], Date::from_days(0)).unwrap();
        assert_eq!(none.matches("<circle").count(), 0);
    }
}
