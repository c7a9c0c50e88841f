//! Pacing: deliver frames at a fixed rate, as a camera does, from sources that could go faster.
//!
//! A clip read as fast as the disk allows would make a 30 fps recording play at 500 fps and
//! every speed in the game wrong. The pacer sleeps until each frame is due on a fixed
//! schedule (so small delays do not add up), and after a long stall (the machine was busy)
//! moves the schedule on instead of delivering a burst of stale frames.

use std::time::{Duration, Instant};

/// Behind schedule by more than this, the schedule is moved on rather than caught up.
const MAX_LAG: Duration = Duration::from_millis(500);

/// A fixed-rate schedule of frame times.
#[derive(Debug, Clone)]
pub struct Pacer {
    interval: Duration,
    start: Instant,
    /// Index of the next frame on the schedule.
    next: u64,
}

impl Pacer {
    /// A schedule of `fps` frames a second starting now; rates that make no sense (zero,
    /// negative, not a number) fall back to 30.
    pub fn new(fps: f64) -> Self {
        let fps = if fps.is_finite() && fps > 0.0 {
            fps.min(1000.0)
        } else {
            30.0
        };
        Self {
            interval: Duration::from_secs_f64(1.0 / fps),
            start: Instant::now(),
            next: 0,
        }
    }

    /// Time between frames.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    fn due(&self, index: u64) -> Duration {
        let nanos = u64::try_from(self.interval.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(nanos.saturating_mul(index))
    }

    /// Sleeps until the next frame is due and returns its timestamp on the schedule (since the
    /// pacer started; strictly increasing) and the moment it was released.
    pub fn wait(&mut self) -> (Duration, Instant) {
        let now = Instant::now();
        let elapsed = now.duration_since(self.start);
        let mut due = self.due(self.next);
        if elapsed > due + MAX_LAG {
            // A long stall: skip the missed slots, as a camera would have dropped them.
            let missed = (elapsed.as_secs_f64() / self.interval.as_secs_f64()).floor() as u64;
            self.next = missed.max(self.next + 1);
            due = self.due(self.next);
        }
        if due > elapsed {
            std::thread::sleep(due - elapsed);
        }
        self.next += 1;
        (due, Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_come_on_schedule_and_never_early() {
        let mut pacer = Pacer::new(200.0);
        let start = Instant::now();
        let mut last = None;
        for i in 0..10u32 {
            let (stamp, _) = pacer.wait();
            assert_eq!(stamp, Duration::from_millis(5) * i);
            if let Some(prev) = last {
                assert!(stamp > prev);
            }
            last = Some(stamp);
        }
        // Ten frames at 200 fps take at least nine intervals.
        assert!(start.elapsed() >= Duration::from_millis(45));
    }

    #[test]
    fn a_long_stall_moves_the_schedule_on() {
        let mut pacer = Pacer::new(100.0);
        pacer.wait();
        std::thread::sleep(Duration::from_millis(700));
        let (stamp, _) = pacer.wait();
        assert!(stamp >= Duration::from_millis(690), "{stamp:?}");
        // The next one is one interval later, not a burst.
        let (next, _) = pacer.wait();
        assert_eq!(next, stamp + Duration::from_millis(10));
    }

    #[test]
    fn nonsense_rates_fall_back_to_30() {
        for fps in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            let p = Pacer::new(fps);
            assert_eq!(p.interval(), Duration::from_secs_f64(1.0 / 30.0));
        }
    }
}
