//! Attract: the forest idles, says hello to a wave, and waits for staff to start a session.

use bevy::prelude::*;

use super::Screen;
use crate::game::AppSystems;
use crate::game::audio::{Mood, MusicState, SoundCue};
use crate::game::motion_bridge::{GestureStarted, Motion};
use crate::game::session::{Session, StartSession};
use crate::motion::GestureKind;

/// Adds the attract screen.
pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Attract), enter_attract)
        .add_systems(
            Update,
            (
                greet_waves.in_set(AppSystems::Update),
                begin_session.in_set(AppSystems::Overlay),
            )
                .run_if(in_state(Screen::Attract)),
        );
}

fn enter_attract(mut music: ResMut<MusicState>, mut session: ResMut<Session>) {
    music.mood = Mood::Attract;
    music.playing = true;
    session.active = false;
}

/// A wave from someone passing by: the forest says hello (at most every few seconds).
fn greet_waves(
    mut gestures: MessageReader<GestureStarted>,
    mut cues: MessageWriter<SoundCue>,
    time: Res<Time>,
    mut last: Local<f32>,
) {
    for GestureStarted(g) in gestures.read() {
        if g.kind == GestureKind::Wave && time.elapsed_secs() - *last > 3.0 {
            *last = time.elapsed_secs();
            cues.write(SoundCue::Hello);
        }
    }
}

fn begin_session(
    mut starts: MessageReader<StartSession>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
    mut profile: ResMut<crate::game::motion_bridge::ActiveProfile>,
    motion: Res<Motion>,
) {
    if let Some(StartSession(plan)) = starts.read().last() {
        *session = Session {
            plan: plan.clone(),
            active: true,
            ..Session::default()
        };
        profile.0 = plan.profile;
        info!(
            "session starts: {} for {} minutes, games {:?}, input {:?}",
            plan.profile, plan.minutes, plan.games, motion.input
        );
        next.set(Screen::Calibrate);
    }
}
