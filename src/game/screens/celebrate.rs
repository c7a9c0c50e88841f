//! Celebrate: a friendly finish (no flashing), then back to the attract scene.

use bevy::prelude::*;

use super::Screen;
use crate::game::AppSystems;
use crate::game::audio::{Mood, MusicState, SoundCue};
use crate::game::layout::z;
use crate::game::palette;
use crate::game::session::Session;

/// Seconds the celebration lasts.
pub const CELEBRATE_SECONDS: f32 = 8.0;

#[derive(Resource, Debug, Default)]
struct CelebrateClock(f32);

/// A falling leaf of the celebration.
#[derive(Component)]
struct Confetti {
    speed: f32,
    sway: f32,
}

/// Adds the celebrate screen.
pub fn plugin(app: &mut App) {
    app.init_resource::<CelebrateClock>()
        .add_systems(OnEnter(Screen::Celebrate), enter)
        .add_systems(OnExit(Screen::Celebrate), |mut s: ResMut<Session>| {
            s.active = false
        })
        .add_systems(
            Update,
            (tick, fall)
                .in_set(AppSystems::Update)
                .run_if(in_state(Screen::Celebrate)),
        );
}

fn enter(
    mut commands: Commands,
    mut clock: ResMut<CelebrateClock>,
    mut music: ResMut<MusicState>,
    mut cues: MessageWriter<SoundCue>,
    session: Res<Session>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    clock.0 = 0.0;
    music.mood = Mood::Celebrate;
    music.playing = true;
    cues.write(SoundCue::Celebrate);
    let stars: u32 = session
        .results
        .iter()
        .map(|r| r.score.min(10))
        .sum::<u32>()
        .max(3);
    let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) else {
        return;
    };
    // Colourful leaves drift down: calm, no flashes.
    let colours = [
        palette::APPLE,
        palette::SUN,
        palette::FOX,
        palette::BIRD,
        palette::LEAVES_LIGHT,
    ];
    let leaf = meshes.add(Ellipse::new(14.0, 8.0));
    for i in 0..60 {
        let x = -780.0 + (i as f32 * 211.0) % 1560.0;
        let y = 460.0 + (i as f32 * 97.0) % 500.0;
        commands.spawn((
            Name::new("Confetti leaf"),
            Confetti {
                speed: 60.0 + (i % 7) as f32 * 12.0,
                sway: i as f32,
            },
            DespawnOnExit(Screen::Celebrate),
            Mesh2d(leaf.clone()),
            MeshMaterial2d(materials.add(colours[i % colours.len()])),
            Transform::from_xyz(x, y, z::WEATHER),
        ));
    }
    // One big star per few points earned, in a row across the sky.
    let star = meshes.add(crate::game::shapes::star(42.0, 18.0));
    let shown = stars.min(12);
    for i in 0..shown {
        let x = (i as f32 - (shown as f32 - 1.0) / 2.0) * 100.0;
        commands.spawn((
            Name::new("Star"),
            DespawnOnExit(Screen::Celebrate),
            Mesh2d(star.clone()),
            MeshMaterial2d(materials.add(palette::SUN)),
            Transform::from_xyz(x, 250.0, z::OVERLAY),
        ));
    }
}

fn tick(time: Res<Time>, mut clock: ResMut<CelebrateClock>, mut next: ResMut<NextState<Screen>>) {
    clock.0 += time.delta_secs();
    if clock.0 >= CELEBRATE_SECONDS {
        next.set(Screen::Attract);
    }
}

fn fall(time: Res<Time>, mut leaves: Query<(&Confetti, &mut Transform)>) {
    let t = time.elapsed_secs();
    for (leaf, mut transform) in &mut leaves {
        transform.translation.y -= leaf.speed * time.delta_secs();
        transform.translation.x += (t * 1.5 + leaf.sway).sin() * 30.0 * time.delta_secs();
        transform.rotation = Quat::from_rotation_z((t * 2.0 + leaf.sway).sin());
        if transform.translation.y < -480.0 {
            transform.translation.y = 480.0;
        }
    }
}
