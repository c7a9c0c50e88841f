//! What a level file says: for one mini-game, how long it lasts and how hard it is in each
//! motion profile. Files in `levels/` are RON with a comment on every field.
//!
//! The frame (`game`, `seconds`, one block per profile) is the same for every game; what a
//! block holds belongs to the game: each game's `level.rs` declares its fields with
//! [`game_level!`](crate::game_level), and nothing else reads them. A field a game does not
//! have is an unknown field in its file, with file, line and a suggestion.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::fields::{FieldSpec, FieldValue};
use crate::games::GameId;
use crate::motion::Profile;

/// One level file as written: which game, for how long, and a block per profile.
/// `B` is the game's block as read (fields left out are `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile<B> {
    /// Which mini-game this file configures.
    pub game: GameId,
    /// How long the game runs within a session, in seconds (10..=600).
    pub seconds: f32,
    /// The game's settings for each profile.
    pub difficulty: ByProfile<B>,
}

/// Something per profile: a standing child, a seated child, a child in bed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByProfile<T> {
    /// Whole body visible.
    pub standing: T,
    /// Wheelchair or chair, upper body.
    pub seated: T,
    /// In bed: small movements, one arm is enough.
    pub bed: T,
}

impl<T> ByProfile<T> {
    /// The settings for one profile.
    pub fn get(&self, profile: Profile) -> &T {
        match profile {
            Profile::Standing => &self.standing,
            Profile::Seated => &self.seated,
            Profile::Bed => &self.bed,
        }
    }

    /// Each profile's name (as in the files) with its value, in file order.
    pub fn named(&self) -> [(&'static str, &T); 3] {
        [
            ("standing", &self.standing),
            ("seated", &self.seated),
            ("bed", &self.bed),
        ]
    }

    /// The same shape with each value changed, knowing its profile.
    pub fn map<U>(self, mut f: impl FnMut(Profile, T) -> U) -> ByProfile<U> {
        ByProfile {
            standing: f(Profile::Standing, self.standing),
            seated: f(Profile::Seated, self.seated),
            bed: f(Profile::Bed, self.bed),
        }
    }
}

impl<T: Clone> ByProfile<T> {
    /// One value for every profile.
    pub fn each(value: T) -> Self {
        ByProfile {
            standing: value.clone(),
            seated: value.clone(),
            bed: value,
        }
    }
}

/// A game's difficulty for one profile: its own fields, their ranges, their defaults.
/// Implemented by [`game_level!`](crate::game_level) in each game's `level.rs`.
pub trait GameLevel: Clone + PartialEq + fmt::Debug + Send + Sync + 'static {
    /// The block as read from a file, each field optional.
    type Block: serde::de::DeserializeOwned + fmt::Debug;
    /// The game these settings are for.
    const GAME: GameId;
    /// This game's fields: what each holds, its range, which way is easier.
    const FIELDS: &'static [FieldSpec];
    /// The settings for a profile when the file says nothing (or cannot be read): gentle.
    fn builtin(profile: Profile) -> Self;
    /// A block as read, each field left out taken from [`GameLevel::builtin`].
    fn complete(block: Self::Block, profile: Profile) -> Self;
    /// Every field's value, by name, in [`GameLevel::FIELDS`]' order (for the range checks).
    fn values(&self) -> Vec<(&'static str, FieldValue)>;
}

/// A valid level of any game: what the shared code reads (game, length), with the game's
/// own settings inside for the game to take out with [`LoadedLevel::difficulty`].
#[derive(Clone)]
pub struct LoadedLevel {
    /// Which game.
    pub game: GameId,
    /// How long the game runs within a session, in seconds.
    pub seconds: f32,
    settings: Arc<dyn AnySettings>,
}

impl LoadedLevel {
    /// A level of game `L::GAME`.
    pub fn new<L: GameLevel>(seconds: f32, settings: ByProfile<L>) -> Self {
        LoadedLevel {
            game: L::GAME,
            seconds,
            settings: Arc::new(settings),
        }
    }

    /// The game's built-in level: a minute, [`GameLevel::builtin`] for each profile.
    pub fn builtin<L: GameLevel>() -> Self {
        LoadedLevel::new(60.0, ByProfile::each(()).map(|p, ()| L::builtin(p)))
    }

    /// The settings of every profile, if this is a level of `L`'s game.
    pub fn settings<L: GameLevel>(&self) -> Option<&ByProfile<L>> {
        self.settings.as_any().downcast_ref()
    }

    /// The settings for one profile, if this is a level of `L`'s game.
    pub fn difficulty<L: GameLevel>(&self, profile: Profile) -> Option<&L> {
        self.settings::<L>().map(|s| s.get(profile))
    }

    /// Every field's value for one profile, by name, whatever the game (staff views, tests).
    pub fn values(&self, profile: Profile) -> Vec<(&'static str, FieldValue)> {
        self.settings.values(profile)
    }
}

impl PartialEq for LoadedLevel {
    fn eq(&self, other: &Self) -> bool {
        self.game == other.game
            && self.seconds == other.seconds
            && self.settings.same_as(other.settings.as_any())
    }
}

impl fmt::Debug for LoadedLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadedLevel")
            .field("game", &self.game)
            .field("seconds", &self.seconds)
            .field("settings", &self.settings)
            .finish()
    }
}

/// A game's settings with the type forgotten, so that one table holds every game's.
trait AnySettings: Any + Send + Sync + fmt::Debug {
    fn as_any(&self) -> &dyn Any;
    fn same_as(&self, other: &dyn Any) -> bool;
    fn values(&self, profile: Profile) -> Vec<(&'static str, FieldValue)>;
}

impl<L: GameLevel> AnySettings for ByProfile<L> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same_as(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<Self>() == Some(self)
    }

    fn values(&self, profile: Profile) -> Vec<(&'static str, FieldValue)> {
        self.get(profile).values()
    }
}

/// Declares a game's difficulty: the struct a game reads, the block a file holds, the field
/// table the checks and messages use, the built-in values per profile. One line a field:
///
/// ```text
/// game_level! {
///     /// Frog Hop's settings for one profile.
///     Difficulty for FrogHop {
///         /// Lily pads to cross.
///         pads: u32 = Whole(2, 20), about "lily pads to cross", example "6",
///             easier Lower, builtin (8, 6, 5);
///     }
/// }
/// ```
///
/// `easier` says which way makes the game easier (`Lower`, `Higher` or `Neither`): a test
/// holds every level file to "bed easiest, standing hardest" with it.
#[macro_export]
macro_rules! game_level {
    (
        $(#[$meta:meta])*
        $name:ident for $game:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $kind:ident ( $lo:expr, $hi:expr ),
                    about $about:literal, example $example:literal,
                    easier $easier:ident, builtin ( $standing:expr, $seated:expr, $bed:expr );
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )+
        }

        /// The block as a level file holds it: every field may be left out.
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Block {
            $(
                #[serde(default, deserialize_with = "crate::game::levels::present")]
                $field: Option<$ty>,
            )+
        }

        impl $crate::game::levels::GameLevel for $name {
            type Block = Block;
            const GAME: $crate::games::GameId = $crate::games::GameId::$game;
            const FIELDS: &'static [$crate::game::levels::FieldSpec] = &[
                $(
                    $crate::game::levels::FieldSpec {
                        name: stringify!($field),
                        kind: $crate::game::levels::ValueKind::$kind($lo, $hi),
                        about: $about,
                        example: $example,
                        easier: $crate::game::levels::Easier::$easier,
                    },
                )+
            ];

            fn builtin(profile: $crate::motion::Profile) -> Self {
                use $crate::motion::Profile;
                match profile {
                    Profile::Standing => $name { $($field: $standing,)+ },
                    Profile::Seated => $name { $($field: $seated,)+ },
                    Profile::Bed => $name { $($field: $bed,)+ },
                }
            }

            fn complete(block: Block, profile: $crate::motion::Profile) -> Self {
                let builtin = Self::builtin(profile);
                $name { $($field: block.$field.unwrap_or(builtin.$field),)+ }
            }

            fn values(&self) -> Vec<(&'static str, $crate::game::levels::FieldValue)> {
                vec![$((stringify!($field), self.$field.into()),)+]
            }

        }
    };
}

/// Reads a field that is there as `Some(value)`: level files write `pads: 6`, not
/// `pads: Some(6)`, and a field left out is `None` by `#[serde(default)]`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
