//! Recovery at start: a session file whose `end` is `None` belongs to a session the kiosk
//! was running when it crashed or lost power. It is closed as `recovered_after_crash`, ending
//! at its last recorded moment, and rewritten atomically; everything else is left alone.

use std::fs;
use std::path::{Path, PathBuf};

use super::model::{EndReason, SessionLog, Totals};
use super::store::{kiosk_file_part, list_files, parse_file_name, parse_log, to_ron, write_atomic};
use super::time::UtcTime;

/// One session closed by recovery.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// Its file.
    pub file: PathBuf,
    /// The session as rewritten.
    pub log: SessionLog,
}

/// What recovery did, for the staff notice and tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecoveryReport {
    /// Sessions closed.
    pub recovered: Vec<Recovered>,
    /// Files that looked unfinished but could not be read or rewritten, with why (left as
    /// they are).
    pub problems: Vec<String>,
}

/// Closes a session left running: `end` becomes `RecoveredAfterCrash`, `ended` its last
/// recorded moment (the end of its last sample or game, whichever is later), and the totals
/// are worked out again.
pub fn mark_recovered(log: &mut SessionLog) {
    let ended_s = log.started_s + log.last_known_s().max(0.0).ceil() as i64;
    log.end = Some(EndReason::RecoveredAfterCrash);
    log.ended_s = Some(ended_s);
    log.ended = Some(UtcTime::from_epoch(ended_s).rfc3339());
    log.totals = Totals::from_timeline(&log.timeline);
}

/// Finds session files under `root` left unfinished and closes them (only files named for
/// `kiosk` when given). A missing folder is simply nothing to recover.
pub fn recover(root: &Path, kiosk: Option<&str>) -> RecoveryReport {
    let mut report = RecoveryReport::default();
    if !root.exists() {
        return report;
    }
    let listing = match list_files(root) {
        Ok(listing) => listing,
        Err(e) => {
            report.problems.push(format!(
                "The log folder {} cannot be read to look for interrupted sessions: {e}",
                root.display()
            ));
            return report;
        }
    };
    let kiosk = kiosk.map(kiosk_file_part);
    for file in listing.files {
        let Some(name) = file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(parse_file_name)
        else {
            continue;
        };
        if kiosk.as_ref().is_some_and(|k| *k != name.kiosk) {
            continue;
        }
        // Our files are small; a quick look spares parsing every finished session.
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        if !text.contains("end: None") {
            continue;
        }
        let mut log = match parse_log(&text) {
            Ok(log) if log.end.is_none() => log,
            Ok(_) => continue,
            Err(e) => {
                report.problems.push(format!(
                    "{}: looks interrupted but cannot be read, left as it is: {e}",
                    file.display()
                ));
                continue;
            }
        };
        mark_recovered(&mut log);
        let written = to_ron(&log)
            .map_err(std::io::Error::other)
            .and_then(|text| write_atomic(&file, text.as_bytes()));
        match written {
            Ok(()) => report.recovered.push(Recovered { file, log }),
            Err(e) => report.problems.push(format!(
                "{}: an interrupted session could not be closed: {e}",
                file.display()
            )),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use crate::logs::store::{read_log, write_log};

    #[test]
    fn marks_at_the_last_known_moment() {
        let mut log = sample_log();
        log.end = None;
        log.ended = None;
        log.ended_s = None;
        log.timeline.pop(); // last sample ends at 30 s; the last game at 40 s
        log.games[1].seconds = 3.5; // now ends at 25.5 s
        let mut lost_late = log.clone();
        log.camera_lost[0].at_s = 20.0; // ends at 24 s
        mark_recovered(&mut log);
        assert_eq!(log.end, Some(EndReason::RecoveredAfterCrash));
        assert_eq!(log.ended_s, Some(log.started_s + 30));
        assert_eq!(log.validate(), Ok(()));
        // The session went on through an outage that outlasted the measurements (31.5 s
        // for 4 s): it ends after it, so that the outage lies inside the session.
        mark_recovered(&mut lost_late);
        assert_eq!(lost_late.ended_s, Some(lost_late.started_s + 36));
        assert_eq!(
            crate::logs::consistency::check(&lost_late),
            Vec::<String>::new()
        );
    }

    #[test]
    fn recovers_only_unfinished_sessions_of_this_kiosk() {
        let root =
            std::env::temp_dir().join(format!("wigglewoods-recovery-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let finished = sample_log();
        let mut open = sample_log();
        open.started_s += 100;
        open.started = UtcTime::from_epoch(open.started_s).rfc3339();
        (open.end, open.ended, open.ended_s) = (None, None, None);
        let mut other = open.clone();
        other.kiosk = "kiosk-2".into();
        let finished_path = write_log(&root, &finished).unwrap();
        let open_path = write_log(&root, &open).unwrap();
        let other_path = write_log(&root, &other).unwrap();
        let before = fs::read(&finished_path).unwrap();

        let report = recover(&root, Some("kiosk-1"));
        assert_eq!(report.problems, Vec::<String>::new());
        assert_eq!(report.recovered.len(), 1);
        assert_eq!(report.recovered[0].file, open_path);
        let back = read_log(&open_path).unwrap();
        assert_eq!(back.end, Some(EndReason::RecoveredAfterCrash));
        assert_eq!(back.ended_s, Some(open.started_s + 40));
        assert_eq!(fs::read(&finished_path).unwrap(), before);
        assert_eq!(read_log(&other_path).unwrap().end, None);
        // Nothing left to do the second time.
        assert!(recover(&root, Some("kiosk-1")).recovered.is_empty());
        assert!(recover(&root.join("missing"), None).recovered.is_empty());
        let _ = fs::remove_dir_all(&root);
    }
}
