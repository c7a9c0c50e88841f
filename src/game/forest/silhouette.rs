//! The child in the forest: a soft glowing shape drawn from the motion core's mask, never
//! camera video. The mask is already mirrored, so the shape moves like a reflection.

use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use crate::game::AppSystems;
use crate::game::layout::{HEIGHT, WIDTH, z};
use crate::game::motion_bridge::Motion;
use crate::motion::BitMask;

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
    );
}

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

/// Paints the mask: a warm fill, brighter at the edges, so it reads as a glowing figure.
pub fn paint_mask(mask: &BitMask, rgba: &mut [u8]) {
    let (w, h) = (mask.width(), mask.height());
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) * 4;
            if !mask.get(x, y) {
                rgba[i..i + 4].copy_from_slice(&[0, 0, 0, 0]);
                continue;
            }
            let edge = x == 0
                || y == 0
                || x + 1 == w
                || y + 1 == h
                || !mask.get(x - 1, y)
                || !mask.get(x + 1, y)
                || !mask.get(x, y - 1)
                || !mask.get(x, y + 1);
            let px: [u8; 4] = if edge {
                [255, 246, 200, 235]
            } else {
                [255, 236, 170, 150]
            };
            rgba[i..i + 4].copy_from_slice(&px);
        }
    }
}

fn paint_silhouette(
    motion: Res<Motion>,
    target: Res<SilhouetteImage>,
    mut images: ResMut<Assets<Image>>,
) {
    if !motion.fresh || motion.silhouette.width() == 0 {
        return;
    }
    let mask = &motion.silhouette;
    let (w, h) = (mask.width() as u32, mask.height() as u32);
    let Some(mut image) = images.get_mut(&target.0) else {
        return;
    };
    if image.width() != w || image.height() != h {
        *image = blank(w, h);
    }
    if let Some(data) = image.data.as_mut() {
        paint_mask(mask, data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_glow_and_the_inside_is_softer() {
        let mask = BitMask::from_ascii(&[".....", ".###.", ".###.", ".###.", "....."]);
        let mut rgba = vec![0u8; 25 * 4];
        paint_mask(&mask, &mut rgba);
        let alpha = |x: usize, y: usize| rgba[(y * 5 + x) * 4 + 3];
        assert_eq!(alpha(0, 0), 0);
        assert!(alpha(1, 1) > alpha(2, 2) && alpha(2, 2) > 0);
    }
}
