//! Test-only fake sources that fail on cue: missing, busy, unplugged, frozen, garbage, panics.
//!
//! Supervision is only believable if every failure it claims to survive is actually staged;
//! real cameras cannot be made to fail on demand, so these fakes do it, quickly.

use super::source::{FrameSource, LockState, SourceError, SourceInfo, SourceKind};
use super::supervisor::SupervisorConfig;
use crate::motion::OwnedFrame;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frame size of the fakes: tiny, so that tests stay fast.
pub(crate) const W: usize = 8;
pub(crate) const H: usize = 6;
/// Time between fake frames.
const INTERVAL: Duration = Duration::from_millis(1);
const DEVICE: &str = "the fake camera";

/// How a fake session ends after its good frames.
#[derive(Debug, Clone, Copy)]
pub(crate) enum End {
    /// A read error, as when the cable is pulled.
    ReadError,
    /// The read blocks this long (the watchdog must notice), then fails.
    Freeze(Duration),
    /// This many frames whose buffer does not match their size, then good frames again.
    WrongSize(usize),
    /// This many undecodable frames, then good frames again.
    Undecodable(usize),
    /// The driver panics.
    Panic,
    /// Good frames forever.
    Never,
}

/// What one call of the factory does.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Plan {
    /// Opening fails with this kind of error.
    OpenFails(OpenError),
    /// Opening panics.
    OpenPanics,
    /// Opening blocks this long, then succeeds.
    OpenHangs(Duration),
    /// Opens, delivers `frames` good frames, then ends as told.
    Run {
        /// Good frames first.
        frames: usize,
        /// Then this.
        then: End,
    },
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum OpenError {
    NotFound,
    Busy,
}

impl Plan {
    pub(crate) fn open_fails_not_found() -> Self {
        Plan::OpenFails(OpenError::NotFound)
    }

    pub(crate) fn open_fails_busy() -> Self {
        Plan::OpenFails(OpenError::Busy)
    }

    pub(crate) fn run(frames: usize, then: End) -> Self {
        Plan::Run { frames, then }
    }
}

/// Timings that make supervision tests take a fraction of a second.
pub(crate) fn fast_config() -> SupervisorConfig {
    SupervisorConfig {
        retry_initial: Duration::from_millis(10),
        retry_max: Duration::from_millis(40),
        frozen_after: Duration::from_millis(400),
        open_timeout: Duration::from_millis(400),
        garbage_limit: 5,
        stable_after: Duration::from_secs(10),
        max_stuck: 2,
        stop_wait: Duration::from_millis(100),
        tick: Duration::from_millis(5),
    }
}

/// A factory that follows `plans`, one per call, then opens healthy fakes forever.
pub(crate) fn fake_factory(
    plans: Vec<Plan>,
) -> impl Fn() -> Result<Box<dyn FrameSource>, SourceError> + Send + Sync + 'static {
    let plans = Arc::new(Mutex::new(VecDeque::from(plans)));
    let opened = Arc::new(Mutex::new(0usize));
    move || {
        let plan = plans
            .lock()
            .expect("test lock")
            .pop_front()
            .unwrap_or(Plan::run(0, End::Never));
        let (frames, then) = match plan {
            Plan::OpenFails(OpenError::NotFound) => {
                return Err(SourceError::NotFound {
                    device: DEVICE.into(),
                    detail: "no such device".into(),
                });
            }
            Plan::OpenFails(OpenError::Busy) => {
                return Err(SourceError::Busy {
                    device: DEVICE.into(),
                    detail: "Device or resource busy (os error 16)".into(),
                });
            }
            Plan::OpenPanics => panic!("the fake factory fell over"),
            Plan::OpenHangs(d) => {
                std::thread::sleep(d);
                (0, End::Never)
            }
            Plan::Run { frames, then } => (frames, then),
        };
        let mut n = opened.lock().expect("test lock");
        *n += 1;
        Ok(Box::new(FakeSource::new(*n, frames, then)) as Box<dyn FrameSource>)
    }
}

/// A source that delivers tiny frames every millisecond and then misbehaves as told.
pub(crate) struct FakeSource {
    info: SourceInfo,
    good_left: usize,
    then: End,
    count: u64,
    started: Instant,
}

impl FakeSource {
    pub(crate) fn new(number: usize, frames: usize, then: End) -> Self {
        Self {
            info: SourceInfo {
                kind: SourceKind::Camera,
                name: format!("fake {number}"),
                width: W,
                height: H,
                fps: 1000.0,
                pixel_format: "GRAY".into(),
                exposure: LockState::Locked,
                white_balance: LockState::NotLocked("fakes have no white balance".into()),
                note: "a fake for tests".into(),
            },
            good_left: frames,
            then,
            count: 0,
            started: Instant::now(),
        }
    }

    fn good(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError> {
        std::thread::sleep(INTERVAL);
        self.count += 1;
        frame.width = W;
        frame.height = H;
        frame.data.clear();
        frame.data.resize(W * H, (self.count % 200) as u8);
        let now = Instant::now();
        frame.timestamp = now.duration_since(self.started);
        Ok(now)
    }
}

impl FrameSource for FakeSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn read(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError> {
        if self.good_left > 0 {
            self.good_left -= 1;
            return self.good(frame);
        }
        match &mut self.then {
            End::Never => self.good(frame),
            End::ReadError => Err(SourceError::Disconnected {
                device: DEVICE.into(),
                detail: "No such device (os error 19)".into(),
            }),
            End::Freeze(d) => {
                std::thread::sleep(*d);
                Err(SourceError::Disconnected {
                    device: DEVICE.into(),
                    detail: "woke up after a freeze".into(),
                })
            }
            End::WrongSize(0) | End::Undecodable(0) => self.good(frame),
            End::WrongSize(n) => {
                *n -= 1;
                std::thread::sleep(INTERVAL);
                frame.width = W;
                frame.height = H;
                frame.data.resize(W * H / 2, 0);
                Ok(Instant::now())
            }
            End::Undecodable(n) => {
                *n -= 1;
                std::thread::sleep(INTERVAL);
                Err(SourceError::BadFrame {
                    device: DEVICE.into(),
                    detail: "corrupt JPEG data".into(),
                })
            }
            End::Panic => panic!("the fake driver fell over"),
        }
    }
}
