//! Physics set-up (bevy_rapier2d), in one place: 100 world units to a metre, gravity down,
//! and the ground the apples land on.

use bevy::prelude::*;
use bevy_rapier2d::prelude::*;

use super::layout::{GROUND_Y, WIDTH};

/// Adds rapier and the ground.
pub fn plugin(app: &mut App) {
    app.add_plugins(RapierPhysicsPlugin::<NoUserData>::pixels_per_meter(100.0))
        .add_systems(Startup, spawn_ground);
}

fn spawn_ground(mut commands: Commands) {
    commands.spawn((
        Name::new("Ground"),
        Transform::from_xyz(0.0, GROUND_Y - 90.0, 0.0),
        Collider::cuboid(WIDTH, 40.0),
        Friction::coefficient(0.8),
    ));
}
