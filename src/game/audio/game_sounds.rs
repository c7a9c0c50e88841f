//! Sounds a mini-game makes itself (its own instruments), played once at a volume and a place
//! in the stereo field.
//!
//! The shared cues ([`super::SoundCue`]) are the kiosk's voice; a game with sounds of its own
//! generates them in its folder with [`super::synth`], wraps them in [`GameSound`] and sends
//! [`PlaySound`]. So a new game's sounds never touch the audio module.

use bevy::prelude::*;
use kira::Panning;
use kira::sound::static_sound::StaticSoundData;

use super::backend::{Mixer, amplitude_to_db};
use super::report::AudioReport;
use super::synth;

/// Loudest sample of a game's sound, as the shared effects are levelled.
const PEAK: f32 = 0.7;
/// Loudness (RMS) a game's sound is brought towards, as the shared effects.
const RMS: f32 = 0.15;

/// A sound made by a game: a name for the report and the tests, and the samples (shared, so
/// cloning is cheap).
#[derive(Clone, Debug)]
pub struct GameSound {
    /// What it is, e.g. `musical_forest/drum-2`.
    pub name: &'static str,
    pub(super) data: StaticSoundData,
}

impl GameSound {
    /// A sound from mono samples at [`synth::SAMPLE_RATE`], levelled like the shared effects
    /// (no game can be louder than the kiosk's own sounds).
    pub fn from_samples(name: &'static str, mut samples: Vec<f32>) -> Self {
        synth::level(&mut samples, RMS, PEAK);
        synth::fade_edges(&mut samples, 0.002, 0.01);
        GameSound {
            name,
            data: synth::to_sound(&samples),
        }
    }

    /// A sound to be played over and over (a seamless loop: no fades at its ends), levelled
    /// `rms` (a soft background voice is far below an effect's 0.15) under the effects' peak.
    pub fn looping(name: &'static str, mut samples: Vec<f32>, rms: f32) -> Self {
        synth::level(&mut samples, rms, PEAK);
        GameSound {
            name,
            data: synth::to_sound(&samples),
        }
    }

    /// The samples (tests, and `sounds` dumps).
    pub fn samples(&self) -> Vec<f32> {
        self.data.frames.iter().map(|f| f.left).collect()
    }
}

/// Plays a game's sound once: `volume` 0..1 (an amplitude, under the master volume), `pan`
/// -1 (left) to 1 (right), where the thing that made it sits on screen.
#[derive(Message, Clone, Debug)]
pub struct PlaySound {
    /// The sound.
    pub sound: GameSound,
    /// How loud, 0..1.
    pub volume: f32,
    /// Where, -1 left to 1 right.
    pub pan: f32,
}

/// Plays the frame's [`PlaySound`]s on the effects track.
pub(super) fn play_game_sounds(
    mut sounds: MessageReader<PlaySound>,
    mut mixer: ResMut<Mixer>,
    mut report: ResMut<AudioReport>,
) {
    for play in sounds.read() {
        let volume = play.volume.clamp(0.0, 1.0);
        let pan = play.pan.clamp(-1.0, 1.0);
        let data = play
            .sound
            .data
            .volume(amplitude_to_db(volume))
            .panning(Panning(pan));
        match mixer.effects.play(data) {
            Ok(_) => report.game_sound(play.sound.name, volume, pan),
            Err(err) => {
                report.failed += 1;
                debug!("audio: {} not played: {err}", play.sound.name);
            }
        }
    }
}
