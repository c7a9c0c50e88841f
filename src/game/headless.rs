//! The game without window, renderer or sound card, on a simulated clock: what headless
//! tests, the tick bench and `wigglewoods soak` run. One builder, so that all three run the
//! same game as the kiosk.

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use super::audio::AudioBackendChoice;
use super::levels::{Levels, LevelsDir};
use super::motion_bridge::ScriptedMotion;
use super::play_state::Stage;
use super::screens::Screen;
use super::session::{Session, SessionPlan};
use crate::games::GameId;
use crate::motion::Profile;

/// The whole game plugin with physics, silent audio, motion scripted by the caller (reports
/// and [`super::motion_bridge::GestureStarted`] messages) and each update advancing the clock
/// by `tick`. `before_start` adds what must be there before the plugins finish (a log
/// writer, settings). The level files are read from the kiosk's levels folder; check
/// `Levels::errors` if they must be valid.
pub fn headless_app(tick: Duration, before_start: impl FnOnce(&mut App)) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, TransformPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(tick));
    app.insert_resource(AudioBackendChoice::Silent);
    app.insert_resource(ScriptedMotion);
    app.add_plugins((super::plugin, super::physics::plugin));
    before_start(&mut app);
    app.finish();
    app.cleanup();
    app.insert_resource(Levels::read_dir(&LevelsDir::find().0));
    app
}

/// Goes straight to one game for one profile, in a session long enough never to end by
/// itself: what a test or a bench of one game starts from. Two updates: one enters Play, one
/// enters the game's stage.
pub fn start_game(app: &mut App, game: GameId, profile: Profile) {
    app.insert_resource(Session {
        plan: SessionPlan {
            profile,
            minutes: 30.0,
            games: vec![game],
            child: None,
            sound_led: false,
        },
        game_length: 1.0e6,
        active: true,
        ..Session::default()
    });
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Play);
    app.update();
    app.world_mut()
        .resource_mut::<NextState<Stage>>()
        .set(Stage::of(game));
    app.update();
}
