//! Apple Shake's level: how many apples hang on the tree and how much wiggling shakes one
//! loose, per profile. Read from `levels/apple_shake.ron`; only this game reads it.

crate::game_level! {
    /// Apple Shake's settings for one profile.
    Difficulty for AppleShake {
        /// Apples on the tree (1..=30).
        apples: u32 = Whole(1, 30), about "apples on the tree", example "10",
            easier Lower, builtin (12, 10, 8);
        /// Seconds of full-strength wiggling that shake one apple loose (0.2..=10).
        shake_per_apple: f32 = Number(0.2, 10.0), about "seconds of full wiggling per apple",
            example "1.5", easier Lower, builtin (1.5, 1.5, 1.5);
    }
}
