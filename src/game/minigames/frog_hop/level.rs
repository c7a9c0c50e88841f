//! Frog Hop's level: how many lily pads and how long a hop may wait, per profile. Read from
//! `levels/frog_hop.ron`; only this game reads it.

crate::game_level! {
    /// Frog Hop's settings for one profile.
    Difficulty for FrogHop {
        /// Lily pads to cross (2..=20).
        pads: u32 = Whole(2, 20), about "lily pads to cross", example "6",
            easier Lower, builtin (8, 6, 5);
        /// Seconds a rise may come after the frog is ready and still count (0.5..=10).
        hop_window: f32 = Number(0.5, 10.0),
            about "seconds a hop may come after the frog is ready", example "3",
            easier Higher, builtin (3.0, 4.0, 6.0);
    }
}
