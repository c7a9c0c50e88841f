//! Retention: session files older than the configured number of days are deleted, at start
//! and daily. It is the only deletion there is, and it is careful: a file goes only if its
//! name is a session file name, its start (from the name) is old enough, and it parses as a
//! session log whose start agrees with its name. Our own temp files (`.<session>.<pid>-<n>.tmp`,
//! left only if the kiosk died mid-write) go when they are more than a day old. Nothing
//! else is ever touched, not even empty folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::store::{is_temp_file_name, list_files, parse_file_name, read_log};
use super::time::{DAY_S, epoch_seconds};

/// What retention did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RetentionReport {
    /// Files deleted.
    pub deleted: Vec<PathBuf>,
    /// Old-looking files kept because they could not be confirmed or deleted, with why.
    pub problems: Vec<String>,
}

/// Deletes the sessions under `root` that started more than `keep_days` days before `now`
/// (at least one day is always kept, so the running session is never touched). A missing
/// folder is nothing to do.
pub fn apply_retention(root: &Path, keep_days: u32, now: SystemTime) -> RetentionReport {
    let mut report = RetentionReport::default();
    if !root.exists() {
        return report;
    }
    let listing = match list_files(root) {
        Ok(listing) => listing,
        Err(e) => {
            report.problems.push(format!(
                "The log folder {} cannot be read for retention: {e}",
                root.display()
            ));
            return report;
        }
    };
    let cutoff = epoch_seconds(now) - i64::from(keep_days.max(1)) * DAY_S;
    for file in listing.files {
        let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if is_temp_file_name(name) {
            let old = fs::metadata(&file)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age > Duration::from_secs(DAY_S as u64));
            if old {
                remove(&file, &mut report);
            }
            continue;
        }
        let Some(parsed) = parse_file_name(name) else {
            continue;
        };
        if parsed.started.epoch() >= cutoff {
            continue;
        }
        match read_log(&file) {
            Ok(log) if log.started_s == parsed.started.epoch() => remove(&file, &mut report),
            Ok(_) => report.problems.push(format!(
                "{}: kept, its start does not match its name",
                file.display()
            )),
            Err(e) => report
                .problems
                .push(format!("kept, not a readable session log: {e}")),
        }
    }
    report
}

fn remove(file: &Path, report: &mut RetentionReport) {
    match fs::remove_file(file) {
        Ok(()) => report.deleted.push(file.to_path_buf()),
        Err(e) => report
            .problems
            .push(format!("{}: could not be deleted: {e}", file.display())),
    }
}
