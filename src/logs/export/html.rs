//! The HTML report for a ward manager, a therapist and a parent: one self-contained file
//! (inline CSS, charts as inline SVG, no scripts, no links) that prints on A4. In order: the
//! date range and the log folders read, what the minutes measure, a warning box naming every
//! log that does not add up, a note on sessions found twice, the totals, tables per kiosk,
//! per ward and per child code, the charts, each child's progress, the sessions, what the
//! camera did in each, and the files that were skipped.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::SystemTime;

use super::camera::camera_line;
use super::charts::all_charts;
use super::groups::{group_table, grouped};
use super::markup::{capitalised, head, row};
use super::progress::{self, per_child};
use super::style::STYLE;
use super::{ExportSession, Filter, Scan, two};
use crate::logs::bands;
use crate::logs::model::{ACTIVE_LEVEL, EndReason, MODERATE_LEVEL, VIGOROUS_LEVEL};
use crate::logs::time::{Date, UtcTime, epoch_seconds};

pub use super::markup::escape;

/// The most sessions listed one by one; the charts and totals cover them all.
const MAX_LISTED: usize = 500;

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

/// `HH:MM` of a session's start, with its day.
fn start_text(started_s: i64) -> String {
    let start = UtcTime::from_epoch(started_s);
    format!("{} {:02}:{:02}", start.date, start.hour, start.minute)
}

fn title_and_scope(html: &mut String, found: &Scan, filter: &Filter, generated: SystemTime) {
    html.push_str("<header>\n<h1>Wigglewoods activity report</h1>\n");
    let mut scope = format!("Sessions {}", range_text(filter, &found.sessions));
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
    if found.folders.len() > 1 {
        let names: Vec<String> = found
            .folders
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        let _ = writeln!(
            html,
            "<p class=\"meta\">Read from {} log folders: {}.</p>",
            found.folders.len(),
            escape(&names.join(", "))
        );
    }
    html.push_str("</header>\n");
    let _ = writeln!(
        html,
        "<p class=\"honest\">{}</p>",
        escape(bands::WHAT_THEY_MEASURE)
    );
}

/// The warning box: every log that does not add up, with what is wrong. Near the top, so
/// that nobody reads the figures without seeing it.
fn warning_box(html: &mut String, found: &Scan) {
    let bad: Vec<&ExportSession> = found.inconsistent().collect();
    let copies = &found.duplicates.inconsistent_copies;
    if bad.is_empty() && copies.is_empty() {
        return;
    }
    let n = bad.len() + copies.len();
    let _ = writeln!(
        html,
        "<section class=\"warnings\">\n<h2>Check {n} log{}</h2>\n<p>{}, but {} figures do \
         not add up, so they may be wrong. The files were not changed.</p>\n<ul>",
        if n == 1 { "" } else { "s" },
        if n == 1 {
            "This log was read for the report"
        } else {
            "These logs were read for the report"
        },
        if n == 1 { "its" } else { "their" },
    );
    for s in bad {
        let _ = writeln!(
            html,
            "<li><strong>{}</strong>: {}.</li>",
            escape(&s.path().display().to_string()),
            escape(&s.problems.join("; "))
        );
    }
    for (path, problems) in copies {
        let _ = writeln!(
            html,
            "<li><strong>{}</strong> (a second copy, not counted): {}.</li>",
            escape(&path.display().to_string()),
            escape(&problems.join("; "))
        );
    }
    html.push_str("</ul>\n</section>\n");
}

fn duplicates_note(html: &mut String, found: &Scan) {
    if found.duplicates.any() {
        let _ = writeln!(
            html,
            "<p class=\"note duplicates\">{}.</p>",
            escape(&capitalised(&found.duplicates.to_string()))
        );
    }
}

fn summary(html: &mut String, found: &Scan) {
    let sessions = &found.sessions;
    let n = sessions.len();
    let total = grouped(sessions, |_| String::new());
    let all = total.get("").cloned().unwrap_or_default();
    let kiosks = grouped(sessions, |s| s.log.kiosk.clone()).len();
    let wards = grouped(sessions, |s| s.log.ward.clone()).len();
    let mut ends: BTreeMap<Option<EndReason>, usize> = BTreeMap::new();
    for s in sessions {
        *ends.entry(s.log.end).or_default() += 1;
    }
    let ends: Vec<String> = ends
        .iter()
        .map(|(e, k)| format!("{} {k}", e.map_or("unfinished", |e| e.describe())))
        .collect();
    html.push_str("<section class=\"keep\">\n<h2>Summary</h2>\n<table>\n");
    let per = if n > 0 { all.bands[0] / n as f64 } else { 0.0 };
    let active = capitalised(bands::ACTIVE.label);
    let split = format!(
        "{} / {} / {} minutes",
        capitalised(bands::GENTLE.label),
        bands::LIVELY.label,
        bands::VERY_LIVELY.label
    );
    for (what, value) in [
        ("Sessions".to_string(), n.to_string()),
        ("Kiosks".into(), kiosks.to_string()),
        ("Wards".into(), wards.to_string()),
        ("Children (by code)".into(), all.children.len().to_string()),
        ("Minutes played".into(), two(all.minutes)),
        (active.clone(), two(all.bands[0])),
        (
            split,
            format!(
                "{} / {} / {}",
                two(all.bands[1]),
                two(all.bands[2]),
                two(all.bands[3])
            ),
        ),
        (format!("{active} per session (mean)"), two(per)),
        ("Games played".into(), all.games.to_string()),
        ("How sessions ended".into(), ends.join(", ")),
        ("Sessions with warnings".into(), all.warnings.to_string()),
    ] {
        let _ = writeln!(
            html,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&what),
            escape(&value)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn tables(html: &mut String, sessions: &[ExportSession]) {
    let kiosks = grouped(sessions, |s| s.log.kiosk.clone());
    group_table(html, "By kiosk", "Kiosk", &kiosks, true);
    let wards = grouped(sessions, |s| {
        if s.log.ward.trim().is_empty() {
            "(no ward)".into()
        } else {
            s.log.ward.clone()
        }
    });
    group_table(html, "By ward", "Ward", &wards, true);
    let children = grouped(sessions, |s| {
        s.log.child.clone().unwrap_or_else(|| "(no code)".into())
    });
    group_table(html, "By child code", "Child code", &children, false);
}

fn charts(html: &mut String, sessions: &[ExportSession]) {
    html.push_str("<section>\n<h2>Charts</h2>\n");
    for chart in all_charts(sessions) {
        let _ = writeln!(
            html,
            "<figure class=\"chart\">\n<figcaption>{}</figcaption>",
            escape(&chart.title)
        );
        svg_or_error(html, &chart.svg);
        html.push_str("\n</figure>\n");
    }
    html.push_str("</section>\n");
}

fn svg_or_error(html: &mut String, svg: &Result<String, String>) {
    match svg {
        Ok(svg) => html.push_str(svg),
        Err(e) => {
            let _ = write!(html, "<p class=\"error\">{}</p>", escape(e));
        }
    }
}

/// Each child's progress over the weeks: one figure per child code.
fn progress_section(html: &mut String, sessions: &[ExportSession]) {
    let children = per_child(sessions);
    if children.is_empty() {
        return;
    }
    let _ = writeln!(
        html,
        "<section>\n<h2>Progress per child</h2>\n<p class=\"note\">One dot per session (the \
         latest {} of each child): {}, the reach used (the mean of each 10-second window's \
         largest, as a share of the reach found at calibration) and the left/right balance of \
         the movement. A change in a child's range of movement shows as the reach rising or \
         falling over the weeks.</p>",
        progress::MAX_POINTS,
        bands::ACTIVE.label
    );
    let coded = grouped(sessions, |s| s.log.child.clone().unwrap_or_default());
    let with_code = coded.keys().filter(|c| !c.is_empty()).count();
    if with_code > children.len() {
        let _ = writeln!(
            html,
            "<p class=\"note\">The {} children seen most recently of {with_code}; \
             <code>--child CODE</code> reports any child alone.</p>",
            children.len()
        );
    }
    for child in &children {
        let shown = child.points.len();
        let of = if shown < child.sessions {
            format!("the latest {shown} of {} sessions", child.sessions)
        } else {
            format!("{shown} session{}", if shown == 1 { "" } else { "s" })
        };
        let span = if child.first == child.last {
            format!("on {}", child.first)
        } else {
            format!("from {} to {}", child.first, child.last)
        };
        let _ = writeln!(
            html,
            "<figure class=\"chart progress\" data-child=\"{}\" data-sessions=\"{shown}\">\n\
             <figcaption>{}: {of}, {span}</figcaption>",
            escape(&child.child),
            escape(&child.child)
        );
        svg_or_error(html, &child.svg);
        html.push_str("\n</figure>\n");
    }
    html.push_str("</section>\n");
}

/// The latest sessions, newest first.
fn listed(sessions: &[ExportSession]) -> impl Iterator<Item = &ExportSession> {
    sessions[sessions.len().saturating_sub(MAX_LISTED)..]
        .iter()
        .rev()
}

fn session_list(html: &mut String, sessions: &[ExportSession]) {
    let shown = sessions.len().min(MAX_LISTED);
    html.push_str("<section>\n<h2>Sessions</h2>\n");
    if shown < sessions.len() {
        let _ = writeln!(
            html,
            "<p class=\"note\">The latest {shown} of {} sessions; the CSV export lists them all.</p>",
            sessions.len()
        );
    }
    html.push_str("<table>\n<thead>\n");
    let active = capitalised(bands::ACTIVE.label);
    head(
        html,
        &[
            "Start (UTC)",
            "Kiosk",
            "Child code",
            "Ward",
            "Profile",
            "Minutes",
            active.as_str(),
            "Mean activity",
            "Games",
            "Score",
            "Ended",
            "Log check",
        ],
    );
    html.push_str("</thead>\n<tbody>\n");
    for s in listed(sessions) {
        let log = &s.log;
        let mut cells = String::new();
        row(
            &mut cells,
            &[
                (&start_text(log.started_s), false),
                (&log.kiosk, false),
                (log.child.as_deref().unwrap_or(""), false),
                (&log.ward, false),
                (log.profile.name(), false),
                (&two(f64::from(log.duration_s()) / 60.0), true),
                (&two(f64::from(log.totals.active_minutes)), true),
                (&format!("{:.2}", log.mean_activity()), true),
                (&log.games.len().to_string(), true),
                (&log.total_score().to_string(), true),
                (log.end.map_or("unfinished", |e| e.describe()), false),
                (
                    if s.problems.is_empty() {
                        "ok"
                    } else {
                        "does not add up: see the warnings at the top"
                    },
                    false,
                ),
            ],
        );
        if !s.problems.is_empty() {
            cells = cells.replacen("<tr>", "<tr class=\"warn\">", 1);
        }
        html.push_str(&cells);
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

/// Per session, one line a parent can read: when the camera was on, and that no picture was
/// kept.
fn camera_section(html: &mut String, sessions: &[ExportSession]) {
    if sessions.is_empty() {
        return;
    }
    html.push_str(
        "<section>\n<h2>What the camera did</h2>\n<p class=\"note\">The camera's picture is \
         read as brightness, turned into movement as it arrives, and never kept: the logs \
         have no place for an image. Lines for the same sessions as the table above.</p>\n\
         <ul class=\"camera\">\n",
    );
    for s in listed(sessions) {
        let who = s.log.child.as_deref().unwrap_or("no code");
        let _ = writeln!(
            html,
            "<li><strong>{}, {}, {}:</strong> {}</li>",
            escape(&start_text(s.log.started_s)),
            escape(&s.log.kiosk),
            escape(who),
            escape(&camera_line(&s.log))
        );
    }
    html.push_str("</ul>\n</section>\n");
}

fn skipped_section(html: &mut String, found: &Scan) {
    if found.skipped.is_empty() {
        return;
    }
    html.push_str(
        "<section>\n<h2>Files skipped</h2>\n<p class=\"note\">These files in the log folder \
         are not in this report. Nothing was changed or deleted.</p>\n<ul>\n",
    );
    for s in &found.skipped {
        let _ = writeln!(html, "<li>{}</li>", escape(&s.to_string()));
    }
    html.push_str("</ul>\n</section>\n");
}

fn how_to_read(html: &mut String) {
    let _ = writeln!(
        html,
        "<section class=\"keep\">\n<h2>How to read this report</h2>\n<p class=\"note\">{} \
         Activity is the movement the camera saw, from 0 (still) to 1 (very lively), averaged \
         over 10-second windows. A window is camera-active when its activity is at least \
         {ACTIVE_LEVEL}; camera-active time is gentle below {MODERATE_LEVEL}, lively below \
         {VIGOROUS_LEVEL} and very lively from {VIGOROUS_LEVEL}. A session found in two log \
         folders (same kiosk and start) is counted once. Children appear only by their ward \
         code: the logs hold no names and no images.</p>\n</section>",
        escape(bands::WHAT_THEY_MEASURE)
    );
}

/// The whole report as one HTML document, from what [`super::scan_folders`] found.
pub fn report_html(found: &Scan, filter: &Filter, generated: SystemTime) -> String {
    let sessions = &found.sessions;
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<title>Wigglewoods activity report</title>\n");
    let _ = writeln!(html, "<style>{STYLE}</style>\n</head>\n<body>");
    title_and_scope(&mut html, found, filter, generated);
    warning_box(&mut html, found);
    duplicates_note(&mut html, found);
    summary(&mut html, found);
    tables(&mut html, sessions);
    charts(&mut html, sessions);
    progress_section(&mut html, sessions);
    session_list(&mut html, sessions);
    camera_section(&mut html, sessions);
    skipped_section(&mut html, found);
    how_to_read(&mut html);
    html.push_str("</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::export::{Duplicates, Skipped};
    use crate::logs::model::tests::sample_log;
    use std::path::PathBuf;

    /// Checks that every element opened is closed, in order, that attributes are quoted in
    /// pairs and that nothing refers outside the file: what a browser needs to draw the
    /// report as written (HTML5 void elements and SVG's self-closed ones aside).
    pub(crate) fn well_formed(html: &str) -> Result<(), String> {
        const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').ok_or("a tag is not closed with >")?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('!') {
                continue;
            }
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in <{tag}>"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some(top) if top == name => continue,
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
            }
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("odd tag <{tag}>"));
            }
            if tag.ends_with('/') || VOID.contains(&name) {
                continue;
            }
            open.push(name);
        }
        if !open.is_empty() {
            return Err(format!("left open: {open:?}"));
        }
        for outside in ["http:", "https:", "src=", "href=", "<script", "url("] {
            if html.contains(outside) {
                return Err(format!("refers outside the file: {outside}"));
            }
        }
        Ok(())
    }

    fn session(folder: &str, log: crate::logs::SessionLog) -> ExportSession {
        ExportSession::new(PathBuf::from(folder), PathBuf::from("2026/11/x.ron"), log)
    }

    fn scan_of(sessions: Vec<ExportSession>) -> Scan {
        Scan {
            sessions,
            folders: vec![PathBuf::from("logs")],
            ..Scan::default()
        }
    }

    #[test]
    fn self_contained_with_four_charts_and_a_progress_chart_per_child() {
        let mut found = scan_of(vec![session("logs", sample_log())]);
        found.skipped = vec![Skipped {
            file: PathBuf::from("logs/<odd>.ron"),
            reason: "line 1 column 1: bad".into(),
        }];
        let html = report_html(&found, &Filter::default(), SystemTime::now());
        assert_eq!(html.matches("<svg").count(), 4 + 1);
        assert_eq!(well_formed(&html), Ok(()));
        assert!(html.contains("Sessions on 2026-11-03"));
        assert!(html.contains("logs/&lt;odd&gt;.ron: line 1 column 1: bad"));
        assert!(html.contains("<td>R17</td>"));
        assert!(html.contains("data-child=\"R17\" data-sessions=\"1\""));
        assert!(html.contains("<figcaption>R17: 1 session, on 2026-11-03</figcaption>"));
        // No warning box for a log that adds up, and no note on duplicates.
        assert!(!html.contains("class=\"warnings\""));
        assert!(!html.contains("note duplicates"));
        assert!(html.contains("<td>ok</td>"));
    }

    #[test]
    fn the_minutes_are_named_for_what_they_measure() {
        let html = report_html(
            &scan_of(vec![session("logs", sample_log())]),
            &Filter::default(),
            SystemTime::now(),
        );
        assert!(html.contains(bands::WHAT_THEY_MEASURE));
        assert!(html.contains("<th>Camera-active minutes</th><td>0.50</td>"));
        assert!(
            html.contains(
                "<th>Gentle / lively / very lively minutes</th><td>0.17 / 0.17 / 0.17</td>"
            )
        );
        assert!(html.contains("Camera-active minutes per day"));
        assert!(html.contains("camera activity (0 to 1)"));
        for word in [
            "Moderate",
            "Vigorous",
            "vigorous minutes",
            "Light /",
            ">Light<",
        ] {
            assert!(!html.contains(word), "{word}");
        }
    }

    #[test]
    fn inconsistent_logs_are_named_near_the_top() {
        let mut bad = sample_log();
        bad.ended_s = Some(bad.started_s + 6);
        bad.ended = Some(UtcTime::from_epoch(bad.started_s + 6).rfc3339());
        let mut later = sample_log();
        later.started_s += 60;
        later.started = UtcTime::from_epoch(later.started_s).rfc3339();
        later.ended_s = Some(later.started_s + 40);
        later.ended = Some(UtcTime::from_epoch(later.started_s + 40).rfc3339());
        let found = scan_of(vec![session("stick/kiosk-1", bad), session("logs", later)]);
        let html = report_html(&found, &Filter::default(), SystemTime::now());
        assert_eq!(well_formed(&html), Ok(()));
        let warn = html.find("class=\"warnings\"").expect("a warning box");
        assert!(
            warn < html.find("<h2>Summary</h2>").unwrap(),
            "before the figures"
        );
        assert!(html.contains("<h2>Check 1 log</h2>"));
        assert!(html.contains(
            "<li><strong>stick/kiosk-1/2026/11/x.ron</strong>: 0.50 camera-active minutes \
             (active_minutes) are more than the 0.10 minutes played; "
        ));
        assert_eq!(html.matches("<tr class=\"warn\">").count(), 1);
        assert!(html.contains("<th>Sessions with warnings</th><td>1</td>"));
    }

    #[test]
    fn several_kiosks_and_wards_are_reported_apart_and_duplicates_noted() {
        let mut other = sample_log();
        other.kiosk = "kiosk-2".into();
        other.ward = "Sunflower".into();
        other.child = Some("S44".into());
        let mut found = scan_of(vec![session("a", sample_log()), session("b", other)]);
        found.folders = vec![PathBuf::from("a"), PathBuf::from("b")];
        found.duplicates = Duplicates {
            sessions: 2,
            copies_left_out: 2,
            most_copies: 2,
            differing: 0,
            inconsistent_copies: vec![(PathBuf::from("b/copy.ron"), vec!["it is odd".into()])],
        };
        let html = report_html(&found, &Filter::default(), SystemTime::now());
        assert_eq!(well_formed(&html), Ok(()));
        assert!(html.contains("<h2>By kiosk</h2>") && html.contains("<h2>By ward</h2>"));
        assert!(html.contains("<tr><td>kiosk-2</td>"));
        assert!(html.contains("<tr><td>Sunflower</td>"));
        assert!(html.contains("Read from 2 log folders: a, b."));
        assert!(html.contains(
            "<p class=\"note duplicates\">2 sessions found twice (same kiosk and start) were \
             counted once.</p>"
        ));
        assert_eq!(html.matches("class=\"chart progress\"").count(), 2);
        assert!(html.contains("<h2>Check 1 log</h2>"));
        assert!(html.contains(
            "<li><strong>b/copy.ron</strong> (a second copy, not counted): it is odd.</li>"
        ));
    }

    #[test]
    fn each_session_says_what_the_camera_did() {
        let html = report_html(
            &scan_of(vec![session("logs", sample_log())]),
            &Filter::default(),
            SystemTime::now(),
        );
        assert!(html.contains(
            "<li><strong>2026-11-03 14:05, kiosk-1, R17:</strong> Camera on \
             14:05\u{2013}14:05 (off 14:05 for 4 s, picture lost); no picture was kept.</li>"
        ));
    }

    #[test]
    fn an_empty_report_is_still_a_page() {
        let html = report_html(&Scan::default(), &Filter::default(), SystemTime::now());
        assert_eq!(well_formed(&html), Ok(()));
        assert_eq!(html.matches("<svg").count(), 4);
        assert!(html.contains("(no sessions)"));
    }

    #[test]
    fn the_checker_finds_what_a_browser_would_trip_on() {
        assert!(well_formed("<p><b>x</p></b>").is_err());
        assert!(well_formed("<div>").is_err());
        assert!(well_formed("<a href=\"x\">x</a>").is_err());
        assert!(well_formed("<p title=\"x>y</p>").is_err());
        assert_eq!(well_formed("<p>a<br><circle r=\"1\"/></p>"), Ok(()));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
