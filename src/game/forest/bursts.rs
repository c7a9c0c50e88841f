//! Bursts: the big, kind answer to a success, seen from across the room. A game sends a
//! [`Burst`] where something good happened (leaves from the shaken tree, sparkles round a
//! caught firefly or an earned star, a splash where the frog lands) and a ring of small
//! pieces springs out, slows, and fades within a second. Why one module for every game: the
//! same motion (fast out, eased, gone) reads the same in every game, and it is kept small
//! and soft enough never to flash.

use bevy::prelude::*;

use crate::game::AppSystems;
use crate::game::layout::z;
use crate::game::palette;

/// Asks for a burst of pieces at a place.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct Burst {
    /// Where (world units).
    pub at: Vec2,
    /// The pieces' colour.
    pub colour: Color,
    /// How many pieces (at most [`MAX_PIECES`] in all at once).
    pub count: u32,
    /// How far they spring, world units a second at the start.
    pub speed: f32,
    /// A piece's size, world units.
    pub size: f32,
    /// Pieces fall a little (leaves, drops) or float (sparkles).
    pub falls: bool,
}

impl Burst {
    /// Golden sparkles: a catch, a star.
    pub fn sparkles(at: Vec2) -> Self {
        Burst {
            at,
            colour: palette::SUN,
            count: 12,
            speed: 260.0,
            size: 16.0,
            falls: false,
        }
    }

    /// Leaves shaken from a tree.
    pub fn leaves(at: Vec2) -> Self {
        Burst {
            at,
            colour: palette::LEAVES_LIGHT,
            count: 10,
            speed: 220.0,
            size: 22.0,
            falls: true,
        }
    }

    /// Water thrown up where the frog lands or takes off.
    pub fn splash(at: Vec2) -> Self {
        Burst {
            at,
            colour: Color::srgb(0.75, 0.90, 1.0),
            count: 9,
            speed: 200.0,
            size: 14.0,
            falls: true,
        }
    }
}

/// Pieces on screen at most: a burst beyond it is smaller, never slower.
pub const MAX_PIECES: usize = 160;
/// Seconds a piece lives.
const LIFE: f32 = 0.8;
/// Time constant (seconds) of a piece slowing down: fast out, eased.
const SLOW: f32 = 0.25;
/// How fast falling pieces gain speed downwards (world units a second squared).
const FALL: f32 = 420.0;

/// One piece of a burst.
#[derive(Component, Debug)]
struct Piece {
    velocity: Vec2,
    age: f32,
    falls: bool,
}

/// Adds bursts.
pub fn plugin(app: &mut App) {
    app.add_message::<Burst>().add_systems(
        Update,
        (spawn_bursts, fly).chain().in_set(AppSystems::Update),
    );
}

/// Spreads the pieces evenly round a circle (the golden angle), each a little faster or
/// slower, so a burst looks lively yet the same every time.
fn spawn_bursts(
    mut commands: Commands,
    mut bursts: MessageReader<Burst>,
    pieces: Query<(), With<Piece>>,
) {
    let mut room = MAX_PIECES.saturating_sub(pieces.iter().count());
    for burst in bursts.read() {
        let count = (burst.count as usize).min(room);
        room -= count;
        for i in 0..count {
            let angle = i as f32 * 2.399_963 + 0.3;
            let speed = burst.speed * (0.65 + 0.35 * ((i * 7 % 5) as f32 / 4.0));
            let velocity = Vec2::from_angle(angle) * speed;
            commands.spawn((
                Name::new("Burst piece"),
                Piece {
                    velocity,
                    age: 0.0,
                    falls: burst.falls,
                },
                Sprite {
                    color: burst.colour,
                    custom_size: Some(Vec2::splat(burst.size)),
                    ..default()
                },
                Transform::from_xyz(burst.at.x, burst.at.y, z::WEATHER - 0.1)
                    .with_rotation(Quat::from_rotation_z(angle))
                    .with_scale(Vec3::splat(0.4)),
            ));
        }
    }
}

/// Pieces spring out, slow down, pop to full size and fade away.
fn fly(
    mut commands: Commands,
    time: Res<Time>,
    mut pieces: Query<(Entity, &mut Piece, &mut Transform, &mut Sprite)>,
) {
    let dt = time.delta_secs();
    for (entity, mut piece, mut transform, mut sprite) in &mut pieces {
        piece.age += dt;
        if piece.age >= LIFE {
            commands.entity(entity).despawn();
            continue;
        }
        if piece.falls {
            piece.velocity.y -= FALL * dt;
        }
        let v = piece.velocity;
        piece.velocity = v * (-dt / SLOW).exp();
        transform.translation += (v * dt).extend(0.0);
        transform.rotate_z(2.0 * dt);
        let s = piece.age / LIFE;
        // Pops to full size in the first tenth of its life, shrinks a little as it fades.
        let grow = (s / 0.12).min(1.0);
        transform.scale = Vec3::splat(0.4 + 0.6 * grow - 0.3 * s);
        let fade = ((1.0 - s) / 0.4).min(1.0);
        sprite.color.set_alpha(0.9 * fade);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        let mut app = crate::game::forest::ticking_app(16);
        app.configure_sets(Update, AppSystems::Update);
        app.add_plugins(plugin);
        app.update();
        app
    }

    fn pieces(app: &mut App) -> Vec<(Vec3, f32)> {
        let mut q = app.world_mut().query::<(&Piece, &Transform, &Sprite)>();
        q.iter(app.world())
            .map(|(_, t, s)| (t.translation, s.color.alpha()))
            .collect()
    }

    #[test]
    fn a_burst_springs_out_at_once_and_is_gone_within_a_second() {
        let mut app = app();
        app.world_mut()
            .write_message(Burst::sparkles(Vec2::new(100.0, 50.0)));
        app.update();
        let first = pieces(&mut app);
        assert_eq!(first.len(), 12, "on the frame it was asked for");
        for _ in 0..20 {
            app.update();
        }
        let later = pieces(&mut app);
        let spread = |p: &[(Vec3, f32)]| {
            p.iter()
                .map(|(t, _)| t.truncate().distance(Vec2::new(100.0, 50.0)))
                .fold(0.0, f32::max)
        };
        assert!(spread(&later) > spread(&first) + 30.0);
        for _ in 0..(LIFE / 0.016) as u32 {
            app.update();
        }
        assert!(pieces(&mut app).is_empty());
    }

    #[test]
    fn too_many_bursts_at_once_stay_within_the_cap() {
        let mut app = app();
        for i in 0..40 {
            app.world_mut()
                .write_message(Burst::leaves(Vec2::new(i as f32, 0.0)));
        }
        app.update();
        assert_eq!(pieces(&mut app).len(), MAX_PIECES);
    }
}
