//! Latest-wins hand-off between one producer thread and one consumer thread.
//!
//! A camera must never wait for the game, and the game only ever wants the newest picture: an
//! old frame is worth nothing once a newer one exists. So the hand-off holds exactly one
//! frame. Publishing swaps the producer's filled buffer into the slot; an unread frame there
//! is overwritten (and counted as dropped), never queued. Three buffers circulate (the
//! producer's, the slot's, the consumer's) and are swapped, never reallocated, so memory stays
//! fixed and steady-state capture allocates nothing: triple buffering.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Counts of what went through a hand-off, shared by both ends.
#[derive(Debug, Default)]
struct Counters {
    published: AtomicU64,
    dropped: AtomicU64,
    taken: AtomicU64,
}

/// A snapshot of a hand-off's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct HandoffStats {
    /// Values the producer published.
    pub published: u64,
    /// Values overwritten before the consumer took them (the consumer was busy).
    pub dropped: u64,
    /// Values the consumer took.
    pub taken: u64,
}

/// A cheap, cloneable view of a hand-off's counters, for whoever reports on it (the motion
/// worker's statistics), without holding either end.
#[derive(Debug, Clone)]
pub struct HandoffCounters(Arc<Counters>);

#[derive(Debug)]
struct Slot<T> {
    value: T,
    fresh: bool,
    closed: bool,
}

#[derive(Debug)]
struct Shared<T> {
    slot: Mutex<Slot<T>>,
    ready: Condvar,
    counters: Arc<Counters>,
}

impl<T> Shared<T> {
    /// The slot, even if a thread panicked while holding it: every critical section here only
    /// swaps values, so the data cannot be half-updated.
    fn lock(&self) -> MutexGuard<'_, Slot<T>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn snapshot(c: &Counters) -> HandoffStats {
    HandoffStats {
        published: c.published.load(Ordering::Relaxed),
        dropped: c.dropped.load(Ordering::Relaxed),
        taken: c.taken.load(Ordering::Relaxed),
    }
}

impl HandoffCounters {
    /// The counts now.
    pub fn stats(&self) -> HandoffStats {
        snapshot(&self.0)
    }
}

/// Creates a hand-off; both ends start with a default value, and no more values are ever
/// created (`T::default` runs exactly three times).
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use wigglewoods::camera::{handoff, Received};
/// let (mut tx, mut rx) = handoff::<u32>();
/// *tx.buffer() = 1;
/// tx.publish();
/// *tx.buffer() = 2;
/// tx.publish(); // overwrites 1, which was never read
/// assert!(matches!(rx.wait(Duration::ZERO), Received::Fresh(&2)));
/// assert_eq!(rx.stats().dropped, 1);
/// ```
pub fn handoff<T: Default>() -> (Producer<T>, Consumer<T>) {
    let shared = Arc::new(Shared {
        slot: Mutex::new(Slot {
            value: T::default(),
            fresh: false,
            closed: false,
        }),
        ready: Condvar::new(),
        counters: Arc::new(Counters::default()),
    });
    (
        Producer {
            shared: Arc::clone(&shared),
            spare: T::default(),
        },
        Consumer {
            shared,
            current: T::default(),
            has_current: false,
        },
    )
}

/// The writing end. Owned by the capture thread; never blocks on the consumer.
#[derive(Debug)]
pub struct Producer<T> {
    shared: Arc<Shared<T>>,
    spare: T,
}

impl<T> Producer<T> {
    /// The buffer to fill next: a recycled value (an old frame), to be overwritten in place.
    pub fn buffer(&mut self) -> &mut T {
        &mut self.spare
    }

    /// Hands the filled buffer over and takes back the slot's old value for reuse. Returns
    /// true when that old value was never read (it is counted as dropped). Constant time: a
    /// swap under a lock that the consumer also only holds for a swap.
    pub fn publish(&mut self) -> bool {
        let mut slot = self.shared.lock();
        std::mem::swap(&mut slot.value, &mut self.spare);
        let dropped = slot.fresh;
        slot.fresh = true;
        drop(slot);
        let c = &self.shared.counters;
        c.published.fetch_add(1, Ordering::Relaxed);
        if dropped {
            c.dropped.fetch_add(1, Ordering::Relaxed);
        }
        self.shared.ready.notify_one();
        dropped
    }

    /// Tells the consumer that nothing more will come (it sees [`Received::Closed`] once it has
    /// taken the last value). Dropping the producer does the same.
    pub fn close(&self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_all();
    }

    /// True when the consumer has been dropped: producing is then pointless.
    pub fn consumer_gone(&self) -> bool {
        Arc::strong_count(&self.shared) == 1
    }

    /// The counts so far.
    pub fn stats(&self) -> HandoffStats {
        snapshot(&self.shared.counters)
    }
}

impl<T> Drop for Producer<T> {
    fn drop(&mut self) {
        self.close();
    }
}

/// What a wait on the hand-off gave.
#[derive(Debug, PartialEq)]
pub enum Received<'a, T> {
    /// A value the consumer had not seen yet: the newest one.
    Fresh(&'a T),
    /// Nothing new arrived in time.
    TimedOut,
    /// The producer is gone and everything it sent has been taken.
    Closed,
}

/// The reading end. Owned by one consumer thread (the motion worker, or the game).
#[derive(Debug)]
pub struct Consumer<T> {
    shared: Arc<Shared<T>>,
    current: T,
    has_current: bool,
}

impl<T> Consumer<T> {
    /// Swaps the slot's fresh value in, if there is one.
    fn take_locked(&mut self, slot: &mut Slot<T>) -> bool {
        if !slot.fresh {
            return false;
        }
        std::mem::swap(&mut slot.value, &mut self.current);
        slot.fresh = false;
        self.has_current = true;
        self.shared.counters.taken.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// Waits up to `timeout` for a value newer than the last one taken, and takes it.
    pub fn wait(&mut self, timeout: Duration) -> Received<'_, T> {
        let deadline = Instant::now().checked_add(timeout);
        let shared = Arc::clone(&self.shared);
        let mut slot = shared.lock();
        loop {
            if self.take_locked(&mut slot) {
                drop(slot);
                return Received::Fresh(&self.current);
            }
            if slot.closed {
                return Received::Closed;
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::from_secs(3600),
            };
            if left.is_zero() {
                return Received::TimedOut;
            }
            slot = shared
                .ready
                .wait_timeout(slot, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Takes the newest value if one arrived since the last call; never waits (beyond a swap).
    pub fn try_take(&mut self) -> Option<&T> {
        let shared = Arc::clone(&self.shared);
        let mut slot = shared.lock();
        if self.take_locked(&mut slot) {
            drop(slot);
            Some(&self.current)
        } else {
            None
        }
    }

    /// The last value taken, if any: what a renderer shows between new values.
    pub fn latest(&self) -> Option<&T> {
        self.has_current.then_some(&self.current)
    }

    /// True once the producer is gone (closed or dropped); a fresh value may still be waiting.
    pub fn is_closed(&self) -> bool {
        self.shared.lock().closed
    }

    /// The counts so far.
    pub fn stats(&self) -> HandoffStats {
        snapshot(&self.shared.counters)
    }

    /// A view of the counters that outlives this end.
    pub fn counters(&self) -> HandoffCounters {
        HandoffCounters(Arc::clone(&self.shared.counters))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_slow_consumer_sees_only_the_newest_and_drops_are_exact() {
        let (mut tx, mut rx) = handoff::<u64>();
        for i in 1..=10 {
            *tx.buffer() = i;
            tx.publish();
        }
        assert_eq!(rx.wait(Duration::ZERO), Received::Fresh(&10));
        assert_eq!(rx.wait(Duration::ZERO), Received::TimedOut);
        let s = rx.stats();
        assert_eq!((s.published, s.dropped, s.taken), (10, 9, 1));
        // One more, taken promptly: nothing more is dropped.
        *tx.buffer() = 11;
        assert!(!tx.publish());
        assert_eq!(rx.try_take(), Some(&11));
        assert_eq!(rx.try_take(), None);
        assert_eq!(rx.latest(), Some(&11));
        assert_eq!(tx.stats().dropped, 9);
    }

    #[test]
    fn drops_are_exact_across_threads() {
        let (mut tx, mut rx) = handoff::<u64>();
        let producer = std::thread::spawn(move || {
            for i in 1..=20_000u64 {
                *tx.buffer() = i;
                tx.publish();
            }
        });
        let mut seen = Vec::new();
        loop {
            match rx.wait(Duration::from_secs(5)) {
                Received::Fresh(&v) => seen.push(v),
                Received::Closed => break,
                Received::TimedOut => panic!("producer stalled"),
            }
        }
        producer.join().unwrap();
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "only ever newer");
        assert_eq!(seen.last(), Some(&20_000), "the last value is never lost");
        let s = rx.stats();
        assert_eq!(s.published, 20_000);
        assert_eq!(s.taken, seen.len() as u64);
        assert_eq!(s.dropped + s.taken, s.published);
    }

    static CREATED: AtomicUsize = AtomicUsize::new(0);

    struct Frame(Vec<u8>);

    impl Default for Frame {
        fn default() -> Self {
            CREATED.fetch_add(1, Ordering::SeqCst);
            Frame(Vec::new())
        }
    }

    #[test]
    fn buffers_are_recycled_and_bounded() {
        let (mut tx, mut rx) = handoff::<Frame>();
        let mut addresses = HashSet::new();
        for i in 0..1000 {
            let buf = tx.buffer();
            buf.0.resize(640 * 480, 0);
            buf.0[0] = i as u8;
            addresses.insert(buf.0.as_ptr() as usize);
            tx.publish();
            if i % 3 == 0
                && let Received::Fresh(f) = rx.wait(Duration::ZERO)
            {
                addresses.insert(f.0.as_ptr() as usize);
                assert_eq!(f.0[0], i as u8);
            }
        }
        assert_eq!(CREATED.load(Ordering::SeqCst), 3, "exactly three buffers");
        assert_eq!(addresses.len(), 3, "no buffer was ever reallocated");
    }

    #[test]
    fn waiting_times_out_and_closing_wakes_the_consumer() {
        let (mut tx, mut rx) = handoff::<u8>();
        assert_eq!(rx.wait(Duration::from_millis(5)), Received::TimedOut);
        *tx.buffer() = 7;
        tx.publish();
        let closer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            drop(tx);
        });
        // The last value is still delivered after the close...
        assert_eq!(rx.wait(Duration::from_secs(5)), Received::Fresh(&7));
        // ...then the wait ends as soon as the producer goes, well before its timeout.
        assert_eq!(rx.wait(Duration::from_secs(30)), Received::Closed);
        assert!(rx.is_closed());
        closer.join().unwrap();
    }

    #[test]
    fn the_producer_knows_when_the_consumer_is_gone() {
        let (tx, rx) = handoff::<u8>();
        let counters = rx.counters();
        assert!(!tx.consumer_gone());
        drop(rx);
        assert!(tx.consumer_gone());
        assert_eq!(counters.stats(), HandoffStats::default());
    }
}
