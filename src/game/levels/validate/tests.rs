//! The level checks on one game's text with known mistakes: where each is, what it says.

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
