//! What the camera did in a session, in one line a parent can read: when it was on, when the
//! picture was lost, and that no picture was kept. A log holds no image (its format has no
//! place for one), so the line can say so of every session; the times come from the
//! session's start and end and its `camera_lost` outages.

use crate::logs::model::SessionLog;
use crate::logs::time::UtcTime;

/// `14:05`, UTC, as the rest of the report.
fn clock(epoch_s: i64) -> String {
    let t = UtcTime::from_epoch(epoch_s);
    format!("{:02}:{:02}", t.hour, t.minute)
}

/// One outage: `14:12–14:13`, or `14:12 for 40 s` when it began and ended within a minute.
fn off_time(from_s: i64, seconds: f32) -> String {
    let to_s = from_s + seconds.max(0.0).round() as i64;
    let (from, to) = (clock(from_s), clock(to_s));
    if from == to {
        format!("{from} for {} s", seconds.max(0.0).round())
    } else {
        format!("{from}\u{2013}{to}")
    }
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The line for one session, e.g. "Camera on 14:05–14:25 (off 14:12–14:13, picture lost);
/// no picture was kept."
pub fn camera_line(log: &SessionLog) -> String {
    let start = log.started_s;
    let end = log
        .ended_s
        .unwrap_or(start + log.last_known_s().max(0.0).ceil() as i64);
    let mut line = format!("Camera on {}\u{2013}{}", clock(start), clock(end));
    if log.ended_s.is_none() {
        line.push_str(" or later (the session's log was not closed)");
    }
    let off: Vec<String> = log
        .camera_lost
        .iter()
        .map(|o| off_time(start + o.at_s.max(0.0).floor() as i64, o.seconds))
        .collect();
    if !off.is_empty() {
        line.push_str(&format!(" (off {}, picture lost)", listed(&off)));
    }
    line.push_str("; no picture was kept.");
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::Outage;
    use crate::logs::model::tests::sample_log;

    /// The sample session, 20 minutes long from 14:05:09, with these outages.
    fn twenty_minutes(outages: &[(f32, f32)]) -> SessionLog {
        let mut log = sample_log();
        let end = log.started_s + 20 * 60;
        log.ended_s = Some(end);
        log.ended = Some(UtcTime::from_epoch(end).rfc3339());
        log.camera_lost = outages
            .iter()
            .map(|&(at_s, seconds)| Outage {
                at_s,
                seconds,
                reason: "The camera was unplugged.".into(),
            })
            .collect();
        log
    }

    #[test]
    fn a_session_with_an_outage() {
        // Off from 14:12:19 to 14:13:09.
        assert_eq!(
            camera_line(&twenty_minutes(&[(430.0, 50.0)])),
            "Camera on 14:05\u{2013}14:25 (off 14:12\u{2013}14:13, picture lost); no picture \
             was kept."
        );
    }

    #[test]
    fn no_outage_or_several() {
        assert_eq!(
            camera_line(&twenty_minutes(&[])),
            "Camera on 14:05\u{2013}14:25; no picture was kept."
        );
        assert_eq!(
            camera_line(&twenty_minutes(&[
                (60.0, 10.0),
                (430.0, 50.0),
                (900.0, 120.0)
            ])),
            "Camera on 14:05\u{2013}14:25 (off 14:06 for 10 s, 14:12\u{2013}14:13 and \
             14:20\u{2013}14:22, picture lost); no picture was kept."
        );
    }

    #[test]
    fn an_unclosed_session_says_so() {
        let mut log = sample_log();
        (log.end, log.ended, log.ended_s) = (None, None, None);
        log.camera_lost.clear();
        assert_eq!(
            camera_line(&log),
            "Camera on 14:05\u{2013}14:05 or later (the session's log was not closed); no \
             picture was kept."
        );
    }
}
