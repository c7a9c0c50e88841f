//! What the audio is doing, for the staff screen, the log and the tests.

use std::collections::HashMap;
use std::time::Duration;

use bevy::prelude::*;

use super::cues::{Mood, SoundCue};

/// The audio plugin's own account of what it did. kira gives little back (and nothing at all
/// without a sound card), so the plugin writes down what it asked for: the staff screen can
/// show "silent" and the volume, and tests can check that cues and music were followed.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct AudioReport {
    /// True when nothing reaches a speaker (no sound card, or chosen silent).
    pub silent: bool,
    /// True once the mixer runs and the sounds are generated.
    pub ready: bool,
    /// How long generating every sound took at startup.
    pub generation: Duration,
    /// The master volume last applied (amplitude 0..1, never above the cap).
    pub master: f32,
    /// The mood whose music is playing (or fading in).
    pub mood: Mood,
    /// Whether the music runs (false while stopped on purpose).
    pub music_playing: bool,
    /// The movement layer's volume last applied, in decibels.
    pub layer_db: f32,
    /// Music loops started so far: a game that plays along restarts its beat count when this
    /// changes, as the new loop begins on its first beat in that frame.
    pub loops_started: u32,
    /// Effects played, per cue.
    pub played: HashMap<SoundCue, u32>,
    /// Cues dropped because the same cue sounded less than the minimum gap before.
    pub suppressed: u32,
    /// Cues kira refused (too many sounds at once); they are only logged at debug level.
    pub failed: u32,
    /// Games' own sounds played, by name, with the volume and place of the last one.
    pub game_sounds: HashMap<&'static str, GameSoundPlays>,
    /// Play by ear: the children's tones as last applied (empty when off).
    pub ear: Vec<super::ear_voices::EarVoice>,
}

/// How often one game sound was played, and how the last one was placed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GameSoundPlays {
    /// Times played.
    pub count: u32,
    /// Volume of the last play, 0..1.
    pub volume: f32,
    /// Stereo place of the last play, -1 left to 1 right.
    pub pan: f32,
}

impl AudioReport {
    /// How many times `cue`'s effect was played.
    pub fn played(&self, cue: SoundCue) -> u32 {
        self.played.get(&cue).copied().unwrap_or(0)
    }

    /// How many effects were played in all.
    pub fn total_played(&self) -> u32 {
        self.played.values().sum()
    }

    /// Notes a game sound was played (see [`super::PlaySound`]).
    pub fn game_sound(&mut self, name: &'static str, volume: f32, pan: f32) {
        let plays = self.game_sounds.entry(name).or_default();
        plays.count += 1;
        plays.volume = volume;
        plays.pan = pan;
    }

    /// Every play of the game sounds whose name starts with `prefix` (a game's folder name).
    pub fn game_sounds_played(&self, prefix: &str) -> u32 {
        self.game_sounds
            .iter()
            .filter(|(name, _)| name.starts_with(prefix))
            .map(|(_, plays)| plays.count)
            .sum()
    }
}
