//! Sessions found more than once: copies of several kiosks' folders brought on one USB stick
//! can hold the same session twice (a folder copied twice, or copied once mid-session and
//! again later). A session is one kiosk's start: same kiosk id and same start time is the
//! same session, counted once, and the report says how many were. Of the copies, the one
//! kept is a finished one that adds up and recorded the most; a copy left out that does not
//! add up is still named, so that no inconsistent file goes by unsaid.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use super::ExportSession;

/// How many sessions were found more than once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duplicates {
    /// Sessions found more than once, each now counted once.
    pub sessions: usize,
    /// Copies left out (one less than the copies found, for each such session).
    pub copies_left_out: usize,
    /// The most copies of any one session.
    pub most_copies: usize,
    /// Sessions whose finished copies are not the same (one was changed or damaged).
    pub differing: usize,
    /// Copies left out whose logs do not add up: the file and its problems.
    pub inconsistent_copies: Vec<(PathBuf, Vec<String>)>,
}

impl Duplicates {
    /// Whether any session was found more than once.
    pub fn any(&self) -> bool {
        self.sessions > 0
    }
}

impl fmt::Display for Duplicates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.sessions;
        let how_often = if self.most_copies <= 2 {
            "twice"
        } else {
            "more than once"
        };
        let (session, were) = if n == 1 {
            ("session", "was")
        } else {
            ("sessions", "were")
        };
        write!(
            f,
            "{n} {session} found {how_often} (same kiosk and start) {were} counted once"
        )?;
        if self.differing > 0 {
            write!(
                f,
                "; the finished copies of {} of them differ, and the copy that adds up (or \
                 the first found) was kept",
                self.differing
            )?;
        }
        Ok(())
    }
}

/// Which of two copies to keep: a finished session over a checkpoint, then one that adds
/// up, then the one that recorded more; on a tie the first found (the first `--logs` folder
/// given).
fn better(candidate: &ExportSession, kept: &ExportSession) -> bool {
    let rank = |s: &ExportSession| {
        (
            s.log.is_finished(),
            s.problems.is_empty(),
            s.log.last_known_s(),
        )
    };
    let (a, b) = (rank(candidate), rank(kept));
    (a.0, a.1) > (b.0, b.1) || ((a.0, a.1) == (b.0, b.1) && a.2 > b.2)
}

/// Keeps one copy of each session (same kiosk, same start), in the order first found, and
/// counts what was left out.
pub fn dedupe(sessions: Vec<ExportSession>) -> (Vec<ExportSession>, Duplicates) {
    let mut kept: Vec<ExportSession> = Vec::with_capacity(sessions.len());
    let mut copies: Vec<(usize, bool)> = Vec::with_capacity(sessions.len());
    let mut left_out: Vec<ExportSession> = Vec::new();
    let mut index: HashMap<(String, i64), usize> = HashMap::with_capacity(sessions.len());
    for s in sessions {
        let key = (s.log.kiosk.clone(), s.log.started_s);
        match index.get(&key) {
            Some(&i) => {
                let both_finished = s.log.is_finished() && kept[i].log.is_finished();
                copies[i].0 += 1;
                copies[i].1 |= both_finished && s.log != kept[i].log;
                if better(&s, &kept[i]) {
                    left_out.push(std::mem::replace(&mut kept[i], s));
                } else {
                    left_out.push(s);
                }
            }
            None => {
                index.insert(key, kept.len());
                kept.push(s);
                copies.push((1, false));
            }
        }
    }
    let twice: Vec<(usize, bool)> = copies.into_iter().filter(|c| c.0 > 1).collect();
    let found = Duplicates {
        sessions: twice.len(),
        copies_left_out: twice.iter().map(|c| c.0 - 1).sum(),
        most_copies: twice.iter().map(|c| c.0).max().unwrap_or(0),
        differing: twice.iter().filter(|c| c.1).count(),
        inconsistent_copies: left_out
            .into_iter()
            .filter(|s| !s.problems.is_empty())
            .map(|s| (s.path(), s.problems))
            .collect(),
    };
    (kept, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use crate::logs::time::UtcTime;

    fn copy(folder: &str, kiosk: &str, start_offset: i64) -> ExportSession {
        let mut log = sample_log();
        log.kiosk = kiosk.into();
        log.started_s += start_offset;
        log.started = UtcTime::from_epoch(log.started_s).rfc3339();
        let end = log.started_s + 40;
        (log.ended_s, log.ended) = (Some(end), Some(UtcTime::from_epoch(end).rfc3339()));
        ExportSession::new(PathBuf::from(folder), PathBuf::from("2026/11/x.ron"), log)
    }

    #[test]
    fn the_same_kiosk_and_start_counts_once() {
        let (kept, found) = dedupe(vec![
            copy("stick/a", "kiosk-1", 0),
            copy("stick/b", "kiosk-1", 0),
            copy("stick/a", "kiosk-1", 60),
            copy("stick/b", "kiosk-2", 0), // another kiosk at the same second
            copy("stick/c", "kiosk-1", 60),
        ]);
        let left: Vec<_> = kept
            .iter()
            .map(|s| (s.folder.to_str().unwrap(), s.log.kiosk.as_str()))
            .collect();
        assert_eq!(
            left,
            [
                ("stick/a", "kiosk-1"),
                ("stick/a", "kiosk-1"),
                ("stick/b", "kiosk-2")
            ]
        );
        assert_eq!(
            found,
            Duplicates {
                sessions: 2,
                copies_left_out: 2,
                most_copies: 2,
                ..Duplicates::default()
            }
        );
        assert_eq!(
            found.to_string(),
            "2 sessions found twice (same kiosk and start) were counted once"
        );
        assert!(kept.iter().all(|s| s.problems.is_empty()));
    }

    #[test]
    fn the_finished_copy_is_kept_over_a_checkpoint() {
        let mut early = copy("stick/early", "kiosk-1", 0);
        (early.log.end, early.log.ended, early.log.ended_s) = (None, None, None);
        early.log.timeline.truncate(2);
        let later = copy("stick/later", "kiosk-1", 0);
        let (kept, found) = dedupe(vec![early.clone(), later, early]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].folder, PathBuf::from("stick/later"));
        assert_eq!(found.most_copies, 3);
        assert_eq!(
            found.to_string(),
            "1 session found more than once (same kiosk and start) was counted once"
        );
    }

    #[test]
    fn a_copy_that_adds_up_is_kept_and_the_other_still_named() {
        let mut changed = copy("stick/b", "kiosk-1", 0);
        changed.log.totals.active_minutes = 9.0;
        changed = ExportSession::new(changed.folder, changed.file, changed.log);
        let (kept, found) = dedupe(vec![changed, copy("stick/a", "kiosk-1", 0)]);
        assert_eq!(kept[0].folder, PathBuf::from("stick/a"));
        assert_eq!(found.differing, 1);
        assert_eq!(found.inconsistent_copies.len(), 1);
        assert_eq!(
            found.inconsistent_copies[0].0,
            PathBuf::from("stick/b/2026/11/x.ron")
        );
        assert!(found.inconsistent_copies[0].1[0].starts_with("9.00 camera-active minutes"));
        assert_eq!(
            found.to_string(),
            "1 session found twice (same kiosk and start) was counted once; the finished \
             copies of 1 of them differ, and the copy that adds up (or the first found) was \
             kept"
        );
    }

    #[test]
    fn nothing_twice_says_nothing() {
        let (kept, found) = dedupe(vec![copy("a", "k", 0), copy("a", "k", 1)]);
        assert_eq!(kept.len(), 2);
        assert!(!found.any());
    }
}
