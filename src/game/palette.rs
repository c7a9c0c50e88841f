//! The colours of the wood: warm, bright and high in contrast, readable across a room.

use bevy::prelude::Color;

/// Sky at the top.
pub const SKY_TOP: Color = Color::srgb(0.36, 0.67, 0.93);
/// Sky at the horizon.
pub const SKY_LOW: Color = Color::srgb(0.72, 0.88, 0.98);
/// Far hills.
pub const HILL_FAR: Color = Color::srgb(0.45, 0.72, 0.45);
/// Near hills.
pub const HILL_NEAR: Color = Color::srgb(0.33, 0.62, 0.30);
/// Grass.
pub const GRASS: Color = Color::srgb(0.30, 0.68, 0.25);
/// Darker grass for tufts.
pub const GRASS_DARK: Color = Color::srgb(0.20, 0.52, 0.18);
/// Tree trunks.
pub const TRUNK: Color = Color::srgb(0.47, 0.30, 0.17);
/// Leaves.
pub const LEAVES: Color = Color::srgb(0.18, 0.55, 0.22);
/// Lighter leaves.
pub const LEAVES_LIGHT: Color = Color::srgb(0.30, 0.68, 0.28);
/// Apples.
pub const APPLE: Color = Color::srgb(0.88, 0.15, 0.12);
/// The sun.
pub const SUN: Color = Color::srgb(1.0, 0.85, 0.25);
/// Clouds.
pub const CLOUD: Color = Color::srgb(0.97, 0.98, 1.0);
/// Pond water.
pub const WATER: Color = Color::srgb(0.25, 0.55, 0.85);
/// Lily pads.
pub const LILY: Color = Color::srgb(0.25, 0.62, 0.22);
/// The frog.
pub const FROG: Color = Color::srgb(0.45, 0.80, 0.20);
/// Fireflies' glow.
pub const FIREFLY: Color = Color::srgb(1.0, 0.95, 0.45);
/// Hedgehog spines.
pub const HEDGEHOG: Color = Color::srgb(0.42, 0.30, 0.22);
/// Fox fur.
pub const FOX: Color = Color::srgb(0.92, 0.48, 0.15);
/// Owl feathers.
pub const OWL: Color = Color::srgb(0.60, 0.45, 0.30);
/// Squirrel fur.
pub const SQUIRREL: Color = Color::srgb(0.75, 0.38, 0.16);
/// Bird.
pub const BIRD: Color = Color::srgb(0.20, 0.45, 0.85);
/// Snouts, bellies, highlights.
pub const CREAM: Color = Color::srgb(0.98, 0.92, 0.80);
/// Eyes.
pub const EYE: Color = Color::srgb(0.08, 0.08, 0.10);
/// The child's shape in the forest: a soft, friendly glow.
pub const CHILD: Color = Color::srgba(1.0, 0.97, 0.80, 0.70);
/// Text for staff and notes.
pub const TEXT: Color = Color::srgb(0.15, 0.15, 0.20);
