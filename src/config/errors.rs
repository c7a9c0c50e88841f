//! What can be wrong with a kiosk config, as the shared RON diagnostics.

use crate::ron_diag::{Diagnostic, Diagnostics, FaultKind};

/// What kind of mistake a [`ConfigError`] is: lets the kiosk and tests tell mistakes apart
/// without reading the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// Not valid RON: a missing comma or bracket, an unclosed comment.
    Syntax,
    /// A field the config does not have (often a typo; the message suggests the nearest).
    UnknownField,
    /// A name that is not one of the allowed ones: a game, a profile, a key.
    UnknownName,
    /// A value of the wrong kind: text where a number belongs, a fraction for a count.
    WrongType,
    /// A required field is not there.
    MissingField,
    /// The same field given twice.
    DuplicateField,
    /// A number outside its allowed range, or a list too long or short.
    OutOfRange,
    /// A value in the wrong form: a time of day, a PIN, a kiosk id, a picture source.
    Invalid,
    /// A game or key listed twice.
    Duplicate,
    /// Values that disagree: quiet hours that end when they start, a region past the edge.
    Inconsistent,
    /// A file or folder that must exist does not: the config itself, a clip, the folder
    /// above the logs or export folder.
    NotFound,
    /// The config could not be read (permissions, not UTF-8 text).
    Unreadable,
}

impl From<FaultKind> for ConfigErrorKind {
    fn from(kind: FaultKind) -> Self {
        match kind {
            FaultKind::UnknownField => ConfigErrorKind::UnknownField,
            FaultKind::UnknownName => ConfigErrorKind::UnknownName,
            FaultKind::WrongType => ConfigErrorKind::WrongType,
            FaultKind::MissingField => ConfigErrorKind::MissingField,
            FaultKind::DuplicateField => ConfigErrorKind::DuplicateField,
            FaultKind::OutOfRange => ConfigErrorKind::OutOfRange,
            FaultKind::Invalid => ConfigErrorKind::Invalid,
            FaultKind::NotUtf8 => ConfigErrorKind::Unreadable,
            _ => ConfigErrorKind::Syntax,
        }
    }
}

/// One mistake in the kiosk config, with where it is and what is allowed. Displays as
/// `kiosk-config/kiosk.ron:14:9: audio.cap: must be between 0 and 1, found 1.5`.
pub type ConfigError = Diagnostic<ConfigErrorKind>;

/// Every mistake found in a kiosk config (never empty), in file order; one per line.
pub type ConfigErrors = Diagnostics<ConfigErrorKind>;
