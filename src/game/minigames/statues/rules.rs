//! Woodland Statues' rules: dance while the music plays, hold still when it stops.

/// The two halves of the game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// Music on: dance for this many seconds in all.
    Dancing {
        /// How long this dance lasts.
        length: f32,
    },
    /// Music off: hold still for this many seconds.
    Freezing {
        /// How long the freeze lasts.
        length: f32,
        /// Seconds the children were still so far.
        still: f32,
    },
}

/// What happened at the end of a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The music stopped: freeze!
    MusicStopped,
    /// The freeze ended; `true` if the children held still long enough.
    FreezeEnded(bool),
}

/// Fraction of the freeze a child must stay still to earn a star (a small wobble is fine).
pub const STILL_ENOUGH: f32 = 0.7;

/// The statues clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Statues {
    /// The current phase.
    pub phase: Phase,
    /// Seconds into it.
    pub elapsed: f32,
    seed: u32,
}

impl Statues {
    /// Starts dancing; `seed` varies the dance lengths.
    pub fn new(seed: u32, dance: (f32, f32)) -> Self {
        let mut s = Self {
            phase: Phase::Dancing { length: 0.0 },
            elapsed: 0.0,
            seed,
        };
        s.phase = Phase::Dancing {
            length: s.next_length(dance),
        };
        s
    }

    /// A dance length between the level's bounds; a child cannot guess when the music stops.
    fn next_length(&mut self, (lo, hi): (f32, f32)) -> f32 {
        self.seed = self
            .seed
            .wrapping_mul(1_664_525)
            .wrapping_add(1_013_904_223);
        let u = (self.seed >> 8) as f32 / (1u32 << 24) as f32;
        lo + (hi - lo).max(0.0) * u
    }

    /// Advances by `dt`; `still` says whether the children are still in this frame.
    pub fn tick(
        &mut self,
        dt: f32,
        still: bool,
        dance: (f32, f32),
        freeze: f32,
    ) -> Option<Outcome> {
        self.elapsed += dt;
        match &mut self.phase {
            Phase::Dancing { length } => {
                if self.elapsed >= *length {
                    self.phase = Phase::Freezing {
                        length: freeze,
                        still: 0.0,
                    };
                    self.elapsed = 0.0;
                    return Some(Outcome::MusicStopped);
                }
            }
            Phase::Freezing {
                length,
                still: held,
            } => {
                if still {
                    *held += dt;
                }
                if self.elapsed >= *length {
                    let well = *held >= STILL_ENOUGH * *length;
                    let length = self.next_length(dance);
                    self.phase = Phase::Dancing { length };
                    self.elapsed = 0.0;
                    return Some(Outcome::FreezeEnded(well));
                }
            }
        }
        None
    }

    /// Whether the music should play.
    pub fn music_on(&self) -> bool {
        matches!(self.phase, Phase::Dancing { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(still_when_frozen: bool) -> Vec<Outcome> {
        let mut s = Statues::new(7, (2.0, 4.0));
        let mut out = Vec::new();
        for _ in 0..(30 * 30) {
            let frozen = !s.music_on();
            if let Some(o) = s.tick(1.0 / 30.0, frozen && still_when_frozen, (2.0, 4.0), 2.0) {
                out.push(o);
            }
        }
        out
    }

    #[test]
    fn stillness_in_the_pause_scores() {
        let out = run(true);
        assert!(
            out.iter()
                .filter(|o| **o == Outcome::FreezeEnded(true))
                .count()
                >= 4
        );
        assert!(!out.contains(&Outcome::FreezeEnded(false)));
    }

    #[test]
    fn moving_in_the_pause_does_not() {
        let out = run(false);
        assert!(out.contains(&Outcome::MusicStopped));
        assert!(!out.contains(&Outcome::FreezeEnded(true)));
    }
}
