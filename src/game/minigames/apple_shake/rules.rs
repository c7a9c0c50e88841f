//! Apple Shake's rules, without any drawing: how much wiggling loosens how many apples.

/// Wiggling below this intensity is too little to shake a tree (stray motion, breathing).
pub const MIN_SHAKE: f32 = 0.08;

/// The tree's shake meter: full-strength wiggling for `per_apple` seconds loosens one apple.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShakeMeter {
    /// Progress towards the next apple, 0..1.
    pub progress: f32,
}

impl ShakeMeter {
    /// Adds `dt` seconds of shaking at `intensity` (0..1); returns how many apples come loose.
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::game::minigames::apple_shake::rules::ShakeMeter;
    /// let mut meter = ShakeMeter::default();
    /// // Half-strength wiggling for two seconds with 1 s per apple: one apple.
    /// let loose: u32 = (0..20).map(|_| meter.shake(0.5, 0.1, 1.0)).sum();
    /// assert_eq!(loose, 1);
    /// assert_eq!(ShakeMeter::default().shake(0.0, 10.0, 1.0), 0);
    /// ```
    pub fn shake(&mut self, intensity: f32, dt: f32, per_apple: f32) -> u32 {
        if intensity < MIN_SHAKE || per_apple <= 0.0 {
            return 0;
        }
        self.progress += intensity.min(1.0) * dt / per_apple;
        let loose = self.progress.floor();
        self.progress -= loose;
        loose as u32
    }
}

/// Launch velocity that carries an apple from `from` to `to` in `seconds` under `gravity`
/// (negative, world units per second squared), so every apple lands in the basket.
pub fn throw_to(from: (f32, f32), to: (f32, f32), seconds: f32, gravity: f32) -> (f32, f32) {
    let t = seconds.max(0.1);
    ((to.0 - from.0) / t, (to.1 - from.1) / t - 0.5 * gravity * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_wiggle_more_apples() {
        let (mut soft, mut hard) = (ShakeMeter::default(), ShakeMeter::default());
        let soft_apples: u32 = (0..300).map(|_| soft.shake(0.2, 1.0 / 30.0, 1.0)).sum();
        let hard_apples: u32 = (0..300).map(|_| hard.shake(0.9, 1.0 / 30.0, 1.0)).sum();
        // Ten seconds at 0.2 and at 0.9 strength (a whole apple may still be on its way).
        assert!((1..=2).contains(&soft_apples), "{soft_apples}");
        assert!((8..=9).contains(&hard_apples), "{hard_apples}");
    }

    #[test]
    fn a_throw_lands_where_aimed() {
        let g = -981.0;
        let (vx, vy) = throw_to((0.0, 200.0), (400.0, -300.0), 1.2, g);
        let t = 1.2;
        let x = vx * t;
        let y = 200.0 + vy * t + 0.5 * g * t * t;
        assert!((x - 400.0).abs() < 1e-2 && (y + 300.0).abs() < 1e-2);
    }
}
