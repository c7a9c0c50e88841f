//! What the game asks of the sound: one-off cues and the state of the music.
//!
//! Gameplay systems never touch kira; they send a [`SoundCue`] or set [`MusicState`], and
//! the audio plugin turns those into sound (or silence, on a machine without a sound card).

use bevy::prelude::*;

/// A short sound for something that just happened on screen.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SoundCue {
    /// A child was noticed: the forest says hello.
    Hello,
    /// The tree rustles while it is shaken.
    Rustle,
    /// An apple comes loose.
    AppleFall,
    /// An apple lands in the hedgehog's basket.
    AppleInBasket,
    /// A firefly is caught.
    FireflyCatch,
    /// The frog hops to the next lily pad.
    FrogHop,
    /// The frog reaches the far bank.
    FrogHome,
    /// The statues music stops: freeze!
    MusicStop,
    /// Everyone stayed still: well done.
    FreezeWell,
    /// Colour is painted onto the wood.
    Paint,
    /// The weather changes (sun, rain, snow, rainbow).
    Weather,
    /// A bird, the owl or another animal calls.
    AnimalCall,
    /// A mini-game is won or ends: a cheer.
    Cheer,
    /// The session ends: the celebration fanfare.
    Celebrate,
}

impl SoundCue {
    /// Every cue, so that the audio can make (and tests can check) a sound for each.
    pub const ALL: [SoundCue; 14] = [
        SoundCue::Hello,
        SoundCue::Rustle,
        SoundCue::AppleFall,
        SoundCue::AppleInBasket,
        SoundCue::FireflyCatch,
        SoundCue::FrogHop,
        SoundCue::FrogHome,
        SoundCue::MusicStop,
        SoundCue::FreezeWell,
        SoundCue::Paint,
        SoundCue::Weather,
        SoundCue::AnimalCall,
        SoundCue::Cheer,
        SoundCue::Celebrate,
    ];
}

/// Which music plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mood {
    /// Nothing but the forest ambience.
    #[default]
    Calm,
    /// Gentle, inviting: the attract scene.
    Attract,
    /// Bright and bouncy: mini-games.
    Play,
    /// Dance music for Woodland Statues (stopped by `playing: false`).
    Dance,
    /// The finish.
    Celebrate,
}

/// The music the game wants now. The audio plugin follows it with smooth (tweened) changes.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct MusicState {
    /// Which music.
    pub mood: Mood,
    /// How much the children move, 0..1: a layer of the music rises with it.
    pub intensity: f32,
    /// False while the music is stopped on purpose (statues freeze, staff pause).
    pub playing: bool,
}

impl Default for MusicState {
    fn default() -> Self {
        Self {
            mood: Mood::Calm,
            intensity: 0.0,
            playing: true,
        }
    }
}

/// Loudness limits from the kiosk config: `volume` is the staff's setting, `cap` the ward's
/// ceiling that no setting can pass (both 0..1).
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct AudioSettings {
    /// Master volume, 0..1.
    pub volume: f32,
    /// Ceiling for the master volume, 0..1.
    pub cap: f32,
}

impl Default for AudioSettings {
    fn default() -> Self {
        Self {
            volume: 0.7,
            cap: 0.85,
        }
    }
}
