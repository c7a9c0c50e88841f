//! What a level file says: for each mini-game, how long it lasts and how hard it is in each
//! motion profile. Files in `levels/` are RON with a comment on every field.

use crate::motion::Profile;
use serde::{Deserialize, Serialize};

/// The mini-games, as named in level files, configs and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GameId {
    /// Wiggle to shake apples into the hedgehog's basket.
    AppleShake,
    /// Wave over fireflies to catch them.
    FireflyCatch,
    /// Jump (or raise both arms) to hop the frog across lily pads.
    FrogHop,
    /// Dance while the music plays, freeze when it stops.
    Statues,
    /// Movement paints colour over a grey wood.
    Paint,
}

impl GameId {
    /// Every game, in the default playlist order.
    pub const ALL: [GameId; 5] = [
        GameId::AppleShake,
        GameId::FireflyCatch,
        GameId::FrogHop,
        GameId::Statues,
        GameId::Paint,
    ];

    /// The name in files and logs (`apple_shake`, ...).
    pub fn name(self) -> &'static str {
        match self {
            GameId::AppleShake => "apple_shake",
            GameId::FireflyCatch => "firefly_catch",
            GameId::FrogHop => "frog_hop",
            GameId::Statues => "statues",
            GameId::Paint => "paint",
        }
    }

    /// The level file of this game, relative to the levels folder.
    pub fn file_name(self) -> String {
        format!("{}.ron", self.name())
    }

    /// Parses a name as written in files and on the command line.
    pub fn from_name(name: &str) -> Option<GameId> {
        GameId::ALL.into_iter().find(|g| g.name() == name)
    }
}

/// One level file: which game, for how long, and its difficulty per profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    /// Which mini-game this file configures.
    pub game: GameId,
    /// How long the game runs within a session, in seconds (10..=600).
    pub seconds: f32,
    /// The game's settings for each profile.
    pub difficulty: ByProfile,
}

/// The settings of each profile: a standing child, a seated child, a child in bed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByProfile {
    /// Whole body visible.
    pub standing: Difficulty,
    /// Wheelchair or chair, upper body.
    pub seated: Difficulty,
    /// In bed: small movements, one arm is enough.
    pub bed: Difficulty,
}

impl ByProfile {
    /// The settings for one profile.
    pub fn get(&self, profile: Profile) -> &Difficulty {
        match profile {
            Profile::Standing => &self.standing,
            Profile::Seated => &self.seated,
            Profile::Bed => &self.bed,
        }
    }
}

/// How hard a game is. Every game reads the fields it needs; all are given, with
/// meaning described here and in the level files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difficulty {
    /// Apple Shake: apples on the tree (1..=30).
    #[serde(default = "defaults::apples")]
    pub apples: u32,
    /// Apple Shake: seconds of full-strength wiggling that shake one apple loose (0.2..=10).
    #[serde(default = "defaults::shake_per_apple")]
    pub shake_per_apple: f32,
    /// Firefly Catch: fireflies waiting at once (1..=6).
    #[serde(default = "defaults::fireflies")]
    pub fireflies: u32,
    /// Firefly Catch: size of a firefly's catching area, as a fraction of the child's reach
    /// box (0.05..=0.6).
    #[serde(default = "defaults::catch_size")]
    pub catch_size: f32,
    /// Firefly Catch: seconds of waving over a firefly that catch it (0.1..=5).
    #[serde(default = "defaults::wave_seconds")]
    pub wave_seconds: f32,
    /// Firefly Catch: how far targets move outwards after each catch, as a fraction of the
    /// reach box (0..=0.3).
    #[serde(default = "defaults::drift_out")]
    pub drift_out: f32,
    /// Frog Hop: lily pads to cross (2..=20).
    #[serde(default = "defaults::pads")]
    pub pads: u32,
    /// Frog Hop: seconds a rise may come after the frog is ready and still count (0.5..=10).
    #[serde(default = "defaults::hop_window")]
    pub hop_window: f32,
    /// Statues: shortest and longest dancing time before the music stops, seconds (each
    /// 1..=60, shortest first).
    #[serde(default = "defaults::dance_seconds")]
    pub dance_seconds: (f32, f32),
    /// Statues: how long to hold still once the music stops, seconds (1..=15).
    #[serde(default = "defaults::freeze_seconds")]
    pub freeze_seconds: f32,
    /// Paint: brush size, as a fraction of the screen height (0.02..=0.4).
    #[serde(default = "defaults::brush")]
    pub brush: f32,
}

mod defaults {
    pub fn apples() -> u32 {
        10
    }
    pub fn shake_per_apple() -> f32 {
        1.5
    }
    pub fn fireflies() -> u32 {
        3
    }
    pub fn catch_size() -> f32 {
        0.25
    }
    pub fn wave_seconds() -> f32 {
        0.6
    }
    pub fn drift_out() -> f32 {
        0.05
    }
    pub fn pads() -> u32 {
        6
    }
    pub fn hop_window() -> f32 {
        3.0
    }
    pub fn dance_seconds() -> (f32, f32) {
        (4.0, 9.0)
    }
    pub fn freeze_seconds() -> f32 {
        3.0
    }
    pub fn brush() -> f32 {
        0.08
    }
}
