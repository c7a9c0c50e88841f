//! The list of mini-games, in one place and free of the engine.
//!
//! Configs, logs, the launcher, the level loader, the charts, the fuzz corpus, the benches and
//! the screenshots all list games; they all read this list, so a new game is one line in
//! [`for_each_game`] plus its own folder under `game/minigames/` and its level file. Nothing
//! here depends on bevy: `config/` and `logs/` read games without the game.

/// Calls `$then!` with the one list of games, one line each:
/// `Variant => folder_and_file_name, "Title", in_default_playlist;`.
///
/// The order is the launcher's and the reports' order. The folder name is the module under
/// `game/minigames/`, the level file `levels/<name>.ron` and the name in configs and logs.
/// Why a macro: the engine-free [`GameId`] and the engine's plugin and level registry are
/// both made from this one list, so they cannot disagree.
#[macro_export]
macro_rules! for_each_game {
    ($then:ident) => {
        $then! {
            AppleShake => apple_shake, "Apple Shake", true;
            FireflyCatch => firefly_catch, "Firefly Catch", true;
            FrogHop => frog_hop, "Frog Hop", true;
            Statues => statues, "Woodland Statues", true;
            Paint => paint, "Paint the Forest", false;
            MusicalForest => musical_forest, "Musical Forest", false;
        }
    };
}

macro_rules! define_game_id {
    ($($variant:ident => $name:ident, $title:literal, $default:literal;)*) => {
        /// A mini-game, as named in level files, configs and logs (`frog_hop`).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum GameId {
            $(
                #[doc = concat!($title, ": `", stringify!($name), "`.")]
                $variant,
            )*
        }

        impl GameId {
            /// Every game, in the launcher's order.
            pub const ALL: [GameId; [$(GameId::$variant),*].len()] = [$(GameId::$variant),*];

            /// Every game's name, in [`GameId::ALL`]'s order (for checks that list names).
            pub const NAMES: [&'static str; GameId::ALL.len()] = [$(stringify!($name)),*];

            /// The name in files and logs (`apple_shake`, ...).
            pub fn name(self) -> &'static str {
                match self {
                    $(GameId::$variant => stringify!($name),)*
                }
            }

            /// The name a child and a play specialist read (`Apple Shake`).
            pub fn title(self) -> &'static str {
                match self {
                    $(GameId::$variant => $title,)*
                }
            }

            /// Whether a new kiosk's playlist has this game.
            fn in_default_playlist(self) -> bool {
                match self {
                    $(GameId::$variant => $default,)*
                }
            }
        }
    };
}

for_each_game!(define_game_id);

impl GameId {
    /// The level file of this game, relative to the levels folder.
    pub fn file_name(self) -> String {
        format!("{}.ron", self.name())
    }

    /// Parses a name as written in files and on the command line.
    pub fn from_name(name: &str) -> Option<GameId> {
        GameId::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The playlist of a kiosk whose config names none: the one default, used by the config
    /// and by a session planned without a config.
    pub fn default_playlist() -> Vec<GameId> {
        GameId::ALL
            .into_iter()
            .filter(|g| g.in_default_playlist())
            .collect()
    }

    /// This game's place in [`GameId::ALL`] (tables indexed by game).
    pub fn index(self) -> usize {
        GameId::ALL
            .iter()
            .position(|&g| g == self)
            .expect("GameId::ALL lists every game")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for (i, game) in GameId::ALL.into_iter().enumerate() {
            assert_eq!(GameId::from_name(game.name()), Some(game));
            assert_eq!(GameId::NAMES[i], game.name());
            assert_eq!(game.index(), i);
            let ron = ron::to_string(&game).unwrap();
            assert_eq!(ron, game.name(), "configs and logs write the name");
        }
        assert_eq!(GameId::from_name("frog"), None);
    }

    #[test]
    fn the_default_playlist_is_not_empty_and_in_order() {
        let playlist = GameId::default_playlist();
        assert!(!playlist.is_empty());
        assert!(playlist.windows(2).all(|w| w[0].index() < w[1].index()));
    }
}
