//! Firefly Catch's level: how many fireflies wait, how big and how patient they are, and how
//! far they drift out after each catch, per profile. Read from `levels/firefly_catch.ron`.

crate::game_level! {
    /// Firefly Catch's settings for one profile.
    Difficulty for FireflyCatch {
        /// Fireflies waiting at once (1..=6).
        fireflies: u32 = Whole(1, 6), about "fireflies waiting at once", example "3",
            easier Lower, builtin (3, 3, 2);
        /// Size of a firefly's catching area, as a fraction of the child's reach box
        /// (0.05..=0.6).
        catch_size: f32 = Number(0.05, 0.6),
            about "size of a firefly's catching area, a fraction of the reach box",
            example "0.25", easier Higher, builtin (0.22, 0.28, 0.35);
        /// Seconds of waving over a firefly that catch it (0.1..=5).
        wave_seconds: f32 = Number(0.1, 5.0), about "seconds of waving that catch a firefly",
            example "0.6", easier Lower, builtin (0.6, 0.6, 0.6);
        /// How far targets move outwards after each catch, as a fraction of the reach box
        /// (0..=0.3).
        drift_out: f32 = Number(0.0, 0.3),
            about "how far fireflies move outwards after each catch", example "0.05",
            easier Lower, builtin (0.05, 0.05, 0.05);
    }
}
