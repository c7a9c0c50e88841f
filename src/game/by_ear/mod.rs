//! Play by ear (sound-led sessions), for children who cannot see the screen well: every game
//! can be played from what it sounds like.
//!
//! - **Each child is heard**: a soft tone per child, panned left and right with the child as
//!   the screen shows them, higher as their hands go up, fading when they leave.
//! - **Each target is heard where it is**: a ping from its place in the stereo field every
//!   second or so, louder as a child's hand comes near (the fireflies, the instruments, the
//!   apple tree's crown, the frog's next lily pad).
//! - **What the game wants, without words**: each game has its own little tune, played as it
//!   begins (so a child hears the game change) and again now and then; every hit already has
//!   its own sound (an apple falling, a firefly caught, the frog's hop).
//!
//! Switched on per session (`sound_led` in the launcher, the config's default, or
//! `--autostart sound_led=on`). The sounds are in [`sounds`]; the tones are kept playing by
//! the audio plugin ([`EarVoices`]).

pub mod sounds;

use bevy::prelude::*;

use self::sounds::EarSounds;
use crate::game::AppSystems;
use crate::game::audio::{EarVoice, EarVoices, PlaySound};
use crate::game::layout::{WIDTH, picture_to_world};
use crate::game::motion_bridge::{GameZones, Motion};
use crate::game::play_state::Stage;
use crate::game::screens::Screen;
use crate::game::session::Session;
use crate::motion::MotionReport;

/// Places a child should reach in the current game (world units), besides the game's motion
/// zones: a game without zones puts its target here (the tree's crown, the next lily pad).
/// Cleared whenever the game changes.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct EarTargets {
    /// The targets.
    pub points: Vec<Vec2>,
}

/// Seconds between a target's pings.
const PING_SECONDS: f32 = 1.2;
/// Seconds between reminders of what the game wants.
const REMINDER_SECONDS: f32 = 12.0;
/// A child's tone at full presence (an amplitude under the master volume).
const TONE_VOLUME: f32 = 0.35;
/// A far target's ping, and how much louder it grows as a hand comes near.
const PING_FAR: f32 = 0.15;
const PING_NEAR: f32 = 0.6;
/// Pitch of a child's tone with the hands at the bottom and at the top of the picture: an
/// octave from one to the other.
const PITCH_LOW: f32 = 0.7;
const PITCH_HIGH: f32 = 1.4;

/// The generated sounds.
#[derive(Resource)]
struct Sounds(EarSounds);

/// Timers: the next ping and the next reminder.
#[derive(Resource, Debug, Default)]
struct Clock {
    ping_in: f32,
    next_target: usize,
    remind_in: f32,
}

/// Adds play by ear.
pub fn plugin(app: &mut App) {
    let sounds = EarSounds::generate();
    app.world_mut().resource_mut::<EarVoices>().tone = Some(sounds.tone.clone());
    app.insert_resource(Sounds(sounds))
        .init_resource::<EarTargets>()
        .init_resource::<Clock>()
        .add_systems(
            Update,
            (announce_game, follow_children, ping_targets)
                .chain()
                .in_set(AppSystems::Update),
        );
}

/// Whether this frame is played by ear: a sound-led session is on and a game or its pause
/// is showing.
fn by_ear_now(session: &Session, screen: &State<Screen>) -> bool {
    session.active && session.plan.sound_led && *screen.get() == Screen::Play
}

/// Where a child's hand is heard from: the top middle of their box (raised hands lift it),
/// as a pan (-1..1, as on the screen) and a height (0 bottom .. 1 top of the picture).
fn heard_at(report: &MotionReport, player: &crate::motion::Player) -> (f32, f32) {
    let (w, h) = (
        report.frame_size.0.max(1) as f32,
        report.frame_size.1.max(1) as f32,
    );
    let pan = (2.0 * player.cx / w - 1.0).clamp(-1.0, 1.0);
    let height = (1.0 - player.y / h).clamp(0.0, 1.0);
    (pan, height)
}

/// Each child's tone follows them: pan with their place, pitch with their hands, loudness
/// with how surely they are there.
fn follow_children(
    session: Res<Session>,
    screen: Res<State<Screen>>,
    motion: Res<Motion>,
    mut voices: ResMut<EarVoices>,
) {
    voices.voices.clear();
    if !by_ear_now(&session, &screen) {
        return;
    }
    let report = &motion.report;
    for player in &report.players {
        let (pan, height) = heard_at(report, player);
        voices.voices.push(EarVoice {
            player: player.id,
            pan,
            pitch: PITCH_LOW * (PITCH_HIGH / PITCH_LOW).powf(height),
            volume: TONE_VOLUME * player.presence.clamp(0.0, 1.0),
        });
    }
}

/// Each game's tune as it begins, and again every [`REMINDER_SECONDS`]; targets are cleared
/// when the game changes.
fn announce_game(
    session: Res<Session>,
    screen: Res<State<Screen>>,
    stage: Option<Res<State<Stage>>>,
    time: Res<Time>,
    sounds: Res<Sounds>,
    mut clock: ResMut<Clock>,
    mut targets: ResMut<EarTargets>,
    mut play: MessageWriter<PlaySound>,
) {
    let Some(stage) = stage else {
        return;
    };
    if stage.is_changed() {
        targets.points.clear();
        clock.remind_in = 0.0;
    }
    if !by_ear_now(&session, &screen) {
        return;
    }
    let Some(game) = stage.get().game() else {
        return;
    };
    clock.remind_in -= time.delta_secs();
    if clock.remind_in <= 0.0 {
        clock.remind_in = REMINDER_SECONDS;
        play.write(PlaySound {
            sound: sounds.0.motif(game).clone(),
            volume: 0.7,
            pan: 0.0,
        });
    }
}

/// The targets ping in turn, each from its place, louder the nearer a child's hand.
fn ping_targets(
    session: Res<Session>,
    screen: Res<State<Screen>>,
    time: Res<Time>,
    motion: Res<Motion>,
    zones: Res<GameZones>,
    targets: Res<EarTargets>,
    sounds: Res<Sounds>,
    mut clock: ResMut<Clock>,
    mut play: MessageWriter<PlaySound>,
) {
    if !by_ear_now(&session, &screen) {
        return;
    }
    // The game's zones, then its other targets: looked up only when a ping is due.
    let count = zones.rects.len() + targets.points.len();
    if count == 0 {
        return;
    }
    clock.ping_in -= time.delta_secs();
    if clock.ping_in > 0.0 {
        return;
    }
    // Pings share the beat: with several targets each comes round in turn.
    clock.ping_in = PING_SECONDS / count as f32;
    let i = clock.next_target % count;
    clock.next_target = (i + 1) % count;
    let place = match zones.rects.get(i) {
        Some(rect) => rect.center(),
        None => targets.points[i - zones.rects.len()],
    };
    let report = &motion.report;
    let nearest = report
        .players
        .iter()
        .map(|p| {
            let (pan, height) = heard_at(report, p);
            let hand = picture_to_world((pan + 1.0) / 2.0, 1.0 - height);
            hand.distance(place)
        })
        .fold(f32::INFINITY, f32::min);
    let closeness = (1.0 - nearest / (0.5 * WIDTH)).clamp(0.0, 1.0);
    play.write(PlaySound {
        sound: sounds.0.ping.clone(),
        volume: PING_FAR + (PING_NEAR - PING_FAR) * closeness * closeness,
        pan: (place.x / (0.5 * WIDTH)).clamp(-1.0, 1.0),
    });
}
