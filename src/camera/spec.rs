//! Which picture source to use, written as one short string that staff and config files share.
//!
//! `camera`, `camera:1`, `camera:logitech`, `synthetic`, `synthetic:players=2,seed=7`, or the
//! path of a clip. The same text parses, prints and (de)serialises, so the kiosk config, the
//! command line and the staff screen all speak one language.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The forms a source may take, quoted in every parse error so that the fix is in the message.
pub const SOURCE_FORMS: &str = "camera, camera:INDEX, camera:NAME, synthetic, \
     synthetic:players=N,seed=S (players 0 to 3), or the path of a .y4m clip or a folder of .pgm images";

/// Most children the synthetic source can draw (the motion core follows up to 3).
pub const MAX_SYNTHETIC_PLAYERS: usize = 3;

/// Which camera to open when there may be several.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum CameraSelector {
    /// The first camera the system lists that opens: right for a kiosk with one webcam.
    #[default]
    First,
    /// The camera with this index, as `cameras` lists it (on Linux, N of `/dev/videoN`).
    Index(u32),
    /// The first camera whose name contains this text, ignoring case: survives the system
    /// renumbering cameras after a replug, which an index does not.
    Name(String),
}

/// Where frames come from: a live camera, a recorded clip, or synthetic children.
///
/// # Examples
/// ```
/// use wigglewoods::camera::{CameraSelector, SourceSpec};
/// let spec: SourceSpec = "camera:2".parse().unwrap();
/// assert_eq!(spec, SourceSpec::Camera(CameraSelector::Index(2)));
/// assert_eq!(spec.to_string(), "camera:2");
/// let spec: SourceSpec = "synthetic:players=2".parse().unwrap();
/// assert_eq!(spec, SourceSpec::Synthetic { players: 2, seed: 1, outage: None });
/// assert!("synthetic:players=9".parse::<SourceSpec>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SourceSpec {
    /// A webcam, through the system's camera interface.
    Camera(CameraSelector),
    /// A recorded clip (a `.y4m` file or a folder of `.pgm` images), looped at its own rate:
    /// for trying the game and tuning without children or a camera.
    Clip(PathBuf),
    /// Drawn children with a known script: for demos and tests on machines without a camera.
    Synthetic {
        /// Number of children, 0 to 3.
        players: usize,
        /// Seed of everything random in the drawing, so that a demo is repeatable.
        seed: u64,
        /// A planned loss of the picture, to try what a ward sees when a camera is unplugged.
        outage: Option<PlannedOutage>,
    },
}

/// A planned loss of the picture: `after_s` seconds after the program started the source, for
/// `for_s` seconds (`synthetic:outage=20+6`). Why: the kiosk's answer to a lost camera (the
/// resting forest, the staff banner, the retry, the log entry) can be shown and tested end
/// to end without unplugging anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlannedOutage {
    /// Seconds of picture before it is lost.
    pub after_s: u32,
    /// Seconds without a picture.
    pub for_s: u32,
}

impl Default for SourceSpec {
    /// The kiosk's normal case: the first camera.
    fn default() -> Self {
        SourceSpec::Camera(CameraSelector::First)
    }
}

impl SourceSpec {
    /// How staff would name this source in a sentence ("the camera named “logitech”"), used in
    /// every message about it.
    pub fn describe(&self) -> String {
        match self {
            SourceSpec::Camera(CameraSelector::First) => "the camera".to_owned(),
            SourceSpec::Camera(CameraSelector::Index(i)) => format!("camera {i}"),
            SourceSpec::Camera(CameraSelector::Name(n)) => format!("the camera named “{n}”"),
            SourceSpec::Clip(p) => format!("the clip {}", p.display()),
            SourceSpec::Synthetic { .. } => "the synthetic players".to_owned(),
        }
    }
}

/// A source text that could not be understood; the message says what is wrong and what is
/// allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad source {text:?}: {problem} (allowed: {SOURCE_FORMS})")]
pub struct SpecError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub problem: String,
}

impl SpecError {
    fn new(text: &str, problem: impl Into<String>) -> Self {
        Self {
            text: text.to_owned(),
            problem: problem.into(),
        }
    }
}

/// Splits `text` into the keyword and what follows its colon, if the keyword matches
/// (ignoring case, as people type `Camera`).
fn keyword<'a>(text: &'a str, word: &str) -> Option<Option<&'a str>> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    match &text[word.len()..] {
        "" => Some(None),
        rest => rest.strip_prefix(':').map(Some),
    }
}

fn parse_synthetic(text: &str, args: &str) -> Result<SourceSpec, SpecError> {
    let (mut players, mut seed, mut outage) = (None, None, None);
    for part in args.split(',') {
        let part = part.trim();
        let Some((key, value)) = part.split_once('=') else {
            return Err(SpecError::new(
                text,
                format!("expected key=value, found {part:?} (keys: players, seed, outage)"),
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "players" => {
                if players.is_some() {
                    return Err(SpecError::new(text, "players is given twice"));
                }
                let n: usize = value.parse().map_err(|_| {
                    SpecError::new(text, format!("players must be a number, found {value:?}"))
                })?;
                if n > MAX_SYNTHETIC_PLAYERS {
                    return Err(SpecError::new(
                        text,
                        format!("players must be 0 to {MAX_SYNTHETIC_PLAYERS}, found {n}"),
                    ));
                }
                players = Some(n);
            }
            "seed" => {
                if seed.is_some() {
                    return Err(SpecError::new(text, "seed is given twice"));
                }
                seed = Some(value.parse::<u64>().map_err(|_| {
                    SpecError::new(
                        text,
                        format!("seed must be a whole number from 0, found {value:?}"),
                    )
                })?);
            }
            "outage" => {
                if outage.is_some() {
                    return Err(SpecError::new(text, "outage is given twice"));
                }
                let bad = || {
                    SpecError::new(
                        text,
                        format!(
                            "outage must be AFTER+FOR in whole seconds, like outage=20+6, \
                             found {value:?}"
                        ),
                    )
                };
                let (after, length) = value.split_once('+').ok_or_else(bad)?;
                let after_s = after.trim().parse::<u32>().map_err(|_| bad())?;
                let for_s = length.trim().parse::<u32>().map_err(|_| bad())?;
                if for_s == 0 {
                    return Err(bad());
                }
                outage = Some(PlannedOutage { after_s, for_s });
            }
            other => {
                return Err(SpecError::new(
                    text,
                    format!("unknown key {other:?} (keys: players, seed, outage)"),
                ));
            }
        }
    }
    Ok(SourceSpec::Synthetic {
        players: players.unwrap_or(1),
        seed: seed.unwrap_or(1),
        outage,
    })
}

impl FromStr for SourceSpec {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(SpecError::new(text, "it is empty"));
        }
        if let Some(arg) = keyword(trimmed, "camera") {
            return match arg.map(str::trim) {
                None => Ok(SourceSpec::Camera(CameraSelector::First)),
                Some("") => Err(SpecError::new(
                    text,
                    "camera: needs an index or part of the camera's name after the colon",
                )),
                Some(a) if a.bytes().all(|b| b.is_ascii_digit()) => a
                    .parse()
                    .map(|i| SourceSpec::Camera(CameraSelector::Index(i)))
                    .map_err(|_| SpecError::new(text, format!("camera index {a} is too large"))),
                Some(name) => Ok(SourceSpec::Camera(CameraSelector::Name(name.to_owned()))),
            };
        }
        if let Some(arg) = keyword(trimmed, "synthetic") {
            return match arg.map(str::trim) {
                None => Ok(SourceSpec::Synthetic {
                    players: 1,
                    seed: 1,
                    outage: None,
                }),
                Some("") => Err(SpecError::new(
                    text,
                    "synthetic: needs players=N and/or seed=S after the colon",
                )),
                Some(args) => parse_synthetic(text, args),
            };
        }
        Ok(SourceSpec::Clip(PathBuf::from(trimmed)))
    }
}

impl fmt::Display for SourceSpec {
    /// The canonical text, which parses back to the same spec. Synthetic keys that hold their
    /// default are left out (`synthetic:seed=5`, not `synthetic:players=1,seed=5`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceSpec::Camera(CameraSelector::First) => f.write_str("camera"),
            SourceSpec::Camera(CameraSelector::Index(i)) => write!(f, "camera:{i}"),
            SourceSpec::Camera(CameraSelector::Name(n)) => write!(f, "camera:{n}"),
            SourceSpec::Clip(p) => write!(f, "{}", p.display()),
            SourceSpec::Synthetic {
                players,
                seed,
                outage,
            } => {
                let mut parts = Vec::new();
                if *players != 1 {
                    parts.push(format!("players={players}"));
                }
                if *seed != 1 {
                    parts.push(format!("seed={seed}"));
                }
                if let Some(o) = outage {
                    parts.push(format!("outage={}+{}", o.after_s, o.for_s));
                }
                f.write_str("synthetic")?;
                if !parts.is_empty() {
                    write!(f, ":{}", parts.join(","))?;
                }
                Ok(())
            }
        }
    }
}

impl serde::Serialize for SourceSpec {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SourceSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What to ask a camera (and the synthetic source) for. The core reduces every frame to about
/// 160 pixels wide, so 640x480 at 30 fps is plenty and keeps USB bandwidth and decoding low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaptureSettings {
    /// Wanted width in pixels; the camera's closest size is used.
    pub width: u32,
    /// Wanted height in pixels.
    pub height: u32,
    /// Wanted frames per second; the camera's closest rate is used.
    pub fps: u32,
}

impl Default for CaptureSettings {
    fn default() -> Self {
        Self {
            width: 640,
            height: 480,
            fps: 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SourceSpec {
        text.parse()
            .unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    #[test]
    fn a_planned_outage_parses_and_prints_back() {
        let spec = parse("synthetic:players=2,outage=20+6");
        assert_eq!(
            spec,
            SourceSpec::Synthetic {
                players: 2,
                seed: 1,
                outage: Some(PlannedOutage {
                    after_s: 20,
                    for_s: 6
                })
            }
        );
        assert_eq!(spec.to_string(), "synthetic:players=2,outage=20+6");
        assert_eq!(parse(&spec.to_string()), spec);
        for bad in [
            "synthetic:outage=20",
            "synthetic:outage=a+b",
            "synthetic:outage=5+0",
        ] {
            let e = bad.parse::<SourceSpec>().unwrap_err().to_string();
            assert!(e.contains("outage must be AFTER+FOR"), "{bad}: {e}");
        }
    }

    fn problem(text: &str) -> String {
        match text.parse::<SourceSpec>() {
            Ok(spec) => panic!("{text:?} should not parse, got {spec:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn every_form_parses() {
        assert_eq!(parse("camera"), SourceSpec::Camera(CameraSelector::First));
        assert_eq!(parse("Camera"), SourceSpec::Camera(CameraSelector::First));
        assert_eq!(
            parse("camera:0"),
            SourceSpec::Camera(CameraSelector::Index(0))
        );
        assert_eq!(
            parse("camera:HD Pro Webcam"),
            SourceSpec::Camera(CameraSelector::Name("HD Pro Webcam".into()))
        );
        assert_eq!(
            parse("camera:usb:2"),
            SourceSpec::Camera(CameraSelector::Name("usb:2".into()))
        );
        assert_eq!(
            parse("synthetic"),
            SourceSpec::Synthetic {
                players: 1,
                seed: 1,
                outage: None
            }
        );
        assert_eq!(
            parse("synthetic:players=3,seed=42"),
            SourceSpec::Synthetic {
                players: 3,
                seed: 42,
                outage: None
            }
        );
        assert_eq!(
            parse("synthetic:seed=9, players=0"),
            SourceSpec::Synthetic {
                players: 0,
                seed: 9,
                outage: None
            }
        );
        assert_eq!(
            parse("clips/wave.y4m"),
            SourceSpec::Clip("clips/wave.y4m".into())
        );
        // Words that only start like a keyword are clip paths.
        assert_eq!(
            parse("synthetic.y4m"),
            SourceSpec::Clip("synthetic.y4m".into())
        );
        assert_eq!(parse("cameras/"), SourceSpec::Clip("cameras/".into()));
    }

    #[test]
    fn canonical_text_round_trips() {
        for text in [
            "camera",
            "camera:3",
            "camera:logitech",
            "synthetic",
            "synthetic:players=2",
            "synthetic:seed=5",
            "synthetic:players=0,seed=77",
            "clips/two kids.y4m",
        ] {
            let spec = parse(text);
            assert_eq!(spec.to_string(), text);
            assert_eq!(parse(&spec.to_string()), spec);
        }
        // Defaults written out are dropped, and the result still means the same.
        let spec = parse("synthetic:players=1,seed=5");
        assert_eq!(spec.to_string(), "synthetic:seed=5");
    }

    #[test]
    fn bad_specs_say_what_is_wrong_and_what_is_allowed() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("camera:", "needs an index or part of the camera's name"),
            ("camera:99999999999", "too large"),
            ("synthetic:", "needs players=N"),
            ("synthetic:players=4", "players must be 0 to 3, found 4"),
            ("synthetic:players=two", "players must be a number"),
            ("synthetic:seed=-1", "seed must be a whole number"),
            ("synthetic:colour=red", "unknown key \"colour\""),
            ("synthetic:players", "expected key=value"),
            ("synthetic:players=1,players=2", "players is given twice"),
            ("synthetic:seed=1,seed=2", "seed is given twice"),
        ];
        for (text, expected) in cases {
            let message = problem(text);
            assert!(
                message.contains(expected),
                "{text:?}: {message:?} lacks {expected:?}"
            );
            assert!(
                message.contains("allowed: camera, camera:INDEX"),
                "{message}"
            );
        }
    }

    #[test]
    fn serde_uses_the_same_text() {
        let spec = parse("synthetic:players=2,seed=3");
        assert_eq!(
            serde_json::to_string(&spec).unwrap(),
            "\"synthetic:players=2,seed=3\""
        );
        assert_eq!(
            ron::to_string(&spec).unwrap(),
            "\"synthetic:players=2,seed=3\""
        );
        let back: SourceSpec = ron::from_str("\"camera:1\"").unwrap();
        assert_eq!(back, SourceSpec::Camera(CameraSelector::Index(1)));
        let bad = ron::from_str::<SourceSpec>("\"synthetic:players=7\"").unwrap_err();
        assert!(bad.to_string().contains("players must be 0 to 3"), "{bad}");
    }

    #[test]
    fn descriptions_name_the_device() {
        assert_eq!(parse("camera:2").describe(), "camera 2");
        assert_eq!(parse("camera:dell").describe(), "the camera named “dell”");
        assert_eq!(parse("a.y4m").describe(), "the clip a.y4m");
    }

    #[test]
    fn settings_default_to_vga_at_30() {
        let s = CaptureSettings::default();
        assert_eq!((s.width, s.height, s.fps), (640, 480, 30));
        let back: CaptureSettings = ron::from_str("(width: 320, height: 240, fps: 15)").unwrap();
        assert_eq!(back.width, 320);
    }
}
