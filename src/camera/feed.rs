//! The whole camera side in one owner: capture thread plus motion worker.
//!
//! The game needs three things from the camera: the newest report, the source's status, and
//! the counters. `MotionFeed` starts both threads, hands out those three without waiting, and
//! stops both when dropped, so the game holds one value (a resource) and nothing can leak.

use super::handoff::Consumer;
use super::source::{CapturedFrame, FrameSource, SourceError};
use super::spec::{CaptureSettings, SourceSpec};
use super::supervisor::{Capture, SourceStatus, SupervisorConfig};
use super::worker::{CommandError, MotionOutput, MotionWorker, WorkerStats};
use crate::motion::{MotionConfig, Profile, Zone};
use std::time::Duration;

/// A running source with the motion core behind it.
#[derive(Debug)]
pub struct MotionFeed {
    // Dropped in this order: the capture closes the hand-off, then the worker ends.
    capture: Capture,
    worker: MotionWorker,
}

impl MotionFeed {
    /// Starts the source a spec names, and the core on its frames.
    pub fn start(
        spec: &SourceSpec,
        settings: CaptureSettings,
        motion: MotionConfig,
        supervision: SupervisorConfig,
    ) -> std::io::Result<MotionFeed> {
        let (capture, frames) = Capture::start_spec(spec, settings, supervision)?;
        Self::assemble(capture, frames, motion)
    }

    /// Starts a source from any factory (tests, a custom source), and the core on its frames.
    pub fn from_factory(
        label: impl Into<String>,
        factory: impl Fn() -> Result<Box<dyn FrameSource>, SourceError> + Send + Sync + 'static,
        motion: MotionConfig,
        supervision: SupervisorConfig,
    ) -> std::io::Result<MotionFeed> {
        let (capture, frames) = Capture::start(label, factory, supervision)?;
        Self::assemble(capture, frames, motion)
    }

    fn assemble(
        capture: Capture,
        frames: Consumer<CapturedFrame>,
        motion: MotionConfig,
    ) -> std::io::Result<MotionFeed> {
        let worker = MotionWorker::spawn(frames, motion)?;
        Ok(MotionFeed { capture, worker })
    }

    /// The newest report with its latency; never waits. `None` before the first.
    pub fn latest(&mut self) -> Option<&MotionOutput> {
        self.worker.latest()
    }

    /// Waits up to `timeout` for a report newer than the last one taken (tests, benches).
    pub fn wait_output(&mut self, timeout: Duration) -> Option<&MotionOutput> {
        self.worker.wait_output(timeout)
    }

    /// The source's status now.
    pub fn status(&self) -> SourceStatus {
        self.capture.status()
    }

    /// The next status change, in order, waiting up to `timeout` (for logs).
    pub fn next_status(&self, timeout: Duration) -> Option<SourceStatus> {
        self.capture.next_status(timeout)
    }

    /// Frames captured, processed, dropped; rates; latency.
    pub fn stats(&self) -> WorkerStats {
        self.worker.stats()
    }

    /// The regions the current mini-game cares about.
    pub fn set_zones(&self, zones: Vec<Zone>) -> Result<(), CommandError> {
        self.worker.set_zones(zones)
    }

    /// Standing, seated or bed.
    pub fn set_profile(&self, profile: Profile) -> Result<(), CommandError> {
        self.worker.set_profile(profile)
    }

    /// The worker, for any other command.
    pub fn worker(&self) -> &MotionWorker {
        &self.worker
    }

    /// Stops both threads (as dropping does).
    pub fn stop(self) {
        drop(self);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake::{End, Plan, fake_factory, fast_config};
    use super::*;

    #[test]
    fn a_feed_recovers_and_keeps_reporting() {
        let mut feed = MotionFeed::from_factory(
            "the test camera",
            fake_factory(vec![Plan::run(10, End::ReadError)]),
            MotionConfig::default(),
            fast_config(),
        )
        .unwrap();
        let mut runnings = 0;
        let mut last_seq = None;
        let mut after_recovery = 0;
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        while after_recovery < 5 {
            assert!(std::time::Instant::now() < deadline, "{:?}", feed.stats());
            while let Some(s) = feed.next_status(Duration::ZERO) {
                runnings += usize::from(matches!(s, SourceStatus::Running { .. }));
            }
            if let Some(out) = feed.wait_output(Duration::from_millis(50)) {
                assert!(last_seq.is_none_or(|s| out.sequence > s));
                last_seq = Some(out.sequence);
                if runnings >= 2 {
                    after_recovery += 1;
                }
            }
        }
        feed.set_profile(Profile::Seated).unwrap();
        assert!(feed.latest().is_some());
        feed.stop();
    }
}
