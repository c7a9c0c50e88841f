//! Reading log folders for reports: every session file under them, filtered by date, ward
//! and child code, with every file that is not a readable session log listed with the
//! reason, every session whose figures do not add up named with what is wrong, and a
//! session copied twice counted once. Reading never changes or deletes anything. [`csv`]
//! and [`html`] turn the result into files for a spreadsheet or a ward manager.

pub mod camera;
pub mod charts;
pub mod csv;
pub mod dedupe;
mod folder;
pub mod groups;
pub mod html;
mod markup;
pub mod progress;
mod style;

pub use dedupe::Duplicates;
pub use folder::{FolderExport, export_to_folder};

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::consistency;
use super::model::SessionLog;
use super::store::{is_temp_file_name, list_files, parse_file_name, read_log};
use super::time::Date;

/// Which sessions a report covers; every part is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// First day (UTC) included.
    pub from: Option<Date>,
    /// Last day (UTC) included.
    pub to: Option<Date>,
    /// Only this ward (letter case ignored).
    pub ward: Option<String>,
    /// Only this child code (letter case ignored).
    pub child: Option<String>,
}

impl Filter {
    /// Whether a session started on a day in the range.
    pub fn day_matches(&self, day: Date) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether a session passes every part of the filter.
    pub fn matches(&self, log: &SessionLog) -> bool {
        let same = |want: &Option<String>, have: Option<&str>| {
            want.as_deref()
                .is_none_or(|w| have.is_some_and(|h| h.trim().eq_ignore_ascii_case(w.trim())))
        };
        self.day_matches(Date::from_epoch(log.started_s))
            && same(&self.ward, Some(&log.ward))
            && same(&self.child, log.child.as_deref())
    }
}

/// A session read for a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSession {
    /// The log folder it was read from (one `--logs`): copies of several kiosks' folders
    /// can hold files of the same name.
    pub folder: PathBuf,
    /// Its file, relative to the log folder (`2026/11/20261103T140509Z_kiosk-1.ron`).
    pub file: PathBuf,
    /// Its content.
    pub log: SessionLog,
    /// What does not add up in it ([`consistency::check`]), one sentence each: a report
    /// shows these next to the file rather than trust its figures silently.
    pub problems: Vec<String>,
}

impl ExportSession {
    /// A session read from `file` under `folder`, checked for consistency.
    pub fn new(folder: PathBuf, file: PathBuf, log: SessionLog) -> ExportSession {
        let problems = consistency::check(&log);
        ExportSession {
            folder,
            file,
            log,
            problems,
        }
    }

    /// Its file as staff can find it: under the log folder it was read from.
    pub fn path(&self) -> PathBuf {
        self.folder.join(&self.file)
    }
}

/// A file in the log folder that is not in the report, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The file, under the log folder as named on the command line.
    pub file: PathBuf,
    /// Why, in words (with line and column for a broken file).
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.reason)
    }
}

/// Everything a report needs from the log folders.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Sessions that passed the filter, by start time, each once.
    pub sessions: Vec<ExportSession>,
    /// Files that are not readable session logs (or could not be looked at).
    pub skipped: Vec<Skipped>,
    /// Files looked at.
    pub files: usize,
    /// Readable sessions left out by the filter.
    pub filtered_out: usize,
    /// Sessions found more than once (same kiosk and start), counted once.
    pub duplicates: Duplicates,
    /// The log folders read, in the order given.
    pub folders: Vec<PathBuf>,
}

impl Scan {
    /// The sessions whose logs do not add up.
    pub fn inconsistent(&self) -> impl Iterator<Item = &ExportSession> {
        self.sessions.iter().filter(|s| !s.problems.is_empty())
    }
}

/// What happened to one file.
enum Outcome {
    Session(Box<SessionLog>),
    Filtered,
    Skipped(String),
}

fn look_at(file: &Path, filter: &Filter) -> Outcome {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        return Outcome::Skipped("its name is not text".into());
    };
    if is_temp_file_name(name) {
        return Outcome::Skipped(
            "a temporary file of the log writer (a save in progress, or one cut short)".into(),
        );
    }
    let Some(parsed) = parse_file_name(name) else {
        return Outcome::Skipped(
            "not a session log (session logs are named YYYYMMDDTHHMMSSZ_kiosk.ron)".into(),
        );
    };
    // The name dates the session: files outside the range are not even read.
    if !filter.day_matches(parsed.started.date) {
        return Outcome::Filtered;
    }
    match read_log(file) {
        Ok(mut log) if filter.matches(&log) => {
            // Reports show a ward code as it is and name anything else as not one.
            log.child = log.child.as_deref().map(super::child_code::shown);
            Outcome::Session(Box::new(log))
        }
        Ok(_) => Outcome::Filtered,
        Err(e) => Outcome::Skipped(e.kind.to_string()),
    }
}

/// Reads every session under `root` that passes `filter`. `progress(done, total)` is called
/// as files are read. An error only when `root` itself cannot be read.
pub fn scan(
    root: &Path,
    filter: &Filter,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<Scan> {
    scan_folders(&[root.to_path_buf()], filter, progress).map_err(|(_, e)| e)
}

/// Reads every session under each of `roots` (copies of several kiosks' folders), as
/// [`scan`] does one, and counts a session found in more than one place once (see
/// [`dedupe`]). `progress(done, total)` is called as each folder's files are read. An error,
/// with the folder, only when a folder itself cannot be read.
pub fn scan_folders(
    roots: &[PathBuf],
    filter: &Filter,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Scan, (PathBuf, io::Error)> {
    let mut all = Scan {
        folders: roots.to_vec(),
        ..Scan::default()
    };
    for root in roots {
        let one = scan_one(root, filter, progress).map_err(|e| (root.clone(), e))?;
        all.sessions.extend(one.sessions);
        all.skipped.extend(one.skipped);
        all.files += one.files;
        all.filtered_out += one.filtered_out;
    }
    let (sessions, duplicates) = dedupe::dedupe(all.sessions);
    all.sessions = sessions;
    all.duplicates = duplicates;
    // Stable: sessions of the same start stay in the order of the folders given.
    all.sessions
        .sort_by(|a, b| (a.log.started_s, &a.file).cmp(&(b.log.started_s, &b.file)));
    Ok(all)
}

/// One folder, not yet merged with others.
fn scan_one(
    root: &Path,
    filter: &Filter,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<Scan> {
    let listing = list_files(root)?;
    let total = listing.files.len();
    let mut scan = Scan {
        files: total,
        ..Scan::default()
    };
    for (path, reason) in listing.problems {
        scan.skipped.push(Skipped { file: path, reason });
    }
    // Files are read on every core: parsing is most of an export's time.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(total.max(1));
    let chunk = total.div_ceil(workers).max(1);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(total);
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let handles: Vec<_> = listing
            .files
            .chunks(chunk)
            .map(|files| {
                let done = &done;
                s.spawn(move || {
                    files
                        .iter()
                        .map(|f| {
                            let outcome = look_at(f, filter);
                            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            outcome
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        while handles.iter().any(|h| !h.is_finished()) {
            progress(done.load(std::sync::atomic::Ordering::Relaxed), total);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for h in handles {
            match h.join() {
                Ok(part) => outcomes.extend(part),
                // A reader thread cannot panic on bad input; if it did, say so plainly.
                Err(_) => scan.skipped.push(Skipped {
                    file: root.to_path_buf(),
                    reason: "some files could not be read (internal error)".into(),
                }),
            }
        }
    });
    progress(total, total);
    for (file, outcome) in listing.files.into_iter().zip(outcomes) {
        match outcome {
            Outcome::Session(log) => scan.sessions.push(ExportSession::new(
                root.to_path_buf(),
                file.strip_prefix(root)
                    .map_or(file.clone(), Path::to_path_buf),
                *log,
            )),
            Outcome::Filtered => scan.filtered_out += 1,
            Outcome::Skipped(reason) => scan.skipped.push(Skipped { file, reason }),
        }
    }
    scan.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(scan)
}

/// Two decimals, the precision reports show minutes in.
pub(crate) fn two(x: f64) -> String {
    format!("{x:.2}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;

    #[test]
    fn filters() {
        let log = sample_log();
        let day = |s: &str| Some(s.parse::<Date>().unwrap());
        assert!(Filter::default().matches(&log));
        let f = Filter {
            from: day("2026-11-03"),
            to: day("2026-11-03"),
            ward: Some("rainbow".into()),
            child: Some("r17".into()),
        };
        assert!(f.matches(&log));
        assert!(
            !Filter {
                from: day("2026-11-04"),
                ..Filter::default()
            }
            .matches(&log)
        );
        assert!(
            !Filter {
                to: day("2026-11-02"),
                ..Filter::default()
            }
            .matches(&log)
        );
        assert!(
            !Filter {
                ward: Some("Sunflower".into()),
                ..Filter::default()
            }
            .matches(&log)
        );
        let mut no_code = log.clone();
        no_code.child = None;
        assert!(
            !Filter {
                child: Some("R17".into()),
                ..Filter::default()
            }
            .matches(&no_code)
        );
    }

    /// A fresh folder in the system's temp folder.
    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-export-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn moved(mut log: SessionLog, seconds: i64) -> SessionLog {
        log.started_s += seconds;
        log.started = crate::logs::UtcTime::from_epoch(log.started_s).rfc3339();
        if let (Some(end), Some(end_s)) = (&mut log.ended, &mut log.ended_s) {
            *end_s += seconds;
            *end = crate::logs::UtcTime::from_epoch(*end_s).rfc3339();
        }
        log
    }

    #[test]
    fn several_folders_merge_and_a_session_copied_twice_counts_once() {
        let base = temp("several");
        let (monday, again, other) = (
            base.join("kiosk-1-monday"),
            base.join("kiosk-1-friday"),
            base.join("kiosk-2"),
        );
        let first = sample_log();
        let second = moved(sample_log(), 3600);
        let mut elsewhere = sample_log();
        elsewhere.kiosk = "kiosk-2".into();
        for (folder, log) in [
            (&monday, &first),
            (&again, &first),
            (&again, &second),
            (&other, &elsewhere),
        ] {
            crate::logs::store::write_log(folder, log).unwrap();
        }
        let roots = [monday.clone(), again.clone(), other.clone()];
        let found = scan_folders(&roots, &Filter::default(), &mut |_, _| {}).unwrap();
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!(found.files, 4);
        assert_eq!(found.folders, roots);
        let got: Vec<_> = found
            .sessions
            .iter()
            .map(|s| (s.folder.clone(), s.log.kiosk.as_str(), s.log.started_s))
            .collect();
        assert_eq!(
            got,
            [
                (monday, "kiosk-1", first.started_s),
                (other, "kiosk-2", first.started_s),
                (again, "kiosk-1", second.started_s),
            ]
        );
        assert_eq!(found.duplicates.sessions, 1);
        assert_eq!(found.duplicates.copies_left_out, 1);
        assert_eq!(found.inconsistent().count(), 0);
        // A folder that cannot be read is named.
        let missing = base.join("not-there");
        let err = scan_folders(
            std::slice::from_ref(&missing),
            &Filter::default(),
            &mut |_, _| {},
        );
        assert_eq!(err.unwrap_err().0, missing);
    }

    #[test]
    fn an_inconsistent_log_is_exported_with_its_problems() {
        let root = temp("inconsistent");
        let mut log = sample_log();
        log.totals.active_minutes = 9.0;
        crate::logs::store::write_log(&root, &log).unwrap();
        let found = scan(&root, &Filter::default(), &mut |_, _| {}).unwrap();
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(found.sessions.len(), 1);
        let bad: Vec<_> = found.inconsistent().collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].path(), root.join(&bad[0].file));
        assert!(
            bad[0].problems[0].starts_with("9.00 camera-active minutes"),
            "{:?}",
            bad[0].problems
        );
    }

    #[test]
    fn an_old_log_with_another_code_still_exports_named_as_such() {
        let root = std::env::temp_dir().join(format!(
            "wigglewoods-export-old-code-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let mut old = sample_log();
        old.child = Some("ward-3_child-042".into());
        crate::logs::store::write_log(&root, &old).unwrap();
        let mut current = sample_log();
        current.started_s += 3600;
        current.started = crate::logs::UtcTime::from_epoch(current.started_s).rfc3339();
        if let (Some(end), Some(end_s)) = (&mut current.ended, &mut current.ended_s) {
            *end_s += 3600;
            *end = crate::logs::UtcTime::from_epoch(*end_s).rfc3339();
        }
        crate::logs::store::write_log(&root, &current).unwrap();
        let scan = scan(&root, &Filter::default(), &mut |_, _| {}).unwrap();
        let _ = std::fs::remove_dir_all(&root);
        assert!(scan.skipped.is_empty(), "{:?}", scan.skipped);
        let codes: Vec<_> = scan.sessions.iter().map(|s| s.log.child.clone()).collect();
        assert_eq!(
            codes,
            [
                Some("ward-3_child-042 (not a ward code)".to_owned()),
                Some("R17".to_owned())
            ]
        );
    }
}
