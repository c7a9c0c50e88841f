//! Calibrate: "stretch as high and wide as you can" measures the child's reach box, so that
//! targets later sit where this child can reach them (one arm in bed, a wheelchair's sweep).

use bevy::prelude::*;

use super::Screen;
use crate::game::AppSystems;
use crate::game::audio::{Mood, MusicState, SoundCue};
use crate::game::layout::{self, picture_to_world, z};
use crate::game::motion_bridge::Motion;
use crate::game::palette;

/// Seconds the stretch lasts.
pub const CALIBRATE_SECONDS: f32 = 6.0;

/// Where the child can reach, in world units. Games place targets inside it.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct ReachBox(pub Rect);

impl Default for ReachBox {
    fn default() -> Self {
        // Before (or without) a measurement: the middle of the screen, generously.
        ReachBox(Rect::from_center_size(
            Vec2::new(0.0, 40.0),
            Vec2::new(0.5 * layout::WIDTH, 0.6 * layout::HEIGHT),
        ))
    }
}

/// The box being measured.
#[derive(Resource, Debug, Default)]
struct Measuring {
    elapsed: f32,
    seen: Option<Rect>,
}

/// The stretching guide on screen.
#[derive(Component)]
struct StretchGuide;

/// Adds the calibrate screen.
pub fn plugin(app: &mut App) {
    app.init_resource::<ReachBox>()
        .init_resource::<Measuring>()
        .add_systems(OnEnter(Screen::Calibrate), enter)
        .add_systems(
            Update,
            (measure, animate_guide)
                .in_set(AppSystems::Update)
                .run_if(in_state(Screen::Calibrate)),
        );
}

fn enter(
    mut commands: Commands,
    mut measuring: ResMut<Measuring>,
    mut music: ResMut<MusicState>,
    mut cues: MessageWriter<SoundCue>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    *measuring = Measuring::default();
    music.mood = Mood::Attract;
    cues.write(SoundCue::Hello);
    // A big friendly star that stretches its points up and out: "stretch like me".
    if let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) {
        let eye = materials.add(palette::EYE);
        commands
            .spawn((
                Name::new("Stretch guide"),
                StretchGuide,
                DespawnOnExit(Screen::Calibrate),
                Mesh2d(meshes.add(crate::game::shapes::star(130.0, 55.0))),
                MeshMaterial2d(materials.add(palette::SUN)),
                Transform::from_xyz(0.0, 170.0, z::OVERLAY),
            ))
            .with_children(|star| {
                for dx in [-22.0, 22.0] {
                    star.spawn((
                        Mesh2d(meshes.add(Circle::new(9.0))),
                        MeshMaterial2d(eye.clone()),
                        Transform::from_xyz(dx, 12.0, 0.1),
                    ));
                }
                star.spawn((
                    Mesh2d(meshes.add(CircularSegment::new(20.0, 1.2))),
                    MeshMaterial2d(eye.clone()),
                    Transform::from_xyz(0.0, -14.0, 0.1)
                        .with_rotation(Quat::from_rotation_z(std::f32::consts::PI)),
                ));
            });
    }
}

/// Grows the reach box to every place a child's silhouette has been.
fn measure(
    time: Res<Time>,
    motion: Res<Motion>,
    mut measuring: ResMut<Measuring>,
    mut reach: ResMut<ReachBox>,
    mut next: ResMut<NextState<Screen>>,
) {
    measuring.elapsed += time.delta_secs();
    let (fw, fh) = motion.report.frame_size;
    if fw > 0 && fh > 0 {
        for p in &motion.report.players {
            let a = picture_to_world(p.x / fw as f32, p.y / fh as f32);
            let b = picture_to_world((p.x + p.w) / fw as f32, (p.y + p.h) / fh as f32);
            let rect = Rect::from_corners(a, b);
            measuring.seen = Some(measuring.seen.map_or(rect, |s| s.union(rect)));
        }
    }
    if measuring.elapsed >= CALIBRATE_SECONDS {
        *reach = reach_from(measuring.seen);
        info!("reach box: {:?}", reach.0);
        next.set(Screen::Play);
    }
}

/// The reach box from what was seen: never smaller than a comfortable minimum, never
/// beyond the screen.
pub fn reach_from(seen: Option<Rect>) -> ReachBox {
    let Some(seen) = seen else {
        return ReachBox::default();
    };
    let min = Vec2::new(0.3 * layout::WIDTH, 0.35 * layout::HEIGHT);
    let screen = Vec2::new(layout::WIDTH, layout::HEIGHT) * 0.92;
    let size = seen.size().max(min).min(screen);
    // Slide the box inwards rather than cut it at the edge of the screen.
    let room = (screen - size) / 2.0;
    let centre = seen.center().clamp(-room, room);
    ReachBox(Rect::from_center_size(centre, size))
}

fn animate_guide(time: Res<Time>, mut guides: Query<&mut Transform, With<StretchGuide>>) {
    let t = time.elapsed_secs();
    for mut transform in &mut guides {
        // Stretch tall, then wide, slowly: a child can copy it.
        let phase = (t * 1.2).sin();
        transform.scale = Vec3::new(
            1.0 + 0.3 * phase.max(0.0),
            1.0 + 0.3 * (-phase).max(0.0),
            1.0,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_reach_grows_to_the_minimum_and_stays_on_screen() {
        let tiny = Rect::from_center_size(Vec2::new(700.0, 0.0), Vec2::new(20.0, 20.0));
        let r = reach_from(Some(tiny)).0;
        assert!(r.width() >= 0.25 * layout::WIDTH);
        assert!(r.max.x <= layout::WIDTH / 2.0);
        assert_eq!(reach_from(None), ReachBox::default());
    }
}
