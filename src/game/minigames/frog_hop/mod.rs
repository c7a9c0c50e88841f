//! Frog Hop: a jump (standing), both arms up (seated) or one arm up (bed) makes the frog hop
//! to the next lily pad. A hop asked for while the frog is in the air is remembered, so the
//! timing is generous; at the far bank the frog cheers and starts again.

pub mod level;
pub mod rules;

use bevy::prelude::*;

use self::rules::{Frog, HOP_SECONDS, is_hop};
use crate::game::minigames::kit::{AppSystems, GROUND_Y, GameId, GestureStarted, LevelLookup, Mood, MusicState, Score, Session, SoundCue, Stage, current_difficulty, palette, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::FrogHop);

/// Where the first and last pads sit.
const FIRST_PAD: Vec2 = Vec2::new(-600.0, GROUND_Y - 110.0);
const LAST_PAD: Vec2 = Vec2::new(600.0, GROUND_Y - 110.0);

/// The game's state.
#[derive(Resource, Debug, Default)]
pub struct FrogHop {
    /// The frog.
    pub frog: Frog,
    /// Hops made.
    pub hops: u32,
    /// Times the frog reached the far bank.
    pub crossings: u32,
    /// Pads to cross.
    pub pads: u32,
}

/// The frog's shape.
#[derive(Component)]
struct FrogShape;

/// Adds the game.
/// The sounds this game makes itself: none, it speaks with the kiosk's shared cues.
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Vec::new()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<FrogHop>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(
            Update,
            (listen, hop, draw_frog)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

/// Where pad `i` of `n` is.
pub fn pad_position(i: u32, n: u32) -> Vec2 {
    let s = if n <= 1 {
        0.0
    } else {
        i as f32 / (n - 1) as f32
    };
    FIRST_PAD.lerp(LAST_PAD, s) + Vec2::new(0.0, 18.0 * (i as f32 * 1.7).sin())
}

fn enter(
    mut commands: Commands,
    mut state: ResMut<FrogHop>,
    mut music: ResMut<MusicState>,
    levels: LevelLookup,
    session: Res<Session>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let pads = current_difficulty::<level::Difficulty>(&levels, &session)
        .pads
        .max(2);
    *state = FrogHop {
        pads,
        ..FrogHop::default()
    };
    music.mood = Mood::Play;
    let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) else {
        return;
    };
    commands.spawn((
        Name::new("Pond"),
        DespawnOnExit(STAGE),
        Mesh2d(meshes.add(Ellipse::new(760.0, 90.0))),
        MeshMaterial2d(materials.add(palette::WATER)),
        Transform::from_xyz(0.0, GROUND_Y - 120.0, z::GAME - 0.5),
    ));
    let pad_mesh = meshes.add(CircularSector::new(46.0, 2.8));
    let pad_colour = materials.add(palette::LILY);
    for i in 0..pads {
        let p = pad_position(i, pads);
        commands.spawn((
            Name::new("Lily pad"),
            DespawnOnExit(STAGE),
            Mesh2d(pad_mesh.clone()),
            MeshMaterial2d(pad_colour.clone()),
            Transform::from_xyz(p.x, p.y, z::GAME - 0.2),
        ));
    }
    let green = materials.add(palette::FROG);
    let white = materials.add(palette::CREAM);
    let eye = materials.add(palette::EYE);
    let start = pad_position(0, pads);
    commands
        .spawn((
            Name::new("Frog"),
            FrogShape,
            DespawnOnExit(STAGE),
            Transform::from_xyz(start.x, start.y + 30.0, z::GAME),
            Visibility::default(),
        ))
        .with_children(|f| {
            f.spawn((
                Mesh2d(meshes.add(Ellipse::new(44.0, 32.0))),
                MeshMaterial2d(green.clone()),
                Transform::default(),
            ));
            for dx in [-20.0, 20.0] {
                f.spawn((
                    Mesh2d(meshes.add(Circle::new(13.0))),
                    MeshMaterial2d(white.clone()),
                    Transform::from_xyz(dx, 30.0, 0.1),
                ));
                f.spawn((
                    Mesh2d(meshes.add(Circle::new(6.0))),
                    MeshMaterial2d(eye.clone()),
                    Transform::from_xyz(dx, 30.0, 0.2),
                ));
            }
            f.spawn((
                Mesh2d(meshes.add(Ellipse::new(26.0, 14.0))),
                MeshMaterial2d(white.clone()),
                Transform::from_xyz(0.0, -8.0, 0.1),
            ));
        });
}

fn listen(
    mut gestures: MessageReader<GestureStarted>,
    session: Res<Session>,
    mut state: ResMut<FrogHop>,
) {
    for GestureStarted(g) in gestures.read() {
        if is_hop(g, session.plan.profile) {
            state.frog.ask();
        }
    }
}

fn hop(
    time: Res<Time>,
    mut state: ResMut<FrogHop>,
    mut score: ResMut<Score>,
    levels: LevelLookup,
    session: Res<Session>,
    mut cues: MessageWriter<SoundCue>,
    mut bursts: MessageWriter<crate::game::forest::bursts::Burst>,
    mut last: Local<Option<f32>>,
) {
    let window = current_difficulty::<level::Difficulty>(&levels, &session).hop_window;
    // A hop starts when the frog leaves the ground, or takes off again on landing.
    let now = state.frog.hopping;
    if let Some(t) = now
        && last.is_none_or(|l| t < l)
    {
        cues.write(SoundCue::FrogHop);
        // Water thrown up from the pad it springs from.
        let from = pad_position(state.frog.pad, state.pads);
        bursts.write(crate::game::forest::bursts::Burst::splash(from));
    }
    if state.frog.tick(time.delta_secs(), window) {
        state.hops += 1;
        score.0 = state.hops;
        if state.frog.pad + 1 >= state.pads {
            state.crossings += 1;
            state.frog = Frog::default();
            cues.write(SoundCue::FrogHome);
        }
    }
    *last = state.frog.hopping;
}

/// The frog's shape through a hop (`s` 0 take-off .. 1 landing): it crouches wide at
/// take-off, stretches tall as it flies, and squashes as it lands, so a child sees the spring
/// from across the room.
pub fn squash_and_stretch(s: f32) -> Vec2 {
    let s = s.clamp(0.0, 1.0);
    let (crouch, land) = ((1.0 - s / 0.15).max(0.0), ((s - 0.85) / 0.15).max(0.0));
    let stretch = (s * std::f32::consts::PI).sin() * (1.0 - crouch) * (1.0 - land);
    let tall = 1.0 + 0.18 * stretch - 0.22 * (crouch + land);
    Vec2::new(1.0 / tall.sqrt(), tall)
}

fn draw_frog(
    state: Res<FrogHop>,
    mut frogs: Query<&mut Transform, With<FrogShape>>,
    mut targets: ResMut<crate::game::by_ear::EarTargets>,
) {
    let from = pad_position(state.frog.pad, state.pads);
    let to = pad_position(state.frog.pad + 1, state.pads);
    // Heard by ear from the next lily pad.
    if targets.points.as_slice() != [to] {
        targets.points = vec![to];
    }
    let (p, lift, squash) = match state.frog.hopping {
        Some(t) => {
            let s = (t / HOP_SECONDS).min(1.0);
            (
                from.lerp(to, s),
                160.0 * (s * std::f32::consts::PI).sin(),
                squash_and_stretch(s),
            )
        }
        None => (from, 0.0, Vec2::ONE),
    };
    for mut transform in &mut frogs {
        transform.translation = Vec3::new(p.x, p.y + 30.0 + lift, z::GAME);
        transform.scale = squash.extend(1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::squash_and_stretch;

    #[test]
    fn the_frog_crouches_springs_and_lands() {
        let take_off = squash_and_stretch(0.0);
        let flying = squash_and_stretch(0.5);
        let landing = squash_and_stretch(0.97);
        assert!(take_off.y < 0.85 && take_off.x > 1.05, "{take_off}");
        assert!(flying.y > 1.15 && flying.x < 0.95, "{flying}");
        assert!(landing.y < 0.9 && landing.x > 1.0, "{landing}");
    }
}
