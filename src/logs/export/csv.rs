//! CSV for spreadsheets: one row per session, or one per game. RFC 4180 (commas, double
//! quotes doubled, CRLF line ends), UTC times as `YYYY-MM-DD HH:MM:SS` (which spreadsheets
//! read as dates), numbers with a `.` decimal point, and text cells that begin with `=`, `+`,
//! `-`, `@`, a tab or a carriage return prefixed with `'` so that a spreadsheet never runs
//! them as a formula.
//!
//! The minutes' columns carry the report's honest names ([`crate::logs::bands`]); the last
//! column, `warnings`, says what does not add up in a session's log (empty when all is well),
//! so that a spreadsheet never takes an inconsistent log's figures silently.

use std::io::{self, Write};

use super::{ExportSession, two};
use crate::logs::bands;
use crate::logs::time::UtcTime;
use crate::motion::GestureKind;

/// The columns of the per-session CSV, in order.
pub const SESSION_COLUMNS: [&str; 20] = [
    "file",
    "kiosk",
    "ward",
    "child",
    "profile",
    "start_utc",
    "end_utc",
    "end_reason",
    "minutes",
    bands::ACTIVE.column,
    bands::GENTLE.column,
    bands::LIVELY.column,
    bands::VERY_LIVELY.column,
    "mean_activity",
    "games_played",
    "total_score",
    "camera_lost_seconds",
    "mean_reach",
    "mean_balance",
    "warnings",
];

/// The last column of both CSVs: what does not add up in the session's log.
pub const WARNINGS_COLUMN: &str = "warnings";

/// The columns of the per-game CSV before one column per gesture kind (its name).
pub const GAME_COLUMNS: [&str; 10] = [
    "file",
    "kiosk",
    "ward",
    "child",
    "profile",
    "session_start_utc",
    "game",
    "game_start_utc",
    "seconds",
    "score",
];

/// Appends a text cell, guarded against formulas and quoted when needed.
fn text(row: &mut String, value: &str) {
    if !row.is_empty() {
        row.push(',');
    }
    let guard = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = value.contains([',', '"', '\n', '\r']);
    if quote {
        row.push('"');
    }
    if guard {
        row.push('\'');
    }
    if quote {
        row.push_str(&value.replace('"', "\"\""));
        row.push('"');
    } else {
        row.push_str(value);
    }
}

/// Appends a cell we produced ourselves (numbers, names, dates): never needs quoting.
fn plain(row: &mut String, value: &str) {
    if !row.is_empty() {
        row.push(',');
    }
    row.push_str(value);
}

fn end_row(out: &mut Vec<u8>, row: &mut String) {
    out.extend_from_slice(row.as_bytes());
    out.extend_from_slice(b"\r\n");
    row.clear();
}

fn header(out: &mut Vec<u8>, columns: &[&str]) {
    let mut row = String::new();
    for c in columns {
        plain(&mut row, c);
    }
    end_row(out, &mut row);
}

fn common(row: &mut String, s: &ExportSession) {
    text(row, &s.file.to_string_lossy().replace('\\', "/"));
    text(row, &s.log.kiosk);
    text(row, &s.log.ward);
    text(row, s.log.child.as_deref().unwrap_or(""));
    plain(row, s.log.profile.name());
}

/// The per-session CSV (header and one row per session) as bytes.
pub fn sessions_csv(sessions: &[ExportSession]) -> Vec<u8> {
    let mut out = Vec::with_capacity(200 * (sessions.len() + 1));
    header(&mut out, &SESSION_COLUMNS);
    let mut row = String::new();
    for s in sessions {
        let log = &s.log;
        common(&mut row, s);
        plain(&mut row, &log.start_time().spreadsheet());
        let end = log.ended_s.map(|e| UtcTime::from_epoch(e).spreadsheet());
        plain(&mut row, end.as_deref().unwrap_or(""));
        plain(&mut row, log.end.map_or("unfinished", |e| e.name()));
        plain(&mut row, &two(f64::from(log.duration_s()) / 60.0));
        for (_, m) in bands::minutes(&log.totals) {
            plain(&mut row, &two(f64::from(m)));
        }
        plain(&mut row, &format!("{:.3}", log.mean_activity()));
        plain(&mut row, &log.games.len().to_string());
        plain(&mut row, &log.total_score().to_string());
        // A fold from +0: an empty `sum` of floats is -0, which a spreadsheet shows as "-0".
        let lost = log
            .camera_lost
            .iter()
            .fold(0.0f32, |sum, o| sum + o.seconds);
        plain(&mut row, &format!("{lost:.1}"));
        plain(&mut row, &format!("{:.3}", log.mean_reach()));
        plain(&mut row, &format!("{:.3}", log.mean_balance()));
        warnings(&mut row, s);
        end_row(&mut out, &mut row);
    }
    out
}

/// The `warnings` cell: the session's problems, joined by `; `.
fn warnings(row: &mut String, s: &ExportSession) {
    text(row, &s.problems.join("; "));
}

/// The per-game CSV (header and one row per game, with a count per gesture kind) as bytes.
pub fn games_csv(sessions: &[ExportSession]) -> Vec<u8> {
    let mut out = Vec::with_capacity(200 * (sessions.len() * 4 + 1));
    let mut columns: Vec<&str> = GAME_COLUMNS.to_vec();
    columns.extend(GestureKind::ALL.iter().map(|g| g.name()));
    columns.push(WARNINGS_COLUMN);
    header(&mut out, &columns);
    let mut row = String::new();
    for s in sessions {
        for g in &s.log.games {
            common(&mut row, s);
            plain(&mut row, &s.log.start_time().spreadsheet());
            plain(&mut row, g.game.name());
            let at = s.log.started_s + g.started_at_s.round() as i64;
            plain(&mut row, &UtcTime::from_epoch(at).spreadsheet());
            plain(&mut row, &format!("{:.1}", g.seconds));
            plain(&mut row, &g.score.to_string());
            for kind in GestureKind::ALL {
                let n = g.gestures.get(kind.name()).copied().unwrap_or(0);
                plain(&mut row, &n.to_string());
            }
            warnings(&mut row, s);
            end_row(&mut out, &mut row);
        }
    }
    out
}

/// Writes either CSV to `out`.
pub fn write_csv(
    sessions: &[ExportSession],
    per_game: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bytes = if per_game {
        games_csv(sessions)
    } else {
        sessions_csv(sessions)
    };
    out.write_all(&bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use std::path::PathBuf;

    fn one() -> Vec<ExportSession> {
        vec![ExportSession::new(
            PathBuf::from("logs"),
            PathBuf::from("2026/11/20261103T140509Z_kiosk-1.ron"),
            sample_log(),
        )]
    }

    #[test]
    fn session_rows() {
        let csv = String::from_utf8(sessions_csv(&one())).unwrap();
        let lines: Vec<_> = csv.split("\r\n").collect();
        assert_eq!(lines[0], SESSION_COLUMNS.join(","));
        assert_eq!(
            lines[0],
            "file,kiosk,ward,child,profile,start_utc,end_utc,end_reason,minutes,\
             camera_active_minutes,gentle_minutes,lively_minutes,very_lively_minutes,\
             mean_activity,games_played,total_score,camera_lost_seconds,mean_reach,mean_balance,\
             warnings"
        );
        assert_eq!(
            lines[1],
            "2026/11/20261103T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R17,seated,\
             2026-11-03 14:05:09,2026-11-03 14:05:49,completed,0.67,0.50,0.17,0.17,0.17,0.375,2,17,4.0,\
             0.675,0.062,"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn game_rows() {
        let csv = String::from_utf8(games_csv(&one())).unwrap();
        let lines: Vec<_> = csv.lines().collect();
        assert!(lines[0].ends_with("score,wiggle,wave,reach_up,jump,lean,freeze,warnings"));
        assert_eq!(
            lines[1],
            "2026/11/20261103T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R17,seated,\
             2026-11-03 14:05:09,apple_shake,2026-11-03 14:05:11,20.0,12,7,0,0,0,0,0,"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn an_inconsistent_session_says_what_is_wrong_in_its_rows() {
        let mut log = sample_log();
        log.totals.vigorous_minutes = 2.0;
        log.games[1].seconds = 60.0;
        let sessions = [ExportSession::new(
            PathBuf::from("logs"),
            PathBuf::from("x.ron"),
            log,
        )];
        let want = "\"game 2 (Frog Hop, from 22 s to 82 s) runs outside the session (0 to 40 s); \
                    the totals say 2.00 very lively minutes (vigorous_minutes), but the timeline \
                    adds up to 0.17\"";
        let csv = String::from_utf8(sessions_csv(&sessions)).unwrap();
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.ends_with(&format!(",{want}")), "{row}");
        let csv = String::from_utf8(games_csv(&sessions)).unwrap();
        assert_eq!(csv.split("\r\n").filter(|r| r.ends_with(want)).count(), 2);
    }

    #[test]
    fn quoting_and_formula_guard() {
        let mut row = String::new();
        text(&mut row, "plain");
        text(&mut row, "a,b");
        text(&mut row, "say \"hi\"");
        text(&mut row, "=HYPERLINK(\"x\")");
        text(&mut row, "+1");
        text(&mut row, "-2");
        text(&mut row, "@SUM(A1)");
        text(&mut row, "line\nbreak");
        assert_eq!(
            row,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),\"line\nbreak\""
        );
    }
}
