//! [`LogWriter`]: the background thread that owns the log folder. The kiosk hands it
//! snapshots and never waits; it writes them atomically, keeps the latest snapshot of each
//! session in memory while the disk fails (full, read-only, not allowed), retries with
//! back-off, and says what is wrong in words staff can act on. At start it recovers sessions
//! a crash left open and applies retention, then applies retention once a day.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use super::model::SessionLog;
use super::recovery::recover;
use super::retention::apply_retention;
use super::store::{relative_path, to_ron, write_atomic};
use super::time::UtcTime;

/// At most this many notices wait for the kiosk to read them; older ones are dropped.
const MAX_NOTICES: usize = 64;

/// Retention runs again this long after it last ran.
const RETENTION_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// How the writer behaves; the defaults suit the kiosk.
#[derive(Debug, Clone, PartialEq)]
pub struct WriterOptions {
    /// Close sessions a crash left open, on the writer thread, before the first write.
    pub recover_at_start: bool,
    /// Recover only this kiosk's sessions (files named `..._<kiosk>.ron`), so that kiosks
    /// sharing a folder never close each other's running sessions. `None`: all.
    pub kiosk: Option<String>,
    /// Delete sessions older than this many days, at start and then daily. `None`: never.
    pub retention_days: Option<u32>,
    /// Wait before the first retry after a failed write.
    pub first_retry: Duration,
    /// The longest wait between retries (the wait doubles after each failure).
    pub max_retry: Duration,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            recover_at_start: true,
            kiosk: None,
            retention_days: None,
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(30),
        }
    }
}

/// Whether logs are being saved: what the kiosk shows staff.
#[derive(Debug, Clone, PartialEq)]
pub enum WriterStatus {
    /// Everything handed over so far is saved (or about to be).
    Ok,
    /// Writing fails; sessions are kept in memory and retried.
    Failing {
        /// What is wrong, in words for a play specialist, naming the folder.
        reason: String,
        /// When writing started to fail.
        since: SystemTime,
        /// How many sessions wait to be saved.
        unsaved: usize,
    },
}

impl WriterStatus {
    /// Whether all is well.
    pub fn is_ok(&self) -> bool {
        matches!(self, WriterStatus::Ok)
    }
}

impl fmt::Display for WriterStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriterStatus::Ok => write!(f, "Session logs are being saved."),
            WriterStatus::Failing { reason, .. } => write!(f, "{reason}"),
        }
    }
}

/// Something the staff may want to know that stops nothing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LogNotice {
    /// A session the kiosk was running when it stopped was found and closed.
    Recovered {
        /// Its file.
        file: PathBuf,
        /// Its last recorded moment (UTC).
        ended: String,
    },
    /// Retention deleted these old session files.
    Deleted {
        /// The files.
        files: Vec<PathBuf>,
    },
    /// Saving works again after a failure.
    SavingAgain,
    /// A file or folder that recovery or retention could not deal with (left as it is).
    Problem(String),
}

impl fmt::Display for LogNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogNotice::Recovered { file, ended } => write!(
                f,
                "A session interrupted at {ended} (UTC) was recovered and kept: {}",
                file.display()
            ),
            LogNotice::Deleted { files } => write!(
                f,
                "{} old session log{} deleted, as the retention setting asks",
                files.len(),
                if files.len() == 1 { " was" } else { "s were" }
            ),
            LogNotice::SavingAgain => write!(f, "Session logs are being saved again."),
            LogNotice::Problem(p) => write!(f, "{p}"),
        }
    }
}

struct State {
    pending: BTreeMap<PathBuf, SessionLog>,
    busy: bool,
    ready: bool,
    shutdown: bool,
    status: WriterStatus,
    notices: VecDeque<LogNotice>,
    retry_at: Option<Instant>,
    backoff: Duration,
    written: u64,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the writer thread: new work or shutdown.
    wake: Condvar,
    /// Wakes those waiting in `flush`: a batch finished.
    done: Condvar,
}

impl Shared {
    /// The state, even if a thread panicked while holding it (it holds only plain data).
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn push_notice(state: &mut State, notice: LogNotice) {
    if state.notices.len() == MAX_NOTICES {
        state.notices.pop_front();
    }
    state.notices.push_back(notice);
}

/// An I/O error in words for a play specialist, naming the folder.
pub fn explain_write_error(error: &io::Error, folder: &Path) -> String {
    use io::ErrorKind as K;
    let why = match error.kind() {
        K::StorageFull => "the disk is full".to_string(),
        K::QuotaExceeded => "this kiosk's disk space allowance is used up".to_string(),
        K::ReadOnlyFilesystem => "the disk can be read but not written to".to_string(),
        K::PermissionDenied => "the kiosk is not allowed to write there".to_string(),
        K::NotFound | K::NotADirectory => {
            "the folder is missing, or something that is not a folder is in its way".to_string()
        }
        _ => format!("the computer reports: {error}"),
    };
    format!(
        "Session logs cannot be saved in {}: {why}. Play goes on; this session is kept and \
         will be saved as soon as that works. Please tell whoever looks after the kiosk.",
        folder.display()
    )
}

/// Owns the writer thread. Dropping it (or [`LogWriter::close`]) makes a last attempt to
/// save what is pending and stops the thread.
pub struct LogWriter {
    shared: Arc<Shared>,
    root: PathBuf,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for LogWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogWriter")
            .field("root", &self.root)
            .field("status", &self.status())
            .finish()
    }
}

impl LogWriter {
    /// Starts the writer for the log folder `root` (created when first needed). Fails only
    /// if the thread cannot be started.
    pub fn start(root: impl Into<PathBuf>, options: WriterOptions) -> io::Result<LogWriter> {
        let root = root.into();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: BTreeMap::new(),
                busy: false,
                ready: false,
                shutdown: false,
                status: WriterStatus::Ok,
                notices: VecDeque::new(),
                retry_at: None,
                backoff: options.first_retry,
                written: 0,
            }),
            wake: Condvar::new(),
            done: Condvar::new(),
        });
        let thread = {
            let (shared, root) = (Arc::clone(&shared), root.clone());
            std::thread::Builder::new()
                .name("session-log-writer".into())
                .spawn(move || run(&shared, &root, &options))?
        };
        Ok(LogWriter {
            shared,
            root,
            thread: Some(thread),
        })
    }

    /// The log folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Hands over a snapshot to save; returns at once. A newer snapshot of the same session
    /// replaces one not yet written, so memory holds at most one per session.
    pub fn submit(&self, log: SessionLog) {
        let key = relative_path(&log);
        let mut state = self.shared.lock();
        state.pending.insert(key, log);
        let waiting = state.pending.len();
        if let WriterStatus::Failing { unsaved, .. } = &mut state.status {
            *unsaved = waiting;
        }
        drop(state);
        self.shared.wake.notify_one();
    }

    /// Whether saving works, for the staff screen (cheap: call it as often as needed).
    pub fn status(&self) -> WriterStatus {
        self.shared.lock().status.clone()
    }

    /// Takes the notices gathered since the last call (recovered sessions, retention,
    /// saving again, problems), oldest first.
    pub fn take_notices(&self) -> Vec<LogNotice> {
        self.shared.lock().notices.drain(..).collect()
    }

    /// How many files have been written: for tests and diagnostics.
    pub fn files_written(&self) -> u64 {
        self.shared.lock().written
    }

    /// Waits up to `timeout` until the start-up work is done and everything submitted is
    /// saved; returns whether it is. Not for the game loop: for shutdown, tools and tests.
    pub fn flush(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        loop {
            if state.ready && !state.busy && state.pending.is_empty() {
                return true;
            }
            let now = Instant::now();
            if now >= deadline || self.thread.is_none() {
                return false;
            }
            state = self
                .shared
                .done
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Stops the writer after a last attempt to save what is pending; returns whether
    /// everything was saved.
    pub fn close(mut self) -> bool {
        self.stop();
        self.shared.lock().pending.is_empty()
    }

    fn stop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Recovery and retention on the writer thread, their outcome as notices.
fn housekeeping(shared: &Shared, root: &Path, options: &WriterOptions, recover_now: bool) {
    let mut notices = Vec::new();
    if recover_now {
        let report = recover(root, options.kiosk.as_deref());
        for r in report.recovered {
            notices.push(LogNotice::Recovered {
                file: r.file,
                ended: UtcTime::from_epoch(r.log.ended_s.unwrap_or(r.log.started_s)).rfc3339(),
            });
        }
        notices.extend(report.problems.into_iter().map(LogNotice::Problem));
    }
    if let Some(days) = options.retention_days {
        let report = apply_retention(root, days, SystemTime::now());
        if !report.deleted.is_empty() {
            notices.push(LogNotice::Deleted {
                files: report.deleted,
            });
        }
        notices.extend(report.problems.into_iter().map(LogNotice::Problem));
    }
    let mut state = shared.lock();
    for n in notices {
        push_notice(&mut state, n);
    }
}

/// The writer thread.
fn run(shared: &Shared, root: &Path, options: &WriterOptions) {
    housekeeping(shared, root, options, options.recover_at_start);
    let mut next_retention = options
        .retention_days
        .map(|_| Instant::now() + RETENTION_EVERY);
    {
        shared.lock().ready = true;
        shared.done.notify_all();
    }
    loop {
        let (batch, shutdown, retention_due) = {
            let mut state = shared.lock();
            loop {
                let now = Instant::now();
                let retry_ok = state.retry_at.is_none_or(|at| now >= at);
                let retention_due = next_retention.is_some_and(|at| now >= at);
                let writable = !state.pending.is_empty() && (retry_ok || state.shutdown);
                if writable || state.shutdown || retention_due {
                    break;
                }
                let mut wait =
                    next_retention.map_or(RETENTION_EVERY, |at| at.saturating_duration_since(now));
                if let (Some(at), false) = (state.retry_at, state.pending.is_empty()) {
                    wait = wait.min(at.saturating_duration_since(now));
                }
                state = shared
                    .wake
                    .wait_timeout(state, wait.max(Duration::from_millis(1)))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            let now = Instant::now();
            let retention_due = next_retention.is_some_and(|at| now >= at);
            let retry_ok = state.retry_at.is_none_or(|at| now >= at) || state.shutdown;
            let batch = if retry_ok {
                std::mem::take(&mut state.pending)
            } else {
                BTreeMap::new()
            };
            state.busy = !batch.is_empty();
            (batch, state.shutdown, retention_due)
        };
        if retention_due && !shutdown {
            housekeeping(shared, root, options, false);
            next_retention = Some(Instant::now() + RETENTION_EVERY);
        }
        if !batch.is_empty() {
            write_batch(shared, root, options, batch);
        }
        if shutdown {
            let state = shared.lock();
            if !state.pending.is_empty() {
                eprintln!(
                    "wigglewoods: {} session log(s) could not be saved before closing: {}",
                    state.pending.len(),
                    state.status
                );
            }
            drop(state);
            shared.done.notify_all();
            return;
        }
    }
}

/// Writes a batch outside the lock, then records the outcome.
fn write_batch(
    shared: &Shared,
    root: &Path,
    options: &WriterOptions,
    batch: BTreeMap<PathBuf, SessionLog>,
) {
    let mut failed = Vec::new();
    let mut written = 0;
    for (key, log) in batch {
        let result = to_ron(&log)
            .map_err(io::Error::other)
            .and_then(|text| write_atomic(&root.join(&key), text.as_bytes()));
        match result {
            Ok(()) => written += 1,
            Err(e) => failed.push((key, log, e)),
        }
    }
    let mut state = shared.lock();
    state.busy = false;
    state.written += written;
    if let Some((_, _, error)) = failed.first() {
        let reason = explain_write_error(error, root);
        let since = match &state.status {
            WriterStatus::Failing { since, .. } => *since,
            WriterStatus::Ok => SystemTime::now(),
        };
        for (key, log, _) in failed {
            // A newer snapshot that arrived meanwhile wins.
            state.pending.entry(key).or_insert(log);
        }
        state.status = WriterStatus::Failing {
            reason,
            since,
            unsaved: state.pending.len(),
        };
        state.retry_at = Some(Instant::now() + state.backoff);
        state.backoff = (state.backoff * 2).min(options.max_retry);
    } else {
        if !state.status.is_ok() {
            push_notice(&mut state, LogNotice::SavingAgain);
        }
        state.status = WriterStatus::Ok;
        state.retry_at = None;
        state.backoff = options.first_retry;
    }
    drop(state);
    shared.done.notify_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_in_plain_words_naming_the_folder() {
        let folder = Path::new("/srv/wigglewoods/logs");
        for (kind, words) in [
            (io::ErrorKind::StorageFull, "the disk is full"),
            (
                io::ErrorKind::ReadOnlyFilesystem,
                "can be read but not written",
            ),
            (
                io::ErrorKind::PermissionDenied,
                "not allowed to write there",
            ),
            (io::ErrorKind::NotADirectory, "the folder is missing"),
        ] {
            let text = explain_write_error(&io::Error::from(kind), folder);
            assert!(text.contains(words), "{text}");
            assert!(text.contains("/srv/wigglewoods/logs"), "{text}");
            assert!(text.contains("Play goes on"), "{text}");
        }
        let raw = explain_write_error(&io::Error::from_raw_os_error(28), folder);
        assert!(raw.contains("the disk is full"), "{raw}");
    }

    #[test]
    fn notices_read_as_sentences() {
        let n = LogNotice::Deleted {
            files: vec![PathBuf::from("a"), PathBuf::from("b")],
        };
        assert_eq!(
            n.to_string(),
            "2 old session logs were deleted, as the retention setting asks"
        );
        assert_eq!(
            WriterStatus::Ok.to_string(),
            "Session logs are being saved."
        );
    }
}
