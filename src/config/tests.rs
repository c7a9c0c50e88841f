//! The shipped config, and each kind of mistake with its message, line, column and field.

use std::path::{Path, PathBuf};

use super::*;
use crate::camera::SourceSpec;
use crate::games::GameId;
use crate::motion::Profile;
use crate::ron_diag::{Outline, Position, path};

const FILE: &str = "kiosk-config/kiosk.ron";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("kiosk-config")
}

fn shipped() -> String {
    std::fs::read_to_string(dir().join("kiosk.ron")).expect("the shipped config exists")
}

/// The shipped text with `from` (which must occur exactly once) replaced by `to`.
fn edited(from: &str, to: &str) -> String {
    let text = shipped();
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

fn parse(text: &str) -> Result<KioskConfig, ConfigErrors> {
    KioskConfig::parse(FILE, text, &dir())
}

fn errors_of(text: &str) -> ConfigErrors {
    match parse(text) {
        Ok(config) => panic!("the text should have a mistake, got {config:?}"),
        Err(errors) => errors,
    }
}

fn only_error(text: &str) -> ConfigError {
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors}");
    errors.first().clone()
}

/// Where `needle` (which must occur once) starts in `text`, plus `skip` characters.
fn at(text: &str, needle: &str, skip: usize) -> Option<Position> {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur once"
    );
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    Some(Position {
        line: 1 + before.matches('\n').count(),
        column: 1 + before.rsplit('\n').next().unwrap().chars().count() + skip,
    })
}

#[test]
fn the_shipped_config_is_valid_and_is_the_default() {
    let config = parse(&shipped()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config, KioskConfig::default());
    assert_eq!(config.input.source, SourceSpec::default());
    assert_eq!(config.session.profile, Profile::Standing);
    assert_eq!(config.session.playlist[0], GameId::AppleShake);

    // Loaded from its file, the relative folders are made absolute from the config's folder.
    let loaded = KioskConfig::load(dir().join("kiosk.ron")).unwrap_or_else(|e| panic!("{e}"));
    let root = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
    assert_eq!(loaded.logs.folder, root.join("logs"));
    assert_eq!(loaded.export.folder, root.join("exports"));
    assert_eq!(loaded, KioskConfig::default().resolved(&dir()));
}

#[test]
fn every_field_is_written_known_and_commented() {
    let text = shipped();
    let lines: Vec<&str> = text.lines().collect();
    let outline = Outline::new(&text);
    for key in outline.keys() {
        // List elements are values, not fields: no comment needed for each game.
        if key.path.ends_with(']') {
            continue;
        }
        assert!(
            fields::lookup(&key.path).is_some(),
            "{}: not in the field table",
            key.path
        );
        let line = key.position.line;
        let above = lines[line - 2].trim_start();
        // A field on the same line as its block's opening (quiet_hours' start and end) is
        // explained by the block's comment.
        let inline = !lines[line - 1]
            .trim_start()
            .starts_with(path::leaf(&key.path));
        assert!(
            inline || above.starts_with("//"),
            "line {line}: {} has no comment above it",
            key.path
        );
    }
    for field in fields::FIELDS {
        if !field.path.contains("[]") {
            assert!(
                outline.key(field.path).is_some(),
                "{} is not written",
                field.path
            );
        }
    }
}

#[test]
fn a_syntax_error_names_the_line_after_the_missing_comma() {
    let text = edited("fps: 30,", "fps: 30");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Syntax);
    assert_eq!(e.position, at(&text, "mirror: true", 0));
    assert_eq!(e.field.as_deref(), Some("input.fps"));
    assert!(
        e.to_string()
            .ends_with(": input.fps: expected a comma `,` after the value of `fps`"),
        "{e}"
    );

    let e = only_error(shipped().trim_end().trim_end_matches(')'));
    assert_eq!(e.kind, ConfigErrorKind::Syntax);
    assert!(e.message.contains("closing bracket"), "{e}");
}

#[test]
fn an_unknown_field_suggests_the_nearest_name() {
    let text = edited("retention_days: 90", "retension_days: 90");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::UnknownField);
    assert_eq!(e.position, at(&text, "retension_days", 0));
    assert_eq!(e.field.as_deref(), Some("logs.retension_days"));
    let Position { line, column } = e.position.unwrap();
    assert_eq!(
        e.to_string(),
        format!(
            "kiosk-config/kiosk.ron:{line}:{column}: logs.retension_days: unknown field \
             `retension_days`; did you mean `retention_days`?"
        )
    );

    // Nothing close: the fields of that block are listed.
    let text = edited("fullscreen: true,", "fullscreen: true,\n        colour: 3,");
    let e = only_error(&text);
    assert_eq!(e.field.as_deref(), Some("display.colour"));
    assert_eq!(
        e.message,
        "unknown field `colour`; the fields here are: fullscreen, monitor"
    );
}

#[test]
fn a_wrong_type_says_what_the_field_holds() {
    let text = edited("volume: 0.7,", "volume: \"loud\",");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::WrongType);
    assert_eq!(e.position, at(&text, "\"loud\"", 0));
    assert_eq!(e.field.as_deref(), Some("audio.volume"));
    assert_eq!(
        e.message,
        "must be a number between 0 and 1, found `\"loud\"`"
    );

    let text = edited("fps: 30,", "fps: 29.97,");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::WrongType);
    assert_eq!(e.position, at(&text, "29.97", 0));
    assert_eq!(
        e.message,
        "must be a whole number between 5 and 60, found `29.97`"
    );

    let e = only_error(&edited("mirror: true,", "mirror: yes,"));
    assert_eq!(e.field.as_deref(), Some("input.mirror"));
    assert_eq!(e.message, "must be true or false, found `yes`");

    let e = only_error(&edited("monitor: 0,", "monitor: -1,"));
    assert_eq!(e.kind, ConfigErrorKind::OutOfRange);
    assert_eq!(e.message, "must be between 0 and 15, found -1");
}

#[test]
fn values_out_of_range_are_all_reported_in_file_order() {
    let text = shipped()
        .replacen("minutes: 5,", "minutes: 0,", 1)
        .replacen("volume: 0.7,", "volume: 1.5,", 1)
        .replacen("cap: 0.8,", "cap: 1.2,", 1);
    let errors = errors_of(&text);
    let found: Vec<_> = errors
        .iter()
        .map(|e| {
            (
                e.kind,
                e.field.clone().unwrap(),
                e.position,
                e.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                ConfigErrorKind::OutOfRange,
                "session.minutes".to_owned(),
                at(&text, "minutes: 0", 0),
                "must be between 1 and 60, found 0".to_owned()
            ),
            (
                ConfigErrorKind::OutOfRange,
                "audio.volume".to_owned(),
                at(&text, "volume: 1.5", 0),
                "must be between 0 and 1, found 1.5".to_owned()
            ),
            (
                ConfigErrorKind::OutOfRange,
                "audio.cap".to_owned(),
                at(&text, "cap: 1.2", 0),
                "must be between 0 and 1, found 1.2".to_owned()
            ),
        ]
    );
    let Position { line, column } = at(&text, "cap: 1.2", 0).unwrap();
    assert_eq!(column, 9);
    assert_eq!(
        errors.to_string().lines().last().unwrap(),
        format!("kiosk-config/kiosk.ron:{line}:9: audio.cap: must be between 0 and 1, found 1.2")
    );
}

#[test]
fn a_volume_above_the_cap_is_allowed_and_played_at_the_cap() {
    let config = parse(&edited("volume: 0.7,", "volume: 0.95,")).unwrap();
    assert_eq!(config.audio.volume, 0.95);
    assert_eq!(config.audio.volume_at(12 * 60), 0.8);
    assert_eq!(config.audio.volume_at(22 * 60), 0.3);
}

#[test]
fn a_bad_game_name_suggests_the_nearest_game() {
    let text = edited("frog_hop, statues]", "frog_hopp, statues]");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::UnknownName);
    assert_eq!(e.position, at(&text, "frog_hopp", 0));
    assert_eq!(e.field.as_deref(), Some("session.playlist[2]"));
    assert_eq!(
        e.message,
        "unknown game `frog_hopp`; did you mean `frog_hop`?"
    );

    let e = only_error(&edited(
        "profile: standing,\n        // How small",
        "profile: lying,\n        // How small",
    ));
    assert_eq!(e.field.as_deref(), Some("motion.profile"));
    assert_eq!(
        e.message,
        "unknown profile `lying`; the profiles are: standing, seated, bed"
    );
}

#[test]
fn a_game_twice_and_an_empty_playlist() {
    let text = edited(
        "[apple_shake, firefly_catch, frog_hop, statues]",
        "[apple_shake, frog_hop, statues, frog_hop]",
    );
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Duplicate);
    assert_eq!(e.field.as_deref(), Some("session.playlist[3]"));
    assert_eq!(e.position, at(&text, "frog_hop]", 0));
    assert_eq!(
        e.message,
        "frog_hop is already in the playlist (game 2 of the list): each game is played once a \
         session"
    );

    let text = edited("[apple_shake, firefly_catch, frog_hop, statues]", "[]");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
    assert_eq!(e.field.as_deref(), Some("session.playlist"));
    assert_eq!(e.position, at(&text, "playlist: []", 0));
}

#[test]
fn a_bad_key_name_in_the_chord() {
    let text = edited(
        "[\"ControlLeft\", \"ShiftLeft\", \"KeyS\"]",
        "[\"Ctrl\", \"ShiftLeft\", \"Banana\"]",
    );
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 2, "{errors}");
    let first = errors.first();
    assert_eq!(first.kind, ConfigErrorKind::UnknownName);
    assert_eq!(first.field.as_deref(), Some("staff.chord[0]"));
    assert_eq!(first.position, at(&text, "\"Ctrl\"", 0));
    assert_eq!(
        first.message,
        "unknown key \"Ctrl\"; did you mean \"ControlLeft\"?"
    );
    let second = errors.iter().nth(1).unwrap();
    assert_eq!(second.field.as_deref(), Some("staff.chord[2]"));
    assert!(
        second
            .message
            .starts_with("unknown key \"Banana\": keys are named as on a US keyboard"),
        "{second}"
    );

    let e = only_error(&edited("\"ShiftLeft\", \"KeyS\"]", "\"KeyS\", \"KeyS\"]"));
    assert_eq!(e.kind, ConfigErrorKind::Duplicate);
    assert_eq!(e.field.as_deref(), Some("staff.chord[2]"));

    let e = only_error(&edited(
        "\"ControlLeft\", \"ShiftLeft\", \"KeyS\"",
        "\"F12\"",
    ));
    assert_eq!(e.kind, ConfigErrorKind::OutOfRange);
    assert_eq!(e.field.as_deref(), Some("staff.chord"));
    assert!(e.message.starts_with("must have 2 to 4 keys"), "{e}");
}

#[test]
fn a_pin_with_letters_is_reported_without_showing_it() {
    let text = edited("pin: None,", "pin: \"48a1\",");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
    assert_eq!(e.field.as_deref(), Some("staff.pin"));
    assert_eq!(e.position, at(&text, "pin: \"48a1\"", 0));
    assert_eq!(
        e.message,
        "must be 4 to 8 digits (0 to 9, nothing else): this one has 4 characters, not all of them digits"
    );
    assert!(!e.to_string().contains("48a1"));

    // Without quotes: a wrong type, still without the digits.
    let e = only_error(&edited("pin: None,", "pin: 7395,"));
    assert_eq!(e.kind, ConfigErrorKind::WrongType);
    assert!(!e.to_string().contains("7395"), "{e}");

    // With or without `Some(...)`, a good PIN is read.
    for written in ["pin: \"04821\",", "pin: Some(\"04821\"),"] {
        let config = parse(&edited("pin: None,", written)).unwrap();
        assert!(config.staff.pin.unwrap().matches("04821"), "{written}");
    }
    // Leaving the PIN out means no PIN.
    assert_eq!(parse(&edited("pin: None,", "")).unwrap().staff.pin, None);
}

#[test]
fn a_missing_clip_is_reported_and_an_existing_one_is_resolved() {
    let text = edited("source: \"camera\",", "source: \"clips/nowhere.y4m\",");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::NotFound);
    assert_eq!(e.field.as_deref(), Some("input.source"));
    assert_eq!(e.position, at(&text, "source: \"clips", 0));
    assert!(
        e.message
            .starts_with("the clip clips/nowhere.y4m is not there (looked for "),
        "{e}"
    );

    // A clip beside the config (here the config itself stands in for one): found, and made
    // absolute when loaded.
    let temp = TempConfig::new(
        "clip",
        &edited("source: \"camera\",", "source: \"kiosk.ron\","),
    );
    let config = KioskConfig::load(temp.file()).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::fs::canonicalize(temp.dir()).unwrap();
    assert_eq!(config.input.source, SourceSpec::Clip(dir.join("kiosk.ron")));

    // A source that is no source at all.
    let e = only_error(&edited("source: \"camera\",", "source: \"camera:\","));
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
    assert_eq!(e.field.as_deref(), Some("input.source"));
    assert!(e.message.contains("needs an index"), "{e}");
}

#[test]
fn folders_whose_parent_is_missing() {
    let text = edited("folder: \"../logs\",", "folder: \"../no-such-place/logs\",");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::NotFound);
    assert_eq!(e.field.as_deref(), Some("logs.folder"));
    assert_eq!(e.position, at(&text, "folder: \"../no", 0));
    assert!(e.message.contains("no-such-place is not there"), "{e}");

    let e = only_error(&edited("folder: \"../exports\",", "folder: \"kiosk.ron\","));
    assert_eq!(e.field.as_deref(), Some("export.folder"));
    assert!(e.message.contains("is a file, not a folder"), "{e}");

    let e = only_error(&edited("folder: \"../exports\",", "folder: \"\","));
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
}

#[test]
fn malformed_quiet_hours() {
    let text = edited("start: \"19:00\"", "start: \"7pm\"");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
    assert_eq!(e.field.as_deref(), Some("audio.quiet_hours.start"));
    assert_eq!(e.position, at(&text, "\"7pm\"", 0));
    assert_eq!(
        e.message,
        "must be a time of day in quotes as \"HH:MM\" on the 24-hour clock, \"00:00\" to \
         \"23:59\", found \"7pm\""
    );

    let text = edited("end: \"08:00\"", "end: \"19:00\"");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Inconsistent);
    assert_eq!(e.field.as_deref(), Some("audio.quiet_hours"));
    assert_eq!(e.position, at(&text, "quiet_hours: (", 0));

    let e = only_error(&edited("end: \"08:00\"", "finish: \"08:00\""));
    assert_eq!(e.field.as_deref(), Some("audio.quiet_hours.finish"));
    assert_eq!(
        e.message,
        "unknown field `finish`; the fields here are: start, end"
    );

    let e = only_error(&edited(
        "(start: \"19:00\", end: \"08:00\")",
        "\"19:00-08:00\"",
    ));
    assert_eq!(e.kind, ConfigErrorKind::WrongType);
    assert!(
        e.message.starts_with("must be quiet hours in brackets"),
        "{e}"
    );

    // None, or left out: no quiet hours.
    for written in ["None", "Some((start: \"22:00\", end: \"06:30\"))"] {
        let text = edited("(start: \"19:00\", end: \"08:00\")", written);
        parse(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
    }
}

#[test]
fn a_missing_or_repeated_field() {
    let text = edited("        fps: 30,\n", "");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::MissingField);
    assert_eq!(e.field.as_deref(), Some("input.fps"));
    assert_eq!(
        e.message,
        "is missing: add `fps: 30,` (frames per second, 5 to 60)"
    );

    let e = only_error(&edited("fps: 30,", "fps: 30,\n        fps: 25,"));
    assert_eq!(e.kind, ConfigErrorKind::DuplicateField);
    assert_eq!(e.field.as_deref(), Some("input.fps"));
}

#[test]
fn ignored_regions_stay_inside_the_picture() {
    let text = edited(
        "ignore: [],",
        "ignore: [(x: 0.7, y: 0, w: 0.3, h: 0.5), (x: 0.9, y: 0.1, w: 0.2, h: 1.5)],",
    );
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors}");
    let e = errors.first();
    assert_eq!(e.field.as_deref(), Some("input.ignore[1].h"));
    assert_eq!(e.position, at(&text, "h: 1.5", 0));

    let text = edited("ignore: [],", "ignore: [(x: 0.9, y: 0.1, w: 0.2, h: 0.5)],");
    let e = only_error(&text);
    assert_eq!(e.kind, ConfigErrorKind::Inconsistent);
    assert_eq!(e.field.as_deref(), Some("input.ignore[0]"));
    assert!(e.message.starts_with("reaches past the right edge"), "{e}");

    let config = parse(&edited(
        "ignore: [],",
        "ignore: [(x: 0.8, y: 0, w: 0.2, h: 0.5)],",
    ))
    .unwrap();
    let zones = config.motion_config().ignore;
    assert_eq!(zones.len(), 1);
    assert_eq!(zones[0].x, 0.8);
}

#[test]
fn a_bad_kiosk_id_and_ward() {
    let e = only_error(&edited("id: \"kiosk-1\",", "id: \"Ward 4 kiosk\","));
    assert_eq!(e.kind, ConfigErrorKind::Invalid);
    assert_eq!(e.field.as_deref(), Some("kiosk.id"));
    assert!(e.message.ends_with("found \"Ward 4 kiosk\""), "{e}");
    let e = only_error(&edited(
        "ward: \"Children's ward playroom\",",
        "ward: \"  \",",
    ));
    assert_eq!(e.field.as_deref(), Some("kiosk.ward"));
}

#[test]
fn a_missing_unreadable_or_folder_config_file() {
    let errors = KioskConfig::load("/no/such/kiosk-config/kiosk.ron").unwrap_err();
    let e = errors.first();
    assert_eq!(e.kind, ConfigErrorKind::NotFound);
    assert_eq!(
        e.to_string(),
        "kiosk-config/kiosk.ron: is missing (looked for /no/such/kiosk-config/kiosk.ron)"
    );

    let temp = TempConfig::new("bytes", "");
    let mut bytes = shipped().into_bytes();
    bytes.splice(0..0, *b"(\xff");
    std::fs::write(temp.file(), bytes).unwrap();
    let e = KioskConfig::load(temp.file()).unwrap_err().first().clone();
    assert_eq!(e.kind, ConfigErrorKind::Unreadable);
    assert_eq!(e.position, Some(Position { line: 1, column: 2 }));

    let e = KioskConfig::load(temp.dir()).unwrap_err().first().clone();
    assert_eq!(e.kind, ConfigErrorKind::Unreadable);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(parse(&format!("\u{feff}{}", shipped())).is_ok());
}

#[test]
fn the_default_path_is_the_crates_file() {
    let found = default_path();
    assert!(found.is_file(), "{}", found.display());
    assert!(found.ends_with("kiosk-config/kiosk.ron"));
    assert_eq!(display_name(&found), "kiosk-config/kiosk.ron");
    assert_eq!(display_name(Path::new("/tmp/my.ron")), "/tmp/my.ron");
}

#[test]
fn every_cut_and_every_single_edit_of_the_shipped_file_is_explained_without_panicking() {
    let text = shipped();
    let lines = text.lines().count();
    let mut cuts = 0;
    for (offset, _) in text.char_indices().step_by(7) {
        let errors = match parse(&text[..offset]) {
            Ok(_) => continue,
            Err(errors) => errors,
        };
        for e in errors.iter() {
            assert!(!e.message.is_empty());
            let p = e.position.expect("every mistake in text has a position");
            assert!(p.line <= lines + 1, "{e}");
        }
        cuts += 1;
    }
    assert!(cuts > 100);
    // Each punctuation mark removed in turn.
    for (offset, c) in text.char_indices().filter(|(_, c)| "(),:[]\"".contains(*c)) {
        let mut broken = text.clone();
        broken.remove(offset);
        if let Err(errors) = parse(&broken) {
            assert!(
                errors.first().position.is_some(),
                "removing {c:?} at {offset}"
            );
        }
    }
}

/// A temporary folder holding a config file, removed on drop.
struct TempConfig(PathBuf);

impl TempConfig {
    fn new(name: &str, text: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-config-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("kiosk.ron"), text).unwrap();
        TempConfig(dir)
    }

    fn dir(&self) -> &Path {
        &self.0
    }

    fn file(&self) -> PathBuf {
        self.0.join("kiosk.ron")
    }
}

impl Drop for TempConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
