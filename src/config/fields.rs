//! Every field of the kiosk config: what it holds, what it is for, a value to suggest. The
//! one place the allowed ranges are written in code; the checks and the messages read them.

use crate::ron_diag::{Schema, path};

/// Profile names, as the config writes them (a test keeps them equal to `Profile::ALL`).
pub(super) const PROFILES: &[&str] = &["standing", "seated", "bed"];

/// Game names, as the config writes them: the one list of games.
pub(super) const GAMES: &[&str] = &crate::games::GameId::NAMES;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Value {
    /// A whole number in `min..=max`.
    Whole(u32, u32),
    /// A number in `min..=max`.
    Number(f32, f32),
    /// `true` or `false`.
    Bool,
    /// One of a list of names (`noun` says what they are).
    Name(&'static str, &'static [&'static str]),
    /// Anything else, described in words that follow "must be".
    Other(&'static str),
    /// A block of fields in brackets.
    Block,
}

/// One field: its path (list elements as `[]`), what it holds, what it is for, an example.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    pub path: &'static str,
    pub value: Value,
    pub about: &'static str,
    pub example: &'static str,
}

const fn field(
    path: &'static str,
    value: Value,
    about: &'static str,
    example: &'static str,
) -> Field {
    Field {
        path,
        value,
        about,
        example,
    }
}

/// Most ignored regions (more would leave little to watch).
pub(super) const MAX_IGNORE: usize = 8;
/// Fewest and most keys in the staff chord.
pub(super) const CHORD_KEYS: (usize, usize) = (2, 4);
/// Most characters in a kiosk id (it is part of file names).
pub(super) const MAX_ID: usize = 16;
/// Most characters in a ward name (it must fit on the staff screen).
pub(super) const MAX_WARD: usize = 60;

/// Every field of the config, in file order.
pub(super) const FIELDS: &[Field] = &[
    field(
        "kiosk",
        Value::Block,
        "which kiosk this is",
        "(id: \"kiosk-1\", ward: \"Playroom\")",
    ),
    field(
        "kiosk.id",
        Value::Other(
            "a short code in quotes: 1 to 16 letters, digits, `-` or `_`, like \"kiosk-1\"",
        ),
        "the kiosk's code, part of log file names",
        "\"kiosk-1\"",
    ),
    field(
        "kiosk.ward",
        Value::Other("the ward's name in quotes, 1 to 60 characters, like \"Ward 4 playroom\""),
        "the ward or play area, shown on reports",
        "\"Children's ward playroom\"",
    ),
    field(
        "input",
        Value::Block,
        "where the picture comes from",
        "(source: \"camera\", ...)",
    ),
    field(
        "input.source",
        Value::Other(
            "a picture source in quotes: camera, camera:INDEX, camera:NAME, synthetic, or a clip path",
        ),
        "the camera, a clip or synthetic children",
        "\"camera\"",
    ),
    field(
        "input.width",
        Value::Whole(160, 3840),
        "picture width in pixels",
        "640",
    ),
    field(
        "input.height",
        Value::Whole(120, 2160),
        "picture height in pixels",
        "480",
    ),
    field("input.fps", Value::Whole(5, 60), "frames per second", "30"),
    field(
        "input.mirror",
        Value::Bool,
        "show the picture as a mirror does",
        "true",
    ),
    field(
        "input.ignore",
        Value::Other(
            "a list of regions in square brackets, like [(x: 0.8, y: 0, w: 0.2, h: 0.5)], or [] for none",
        ),
        "parts of the picture never looked at",
        "[]",
    ),
    field(
        "input.ignore[]",
        Value::Other("a region in brackets, like (x: 0.8, y: 0, w: 0.2, h: 0.5)"),
        "a part of the picture never looked at",
        "(x: 0.8, y: 0, w: 0.2, h: 0.5)",
    ),
    field(
        "input.ignore[].x",
        Value::Number(0.0, 1.0),
        "left edge, a fraction of the width",
        "0.8",
    ),
    field(
        "input.ignore[].y",
        Value::Number(0.0, 1.0),
        "top edge, a fraction of the height",
        "0",
    ),
    field(
        "input.ignore[].w",
        Value::Number(0.01, 1.0),
        "width, a fraction of the picture's",
        "0.2",
    ),
    field(
        "input.ignore[].h",
        Value::Number(0.01, 1.0),
        "height, a fraction of the picture's",
        "0.5",
    ),
    field(
        "motion",
        Value::Block,
        "how movement is read",
        "(profile: standing, sensitivity: 1)",
    ),
    field(
        "motion.profile",
        Value::Name("profile", PROFILES),
        "the profile of the attract scene",
        "standing",
    ),
    field(
        "motion.sensitivity",
        Value::Number(0.25, 4.0),
        "how small a movement counts, 1 is normal",
        "1.0",
    ),
    field(
        "session",
        Value::Block,
        "what a new session starts with",
        "(minutes: 5, ...)",
    ),
    field(
        "session.minutes",
        Value::Number(1.0, 60.0),
        "length of a session in minutes",
        "5",
    ),
    field(
        "session.profile",
        Value::Name("profile", PROFILES),
        "the profile a session starts with",
        "standing",
    ),
    field(
        "session.playlist",
        Value::Other("a list of games in square brackets, like [apple_shake, frog_hop]"),
        "the games of a session, in order",
        "[apple_shake, firefly_catch, frog_hop, statues]",
    ),
    field(
        "session.sound_led",
        Value::Bool,
        "whether a new session is played by ear: each child and every target heard as well as seen",
        "false",
    ),
    field(
        "session.playlist[]",
        Value::Name("game", GAMES),
        "a game",
        "apple_shake",
    ),
    field(
        "audio",
        Value::Block,
        "how loud the kiosk may be",
        "(volume: 0.7, ...)",
    ),
    field(
        "audio.volume",
        Value::Number(0.0, 1.0),
        "the usual volume",
        "0.7",
    ),
    field(
        "audio.cap",
        Value::Number(0.0, 1.0),
        "the loudest the kiosk ever plays",
        "0.8",
    ),
    field(
        "audio.quiet_hours",
        Value::Other(
            "quiet hours in brackets, like (start: \"19:00\", end: \"08:00\"), or None for none",
        ),
        "hours when the kiosk plays quietly",
        "(start: \"19:00\", end: \"08:00\")",
    ),
    field(
        "audio.quiet_hours.start",
        Value::Other(super::clock::CLOCK_FORM),
        "when quiet hours begin",
        "\"19:00\"",
    ),
    field(
        "audio.quiet_hours.end",
        Value::Other(super::clock::CLOCK_FORM),
        "when quiet hours end",
        "\"08:00\"",
    ),
    field(
        "audio.quiet_volume",
        Value::Number(0.0, 1.0),
        "the loudest the kiosk plays in quiet hours",
        "0.3",
    ),
    field(
        "display",
        Value::Block,
        "which screen",
        "(fullscreen: true, monitor: 0)",
    ),
    field(
        "display.fullscreen",
        Value::Bool,
        "full screen or a window",
        "true",
    ),
    field(
        "display.monitor",
        Value::Whole(0, 15),
        "which screen, 0 is the main one",
        "0",
    ),
    field(
        "staff",
        Value::Block,
        "how staff open the staff panel",
        "(chord: [...], pin: None)",
    ),
    field(
        "staff.chord",
        Value::Other(
            "a list of 2 to 4 key names in square brackets, like [\"ControlLeft\", \"ShiftLeft\", \"KeyS\"]",
        ),
        "keys held together to open the staff panel",
        "[\"ControlLeft\", \"ShiftLeft\", \"KeyS\"]",
    ),
    field(
        "staff.chord[]",
        Value::Other("a key name in quotes, like \"KeyS\""),
        "a key",
        "\"KeyS\"",
    ),
    field(
        "staff.pin",
        Value::Other("4 to 8 digits in quotes, like \"4821\", or None for no PIN"),
        "the PIN asked for after the chord",
        "None",
    ),
    field(
        "logs",
        Value::Block,
        "where session logs are kept",
        "(folder: \"../logs\", ...)",
    ),
    field(
        "logs.folder",
        Value::Other("a folder path in quotes, like \"../logs\""),
        "the logs folder, from the config's folder",
        "\"../logs\"",
    ),
    field(
        "logs.retention_days",
        Value::Whole(1, 3650),
        "days a session log is kept",
        "90",
    ),
    field(
        "export",
        Value::Block,
        "where exports are written",
        "(folder: \"../exports\")",
    ),
    field(
        "export.folder",
        Value::Other("a folder path in quotes, like \"../exports\""),
        "the export folder, from the config's folder",
        "\"../exports\"",
    ),
];

/// The field at `path` (list indices ignored), if the config has one.
pub(super) fn lookup(path: &str) -> Option<&'static Field> {
    let generic = path::generic(path);
    FIELDS.iter().find(|f| f.path == generic)
}

/// The range of a number field (`None` if the table has none for it: a programming slip
/// that the table tests catch; the checks then skip the field rather than panic).
pub(super) fn number_range(path: &str) -> Option<(f32, f32)> {
    match lookup(path)?.value {
        Value::Number(min, max) => Some((min, max)),
        _ => None,
    }
}

/// The range of a whole-number field.
pub(super) fn whole_range(path: &str) -> Option<(u32, u32)> {
    match lookup(path)?.value {
        Value::Whole(min, max) => Some((min, max)),
        _ => None,
    }
}

/// `a, b or c`.
fn or_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a field must hold, worded to follow "must be".
pub(super) fn expected(field: &Field) -> String {
    match field.value {
        Value::Whole(min, max) => format!("a whole number between {min} and {max}"),
        Value::Number(min, max) => format!("a number between {min} and {max}"),
        Value::Bool => "true or false".to_owned(),
        Value::Name(noun, names) => format!("a {noun}: {}", or_list(names)),
        Value::Other(what) => what.to_owned(),
        Value::Block => format!("a block of settings in brackets, like {}", field.example),
    }
}

/// What ron's errors need to know of the config format.
pub(super) struct ConfigSchema;

impl Schema for ConfigSchema {
    fn expected(&self, path: &str) -> Option<String> {
        lookup(path).map(expected)
    }

    fn missing(&self, path: &str) -> Option<String> {
        let field = lookup(path)?;
        let range = match field.value {
            Value::Whole(min, max) => format!(", {min} to {max}"),
            Value::Number(min, max) => format!(", {min} to {max}"),
            _ => String::new(),
        };
        Some(format!(
            "is missing: add `{}: {},` ({}{range})",
            path::leaf(path),
            field.example,
            field.about
        ))
    }

    fn noun(&self, path: &str) -> &'static str {
        match lookup(path).map(|f| f.value) {
            Some(Value::Name(noun, _)) => noun,
            _ => "name",
        }
    }

    fn whole_range(&self, path: &str) -> Option<String> {
        whole_range(path).map(|(min, max)| format!("between {min} and {max}"))
    }

    fn is_secret(&self, path: &str) -> bool {
        path == "staff.pin"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::games::GameId;
    use crate::motion::Profile;

    #[test]
    fn name_lists_match_the_game_types() {
        assert_eq!(PROFILES, Profile::ALL.map(Profile::name));
        assert_eq!(GAMES, GameId::ALL.map(GameId::name));
    }

    #[test]
    fn paths_are_unique_and_each_parent_is_a_field() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(
                FIELDS[i + 1..].iter().all(|g| g.path != f.path),
                "{} twice",
                f.path
            );
            if let Some(parent) = path::parent(f.path) {
                let parent = parent.strip_suffix("[]").unwrap_or(parent);
                assert!(lookup(parent).is_some(), "{}: no {parent}", f.path);
            }
        }
    }

    #[test]
    fn messages_read_well() {
        let schema = ConfigSchema;
        // Every game, from the one list, in its order.
        let (last, others) = GameId::NAMES.split_last().unwrap();
        assert_eq!(
            schema.expected("session.playlist[3]"),
            Some(format!("a game: {} or {last}", others.join(", ")))
        );
        assert!(GameId::NAMES.starts_with(&["apple_shake", "firefly_catch", "frog_hop"]));
        assert_eq!(schema.noun("session.playlist[3]"), "game");
        assert_eq!(schema.noun("motion.profile"), "profile");
        assert_eq!(
            schema.missing("logs.retention_days").as_deref(),
            Some("is missing: add `retention_days: 90,` (days a session log is kept, 1 to 3650)")
        );
        assert_eq!(number_range("input.ignore[2].w"), Some((0.01, 1.0)));
        assert_eq!(whole_range("display.monitor"), Some((0, 15)));
        assert!(schema.is_secret("staff.pin"));
    }
}
