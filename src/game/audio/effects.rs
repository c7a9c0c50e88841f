//! One short sound for every [`SoundCue`], and the system that plays them, rate-limited.
//!
//! Each effect is made here by code (0.1 to 1.5 s, soft edges, normalised) and played on the
//! effects track. A burst of identical cues (fifty apples landing at once) becomes one sound
//! every [`MIN_CUE_GAP`], never a wall of noise.

use std::collections::HashMap;
use std::time::Duration;

use bevy::prelude::*;
use kira::sound::static_sound::StaticSoundData;

use super::backend::Mixer;
use super::cues::SoundCue;
use super::report::AudioReport;
use super::synth::{self, Burst, Note, Sweep, Voice, midi};

/// The shortest time between two plays of the same cue: closer repeats are dropped.
pub const MIN_CUE_GAP: Duration = Duration::from_millis(80);

/// Loudest sample of an effect (below [`synth::MAX_PEAK`]).
const EFFECT_PEAK: f32 = 0.7;
/// Loudness (RMS) every effect is brought towards, so that none jumps out.
const EFFECT_RMS: f32 = 0.15;

/// Remembers when each cue last sounded, so that identical cues are rate-limited.
#[derive(Resource, Debug, Default)]
pub struct CueLimiter {
    last: HashMap<SoundCue, Duration>,
}

impl CueLimiter {
    /// Whether `cue` may sound at `now` (time since start); if so, remembers it.
    pub fn allow(&mut self, cue: SoundCue, now: Duration) -> bool {
        match self.last.get(&cue) {
            Some(&last) if now.saturating_sub(last) < MIN_CUE_GAP => false,
            _ => {
                self.last.insert(cue, now);
                true
            }
        }
    }
}

/// Reads the frame's cues and plays each one's effect (see [`CueLimiter`]).
pub(super) fn play_cues(
    mut cues: MessageReader<SoundCue>,
    time: Res<Time<Real>>,
    bank: Res<EffectBank>,
    mut mixer: ResMut<Mixer>,
    mut limiter: ResMut<CueLimiter>,
    mut report: ResMut<AudioReport>,
) {
    for &cue in cues.read() {
        if !limiter.allow(cue, time.elapsed()) {
            report.suppressed += 1;
            continue;
        }
        let Some(sound) = bank.get(cue) else {
            warn!("audio: no sound for {cue:?} (missing from SoundCue::ALL)");
            continue;
        };
        match mixer.effects.play(sound.clone()) {
            Ok(_) => *report.played.entry(cue).or_default() += 1,
            Err(err) => {
                report.failed += 1;
                debug!("audio: effect {cue:?} not played: {err}");
            }
        }
    }
}

/// The generated effect for every cue.
#[derive(Resource, Clone)]
pub struct EffectBank {
    sounds: HashMap<SoundCue, StaticSoundData>,
}

impl EffectBank {
    /// Generates every effect.
    pub fn generate() -> Self {
        Self {
            sounds: SoundCue::ALL
                .iter()
                .map(|&cue| (cue, synth::to_sound(&render(cue))))
                .collect(),
        }
    }

    /// The sound for `cue` (cheap to clone: the samples are shared); `None` only for a cue
    /// missing from [`SoundCue::ALL`].
    pub fn get(&self, cue: SoundCue) -> Option<&StaticSoundData> {
        self.sounds.get(&cue)
    }
}

/// Shorthand for a note at `start` s, `length` s long, on MIDI note `key`.
fn n(start: f32, length: f32, key: f32, amp: f32, voice: Voice) -> Note {
    Note {
        start,
        length,
        freq: midi(key),
        amp,
        voice,
    }
}

/// Renders `notes` into a buffer just long enough for them.
fn notes(list: &[Note]) -> Vec<f32> {
    let end = list
        .iter()
        .map(|n| n.start + n.length)
        .fold(0.0f32, f32::max);
    let mut buf = vec![0.0; synth::samples(end)];
    for n in list {
        synth::note(&mut buf, n, false);
    }
    buf
}

const BRASS: Voice = Voice::Fm {
    ratio: 1.0,
    index: 2.2,
};

// MIDI keys used below: C4 = 60, each step one semitone.
const C4: f32 = 60.0;
const E4: f32 = 64.0;
const G4: f32 = 67.0;
const C5: f32 = 72.0;
const D5: f32 = 74.0;
const E5: f32 = 76.0;
const G5: f32 = 79.0;
const A5: f32 = 81.0;
const C6: f32 = 84.0;
const D6: f32 = 86.0;
const E6: f32 = 88.0;
const G6: f32 = 91.0;
const C7: f32 = 96.0;

/// Renders the raw (not yet faded or normalised) sound of `cue`.
fn raw(cue: SoundCue) -> Vec<f32> {
    match cue {
        // A friendly "ding-dong" upwards.
        SoundCue::Hello => notes(&[
            n(0.0, 0.9, E5, 0.6, Voice::Bell),
            n(0.18, 1.0, A5, 0.6, Voice::Bell),
        ]),
        // Leaves: a few quick grains of bright, airy noise.
        SoundCue::Rustle => {
            let mut buf = vec![0.0; synth::samples(0.55)];
            let mut rng = synth::Noise::new(11);
            for k in 0..7u64 {
                let start = k as f32 * 0.06 + rng.range(0.0, 0.03);
                synth::burst(
                    &mut buf,
                    &Burst {
                        start,
                        length: 0.14,
                        from: rng.range(2000.0, 3200.0),
                        to: rng.range(1500.0, 2500.0),
                        q: 1.2,
                        amp: rng.range(0.4, 0.8),
                        attack: 0.01,
                        seed: 100 + k,
                    },
                    false,
                );
            }
            buf
        }
        // A soft whoosh falling in pitch, with a faint low glide under it.
        SoundCue::AppleFall => {
            let mut buf = vec![0.0; synth::samples(0.55)];
            synth::burst(
                &mut buf,
                &Burst {
                    start: 0.0,
                    length: 0.55,
                    from: 1400.0,
                    to: 350.0,
                    q: 1.5,
                    amp: 0.8,
                    attack: 0.15,
                    seed: 21,
                },
                false,
            );
            synth::sweep(
                &mut buf,
                &Sweep {
                    start: 0.05,
                    length: 0.45,
                    from: 520.0,
                    to: 260.0,
                    amp: 0.15,
                    attack: 0.1,
                    wobble: 0.0,
                },
                false,
            );
            buf
        }
        // A hollow wooden "tock".
        SoundCue::AppleInBasket => {
            let mut buf = notes(&[
                n(0.0, 0.18, 74.5, 0.8, Voice::Wood),
                n(0.0, 0.18, 62.0, 0.4, Voice::Wood),
            ]);
            synth::burst(
                &mut buf,
                &Burst {
                    start: 0.0,
                    length: 0.03,
                    from: 1800.0,
                    to: 1200.0,
                    q: 1.0,
                    amp: 0.15,
                    attack: 0.001,
                    seed: 31,
                },
                false,
            );
            buf
        }
        // A quick sparkle up a major chord.
        SoundCue::FireflyCatch => notes(&[
            n(0.0, 0.4, C6, 0.5, Voice::Bell),
            n(0.05, 0.4, E6, 0.5, Voice::Bell),
            n(0.10, 0.4, G6, 0.5, Voice::Bell),
            n(0.15, 0.55, C7, 0.45, Voice::Bell),
        ]),
        // "Boing": a springy upward glide.
        SoundCue::FrogHop => {
            let mut buf = vec![0.0; synth::samples(0.4)];
            synth::sweep(
                &mut buf,
                &Sweep {
                    start: 0.0,
                    length: 0.4,
                    from: 180.0,
                    to: 560.0,
                    amp: 0.8,
                    attack: 0.01,
                    wobble: 0.08,
                },
                false,
            );
            buf
        }
        // A little marimba jingle that ends on the home note.
        SoundCue::FrogHome => notes(&[
            n(0.0, 0.25, G5, 0.6, Voice::Pluck),
            n(0.12, 0.25, A5, 0.6, Voice::Pluck),
            n(0.24, 0.25, C6, 0.6, Voice::Pluck),
            n(0.36, 0.25, A5, 0.6, Voice::Pluck),
            n(0.48, 0.6, C6, 0.7, Voice::Pluck),
            n(0.48, 0.6, E5, 0.35, Voice::Pluck),
        ]),
        // Stop! Two short notes stepping down, with a soft low thump.
        SoundCue::MusicStop => {
            let mut buf = notes(&[
                n(0.0, 0.16, G4, 0.6, Voice::Pluck),
                n(0.14, 0.3, C4, 0.7, Voice::Pluck),
            ]);
            synth::sweep(
                &mut buf,
                &Sweep {
                    start: 0.14,
                    length: 0.2,
                    from: 120.0,
                    to: 60.0,
                    amp: 0.4,
                    attack: 0.004,
                    wobble: 0.0,
                },
                false,
            );
            buf
        }
        // A warm major chord that swells and settles.
        SoundCue::FreezeWell => notes(&[
            n(0.0, 1.4, C4, 0.4, Voice::Pad),
            n(0.0, 1.4, E4, 0.35, Voice::Pad),
            n(0.0, 1.4, G4, 0.35, Voice::Pad),
            n(0.05, 1.3, C5, 0.25, Voice::Bell),
        ]),
        // A soft brush stroke: noise rising in brightness.
        SoundCue::Paint => {
            let mut buf = vec![0.0; synth::samples(0.4)];
            synth::burst(
                &mut buf,
                &Burst {
                    start: 0.0,
                    length: 0.4,
                    from: 600.0,
                    to: 2200.0,
                    q: 1.0,
                    amp: 0.8,
                    attack: 0.12,
                    seed: 41,
                },
                false,
            );
            buf
        }
        // A glissando of chimes up the pentatonic scale.
        SoundCue::Weather => {
            let keys = [C5, D5, E5, G5, A5, C6, D6, E6];
            let list: Vec<Note> = keys
                .iter()
                .enumerate()
                .map(|(i, &k)| n(i as f32 * 0.07, 0.8, k, 0.4, Voice::Bell))
                .collect();
            notes(&list)
        }
        // A bird: three quick upward chirps.
        SoundCue::AnimalCall => {
            let mut buf = vec![0.0; synth::samples(0.5)];
            for (i, (from, to)) in [(2300.0, 3300.0), (2500.0, 3600.0), (2200.0, 3100.0)]
                .into_iter()
                .enumerate()
            {
                synth::sweep(
                    &mut buf,
                    &Sweep {
                        start: i as f32 * 0.14,
                        length: 0.1,
                        from,
                        to,
                        amp: 0.6,
                        attack: 0.01,
                        wobble: 0.0,
                    },
                    false,
                );
            }
            buf
        }
        // Hooray: a rising arpeggio with a ringing top.
        SoundCue::Cheer => notes(&[
            n(0.0, 0.35, C5, 0.5, Voice::Pluck),
            n(0.08, 0.35, E5, 0.5, Voice::Pluck),
            n(0.16, 0.35, G5, 0.5, Voice::Pluck),
            n(0.24, 0.35, C6, 0.5, Voice::Pluck),
            n(0.32, 0.6, E6, 0.5, Voice::Bell),
            n(0.32, 0.6, C6, 0.3, Voice::Bell),
        ]),
        // The finish: a short brass fanfare landing on a chord.
        SoundCue::Celebrate => notes(&[
            n(0.0, 0.16, G4, 0.5, BRASS),
            n(0.16, 0.16, G4, 0.5, BRASS),
            n(0.32, 0.16, G4, 0.5, BRASS),
            n(0.48, 1.0, C5, 0.55, BRASS),
            n(0.48, 1.0, E5, 0.4, BRASS),
            n(0.48, 1.0, G5, 0.35, BRASS),
            n(0.48, 0.9, C6, 0.25, Voice::Bell),
        ]),
    }
}

/// Renders the finished effect for `cue`: soft edges, normalised below the peak ceiling.
pub fn render(cue: SoundCue) -> Vec<f32> {
    let mut buf = raw(cue);
    synth::fade_edges(&mut buf, 0.003, 0.02);
    // The ear is most sensitive around 2 to 4 kHz: the bird is brought down a little more.
    let trim = if cue == SoundCue::AnimalCall {
        0.7
    } else {
        1.0
    };
    synth::level(&mut buf, EFFECT_RMS * trim, EFFECT_PEAK);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::audio::synth::tests::{assert_sane, pcm};

    #[test]
    fn every_cue_has_a_short_gentle_effect() {
        let bank = EffectBank::generate();
        for cue in SoundCue::ALL {
            let samples = pcm(bank.get(cue).expect("every cue has a sound"));
            let name = format!("{cue:?}");
            assert_sane(&name, &samples);
            let seconds = samples.len() as f32 / synth::SAMPLE_RATE as f32;
            assert!((0.1..=1.5).contains(&seconds), "{name}: {seconds} s long");
            assert!(samples[0].abs() < 1e-3, "{name} starts with a click");
            assert!(
                samples[samples.len() - 1].abs() < 1e-3,
                "{name} ends with a click"
            );
        }
    }

    #[test]
    fn identical_cues_are_rate_limited() {
        let mut limiter = CueLimiter::default();
        let ms = Duration::from_millis;
        assert!(limiter.allow(SoundCue::Rustle, ms(1000)));
        assert!(!limiter.allow(SoundCue::Rustle, ms(1010)));
        assert!(!limiter.allow(SoundCue::Rustle, ms(1079)));
        // A different cue is not held back.
        assert!(limiter.allow(SoundCue::AppleFall, ms(1010)));
        assert!(limiter.allow(SoundCue::Rustle, ms(1080)));
    }
}
