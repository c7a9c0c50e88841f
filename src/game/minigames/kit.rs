//! What a mini-game needs from the rest of the kiosk, in one place: its motion, its
//! difficulty for this session's profile, its stage and score, its sounds, the stage
//! layout and colours. A game's folder imports from here (and from its own modules) only.

pub use super::{LevelLookup, current_difficulty};
pub use crate::game::AppSystems;
pub use crate::game::audio::catalogue::{NamedSound, SoundKind};
pub use crate::game::audio::{
    AudioReport, GameSound, Mood, MusicState, PLAY_BPM, PlaySound, SoundCue, synth,
};
pub use crate::game::forest::scene::spawn_tree;
pub use crate::game::layout::{self, GROUND_Y, HEIGHT, WIDTH, z};
pub use crate::game::motion_bridge::{GameZones, GestureStarted, Motion};
pub use crate::game::palette;
pub use crate::game::play_state::{Score, Stage};
pub use crate::game::screens::calibrate::ReachBox;
pub use crate::game::session::Session;
pub use crate::games::GameId;
pub use crate::motion::GestureKind;
