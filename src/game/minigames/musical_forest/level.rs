//! Musical Forest's level: how many instruments, how far out in the child's reach they sit,
//! how big they are and how much movement sounds them, per profile. Read from
//! `levels/musical_forest.ron`; only this game reads it.

crate::game_level! {
    /// Musical Forest's settings for one profile.
    Difficulty for MusicalForest {
        /// Instruments in the forest (2..=4): the drum and the frogs first, then the chimes
        /// and the woodpecker.
        instruments: u32 = Whole(2, 4), about "instruments in the forest", example "4",
            easier Lower, builtin (4, 3, 2);
        /// How far out in the child's reach the instruments sit, as a fraction of half the
        /// reach box (0.2..=1): small keeps them close to the child.
        spread: f32 = Number(0.2, 1.0),
            about "how far out the instruments sit, a fraction of the reach", example "0.7",
            easier Lower, builtin (0.85, 0.65, 0.45);
        /// Size of an instrument's playing area, as a fraction of the reach box (0.1..=0.6).
        size: f32 = Number(0.1, 0.6),
            about "size of an instrument's playing area, a fraction of the reach box",
            example "0.35", easier Higher, builtin (0.3, 0.38, 0.5);
        /// Fraction of an instrument's area that must move to sound it (0.01..=0.5).
        threshold: f32 = Number(0.01, 0.5),
            about "how much of an instrument's area must move to play it", example "0.06",
            easier Lower, builtin (0.08, 0.06, 0.04);
    }
}
