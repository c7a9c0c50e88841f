//! The capture thread: keeps a source running through unplugging, freezing and garbage, and
//! says in plain words what is going on.
//!
//! In a hospital play area nobody restarts the game because a cable was knocked. The
//! supervisor owns a factory that opens the source, runs each attempt as a reading session
//! (see `reader.rs`), and watches it: a failed open, a read error, no frame for two seconds, a
//! run of unreadable frames, or a panic all end the session, are reported as
//! [`SourceStatus::Lost`] with a reason naming the device, and lead to a new attempt after an
//! exponential back-off. When the source opens again, frames flow again into the same
//! hand-off, with timestamps that keep rising. Status goes to a shared board that the thread
//! writes without ever waiting for a reader.

use super::backoff::Backoff;
use super::convert::panic_text;
use super::handoff::{Consumer, handoff};
use super::reader::{Event, Failure, Publisher, Session, SessionControl, SourceFactory};
use super::source::{CapturedFrame, FrameSource, SourceError, SourceInfo, open_source, sentence};
use super::spec::{CaptureSettings, SourceSpec};
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Status changes kept for readers that poll now and then; older ones are dropped first.
const STATUS_HISTORY: usize = 64;
/// Room for session messages: each session sends at most two.
const EVENT_QUEUE: usize = 64;

/// Timings and limits of supervision. The defaults suit a kiosk; tests shorten them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SupervisorConfig {
    /// First wait before reopening a lost source.
    pub retry_initial: Duration,
    /// Longest wait between attempts (the wait doubles up to this).
    pub retry_max: Duration,
    /// No frame for this long means the source froze.
    pub frozen_after: Duration,
    /// Opening that takes longer than this has hung.
    pub open_timeout: Duration,
    /// This many unreadable frames in a row mean the source sends garbage.
    pub garbage_limit: u32,
    /// A session that ran this long was healthy: the next failure starts the back-off afresh.
    pub stable_after: Duration,
    /// Sessions stuck inside the driver (frozen reads that never return) allowed to pile up
    /// before the supervisor stops starting new ones; each holds a thread and a frame buffer.
    pub max_stuck: usize,
    /// How long stopping waits for reading threads to finish before leaving them behind.
    pub stop_wait: Duration,
    /// How often the watchdog looks.
    pub tick: Duration,
}

impl Default for SupervisorConfig {
    fn default() -> Self {
        Self {
            retry_initial: Duration::from_millis(500),
            retry_max: Duration::from_secs(8),
            frozen_after: Duration::from_secs(2),
            open_timeout: Duration::from_secs(10),
            garbage_limit: 30,
            stable_after: Duration::from_secs(10),
            max_stuck: 2,
            stop_wait: Duration::from_secs(1),
            tick: Duration::from_millis(50),
        }
    }
}

/// What the source is doing, for the staff screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// Opening for the first time.
    Starting,
    /// Frames are flowing.
    Running {
        /// What was opened and how it is set up.
        info: SourceInfo,
    },
    /// No frames: why, in words a play specialist understands, and when the next attempt is.
    Lost {
        /// What happened and what to do, naming the device.
        reason: String,
        /// Wait before the next attempt.
        retry_in: Duration,
    },
}

#[derive(Debug)]
struct Board {
    current: SourceStatus,
    changes: VecDeque<SourceStatus>,
}

#[derive(Debug)]
struct StatusBoard {
    board: Mutex<Board>,
    changed: Condvar,
}

/// `now + wait`, without overflowing on absurd waits from a config file.
fn after(wait: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(wait)
        .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600))
}

impl StatusBoard {
    fn lock(&self) -> MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn post(&self, status: SourceStatus) {
        let mut board = self.lock();
        if board.changes.len() == STATUS_HISTORY {
            board.changes.pop_front();
        }
        board.changes.push_back(status.clone());
        board.current = status;
        drop(board);
        self.changed.notify_all();
    }
}

/// The running capture: owns the capture thread, which stops when this is dropped.
#[derive(Debug)]
pub struct Capture {
    board: Arc<StatusBoard>,
    stop: Arc<AtomicBool>,
    wake: SyncSender<Event>,
    thread: Option<JoinHandle<()>>,
}

impl Capture {
    /// Starts capturing from whatever `factory` opens. `label` names the source in messages
    /// until it has opened and can name itself ("the camera"). Frames arrive at the returned
    /// consumer, newest first, through a latest-wins hand-off.
    pub fn start(
        label: impl Into<String>,
        factory: impl Fn() -> Result<Box<dyn FrameSource>, SourceError> + Send + Sync + 'static,
        config: SupervisorConfig,
    ) -> std::io::Result<(Capture, Consumer<CapturedFrame>)> {
        let (producer, consumer) = handoff();
        let board = Arc::new(StatusBoard {
            board: Mutex::new(Board {
                current: SourceStatus::Starting,
                changes: VecDeque::with_capacity(STATUS_HISTORY),
            }),
            changed: Condvar::new(),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (events_tx, events_rx) = sync_channel(EVENT_QUEUE);
        let supervisor = Supervisor {
            label: label.into(),
            factory: Arc::new(factory),
            config,
            board: Arc::clone(&board),
            stop: Arc::clone(&stop),
            events_tx: events_tx.clone(),
            events_rx,
            publisher: Arc::new(Mutex::new(Publisher::new(producer))),
            epoch: Instant::now(),
            next_id: 0,
            retired: Vec::new(),
        };
        let thread = std::thread::Builder::new()
            .name("camera-supervisor".into())
            .spawn(move || supervisor.run())?;
        Ok((
            Capture {
                board,
                stop,
                wake: events_tx,
                thread: Some(thread),
            },
            consumer,
        ))
    }

    /// Starts capturing from the source a spec names.
    pub fn start_spec(
        spec: &SourceSpec,
        settings: CaptureSettings,
        config: SupervisorConfig,
    ) -> std::io::Result<(Capture, Consumer<CapturedFrame>)> {
        let owned = spec.clone();
        Self::start(
            spec.describe(),
            move || open_source(&owned, &settings),
            config,
        )
    }

    /// The status now.
    pub fn status(&self) -> SourceStatus {
        self.board.lock().current.clone()
    }

    /// The oldest status change not yet taken, waiting up to `timeout` for one. Changes are
    /// kept (up to 64, the oldest dropped first) so that a log sees every step in order.
    pub fn next_status(&self, timeout: Duration) -> Option<SourceStatus> {
        let deadline = after(timeout);
        let mut board = self.board.lock();
        loop {
            if let Some(status) = board.changes.pop_front() {
                return Some(status);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            board = self
                .board
                .changed
                .wait_timeout(board, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Stops the capture thread and waits for it (at most about `stop_wait`, as reading
    /// threads stuck in a driver are left behind). Dropping the capture does the same.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        let _ = self.wake.try_send(Event::Wake);
        if let Some(thread) = self.thread.take() {
            // The supervisor catches its own panics; a join error has nothing left to report.
            let _ = thread.join();
        }
    }
}

/// A session the supervisor has started, until its thread is joined.
struct Attempt {
    id: u64,
    control: Arc<SessionControl>,
    thread: JoinHandle<()>,
}

/// How watching a session ended.
enum Outcome {
    Stop,
    Failed {
        reason: String,
        healthy_for: Option<Duration>,
    },
}

struct Supervisor {
    label: String,
    factory: SourceFactory,
    config: SupervisorConfig,
    board: Arc<StatusBoard>,
    stop: Arc<AtomicBool>,
    events_tx: SyncSender<Event>,
    events_rx: Receiver<Event>,
    publisher: Arc<Mutex<Publisher>>,
    epoch: Instant,
    next_id: u64,
    /// Sessions given up on whose threads have not finished yet.
    retired: Vec<Attempt>,
}

impl Supervisor {
    fn run(mut self) {
        let board = Arc::clone(&self.board);
        let label = self.label.clone();
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.supervise())) {
            board.post(SourceStatus::Lost {
                reason: format!(
                    "Reading {label} stopped because of an internal error ({}). Restart the game.",
                    panic_text(&*panic)
                ),
                retry_in: Duration::MAX,
            });
        }
        self.shutdown();
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    fn supervise(&mut self) {
        self.board.post(SourceStatus::Starting);
        let mut backoff = Backoff::new(self.config.retry_initial, self.config.retry_max);
        while !self.stopping() {
            self.reap();
            let reason = if self.retired.len() >= self.config.max_stuck.max(1) {
                format!(
                    "{} is still not responding to the computer, so it cannot be opened again. \
                     Unplug it and plug it back in.",
                    sentence(&self.label)
                )
            } else {
                match self.spawn_session() {
                    Err(e) => format!("The game could not start reading {} ({e}).", self.label),
                    Ok(session) => {
                        let outcome = self.watch(&session);
                        self.retire(session);
                        match outcome {
                            Outcome::Stop => return,
                            Outcome::Failed {
                                reason,
                                healthy_for,
                            } => {
                                if healthy_for.is_some_and(|d| d >= self.config.stable_after) {
                                    backoff.reset();
                                }
                                reason
                            }
                        }
                    }
                }
            };
            let retry_in = backoff.next_delay();
            self.board.post(SourceStatus::Lost { reason, retry_in });
            self.pause(retry_in);
        }
    }

    fn spawn_session(&mut self) -> std::io::Result<Attempt> {
        self.next_id += 1;
        let control = Arc::new(SessionControl::new());
        let session = Session {
            id: self.next_id,
            factory: Arc::clone(&self.factory),
            control: Arc::clone(&control),
            events: self.events_tx.clone(),
            publisher: Arc::clone(&self.publisher),
            epoch: self.epoch,
            garbage_limit: self.config.garbage_limit.max(1),
        };
        let thread = std::thread::Builder::new()
            .name(format!("camera-reader-{}", self.next_id))
            .spawn(move || session.run())?;
        Ok(Attempt {
            id: self.next_id,
            control,
            thread,
        })
    }

    /// Waits for the session's messages and runs the watchdog, until it fails or we stop.
    fn watch(&mut self, session: &Attempt) -> Outcome {
        let started = Instant::now();
        let mut opened: Option<Instant> = None;
        let mut device = self.label.clone();
        loop {
            if self.stopping() {
                return Outcome::Stop;
            }
            match self.events_rx.recv_timeout(self.config.tick) {
                Ok(Event::Opened(id, info)) if id == session.id => {
                    device = info.device();
                    opened = Some(Instant::now());
                    self.board.post(SourceStatus::Running { info: *info });
                }
                Ok(Event::Ended(id, failure)) if id == session.id => {
                    return Outcome::Failed {
                        reason: explain(&failure, &device),
                        healthy_for: opened.map(|t| t.elapsed()),
                    };
                }
                // Late news from an abandoned session, or a wake-up.
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Outcome::Stop,
            }
            match opened {
                Some(at) => {
                    let beat =
                        Duration::from_nanos(session.control.heartbeat.load(Ordering::Acquire));
                    let quiet = self.epoch.elapsed().saturating_sub(beat);
                    if quiet > self.config.frozen_after {
                        return Outcome::Failed {
                            reason: format!(
                                "{} stopped sending pictures (nothing for {:.1} seconds). If it \
                                 does not come back by itself, unplug it and plug it back in.",
                                sentence(&device),
                                quiet.as_secs_f32()
                            ),
                            healthy_for: Some(at.elapsed().saturating_sub(quiet)),
                        };
                    }
                }
                None if started.elapsed() > self.config.open_timeout => {
                    return Outcome::Failed {
                        reason: format!(
                            "{} did not answer when it was opened (waited {:.1} seconds). Unplug \
                             it and plug it back in.",
                            sentence(&device),
                            self.config.open_timeout.as_secs_f32()
                        ),
                        healthy_for: None,
                    };
                }
                None => {}
            }
        }
    }

    /// Tells a session to stop and publish nothing more; its thread is joined once it ends.
    fn retire(&mut self, session: Attempt) {
        {
            // Under the publisher's lock, so that no frame of this session is published after.
            let _publisher = self
                .publisher
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            session.control.retired.store(true, Ordering::Release);
        }
        self.retired.push(session);
    }

    /// Joins the retired sessions whose threads have ended.
    fn reap(&mut self) {
        let (done, stuck): (Vec<_>, Vec<_>) = std::mem::take(&mut self.retired)
            .into_iter()
            .partition(|s| s.thread.is_finished());
        for session in done {
            // Sessions catch their own panics; nothing is left to report.
            let _ = session.thread.join();
        }
        self.retired = stuck;
    }

    /// Waits before the next attempt, waking early to stop.
    fn pause(&mut self, wait: Duration) {
        let until = after(wait);
        while !self.stopping() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            // Messages now can only be stale ones from retired sessions.
            if let Err(RecvTimeoutError::Disconnected) =
                self.events_rx.recv_timeout(left.min(self.config.tick))
            {
                return;
            }
            self.reap();
        }
    }

    /// Closes the hand-off and gives reading threads a moment to finish.
    fn shutdown(&mut self) {
        self.publisher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .producer
            .close();
        let until = after(self.config.stop_wait);
        loop {
            self.reap();
            if self.retired.is_empty() || Instant::now() >= until {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        // Threads still stuck in a driver are left behind: they hold nothing we need, see
        // that they are retired when their read returns, and end then.
        self.retired.clear();
    }
}

/// A session's failure in plain words, naming the device.
fn explain(failure: &Failure, device: &str) -> String {
    match failure {
        Failure::Open(e) | Failure::Read(e) => e.staff_message(),
        Failure::Garbage { count, last } => format!(
            "{} is sending pictures that cannot be read ({count} in a row; the last: {last}). \
             Check its cable; if this goes on, choose another camera.",
            sentence(device)
        ),
        Failure::Panic(message) => format!(
            "{} stopped because of an internal error ({message}). Trying again.",
            sentence(device)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake::{End, Plan, fake_factory, fast_config};
    use super::super::handoff::Received;
    use super::*;

    /// A short name for each status, so that sequences read at a glance.
    fn kind(status: &SourceStatus) -> &'static str {
        match status {
            SourceStatus::Starting => "starting",
            SourceStatus::Running { .. } => "running",
            SourceStatus::Lost { .. } => "lost",
        }
    }

    /// Collects status changes until `runnings` Running statuses were seen (or 3 s passed).
    fn statuses_until_running(capture: &Capture, runnings: usize) -> Vec<SourceStatus> {
        let deadline = Instant::now() + Duration::from_secs(3);
        let mut seen = Vec::new();
        while seen.iter().filter(|s| kind(s) == "running").count() < runnings {
            let left = deadline.saturating_duration_since(Instant::now());
            match capture.next_status(left) {
                Some(s) => seen.push(s),
                None => panic!("timed out; statuses so far: {seen:#?}"),
            }
        }
        seen
    }

    /// Statuses with repeated kinds merged: retries may report several Lost in a row.
    fn kinds(statuses: &[SourceStatus]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = statuses.iter().map(kind).collect();
        out.dedup();
        out
    }

    fn first_lost_reason(statuses: &[SourceStatus]) -> String {
        statuses
            .iter()
            .find_map(|s| match s {
                SourceStatus::Lost { reason, .. } => Some(reason.clone()),
                _ => None,
            })
            .expect("a Lost status")
    }

    /// Waits for a frame newer than `after` (by sequence) and returns its sequence.
    fn frame_after(frames: &mut Consumer<CapturedFrame>, after: Option<u64>) -> u64 {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match frames.wait(left) {
                Received::Fresh(f) if after.is_none_or(|a| f.sequence > a) => {
                    assert_eq!(f.frame.data.len(), f.frame.width * f.frame.height);
                    return f.sequence;
                }
                Received::Fresh(_) => {}
                other => panic!("no frame: {other:?}"),
            }
        }
    }

    /// Runs one failure-and-recovery scenario and checks the statuses and the frames.
    fn recovers_from(plans: Vec<Plan>, expected: &[&str], reason_has: &str) {
        let (capture, mut frames) =
            Capture::start("the test camera", fake_factory(plans), fast_config()).unwrap();
        let runnings = expected.iter().filter(|k| **k == "running").count();
        let statuses = statuses_until_running(&capture, runnings);
        assert_eq!(kinds(&statuses), expected, "{statuses:#?}");
        let reason = first_lost_reason(&statuses);
        assert!(
            reason.contains(reason_has),
            "{reason:?} lacks {reason_has:?}"
        );
        // Frames flow again after the recovery.
        let seq = frame_after(&mut frames, None);
        frame_after(&mut frames, Some(seq));
        assert!(matches!(capture.status(), SourceStatus::Running { .. }));
    }

    #[test]
    fn a_camera_missing_at_start_is_picked_up_when_plugged_in() {
        recovers_from(
            vec![Plan::open_fails_not_found(), Plan::open_fails_not_found()],
            &["starting", "lost", "running"],
            "The fake camera is not connected",
        );
    }

    #[test]
    fn a_busy_camera_is_retried() {
        recovers_from(
            vec![Plan::open_fails_busy()],
            &["starting", "lost", "running"],
            "being used by another program",
        );
    }

    #[test]
    fn an_unplugged_camera_comes_back() {
        recovers_from(
            vec![Plan::run(5, End::ReadError)],
            &["starting", "running", "lost", "running"],
            "stopped working",
        );
    }

    #[test]
    fn a_frozen_camera_is_noticed_and_reopened() {
        recovers_from(
            vec![Plan::run(5, End::Freeze(Duration::from_millis(1000)))],
            &["starting", "running", "lost", "running"],
            "The camera “fake 1” stopped sending pictures",
        );
    }

    #[test]
    fn wrong_size_buffers_count_as_garbage() {
        recovers_from(
            vec![Plan::run(3, End::WrongSize(usize::MAX))],
            &["starting", "running", "lost", "running"],
            "sending pictures that cannot be read (5 in a row",
        );
    }

    #[test]
    fn undecodable_frames_in_a_row_count_as_garbage() {
        recovers_from(
            vec![Plan::run(3, End::Undecodable(usize::MAX))],
            &["starting", "running", "lost", "running"],
            "cannot be read (5 in a row; the last: corrupt JPEG",
        );
    }

    #[test]
    fn a_few_bad_frames_are_skipped_without_losing_the_source() {
        let (capture, mut frames) = Capture::start(
            "the test camera",
            fake_factory(vec![Plan::run(3, End::Undecodable(4))]),
            fast_config(),
        )
        .unwrap();
        let statuses = statuses_until_running(&capture, 1);
        assert_eq!(kinds(&statuses), ["starting", "running"]);
        let mut seq = None;
        for _ in 0..10 {
            seq = Some(frame_after(&mut frames, seq));
        }
        assert_eq!(capture.next_status(Duration::from_millis(50)), None);
    }

    #[test]
    fn a_panicking_source_is_reported_and_reopened() {
        recovers_from(
            vec![Plan::run(3, End::Panic)],
            &["starting", "running", "lost", "running"],
            "internal error (the fake driver fell over)",
        );
    }

    #[test]
    fn a_panicking_factory_is_reported_and_retried() {
        recovers_from(
            vec![Plan::OpenPanics],
            &["starting", "lost", "running"],
            "internal error",
        );
    }

    #[test]
    fn an_open_that_hangs_is_given_up_on() {
        recovers_from(
            vec![Plan::OpenHangs(Duration::from_millis(900))],
            &["starting", "lost", "running"],
            "did not answer when it was opened",
        );
    }

    #[test]
    fn retries_back_off_exponentially_to_the_cap() {
        let plans = (0..5).map(|_| Plan::open_fails_not_found()).collect();
        let (capture, _frames) =
            Capture::start("the test camera", fake_factory(plans), fast_config()).unwrap();
        let statuses = statuses_until_running(&capture, 1);
        let waits: Vec<u64> = statuses
            .iter()
            .filter_map(|s| match s {
                SourceStatus::Lost { retry_in, .. } => Some(retry_in.as_millis() as u64),
                _ => None,
            })
            .collect();
        assert_eq!(waits, [10, 20, 40, 40, 40]);
    }

    #[test]
    fn stuck_readers_are_bounded() {
        let mut config = fast_config();
        config.max_stuck = 1;
        let (capture, _frames) = Capture::start(
            "the test camera",
            fake_factory(vec![Plan::run(2, End::Freeze(Duration::from_millis(1000)))]),
            config,
        )
        .unwrap();
        let statuses = statuses_until_running(&capture, 2);
        let reasons: Vec<String> = statuses
            .iter()
            .filter_map(|s| match s {
                SourceStatus::Lost { reason, .. } => Some(reason.clone()),
                _ => None,
            })
            .collect();
        assert!(
            reasons[0].contains("stopped sending pictures"),
            "{reasons:?}"
        );
        // While the frozen read has not returned, no second reader is started.
        assert!(
            reasons.iter().any(|r| r.contains("still not responding")),
            "{reasons:?}"
        );
    }

    #[test]
    fn timestamps_and_numbers_keep_rising_across_a_reconnection() {
        let (capture, mut frames) = Capture::start(
            "the test camera",
            fake_factory(vec![Plan::run(20, End::ReadError)]),
            fast_config(),
        )
        .unwrap();
        let mut last: Option<(u64, Duration)> = None;
        let mut runnings = 0;
        let deadline = Instant::now() + Duration::from_secs(3);
        while runnings < 2 || last.is_none_or(|(s, _)| s < 40) {
            assert!(Instant::now() < deadline, "no recovery");
            while let Some(s) = capture.next_status(Duration::ZERO) {
                runnings += usize::from(kind(&s) == "running");
            }
            if let Received::Fresh(f) = frames.wait(Duration::from_millis(20)) {
                if let Some((seq, stamp)) = last {
                    assert!(f.sequence > seq);
                    assert!(
                        f.frame.timestamp > stamp,
                        "{:?} after {stamp:?}",
                        f.frame.timestamp
                    );
                }
                last = Some((f.sequence, f.frame.timestamp));
            }
        }
    }

    #[test]
    fn stopping_closes_the_frames_even_while_lost_or_frozen() {
        for plans in [
            (0..100).map(|_| Plan::open_fails_not_found()).collect(),
            vec![Plan::run(2, End::Freeze(Duration::from_secs(5)))],
        ] {
            let (capture, mut frames) =
                Capture::start("the test camera", fake_factory(plans), fast_config()).unwrap();
            std::thread::sleep(Duration::from_millis(30));
            capture.stop();
            loop {
                match frames.wait(Duration::from_secs(3)) {
                    Received::Fresh(_) => {}
                    Received::Closed => break,
                    Received::TimedOut => panic!("the hand-off was not closed"),
                }
            }
        }
    }

    #[test]
    fn a_spec_starts_a_real_source() {
        let settings = CaptureSettings {
            width: 32,
            height: 24,
            fps: 200,
        };
        let spec: SourceSpec = "synthetic:players=1".parse().unwrap();
        let (capture, mut frames) = Capture::start_spec(&spec, settings, fast_config()).unwrap();
        let statuses = statuses_until_running(&capture, 1);
        let SourceStatus::Running { info } = &statuses[1] else {
            panic!("{statuses:?}");
        };
        assert_eq!((info.width, info.height), (32, 24));
        frame_after(&mut frames, None);
    }
}
