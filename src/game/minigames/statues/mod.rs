//! Woodland Statues: music plays and the animals dance while the child moves; the music
//! stops and everyone freezes; holding still earns a star. Stillness is judged against the
//! profile's own threshold, so a child in bed is not asked for more than they can do.

pub mod level;
pub mod rules;

use bevy::prelude::*;

use self::rules::{Outcome, Statues};
use crate::game::minigames::kit::{AppSystems, GameId, GestureKind, LevelLookup, Mood, Motion, MusicState, Score, Session, SoundCue, Stage, current_difficulty, palette, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::Statues);

/// Activity below which a child counts as still, per profile (bed children may breathe and
/// twitch more, relative to their size, than a standing child's whole body shows).
pub fn still_below(profile: crate::motion::Profile) -> f32 {
    match profile {
        crate::motion::Profile::Standing => 0.08,
        crate::motion::Profile::Seated => 0.1,
        crate::motion::Profile::Bed => 0.12,
    }
}

/// The game's state.
#[derive(Resource, Debug)]
pub struct StatuesGame {
    /// The dance/freeze clock.
    pub clock: Statues,
    /// Freezes held well.
    pub stars: u32,
    /// The children hold still in the pause now: shown at once, not only with the star at
    /// the end of the pause, so that a child sees the forest has noticed.
    pub holding_still: bool,
}

impl Default for StatuesGame {
    fn default() -> Self {
        Self {
            clock: Statues::new(1, (4.0, 8.0)),
            stars: 0,
            holding_still: false,
        }
    }
}

/// A golden ring that blooms around the stop sign while the children hold still in the pause
/// and fades slowly when they move (nothing that reads as failure).
#[derive(Component)]
struct StillGlow;

/// A star earned, shown along the top.
#[derive(Component)]
struct StarShape;

/// A stop sign shown while frozen: a big calm red circle, no text.
#[derive(Component)]
struct StopSign;

/// Adds the game.
/// The sounds this game makes itself: none, it speaks with the kiosk's shared cues.
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Vec::new()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<StatuesGame>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(OnExit(STAGE), |mut music: ResMut<MusicState>| {
            music.playing = true
        })
        .add_systems(
            Update,
            (play, show_stop, show_stillness)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

fn enter(
    mut commands: Commands,
    mut state: ResMut<StatuesGame>,
    mut music: ResMut<MusicState>,
    levels: LevelLookup,
    session: Res<Session>,
    time: Res<Time>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let d = current_difficulty::<level::Difficulty>(&levels, &session);
    *state = StatuesGame {
        clock: Statues::new(time.elapsed().subsec_nanos() | 1, d.dance_seconds),
        stars: 0,
        holding_still: false,
    };
    music.mood = Mood::Dance;
    music.playing = true;
    if let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) {
        commands.spawn((
            Name::new("Stop sign"),
            StopSign,
            DespawnOnExit(STAGE),
            Mesh2d(meshes.add(Circle::new(110.0))),
            MeshMaterial2d(materials.add(palette::APPLE.with_alpha(0.0))),
            Transform::from_xyz(0.0, 230.0, z::OVERLAY),
        ));
        commands.spawn((
            Name::new("Still glow"),
            StillGlow,
            DespawnOnExit(STAGE),
            Mesh2d(meshes.add(Annulus::new(122.0, 150.0))),
            MeshMaterial2d(materials.add(palette::SUN.with_alpha(0.0))),
            Transform::from_xyz(0.0, 230.0, z::OVERLAY - 0.01).with_scale(Vec3::splat(GLOW_REST)),
        ));
    }
}

/// The glow's size at rest; it grows to full size as it blooms.
const GLOW_REST: f32 = 0.8;

fn play(
    mut commands: Commands,
    time: Res<Time>,
    motion: Res<Motion>,
    mut state: ResMut<StatuesGame>,
    mut music: ResMut<MusicState>,
    mut score: ResMut<Score>,
    levels: LevelLookup,
    session: Res<Session>,
    mut cues: MessageWriter<SoundCue>,
    mut bursts: MessageWriter<crate::game::forest::bursts::Burst>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let d = current_difficulty::<level::Difficulty>(&levels, &session);
    let still = motion.anyone()
        && (motion.activity() < still_below(session.plan.profile)
            || motion.doing(GestureKind::Freeze).is_some())
        && motion.doing(GestureKind::Wiggle).is_none();
    let outcome = state
        .clock
        .tick(time.delta_secs(), still, d.dance_seconds, d.freeze_seconds);
    state.holding_still = still && !state.clock.music_on();
    music.playing = state.clock.music_on();
    match outcome {
        Some(Outcome::MusicStopped) => {
            cues.write(SoundCue::MusicStop);
        }
        Some(Outcome::FreezeEnded(true)) => {
            state.stars += 1;
            score.0 = state.stars;
            cues.write(SoundCue::FreezeWell);
            let x = -700.0 + (state.stars as f32 - 1.0) % 15.0 * 100.0;
            bursts.write(crate::game::forest::bursts::Burst::sparkles(Vec2::new(x, 380.0)));
            if let (Some(meshes), Some(materials)) =
                (meshes.as_deref_mut(), materials.as_deref_mut())
            {
                let x = -700.0 + (state.stars as f32 - 1.0) % 15.0 * 100.0;
                commands.spawn((
                    Name::new("Statues star"),
                    StarShape,
                    DespawnOnExit(STAGE),
                    Mesh2d(meshes.add(crate::game::shapes::star(38.0, 16.0))),
                    MeshMaterial2d(materials.add(palette::SUN)),
                    Transform::from_xyz(x, 380.0, z::OVERLAY),
                ));
            }
        }
        Some(Outcome::FreezeEnded(false)) | None => {}
    }
}

/// The glow blooms within a frame or two of the children holding still in the pause (fast in,
/// a tenth of a second), and fades over a second when they move or the music comes back.
fn show_stillness(
    time: Res<Time>,
    state: Res<StatuesGame>,
    mut glows: Query<(&MeshMaterial2d<ColorMaterial>, &mut Transform), With<StillGlow>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let Some(materials) = materials.as_deref_mut() else {
        return;
    };
    let dt = time.delta_secs();
    let (target, seconds) = if state.holding_still {
        (1.0, 0.1)
    } else {
        (0.0, 1.0)
    };
    for (handle, mut transform) in &mut glows {
        if let Some(mut m) = materials.get_mut(&handle.0) {
            let a = m.color.alpha();
            let step = (dt / seconds).min(1.0);
            let a = a + (0.85 * target - a).clamp(-step, step);
            m.color.set_alpha(a);
            let scale = GLOW_REST + (1.0 - GLOW_REST) * (a / 0.85);
            transform.scale = Vec3::splat(scale);
        }
    }
}

/// The red circle fades in while frozen and out while dancing (over half a second).
fn show_stop(
    time: Res<Time>,
    state: Res<StatuesGame>,
    signs: Query<&MeshMaterial2d<ColorMaterial>, With<StopSign>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let Some(materials) = materials.as_deref_mut() else {
        return;
    };
    let target = if state.clock.music_on() { 0.0 } else { 0.9 };
    for handle in &signs {
        if let Some(mut m) = materials.get_mut(&handle.0) {
            let a = m.color.alpha();
            m.color.set_alpha(
                a + (target - a).clamp(-2.0 * time.delta_secs(), 2.0 * time.delta_secs()),
            );
        }
    }
}
