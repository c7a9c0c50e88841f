//! What the kiosk config says: one struct per section of `kiosk-config/kiosk.ron`, and the
//! shipped values as `Default`.
//!
//! Every section denies unknown fields, so a typo is an error with a suggestion rather than a
//! setting silently ignored. Ranges are checked after parsing (`check.rs`), with the limits
//! written once in `fields.rs`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::clock::QuietHours;
use super::pin::Pin;
use crate::camera::{CaptureSettings, SourceSpec};
use crate::games::GameId;
use crate::motion::{MotionConfig, Profile, Zone};

/// The whole kiosk config: which kiosk this is, where its picture comes from, how sessions
/// start, how loud it may be, which screen it uses, how staff get in, and where logs go.
///
/// Read with [`KioskConfig::load`](super::KioskConfig::load); `Default` gives exactly the
/// values of the shipped `kiosk-config/kiosk.ron` (a test keeps the two equal), so a kiosk
/// whose file is broken can still show its staff error screen with sensible settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    /// Which kiosk this is and where it stands.
    pub kiosk: KioskSection,
    /// Where the picture comes from and how it is read.
    pub input: InputSection,
    /// How movement is read outside a session.
    pub motion: MotionSection,
    /// What a new session starts with.
    pub session: SessionSection,
    /// How loud the kiosk may be, and when it must be quieter.
    pub audio: AudioSection,
    /// Which screen, and whether full screen.
    pub display: DisplaySection,
    /// How staff open the staff panel.
    pub staff: StaffSection,
    /// Where session logs are kept, and for how long.
    pub logs: LogsSection,
    /// Where exported reports are written.
    pub export: ExportSection,
}

/// Which kiosk this is: names its logs and exports, so that a ward with two kiosks can tell
/// their records apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskSection {
    /// A short code, 1 to 16 letters, digits, `-` or `_`: part of log file names.
    pub id: String,
    /// The ward or play area, as staff call it: shown on reports and the staff screen.
    pub ward: String,
}

impl Default for KioskSection {
    fn default() -> Self {
        Self {
            id: "kiosk-1".to_owned(),
            ward: "Children's ward playroom".to_owned(),
        }
    }
}

/// Where the picture comes from and how the motion core should look at it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSection {
    /// A camera, a recorded clip or synthetic children, written as on the command line
    /// (`camera`, `camera:1`, `camera:Logitech`, `synthetic`, a clip path).
    pub source: SourceSpec,
    /// Wanted picture width in pixels (the camera's closest size is used).
    pub width: u32,
    /// Wanted picture height in pixels.
    pub height: u32,
    /// Wanted frames per second.
    pub fps: u32,
    /// Show the picture as a mirror does (children expect their reflection).
    pub mirror: bool,
    /// Parts of the picture never looked at (a window with a moving curtain, a television).
    pub ignore: Vec<Region>,
}

impl Default for InputSection {
    fn default() -> Self {
        Self {
            source: SourceSpec::default(),
            width: 640,
            height: 480,
            fps: 30,
            mirror: true,
            ignore: Vec::new(),
        }
    }
}

impl InputSection {
    /// What to ask the camera for: the camera side takes [`CaptureSettings`].
    pub fn capture(&self) -> CaptureSettings {
        CaptureSettings {
            width: self.width,
            height: self.height,
            fps: self.fps,
        }
    }
}

/// A rectangle of the picture, in fractions of its width and height (0,0 top left, as the
/// picture is shown: mirrored when `mirror` is on).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Left edge, 0 to 1.
    pub x: f32,
    /// Top edge, 0 to 1.
    pub y: f32,
    /// Width, up to 1.
    pub w: f32,
    /// Height, up to 1.
    pub h: f32,
}

impl Region {
    /// The same rectangle as the motion core's [`Zone`], which uses the same coordinates.
    pub fn to_zone(self) -> Zone {
        Zone {
            x: self.x,
            y: self.y,
            w: self.w,
            h: self.h,
        }
    }
}

/// How movement is read when no session is running (the attract scene).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotionSection {
    /// The profile the attract scene reads movement with.
    pub profile: Profile,
    /// 1 is normal; 2 reacts to half the contrast, 0.5 needs twice as much (0.25 to 4).
    pub sensitivity: f32,
}

impl Default for MotionSection {
    fn default() -> Self {
        Self {
            profile: Profile::Standing,
            sensitivity: 1.0,
        }
    }
}

/// What the staff launcher proposes for a new session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSection {
    /// Length of a session in minutes (1 to 60).
    pub minutes: f32,
    /// The profile a session starts with.
    pub profile: Profile,
    /// The games, in the order they are played; each at most once, at least one.
    pub playlist: Vec<GameId>,
    /// Whether a new session is played by ear (sound-led) unless staff change it: for a ward
    /// whose children mostly cannot see the screen well. Older configs without it: off.
    #[serde(default)]
    pub sound_led: bool,
}

impl Default for SessionSection {
    fn default() -> Self {
        Self {
            minutes: 5.0,
            profile: Profile::Standing,
            playlist: GameId::default_playlist(),
            sound_led: false,
        }
    }
}

/// How loud the kiosk may be. Every volume is a fraction of the system volume, 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioSection {
    /// The usual volume.
    pub volume: f32,
    /// The loudest the kiosk ever plays, whatever else says (staff panel included). A
    /// `volume` above the cap is allowed and played at the cap.
    pub cap: f32,
    /// Hours during which the kiosk plays at `quiet_volume` at most; `None` for none.
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    /// The loudest the kiosk plays during quiet hours.
    pub quiet_volume: f32,
}

impl Default for AudioSection {
    fn default() -> Self {
        Self {
            volume: 0.7,
            cap: 0.8,
            quiet_hours: Some(QuietHours::default()),
            quiet_volume: 0.3,
        }
    }
}

impl AudioSection {
    /// The volume to play at `minute_of_day` (minutes since local midnight, 0 to 1439): the
    /// usual volume, held under the cap, and under the quiet volume in quiet hours. Why one
    /// function: every sound goes through the same limits, so no path can be louder.
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::config::AudioSection;
    /// let audio = AudioSection::default(); // 0.7, cap 0.8, quiet 19:00 to 08:00 at 0.3
    /// assert_eq!(audio.volume_at(12 * 60), 0.7);
    /// assert_eq!(audio.volume_at(21 * 60), 0.3);
    /// ```
    pub fn volume_at(&self, minute_of_day: u32) -> f32 {
        let mut volume = self.volume.min(self.cap);
        if self
            .quiet_hours
            .is_some_and(|quiet| quiet.contains(minute_of_day))
        {
            volume = volume.min(self.quiet_volume);
        }
        volume.clamp(0.0, 1.0)
    }
}

/// Which screen the kiosk uses, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplaySection {
    /// Full screen (the kiosk) or a window (setting up, trying things).
    pub fullscreen: bool,
    /// 0 is the main screen; 1, 2, ... another screen, in the order the system lists them.
    pub monitor: u32,
}

impl Default for DisplaySection {
    fn default() -> Self {
        Self {
            fullscreen: true,
            monitor: 0,
        }
    }
}

/// How staff open the staff panel: a key chord children will not press by chance, and an
/// optional PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffSection {
    /// Keys held together, as bevy's `KeyCode` names them (`ControlLeft`, `KeyS`, `F12`);
    /// 2 to 4 keys, each once. [`key_names`](super::key_names) lists the allowed names.
    pub chord: Vec<String>,
    /// Asked for after the chord, when set: 4 to 8 digits.
    #[serde(default)]
    pub pin: Option<Pin>,
}

impl Default for StaffSection {
    fn default() -> Self {
        Self {
            chord: ["ControlLeft", "ShiftLeft", "KeyS"]
                .map(String::from)
                .to_vec(),
            pin: None,
        }
    }
}

/// Where session logs are kept, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogsSection {
    /// The logs folder; relative paths are taken from the config file's folder. The kiosk
    /// makes the folder itself; the folder above it must exist.
    pub folder: PathBuf,
    /// Logs older than this many days are deleted (1 to 3650).
    pub retention_days: u32,
}

impl Default for LogsSection {
    fn default() -> Self {
        Self {
            folder: PathBuf::from("../logs"),
            retention_days: 90,
        }
    }
}

/// Where exported reports (CSV, HTML) are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSection {
    /// The export folder; relative paths are taken from the config file's folder. Made by
    /// the kiosk when needed; the folder above it must exist.
    pub folder: PathBuf,
}

impl Default for ExportSection {
    fn default() -> Self {
        Self {
            folder: PathBuf::from("../exports"),
        }
    }
}

impl KioskConfig {
    /// What the motion core needs from this config for the attract scene: profile,
    /// sensitivity, mirroring and ignored regions (the rest at the core's defaults).
    pub fn motion_config(&self) -> MotionConfig {
        MotionConfig {
            profile: self.motion.profile,
            mirror: self.input.mirror,
            sensitivity: self.motion.sensitivity,
            ignore: self.input.ignore.iter().map(|r| r.to_zone()).collect(),
            ..MotionConfig::default()
        }
    }
}
