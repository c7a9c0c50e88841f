//! The motion worker: runs the motion core on its own thread, off the game's render loop.
//!
//! It takes the newest frame from the capture hand-off, runs [`MotionCore::process`], and
//! publishes the report through a second latest-wins hand-off, so that neither the camera
//! nor the game ever waits for it. Beside each report it publishes the latency (from the
//! frame's arrival at the capture thread to the report being ready) and counters the staff
//! screen shows: frames captured, processed and dropped, and frames per second. The game
//! changes zones and profile through a small bounded command queue.

use super::convert::panic_text;
use super::handoff::{Consumer, HandoffCounters, Producer, Received, handoff};
use super::source::CapturedFrame;
use crate::motion::{BitMask, LumaFrame, MotionConfig, MotionCore, MotionReport, Profile, Zone};
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Commands queued for the worker; more than this and the game is told to try again.
const COMMAND_QUEUE: usize = 16;
/// How long the worker waits for a frame before looking at its commands and stop flag.
const WAIT: Duration = Duration::from_millis(50);
/// The window over which frames per second are measured.
const FPS_WINDOW: Duration = Duration::from_secs(1);
/// Most arrival times kept for the rate: bounds memory whatever the frame rate.
const FPS_SAMPLES: usize = 512;

/// A change the game asks of the core between frames.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerCommand {
    /// The regions the current mini-game cares about.
    SetZones(Vec<Zone>),
    /// Standing, seated or bed.
    SetProfile(Profile),
    /// A whole new configuration; the core starts afresh (mirroring or sensitivity changed).
    Reconfigure(MotionConfig),
}

/// The command could not be queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// The queue is full: the worker is behind. Try again next frame.
    #[error("the motion worker is busy; try again")]
    Busy,
    /// The worker has stopped.
    #[error("the motion worker has stopped")]
    Stopped,
}

/// One published result: the report and how long it took to make.
#[derive(Debug, Clone)]
pub struct MotionOutput {
    /// What the core saw.
    pub report: MotionReport,
    /// Where the children are (the core's final mask, at its working size and mirrored as
    /// configured): the game draws the child's shape in the forest from it, never the image.
    pub silhouette: BitMask,
    /// When the frame arrived at the capture thread.
    pub captured_at: Instant,
    /// When this report was published.
    pub published_at: Instant,
    /// `published_at - captured_at`: what the kiosk shows as latency.
    pub latency: Duration,
    /// The frame's number from the capture thread (gaps are frames dropped before the core).
    pub sequence: u64,
}

impl Default for MotionOutput {
    fn default() -> Self {
        let now = Instant::now();
        Self {
            report: MotionReport::default(),
            silhouette: BitMask::default(),
            captured_at: now,
            published_at: now,
            latency: Duration::ZERO,
            sequence: 0,
        }
    }
}

/// Counters for the staff screen and the benches.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct WorkerStats {
    /// Frames the capture thread published.
    pub frames_captured: u64,
    /// Frames the core processed.
    pub frames_processed: u64,
    /// Frames overwritten before the core could take them (the core is slower than the
    /// camera).
    pub frames_dropped: u64,
    /// Frames that could not be processed (inconsistent size) and were skipped.
    pub frames_rejected: u64,
    /// Frames processed per second, over the last second.
    pub fps: f32,
    /// Frames captured per second, over the last second of processed frames.
    pub capture_fps: f32,
    /// Latency of the last report.
    pub latency: Duration,
    /// The last problem inside the core (it is restarted after one), if any.
    pub last_error: Option<String>,
}

#[derive(Debug, Default)]
struct Shared {
    processed: AtomicU64,
    rejected: AtomicU64,
    fps: AtomicU32,
    capture_fps: AtomicU32,
    latency_ns: AtomicU64,
    last_error: Mutex<Option<String>>,
}

/// The running worker. Dropping it stops the thread.
#[derive(Debug)]
pub struct MotionWorker {
    commands: SyncSender<WorkerCommand>,
    output: Consumer<MotionOutput>,
    shared: Arc<Shared>,
    capture: HandoffCounters,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MotionWorker {
    /// Starts a worker on the frames of `frames` with a core configured by `config`. It runs
    /// until dropped, or until the capture's hand-off closes.
    pub fn spawn(
        frames: Consumer<CapturedFrame>,
        config: MotionConfig,
    ) -> std::io::Result<MotionWorker> {
        let (tx, rx) = sync_channel(COMMAND_QUEUE);
        let (producer, output) = handoff();
        let shared = Arc::new(Shared::default());
        let stop = Arc::new(AtomicBool::new(false));
        let capture = frames.counters();
        let mut work = Work {
            frames,
            out: producer,
            commands: rx,
            core: MotionCore::new(config.clone()),
            config,
            shared: Arc::clone(&shared),
            stop: Arc::clone(&stop),
            recent: VecDeque::with_capacity(FPS_SAMPLES),
        };
        let thread = std::thread::Builder::new()
            .name("motion-worker".into())
            .spawn(move || work.run())?;
        Ok(MotionWorker {
            commands: tx,
            output,
            shared,
            capture,
            stop,
            thread: Some(thread),
        })
    }

    /// The newest report, taking it if a new one arrived; never waits. `None` until the first.
    pub fn latest(&mut self) -> Option<&MotionOutput> {
        self.output.try_take();
        self.output.latest()
    }

    /// Waits up to `timeout` for a report newer than the last one taken (tests and benches).
    pub fn wait_output(&mut self, timeout: Duration) -> Option<&MotionOutput> {
        match self.output.wait(timeout) {
            Received::Fresh(out) => Some(out),
            Received::TimedOut | Received::Closed => None,
        }
    }

    /// Queues a command for the worker, without waiting.
    pub fn send(&self, command: WorkerCommand) -> Result<(), CommandError> {
        self.commands.try_send(command).map_err(|e| match e {
            TrySendError::Full(_) => CommandError::Busy,
            TrySendError::Disconnected(_) => CommandError::Stopped,
        })
    }

    /// Sets the zones of the current mini-game.
    pub fn set_zones(&self, zones: Vec<Zone>) -> Result<(), CommandError> {
        self.send(WorkerCommand::SetZones(zones))
    }

    /// Sets the profile (standing, seated, bed).
    pub fn set_profile(&self, profile: Profile) -> Result<(), CommandError> {
        self.send(WorkerCommand::SetProfile(profile))
    }

    /// The counters now.
    pub fn stats(&self) -> WorkerStats {
        let capture = self.capture.stats();
        let s = &self.shared;
        WorkerStats {
            frames_captured: capture.published,
            frames_processed: s.processed.load(Ordering::Relaxed),
            frames_dropped: capture.dropped,
            frames_rejected: s.rejected.load(Ordering::Relaxed),
            fps: f32::from_bits(s.fps.load(Ordering::Relaxed)),
            capture_fps: f32::from_bits(s.capture_fps.load(Ordering::Relaxed)),
            latency: Duration::from_nanos(s.latency_ns.load(Ordering::Relaxed)),
            last_error: s
                .last_error
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }

    /// True while the worker thread runs (it ends when the capture stops).
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Stops the worker and waits for its current frame to finish.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for MotionWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            // The worker catches panics in the core; a join error has nothing left to report.
            let _ = thread.join();
        }
    }
}

/// Copies a report into a recycled one, reusing its vectors' memory (`Clone::clone_from` of a
/// derived `Clone` would allocate anew). Destructured so that a new field cannot be missed.
fn copy_report(dst: &mut MotionReport, src: &MotionReport) {
    let MotionReport {
        frame,
        timestamp,
        learning,
        lighting,
        camera_moved,
        activity,
        motion_fraction,
        frame_size,
        mask_size,
        blobs,
        players,
        zones,
        gestures,
        stray_motion,
    } = src;
    dst.frame = *frame;
    dst.timestamp = *timestamp;
    dst.learning = *learning;
    dst.lighting = *lighting;
    dst.camera_moved = *camera_moved;
    dst.activity = *activity;
    dst.motion_fraction = *motion_fraction;
    dst.frame_size = *frame_size;
    dst.mask_size = *mask_size;
    dst.blobs.clone_from(blobs);
    dst.players.clone_from(players);
    dst.zones.clone_from(zones);
    dst.gestures.clone_from(gestures);
    dst.stray_motion = *stray_motion;
}

/// Copies a mask into a recycled one without reallocating when the sizes agree.
fn copy_mask(dst: &mut BitMask, src: &BitMask) {
    if (dst.width(), dst.height()) == (src.width(), src.height()) {
        dst.copy_from(src);
    } else {
        *dst = src.clone();
    }
}

/// The worker thread's state.
struct Work {
    frames: Consumer<CapturedFrame>,
    out: Producer<MotionOutput>,
    commands: Receiver<WorkerCommand>,
    core: MotionCore,
    config: MotionConfig,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    /// (arrival, capture number, processed number) of recent frames, for the rates.
    recent: VecDeque<(Instant, u64, u64)>,
}

impl Work {
    fn run(&mut self) {
        while !self.stop.load(Ordering::Acquire) {
            if !self.apply_commands() {
                return;
            }
            let (captured_at, sequence) = match self.frames.wait(WAIT) {
                Received::Fresh(f) => (f.captured_at, f.sequence),
                Received::TimedOut => continue,
                Received::Closed => return,
            };
            // Commands sent while waiting apply to this frame already.
            if !self.apply_commands() {
                return;
            }
            self.process(captured_at, sequence);
        }
    }

    /// Applies queued commands; false once the game side is gone.
    fn apply_commands(&mut self) -> bool {
        loop {
            match self.commands.try_recv() {
                Ok(WorkerCommand::SetZones(zones)) => {
                    self.core.set_zones(&zones);
                    self.config.zones = zones;
                }
                Ok(WorkerCommand::SetProfile(profile)) => {
                    self.core.set_profile(profile);
                    self.config.profile = profile;
                }
                Ok(WorkerCommand::Reconfigure(config)) => {
                    self.core = MotionCore::new(config.clone());
                    self.config = config;
                }
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => return false,
            }
        }
    }

    fn process(&mut self, captured_at: Instant, sequence: u64) {
        let Some(captured) = self.frames.latest() else {
            return;
        };
        let f = &captured.frame;
        // Checked, not `OwnedFrame::view` (which panics): a source may hand over anything.
        let view = match LumaFrame::new(&f.data, f.width, f.height, f.width, f.timestamp) {
            Ok(view) => view,
            Err(e) => {
                self.shared.rejected.fetch_add(1, Ordering::Relaxed);
                self.note_error(format!("frame {sequence} skipped: {e}"));
                return;
            }
        };
        let core = &mut self.core;
        let out = &mut self.out;
        let done = catch_unwind(AssertUnwindSafe(|| {
            core.process(&view);
            let buffer = out.buffer();
            copy_report(&mut buffer.report, core.report());
            copy_mask(&mut buffer.silhouette, core.silhouette());
        }));
        if let Err(panic) = done {
            // A core that panicked may be half-updated: start a fresh one, keep the game going.
            self.core = MotionCore::new(self.config.clone());
            self.note_error(format!(
                "the motion core failed on frame {sequence} and was restarted: {}",
                panic_text(&*panic)
            ));
            return;
        }
        let published_at = Instant::now();
        let latency = published_at.saturating_duration_since(captured_at);
        let slot = self.out.buffer();
        slot.captured_at = captured_at;
        slot.published_at = published_at;
        slot.latency = latency;
        slot.sequence = sequence;
        // Counters first, so that whoever sees the report also sees it counted.
        let processed = self.shared.processed.fetch_add(1, Ordering::Relaxed) + 1;
        self.shared.latency_ns.store(
            u64::try_from(latency.as_nanos()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
        self.update_rates(captured_at, sequence, processed);
        self.out.publish();
    }

    fn update_rates(&mut self, at: Instant, sequence: u64, processed: u64) {
        if self.recent.len() == FPS_SAMPLES {
            self.recent.pop_front();
        }
        self.recent.push_back((at, sequence, processed));
        while self
            .recent
            .front()
            .is_some_and(|&(t, _, _)| at.duration_since(t) > FPS_WINDOW)
        {
            self.recent.pop_front();
        }
        let (fps, capture_fps) = match (self.recent.front(), self.recent.back()) {
            (Some(&(t0, s0, p0)), Some(&(t1, s1, p1))) if t1 > t0 => {
                let secs = t1.duration_since(t0).as_secs_f32();
                (
                    p1.saturating_sub(p0) as f32 / secs,
                    s1.saturating_sub(s0) as f32 / secs,
                )
            }
            _ => (0.0, 0.0),
        };
        self.shared.fps.store(fps.to_bits(), Ordering::Relaxed);
        self.shared
            .capture_fps
            .store(capture_fps.to_bits(), Ordering::Relaxed);
    }

    fn note_error(&self, message: String) {
        *self
            .shared
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake::{End, Plan, fake_factory, fast_config};
    use super::super::spec::CaptureSettings;
    use super::super::supervisor::Capture;
    use super::*;
    use crate::motion::OwnedFrame;

    #[test]
    fn reports_flow_with_latency_and_counters() {
        let (capture, frames) = Capture::start(
            "the test camera",
            fake_factory(vec![Plan::run(0, End::Never)]),
            fast_config(),
        )
        .unwrap();
        let mut worker = MotionWorker::spawn(frames, MotionConfig::default()).unwrap();
        let mut last = None;
        for _ in 0..20 {
            let out = worker
                .wait_output(Duration::from_secs(3))
                .expect("a report");
            assert_eq!(out.report.frame_size, (8, 6));
            assert!(out.published_at >= out.captured_at);
            assert_eq!(out.latency, out.published_at - out.captured_at);
            if let Some(prev) = last {
                assert!(out.sequence > prev);
            }
            last = Some(out.sequence);
        }
        let stats = worker.stats();
        assert!(stats.frames_processed >= 20, "{stats:?}");
        assert!(stats.frames_captured >= stats.frames_processed);
        assert!(stats.fps > 0.0 && stats.capture_fps > 0.0, "{stats:?}");
        assert_eq!(stats.last_error, None);
        // `latest` never waits and keeps answering with the newest.
        assert!(worker.latest().is_some());
        drop(capture);
        // The worker ends by itself once the capture has stopped.
        let deadline = Instant::now() + Duration::from_secs(3);
        while worker.is_running() {
            assert!(Instant::now() < deadline, "worker did not stop");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Feeds frames by hand, for exact control of what the worker sees.
    fn manual() -> (Producer<CapturedFrame>, MotionWorker) {
        let (producer, consumer) = handoff();
        let worker = MotionWorker::spawn(consumer, MotionConfig::default()).unwrap();
        (producer, worker)
    }

    fn feed(tx: &mut Producer<CapturedFrame>, frame: OwnedFrame, sequence: u64) {
        let slot = tx.buffer();
        slot.frame = frame;
        slot.captured_at = Instant::now();
        slot.sequence = sequence;
        tx.publish();
    }

    #[test]
    fn commands_change_zones_and_profile() {
        let (mut tx, mut worker) = manual();
        let zones = vec![
            Zone::centred(0.5, 0.5, 0.2, 0.2),
            Zone::centred(0.2, 0.2, 0.1, 0.1),
        ];
        worker.set_zones(zones).unwrap();
        worker.set_profile(Profile::Bed).unwrap();
        let mut frame = OwnedFrame::filled(64, 48, 90);
        for i in 0..5u64 {
            frame.timestamp = Duration::from_millis(33 * i);
            feed(&mut tx, frame.clone(), i);
            let out = worker.wait_output(Duration::from_secs(3)).expect("report");
            assert_eq!(out.report.zones.len(), 2);
        }
        worker.send(WorkerCommand::SetZones(Vec::new())).unwrap();
        // Commands are applied before the next frame.
        frame.timestamp = Duration::from_millis(500);
        feed(&mut tx, frame, 9);
        let out = worker.wait_output(Duration::from_secs(3)).expect("report");
        assert!(out.report.zones.is_empty());
    }

    #[test]
    fn inconsistent_frames_are_skipped_not_fatal() {
        let (mut tx, mut worker) = manual();
        let mut bad = OwnedFrame::filled(8, 6, 1);
        bad.data.truncate(10);
        feed(&mut tx, bad, 0);
        feed(&mut tx, OwnedFrame::filled(8, 6, 1), 1);
        let out = worker.wait_output(Duration::from_secs(3)).expect("report");
        assert_eq!(out.sequence, 1);
        // Wait for the counters of the skipped frame if it was taken (it may have been
        // overwritten before the worker saw it).
        let stats = worker.stats();
        if stats.frames_rejected == 1 {
            assert!(
                stats
                    .last_error
                    .is_some_and(|e| e.contains("frame 0 skipped"))
            );
        }
        assert!(worker.is_running());
    }

    #[test]
    fn a_slow_worker_drops_frames_and_counts_them() {
        let (mut tx, mut worker) = manual();
        for i in 0..50u64 {
            let mut f = OwnedFrame::filled(640, 480, (i % 250) as u8);
            f.timestamp = Duration::from_millis(i);
            feed(&mut tx, f, i);
        }
        // Whatever the worker managed, the newest frame gets processed and nothing is lost
        // from the books: every published frame was either taken or dropped (or is waiting).
        let mut newest = 0;
        while let Some(out) = worker.wait_output(Duration::from_millis(500)) {
            newest = out.sequence;
            if newest == 49 {
                break;
            }
        }
        assert_eq!(newest, 49);
        let stats = worker.stats();
        assert_eq!(stats.frames_captured, 50);
        assert_eq!(
            stats.frames_processed + stats.frames_dropped,
            50,
            "{stats:?}"
        );
    }

    #[test]
    fn synthetic_children_are_seen_through_the_whole_chain() {
        let spec = "synthetic:players=1,seed=3".parse().unwrap();
        let settings = CaptureSettings {
            width: 160,
            height: 120,
            fps: 200,
        };
        let (_capture, frames) = Capture::start_spec(&spec, settings, fast_config()).unwrap();
        let mut worker = MotionWorker::spawn(frames, MotionConfig::default()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut saw_motion = false;
        while Instant::now() < deadline && !saw_motion {
            if let Some(out) = worker.wait_output(Duration::from_millis(200)) {
                saw_motion = out.report.motion_fraction > 0.0 || !out.report.players.is_empty();
            }
        }
        assert!(saw_motion, "{:?}", worker.stats());
    }
}
