//! Firefly Catch: fireflies drift to spots inside the child's reach box; waving over one
//! catches it and it flies into the jar. Each catch sends the next fireflies a little
//! further out, so the child stretches more as they succeed.

pub mod level;
pub mod rules;

use bevy::prelude::*;

use self::rules::{Catching, spot};
use crate::game::minigames::kit::{AppSystems, GROUND_Y, GameId, GameZones, LevelLookup, Mood, Motion, MusicState, ReachBox, Score, Session, SoundCue, Stage, current_difficulty, palette, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::FireflyCatch);

/// Where caught fireflies go.
const JAR: Vec2 = Vec2::new(0.0, GROUND_Y - 60.0);

/// The game's state.
#[derive(Resource, Debug, Default)]
pub struct FireflyCatch {
    /// Fireflies caught.
    pub caught: u32,
    /// Fireflies placed so far (for the next spot).
    pub placed: u32,
    /// How far out fireflies sit, 0.35..1.
    pub spread: f32,
}

/// A firefly waiting to be caught, with the zone index of its area.
#[derive(Component, Debug)]
pub struct Firefly {
    /// Where it hovers.
    pub home: Vec2,
    /// Its slot in [`GameZones`].
    pub slot: usize,
    /// Progress of the catch.
    pub catching: Catching,
    /// Keeps fireflies out of step.
    pub phase: f32,
}

/// A caught firefly on its way to the jar.
#[derive(Component)]
struct Flying {
    from: Vec2,
    t: f32,
}

/// Adds the game.
/// The sounds this game makes itself: none, it speaks with the kiosk's shared cues.
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Vec::new()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<FireflyCatch>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(
            OnExit(STAGE),
            |mut zones: ResMut<GameZones>| zones.rects.clear(),
        )
        .add_systems(
            Update,
            (catch, hover, fly_to_jar)
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

/// The looks of fireflies, shared.
#[derive(Resource, Clone)]
struct FireflyLook(
    Handle<Mesh>,
    Handle<ColorMaterial>,
    Handle<Mesh>,
    Handle<ColorMaterial>,
);

fn enter(
    mut commands: Commands,
    mut state: ResMut<FireflyCatch>,
    mut music: ResMut<MusicState>,
    mut zones: ResMut<GameZones>,
    levels: LevelLookup,
    session: Res<Session>,
    reach: Res<ReachBox>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    *state = FireflyCatch {
        spread: 0.35,
        ..FireflyCatch::default()
    };
    music.mood = Mood::Play;
    let difficulty = current_difficulty::<level::Difficulty>(&levels, &session);
    let look = match (meshes.as_deref_mut(), materials.as_deref_mut()) {
        (Some(m), Some(c)) => {
            let look = FireflyLook(
                m.add(Circle::new(24.0)),
                c.add(palette::FIREFLY),
                m.add(Circle::new(64.0)),
                c.add(palette::FIREFLY.with_alpha(0.35)),
            );
            // The jar the fireflies fly into.
            commands.spawn((
                Name::new("Jar"),
                DespawnOnExit(STAGE),
                Mesh2d(m.add(Capsule2d::new(55.0, 70.0))),
                MeshMaterial2d(c.add(Color::srgba(0.80, 0.92, 1.0, 0.65))),
                Transform::from_xyz(JAR.x, JAR.y, z::GAME),
            ));
            commands.insert_resource(look.clone());
            Some(look)
        }
        _ => None,
    };
    zones.rects.clear();
    let size = reach.0.size() * difficulty.catch_size;
    for slot in 0..difficulty.fireflies as usize {
        let home = spot(reach.0, state.placed, state.spread);
        state.placed += 1;
        zones.rects.push(Rect::from_center_size(home, size));
        spawn_firefly(&mut commands, home, slot, look.as_ref());
    }
}

fn spawn_firefly(commands: &mut Commands, home: Vec2, slot: usize, look: Option<&FireflyLook>) {
    let mut e = commands.spawn((
        Name::new("Firefly"),
        Firefly {
            home,
            slot,
            catching: Catching::default(),
            phase: slot as f32 * 2.1,
        },
        DespawnOnExit(STAGE),
        Transform::from_xyz(home.x, home.y, z::GAME),
        Visibility::default(),
    ));
    if let Some(look) = look {
        e.insert((Mesh2d(look.0.clone()), MeshMaterial2d(look.1.clone())));
        e.with_children(|f| {
            f.spawn((
                Mesh2d(look.2.clone()),
                MeshMaterial2d(look.3.clone()),
                Transform::from_xyz(0.0, 0.0, -0.1),
            ));
        });
    }
}

/// Waving over a firefly's area catches it; a new one appears a little further out.
fn catch(
    mut commands: Commands,
    time: Res<Time>,
    motion: Res<Motion>,
    mut state: ResMut<FireflyCatch>,
    mut zones: ResMut<GameZones>,
    mut score: ResMut<Score>,
    levels: LevelLookup,
    session: Res<Session>,
    reach: Res<ReachBox>,
    look: Option<Res<FireflyLook>>,
    mut fireflies: Query<(Entity, &mut Firefly, &Transform)>,
    mut cues: MessageWriter<SoundCue>,
    mut bursts: MessageWriter<crate::game::forest::bursts::Burst>,
) {
    let difficulty = current_difficulty::<level::Difficulty>(&levels, &session);
    let dt = time.delta_secs();
    for (entity, mut firefly, transform) in &mut fireflies {
        let reading = motion.zone(firefly.slot);
        if !firefly
            .catching
            .wave(reading.motion, dt, difficulty.wave_seconds)
        {
            continue;
        }
        state.caught += 1;
        score.0 = state.caught;
        state.spread = (state.spread + difficulty.drift_out).min(1.0);
        cues.write(SoundCue::FireflyCatch);
        // Sparkles where it was caught, as it flies into the jar.
        bursts.write(crate::game::forest::bursts::Burst::sparkles(
            transform.translation.truncate(),
        ));
        commands.entity(entity).remove::<Firefly>().insert(Flying {
            from: transform.translation.truncate(),
            t: 0.0,
        });
        // A new firefly takes the same slot, further out.
        let home = spot(reach.0, state.placed, state.spread);
        state.placed += 1;
        let size = reach.0.size() * difficulty.catch_size;
        if let Some(rect) = zones.rects.get_mut(firefly.slot) {
            *rect = Rect::from_center_size(home, size);
        }
        spawn_firefly(&mut commands, home, firefly.slot, look.as_deref());
    }
}

/// Fireflies hover in small loops and glow brighter while being caught (slowly: no flashing).
fn hover(time: Res<Time>, mut fireflies: Query<(&Firefly, &mut Transform)>) {
    let t = time.elapsed_secs();
    for (f, mut transform) in &mut fireflies {
        let wobble = Vec2::new((t * 1.1 + f.phase).sin(), (t * 0.8 + f.phase).cos()) * 14.0;
        transform.translation = (f.home + wobble).extend(z::GAME);
        let s = 1.0 + 0.8 * f.catching.waved.min(1.0);
        transform.scale = Vec3::new(s, s, 1.0);
    }
}

fn fly_to_jar(
    mut commands: Commands,
    time: Res<Time>,
    mut flying: Query<(Entity, &mut Flying, &mut Transform)>,
) {
    for (entity, mut fly, mut transform) in &mut flying {
        fly.t += time.delta_secs() / 0.9;
        let s = fly.t.min(1.0);
        let p = fly.from.lerp(JAR, s) + Vec2::new(0.0, 120.0 * (s * std::f32::consts::PI).sin());
        transform.translation = p.extend(z::GAME);
        transform.scale = Vec3::splat(1.0 - 0.6 * s);
        if fly.t >= 1.0 {
            commands.entity(entity).despawn();
        }
    }
}
