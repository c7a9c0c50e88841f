//! Reading and checking a level file, with errors that name the file, line, column and field.
//!
//! ron finds syntax, unknown-field and type mistakes and says where; the checks here find
//! values out of their documented range and values that disagree. Either way the error says
//! what is allowed, in words a play specialist can act on. The checks work on any game's
//! level ([`GameLevel`]): the frame's fields are here, each game's own fields in its table.

use core::fmt;
use std::path::Path;

use ron::error::SpannedError;

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

/// A field's value, for the range checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue {
    /// A count.
    Whole(u32),
    /// A number.
    Number(f32),
    /// Two numbers, shortest first.
    Pair(f32, f32),
}

impl From<u32> for FieldValue {
    fn from(v: u32) -> Self {
        FieldValue::Whole(v)
    }
}

impl From<f32> for FieldValue {
    fn from(v: f32) -> Self {
        FieldValue::Number(v)
    }
}

impl From<(f32, f32)> for FieldValue {
    fn from((a, b): (f32, f32)) -> Self {
        FieldValue::Pair(a, b)
    }
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

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueKind {
    /// A whole number in `min..=max`.
    Whole(u32, u32),
    /// A number in `min..=max`.
    Number(f32, f32),
    /// Two numbers, each in `min..=max`, the first not larger.
    Pair(f32, f32),
    /// A game name.
    Game,
    /// A block of fields in brackets.
    Block,
}

/// Which way a setting makes its game easier, so that a test can hold every level file to
/// "bed easiest, standing hardest".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Easier {
    /// A smaller value is easier (fewer apples).
    Lower,
    /// A larger value is easier (a bigger brush).
    Higher,
    /// Neither way (how long the dancing lasts).
    Neither,
}

/// A field of a level file: what it holds, what it is for, a value to suggest.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The name in the file.
    pub name: &'static str,
    /// What it holds, with its range.
    pub kind: ValueKind,
    /// What it is for, in a few words.
    pub about: &'static str,
    /// A value to suggest when it is missing.
    pub example: &'static str,
    /// Which way is easier.
    pub easier: Easier,
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
mod tests {
    use super::*;
    use crate::game::levels::GameLevel;

    /// A valid apple_shake level with the fields on known lines.
    const GOOD: &str = r#"// Apple Shake
(
    game: apple_shake,
    seconds: 75,
    difficulty: (
        standing: (
            apples: 12,
            shake_per_apple: 1.5,
        ),
        seated: (
            apples: 10,
            shake_per_apple: 1.2,
        ),
        bed: (
            apples: 6,
            shake_per_apple: 0.8,
            // dance_seconds: (4, 9) would be Statues' field, not this game's
        ),
    ),
)
"#;

    const FILE: &str = "levels/apple_shake.ron";

    fn errors_of(text: &str) -> LevelErrors {
        parse_level(FILE, text).expect_err("the text has a mistake")
    }

    fn only_error(text: &str) -> LevelError {
        let errors = errors_of(text);
        assert_eq!(errors.len(), 1, "{errors}");
        errors.first().clone()
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    type Apples = crate::game::minigames::apple_shake::level::Difficulty;
    type Dance = crate::game::minigames::statues::level::Difficulty;

    #[test]
    fn the_good_text_parses() {
        let level = parse_level(FILE, GOOD).unwrap();
        assert_eq!(level.game, GameId::AppleShake);
        let bed = level
            .difficulty::<Apples>(crate::motion::Profile::Bed)
            .unwrap();
        assert_eq!(bed.apples, 6);
        // Another game's settings are not in it.
        assert!(level.settings::<Dance>().is_none());
    }

    #[test]
    fn fields_left_out_take_the_profiles_builtin_value() {
        use crate::motion::Profile;
        let text = GOOD.replace("            apples: 6,\n", "");
        let level = parse_level(FILE, &text).unwrap();
        let bed = level.difficulty::<Apples>(Profile::Bed).unwrap();
        assert_eq!(bed.apples, Apples::builtin(Profile::Bed).apples);
        assert_eq!(bed.shake_per_apple, 0.8, "the fields written stay");
    }

    #[test]
    fn another_games_field_is_an_unknown_field() {
        let e = only_error(&GOOD.replace("apples: 6,", "brush: 0.1,"));
        assert_eq!(e.kind, LevelErrorKind::UnknownField);
        assert_eq!(e.position, at(15, 13));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.brush"));
        assert!(
            e.message
                .starts_with("unknown field `brush`; the fields here are: apples, shake_per_apple"),
            "{e}"
        );
    }

    /// A valid statues level: the game with a pair of numbers.
    const STATUES: &str = "(\n    game: statues,\n    seconds: 60,\n    difficulty: (\n        standing: (),\n        seated: (),\n        bed: (\n            dance_seconds: (4, 9),\n        ),\n    ),\n)\n";

    #[test]
    fn out_of_range_names_line_field_and_range() {
        let e = only_error(&GOOD.replace("apples: 6,", "apples: 0,"));
        assert_eq!(e.kind, LevelErrorKind::OutOfRange);
        assert_eq!(e.position, at(15, 13));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.apples"));
        assert_eq!(
            e.to_string(),
            "levels/apple_shake.ron:15:13: difficulty.bed.apples: must be between 1 and 30, found 0"
        );
    }

    #[test]
    fn every_range_mistake_is_reported_in_file_order() {
        let text = GOOD
            .replace("seconds: 75", "seconds: 5")
            .replace("shake_per_apple: 1.2", "shake_per_apple: 11")
            .replace("apples: 6,", "apples: 31,");
        let errors = errors_of(&text);
        let fields: Vec<_> = errors.iter().map(|e| e.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            [
                "seconds",
                "difficulty.seated.shake_per_apple",
                "difficulty.bed.apples"
            ]
        );
        assert_eq!(
            errors.to_string().lines().next(),
            Some("levels/apple_shake.ron:4:5: seconds: must be between 10 and 600, found 5")
        );
        assert!(errors.to_string().contains(
            "12:13: difficulty.seated.shake_per_apple: must be between 0.2 and 10, found 11"
        ));
    }

    #[test]
    fn dance_seconds_must_be_in_order() {
        let only_error = |text: &str| {
            let errors = parse_level("levels/statues.ron", text).expect_err("a mistake");
            assert_eq!(errors.len(), 1, "{errors}");
            errors.first().clone()
        };
        assert!(parse_level("levels/statues.ron", STATUES).is_ok());
        let e = only_error(&STATUES.replace("(4, 9)", "(12, 9)"));
        assert_eq!(e.kind, LevelErrorKind::Inconsistent);
        assert_eq!(e.position, at(8, 13));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.dance_seconds"));
        assert!(e.message.contains("shortest time (12)"), "{e}");

        let e = only_error(&STATUES.replace("(4, 9)", "(0.5, 9)"));
        assert_eq!(e.kind, LevelErrorKind::OutOfRange);
        assert_eq!(
            e.message,
            "the shortest time must be between 1 and 60, found 0.5"
        );
    }

    #[test]
    fn not_a_number_is_out_of_range() {
        let e = only_error(&GOOD.replace("shake_per_apple: 0.8", "shake_per_apple: NaN"));
        assert_eq!(e.kind, LevelErrorKind::OutOfRange);
        assert_eq!(e.message, "must be between 0.2 and 10, found NaN");
    }

    #[test]
    fn syntax_error_gives_ron_position() {
        // A comma missing after `seconds: 75`: ron notices at the next field.
        let e = only_error(&GOOD.replace("seconds: 75,", "seconds: 75"));
        assert_eq!(e.kind, LevelErrorKind::Syntax);
        assert_eq!(e.position, at(5, 5));
        assert_eq!(e.field.as_deref(), Some("seconds"));
        assert_eq!(
            e.to_string(),
            "levels/apple_shake.ron:5:5: seconds: expected a comma `,` after the value of `seconds`"
        );
    }

    #[test]
    fn a_missing_bracket_is_a_syntax_error() {
        let text = GOOD.trim_end().trim_end_matches(')');
        let e = only_error(text);
        assert_eq!(e.kind, LevelErrorKind::Syntax);
        assert!(e.message.contains("closing bracket"), "{e}");
        assert!(e.position.is_some());
    }

    #[test]
    fn unknown_field_suggests_the_nearest_name() {
        let e = only_error(&GOOD.replace("apples: 6,", "aples: 6,"));
        assert_eq!(e.kind, LevelErrorKind::UnknownField);
        assert_eq!(e.position, at(15, 13));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.aples"));
        assert_eq!(e.message, "unknown field `aples`; did you mean `apples`?");

        let e = only_error(&GOOD.replace("difficulty: (", "dificulty: ("));
        assert_eq!(e.position, at(5, 5));
        assert_eq!(
            e.message,
            "unknown field `dificulty`; did you mean `difficulty`?"
        );

        let e = only_error(&GOOD.replace("apples: 6,", "colour: 6,"));
        assert!(
            e.message
                .starts_with("unknown field `colour`; the fields here are: apples, "),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_says_what_is_expected() {
        let e = only_error(&GOOD.replace("apples: 6,", "apples: \"six\","));
        assert_eq!(e.kind, LevelErrorKind::WrongType);
        assert_eq!(e.position, at(15, 21));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.apples"));
        assert_eq!(
            e.message,
            "must be a whole number between 1 and 30, found `\"six\"`"
        );

        let e = only_error(&GOOD.replace("apples: 6,", "apples: 6.5,"));
        assert_eq!(e.position, at(15, 21));
        assert_eq!(e.kind, LevelErrorKind::WrongType);
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.apples"));
        assert_eq!(
            e.message,
            "must be a whole number between 1 and 30, found `6.5`"
        );

        let e = only_error(&GOOD.replace("seconds: 75", "seconds: \"75\""));
        assert_eq!(e.field.as_deref(), Some("seconds"));
        assert_eq!(
            e.message,
            "must be a number between 10 and 600, found `\"75\"`"
        );

        let e = parse_level("levels/statues.ron", &STATUES.replace("(4, 9)", "4")).unwrap_err();
        let e = e.first();
        assert_eq!(e.kind, LevelErrorKind::WrongType);
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.dance_seconds"));
        assert!(
            e.message
                .starts_with("must be two numbers between 1 and 60"),
            "{e}"
        );

        let e = only_error(&GOOD.replace("apples: 6,", "apples: -2,"));
        assert_eq!(e.kind, LevelErrorKind::OutOfRange);
        assert_eq!(e.position, at(15, 21));
        assert_eq!(e.message, "must be between 1 and 30, found -2");
    }

    #[test]
    fn wrong_game_name() {
        let e = only_error(&GOOD.replace("game: apple_shake", "game: apple_shak"));
        assert_eq!(e.kind, LevelErrorKind::WrongGame);
        assert_eq!(e.position, at(3, 11));
        assert_eq!(e.field.as_deref(), Some("game"));
        assert_eq!(
            e.message,
            "unknown game `apple_shak`; did you mean `apple_shake`?"
        );

        // A real game, but not this file's.
        let e = only_error(&GOOD.replace("game: apple_shake", "game: statues"));
        assert_eq!(e.kind, LevelErrorKind::WrongGame);
        assert_eq!(
            e.to_string(),
            "levels/apple_shake.ron:3:5: game: must be apple_shake in apple_shake.ron, found statues: each game reads the file named after it"
        );

        // A file named after no game.
        let e = parse_level("levels/apples.ron", GOOD).unwrap_err();
        assert!(
            e.first().message.contains("apples.ron names no game"),
            "{e}"
        );
    }

    #[test]
    fn missing_field_says_what_to_add() {
        let e = only_error(&GOOD.replace("    seconds: 75,\n", ""));
        assert_eq!(e.kind, LevelErrorKind::MissingField);
        assert_eq!(e.field.as_deref(), Some("seconds"));
        assert_eq!(e.position, at(19, 1));
        assert_eq!(
            e.message,
            "is missing: add `seconds: 75,` (how long the game runs, in seconds, 10 to 600)"
        );

        // A whole profile block left out: ron notices at the closing bracket of `difficulty`.
        let start = GOOD.find("        bed: (").unwrap();
        let end = GOOD.find("    ),\n)").unwrap();
        let text = format!("{}{}", &GOOD[..start], &GOOD[end..]);
        let e = only_error(&text);
        assert_eq!(e.kind, LevelErrorKind::MissingField);
        assert_eq!(e.field.as_deref(), Some("difficulty.bed"));
    }

    #[test]
    fn duplicate_field() {
        let e = only_error(&GOOD.replace("apples: 6,", "apples: 6,\n            apples: 7,"));
        assert_eq!(e.kind, LevelErrorKind::DuplicateField);
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.apples"));
        assert_eq!(e.position, at(16, 13));
    }

    #[test]
    fn unclosed_comment() {
        let e = only_error(&GOOD.replace("// Apple Shake", "/* Apple Shake"));
        assert_eq!(e.kind, LevelErrorKind::Syntax);
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn edit_distance_and_suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("apples", "apples"), 0);
        let known = ["apples", "pads", "brush", "freeze_seconds"];
        assert_eq!(did_you_mean("aples", &known), Some("apples"));
        assert_eq!(did_you_mean("Brush", &known), Some("brush"));
        assert_eq!(did_you_mean("freeze", &known), Some("freeze_seconds"));
        assert_eq!(did_you_mean("colour", &known), None);
    }

    #[test]
    fn ranges_match_the_schema_defaults() {
        // Every default must itself be valid, or an omitted field would be an error.
        let text = "(game: paint, seconds: 60, difficulty: (standing: (), seated: (), bed: ()))";
        assert!(parse_level("levels/paint.ron", text).is_ok());
    }
}
