//! The checks ron cannot make: ranges, names, repeats, values that disagree, and files that
//! must exist. Each finding names its field path; `load.rs` gives it a line.

use std::path::Path;

use super::errors::ConfigErrorKind;
use super::fields::{self, CHORD_KEYS, MAX_ID, MAX_IGNORE, MAX_WARD};
use super::keys::{is_key_name, suggest_key};
use super::load::resolve;
use super::pin::{PIN_MAX_DIGITS, PIN_MIN_DIGITS};
use super::schema::{KioskConfig, Region};
use crate::camera::SourceSpec;
use crate::ron_diag::path;

/// One mistake in a parsed config, before it is given a position in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// Field path, e.g. `audio.cap` or `session.playlist[2]`.
    pub path: String,
    /// What kind of mistake.
    pub kind: ConfigErrorKind,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// Collects problems; one method per kind of rule.
struct Checker<'a> {
    base_dir: &'a Path,
    out: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, path: &str, kind: ConfigErrorKind, message: impl Into<String>) {
        self.out.push(Problem {
            path: path.to_owned(),
            kind,
            message: message.into(),
        });
    }

    fn number(&mut self, path: &str, v: f32) {
        if let Some((min, max)) = fields::number_range(path)
            && !(min..=max).contains(&v)
        {
            self.push(
                path,
                ConfigErrorKind::OutOfRange,
                format!("must be between {min} and {max}, found {v}"),
            );
        }
    }

    fn whole(&mut self, path: &str, v: u32) {
        if let Some((min, max)) = fields::whole_range(path)
            && !(min..=max).contains(&v)
        {
            self.push(
                path,
                ConfigErrorKind::OutOfRange,
                format!("must be between {min} and {max}, found {v}"),
            );
        }
    }

    /// A text field must match its description (kept in the field table).
    fn invalid_text(&mut self, path: &str, found: &str) {
        let what = fields::lookup(path).map_or_else(String::new, fields::expected);
        self.push(
            path,
            ConfigErrorKind::Invalid,
            format!("must be {what}, found \"{found}\""),
        );
    }

    fn kiosk(&mut self, c: &KioskConfig) {
        let id = &c.kiosk.id;
        let id_ok = (1..=MAX_ID).contains(&id.chars().count())
            && id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
        if !id_ok {
            self.invalid_text("kiosk.id", id);
        }
        let ward = c.kiosk.ward.trim();
        if ward.is_empty() || ward.chars().count() > MAX_WARD || ward.chars().any(char::is_control)
        {
            self.invalid_text("kiosk.ward", &c.kiosk.ward);
        }
    }

    fn input(&mut self, c: &KioskConfig) {
        let input = &c.input;
        if let SourceSpec::Clip(clip) = &input.source {
            let resolved = resolve(self.base_dir, clip);
            if !resolved.exists() {
                self.push(
                    "input.source",
                    ConfigErrorKind::NotFound,
                    format!(
                        "the clip {} is not there (looked for {}); a clip is a .y4m file or a \
                         folder of .pgm images, and a relative path starts from the config's \
                         folder",
                        clip.display(),
                        resolved.display()
                    ),
                );
            }
        }
        self.whole("input.width", input.width);
        self.whole("input.height", input.height);
        self.whole("input.fps", input.fps);
        if input.ignore.len() > MAX_IGNORE {
            self.push(
                "input.ignore",
                ConfigErrorKind::OutOfRange,
                format!(
                    "must have at most {MAX_IGNORE} regions, found {}",
                    input.ignore.len()
                ),
            );
        }
        for (i, region) in input.ignore.iter().enumerate() {
            self.region(&path::element("input.ignore", i), region);
        }
    }

    fn region(&mut self, at: &str, r: &Region) {
        let before = self.out.len();
        for (name, v) in [("x", r.x), ("y", r.y), ("w", r.w), ("h", r.h)] {
            self.number(&path::join(at, name), v);
        }
        if self.out.len() > before {
            return;
        }
        // A little slack for decimals such as 0.7 + 0.3 that do not add up exactly.
        const SLACK: f32 = 1e-4;
        for (start, size, edge, sum) in [
            ("x", "w", "right", r.x + r.w),
            ("y", "h", "bottom", r.y + r.h),
        ] {
            if sum > 1.0 + SLACK {
                self.push(
                    at,
                    ConfigErrorKind::Inconsistent,
                    format!(
                        "reaches past the {edge} edge of the picture: {start} + {size} must be at \
                         most 1, found {sum}"
                    ),
                );
            }
        }
    }

    fn session(&mut self, c: &KioskConfig) {
        self.number("motion.sensitivity", c.motion.sensitivity);
        self.number("session.minutes", c.session.minutes);
        let playlist = &c.session.playlist;
        if playlist.is_empty() {
            self.push(
                "session.playlist",
                ConfigErrorKind::Invalid,
                "must list at least one game, like [apple_shake, frog_hop]",
            );
        }
        for (i, game) in playlist.iter().enumerate() {
            if let Some(first) = playlist[..i].iter().position(|g| g == game) {
                self.push(
                    &path::element("session.playlist", i),
                    ConfigErrorKind::Duplicate,
                    format!(
                        "{} is already in the playlist (game {} of the list): each game is \
                         played once a session",
                        game.name(),
                        first + 1
                    ),
                );
            }
        }
    }

    fn audio(&mut self, c: &KioskConfig) {
        let audio = &c.audio;
        self.number("audio.volume", audio.volume);
        self.number("audio.cap", audio.cap);
        if let Some(quiet) = audio.quiet_hours
            && quiet.start == quiet.end
        {
            self.push(
                "audio.quiet_hours",
                ConfigErrorKind::Inconsistent,
                format!(
                    "start and end are both {}: give the time quiet hours end (they may run \
                     past midnight, like 19:00 to 08:00), or write None for no quiet hours",
                    quiet.start
                ),
            );
        }
        self.number("audio.quiet_volume", audio.quiet_volume);
        self.whole("display.monitor", c.display.monitor);
    }

    fn staff(&mut self, c: &KioskConfig) {
        let chord = &c.staff.chord;
        let (fewest, most) = CHORD_KEYS;
        if !(fewest..=most).contains(&chord.len()) {
            self.push(
                "staff.chord",
                ConfigErrorKind::OutOfRange,
                format!(
                    "must have {fewest} to {most} keys (held together, so that children do not \
                     open the staff panel by chance), found {}",
                    chord.len()
                ),
            );
        }
        for (i, key) in chord.iter().enumerate() {
            let at = path::element("staff.chord", i);
            if !is_key_name(key) {
                let message = match suggest_key(key) {
                    Some(best) => format!("unknown key \"{key}\"; did you mean \"{best}\"?"),
                    None => format!(
                        "unknown key \"{key}\": keys are named as on a US keyboard, like \
                         \"ControlLeft\", \"ShiftLeft\", \"KeyS\", \"Digit1\", \"F12\" (the \
                         comment above `chord` lists them)"
                    ),
                };
                self.push(&at, ConfigErrorKind::UnknownName, message);
            } else if chord[..i].contains(key) {
                self.push(
                    &at,
                    ConfigErrorKind::Duplicate,
                    format!("\"{key}\" is already in the chord: give each key once"),
                );
            }
        }
        if let Some(pin) = &c.staff.pin
            && !pin.is_well_formed()
        {
            // Never the PIN itself: messages reach the staff error screen.
            let what = if pin.is_empty() {
                "it is empty (write None for no PIN)".to_owned()
            } else {
                format!(
                    "this one has {} characters{}",
                    pin.len(),
                    if pin.is_all_digits() {
                        ""
                    } else {
                        ", not all of them digits"
                    }
                )
            };
            self.push(
                "staff.pin",
                ConfigErrorKind::Invalid,
                format!(
                    "must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0 to 9, nothing else): \
                     {what}"
                ),
            );
        }
    }

    fn folder(&mut self, path: &str, folder: &Path) {
        if folder.as_os_str().is_empty() {
            self.invalid_text(path, "");
            return;
        }
        let resolved = resolve(self.base_dir, folder);
        if resolved.exists() {
            if !resolved.is_dir() {
                self.push(
                    path,
                    ConfigErrorKind::NotFound,
                    format!(
                        "{} is a file, not a folder (looked at {})",
                        folder.display(),
                        resolved.display()
                    ),
                );
            }
            return;
        }
        let parent = resolved.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(parent) = parent
            && !parent.is_dir()
        {
            self.push(
                path,
                ConfigErrorKind::NotFound,
                format!(
                    "the folder {} is not there, so {} cannot be made in it: the kiosk makes \
                     this folder itself, but the one above it must exist (a relative path \
                     starts from the config's folder)",
                    parent.display(),
                    folder.display()
                ),
            );
        }
    }
}

/// Checks a parsed config against the documented ranges, for repeats and consistency, and
/// for the files it names. Relative paths are taken from `base_dir`, the config's folder.
pub(super) fn check(c: &KioskConfig, base_dir: &Path) -> Vec<Problem> {
    let mut checker = Checker {
        base_dir,
        out: Vec::new(),
    };
    checker.kiosk(c);
    checker.input(c);
    checker.session(c);
    checker.audio(c);
    checker.staff(c);
    checker.folder("logs.folder", &c.logs.folder);
    checker.whole("logs.retention_days", c.logs.retention_days);
    checker.folder("export.folder", &c.export.folder);
    checker.out
}
