//! One reading session: a thread that opens a source, reads it until it fails, and says why.
//!
//! The supervisor starts one session per attempt and watches it from outside. Reading runs on
//! a thread of its own because a camera driver can block forever inside a read (a frozen
//! camera): the supervisor must be able to notice, report and move on without that thread's
//! cooperation. Everything the source does runs under `catch_unwind`, so a panic in a driver
//! binding or decoder becomes a reported failure, never a dead capture thread.

use super::convert::panic_text;
use super::handoff::Producer;
use super::source::{CapturedFrame, FrameSource, SourceError, SourceInfo};
use crate::motion::OwnedFrame;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Opens a source; called afresh for every attempt, on the session's thread.
pub type SourceFactory =
    Arc<dyn Fn() -> Result<Box<dyn FrameSource>, SourceError> + Send + Sync + 'static>;

/// Why a session ended.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// The factory could not open the source.
    Open(SourceError),
    /// A read failed (unplugged, driver error).
    Read(SourceError),
    /// Too many unreadable frames in a row.
    Garbage {
        /// How many in a row.
        count: u32,
        /// The last one's problem.
        last: String,
    },
    /// The source (or its factory) panicked.
    Panic(String),
}

/// What a session tells the supervisor; each carries the session's id so that a late message
/// from an abandoned session is recognised and ignored.
#[derive(Debug)]
pub(crate) enum Event {
    /// The source is open and about to be read.
    Opened(u64, Box<SourceInfo>),
    /// The session ended.
    Ended(u64, Failure),
    /// Wakes the supervisor (to stop).
    Wake,
}

/// Where frames go: the hand-off's producer, shared by the sessions (one at a time), with the
/// numbering that must continue across sessions.
#[derive(Debug)]
pub(crate) struct Publisher {
    pub(crate) producer: Producer<CapturedFrame>,
    /// Timestamp of the last frame published, to keep timestamps rising across sessions.
    last_timestamp: Option<Duration>,
    sequence: u64,
}

impl Publisher {
    pub(crate) fn new(producer: Producer<CapturedFrame>) -> Self {
        Self {
            producer,
            last_timestamp: None,
            sequence: 0,
        }
    }
}

/// What the supervisor and one session share.
#[derive(Debug)]
pub(crate) struct SessionControl {
    /// Set by the supervisor when it gives up on this session: stop reading, publish nothing.
    pub(crate) retired: AtomicBool,
    /// Nanoseconds since the supervisor's epoch at the last sign of life (open, good frame).
    pub(crate) heartbeat: AtomicU64,
}

impl SessionControl {
    pub(crate) fn new() -> Self {
        Self {
            retired: AtomicBool::new(false),
            heartbeat: AtomicU64::new(0),
        }
    }
}

/// Everything a session thread needs.
pub(crate) struct Session {
    pub(crate) id: u64,
    pub(crate) factory: SourceFactory,
    pub(crate) control: Arc<SessionControl>,
    pub(crate) events: SyncSender<Event>,
    pub(crate) publisher: Arc<Mutex<Publisher>>,
    /// The supervisor's start: timestamps and heartbeats are measured from it.
    pub(crate) epoch: Instant,
    /// Unreadable frames in a row that end the session.
    pub(crate) garbage_limit: u32,
}

fn nanos_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// Checks what a source wrote, so that a frame that lies about its size never reaches the
/// core (which would index out of bounds).
fn check_frame(frame: &OwnedFrame) -> Result<(), String> {
    if frame.width == 0 || frame.height == 0 {
        return Err(format!("empty picture ({}x{})", frame.width, frame.height));
    }
    match frame.width.checked_mul(frame.height) {
        Some(n) if n == frame.data.len() => Ok(()),
        _ => Err(format!(
            "{} bytes for a {}x{} picture",
            frame.data.len(),
            frame.width,
            frame.height
        )),
    }
}

impl Session {
    /// Runs the session to its end; called on the session's own thread.
    pub(crate) fn run(self) {
        let outcome = self.open_and_read();
        if let Err(failure) = outcome {
            // Never blocks: the channel has room for every session's two messages, and a
            // supervisor that has gone away no longer needs to know.
            let _ = self.events.try_send(Event::Ended(self.id, failure));
        }
    }

    fn retired(&self) -> bool {
        self.control.retired.load(Ordering::Acquire)
    }

    fn open_and_read(&self) -> Result<(), Failure> {
        let factory = &self.factory;
        let mut source = match catch_unwind(AssertUnwindSafe(|| factory())) {
            Ok(Ok(source)) => source,
            Ok(Err(e)) => return Err(Failure::Open(e)),
            Err(panic) => return Err(Failure::Panic(panic_text(&*panic))),
        };
        let result = self.read_all(&mut source);
        // Closing a broken driver may panic too.
        let _ = catch_unwind(AssertUnwindSafe(move || drop(source)));
        result
    }

    fn read_all(&self, source: &mut Box<dyn FrameSource>) -> Result<(), Failure> {
        if self.retired() {
            return Ok(());
        }
        let info = match catch_unwind(AssertUnwindSafe(|| source.info().clone())) {
            Ok(info) => info,
            Err(panic) => return Err(Failure::Panic(panic_text(&*panic))),
        };
        // The session's frames are placed after everything published before it.
        let offset = self.epoch.elapsed();
        self.control
            .heartbeat
            .store(nanos_since(self.epoch), Ordering::Release);
        let _ = self.events.try_send(Event::Opened(self.id, Box::new(info)));
        let mut frame = OwnedFrame::default();
        let mut bad = 0u32;
        loop {
            if self.retired() {
                return Ok(());
            }
            let read = catch_unwind(AssertUnwindSafe(|| source.read(&mut frame)));
            let problem = match read {
                Err(panic) => return Err(Failure::Panic(panic_text(&*panic))),
                Ok(Err(e)) if e.is_bad_frame() => e.detail().to_owned(),
                Ok(Err(e)) => return Err(Failure::Read(e)),
                Ok(Ok(arrived)) => match check_frame(&frame) {
                    Ok(()) => {
                        bad = 0;
                        self.control
                            .heartbeat
                            .store(nanos_since(self.epoch), Ordering::Release);
                        self.publish(&mut frame, arrived, offset);
                        continue;
                    }
                    Err(problem) => problem,
                },
            };
            bad += 1;
            if bad >= self.garbage_limit {
                return Err(Failure::Garbage {
                    count: bad,
                    last: problem,
                });
            }
        }
    }

    /// Swaps the frame into the hand-off (getting a recycled buffer back in `frame`), unless
    /// the supervisor has given up on this session.
    fn publish(&self, frame: &mut OwnedFrame, arrived: Instant, offset: Duration) {
        let mut publisher = self
            .publisher
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Checked under the lock that the supervisor takes to retire a session: after that,
        // not one more frame from it.
        if self.retired() {
            return;
        }
        let mut timestamp = offset + frame.timestamp;
        if let Some(last) = publisher.last_timestamp {
            timestamp = timestamp.max(last + Duration::from_micros(1));
        }
        publisher.last_timestamp = Some(timestamp);
        let sequence = publisher.sequence;
        publisher.sequence += 1;
        let slot = publisher.producer.buffer();
        std::mem::swap(&mut slot.frame, frame);
        slot.frame.timestamp = timestamp;
        slot.captured_at = arrived;
        slot.sequence = sequence;
        publisher.producer.publish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_that_lie_about_their_size_are_caught() {
        let mut frame = OwnedFrame::filled(8, 6, 1);
        assert_eq!(check_frame(&frame), Ok(()));
        frame.data.pop();
        assert_eq!(
            check_frame(&frame),
            Err("47 bytes for a 8x6 picture".into())
        );
        frame.width = 0;
        assert!(check_frame(&frame).unwrap_err().contains("empty"));
        let huge = OwnedFrame {
            data: Vec::new(),
            width: usize::MAX,
            height: 2,
            timestamp: Duration::ZERO,
        };
        assert!(check_frame(&huge).is_err());
    }
}
