//! Reading and checking a level file, with errors that name the file, line, column and field.
//!
//! ron finds syntax, unknown-field and type mistakes and says where; the checks here find
//! values out of their documented range and values that disagree. Either way the error says
//! what is allowed, in words a play specialist can act on.

use core::fmt;
use std::path::Path;

use ron::error::SpannedError;

use super::outline::Outline;
use super::schema::{Difficulty, GameId, LevelFile};
use crate::ron_diag::{self, Diagnostic, Diagnostics, Fault, FaultKind, Schema};

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

/// Reads and checks one level file.
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
pub fn parse_level(file: &str, text: &str) -> Result<LevelFile, LevelErrors> {
    let outline = Outline::new(text);
    let level = match ron::from_str::<LevelFile>(text) {
        Ok(level) => level,
        Err(e) => return Err(LevelErrors::one(from_ron(file, &outline, &e))),
    };
    let errors: Vec<LevelError> = check_level(&level, expected_game(file))
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
        None => Ok(level),
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
pub fn check_level(level: &LevelFile, expected: Result<GameId, String>) -> Vec<Problem> {
    let mut out = Vec::new();
    match expected {
        Ok(game) if game != level.game => out.push(Problem {
            path: "game".into(),
            kind: LevelErrorKind::WrongGame,
            message: format!(
                "must be {} in {}, found {}: each game reads the file named after it",
                game.name(),
                game.file_name(),
                level.game.name()
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
    number(&mut out, "seconds", level.seconds);
    for (profile, d) in [
        ("standing", &level.difficulty.standing),
        ("seated", &level.difficulty.seated),
        ("bed", &level.difficulty.bed),
    ] {
        check_difficulty(&mut out, &format!("difficulty.{profile}"), d);
    }
    out
}

fn check_difficulty(out: &mut Vec<Problem>, at: &str, d: &Difficulty) {
    let path = |field: &str| format!("{at}.{field}");
    whole(out, &path("apples"), d.apples);
    number(out, &path("shake_per_apple"), d.shake_per_apple);
    whole(out, &path("fireflies"), d.fireflies);
    number(out, &path("catch_size"), d.catch_size);
    number(out, &path("wave_seconds"), d.wave_seconds);
    number(out, &path("drift_out"), d.drift_out);
    whole(out, &path("pads"), d.pads);
    number(out, &path("hop_window"), d.hop_window);
    number(out, &path("freeze_seconds"), d.freeze_seconds);
    number(out, &path("brush"), d.brush);

    let dance = path("dance_seconds");
    let (shortest, longest) = d.dance_seconds;
    let ValueKind::Pair(min, max) = spec("dance_seconds").kind else {
        unreachable!("dance_seconds is a pair")
    };
    let mut in_range = true;
    for (which, v) in [("shortest", shortest), ("longest", longest)] {
        if !(min..=max).contains(&v) {
            in_range = false;
            out.push(Problem {
                path: dance.clone(),
                kind: LevelErrorKind::OutOfRange,
                message: format!("the {which} time must be between {min} and {max}, found {v}"),
            });
        }
    }
    if in_range && shortest > longest {
        out.push(Problem {
            path: dance,
            kind: LevelErrorKind::Inconsistent,
            message: format!(
                "the shortest time ({shortest}) must come first and not be longer than the longest ({longest})"
            ),
        });
    }
}

fn whole(out: &mut Vec<Problem>, path: &str, v: u32) {
    let ValueKind::Whole(min, max) = spec(leaf(path)).kind else {
        unreachable!("{path} is a whole number")
    };
    if !(min..=max).contains(&v) {
        out.push(out_of_range(path, min, max, v));
    }
}

fn number(out: &mut Vec<Problem>, path: &str, v: f32) {
    let ValueKind::Number(min, max) = spec(leaf(path)).kind else {
        unreachable!("{path} is a number")
    };
    if !(min..=max).contains(&v) {
        out.push(out_of_range(path, min, max, v));
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

/// The difficulty fields each game reads; the others may be left out of its file.
pub fn fields_used(game: GameId) -> &'static [&'static str] {
    match game {
        GameId::AppleShake => &["apples", "shake_per_apple"],
        GameId::FireflyCatch => &["fireflies", "catch_size", "wave_seconds", "drift_out"],
        GameId::FrogHop => &["pads", "hop_window"],
        GameId::Statues => &["dance_seconds", "freeze_seconds"],
        GameId::Paint => &["brush"],
    }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ValueKind {
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

/// A field of the level format: what it holds, what it is for, a value to suggest.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldSpec {
    pub name: &'static str,
    pub kind: ValueKind,
    pub about: &'static str,
    pub example: &'static str,
}

/// Every field of the format, with the ranges documented in `schema.rs`. The one place the
/// ranges are written in code.
pub(crate) const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "game",
        kind: ValueKind::Game,
        about: "which mini-game this file is for",
        example: "apple_shake",
    },
    FieldSpec {
        name: "seconds",
        kind: ValueKind::Number(10.0, 600.0),
        about: "how long the game runs, in seconds",
        example: "75",
    },
    FieldSpec {
        name: "difficulty",
        kind: ValueKind::Block,
        about: "the settings of each profile",
        example: "(standing: (), seated: (), bed: ())",
    },
    FieldSpec {
        name: "standing",
        kind: ValueKind::Block,
        about: "the settings for a standing child",
        example: "()",
    },
    FieldSpec {
        name: "seated",
        kind: ValueKind::Block,
        about: "the settings for a seated child",
        example: "()",
    },
    FieldSpec {
        name: "bed",
        kind: ValueKind::Block,
        about: "the settings for a child in bed",
        example: "()",
    },
    FieldSpec {
        name: "apples",
        kind: ValueKind::Whole(1, 30),
        about: "apples on the tree",
        example: "10",
    },
    FieldSpec {
        name: "shake_per_apple",
        kind: ValueKind::Number(0.2, 10.0),
        about: "seconds of full wiggling per apple",
        example: "1.5",
    },
    FieldSpec {
        name: "fireflies",
        kind: ValueKind::Whole(1, 6),
        about: "fireflies waiting at once",
        example: "3",
    },
    FieldSpec {
        name: "catch_size",
        kind: ValueKind::Number(0.05, 0.6),
        about: "size of a firefly's catching area, a fraction of the reach box",
        example: "0.25",
    },
    FieldSpec {
        name: "wave_seconds",
        kind: ValueKind::Number(0.1, 5.0),
        about: "seconds of waving that catch a firefly",
        example: "0.6",
    },
    FieldSpec {
        name: "drift_out",
        kind: ValueKind::Number(0.0, 0.3),
        about: "how far fireflies move outwards after each catch",
        example: "0.05",
    },
    FieldSpec {
        name: "pads",
        kind: ValueKind::Whole(2, 20),
        about: "lily pads to cross",
        example: "6",
    },
    FieldSpec {
        name: "hop_window",
        kind: ValueKind::Number(0.5, 10.0),
        about: "seconds a hop may come after the frog is ready",
        example: "3",
    },
    FieldSpec {
        name: "dance_seconds",
        kind: ValueKind::Pair(1.0, 60.0),
        about: "shortest and longest dancing time, in seconds",
        example: "(4, 9)",
    },
    FieldSpec {
        name: "freeze_seconds",
        kind: ValueKind::Number(1.0, 15.0),
        about: "seconds to hold still when the music stops",
        example: "3",
    },
    FieldSpec {
        name: "brush",
        kind: ValueKind::Number(0.02, 0.4),
        about: "brush size, a fraction of the screen height",
        example: "0.08",
    },
];

pub(crate) fn spec(name: &str) -> &'static FieldSpec {
    lookup(name).unwrap_or_else(|| panic!("{name} is not a level field"))
}

fn lookup(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

fn leaf(path: &str) -> &str {
    ron_diag::path::leaf(path)
}

fn all_files() -> String {
    GameId::ALL.map(|g| g.file_name()).join(", ")
}

fn all_games() -> String {
    GameId::ALL.map(|g| g.name()).join(", ")
}

/// Turns a ron error into a [`LevelError`] with a field path and a message in plain words.
fn from_ron(file: &str, outline: &Outline<'_>, e: &SpannedError) -> LevelError {
    let Fault {
        kind,
        position,
        field,
        message,
    } = ron_diag::explain(outline, e, &LevelSchema);
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

/// What ron's errors need to know of the level format: what each field holds.
struct LevelSchema;

impl Schema for LevelSchema {
    fn expected(&self, path: &str) -> Option<String> {
        lookup(leaf(path)).map(expected_value)
    }

    fn missing(&self, path: &str) -> Option<String> {
        Some(missing_message(leaf(path)))
    }

    fn noun(&self, _path: &str) -> &'static str {
        "game"
    }

    fn whole_range(&self, path: &str) -> Option<String> {
        match lookup(leaf(path))?.kind {
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

fn missing_message(name: &str) -> String {
    match lookup(name) {
        Some(spec) => {
            let range = match spec.kind {
                ValueKind::Whole(min, max) => format!(", {min} to {max}"),
                ValueKind::Number(min, max) | ValueKind::Pair(min, max) => {
                    format!(", {min} to {max}")
                }
                ValueKind::Game => format!(": one of {}", all_games()),
                ValueKind::Block => String::new(),
            };
            format!(
                "is missing: add `{}: {},` ({}{range})",
                spec.name, spec.example, spec.about
            )
        }
        None => "is missing".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            dance_seconds: (4, 9),
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

    #[test]
    fn the_good_text_parses() {
        let level = parse_level(FILE, GOOD).unwrap();
        assert_eq!(level.game, GameId::AppleShake);
        assert_eq!(level.difficulty.bed.apples, 6);
        // Fields left out take their defaults.
        assert_eq!(level.difficulty.bed.brush, 0.08);
    }

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
        let e = only_error(&GOOD.replace("(4, 9)", "(12, 9)"));
        assert_eq!(e.kind, LevelErrorKind::Inconsistent);
        assert_eq!(e.position, at(17, 13));
        assert_eq!(e.field.as_deref(), Some("difficulty.bed.dance_seconds"));
        assert!(e.message.contains("shortest time (12)"), "{e}");

        let e = only_error(&GOOD.replace("(4, 9)", "(0.5, 9)"));
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

        let e = only_error(&GOOD.replace("(4, 9)", "4"));
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
