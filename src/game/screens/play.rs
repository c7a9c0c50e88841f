//! Play: the mini-games of the session, one after the other, with a short pause between.

use bevy::prelude::*;

use super::Screen;
use crate::game::AppSystems;
use crate::game::audio::{Mood, MusicState, SoundCue};
use crate::game::minigames::LevelLookup;
use crate::game::motion_bridge::{InputState, Motion};
use crate::game::play_state::{Paused, Score, SessionStopped, Stage};
use crate::game::session::{GameResult, Session};
use crate::logs::EndReason;

/// Seconds between two games (and before the first).
pub const BETWEEN_SECONDS: f32 = 2.5;

#[derive(Resource, Debug, Default)]
struct BetweenClock(f32);

/// Adds the play screen's running order.
pub fn plugin(app: &mut App) {
    app.init_resource::<BetweenClock>()
        .add_systems(OnEnter(Screen::Play), enter_play)
        .add_systems(
            OnEnter(Stage::Between),
            |mut clock: ResMut<BetweenClock>| clock.0 = 0.0,
        )
        .add_systems(Update, staff_stops.in_set(AppSystems::Overlay))
        .add_systems(
            Update,
            end_when_abandoned
                .in_set(AppSystems::TickTimers)
                .run_if(in_state(Screen::Play).or_else(in_state(Screen::Calibrate))),
        )
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

/// How long the camera may stay away during a session before it ends (the child has been
/// waiting in a resting forest for long enough; the log says the camera was lost).
pub const CAMERA_LOST_END_S: f32 = 120.0;

/// How long nobody may move in front of a working camera before the session ends by itself
/// and the forest goes back to its attract scene (the child has left).
pub const NOBODY_END_S: f32 = 180.0;

/// Ends the session early: the running game's result so far is kept, and the forest goes
/// back to the attract scene (no celebration: the child may have needed to stop).
fn end_early(
    session: &mut Session,
    score: u32,
    reason: EndReason,
    paused: &mut Paused,
    next: &mut NextState<Screen>,
) {
    if let Some(game) = session.current_game() {
        let result = GameResult {
            game: Some(game),
            score,
            seconds: session.game_elapsed,
        };
        session.results.push(result);
        session.index += 1;
    }
    info!("session ends early: {}", reason.describe());
    session.ended_early = Some(reason);
    paused.0 = false;
    next.set(Screen::Attract);
}

/// Staff stopped the session.
fn staff_stops(
    mut stops: MessageReader<SessionStopped>,
    screen: Res<State<Screen>>,
    mut session: ResMut<Session>,
    score: Res<Score>,
    mut paused: ResMut<Paused>,
    mut next: ResMut<NextState<Screen>>,
) {
    if stops.read().last().is_none() || !matches!(screen.get(), Screen::Play | Screen::Calibrate) {
        return;
    }
    end_early(
        &mut session,
        score.0,
        EndReason::StoppedByStaff,
        &mut paused,
        &mut next,
    );
}

/// Ends a session whose camera stayed away, or in front of which nobody moved, for minutes.
/// Time paused by staff does not count.
fn end_when_abandoned(
    time: Res<Time>,
    motion: Res<Motion>,
    mut session: ResMut<Session>,
    score: Res<Score>,
    mut paused: ResMut<Paused>,
    mut next: ResMut<NextState<Screen>>,
    mut lost_for: Local<f32>,
    mut nobody_for: Local<f32>,
) {
    let dt = time.delta_secs();
    let lost = matches!(motion.input, InputState::Lost { .. });
    *lost_for = if lost { *lost_for + dt } else { 0.0 };
    let nobody = motion.usable() && !motion.anyone();
    *nobody_for = if nobody { *nobody_for + dt } else { 0.0 };
    let reason = if *lost_for >= CAMERA_LOST_END_S {
        EndReason::CameraLost
    } else if *nobody_for >= NOBODY_END_S {
        EndReason::Idle
    } else {
        return;
    };
    *lost_for = 0.0;
    *nobody_for = 0.0;
    end_early(&mut session, score.0, reason, &mut paused, &mut next);
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
fn game_length(session: &Session, levels: &LevelLookup, game: crate::games::GameId) -> f32 {
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
