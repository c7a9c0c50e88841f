//! Reading and checking a level file, with errors that name the file, line, column and field.
//!
//! ron finds syntax, unknown-field and type mistakes and says where; the checks here find
//! values out of their documented range and values that disagree. Either way the error says
//! what is allowed, in words a play specialist can act on. The checks work on any game's
//! level ([`GameLevel`]): the frame's fields are here, each game's own fields in its table.

use core::fmt;
use std::path::Path;

use ron::error::SpannedError;

use super::fields::{Easier, FieldSpec, FieldValue, ValueKind};
use super::schema::{ByProfile, GameLevel, LevelFile, LoadedLevel};
use crate::games::GameId;
use crate::ron_diag::{self, Diagnostic, Diagnostics, Fault, FaultKind, Outline, Schema};

pub use crate::ron_diag::{Position, did_you_mean, edit_distance};

/// What kind of mistake a [`LevelError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LevelErrorKind {
    /// The text is not valid RON (a missing comma or bracket, an unclosed comment, ...).
    Syntax,
    /// A field name that the level format does not have (often a typo).
    UnknownField,
    /// A value of the wrong kind (text where a number belongs, a fraction for a count, ...).
    WrongType,
    /// A required field (or block) is not there.
    MissingField,
    /// The same field is given twice.
    DuplicateField,
    /// A number outside its allowed range.
    OutOfRange,
    /// Values that disagree with each other (shortest longer than longest).
    Inconsistent,
    /// An unknown game name, or a game that does not match the file name.
    WrongGame,
    /// The file is not there.
    NotFound,
    /// The file could not be read (permissions, not UTF-8 text, the levels folder not set up).
    Unreadable,
}

/// One mistake in one level file, with where it is and what is allowed: the shared
/// [`Diagnostic`] with the level kinds.
///
/// Displays as `levels/apple_shake.ron:14:9: difficulty.bed.apples: must be between 1 and 30,
/// found 0`; the position or field is left out when there is none.
pub type LevelError = Diagnostic<LevelErrorKind>;

/// Every mistake found in one level file (never empty), in file order. Displays one per line.
pub type LevelErrors = Diagnostics<LevelErrorKind>;

/// Reads and checks one level file of any game: the file name says which.
///
/// `file` is the name shown in errors (e.g. `levels/apple_shake.ron`); its stem must be the
/// game named inside. Returns the level, or every mistake found: ron stops at the first
/// syntax or type mistake, the range checks report all of theirs.
///
/// # Examples
///
/// ```
/// use wigglewoods::game::levels::parse_level;
///
/// let text = "(game: paint, seconds: 60, difficulty: (standing: (), seated: (), bed: (brush: 0)))";
/// let errors = parse_level("levels/paint.ron", text).unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "levels/paint.ron:1:73: difficulty.bed.brush: must be between 0.02 and 0.4, found 0"
/// );
/// ```
pub fn parse_level(file: &str, text: &str) -> Result<LoadedLevel, LevelErrors> {
    match expected_game(file) {
        Ok(game) => crate::game::minigames::parse_level_of(game, file, text),
        Err(name) => Err(LevelErrors::one(LevelError {
            file: file.to_owned(),
            position: None,
            field: Some("game".into()),
            kind: LevelErrorKind::WrongGame,
            message: format!(
                "the file name {name} names no game: level files are {}",
                all_files()
            ),
        })),
    }
}

/// Reads and checks one level file of game `L::GAME`.
pub fn parse_game_level<L: GameLevel>(file: &str, text: &str) -> Result<LoadedLevel, LevelErrors> {
    let outline = Outline::new(text);
    let schema = LevelSchema { fields: L::FIELDS };
    let written = match ron::from_str::<LevelFile<L::Block>>(text) {
        Ok(level) => level,
        Err(e) => return Err(LevelErrors::one(from_ron(file, &outline, &e, &schema))),
    };
    let game = written.game;
    let seconds = written.seconds;
    let settings = written
        .difficulty
        .map(|profile, block| L::complete(block, profile));
    let errors: Vec<LevelError> = check_level(game, seconds, &settings, expected_game(file))
        .into_iter()
        .map(|p| LevelError {
            file: file.to_owned(),
            position: outline.position_of(&p.path),
            field: Some(p.path),
            kind: p.kind,
            message: p.message,
        })
        .collect();
    match LevelErrors::from_vec(errors) {
        None => Ok(LoadedLevel::new(seconds, settings)),
        Some(errors) => Err(errors),
    }
}

/// The game a level file name is for (`levels/frog_hop.ron` is for `frog_hop`).
pub fn expected_game(file: &str) -> Result<GameId, String> {
    let path = Path::new(file);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    GameId::from_name(stem).ok_or_else(|| {
        path.file_name()
            .and_then(|s| s.to_str())
            .unwrap_or(file)
            .to_owned()
    })
}

/// One value-level mistake, before it is given a position in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Field path, e.g. `difficulty.bed.apples`.
    pub path: String,
    /// What kind of mistake.
    pub kind: LevelErrorKind,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// Checks a parsed level against the documented ranges and for consistency.
///
/// `expected` is the game the file name says (or the file name when it names no game).
pub fn check_level<L: GameLevel>(
    game: GameId,
    seconds: f32,
    settings: &ByProfile<L>,
    expected: Result<GameId, String>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    match expected {
        Ok(expected) if expected != game => out.push(Problem {
            path: "game".into(),
            kind: LevelErrorKind::WrongGame,
            message: format!(
                "must be {} in {}, found {}: each game reads the file named after it",
                expected.name(),
                expected.file_name(),
                game.name()
            ),
        }),
        Ok(_) => {}
        Err(name) => out.push(Problem {
            path: "game".into(),
            kind: LevelErrorKind::WrongGame,
            message: format!(
                "the file name {name} names no game: level files are {}",
                all_files()
            ),
        }),
    }
    check_value(&mut out, "seconds", &SECONDS, FieldValue::Number(seconds));
    for (profile, d) in settings.named() {
        let at = format!("difficulty.{profile}");
        for (name, value) in d.values() {
            let spec = L::FIELDS
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("{name} is not in {}'s table", L::GAME.name()));
            check_value(&mut out, &format!("{at}.{name}"), spec, value);
        }
    }
    out
}

fn check_value(out: &mut Vec<Problem>, path: &str, spec: &FieldSpec, value: FieldValue) {
    match (spec.kind, value) {
        (ValueKind::Whole(min, max), FieldValue::Whole(v)) => {
            if !(min..=max).contains(&v) {
                out.push(out_of_range(path, min, max, v));
            }
        }
        (ValueKind::Number(min, max), FieldValue::Number(v)) => {
            if !(min..=max).contains(&v) {
                out.push(out_of_range(path, min, max, v));
            }
        }
        (ValueKind::Pair(min, max), FieldValue::Pair(shortest, longest)) => {
            let mut in_range = true;
            for (which, v) in [("shortest", shortest), ("longest", longest)] {
                if !(min..=max).contains(&v) {
                    in_range = false;
                    out.push(Problem {
                        path: path.to_owned(),
                        kind: LevelErrorKind::OutOfRange,
                        message: format!(
                            "the {which} time must be between {min} and {max}, found {v}"
                        ),
                    });
                }
            }
            if in_range && shortest > longest {
                out.push(Problem {
                    path: path.to_owned(),
                    kind: LevelErrorKind::Inconsistent,
                    message: format!(
                        "the shortest time ({shortest}) must come first and not be longer than the longest ({longest})"
                    ),
                });
            }
        }
        (kind, value) => panic!("{path}: a {value:?} in a {kind:?} field"),
    }
}

fn out_of_range(
    path: &str,
    min: impl fmt::Display,
    max: impl fmt::Display,
    v: impl fmt::Display,
) -> Problem {
    Problem {
        path: path.to_owned(),
        kind: LevelErrorKind::OutOfRange,
        message: format!("must be between {min} and {max}, found {v}"),
    }
}

const fn frame(
    name: &'static str,
    kind: ValueKind,
    about: &'static str,
    example: &'static str,
) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        about,
        example,
        easier: Easier::Neither,
    }
}

const SECONDS: FieldSpec = frame(
    "seconds",
    ValueKind::Number(10.0, 600.0),
    "how long the game runs, in seconds",
    "75",
);

/// The fields every level file has, whatever its game.
const FRAME: &[FieldSpec] = &[
    frame(
        "game",
        ValueKind::Game,
        "which mini-game this file is for",
        "apple_shake",
    ),
    SECONDS,
    frame(
        "difficulty",
        ValueKind::Block,
        "the settings of each profile",
        "(standing: (), seated: (), bed: ())",
    ),
    frame(
        "standing",
        ValueKind::Block,
        "the settings for a standing child",
        "()",
    ),
    frame(
        "seated",
        ValueKind::Block,
        "the settings for a seated child",
        "()",
    ),
    frame(
        "bed",
        ValueKind::Block,
        "the settings for a child in bed",
        "()",
    ),
];

fn leaf(path: &str) -> &str {
    ron_diag::path::leaf(path)
}

fn all_files() -> String {
    GameId::ALL.map(|g| g.file_name()).join(", ")
}

fn all_games() -> String {
    GameId::NAMES.join(", ")
}

/// Turns a ron error into a [`LevelError`] with a field path and a message in plain words.
fn from_ron(
    file: &str,
    outline: &Outline<'_>,
    e: &SpannedError,
    schema: &LevelSchema,
) -> LevelError {
    let Fault {
        kind,
        position,
        field,
        message,
    } = ron_diag::explain(outline, e, schema);
    let kind = match kind {
        FaultKind::UnknownField => LevelErrorKind::UnknownField,
        FaultKind::UnknownName => LevelErrorKind::WrongGame,
        FaultKind::WrongType | FaultKind::Invalid => LevelErrorKind::WrongType,
        FaultKind::MissingField => LevelErrorKind::MissingField,
        FaultKind::DuplicateField => LevelErrorKind::DuplicateField,
        FaultKind::OutOfRange => LevelErrorKind::OutOfRange,
        FaultKind::NotUtf8 => LevelErrorKind::Unreadable,
        _ => LevelErrorKind::Syntax,
    };
    LevelError {
        file: file.to_owned(),
        position: Some(position),
        field,
        kind,
        message,
    }
}

/// What ron's errors need to know of one game's level format: what each field holds.
struct LevelSchema {
    fields: &'static [FieldSpec],
}

impl LevelSchema {
    fn lookup(&self, path: &str) -> Option<&'static FieldSpec> {
        let name = leaf(path);
        FRAME.iter().chain(self.fields).find(|f| f.name == name)
    }
}

impl Schema for LevelSchema {
    fn expected(&self, path: &str) -> Option<String> {
        self.lookup(path).map(expected_value)
    }

    fn missing(&self, path: &str) -> Option<String> {
        Some(match self.lookup(path) {
            Some(spec) => missing_message(spec),
            None => "is missing".to_owned(),
        })
    }

    fn noun(&self, _path: &str) -> &'static str {
        "game"
    }

    fn whole_range(&self, path: &str) -> Option<String> {
        match self.lookup(path)?.kind {
            ValueKind::Whole(min, max) => Some(format!("between {min} and {max}")),
            _ => None,
        }
    }
}

/// What a field must hold, worded to follow "must be".
fn expected_value(spec: &FieldSpec) -> String {
    match spec.kind {
        ValueKind::Whole(min, max) => format!("a whole number between {min} and {max}"),
        ValueKind::Number(min, max) => format!("a number between {min} and {max}"),
        ValueKind::Pair(min, max) => format!(
            "two numbers between {min} and {max} in brackets, shortest first, like {}",
            spec.example
        ),
        ValueKind::Game => format!("one of {}", all_games()),
        ValueKind::Block => "a block of settings in brackets, like `( ... )`".to_owned(),
    }
}

fn missing_message(spec: &FieldSpec) -> String {
    let range = match spec.kind {
        ValueKind::Whole(min, max) => format!(", {min} to {max}"),
        ValueKind::Number(min, max) | ValueKind::Pair(min, max) => format!(", {min} to {max}"),
        ValueKind::Game => format!(": one of {}", all_games()),
        ValueKind::Block => String::new(),
    };
    format!(
        "is missing: add `{}: {},` ({}{range})",
        spec.name, spec.example, spec.about
    )
}

#[cfg(test)]
mod tests;
