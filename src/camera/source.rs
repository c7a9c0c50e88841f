//! The one interface every picture source offers, what it says about itself, and its errors.
//!
//! A live camera, a looped clip and the synthetic players all deliver luma frames with
//! capture times, so the capture thread, the motion worker and the game never care which one
//! is plugged in. Errors name the device and say in plain words what happened, because the
//! person reading them is a play specialist, not an engineer.

use super::clip_source::ClipSource;
use super::live::LiveCamera;
use super::spec::{CaptureSettings, SourceSpec};
use super::synthetic::SyntheticSource;
use crate::motion::OwnedFrame;
use std::time::Instant;

/// What kind of source delivers the frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A webcam.
    Camera,
    /// A recorded clip, looped.
    Clip,
    /// Drawn children.
    Synthetic,
}

/// Whether an automatic camera setting could be fixed. The motion core compares each frame
/// with a learned background: a camera that re-adjusts its exposure or colour balance when a
/// child in a bright jumper walks in changes every pixel, which looks like a lighting event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockState {
    /// Fixed at its current value.
    Locked,
    /// Left automatic; the text says why in plain words.
    NotLocked(String),
    /// The source has no such setting (clips, synthetic).
    NotApplicable,
}

impl LockState {
    /// True when the setting is fixed or does not exist: nothing for staff to worry about.
    pub fn is_ok(&self) -> bool {
        !matches!(self, LockState::NotLocked(_))
    }
}

/// What a source says about itself once open: shown on the staff screen and in logs, so that
/// "the picture looks wrong" can be answered with facts.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceInfo {
    /// Camera, clip or synthetic.
    pub kind: SourceKind,
    /// The device's name, the clip's path, or "synthetic players".
    pub name: String,
    /// Frame width in pixels.
    pub width: usize,
    /// Frame height in pixels.
    pub height: usize,
    /// Frames per second the source delivers (what it was set to, not measured).
    pub fps: f64,
    /// The pixel format chosen at the source ("MJPEG", "YUYV", "Y4M luma").
    pub pixel_format: String,
    /// Whether automatic exposure could be switched off.
    pub exposure: LockState,
    /// Whether automatic white balance could be switched off.
    pub white_balance: LockState,
    /// Anything else worth knowing, in plain words ("asked for 640x480, the camera gave
    /// 800x600").
    pub note: String,
}

impl SourceInfo {
    /// How messages name this source once it is open ("the camera “HD Webcam”").
    pub fn device(&self) -> String {
        match self.kind {
            SourceKind::Camera => format!("the camera “{}”", self.name),
            SourceKind::Clip => format!("the clip {}", self.name),
            SourceKind::Synthetic => "the synthetic players".to_owned(),
        }
    }
}

/// Why a source could not be opened or read. Each names the device ("the camera “HD
/// Webcam”", "the clip clips/wave.y4m").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// The device or file is not there.
    #[error("{device} was not found: {detail}")]
    NotFound {
        /// Which device.
        device: String,
        /// What the system said.
        detail: String,
    },
    /// Another program is using the camera.
    #[error("{device} is in use by another program: {detail}")]
    Busy {
        /// Which device.
        device: String,
        /// What the system said.
        detail: String,
    },
    /// It worked and then stopped (unplugged, driver error, read error).
    #[error("{device} stopped working: {detail}")]
    Disconnected {
        /// Which device.
        device: String,
        /// What the system said.
        detail: String,
    },
    /// One frame could not be read (wrong size, undecodable). The source may go on; many in a
    /// row mean the device sends garbage.
    #[error("{device} sent a picture that cannot be read: {detail}")]
    BadFrame {
        /// Which device.
        device: String,
        /// What was wrong with the picture.
        detail: String,
    },
    /// It can never work as configured (no permission, a file that is not a clip, no usable
    /// picture format).
    #[error("{device} cannot be used: {detail}")]
    Unusable {
        /// Which device.
        device: String,
        /// Why.
        detail: String,
    },
}

/// Upper-cases the first letter, so that "the camera ..." starts a sentence.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl SourceError {
    /// The device the error is about.
    pub fn device(&self) -> &str {
        match self {
            SourceError::NotFound { device, .. }
            | SourceError::Busy { device, .. }
            | SourceError::Disconnected { device, .. }
            | SourceError::BadFrame { device, .. }
            | SourceError::Unusable { device, .. } => device,
        }
    }

    /// What the system said, without the device's name.
    pub fn detail(&self) -> &str {
        match self {
            SourceError::NotFound { detail, .. }
            | SourceError::Busy { detail, .. }
            | SourceError::Disconnected { detail, .. }
            | SourceError::BadFrame { detail, .. }
            | SourceError::Unusable { detail, .. } => detail,
        }
    }

    /// True for a single unreadable frame, which is skipped rather than ending the session.
    pub fn is_bad_frame(&self) -> bool {
        matches!(self, SourceError::BadFrame { .. })
    }

    /// The message for the staff screen: what happened and what to do, in plain words, with
    /// the technical detail last in brackets for whoever is called.
    pub fn staff_message(&self) -> String {
        let (what, detail) = match self {
            SourceError::NotFound { device, detail } => (
                format!("{device} is not connected. Check that its cable is plugged in"),
                detail,
            ),
            SourceError::Busy { device, detail } => (
                format!(
                    "{device} is being used by another program. Close video calls or other \
                     camera apps on this computer"
                ),
                detail,
            ),
            SourceError::Disconnected { device, detail } => (
                format!("{device} stopped working, perhaps unplugged. Check its cable"),
                detail,
            ),
            SourceError::BadFrame { device, detail } => (
                format!("{device} is sending pictures that cannot be read"),
                detail,
            ),
            SourceError::Unusable { device, detail } => {
                (format!("{device} cannot be used"), detail)
            }
        };
        format!("{}. ({detail})", sentence(&what))
    }
}

/// A source of luma frames, read by the capture thread. `Send` so that it can be opened on
/// and read from a thread of its own.
pub trait FrameSource: Send {
    /// What the source is and how it was set up.
    fn info(&self) -> &SourceInfo;

    /// Blocks until the next frame and writes it into `frame` (resizing it as needed, so that
    /// a recycled buffer is reused without allocating), with `frame.timestamp` set to the
    /// capture time since the source started (monotonic). Returns the moment the frame
    /// arrived, from which the kiosk measures latency.
    ///
    /// Paced sources (clips, synthetic) sleep until each frame is due, so that they run at
    /// their frame rate as a camera does.
    fn read(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError>;
}

/// A frame as it travels from the capture thread to the motion worker.
#[derive(Debug, Clone)]
pub struct CapturedFrame {
    /// The luma pixels and the capture timestamp (monotonic across reconnections).
    pub frame: OwnedFrame,
    /// When the frame arrived at the capture thread: the start of the latency measurement.
    pub captured_at: Instant,
    /// Frames published before this one (0 first), across reconnections.
    pub sequence: u64,
}

impl Default for CapturedFrame {
    fn default() -> Self {
        Self {
            frame: OwnedFrame::default(),
            captured_at: Instant::now(),
            sequence: 0,
        }
    }
}

/// Opens the source a spec names. `settings` give the size and rate to ask a camera for, the
/// size and rate of the synthetic players, and the rate of a folder of images.
pub fn open_source(
    spec: &SourceSpec,
    settings: &CaptureSettings,
) -> Result<Box<dyn FrameSource>, SourceError> {
    Ok(match spec {
        SourceSpec::Camera(selector) => Box::new(LiveCamera::open(selector, settings)?),
        SourceSpec::Clip(path) => Box::new(ClipSource::open(path, f64::from(settings.fps))?),
        SourceSpec::Synthetic {
            players,
            seed,
            outage,
        } => Box::new(SyntheticSource::new(*players, *seed, settings)?.with_outage(*outage)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_messages_name_the_device_and_say_what_to_do() {
        let e = SourceError::Busy {
            device: "the camera “HD Webcam”".into(),
            detail: "Device or resource busy (os error 16)".into(),
        };
        let m = e.staff_message();
        assert!(m.starts_with("The camera “HD Webcam” is being used by another program"));
        assert!(m.ends_with("(Device or resource busy (os error 16))"));
        assert_eq!(e.device(), "the camera “HD Webcam”");
        assert!(!e.is_bad_frame());
        let m = SourceError::NotFound {
            device: "camera 2".into(),
            detail: "no such camera".into(),
        }
        .staff_message();
        assert!(m.contains("Camera 2 is not connected"), "{m}");
    }

    #[test]
    fn opening_a_missing_clip_names_the_file() {
        let spec: SourceSpec = "/nonexistent/wave.y4m".parse().unwrap();
        let err = open_source(&spec, &CaptureSettings::default())
            .err()
            .expect("a missing clip cannot open");
        assert!(matches!(err, SourceError::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("/nonexistent/wave.y4m"), "{err}");
    }
}
