//! Apple Shake: wiggling shakes the big tree; apples come loose and tumble into the
//! hedgehog's basket. More wiggle, more apples. Works in every profile: a bed-bound child's
//! small wiggle counts, because intensity is measured against the child's own size.

pub mod level;
pub mod rules;

use bevy::prelude::*;
use bevy_rapier2d::prelude::*;

use self::rules::{ShakeMeter, throw_to};
use crate::game::minigames::kit::{AppSystems, GROUND_Y, GameId, GestureKind, LevelLookup, Mood, Motion, MusicState, Score, Session, SoundCue, Stage, current_difficulty, palette, spawn_tree, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::AppleShake);

/// Where the basket stands (beside the hedgehog).
pub const BASKET: Vec2 = Vec2::new(330.0, GROUND_Y - 70.0);
/// Where the tree stands.
const TREE_AT: Vec2 = Vec2::new(-120.0, GROUND_Y - 20.0);
/// Seconds an apple flies from the branch to the basket.
const FLIGHT: f32 = 1.1;
/// Gravity in world units (100 to a metre).
const GRAVITY: f32 = -981.0;

/// The game's state.
#[derive(Resource, Debug, Default)]
pub struct AppleShake {
    /// The shake meter.
    pub meter: ShakeMeter,
    /// Apples shaken loose so far.
    pub loosened: u32,
    /// Apples landed in the basket.
    pub in_basket: u32,
    /// How strongly the tree shakes now (for its sway), 0..1.
    pub shaking: f32,
    /// Seconds until a new crop grows, once the tree is bare.
    pub regrow: Option<f32>,
}

/// An apple on the tree (`hanging`) or on its way down.
#[derive(Component, Debug)]
pub struct Apple {
    /// Still on the tree.
    pub hanging: bool,
    /// Seconds since it came loose.
    pub falling_for: f32,
}

/// The big tree of this game.
#[derive(Component)]
struct ShakeTree;

/// Adds the game.
/// The sounds this game makes itself: none, it speaks with the kiosk's shared cues.
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Vec::new()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<AppleShake>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(
            Update,
            (shake, fall_into_basket, regrow, sway_tree)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

fn enter(
    mut commands: Commands,
    mut state: ResMut<AppleShake>,
    mut music: ResMut<MusicState>,
    mut targets: ResMut<crate::game::by_ear::EarTargets>,
    levels: LevelLookup,
    session: Res<Session>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    *state = AppleShake::default();
    music.mood = Mood::Play;
    // Heard by ear from the crown, where the apples hang.
    targets.points = vec![TREE_AT + Vec2::new(0.0, 420.0)];
    let apples = current_difficulty::<level::Difficulty>(&levels, &session).apples;
    let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) else {
        // Headless: the apples exist without shapes.
        spawn_apples(&mut commands, apples, None);
        return;
    };
    let tree = spawn_tree(&mut commands, meshes, materials, TREE_AT, 1.6, 0.0);
    commands
        .entity(tree)
        .insert((ShakeTree, DespawnOnExit(STAGE)))
        .remove::<crate::game::forest::scene::SwayingTree>();
    // The basket: a big wicker bowl by the hedgehog, with a rim in front of the apples.
    let wicker = materials.add(Color::srgb(0.72, 0.50, 0.25));
    let rim = materials.add(Color::srgb(0.55, 0.36, 0.16));
    commands.spawn((
        Name::new("Basket"),
        DespawnOnExit(STAGE),
        Mesh2d(meshes.add(CircularSegment::new(95.0, 1.35))),
        MeshMaterial2d(wicker),
        Transform::from_xyz(BASKET.x, BASKET.y + 25.0, z::GAME + 0.7)
            .with_rotation(Quat::from_rotation_z(std::f32::consts::PI)),
    ));
    commands.spawn((
        Name::new("Basket rim"),
        DespawnOnExit(STAGE),
        Mesh2d(meshes.add(Capsule2d::new(10.0, 175.0))),
        MeshMaterial2d(rim),
        Transform::from_xyz(BASKET.x, BASKET.y + 25.0, z::GAME + 0.8)
            .with_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2)),
    ));
    let look = (meshes.add(Circle::new(22.0)), materials.add(palette::APPLE));
    spawn_apples(&mut commands, apples, Some(look));
}

/// Hangs `count` apples in the crown.
fn spawn_apples(
    commands: &mut Commands,
    count: u32,
    look: Option<(Handle<Mesh>, Handle<ColorMaterial>)>,
) {
    for i in 0..count {
        // A spiral over the crown, so apples spread evenly whatever their number.
        let a = i as f32 * 2.4;
        let r = 40.0 + 140.0 * ((i as f32 + 0.5) / count.max(1) as f32).sqrt();
        let pos = TREE_AT + Vec2::new(0.0, 420.0) + Vec2::new(a.cos() * r, a.sin() * r * 0.7);
        let mut apple = commands.spawn((
            Name::new("Apple"),
            Apple {
                hanging: true,
                falling_for: 0.0,
            },
            DespawnOnExit(STAGE),
            Transform::from_xyz(pos.x, pos.y, z::GAME),
            Visibility::default(),
        ));
        if let Some((mesh, material)) = &look {
            apple.insert((Mesh2d(mesh.clone()), MeshMaterial2d(material.clone())));
        }
    }
}

/// Wiggling fills the shake meter; each full meter lets an apple go.
fn shake(
    mut commands: Commands,
    time: Res<Time>,
    motion: Res<Motion>,
    mut state: ResMut<AppleShake>,
    levels: LevelLookup,
    session: Res<Session>,
    mut apples: Query<(Entity, &mut Apple, &Transform)>,
    mut cues: MessageWriter<SoundCue>,
    mut bursts: MessageWriter<crate::game::forest::bursts::Burst>,
) {
    let dt = time.delta_secs();
    let difficulty = current_difficulty::<level::Difficulty>(&levels, &session);
    // A wiggle counts fully; other movement (waving, stepping) shakes a little.
    let intensity = motion
        .doing(GestureKind::Wiggle)
        .map_or(0.5 * motion.activity(), |g| {
            g.intensity.max(motion.activity())
        });
    state.shaking += (intensity - state.shaking) * (1.0 - (-dt / 0.3).exp());
    let loose = state.meter.shake(intensity, dt, difficulty.shake_per_apple);
    if intensity > 0.3 && time.elapsed_secs() % 1.0 < dt {
        cues.write(SoundCue::Rustle);
    }
    let mut to_drop = loose;
    for (entity, mut apple, transform) in &mut apples {
        if to_drop == 0 {
            break;
        }
        if !apple.hanging {
            continue;
        }
        apple.hanging = false;
        to_drop -= 1;
        state.loosened += 1;
        let from = transform.translation.truncate();
        let (vx, vy) = throw_to((from.x, from.y), (BASKET.x, BASKET.y), FLIGHT, GRAVITY);
        commands.entity(entity).insert((
            RigidBody::Dynamic,
            Collider::ball(20.0),
            Restitution::coefficient(0.3),
            Velocity::linear(Vec2::new(vx, vy)),
        ));
        cues.write(SoundCue::AppleFall);
        // Leaves burst from the crown where the apple let go.
        bursts.write(crate::game::forest::bursts::Burst::leaves(from));
    }
}

/// Apples reaching the basket are counted and stay in it; any that bounce away are fetched
/// by the hedgehog after a while (every loosened apple ends up counted).
fn fall_into_basket(
    mut commands: Commands,
    time: Res<Time>,
    mut state: ResMut<AppleShake>,
    mut score: ResMut<Score>,
    mut apples: Query<(Entity, &mut Apple, &mut Transform)>,
    mut cues: MessageWriter<SoundCue>,
) {
    for (entity, mut apple, mut transform) in &mut apples {
        if apple.hanging {
            continue;
        }
        apple.falling_for += time.delta_secs();
        let p = transform.translation.truncate();
        let in_basket = (p - BASKET).length() < 80.0 && apple.falling_for > 0.3;
        if in_basket || apple.falling_for > FLIGHT + 2.5 {
            state.in_basket += 1;
            score.0 = state.in_basket;
            cues.write(SoundCue::AppleInBasket);
            // Rest on the pile in the basket, no longer a physics body.
            let slot = state.in_basket as f32;
            transform.translation = Vec3::new(
                BASKET.x - 45.0 + (slot * 23.0) % 90.0,
                BASKET.y + 5.0 + (slot / 4.0).floor().min(3.0) * 14.0,
                z::GAME + 0.6,
            );
            commands
                .entity(entity)
                .remove::<(RigidBody, Collider, Velocity, Restitution, Apple)>();
        }
    }
}

/// A bare tree grows a new crop, so the game goes on as long as the child plays.
fn regrow(
    mut commands: Commands,
    time: Res<Time>,
    mut state: ResMut<AppleShake>,
    apples: Query<&Apple>,
    levels: LevelLookup,
    session: Res<Session>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    if !apples.is_empty() {
        return;
    }
    let left = state.regrow.get_or_insert(2.0);
    *left -= time.delta_secs();
    if *left > 0.0 {
        return;
    }
    state.regrow = None;
    let count = current_difficulty::<level::Difficulty>(&levels, &session).apples;
    let look = match (meshes.as_deref_mut(), materials.as_deref_mut()) {
        (Some(m), Some(c)) => Some((m.add(Circle::new(22.0)), c.add(palette::APPLE))),
        _ => None,
    };
    spawn_apples(&mut commands, count, look);
}

fn sway_tree(
    time: Res<Time>,
    state: Res<AppleShake>,
    mut trees: Query<&mut Transform, With<ShakeTree>>,
) {
    let t = time.elapsed_secs();
    for mut transform in &mut trees {
        let angle = 0.09 * state.shaking * (t * 11.0).sin();
        transform.rotation = Quat::from_rotation_z(angle);
    }
}
