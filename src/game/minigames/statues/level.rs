//! Woodland Statues' level: how long the dancing lasts and how long to hold still, per
//! profile. Read from `levels/statues.ron`; only this game reads it.

crate::game_level! {
    /// Woodland Statues' settings for one profile.
    Difficulty for Statues {
        /// Shortest and longest dancing time before the music stops, seconds (each 1..=60,
        /// shortest first).
        dance_seconds: (f32, f32) = Pair(1.0, 60.0),
            about "shortest and longest dancing time, in seconds", example "(4, 9)",
            easier Neither, builtin ((4.0, 8.0), (4.0, 8.0), (4.0, 8.0));
        /// How long to hold still once the music stops, seconds (1..=15).
        freeze_seconds: f32 = Number(1.0, 15.0),
            about "seconds to hold still when the music stops", example "3",
            easier Lower, builtin (3.0, 2.5, 2.0);
    }
}
