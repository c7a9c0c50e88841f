//! Screens as states: Loading, Attract, Calibrate, Play (with a sub-state per mini-game),
//! Celebrate, and back to Attract.

pub mod attract;
pub mod calibrate;
pub mod celebrate;
pub mod diagnostics;
pub mod loading;
pub mod notes;
pub mod play;

use bevy::prelude::*;

use crate::games::GameId;

/// The screen the kiosk shows.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Waiting for levels and sounds.
    #[default]
    Loading,
    /// The forest idles and greets whoever waves; staff start a session from here.
    Attract,
    /// "Stretch high and wide": measures the child's reach.
    Calibrate,
    /// The mini-games, one after the other.
    Play,
    /// A friendly finish.
    Celebrate,
}

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

/// Adds the screens and their transitions.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>().add_sub_state::<Stage>();
    app.add_plugins((
        loading::plugin,
        attract::plugin,
        calibrate::plugin,
        play::plugin,
        celebrate::plugin,
        notes::plugin,
        diagnostics::plugin,
    ));
}
