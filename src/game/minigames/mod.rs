//! The mini-games, one folder each with its own plugin and rules, and the levels they read.

pub mod apple_shake;
pub mod firefly_catch;
pub mod frog_hop;
pub mod paint;
pub mod statues;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::levels::{ByProfile, Difficulty, GameId, LevelFile, Levels};
use super::session::Session;
use crate::motion::Profile;

/// Adds every mini-game.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        apple_shake::plugin,
        firefly_catch::plugin,
        frog_hop::plugin,
        statues::plugin,
        paint::plugin,
    ));
}

/// The levels as the games see them: the file from `levels/` when it loaded, otherwise
/// nothing (the game is skipped and staff see why).
#[derive(SystemParam)]
pub struct LevelLookup<'w> {
    loaded: Option<Res<'w, Levels>>,
}

impl LevelLookup<'_> {
    /// The level of a game, if usable.
    pub fn get(&self, game: GameId) -> Option<&LevelFile> {
        self.loaded.as_ref()?.get(game)
    }

    /// The difficulty of a game for the session's profile, or the built-in one.
    pub fn difficulty(&self, game: GameId, profile: Profile) -> Difficulty {
        self.get(game)
            .map(|l| l.difficulty.get(profile).clone())
            .unwrap_or_else(|| builtin_level(game).difficulty.get(profile).clone())
    }
}

pub use super::levels::levels_ready;

/// The difficulty of the game being played, for the session's profile.
pub fn current_difficulty(levels: &LevelLookup, session: &Session, game: GameId) -> Difficulty {
    levels.difficulty(game, session.plan.profile)
}

/// Settings used when a level cannot be read at all (tests, a missing folder): gentle ones.
pub fn builtin_level(game: GameId) -> LevelFile {
    let base = |apples, fireflies, catch_size, pads, window, freeze| Difficulty {
        apples,
        shake_per_apple: 1.5,
        fireflies,
        catch_size,
        wave_seconds: 0.6,
        drift_out: 0.05,
        pads,
        hop_window: window,
        dance_seconds: (4.0, 8.0),
        freeze_seconds: freeze,
        brush: 0.08,
    };
    LevelFile {
        game,
        seconds: 60.0,
        difficulty: ByProfile {
            standing: base(12, 3, 0.22, 8, 3.0, 3.0),
            seated: base(10, 3, 0.28, 6, 4.0, 2.5),
            bed: base(8, 2, 0.35, 5, 6.0, 2.0),
        },
    }
}
