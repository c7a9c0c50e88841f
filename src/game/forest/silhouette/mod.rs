//! The children in the forest: soft glowing shapes drawn from the motion core's mask, never
//! camera video. The mask is already mirrored, so a shape moves like a reflection. The
//! smoothing, the colours and the painting are in [`soft_shape`]; here, the image and the
//! sprite it is shown with (behind the trees and the game pieces, see `z::SILHOUETTE`).

pub mod soft_shape;

use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use self::soft_shape::SoftShape;
use crate::game::AppSystems;
use crate::game::layout::{HEIGHT, WIDTH, z};
use crate::game::motion_bridge::Motion;

/// How many image pixels a mask cell gets: enough for the outline to fall between cells
/// (the sprite's linear filtering smooths the rest).
const UPSCALE: usize = 2;

/// The image the shape is painted into.
#[derive(Resource)]
pub struct SilhouetteImage(pub Handle<Image>);

/// The sprite showing the shape.
#[derive(Component)]
pub struct SilhouetteSprite;

/// Adds the shape.
pub fn plugin(app: &mut App) {
    app.add_systems(
        Startup,
        spawn_silhouette.run_if(resource_exists::<Assets<Image>>),
    )
    .add_systems(
        Update,
        paint_silhouette
            .in_set(AppSystems::Update)
            .run_if(resource_exists::<SilhouetteImage>),
    )
    .init_resource::<Shapes>();
}

/// The smoothed shapes between camera frames.
#[derive(Resource, Default)]
struct Shapes(SoftShape);

fn blank(width: u32, height: u32) -> Image {
    Image::new_fill(
        Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        &[0, 0, 0, 0],
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    )
}

fn spawn_silhouette(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    let handle = images.add(blank(160, 120));
    commands.spawn((
        Name::new("Children's shapes"),
        SilhouetteSprite,
        Sprite {
            image: handle.clone(),
            custom_size: Some(Vec2::new(WIDTH, HEIGHT)),
            ..default()
        },
        Transform::from_xyz(0.0, 0.0, z::SILHOUETTE),
    ));
    commands.insert_resource(SilhouetteImage(handle));
}

fn paint_silhouette(
    motion: Res<Motion>,
    target: Res<SilhouetteImage>,
    mut shapes: ResMut<Shapes>,
    mut images: ResMut<Assets<Image>>,
) {
    if !motion.fresh || motion.silhouette.width() == 0 {
        return;
    }
    let mask = &motion.silhouette;
    let report = &motion.report;
    shapes.0.update(mask, &report.players, report.frame_size);
    let (w, h) = (mask.width() * UPSCALE, mask.height() * UPSCALE);
    let Some(mut image) = images.get_mut(&target.0) else {
        return;
    };
    if image.width() as usize != w || image.height() as usize != h {
        *image = blank(w as u32, h as u32);
    }
    if let Some(data) = image.data.as_mut() {
        shapes.0.paint(data, w, h);
    }
}

#[cfg(test)]
mod tests {
    use super::soft_shape::{CHILD_COLOURS, FILL_ALPHA};
    use crate::game::palette;
    use bevy::prelude::*;

    fn luminance(c: Color) -> f32 {
        let l = c.to_linear();
        0.2126 * l.red + 0.7152 * l.green + 0.0722 * l.blue
    }

    #[test]
    fn a_shape_arriving_over_the_forest_changes_its_light_by_less_than_a_flash() {
        // The broad areas a shape passes over: every band of the sky, the hills, the grass.
        let mut behind: Vec<(String, Color)> = (0..=10)
            .map(|i| {
                let t = i as f32 / 10.0;
                (
                    format!("sky {t}"),
                    palette::SKY_TOP.mix(&palette::SKY_LOW, t),
                )
            })
            .collect();
        behind.extend([
            ("far hills".to_owned(), palette::HILL_FAR),
            ("near hills".to_owned(), palette::HILL_NEAR),
            ("grass".to_owned(), palette::GRASS),
        ]);
        for rgb in CHILD_COLOURS {
            let child = luminance(Color::srgb_u8(rgb[0], rgb[1], rgb[2]));
            for (name, colour) in &behind {
                let change = FILL_ALPHA * (child - luminance(*colour)).abs();
                assert!(
                    change < 0.1,
                    "{rgb:?} over {name}: the light changes by {change:.3}"
                );
            }
        }
    }
}
