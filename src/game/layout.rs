//! Where things are on screen: one virtual canvas, whatever the projector's resolution.
//!
//! The camera always shows at least `WIDTH` x `HEIGHT` world units (16:9), centred on the
//! origin, y up. The camera picture (mirrored) maps onto the whole canvas, so a child's hand
//! at the right of the picture is at the right of the forest.

use bevy::prelude::*;

/// Width of the visible world, in world units.
pub const WIDTH: f32 = 1600.0;
/// Height of the visible world, in world units.
pub const HEIGHT: f32 = 900.0;
/// The grass line: the ground the animals stand on.
pub const GROUND_Y: f32 = -300.0;

/// World position of a point given in picture coordinates (0..1, origin top left).
pub fn picture_to_world(u: f32, v: f32) -> Vec2 {
    Vec2::new((u - 0.5) * WIDTH, (0.5 - v) * HEIGHT)
}

/// Picture coordinates (0..1, origin top left) of a world position.
pub fn world_to_picture(p: Vec2) -> Vec2 {
    Vec2::new(p.x / WIDTH + 0.5, 0.5 - p.y / HEIGHT)
}

/// Draw order (z) of the layers of the scene, back to front.
pub mod z {
    /// Sky.
    pub const SKY: f32 = 0.0;
    /// Sun, clouds, rainbow.
    pub const SKY_THINGS: f32 = 1.0;
    /// Far hills.
    pub const HILLS: f32 = 2.0;
    /// The children's shapes: in front of the hills, behind the trees, the grass and every
    /// game piece, so a shape never hides what the game is about.
    pub const SILHOUETTE: f32 = 2.5;
    /// Trees.
    pub const TREES: f32 = 3.0;
    /// Grass and ground.
    pub const GROUND: f32 = 5.0;
    /// Game pieces: apples, fireflies, frog.
    pub const GAME: f32 = 6.0;
    /// Animals.
    pub const ANIMALS: f32 = 7.0;
    /// Weather in front of everything (rain, snow).
    pub const WEATHER: f32 = 8.0;
    /// Pictograms and staff text.
    pub const OVERLAY: f32 = 9.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_map_both_ways() {
        assert_eq!(
            picture_to_world(0.0, 0.0),
            Vec2::new(-WIDTH / 2.0, HEIGHT / 2.0)
        );
        assert_eq!(
            picture_to_world(1.0, 1.0),
            Vec2::new(WIDTH / 2.0, -HEIGHT / 2.0)
        );
        let p = Vec2::new(123.0, -45.0);
        assert!(
            (picture_to_world(world_to_picture(p).x, world_to_picture(p).y) - p).length() < 1e-3
        );
    }
}
