//! Play: the mini-games of the session, one after the other, with a short pause between.

use bevy::prelude::*;

use super::{Screen, Stage};
use crate::game::AppSystems;
use crate::game::audio::{Mood, MusicState, SoundCue};
use crate::game::minigames::LevelLookup;
use crate::game::session::{GameResult, Session};

/// Seconds between two games (and before the first).
pub const BETWEEN_SECONDS: f32 = 2.5;

/// What the current game has achieved so far; each game keeps it up to date.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score(pub u32);

#[derive(Resource, Debug, Default)]
struct BetweenClock(f32);

/// Adds the play screen's running order.
pub fn plugin(app: &mut App) {
    app.init_resource::<Score>()
        .init_resource::<BetweenClock>()
        .add_systems(OnEnter(Screen::Play), enter_play)
        .add_systems(
            OnEnter(Stage::Between),
            |mut clock: ResMut<BetweenClock>| clock.0 = 0.0,
        )
        .add_systems(Update, staff_stops.in_set(crate::game::AppSystems::Overlay))
        .add_systems(
            Update,
            (
                tick_session,
                run_game_clock.run_if(not(in_state(Stage::Between))),
                run_between.run_if(in_state(Stage::Between)),
            )
                .in_set(AppSystems::TickTimers)
                .run_if(in_state(Screen::Play)),
        );
}

/// Staff stopped the session: the game's result so far is kept, and the forest goes back to
/// the attract scene (no celebration: the child may have needed to stop).
fn staff_stops(
    mut stops: MessageReader<crate::game::staff::SessionStopped>,
    screen: Res<State<Screen>>,
    mut session: ResMut<Session>,
    score: Res<Score>,
    mut paused: ResMut<crate::game::staff::Paused>,
    mut next: ResMut<NextState<Screen>>,
) {
    if stops.read().last().is_none() || !matches!(screen.get(), Screen::Play | Screen::Calibrate) {
        return;
    }
    if let Some(game) = session.current_game() {
        let result = GameResult {
            game: Some(game),
            score: score.0,
            seconds: session.game_elapsed,
        };
        session.results.push(result);
    }
    session.stopped_by_staff = true;
    paused.0 = false;
    next.set(Screen::Attract);
}

fn enter_play(mut session: ResMut<Session>, mut music: ResMut<MusicState>) {
    session.index = 0;
    session.results.clear();
    music.mood = Mood::Play;
    music.playing = true;
}

fn tick_session(time: Res<Time>, mut session: ResMut<Session>) {
    session.elapsed += time.delta_secs();
}

/// Ends the game when its time is up, records its result and goes to the pause.
fn run_game_clock(
    time: Res<Time>,
    mut session: ResMut<Session>,
    score: Res<Score>,
    mut next: ResMut<NextState<Stage>>,
    mut cues: MessageWriter<SoundCue>,
) {
    session.game_elapsed += time.delta_secs();
    if session.game_elapsed >= session.game_length {
        let result = GameResult {
            game: session.current_game(),
            score: score.0,
            seconds: session.game_elapsed,
        };
        info!("game over: {:?}", result);
        session.results.push(result);
        session.index += 1;
        cues.write(SoundCue::Cheer);
        next.set(Stage::Between);
    }
}

/// After the pause: the next playable game, or the celebration.
fn run_between(
    time: Res<Time>,
    mut clock: ResMut<BetweenClock>,
    mut session: ResMut<Session>,
    levels: LevelLookup,
    mut score: ResMut<Score>,
    mut next_stage: ResMut<NextState<Stage>>,
    mut next_screen: ResMut<NextState<Screen>>,
) {
    clock.0 += time.delta_secs();
    if clock.0 < BETWEEN_SECONDS {
        return;
    }
    clock.0 = 0.0;
    // Skip games whose level file is broken: they are reported on the staff side.
    while let Some(game) = session.current_game() {
        if levels.get(game).is_some() {
            break;
        }
        warn!("skipping {}: its level file is not usable", game.name());
        session.index += 1;
    }
    let Some(game) = session.current_game() else {
        next_screen.set(Screen::Celebrate);
        return;
    };
    session.game_length = game_length(&session, &levels, game);
    session.game_elapsed = 0.0;
    score.0 = 0;
    next_stage.set(Stage::of(game));
}

/// A game's share of the session: the session's length split in proportion to the games'
/// own lengths in their level files.
fn game_length(session: &Session, levels: &LevelLookup, game: crate::game::levels::GameId) -> f32 {
    let own = levels.get(game).map_or(60.0, |l| l.seconds);
    let total: f32 = session
        .plan
        .games
        .iter()
        .filter_map(|g| levels.get(*g).map(|l| l.seconds))
        .sum();
    if total <= 0.0 {
        return own;
    }
    (session.plan.minutes * 60.0 * own / total).max(10.0)
}
