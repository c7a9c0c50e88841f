//! Screens as states: Loading, Attract, Calibrate, Play (with the stage of play,
//! [`Stage`], naming the game), Celebrate, and back to Attract.

pub mod attract;
pub mod calibrate;
pub mod celebrate;
pub mod loading;
pub mod play;

use bevy::prelude::*;

use super::play_state::Stage;

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

/// Adds the screens and their transitions.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>().add_sub_state::<Stage>();
    app.add_plugins((
        loading::plugin,
        attract::plugin,
        calibrate::plugin,
        play::plugin,
        celebrate::plugin,
    ));
}
