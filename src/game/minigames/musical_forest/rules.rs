//! The Musical Forest's rules, engine-free: which instrument sits where, which note a
//! movement plays and how loud, and the beat every note waits for.
//!
//! Any movement should sound musical: notes only start on the sixteenths of the mini-games'
//! music ([`PLAY_BPM`]), come from one pentatonic scale (no two notes clash), grow louder and
//! brighter with more movement, and go up with a movement upwards.

use crate::game::minigames::kit::PLAY_BPM;

/// Notes (or patterns) each instrument has, low to high.
pub const NOTES: usize = 5;

/// Seconds of one sixteenth note of the backing music.
pub const SIXTEENTH: f32 = 60.0 / PLAY_BPM / 4.0;

/// Movement at this many times the threshold plays at full volume and brightness.
const FULL_AT: f32 = 4.0;

/// The forest's instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instrument {
    /// A drum in a hollow log: booms low, taps high.
    Drum,
    /// A choir of frogs on a log: each croaks a note.
    FrogChoir,
    /// Chimes hanging from a branch.
    Chimes,
    /// A woodpecker knocking on a trunk.
    Woodpecker,
}

impl Instrument {
    /// In the order a level's `instruments` count takes them: the two first are one on each
    /// side, low down, where a seated child or one arm reaches most easily.
    pub const ALL: [Instrument; 4] = [
        Instrument::Drum,
        Instrument::FrogChoir,
        Instrument::Chimes,
        Instrument::Woodpecker,
    ];

    /// The sound's name, for the report and the tests.
    pub fn name(self) -> &'static str {
        match self {
            Instrument::Drum => "musical_forest/drum",
            Instrument::FrogChoir => "musical_forest/frogs",
            Instrument::Chimes => "musical_forest/chimes",
            Instrument::Woodpecker => "musical_forest/woodpecker",
        }
    }

    /// Where it sits in the child's reach: x and y from -1 to 1 of the reach box's half size
    /// (y up), before the level's `spread` brings it closer.
    pub fn place(self) -> (f32, f32) {
        match self {
            Instrument::Drum => (-0.8, -0.45),
            Instrument::FrogChoir => (0.8, -0.45),
            Instrument::Chimes => (-0.6, 0.75),
            Instrument::Woodpecker => (0.6, 0.75),
        }
    }

    /// How often it may play, in sixteenths: the frogs sing on the eighths, the others may
    /// answer every sixteenth.
    pub fn every(self) -> u64 {
        match self {
            Instrument::FrogChoir => 2,
            _ => 1,
        }
    }
}

/// The note a movement plays: its direction picks it, upwards high, downwards low, sideways in
/// the middle. `dy` is the movement's direction down the picture (-1 up .. 1 down), 0 when
/// there is none.
pub fn note_for(dy: f32) -> usize {
    let up = (-dy).clamp(-1.0, 1.0);
    (((up + 1.0) / 2.0) * (NOTES - 1) as f32).round() as usize
}

/// How strongly a movement plays, 0..1, or `None` below the threshold (nothing sounds).
pub fn strength(motion: f32, threshold: f32) -> Option<f32> {
    (motion.is_finite() && motion >= threshold).then(|| {
        ((motion - threshold) / (threshold * (FULL_AT - 1.0)).max(1e-3)).clamp(0.0, 1.0)
    })
}

/// The volume of a note of this strength: never whisper-quiet (a small movement is heard).
pub fn volume(strength: f32) -> f32 {
    0.4 + 0.6 * strength.clamp(0.0, 1.0)
}

/// Whether a note of this strength takes the instrument's bright sound.
pub fn bright(strength: f32) -> bool {
    strength >= 0.5
}

/// The place in the stereo field of something at `x` on a screen `width` wide (centre 0).
pub fn pan(x: f32, width: f32) -> f32 {
    (x / (width / 2.0)).clamp(-1.0, 1.0)
}

/// What an instrument has heard since it last played: the strongest movement over it and
/// that movement's direction.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ear {
    strongest: f32,
    dy: f32,
}

impl Ear {
    /// Listens to one reading of the instrument's area.
    pub fn hear(&mut self, motion: f32, dy: f32) {
        if motion > self.strongest {
            self.strongest = motion;
            self.dy = dy;
        }
    }

    /// What was heard (movement, direction), forgetting it for the next note.
    pub fn take(&mut self) -> (f32, f32) {
        let heard = (self.strongest, self.dy);
        *self = Ear::default();
        heard
    }
}

/// Counts the sixteenths of the backing music from the moment its loop began.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Beat {
    since: f32,
    last: Option<u64>,
}

impl Beat {
    /// The music's loop began again now (its first beat).
    pub fn restart(&mut self) {
        *self = Beat::default();
    }

    /// Moves on by `dt` seconds; the index of the sixteenth that began, if one did (the
    /// first call gives 0: a loop starts on a beat).
    pub fn advance(&mut self, dt: f32) -> Option<u64> {
        let now = (self.since / SIXTEENTH).floor() as u64;
        self.since += dt.max(0.0);
        if self.last == Some(now) {
            return None;
        }
        self.last = Some(now);
        Some(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upwards_is_high_downwards_low_sideways_middle() {
        assert_eq!(note_for(-1.0), NOTES - 1);
        assert_eq!(note_for(1.0), 0);
        assert_eq!(note_for(0.0), NOTES / 2);
        assert!(note_for(-0.5) > note_for(0.5));
    }

    #[test]
    fn nothing_sounds_below_the_threshold_and_more_is_louder() {
        assert_eq!(strength(0.0, 0.06), None);
        assert_eq!(strength(0.05, 0.06), None);
        assert_eq!(strength(f32::NAN, 0.06), None);
        let small = strength(0.07, 0.06).unwrap();
        let big = strength(0.3, 0.06).unwrap();
        assert!(small < big && big == 1.0);
        assert!(volume(small) < volume(big));
        assert!(volume(0.0) > 0.3, "a small movement is heard");
        assert!(!bright(small) && bright(big));
    }

    #[test]
    fn the_beat_ticks_every_sixteenth_from_the_loops_start() {
        let mut beat = Beat::default();
        let frame = 1.0 / 60.0;
        let ticks: Vec<u64> = (0..120).filter_map(|_| beat.advance(frame)).collect();
        // Two seconds at 116 beats a minute: 4 sixteenths a beat.
        let expected = (2.0 / SIXTEENTH).ceil() as usize;
        assert!(ticks.len().abs_diff(expected) <= 1, "{ticks:?}");
        assert_eq!(ticks[0], 0);
        assert!(ticks.windows(2).all(|w| w[1] == w[0] + 1));
        beat.restart();
        assert_eq!(beat.advance(frame), Some(0));
    }

    #[test]
    fn an_ear_keeps_the_strongest_movement_until_taken() {
        let mut ear = Ear::default();
        ear.hear(0.1, -1.0);
        ear.hear(0.3, 0.5);
        ear.hear(0.2, -0.2);
        assert_eq!(ear.take(), (0.3, 0.5));
        assert_eq!(ear.take(), (0.0, 0.0));
    }

    #[test]
    fn instruments_sit_in_the_stereo_field_where_they_are() {
        assert_eq!(pan(-640.0, 1280.0), -1.0);
        assert_eq!(pan(0.0, 1280.0), 0.0);
        assert!(pan(300.0, 1280.0) > 0.4);
        let (left, right) = (Instrument::Drum.place().0, Instrument::FrogChoir.place().0);
        assert!(left < 0.0 && right > 0.0, "the first two are one on each side");
    }
}
