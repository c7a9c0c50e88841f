//! Synthetic children as a frame source: endless, paced like a camera, no hardware needed.
//!
//! Demos, tests and development machines without a camera still get a moving picture with
//! the motion core's own synthetic players. The scene is a long scripted clip played in a
//! loop; timestamps keep rising across the loop, as a camera's would.

use super::pace::Pacer;
use super::source::{FrameSource, LockState, SourceError, SourceInfo, SourceKind};
use super::spec::{CaptureSettings, MAX_SYNTHETIC_PLAYERS, PlannedOutage};
use crate::motion::OwnedFrame;
use crate::motion::synth::{SynthScene, SynthSpec};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// When this program first opened a synthetic source: planned outages count from here, so
/// that re-opening the source after a loss (as the supervisor does) does not move them.
static FIRST_OPENED: OnceLock<Instant> = OnceLock::new();

/// Length of the scripted scene before it repeats: long enough that nobody notices the loop.
const SCENE_SECONDS: f32 = 600.0;
/// Largest side accepted: bigger is a typing mistake, and would take seconds per frame.
const MAX_SIDE: u32 = 4096;

/// Drawn children, in real time.
#[derive(Debug)]
pub struct SyntheticSource {
    scene: SynthScene,
    frames: usize,
    index: usize,
    pacer: Pacer,
    info: SourceInfo,
    outage: Option<PlannedOutage>,
}

impl SyntheticSource {
    /// A scene of `players` children (0 to 3) drawn from `seed`, at the size and rate in
    /// `settings`.
    pub fn new(players: usize, seed: u64, settings: &CaptureSettings) -> Result<Self, SourceError> {
        let device = "the synthetic players".to_owned();
        if players > MAX_SYNTHETIC_PLAYERS {
            return Err(SourceError::Unusable {
                device,
                detail: format!("{players} players asked for, at most {MAX_SYNTHETIC_PLAYERS}"),
            });
        }
        let CaptureSettings { width, height, fps } = *settings;
        if !(16..=MAX_SIDE).contains(&width) || !(16..=MAX_SIDE).contains(&height) || fps == 0 {
            return Err(SourceError::Unusable {
                device,
                detail: format!(
                    "{width}x{height} at {fps} fps asked for (sides 16 to {MAX_SIDE}, at least 1 fps)"
                ),
            });
        }
        let spec = SynthSpec {
            width: width as usize,
            height: height as usize,
            fps,
            seconds: SCENE_SECONDS,
            players,
            seed,
            ..SynthSpec::default()
        };
        let frames = spec.frame_count().max(1);
        Ok(Self {
            info: SourceInfo {
                kind: SourceKind::Synthetic,
                name: "synthetic players".to_owned(),
                width: spec.width,
                height: spec.height,
                fps: f64::from(fps),
                pixel_format: "synthetic luma".to_owned(),
                exposure: LockState::NotApplicable,
                white_balance: LockState::NotApplicable,
                note: format!(
                    "{players} drawn {} (seed {seed}), no camera in use",
                    if players == 1 { "child" } else { "children" }
                ),
            },
            scene: SynthScene::new(spec),
            frames,
            index: 0,
            pacer: Pacer::new(f64::from(fps)),
            outage: None,
        })
    }

    /// The same source with a planned loss of picture. Opening it while the planned loss
    /// lasts fails as a missing camera would.
    pub fn with_outage(mut self, outage: Option<PlannedOutage>) -> Result<Self, SourceError> {
        FIRST_OPENED.get_or_init(Instant::now);
        self.outage = outage;
        if let Some(problem) = self.planned_problem() {
            return Err(SourceError::NotFound {
                device: self.info.name.clone(),
                detail: problem,
            });
        }
        Ok(self)
    }

    /// Why there is no picture now, while a planned outage lasts.
    fn planned_problem(&self) -> Option<String> {
        let o = self.outage?;
        let since = FIRST_OPENED.get()?.elapsed();
        let start = Duration::from_secs(u64::from(o.after_s));
        let end = start + Duration::from_secs(u64::from(o.for_s));
        (since >= start && since < end).then(|| {
            format!(
                "a planned outage ({} s from {} s after start), as asked by outage={}+{}",
                o.for_s, o.after_s, o.after_s, o.for_s
            )
        })
    }
}

impl FrameSource for SyntheticSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn read(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError> {
        if let Some(problem) = self.planned_problem() {
            return Err(SourceError::Disconnected {
                device: self.info.name.clone(),
                detail: problem,
            });
        }
        self.scene.render(self.index, frame);
        self.index = (self.index + 1) % self.frames;
        let (timestamp, arrived) = self.pacer.wait();
        frame.timestamp = timestamp;
        Ok(arrived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn small(fps: u32) -> CaptureSettings {
        CaptureSettings {
            width: 64,
            height: 48,
            fps,
        }
    }

    #[test]
    fn draws_frames_of_the_asked_size_with_rising_timestamps() {
        let mut source = SyntheticSource::new(2, 7, &small(200)).unwrap();
        assert_eq!(source.info().kind, SourceKind::Synthetic);
        let mut frame = OwnedFrame::default();
        let mut last = None;
        for i in 0..5u32 {
            source.read(&mut frame).unwrap();
            assert_eq!(
                (frame.width, frame.height, frame.data.len()),
                (64, 48, 64 * 48)
            );
            assert_eq!(frame.timestamp, Duration::from_millis(5) * i);
            assert!(last.is_none_or(|t| frame.timestamp > t));
            last = Some(frame.timestamp);
        }
    }

    #[test]
    fn the_scene_loops_without_the_timestamps_going_back() {
        let mut source = SyntheticSource::new(1, 1, &small(400)).unwrap();
        source.frames = 3; // a very short loop for the test
        let mut frame = OwnedFrame::default();
        let mut last = Duration::ZERO;
        for _ in 0..7 {
            source.read(&mut frame).unwrap();
            assert!(frame.timestamp >= last);
            last = frame.timestamp;
        }
        assert_eq!(source.index, 7 % 3);
        assert!(last > Duration::ZERO);
    }

    #[test]
    fn silly_settings_are_refused_with_reasons() {
        let err = SyntheticSource::new(4, 1, &small(30)).unwrap_err();
        assert!(err.to_string().contains("at most 3"), "{err}");
        let err = SyntheticSource::new(1, 1, &small(0)).unwrap_err();
        assert!(err.to_string().contains("at least 1 fps"), "{err}");
        let big = CaptureSettings {
            width: 100_000,
            height: 10,
            fps: 30,
        };
        assert!(SyntheticSource::new(1, 1, &big).is_err());
    }
}
