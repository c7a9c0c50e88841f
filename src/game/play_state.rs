//! The stage of play and what the screens, the mini-games and the staff side share about
//! it: which game runs ([`Stage`]), what it has achieved ([`Score`]), and whether staff have
//! paused or stopped it ([`Paused`], [`SessionStopped`]).
//!
//! One small module that every side imports, so that none of them imports another's screen.

use bevy::prelude::*;

use super::screens::Screen;
use crate::games::GameId;

/// Which part of the Play screen runs: a mini-game, or the pause between two.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Play)]
#[states(scoped_entities)]
pub enum Stage {
    /// A short pause while the next game comes in.
    #[default]
    Between,
    /// A mini-game plays.
    Game(GameId),
}

impl Stage {
    /// The game this stage plays (none for the pause between games).
    pub fn game(self) -> Option<GameId> {
        match self {
            Stage::Between => None,
            Stage::Game(game) => Some(game),
        }
    }

    /// The stage of a game.
    pub fn of(game: GameId) -> Stage {
        Stage::Game(game)
    }
}

/// What the current game has achieved so far; each game keeps it up to date.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score(pub u32);

/// A staff pause: gameplay, timers and music stop; the forest holds still.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// Staff ended the session early.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionStopped;

/// Whether gameplay runs (not paused by staff).
pub fn not_paused(paused: Res<Paused>) -> bool {
    !paused.0
}

/// Registers the shared play types (the stage itself is added with the screens).
pub fn plugin(app: &mut App) {
    app.init_resource::<Score>()
        .init_resource::<Paused>()
        .add_message::<SessionStopped>();
}
