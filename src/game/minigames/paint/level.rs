//! Paint's level: the size of the brush a movement paints with, per profile. Read from
//! `levels/paint.ron`; only this game reads it.

crate::game_level! {
    /// Paint's settings for one profile.
    Difficulty for Paint {
        /// Brush size, as a fraction of the screen height (0.02..=0.4).
        brush: f32 = Number(0.02, 0.4), about "brush size, a fraction of the screen height",
            example "0.08", easier Higher, builtin (0.08, 0.08, 0.08);
    }
}
