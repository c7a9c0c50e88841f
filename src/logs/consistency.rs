//! Whether a session log adds up: a report a ward can trust shows a log that does not,
//! named, rather than adding its figures in silently.
//!
//! [`SessionLog::validate`] checks each value on its own (in range, in order); this checks
//! the values against each other: camera-active time no longer than the time played, every
//! timeline window, game and camera outage inside the session, and the totals equal to what
//! the timeline adds up to. Each problem is one plain sentence, for the report's warning box,
//! the export's stderr and the CSV's `warnings` column.

use super::bands::{self, Band};
use super::model::{SessionLog, Totals};

/// Seconds a time may pass the session's end: the file holds the start and end in whole
/// seconds, the session's own times to a hundredth.
pub const SECONDS_SLACK: f32 = 1.0;

/// Minutes a total may differ from what the timeline adds up to: totals are written to a
/// hundredth of a minute.
pub const MINUTES_SLACK: f32 = 0.02;

/// Seconds as a report shows them: whole when whole, else to a tenth.
fn secs(x: f32) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0} s")
    } else {
        format!("{x:.1} s")
    }
}

/// Camera-active time can only be time played.
fn active_within_played(log: &SessionLog, played_s: f32, problems: &mut Vec<String>) {
    let active = log.totals.active_minutes;
    let played = played_s / 60.0;
    if active > played + SECONDS_SLACK / 60.0 + MINUTES_SLACK {
        problems.push(format!(
            "{active:.2} {} (active_minutes) are more than the {played:.2} minutes played",
            bands::ACTIVE.label
        ));
    }
}

/// Every timeline window lies inside the session; one sentence for all that do not.
fn samples_inside(log: &SessionLog, played_s: f32, problems: &mut Vec<String>) {
    let outside: Vec<_> = log
        .timeline
        .iter()
        .filter(|s| s.t_s < 0.0 || s.end_s() > played_s + SECONDS_SLACK)
        .collect();
    let Some(first) = outside.first() else {
        return;
    };
    let n = outside.len();
    problems.push(format!(
        "{n} of {} timeline samples lie outside the session (0 to {}); the first runs from {} \
         to {}",
        log.timeline.len(),
        secs(played_s),
        secs(first.t_s),
        secs(first.end_s())
    ));
}

/// Every game starts and ends inside the session.
fn games_inside(log: &SessionLog, played_s: f32, problems: &mut Vec<String>) {
    for (i, g) in log.games.iter().enumerate() {
        let end = g.started_at_s + g.seconds;
        if g.started_at_s < 0.0 || end > played_s + SECONDS_SLACK {
            problems.push(format!(
                "game {} ({}, from {} to {}) runs outside the session (0 to {})",
                i + 1,
                g.game.title(),
                secs(g.started_at_s),
                secs(end),
                secs(played_s)
            ));
        }
    }
}

/// Every time the picture was lost lies inside the session (the report says when the
/// camera was off).
fn outages_inside(log: &SessionLog, played_s: f32, problems: &mut Vec<String>) {
    for o in &log.camera_lost {
        let end = o.at_s + o.seconds;
        if o.at_s < 0.0 || end > played_s + SECONDS_SLACK {
            problems.push(format!(
                "the camera outage from {} to {} runs outside the session (0 to {})",
                secs(o.at_s),
                secs(end),
                secs(played_s)
            ));
        }
    }
}

/// The totals are what the timeline adds up to.
fn totals_match_timeline(log: &SessionLog, problems: &mut Vec<String>) {
    let added = Totals::from_timeline(&log.timeline);
    for ((band, have), (_, want)) in bands::minutes(&log.totals)
        .into_iter()
        .zip(bands::minutes(&added))
    {
        if (have - want).abs() > MINUTES_SLACK {
            problems.push(mismatch(band, have, want));
        }
    }
}

fn mismatch(band: Band, have: f32, want: f32) -> String {
    let what = if band == bands::ACTIVE {
        band.label.to_string()
    } else {
        format!("{} minutes", band.label)
    };
    format!(
        "the totals say {have:.2} {what} ({}), but the timeline adds up to {want:.2}",
        band.field
    )
}

/// What does not add up in `log`, one plain sentence each; empty when it is consistent.
/// A running session (a checkpoint) is checked against the time it is known to cover.
pub fn check(log: &SessionLog) -> Vec<String> {
    let played_s = log.duration_s();
    let mut problems = Vec::new();
    active_within_played(log, played_s, &mut problems);
    samples_inside(log, played_s, &mut problems);
    games_inside(log, played_s, &mut problems);
    outages_inside(log, played_s, &mut problems);
    totals_match_timeline(log, &mut problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use crate::logs::time::UtcTime;

    /// The sample log ended `seconds` after it started.
    fn ended_after(seconds: i64) -> SessionLog {
        let mut log = sample_log();
        let end = log.started_s + seconds;
        log.ended_s = Some(end);
        log.ended = Some(UtcTime::from_epoch(end).rfc3339());
        log
    }

    #[test]
    fn a_consistent_log_has_no_problem() {
        assert_eq!(check(&sample_log()), Vec::<String>::new());
        // A second short of the last window is within the file's whole seconds.
        assert_eq!(check(&ended_after(39)), Vec::<String>::new());
        // A checkpoint is held to what it covers.
        let mut running = sample_log();
        (running.ended, running.ended_s, running.end) = (None, None, None);
        assert_eq!(check(&running), Vec::<String>::new());
    }

    #[test]
    fn more_active_time_than_played_is_named() {
        // As soak logs were: 40 s of timeline, ended by the wall clock 6 s after the start.
        let problems = check(&ended_after(6));
        assert!(
            problems.contains(
                &"0.50 camera-active minutes (active_minutes) are more than the 0.10 minutes \
                  played"
                    .to_string()
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn samples_outside_the_session_are_named() {
        let problems = check(&ended_after(25));
        assert!(
            problems.contains(
                &"2 of 4 timeline samples lie outside the session (0 to 25 s); the first runs \
                  from 20 s to 30 s"
                    .to_string()
            ),
            "{problems:?}"
        );
        let mut log = sample_log();
        log.timeline[0].t_s = -10.0;
        let problems = check(&log);
        assert!(
            problems[0].starts_with("1 of 4 timeline samples lie outside the session"),
            "{problems:?}"
        );
    }

    #[test]
    fn games_and_outages_outside_the_session_are_named() {
        let mut log = sample_log();
        log.games[1].seconds = 30.0;
        log.camera_lost[0].seconds = 20.0;
        assert_eq!(
            check(&log),
            [
                "game 2 (Frog Hop, from 22 s to 52 s) runs outside the session (0 to 40 s)",
                "the camera outage from 31.5 s to 51.5 s runs outside the session (0 to 40 s)",
            ]
        );
    }

    #[test]
    fn totals_that_are_not_the_timeline_are_named() {
        let mut log = sample_log();
        log.totals.moderate_minutes = 3.0;
        log.totals.active_minutes = 0.51; // within a hundredth: fine
        assert_eq!(
            check(&log),
            [
                "the totals say 3.00 lively minutes (moderate_minutes), but the timeline adds up \
              to 0.17"
            ]
        );
        let mut log = sample_log();
        log.totals.active_minutes = 0.2;
        assert_eq!(
            check(&log),
            [
                "the totals say 0.20 camera-active minutes (active_minutes), but the timeline \
              adds up to 0.50"
            ]
        );
    }
}
