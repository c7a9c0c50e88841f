//! Firefly Catch's rules: where fireflies wait, and when a wave catches one.

use bevy::math::{Rect, Vec2};

/// Motion in a firefly's area below this is not a wave (noise, a passing shadow).
pub const MIN_MOTION: f32 = 0.04;

/// Places the `n`-th firefly inside the reach box: spread around its middle, further out the
/// more the child has caught (`spread` grows from 0.35 to 1.0).
///
/// # Examples
/// ```
/// use bevy::math::{Rect, Vec2};
/// use wigglewoods::game::minigames::firefly_catch::rules::spot;
/// let reach = Rect::from_center_size(Vec2::ZERO, Vec2::new(400.0, 300.0));
/// for n in 0..20 {
///     assert!(reach.contains(spot(reach, n, 1.0)));
/// }
/// ```
pub fn spot(reach: Rect, n: u32, spread: f32) -> Vec2 {
    // The golden angle spreads successive fireflies evenly around the middle.
    let angle = n as f32 * 2.399_963;
    let radius = spread.clamp(0.0, 1.0) * (0.55 + 0.45 * ((n * 7 % 5) as f32 / 4.0));
    let half = reach.half_size() * 0.85;
    reach.center() + Vec2::new(angle.cos() * half.x, angle.sin() * half.y) * radius
}

/// A firefly being caught: waving over it fills its jar.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Catching {
    /// Seconds of waving over it so far.
    pub waved: f32,
}

impl Catching {
    /// Adds a frame with `motion` (fraction of its area moving); true when caught.
    pub fn wave(&mut self, motion: f32, dt: f32, needed: f32) -> bool {
        if motion >= MIN_MOTION {
            self.waved += dt;
        } else {
            // A pause does not lose everything: the child may be waving slowly.
            self.waved = (self.waved - 0.5 * dt).max(0.0);
        }
        self.waved >= needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waving_catches_and_stillness_does_not() {
        let mut c = Catching::default();
        assert!(!(0..100).any(|_| c.wave(0.0, 0.1, 0.6)));
        let mut c = Catching::default();
        let frames = (0..100).position(|_| c.wave(0.3, 1.0 / 30.0, 0.6)).unwrap();
        assert_eq!(frames + 1, 18);
    }

    #[test]
    fn later_fireflies_sit_further_out() {
        let reach = Rect::from_center_size(Vec2::ZERO, Vec2::new(400.0, 300.0));
        let near: f32 = (0..10).map(|n| spot(reach, n, 0.35).length()).sum();
        let far: f32 = (0..10).map(|n| spot(reach, n, 1.0).length()).sum();
        assert!(far > 2.0 * near);
    }
}
