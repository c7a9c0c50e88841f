//! The HTML report for a ward manager: one self-contained file (inline CSS, charts as inline
//! SVG, no scripts, no links) with the date range, a summary, a table per child code, the
//! four charts, the sessions, and the files that were skipped.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::SystemTime;

use super::charts::all_charts;
use super::{ExportSession, Filter, Skipped, two};
use crate::logs::model::{ACTIVE_LEVEL, EndReason, MODERATE_LEVEL, VIGOROUS_LEVEL};
use crate::logs::time::{Date, UtcTime, epoch_seconds};

/// The most sessions listed one by one; the charts and totals cover them all.
const MAX_LISTED: usize = 500;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;\
max-width:62rem;padding:0 1rem;color:#1d2a1f;line-height:1.45}\
h1{color:#2f6b3a;margin-bottom:.2rem}h2{color:#2f6b3a;border-bottom:2px solid #cfe3d2;padding-bottom:.2rem;margin-top:2rem}\
.meta{color:#4b5a4e}table{border-collapse:collapse;margin:.5rem 0;width:100%}\
th,td{border:1px solid #cfd8d0;padding:.3rem .5rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
th{background:#eef6ef}tr:nth-child(even) td{background:#fafcfa}\
figure{margin:1.5rem 0}figure svg{width:100%;height:auto;border:1px solid #e3ebe4}\
figcaption{font-weight:600;margin-bottom:.3rem}.note{color:#4b5a4e;font-size:.92rem}\
.error{color:#8a1c1c}@media print{body{margin:0}figure{break-inside:avoid}}";

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn range_text(filter: &Filter, sessions: &[ExportSession]) -> String {
    let first = sessions.first().map(|s| Date::from_epoch(s.log.started_s));
    let last = sessions.last().map(|s| Date::from_epoch(s.log.started_s));
    let from = filter.from.or(first);
    let to = filter.to.or(last);
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("on {f}"),
        (Some(f), Some(t)) => format!("from {f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "(no sessions)".into(),
    }
}

#[derive(Default)]
struct ChildRow {
    sessions: usize,
    minutes: f64,
    active: f64,
    light: f64,
    moderate: f64,
    vigorous: f64,
    games: usize,
    last: i64,
}

fn row(html: &mut String, cells: &[(&str, bool)]) {
    html.push_str("<tr>");
    for (cell, number) in cells {
        let class = if *number { " class=\"n\"" } else { "" };
        let _ = write!(html, "<td{class}>{}</td>", escape(cell));
    }
    html.push_str("</tr>\n");
}

fn head(html: &mut String, cells: &[&str]) {
    html.push_str("<tr>");
    for cell in cells {
        let _ = write!(html, "<th>{}</th>", escape(cell));
    }
    html.push_str("</tr>\n");
}

fn summary(html: &mut String, sessions: &[ExportSession]) {
    let n = sessions.len();
    // Folds from +0: an empty float `sum` is -0, which would print as "-0.00".
    let minutes = sessions
        .iter()
        .fold(0.0f64, |m, s| m + f64::from(s.log.duration_s()) / 60.0);
    let t = |f: fn(&crate::logs::model::Totals) -> f32| -> f64 {
        sessions
            .iter()
            .fold(0.0f64, |m, s| m + f64::from(f(&s.log.totals)))
    };
    let active = t(|t| t.active_minutes);
    let codes: std::collections::BTreeSet<_> = sessions
        .iter()
        .filter_map(|s| s.log.child.as_deref())
        .collect();
    let games: usize = sessions.iter().map(|s| s.log.games.len()).sum();
    let mut ends: BTreeMap<Option<EndReason>, usize> = BTreeMap::new();
    for s in sessions {
        *ends.entry(s.log.end).or_default() += 1;
    }
    let ends: Vec<String> = ends
        .iter()
        .map(|(e, k)| format!("{} {k}", e.map_or("unfinished", |e| e.describe())))
        .collect();
    html.push_str("<h2>Summary</h2>\n<table>\n");
    let per = if n > 0 { active / n as f64 } else { 0.0 };
    for (what, value) in [
        ("Sessions", n.to_string()),
        ("Children (by code)", codes.len().to_string()),
        ("Minutes played", two(minutes)),
        ("Active minutes", two(active)),
        (
            "Light / moderate / vigorous minutes",
            format!(
                "{} / {} / {}",
                two(t(|t| t.light_minutes)),
                two(t(|t| t.moderate_minutes)),
                two(t(|t| t.vigorous_minutes))
            ),
        ),
        ("Active minutes per session (mean)", two(per)),
        ("Games played", games.to_string()),
        ("How sessions ended", ends.join(", ")),
    ] {
        let _ = writeln!(
            html,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(what),
            escape(&value)
        );
    }
    html.push_str("</table>\n");
}

fn by_child(html: &mut String, sessions: &[ExportSession]) {
    let mut rows: BTreeMap<String, ChildRow> = BTreeMap::new();
    for s in sessions {
        let r = rows
            .entry(s.log.child.clone().unwrap_or_else(|| "(no code)".into()))
            .or_default();
        let t = &s.log.totals;
        r.sessions += 1;
        r.minutes += f64::from(s.log.duration_s()) / 60.0;
        r.active += f64::from(t.active_minutes);
        r.light += f64::from(t.light_minutes);
        r.moderate += f64::from(t.moderate_minutes);
        r.vigorous += f64::from(t.vigorous_minutes);
        r.games += s.log.games.len();
        r.last = r.last.max(s.log.started_s);
    }
    html.push_str("<h2>By child code</h2>\n<table>\n");
    head(
        html,
        &[
            "Child code",
            "Sessions",
            "Minutes",
            "Active",
            "Light",
            "Moderate",
            "Vigorous",
            "Games",
            "Last session",
        ],
    );
    for (code, r) in &rows {
        row(
            html,
            &[
                (code, false),
                (&r.sessions.to_string(), true),
                (&two(r.minutes), true),
                (&two(r.active), true),
                (&two(r.light), true),
                (&two(r.moderate), true),
                (&two(r.vigorous), true),
                (&r.games.to_string(), true),
                (&Date::from_epoch(r.last).to_string(), false),
            ],
        );
    }
    html.push_str("</table>\n");
}

fn session_list(html: &mut String, sessions: &[ExportSession]) {
    let listed = &sessions[sessions.len().saturating_sub(MAX_LISTED)..];
    html.push_str("<h2>Sessions</h2>\n");
    if listed.len() < sessions.len() {
        let _ = writeln!(
            html,
            "<p class=\"note\">The latest {} of {} sessions; the CSV export lists them all.</p>",
            listed.len(),
            sessions.len()
        );
    }
    html.push_str("<table>\n");
    head(
        html,
        &[
            "Start (UTC)",
            "Child code",
            "Ward",
            "Profile",
            "Minutes",
            "Active",
            "Mean activity",
            "Games",
            "Score",
            "Ended",
        ],
    );
    for s in listed.iter().rev() {
        let log = &s.log;
        let start = log.start_time();
        row(
            html,
            &[
                (
                    &format!("{} {:02}:{:02}", start.date, start.hour, start.minute),
                    false,
                ),
                (log.child.as_deref().unwrap_or(""), false),
                (&log.ward, false),
                (log.profile.name(), false),
                (&two(f64::from(log.duration_s()) / 60.0), true),
                (&two(f64::from(log.totals.active_minutes)), true),
                (&format!("{:.2}", log.mean_activity()), true),
                (&log.games.len().to_string(), true),
                (&log.total_score().to_string(), true),
                (log.end.map_or("unfinished", |e| e.describe()), false),
            ],
        );
    }
    html.push_str("</table>\n");
}

/// The whole report as one HTML document.
pub fn report_html(
    sessions: &[ExportSession],
    skipped: &[Skipped],
    filter: &Filter,
    generated: SystemTime,
) -> String {
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<title>Wigglewoods activity report</title>\n");
    let _ = writeln!(html, "<style>{STYLE}</style>\n</head>\n<body>");
    html.push_str("<h1>Wigglewoods activity report</h1>\n");
    let mut scope = format!("Sessions {}", range_text(filter, sessions));
    if let Some(w) = &filter.ward {
        let _ = write!(scope, ", ward {w}");
    }
    if let Some(c) = &filter.child {
        let _ = write!(scope, ", child code {c}");
    }
    let made = UtcTime::from_epoch(epoch_seconds(generated));
    let _ = writeln!(
        html,
        "<p class=\"meta\">{}. Made {} {:02}:{:02} UTC. Times are UTC.</p>",
        escape(&scope),
        made.date,
        made.hour,
        made.minute
    );
    summary(&mut html, sessions);
    by_child(&mut html, sessions);
    html.push_str("<h2>Charts</h2>\n");
    for chart in all_charts(sessions) {
        let _ = writeln!(
            html,
            "<figure>\n<figcaption>{}</figcaption>",
            escape(&chart.title)
        );
        match &chart.svg {
            Ok(svg) => html.push_str(svg),
            Err(e) => {
                let _ = write!(html, "<p class=\"error\">{}</p>", escape(e));
            }
        }
        html.push_str("\n</figure>\n");
    }
    session_list(&mut html, sessions);
    if !skipped.is_empty() {
        html.push_str(
            "<h2>Files skipped</h2>\n<p class=\"note\">These files in the log folder \
                       are not in this report. Nothing was changed or deleted.</p>\n<ul>\n",
        );
        for s in skipped {
            let _ = writeln!(html, "<li>{}</li>", escape(&s.to_string()));
        }
        html.push_str("</ul>\n");
    }
    let _ = writeln!(
        html,
        "<h2>How to read this report</h2>\n<p class=\"note\">Activity is the movement the \
         camera saw, from 0 (still) to 1 (very lively), averaged over 10-second windows. A \
         window is <em>active</em> when its activity is at least {ACTIVE_LEVEL}; active time \
         is light below {MODERATE_LEVEL}, moderate below {VIGOROUS_LEVEL} and vigorous from \
         {VIGOROUS_LEVEL}. Children appear only by their ward code: the logs hold no names and \
         no images.</p>\n</body>\n</html>"
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use std::path::PathBuf;

    #[test]
    fn self_contained_with_four_charts() {
        let sessions = vec![ExportSession {
            file: PathBuf::from("2026/11/x.ron"),
            log: sample_log(),
        }];
        let skipped = vec![Skipped {
            file: PathBuf::from("logs/<odd>.ron"),
            reason: "line 1 column 1: bad".into(),
        }];
        let html = report_html(&sessions, &skipped, &Filter::default(), SystemTime::now());
        assert_eq!(html.matches("<svg").count(), 4);
        assert!(!html.contains("http"));
        assert!(!html.contains("<script"));
        assert!(html.contains("Sessions on 2026-11-03"));
        assert!(html.contains("logs/&lt;odd&gt;.ron: line 1 column 1: bad"));
        assert!(html.contains("<td>R17</td>"));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
