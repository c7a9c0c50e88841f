//! The animals that notice the children: birds fly up when someone waves, the squirrel leaps
//! when someone jumps, the owl's eyes follow the nearest child, the fox bobs to the music
//! of their movement, the hedgehog shuffles when they wiggle.

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
}

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
            (react, animate, owl_looks)
                .chain()
                .in_set(AppSystems::Update),
        );
}

fn part(
    parent: &mut ChildSpawnerCommands,
    mesh: Handle<Mesh>,
    material: Handle<ColorMaterial>,
    at: Vec3,
) {
    parent.spawn((
        Mesh2d(mesh),
        MeshMaterial2d(material),
        Transform::from_translation(at),
    ));
}

fn spawn_animals(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let eye = materials.add(palette::EYE);
    let cream = materials.add(palette::CREAM);
    let small_eye = meshes.add(Circle::new(4.0));

    // Birds on the branch of the right-hand tree.
    let bird_body = meshes.add(Ellipse::new(24.0, 17.0));
    let bird_head = meshes.add(Circle::new(13.0));
    let beak = meshes.add(Triangle2d::new(
        Vec2::new(0.0, 5.0),
        Vec2::new(0.0, -5.0),
        Vec2::new(14.0, 0.0),
    ));
    let bird = materials.add(palette::BIRD);
    let orange = materials.add(palette::FOX);
    for (i, home) in [Vec2::new(610.0, 20.0), Vec2::new(690.0, 40.0)]
        .into_iter()
        .enumerate()
    {
        commands
            .spawn((
                Name::new("Bird"),
                Animal::Bird,
                Critter {
                    home,
                    reacting: None,
                    phase: i as f32 * 1.7,
                },
                Transform::from_xyz(home.x, home.y, z::ANIMALS),
                Visibility::default(),
            ))
            .with_children(|b| {
                part(b, bird_body.clone(), bird.clone(), Vec3::ZERO);
                part(
                    b,
                    bird_head.clone(),
                    bird.clone(),
                    Vec3::new(18.0, 14.0, 0.1),
                );
                part(b, beak.clone(), orange.clone(), Vec3::new(28.0, 14.0, 0.2));
                part(
                    b,
                    small_eye.clone(),
                    eye.clone(),
                    Vec3::new(22.0, 18.0, 0.3),
                );
            });
    }

    // The squirrel on the trunk of the big left tree.
    let squirrel = materials.add(palette::SQUIRREL);
    let home = Vec2::new(-700.0, GROUND_Y + 120.0);
    commands
        .spawn((
            Name::new("Squirrel"),
            Animal::Squirrel,
            Critter {
                home,
                reacting: None,
                phase: 0.3,
            },
            Transform::from_xyz(home.x, home.y, z::ANIMALS),
            Visibility::default(),
        ))
        .with_children(|s| {
            part(
                s,
                meshes.add(Ellipse::new(22.0, 48.0)),
                squirrel.clone(),
                Vec3::new(-30.0, 10.0, -0.1),
            );
            part(
                s,
                meshes.add(Ellipse::new(20.0, 26.0)),
                squirrel.clone(),
                Vec3::ZERO,
            );
            part(
                s,
                meshes.add(Circle::new(15.0)),
                squirrel.clone(),
                Vec3::new(8.0, 28.0, 0.1),
            );
            part(
                s,
                meshes.add(Circle::new(7.0)),
                cream.clone(),
                Vec3::new(6.0, -2.0, 0.15),
            );
            part(
                s,
                small_eye.clone(),
                eye.clone(),
                Vec3::new(14.0, 32.0, 0.2),
            );
        });

    // The owl in the tree on the right.
    let owl = materials.add(palette::OWL);
    let home = Vec2::new(720.0, GROUND_Y + 290.0);
    commands
        .spawn((
            Name::new("Owl"),
            Animal::Owl,
            Critter {
                home,
                reacting: None,
                phase: 0.0,
            },
            Transform::from_xyz(home.x, home.y, z::ANIMALS),
            Visibility::default(),
        ))
        .with_children(|o| {
            part(
                o,
                meshes.add(Ellipse::new(40.0, 52.0)),
                owl.clone(),
                Vec3::ZERO,
            );
            part(
                o,
                meshes.add(Ellipse::new(26.0, 30.0)),
                cream.clone(),
                Vec3::new(0.0, -12.0, 0.05),
            );
            for dx in [-16.0, 16.0] {
                part(
                    o,
                    meshes.add(Circle::new(14.0)),
                    cream.clone(),
                    Vec3::new(dx, 22.0, 0.1),
                );
                let centre = Vec2::new(dx, 22.0);
                o.spawn((
                    Pupil { centre },
                    Mesh2d(meshes.add(Circle::new(6.0))),
                    MeshMaterial2d(eye.clone()),
                    Transform::from_xyz(centre.x, centre.y, 0.2),
                ));
            }
            part(
                o,
                meshes.add(Triangle2d::new(
                    Vec2::new(-6.0, 8.0),
                    Vec2::new(6.0, 8.0),
                    Vec2::new(0.0, -4.0),
                )),
                orange.clone(),
                Vec3::new(0.0, 10.0, 0.2),
            );
        });

    // The hedgehog on the ground at the right.
    let spines = materials.add(palette::HEDGEHOG);
    let home = Vec2::new(470.0, GROUND_Y - 60.0);
    commands
        .spawn((
            Name::new("Hedgehog"),
            Animal::Hedgehog,
            Critter {
                home,
                reacting: None,
                phase: 0.8,
            },
            Transform::from_xyz(home.x, home.y, z::ANIMALS),
            Visibility::default(),
        ))
        .with_children(|h| {
            part(
                h,
                meshes.add(Ellipse::new(60.0, 38.0)),
                spines.clone(),
                Vec3::ZERO,
            );
            for k in 0..7 {
                let x = -48.0 + k as f32 * 14.0;
                part(
                    h,
                    meshes.add(Triangle2d::new(
                        Vec2::new(-7.0, 0.0),
                        Vec2::new(7.0, 0.0),
                        Vec2::new(0.0, 22.0),
                    )),
                    spines.clone(),
                    Vec3::new(x, 26.0 - (x / 12.0).powi(2), -0.05),
                );
            }
            part(
                h,
                meshes.add(Ellipse::new(26.0, 20.0)),
                cream.clone(),
                Vec3::new(-52.0, -8.0, 0.1),
            );
            part(
                h,
                small_eye.clone(),
                eye.clone(),
                Vec3::new(-58.0, 0.0, 0.2),
            );
            part(
                h,
                meshes.add(Circle::new(5.0)),
                eye.clone(),
                Vec3::new(-76.0, -10.0, 0.2),
            );
        });

    // The fox peeking over the left hill.
    let fox = materials.add(palette::FOX);
    let home = Vec2::new(-420.0, GROUND_Y + 40.0);
    commands
        .spawn((
            Name::new("Fox"),
            Animal::Fox,
            Critter {
                home,
                reacting: None,
                phase: 1.9,
            },
            Transform::from_xyz(home.x, home.y, z::HILLS + 0.05),
            Visibility::default(),
        ))
        .with_children(|f| {
            part(f, meshes.add(Circle::new(36.0)), fox.clone(), Vec3::ZERO);
            for dx in [-22.0, 22.0] {
                part(
                    f,
                    meshes.add(Triangle2d::new(
                        Vec2::new(-12.0, 0.0),
                        Vec2::new(12.0, 0.0),
                        Vec2::new(0.0, 30.0),
                    )),
                    fox.clone(),
                    Vec3::new(dx, 26.0, -0.05),
                );
                part(
                    f,
                    small_eye.clone(),
                    eye.clone(),
                    Vec3::new(dx * 0.55, 8.0, 0.2),
                );
            }
            part(
                f,
                meshes.add(Ellipse::new(18.0, 12.0)),
                cream.clone(),
                Vec3::new(0.0, -14.0, 0.1),
            );
            part(
                f,
                meshes.add(Circle::new(5.0)),
                eye.clone(),
                Vec3::new(0.0, -8.0, 0.2),
            );
        });
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

/// The owl watches the nearest child.
fn owl_looks(motion: Res<Motion>, mut pupils: Query<(&Pupil, &mut Transform)>) {
    let (fw, _) = motion.report.frame_size;
    let look = motion
        .report
        .players
        .first()
        .filter(|_| fw > 0)
        .map_or(0.0, |p| (p.cx / fw as f32 - 0.5) * 2.0);
    for (pupil, mut transform) in &mut pupils {
        // The owl sits at the right: children are to its left, so it looks left more.
        let dx = (look - 0.8).clamp(-1.0, 1.0) * 6.0;
        transform.translation.x = pupil.centre.x + dx;
        transform.translation.y = pupil.centre.y - 2.0;
    }
}
