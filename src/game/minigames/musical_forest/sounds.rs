//! The Musical Forest's instruments, generated in code: a log drum, a frog choir, chimes and
//! a woodpecker, each with [`NOTES`] notes from one pentatonic scale and a soft and a bright
//! version of each. Made once, the first time the game starts (a few milliseconds).

use std::collections::HashMap;

use bevy::prelude::*;

use super::rules::{Instrument, NOTES};
use crate::game::minigames::kit::{GameSound, NamedSound, SoundKind};
use crate::game::minigames::kit::synth::{self, Burst, Note, Sweep, Voice, midi};

/// C major pentatonic, one octave and a note: every note fits with every other and with the
/// backing music.
const SCALE: [f32; NOTES] = [0.0, 2.0, 4.0, 7.0, 9.0];

/// Every instrument's sounds.
#[derive(Resource, Clone)]
pub struct Band {
    sounds: HashMap<(Instrument, usize, bool), GameSound>,
}

impl Band {
    /// Generates every sound of every instrument.
    pub fn generate() -> Self {
        let mut sounds = HashMap::new();
        for instrument in Instrument::ALL {
            for note in 0..NOTES {
                for bright in [false, true] {
                    let samples = render(instrument, note, bright);
                    let sound = GameSound::from_samples(instrument.name(), samples);
                    sounds.insert((instrument, note, bright), sound);
                }
            }
        }
        Band { sounds }
    }

    /// Every note of every instrument, named `musical_forest-drum-3-bright`.
    pub fn catalogue(&self) -> Vec<NamedSound> {
        let mut all = Vec::new();
        for instrument in Instrument::ALL {
            for note in 0..NOTES {
                for bright in [false, true] {
                    if let Some(sound) = self.get(instrument, note, bright) {
                        all.push(NamedSound {
                            name: format!(
                                "{}-{}-{}",
                                instrument.name().replace('/', "-"),
                                note + 1,
                                if bright { "bright" } else { "soft" }
                            ),
                            kind: SoundKind::Effect,
                            samples: sound.samples(),
                        });
                    }
                }
            }
        }
        all
    }

    /// The sound of one note (cheap to clone).
    pub fn get(&self, instrument: Instrument, note: usize, bright: bool) -> Option<&GameSound> {
        self.sounds.get(&(instrument, note.min(NOTES - 1), bright))
    }
}

/// Renders `notes` and `extra` into a buffer `seconds` long.
fn buffer(seconds: f32, fill: impl FnOnce(&mut [f32])) -> Vec<f32> {
    let mut buf = vec![0.0; synth::samples(seconds)];
    fill(&mut buf);
    buf
}

fn render(instrument: Instrument, note: usize, bright: bool) -> Vec<f32> {
    let step = SCALE[note];
    match instrument {
        Instrument::Drum => buffer(0.5, |buf| {
            // A boom that falls in pitch; higher notes are smaller drums, the top ones a
            // double tap; bright adds the slap of the hand.
            let from = midi(36.0 + step) * 2.0;
            let hits: &[f32] = if note >= 3 { &[0.0, 0.07] } else { &[0.0] };
            for &start in hits {
                synth::sweep(
                    buf,
                    &Sweep {
                        start,
                        length: 0.35,
                        from,
                        to: from * 0.55,
                        amp: 0.9,
                        attack: 0.003,
                        wobble: 0.0,
                    },
                    false,
                );
                if bright {
                    synth::burst(
                        buf,
                        &Burst {
                            start,
                            length: 0.06,
                            from: 1800.0,
                            to: 700.0,
                            q: 0.9,
                            amp: 0.5,
                            attack: 0.002,
                            seed: 7 + note as u64,
                        },
                        false,
                    );
                }
            }
        }),
        Instrument::FrogChoir => buffer(0.45, |buf| {
            // A croak: a buzzy FM note with a little glide up, brighter when bright.
            let key = 48.0 + step;
            synth::note(
                buf,
                &Note {
                    start: 0.0,
                    length: 0.3,
                    freq: midi(key),
                    amp: 0.8,
                    voice: Voice::Fm {
                        ratio: 0.5,
                        index: if bright { 4.0 } else { 2.0 },
                    },
                },
                false,
            );
            synth::sweep(
                buf,
                &Sweep {
                    start: 0.0,
                    length: 0.25,
                    from: midi(key) * 0.94,
                    to: midi(key) * 1.03,
                    amp: 0.3,
                    attack: 0.01,
                    wobble: 0.06,
                },
                false,
            );
        }),
        Instrument::Chimes => buffer(1.4, |buf| {
            // A chime that rings; bright adds the octave above.
            let key = 72.0 + step;
            synth::note(buf, &bell(0.0, key, 0.8), false);
            if bright {
                synth::note(buf, &bell(0.0, key + 12.0, 0.3), false);
            }
        }),
        Instrument::Woodpecker => buffer(0.4, |buf| {
            // Knocks on a trunk, higher for higher notes; bright knocks three times.
            let freq = midi(76.0 + step);
            let knocks: &[f32] = if bright {
                &[0.0, 0.06, 0.12]
            } else {
                &[0.0, 0.07]
            };
            for &start in knocks {
                synth::note(
                    buf,
                    &Note {
                        start,
                        length: 0.08,
                        freq,
                        amp: 0.9,
                        voice: Voice::Wood,
                    },
                    false,
                );
            }
        }),
    }
}

fn bell(start: f32, key: f32, amp: f32) -> Note {
    Note {
        start,
        length: 1.3,
        freq: midi(key),
        amp,
        voice: Voice::Bell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_of_every_instrument_is_a_sound() {
        let band = Band::generate();
        for instrument in Instrument::ALL {
            for note in 0..NOTES {
                for bright in [false, true] {
                    let sound = band.get(instrument, note, bright).expect("a sound");
                    let samples = sound.samples();
                    let peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
                    assert!(
                        peak > 0.05 && peak <= synth::MAX_PEAK,
                        "{instrument:?} {note} {bright}: peak {peak}"
                    );
                    assert!(samples.iter().all(|s| s.is_finite()));
                }
            }
        }
    }

    #[test]
    fn different_notes_sound_different() {
        let band = Band::generate();
        let a = band.get(Instrument::Chimes, 0, false).unwrap().samples();
        let b = band.get(Instrument::Chimes, 4, false).unwrap().samples();
        assert_ne!(a, b);
    }
}
