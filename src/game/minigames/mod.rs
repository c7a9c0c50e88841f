//! The mini-games, one folder each with its own plugin, rules and level (`level.rs`), made
//! from the one list in [`crate::games`]: a game's folder is the module named on its line.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::levels::{FieldSpec, GameLevel, LevelErrors, Levels, LoadedLevel, parse_game_level};
use super::session::Session;
use crate::games::GameId;

pub mod kit;

macro_rules! every_game {
    ($($variant:ident => $name:ident, $title:literal, $default:literal;)*) => {
        $(pub mod $name;)*

        /// Adds every mini-game.
        pub fn plugin(app: &mut App) {
            $(app.add_plugins($name::plugin);)*
        }

        /// Reads and checks a level file of `game` (the file name has already said which).
        pub fn parse_level_of(
            game: GameId,
            file: &str,
            text: &str,
        ) -> Result<LoadedLevel, LevelErrors> {
            match game {
                $(GameId::$variant => parse_game_level::<$name::level::Difficulty>(file, text),)*
            }
        }

        /// The fields of `game`'s level blocks (checks, messages, tests).
        pub fn level_fields(game: GameId) -> &'static [FieldSpec] {
            match game {
                $(GameId::$variant => <$name::level::Difficulty as GameLevel>::FIELDS,)*
            }
        }

        /// The sounds the games make themselves (instruments), each game's `own_sounds`:
        /// `wigglewoods sounds` writes them and the loudness test measures them.
        pub fn game_sounds() -> Vec<kit::NamedSound> {
            let mut all = Vec::new();
            $(all.extend($name::own_sounds());)*
            all
        }

        /// The level a game plays when its file cannot be read (tests, a missing folder).
        pub fn builtin_level(game: GameId) -> LoadedLevel {
            match game {
                $(GameId::$variant => LoadedLevel::builtin::<$name::level::Difficulty>(),)*
            }
        }
    };
}

crate::for_each_game!(every_game);

/// The levels as the games see them: the file from `levels/` when it loaded, otherwise
/// nothing (the game is skipped and staff see why).
#[derive(SystemParam)]
pub struct LevelLookup<'w> {
    loaded: Option<Res<'w, Levels>>,
}

impl LevelLookup<'_> {
    /// The level of a game, if usable.
    pub fn get(&self, game: GameId) -> Option<&LoadedLevel> {
        self.loaded.as_ref()?.get(game)
    }

    /// A game's difficulty for one profile, or the built-in one.
    pub fn difficulty<L: GameLevel>(&self, profile: crate::motion::Profile) -> L {
        self.get(L::GAME)
            .and_then(|l| l.difficulty::<L>(profile))
            .cloned()
            .unwrap_or_else(|| L::builtin(profile))
    }
}

pub use super::levels::levels_ready;

/// The difficulty of game `L` for the session's profile: what a game reads when it starts.
pub fn current_difficulty<L: GameLevel>(levels: &LevelLookup, session: &Session) -> L {
    levels.difficulty::<L>(session.plan.profile)
}
