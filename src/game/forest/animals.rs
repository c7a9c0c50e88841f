//! The animals that notice the children: birds fly up when someone waves, the squirrel leaps
//! when someone jumps, the owl's eyes follow the nearest child, the fox bobs to the music
//! of their movement, the hedgehog shuffles when they wiggle. Between times they live: they
//! blink now and then, each in its own time, and the fox hops off to a new spot in the grass
//! every half minute or so and later back.

use bevy::ecs::spawn::SpawnWith;
use bevy::prelude::*;

use crate::game::AppSystems;
use crate::game::audio::SoundCue;
use crate::game::layout::{GROUND_Y, WIDTH, z};
use crate::game::motion_bridge::{GestureStarted, Motion};
use crate::game::palette;
use crate::motion::GestureKind;

/// Which animal an entity is.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Animal {
    /// A bird on a branch.
    Bird,
    /// The squirrel on a trunk.
    Squirrel,
    /// The owl in its tree.
    Owl,
    /// The hedgehog on the ground.
    Hedgehog,
    /// The fox peeking from the hills.
    Fox,
}

/// Where an animal lives and what it is doing.
#[derive(Component, Debug, Clone, Copy)]
pub struct Critter {
    /// Resting place.
    pub home: Vec2,
    /// Seconds since its reaction started (`None` when resting).
    pub reacting: Option<f32>,
    /// Keeps animals out of step.
    pub phase: f32,
    /// Where it first sat: a wandering animal's spots are around it.
    pub origin: Vec2,
    /// A hop to a new spot under way: where from, and seconds since it began.
    pub moving: Option<(Vec2, f32)>,
}

impl Critter {
    /// An animal resting at `home`, where it first sits.
    pub fn resting_at(home: Vec2, phase: f32) -> Self {
        Critter {
            home,
            reacting: None,
            phase,
            origin: home,
            moving: None,
        }
    }
}

/// The small eye every animal but the owl has: it blinks.
#[derive(Resource)]
struct EyeMesh(Handle<Mesh>);

/// Seconds between one animal's blinks (each animal is offset by its phase).
const BLINK_EVERY: f32 = 4.0;
/// How long the eyes stay shut.
const BLINK_SECONDS: f32 = 0.14;
/// Seconds between the fox's moves, and how long a move (three hops) takes.
const WANDER_EVERY: f32 = 30.0;
const WANDER_SECONDS: f32 = 1.5;
/// How far from where it first sat the fox goes.
const WANDER_REACH: f32 = 160.0;

/// The owl's pupils, which look towards the children.
#[derive(Component)]
struct Pupil {
    centre: Vec2,
}

/// Adds the animals.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_animals.run_if(super::can_draw))
        .add_systems(
            Update,
            (wander, react, animate, owl_looks, blink)
                .chain()
                .in_set(AppSystems::Update),
        );
}

/// One piece of an animal: a shape, its colour, where it sits on the animal.
type Piece = (Handle<Mesh>, Handle<ColorMaterial>, Vec3);

/// Meshes and colours several animals share.
struct Shared {
    eye: Handle<ColorMaterial>,
    cream: Handle<ColorMaterial>,
    orange: Handle<ColorMaterial>,
    small_eye: Handle<Mesh>,
}

/// An animal: what it is, where it lives and rests, and its pieces (and the owl's pupils,
/// which move on their own).
fn animal(
    kind: Animal,
    home: Vec2,
    phase: f32,
    depth: f32,
    pieces: Vec<Piece>,
    pupils: Vec<(Handle<Mesh>, Handle<ColorMaterial>, Vec2)>,
) -> impl Bundle {
    (
        Name::new(format!("{kind:?}")),
        kind,
        Critter::resting_at(home, phase),
        Transform::from_xyz(home.x, home.y, depth),
        Visibility::default(),
        Children::spawn(SpawnWith(move |parent: &mut ChildSpawner| {
            for (mesh, material, at) in pieces {
                parent.spawn((
                    Mesh2d(mesh),
                    MeshMaterial2d(material),
                    Transform::from_translation(at),
                ));
            }
            for (mesh, material, centre) in pupils {
                parent.spawn((
                    Pupil { centre },
                    Mesh2d(mesh),
                    MeshMaterial2d(material),
                    Transform::from_xyz(centre.x, centre.y, 0.2),
                ));
            }
        })),
    )
}

/// A bird on the branch of the right-hand tree.
fn bird(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    shared: &Shared,
    home: Vec2,
    phase: f32,
) -> impl Bundle {
    let bird = materials.add(palette::BIRD);
    let beak = meshes.add(Triangle2d::new(
        Vec2::new(0.0, 5.0),
        Vec2::new(0.0, -5.0),
        Vec2::new(14.0, 0.0),
    ));
    let pieces = vec![
        (
            meshes.add(Ellipse::new(24.0, 17.0)),
            bird.clone(),
            Vec3::ZERO,
        ),
        (
            meshes.add(Circle::new(13.0)),
            bird,
            Vec3::new(18.0, 14.0, 0.1),
        ),
        (beak, shared.orange.clone(), Vec3::new(28.0, 14.0, 0.2)),
        (
            shared.small_eye.clone(),
            shared.eye.clone(),
            Vec3::new(22.0, 18.0, 0.3),
        ),
    ];
    animal(Animal::Bird, home, phase, z::ANIMALS, pieces, vec![])
}

/// The squirrel on the trunk of the big left tree.
fn squirrel(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    shared: &Shared,
) -> impl Bundle {
    let fur = materials.add(palette::SQUIRREL);
    let pieces = vec![
        (
            meshes.add(Ellipse::new(22.0, 48.0)),
            fur.clone(),
            Vec3::new(-30.0, 10.0, -0.1),
        ),
        (
            meshes.add(Ellipse::new(20.0, 26.0)),
            fur.clone(),
            Vec3::ZERO,
        ),
        (
            meshes.add(Circle::new(15.0)),
            fur,
            Vec3::new(8.0, 28.0, 0.1),
        ),
        (
            meshes.add(Circle::new(7.0)),
            shared.cream.clone(),
            Vec3::new(6.0, -2.0, 0.15),
        ),
        (
            shared.small_eye.clone(),
            shared.eye.clone(),
            Vec3::new(14.0, 32.0, 0.2),
        ),
    ];
    let home = Vec2::new(-700.0, GROUND_Y + 120.0);
    animal(Animal::Squirrel, home, 0.3, z::ANIMALS, pieces, vec![])
}

/// The owl in the tree on the right, whose pupils follow the nearest child.
fn owl(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    shared: &Shared,
) -> impl Bundle {
    let feathers = materials.add(palette::OWL);
    let mut pieces = vec![
        (meshes.add(Ellipse::new(40.0, 52.0)), feathers, Vec3::ZERO),
        (
            meshes.add(Ellipse::new(26.0, 30.0)),
            shared.cream.clone(),
            Vec3::new(0.0, -12.0, 0.05),
        ),
    ];
    let mut pupils = Vec::new();
    for dx in [-16.0, 16.0] {
        pieces.push((
            meshes.add(Circle::new(14.0)),
            shared.cream.clone(),
            Vec3::new(dx, 22.0, 0.1),
        ));
        pupils.push((
            meshes.add(Circle::new(6.0)),
            shared.eye.clone(),
            Vec2::new(dx, 22.0),
        ));
    }
    let beak = meshes.add(Triangle2d::new(
        Vec2::new(-6.0, 8.0),
        Vec2::new(6.0, 8.0),
        Vec2::new(0.0, -4.0),
    ));
    pieces.push((beak, shared.orange.clone(), Vec3::new(0.0, 10.0, 0.2)));
    let home = Vec2::new(720.0, GROUND_Y + 290.0);
    animal(Animal::Owl, home, 0.0, z::ANIMALS, pieces, pupils)
}

/// The hedgehog on the ground at the right.
fn hedgehog(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    shared: &Shared,
) -> impl Bundle {
    let spines = materials.add(palette::HEDGEHOG);
    let mut pieces = vec![(
        meshes.add(Ellipse::new(60.0, 38.0)),
        spines.clone(),
        Vec3::ZERO,
    )];
    for k in 0..7 {
        let x = -48.0 + k as f32 * 14.0;
        let spine = meshes.add(Triangle2d::new(
            Vec2::new(-7.0, 0.0),
            Vec2::new(7.0, 0.0),
            Vec2::new(0.0, 22.0),
        ));
        pieces.push((
            spine,
            spines.clone(),
            Vec3::new(x, 26.0 - (x / 12.0).powi(2), -0.05),
        ));
    }
    pieces.extend([
        (
            meshes.add(Ellipse::new(26.0, 20.0)),
            shared.cream.clone(),
            Vec3::new(-52.0, -8.0, 0.1),
        ),
        (
            shared.small_eye.clone(),
            shared.eye.clone(),
            Vec3::new(-58.0, 0.0, 0.2),
        ),
        (
            meshes.add(Circle::new(5.0)),
            shared.eye.clone(),
            Vec3::new(-76.0, -10.0, 0.2),
        ),
    ]);
    let home = Vec2::new(470.0, GROUND_Y - 60.0);
    animal(Animal::Hedgehog, home, 0.8, z::ANIMALS, pieces, vec![])
}

/// The fox peeking over the left hill.
fn fox(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    shared: &Shared,
) -> impl Bundle {
    let fur = materials.add(palette::FOX);
    let mut pieces = vec![(meshes.add(Circle::new(36.0)), fur.clone(), Vec3::ZERO)];
    for dx in [-22.0, 22.0] {
        let ear = meshes.add(Triangle2d::new(
            Vec2::new(-12.0, 0.0),
            Vec2::new(12.0, 0.0),
            Vec2::new(0.0, 30.0),
        ));
        pieces.push((ear, fur.clone(), Vec3::new(dx, 26.0, -0.05)));
        pieces.push((
            shared.small_eye.clone(),
            shared.eye.clone(),
            Vec3::new(dx * 0.55, 8.0, 0.2),
        ));
    }
    pieces.extend([
        (
            meshes.add(Ellipse::new(18.0, 12.0)),
            shared.cream.clone(),
            Vec3::new(0.0, -14.0, 0.1),
        ),
        (
            meshes.add(Circle::new(5.0)),
            shared.eye.clone(),
            Vec3::new(0.0, -8.0, 0.2),
        ),
    ]);
    let home = Vec2::new(-420.0, GROUND_Y + 40.0);
    animal(Animal::Fox, home, 1.9, z::HILLS + 0.05, pieces, vec![])
}

fn spawn_animals(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let shared = Shared {
        eye: materials.add(palette::EYE),
        cream: materials.add(palette::CREAM),
        orange: materials.add(palette::FOX),
        small_eye: meshes.add(Circle::new(4.0)),
    };
    commands.insert_resource(EyeMesh(shared.small_eye.clone()));
    let (meshes, materials) = (&mut *meshes, &mut *materials);
    for (i, home) in [Vec2::new(610.0, 20.0), Vec2::new(690.0, 40.0)]
        .into_iter()
        .enumerate()
    {
        commands.spawn(bird(meshes, materials, &shared, home, i as f32 * 1.7));
    }
    commands.spawn(squirrel(meshes, materials, &shared));
    commands.spawn(owl(meshes, materials, &shared));
    commands.spawn(hedgehog(meshes, materials, &shared));
    commands.spawn(fox(meshes, materials, &shared));
}

/// Gestures wake the animals: a wave sends the birds up, a jump or a reach the squirrel, a
/// wiggle the hedgehog.
fn react(
    mut gestures: MessageReader<GestureStarted>,
    mut critters: Query<(&Animal, &mut Critter)>,
    mut cues: MessageWriter<SoundCue>,
) {
    for GestureStarted(g) in gestures.read() {
        let who = match g.kind {
            GestureKind::Wave => Animal::Bird,
            GestureKind::Jump | GestureKind::ReachUp => Animal::Squirrel,
            GestureKind::Wiggle => Animal::Hedgehog,
            GestureKind::Lean => Animal::Owl,
            GestureKind::Freeze => Animal::Fox,
        };
        let mut woke = false;
        for (animal, mut critter) in &mut critters {
            if *animal == who && critter.reacting.is_none() {
                critter.reacting = Some(0.0);
                woke = true;
            }
        }
        if woke && who == Animal::Bird {
            cues.write(SoundCue::AnimalCall);
        }
    }
}

/// Each animal's movement: a reaction when woken, a gentle idle otherwise.
fn animate(
    time: Res<Time>,
    motion: Res<Motion>,
    mut critters: Query<(&Animal, &mut Critter, &mut Transform)>,
) {
    let dt = time.delta_secs();
    let t = time.elapsed_secs();
    let energy = motion.activity();
    for (animal, mut critter, mut transform) in &mut critters {
        let home = critter.home;
        let mut pos = home;
        if let Some((from, age)) = critter.moving {
            // Three hops along the way.
            let s = (age / WANDER_SECONDS).min(1.0);
            pos = from.lerp(home, s);
            pos.y += 35.0 * (s * 3.0 * std::f32::consts::PI).sin().abs();
        }
        let mut tilt = 0.0;
        let mut scale = Vec2::ONE;
        let breathe = (t * 1.8 + critter.phase).sin();
        if let Some(age) = critter.reacting.as_mut() {
            *age += dt;
        }
        let age = critter.reacting.unwrap_or(0.0);
        let (active, length) = match animal {
            Animal::Bird => (critter.reacting.is_some(), 4.0),
            Animal::Squirrel => (critter.reacting.is_some(), 1.6),
            Animal::Hedgehog => (critter.reacting.is_some(), 1.5),
            Animal::Owl => (critter.reacting.is_some(), 1.0),
            Animal::Fox => (critter.reacting.is_some(), 2.0),
        };
        if active {
            let s = (age / length).min(1.0);
            match animal {
                // Up in a loop across the sky and back to the branch.
                Animal::Bird => {
                    let arc = (s * std::f32::consts::PI).sin();
                    pos += Vec2::new(-WIDTH * 0.35 * arc, 260.0 * arc);
                    tilt = 0.4 * (age * 12.0).sin();
                }
                // A leap up the trunk and a slide back.
                Animal::Squirrel => pos.y += 180.0 * (s * std::f32::consts::PI).sin(),
                Animal::Hedgehog => {
                    pos.x += 8.0 * (age * 20.0).sin();
                    scale.y = 1.0 + 0.1 * (age * 14.0).sin();
                }
                Animal::Owl => tilt = 0.35 * (age * 9.0).sin(),
                Animal::Fox => pos.y += 40.0 * (s * std::f32::consts::PI).sin(),
            }
            if age >= length {
                critter.reacting = None;
            }
        } else {
            match animal {
                Animal::Fox => pos.y += 10.0 * breathe + 50.0 * energy * (t * 6.0).sin().abs(),
                Animal::Bird => pos.y += 3.0 * breathe,
                _ => scale.y = 1.0 + 0.03 * breathe,
            }
        }
        transform.translation.x = pos.x;
        transform.translation.y = pos.y;
        transform.rotation = Quat::from_rotation_z(tilt);
        transform.scale = scale.extend(1.0);
    }
}

/// Eyes shut for a moment every [`BLINK_EVERY`] seconds, each animal in its own time.
fn blink(
    time: Res<Time>,
    eye: Option<Res<EyeMesh>>,
    critters: Query<(&Critter, &Children)>,
    mut pieces: Query<(&Mesh2d, &mut Transform)>,
) {
    let Some(eye) = eye else {
        return;
    };
    let t = time.elapsed_secs();
    for (critter, children) in &critters {
        let shut = (t + critter.phase * 1.37).rem_euclid(BLINK_EVERY) < BLINK_SECONDS;
        let height = if shut { 0.15 } else { 1.0 };
        for child in children {
            if let Ok((mesh, mut transform)) = pieces.get_mut(*child)
                && mesh.0 == eye.0
                && transform.scale.y != height
            {
                transform.scale.y = height;
            }
        }
    }
}

/// Where the fox is heading next: alternately a spot to one side of where it first sat and
/// back, so it never wanders off the screen or into a game.
fn next_spot(critter: &Critter) -> Vec2 {
    if (critter.home - critter.origin).length() > 1.0 {
        critter.origin
    } else {
        critter.origin + Vec2::new(WANDER_REACH, 0.0)
    }
}

/// The fox hops to a new spot now and then (three little hops), when it is not busy
/// answering a child.
fn wander(time: Res<Time>, mut critters: Query<(&Animal, &mut Critter)>) {
    let dt = time.delta_secs();
    let t = time.elapsed_secs();
    for (animal, mut critter) in &mut critters {
        if *animal != Animal::Fox || critter.reacting.is_some() {
            continue;
        }
        if let Some((from, age)) = critter.moving {
            let age = age + dt;
            if age >= WANDER_SECONDS {
                critter.moving = None;
            } else {
                critter.moving = Some((from, age));
            }
            continue;
        }
        let due = (t + critter.phase).rem_euclid(WANDER_EVERY) < dt;
        if due && t > 1.0 {
            let from = critter.home;
            critter.home = next_spot(&critter);
            critter.moving = Some((from, 0.0));
        }
    }
}

/// The owl watches the nearest child: it sits at the right, so the child furthest right.
fn owl_looks(motion: Res<Motion>, mut pupils: Query<(&Pupil, &mut Transform)>) {
    let (fw, _) = motion.report.frame_size;
    let look = motion
        .report
        .players
        .iter()
        .map(|p| p.cx)
        .max_by(f32::total_cmp)
        .filter(|_| fw > 0)
        .map_or(0.0, |cx| (cx / fw as f32 - 0.5) * 2.0);
    for (pupil, mut transform) in &mut pupils {
        // The owl sits at the right: children are to its left, so it looks left more.
        let dx = (look - 0.8).clamp(-1.0, 1.0) * 6.0;
        transform.translation.x = pupil.centre.x + dx;
        transform.translation.y = pupil.centre.y - 2.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        let mut app = crate::game::forest::ticking_app(20);
        app.add_systems(Update, (wander, blink).chain());
        app
    }

    fn critter(home: Vec2, phase: f32) -> Critter {
        Critter::resting_at(home, phase)
    }

    #[test]
    fn the_fox_hops_to_a_new_spot_and_later_back() {
        let mut app = app();
        let home = Vec2::new(-420.0, -260.0);
        let fox = app
            .world_mut()
            .spawn((Animal::Fox, critter(home, 1.9)))
            .id();
        let owl = app
            .world_mut()
            .spawn((Animal::Owl, critter(Vec2::ZERO, 0.3)))
            .id();
        let mut spots = vec![home];
        for _ in 0..(70.0 / 0.02) as u32 {
            app.update();
            let now = app.world().get::<Critter>(fox).unwrap().home;
            if now != *spots.last().unwrap() {
                spots.push(now);
            }
        }
        assert!(spots.len() >= 3, "{spots:?}");
        assert_eq!(spots[1], home + Vec2::new(WANDER_REACH, 0.0));
        assert_eq!(spots[2], home, "and back");
        assert_eq!(app.world().get::<Critter>(owl).unwrap().home, Vec2::ZERO);
    }

    #[test]
    fn eyes_blink_now_and_then() {
        let mut app = app();
        let eye = Handle::<Mesh>::default();
        app.insert_resource(EyeMesh(eye.clone()));
        let piece = app
            .world_mut()
            .spawn((Mesh2d(eye), Transform::default()))
            .id();
        app.world_mut()
            .spawn((Animal::Hedgehog, critter(Vec2::ZERO, 0.7)))
            .add_child(piece);
        let (mut shut, mut open) = (0, 0);
        for _ in 0..(2.0 * BLINK_EVERY / 0.02) as u32 {
            app.update();
            let h = app.world().get::<Transform>(piece).unwrap().scale.y;
            if h < 0.5 { shut += 1 } else { open += 1 }
        }
        // Twice in eight seconds, a few frames each time.
        assert!((4..=20).contains(&shut), "shut {shut} frames, open {open}");
    }
}
