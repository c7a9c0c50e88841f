//! The still parts of the wood: a soft sky, layered hills, trees that sway with the
//! children's movement, grass and flowers. Big shapes and strong colours, readable from
//! across a room.

use bevy::prelude::*;

use crate::game::AppSystems;
use crate::game::layout::{GROUND_Y, HEIGHT, WIDTH, z};
use crate::game::motion_bridge::Motion;
use crate::game::palette;

/// A tree that sways with the children's activity; `phase` keeps trees out of step.
#[derive(Component)]
pub struct SwayingTree {
    /// Offset of this tree's sway.
    pub phase: f32,
    /// How far it may bend, radians.
    pub reach: f32,
}

/// Sky bands, tinted by the weather.
#[derive(Component)]
pub struct SkyBand {
    /// 0 at the top, 1 at the horizon.
    pub depth: f32,
}

/// Adds the scenery.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_scene.run_if(super::can_draw))
        .add_systems(Update, (sway_trees, sway_grass).in_set(AppSystems::Update));
}

/// How wide the sky and the grass are drawn: three 16:9 frames, more than any screen shows.
const BEYOND_WIDTH: f32 = WIDTH * 3.0;

fn spawn_scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    // Sky: horizontal bands from deep blue to pale at the horizon. Sky and grass reach far
    // past the 16:9 frame, so a screen of any shape (4:3, 21:9) shows more forest, not bars.
    let bands = 12;
    let band_h = (HEIGHT / 2.0 - GROUND_Y) / bands as f32 + 1.0;
    let band = meshes.add(Rectangle::new(BEYOND_WIDTH, band_h));
    commands.spawn((
        Name::new("Sky above"),
        SkyBand { depth: 0.0 },
        Mesh2d(meshes.add(Rectangle::new(BEYOND_WIDTH, HEIGHT))),
        MeshMaterial2d(materials.add(palette::SKY_TOP)),
        Transform::from_xyz(0.0, HEIGHT - 1.0, z::SKY),
    ));
    for i in 0..bands {
        let depth = i as f32 / (bands - 1) as f32;
        let y = HEIGHT / 2.0 - (i as f32 + 0.5) * (band_h - 1.0);
        commands.spawn((
            Name::new("Sky band"),
            SkyBand { depth },
            Mesh2d(band.clone()),
            MeshMaterial2d(materials.add(palette::SKY_TOP.mix(&palette::SKY_LOW, depth))),
            Transform::from_xyz(0.0, y, z::SKY),
        ));
    }
    // Hills: two rows of wide ellipses.
    let far = meshes.add(Ellipse::new(420.0, 170.0));
    for (i, x) in [-620.0, -120.0, 380.0, 860.0].into_iter().enumerate() {
        commands.spawn((
            Name::new("Far hill"),
            Mesh2d(far.clone()),
            MeshMaterial2d(materials.add(palette::HILL_FAR)),
            Transform::from_xyz(x, GROUND_Y + 60.0 + (i % 2) as f32 * 30.0, z::HILLS),
        ));
    }
    let near = meshes.add(Ellipse::new(520.0, 140.0));
    for x in [-800.0, 0.0, 800.0] {
        commands.spawn((
            Name::new("Near hill"),
            Mesh2d(near.clone()),
            MeshMaterial2d(materials.add(palette::HILL_NEAR)),
            Transform::from_xyz(x, GROUND_Y + 10.0, z::HILLS + 0.1),
        ));
    }
    // Trees at both sides, leaving the middle open for the children and the games.
    let trees = [
        (-700.0, 1.15),
        (-520.0, 0.85),
        (560.0, 0.9),
        (720.0, 1.2),
        (-330.0, 0.6),
        (340.0, 0.65),
    ];
    for (i, (x, size)) in trees.into_iter().enumerate() {
        spawn_tree(
            &mut commands,
            &mut meshes,
            &mut materials,
            Vec2::new(x, GROUND_Y),
            size,
            i as f32,
        );
    }
    // Ground: a broad strip of grass with darker tufts and a few flowers.
    commands.spawn((
        Name::new("Grass"),
        Mesh2d(meshes.add(Rectangle::new(BEYOND_WIDTH, HEIGHT * 1.5 + GROUND_Y + 20.0))),
        MeshMaterial2d(materials.add(palette::GRASS)),
        Transform::from_xyz(0.0, (GROUND_Y - HEIGHT * 1.5) / 2.0, z::GROUND),
    ));
    let tuft = meshes.add(Triangle2d::new(
        Vec2::new(0.0, 26.0),
        Vec2::new(-9.0, 0.0),
        Vec2::new(9.0, 0.0),
    ));
    let flower = meshes.add(Circle::new(9.0));
    let flower_colours = [palette::APPLE, palette::SUN, palette::CREAM, palette::BIRD];
    for i in 0..40 {
        let x = -WIDTH / 2.0 + (i as f32 + 0.5) * WIDTH / 40.0;
        let y = GROUND_Y - 40.0 - ((i * 37) % 5) as f32 * 28.0;
        commands.spawn((
            Name::new("Grass tuft"),
            SwayingGrass,
            Mesh2d(tuft.clone()),
            MeshMaterial2d(materials.add(palette::GRASS_DARK)),
            Transform::from_xyz(x, y, z::GROUND + 0.1),
        ));
        if i % 3 == 0 {
            commands.spawn((
                Name::new("Flower"),
                Mesh2d(flower.clone()),
                MeshMaterial2d(materials.add(flower_colours[i % flower_colours.len()])),
                Transform::from_xyz(x + 20.0, y + 8.0, z::GROUND + 0.2),
            ));
        }
    }
}

/// A round-crowned tree rooted at `base`; the root entity sways, its parts follow.
pub fn spawn_tree(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
    base: Vec2,
    size: f32,
    phase: f32,
) -> Entity {
    let trunk = meshes.add(Rectangle::new(46.0 * size, 230.0 * size));
    let crown = meshes.add(Circle::new(95.0 * size));
    let trunk_colour = materials.add(palette::TRUNK);
    let dark = materials.add(palette::LEAVES);
    let light = materials.add(palette::LEAVES_LIGHT);
    commands
        .spawn((
            Name::new("Tree"),
            SwayingTree { phase, reach: 0.05 },
            Transform::from_xyz(base.x, base.y, z::TREES + phase * 0.01),
            Visibility::default(),
        ))
        .with_children(|tree| {
            tree.spawn((
                Mesh2d(trunk),
                MeshMaterial2d(trunk_colour),
                Transform::from_xyz(0.0, 115.0 * size, 0.0),
            ));
            for (dx, dy, light_part) in [
                (-70.0, 250.0, false),
                (70.0, 255.0, false),
                (0.0, 320.0, true),
                (0.0, 220.0, false),
            ] {
                tree.spawn((
                    Mesh2d(crown.clone()),
                    MeshMaterial2d(if light_part {
                        light.clone()
                    } else {
                        dark.clone()
                    }),
                    Transform::from_xyz(dx * size, dy * size, 0.01),
                ));
            }
        })
        .id()
}

/// Trees bend with how much the children move, gently, never faster than a breeze.
/// A tuft of grass, bending in the wind from its root.
#[derive(Component)]
pub struct SwayingGrass;

/// Wind runs through the grass as a wave from left to right: a gentle breeze always, a
/// livelier one while the children move.
fn sway_grass(
    time: Res<Time>,
    motion: Res<Motion>,
    mut tufts: Query<&mut Transform, With<SwayingGrass>>,
) {
    let t = time.elapsed_secs();
    let breeze = 0.12 + 0.18 * motion.activity().clamp(0.0, 1.0);
    for mut transform in &mut tufts {
        let x = transform.translation.x;
        let angle = breeze * (t * 1.7 - x * 0.004).sin();
        transform.rotation = Quat::from_rotation_z(angle);
    }
}

fn sway_trees(
    time: Res<Time>,
    motion: Res<Motion>,
    mut trees: Query<(&SwayingTree, &mut Transform)>,
) {
    let t = time.elapsed_secs();
    let energy = 0.15 + motion.activity();
    for (tree, mut transform) in &mut trees {
        let angle = tree.reach * energy * (t * 1.3 + tree.phase).sin();
        let current = transform.rotation.to_euler(EulerRot::XYZ).2;
        let eased = current + (angle - current) * (1.0 - (-time.delta_secs() / 0.25).exp());
        transform.rotation = Quat::from_rotation_z(eased);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grass_bends_in_a_wind_that_runs_across_and_more_while_children_move() {
        let mut app = crate::game::forest::ticking_app(50);
        app.init_resource::<Motion>();
        app.add_systems(Update, sway_grass);
        let left = app
            .world_mut()
            .spawn((SwayingGrass, Transform::from_xyz(-600.0, 0.0, 0.0)))
            .id();
        let right = app
            .world_mut()
            .spawn((SwayingGrass, Transform::from_xyz(300.0, 0.0, 0.0)))
            .id();
        let angle = |app: &App, e: Entity| {
            app.world()
                .get::<Transform>(e)
                .unwrap()
                .rotation
                .to_euler(EulerRot::XYZ)
                .2
        };
        let mut calm = 0.0f32;
        let mut differ = false;
        for _ in 0..60 {
            app.update();
            calm = calm.max(angle(&app, left).abs());
            differ |= (angle(&app, left) - angle(&app, right)).abs() > 0.02;
        }
        assert!(calm > 0.05 && calm <= 0.13, "a breeze: {calm}");
        assert!(differ, "the wind runs across, not all at once");
        app.world_mut().resource_mut::<Motion>().report.activity = 1.0;
        let mut lively = 0.0f32;
        for _ in 0..60 {
            app.update();
            lively = lively.max(angle(&app, left).abs());
        }
        assert!(lively > 2.0 * calm, "{lively} vs {calm}");
    }
}
