//! Play by ear's sounds, generated in code: the children's tone, the targets' ping, and a
//! tune without words for each game that says what the game wants. Why generated: like every
//! sound of the kiosk, nothing is downloaded, and `wigglewoods sounds` can write them for
//! staff to listen to.

use std::f32::consts::TAU;

use crate::game::audio::GameSound;
use crate::game::audio::catalogue::{NamedSound, SoundKind};
use crate::game::audio::synth::{self, Burst, Note, SAMPLE_RATE, Sweep, Voice, midi};
use crate::games::GameId;

/// Length of the children's tone loop, in seconds: whole cycles of both its pitch and its
/// slow swell, so that it loops without a seam.
const TONE_SECONDS: f32 = 2.0;
/// The tone's own pitch (E4): a child's hands halfway up.
const TONE_HZ: f32 = 330.0;
/// The tone's loudness (RMS) before the mix: a soft voice under the effects.
pub const TONE_RMS: f32 = 0.085;

/// The children's tone: a soft sine with a little of its octave and a slow swell, a seamless
/// loop of whole cycles (its pitch follows the hands by playback rate).
pub fn tone_samples() -> Vec<f32> {
    let n = synth::samples(TONE_SECONDS);
    let sr = SAMPLE_RATE as f32;
    (0..n)
        .map(|i| {
            let t = i as f32 / sr;
            let swell = 0.8 + 0.2 * (TAU * t / TONE_SECONDS).sin();
            swell * ((TAU * TONE_HZ * t).sin() + 0.2 * (TAU * 2.0 * TONE_HZ * t).sin())
        })
        .collect()
}

/// A target's ping: one soft bell, short enough to place in space.
pub fn ping_samples() -> Vec<f32> {
    let mut buf = vec![0.0; synth::samples(0.45)];
    synth::note(
        &mut buf,
        &Note {
            start: 0.0,
            length: 0.4,
            freq: midi(81.0),
            amp: 0.6,
            voice: Voice::Bell,
        },
        false,
    );
    buf
}

/// What each game wants, as a tune: shake (a quick trill), catch (rising twinkles), hop (two
/// croaks and a boing up), dance and freeze (plucks that stop, then a still bell), paint
/// (swishes), make music (a little arpeggio on wood). Played when the game begins (each game
/// sounds different, so a child hears the change) and now and then as a reminder.
pub fn motif_samples(game: GameId) -> Vec<f32> {
    let mut buf = vec![0.0; synth::samples(1.6)];
    let note = |buf: &mut Vec<f32>, start: f32, length: f32, m: f32, voice: Voice| {
        synth::note(
            buf,
            &Note {
                start,
                length,
                freq: midi(m),
                amp: 0.5,
                voice,
            },
            false,
        )
    };
    match game {
        GameId::AppleShake => {
            for i in 0..10 {
                let m = if i % 2 == 0 { 76.0 } else { 79.0 };
                note(&mut buf, i as f32 * 0.07, 0.12, m, Voice::Pluck);
            }
        }
        GameId::FireflyCatch => {
            for (i, m) in [84.0, 88.0, 91.0].into_iter().enumerate() {
                note(&mut buf, i as f32 * 0.22, 0.5, m, Voice::Bell);
            }
        }
        GameId::FrogHop => {
            for start in [0.0, 0.3] {
                synth::sweep(
                    &mut buf,
                    &Sweep {
                        start,
                        length: 0.2,
                        from: 190.0,
                        to: 120.0,
                        amp: 0.6,
                        attack: 0.01,
                        wobble: 0.12,
                    },
                    false,
                );
            }
            synth::sweep(
                &mut buf,
                &Sweep {
                    start: 0.7,
                    length: 0.35,
                    from: 300.0,
                    to: 900.0,
                    amp: 0.5,
                    attack: 0.01,
                    wobble: 0.05,
                },
                false,
            );
        }
        GameId::Statues => {
            for (i, m) in [67.0, 71.0, 74.0, 71.0].into_iter().enumerate() {
                note(&mut buf, i as f32 * 0.15, 0.14, m, Voice::Pluck);
            }
            note(&mut buf, 0.95, 0.6, 79.0, Voice::Bell);
        }
        GameId::Paint => {
            for (i, (from, to)) in [(900.0, 2400.0), (2400.0, 900.0), (900.0, 2400.0)]
                .into_iter()
                .enumerate()
            {
                synth::burst(
                    &mut buf,
                    &Burst {
                        start: i as f32 * 0.3,
                        length: 0.25,
                        from,
                        to,
                        q: 1.2,
                        amp: 0.6,
                        attack: 0.05,
                        seed: 17 + i as u64,
                    },
                    false,
                );
            }
        }
        GameId::MusicalForest => {
            for (i, m) in [60.0, 64.0, 67.0, 72.0].into_iter().enumerate() {
                note(&mut buf, i as f32 * 0.16, 0.3, m, Voice::Wood);
            }
        }
    }
    buf
}

/// The sounds as the mixer plays them.
pub struct EarSounds {
    /// The children's tone.
    pub tone: GameSound,
    /// A target's ping.
    pub ping: GameSound,
    /// Each game's tune, in [`GameId::ALL`] order.
    pub motifs: Vec<GameSound>,
}

/// The names the sounds are reported and written under.
const MOTIF_NAMES: [&str; 6] = [
    "by_ear/apple_shake",
    "by_ear/firefly_catch",
    "by_ear/frog_hop",
    "by_ear/statues",
    "by_ear/paint",
    "by_ear/musical_forest",
];

/// The name of `game`'s tune.
pub fn motif_name(game: GameId) -> &'static str {
    let i = GameId::ALL.iter().position(|g| *g == game).unwrap_or(0);
    MOTIF_NAMES[i]
}

impl EarSounds {
    /// Generates them all (a few milliseconds).
    pub fn generate() -> Self {
        EarSounds {
            tone: GameSound::looping("by_ear/tone", tone_samples(), TONE_RMS),
            ping: GameSound::from_samples("by_ear/ping", ping_samples()),
            motifs: GameId::ALL
                .iter()
                .map(|g| GameSound::from_samples(motif_name(*g), motif_samples(*g)))
                .collect(),
        }
    }

    /// `game`'s tune.
    pub fn motif(&self, game: GameId) -> &GameSound {
        let i = GameId::ALL.iter().position(|g| *g == game).unwrap_or(0);
        &self.motifs[i]
    }

    /// Every sound as it is played, for `wigglewoods sounds` and the loudness test.
    pub fn catalogue(&self) -> Vec<NamedSound> {
        let named = |s: &GameSound, kind| NamedSound {
            name: s.name.replace('/', "-"),
            kind,
            samples: s.samples(),
        };
        let mut all = vec![
            named(&self.tone, SoundKind::Loop),
            named(&self.ping, SoundKind::Effect),
        ];
        all.extend(self.motifs.iter().map(|m| named(m, SoundKind::Effect)));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_game_has_its_own_tune() {
        let tunes: Vec<Vec<f32>> = GameId::ALL.iter().map(|g| motif_samples(*g)).collect();
        for (i, a) in tunes.iter().enumerate() {
            assert!(
                a.iter().any(|s| s.abs() > 0.01),
                "{:?} is silent",
                GameId::ALL[i]
            );
            for b in &tunes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(MOTIF_NAMES.len(), GameId::ALL.len());
    }

    #[test]
    fn the_tone_loops_without_a_seam() {
        let tone = tone_samples();
        let (first, last) = (tone[0], tone[tone.len() - 1]);
        // One sample's step of a 330 Hz sine at this rate, at most.
        let step = TAU * TONE_HZ / SAMPLE_RATE as f32 * 1.3;
        assert!((first - last).abs() < step, "{first} vs {last}");
    }
}
