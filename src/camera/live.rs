//! Live webcams through nokhwa: find the camera, choose its format, fix its automatic
//! settings, and turn its buffers into luma.
//!
//! Kept thin on purpose: nothing here can run without a camera, so every decision that can be
//! made without one (which format, which control to set, what an error means) is a pure
//! function with tests, and everything about failing and coming back lives in the
//! supervisor, which is tested with fake sources.

use super::convert::{ConvertError, Converter, PixelFormat, panic_text};
use super::source::{FrameSource, LockState, SourceError, SourceInfo, SourceKind};
use super::spec::{CameraSelector, CaptureSettings};
use crate::motion::OwnedFrame;
use nokhwa::utils::{
    ApiBackend, CameraControl, CameraFormat, CameraIndex, CameraInfo, ControlValueDescription,
    ControlValueSetter, FrameFormat, KnownCameraControl, KnownCameraControlFlag, RequestedFormat,
    RequestedFormatType, Resolution,
};
use nokhwa::{Camera, NokhwaError};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

/// The camera formats we can convert, in nokhwa's terms.
const SUPPORTED: [FrameFormat; 6] = [
    FrameFormat::GRAY,
    FrameFormat::YUYV,
    FrameFormat::NV12,
    FrameFormat::RAWRGB,
    FrameFormat::RAWBGR,
    FrameFormat::MJPEG,
];

/// V4L2's "auto exposure" menu control; value 1 is manual exposure.
const V4L2_CID_EXPOSURE_AUTO: u128 = 0x009a_0901;
const V4L2_EXPOSURE_MANUAL: i64 = 1;
/// V4L2's "automatic white balance" switch.
const V4L2_CID_AUTO_WHITE_BALANCE: u128 = 0x0098_090c;

/// Our name for a camera's pixel layout.
pub fn pixel_format_of(format: FrameFormat) -> PixelFormat {
    match format {
        FrameFormat::MJPEG => PixelFormat::Mjpeg,
        FrameFormat::YUYV => PixelFormat::Yuyv,
        FrameFormat::NV12 => PixelFormat::Nv12,
        FrameFormat::GRAY => PixelFormat::Gray,
        FrameFormat::RAWRGB => PixelFormat::Rgb24,
        FrameFormat::RAWBGR => PixelFormat::Bgr24,
    }
}

/// One mode a camera offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FormatListing {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
    /// Pixel layout ("MJPEG", "YUYV", ...).
    pub pixel_format: String,
}

/// A camera as `cameras` lists it, so that staff can pick one for the kiosk config.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CameraListing {
    /// The index to write as `camera:INDEX`.
    pub index: u32,
    /// The camera's name (part of it works as `camera:NAME`).
    pub name: String,
    /// What the system says about it (driver, device path).
    pub description: String,
    /// The modes it offers; empty if it could not be asked (see `note`).
    pub formats: Vec<FormatListing>,
    /// Plain words when its modes could not be read (in use, not a capture device).
    pub note: String,
}

/// The cameras on this computer with their modes. With no camera it is `Ok` and empty; `Err`
/// only when the system's camera interface itself fails.
pub fn list_cameras() -> Result<Vec<CameraListing>, String> {
    let infos = query()?;
    Ok(infos
        .iter()
        .enumerate()
        .map(|(position, info)| {
            let index = index_number(info.index(), position);
            let (formats, note) = match formats_of(info.index()) {
                Ok(formats) => (formats, String::new()),
                Err(e) => (
                    Vec::new(),
                    classify(&format!("camera {index}"), &e, true).staff_message(),
                ),
            };
            CameraListing {
                index,
                name: info.human_name(),
                description: info.description().to_owned(),
                formats: formats
                    .iter()
                    .map(|f| FormatListing {
                        width: f.width(),
                        height: f.height(),
                        fps: f.frame_rate(),
                        pixel_format: f.format().to_string(),
                    })
                    .collect(),
                note,
            }
        })
        .collect())
}

/// The system's camera list; a panic inside the backend becomes an error.
fn query() -> Result<Vec<CameraInfo>, String> {
    match catch_unwind(|| nokhwa::query(ApiBackend::Auto)) {
        Ok(Ok(list)) => Ok(list),
        Ok(Err(e)) => Err(format!("the cameras could not be listed: {e}")),
        Err(panic) => Err(format!(
            "the cameras could not be listed: internal error: {}",
            panic_text(&*panic)
        )),
    }
}

fn index_number(index: &CameraIndex, position: usize) -> u32 {
    index
        .as_index()
        .unwrap_or_else(|_| u32::try_from(position).unwrap_or(u32::MAX))
}

fn formats_of(index: &CameraIndex) -> Result<Vec<CameraFormat>, NokhwaError> {
    let any = RequestedFormat::with_formats(RequestedFormatType::None, &SUPPORTED);
    let opened = catch_unwind(AssertUnwindSafe(|| {
        let mut camera = Camera::new(index.clone(), any)?;
        camera.compatible_camera_formats()
    }));
    opened.unwrap_or_else(|panic| Err(NokhwaError::GeneralError(panic_text(&*panic))))
}

/// Chooses the mode closest to what was asked: the nearest size, then a rate at least the
/// one asked (a camera that can only do 5 fps at that size is no good), then the cheapest
/// format to convert (YUYV before MJPEG), then the rate nearest to the one asked.
pub fn choose_format(formats: &[CameraFormat], wanted: &CaptureSettings) -> Option<CameraFormat> {
    let rank = |f: FrameFormat| {
        PixelFormat::PREFERENCE
            .iter()
            .position(|p| *p == pixel_format_of(f))
            .unwrap_or(usize::MAX)
    };
    formats
        .iter()
        .filter(|f| SUPPORTED.contains(&f.format()) && f.frame_rate() > 0)
        .min_by_key(|f| {
            let dx = i64::from(f.width()) - i64::from(wanted.width);
            let dy = i64::from(f.height()) - i64::from(wanted.height);
            let shortfall = wanted.fps.saturating_sub(f.frame_rate());
            let excess = f.frame_rate().saturating_sub(wanted.fps);
            (dx * dx + dy * dy, shortfall, rank(f.format()), excess)
        })
        .copied()
}

/// Which automatic setting to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoSetting {
    /// Automatic exposure (brightness adjustment).
    Exposure,
    /// Automatic white balance (colour adjustment).
    WhiteBalance,
}

impl AutoSetting {
    fn words(self) -> &'static str {
        match self {
            AutoSetting::Exposure => "automatic exposure",
            AutoSetting::WhiteBalance => "automatic white balance",
        }
    }
}

/// How to switch one automatic setting off, decided from the camera's list of controls.
#[derive(Debug, Clone, PartialEq)]
pub enum LockPlan {
    /// Set this control to this value.
    Set(KnownCameraControl, ControlValueSetter),
    /// Nothing can be done; the text says why in plain words.
    Impossible(String),
}

fn writable(control: &CameraControl) -> bool {
    !control.flag().iter().any(|f| {
        matches!(
            f,
            KnownCameraControlFlag::ReadOnly | KnownCameraControlFlag::Disabled
        )
    })
}

/// The value that turns a switch-like control off (a menu to its "manual" entry).
fn off_value(control: &CameraControl, manual_menu_value: i64) -> Option<ControlValueSetter> {
    match control.description() {
        ControlValueDescription::Boolean { .. } => Some(ControlValueSetter::Boolean(false)),
        ControlValueDescription::IntegerRange { min, max, .. } => {
            let value = if (*min..=*max).contains(&manual_menu_value) {
                manual_menu_value
            } else {
                *min
            };
            Some(ControlValueSetter::Integer(value))
        }
        ControlValueDescription::Integer { .. } => {
            Some(ControlValueSetter::Integer(manual_menu_value))
        }
        ControlValueDescription::Enum { possible, .. } => possible
            .iter()
            .copied()
            .find(|v| *v == manual_menu_value)
            .or(possible.first().copied())
            .map(ControlValueSetter::EnumValue),
        _ => None,
    }
}

/// Decides how to fix `setting` from the camera's controls.
///
/// Linux cameras have a separate switch ("Auto Exposure", "White Balance, Automatic"), found
/// by its V4L2 id or its name and set to manual; other systems mark the control itself as
/// automatic, and setting it to its current value makes it manual.
pub fn plan_lock(controls: &[CameraControl], setting: AutoSetting) -> LockPlan {
    let (switch_id, manual, words, known) = match setting {
        AutoSetting::Exposure => (
            V4L2_CID_EXPOSURE_AUTO,
            V4L2_EXPOSURE_MANUAL,
            &["exposure"] as &[&str],
            KnownCameraControl::Exposure,
        ),
        AutoSetting::WhiteBalance => (
            V4L2_CID_AUTO_WHITE_BALANCE,
            0,
            &["white balance", "white_balance", "whitebalance"] as &[&str],
            KnownCameraControl::WhiteBalance,
        ),
    };
    let is_switch = |c: &CameraControl| {
        let name = c.name().to_lowercase();
        c.control() == KnownCameraControl::Other(switch_id)
            || (name.contains("auto") && words.iter().any(|w| name.contains(w)))
    };
    if let Some(switch) = controls.iter().find(|c| is_switch(c)) {
        if !writable(switch) {
            return LockPlan::Impossible(format!(
                "the camera does not allow {} to be switched off",
                setting.words()
            ));
        }
        return match off_value(switch, manual) {
            Some(v) => LockPlan::Set(switch.control(), v),
            None => LockPlan::Impossible(format!(
                "the camera's {} switch is of a kind we cannot set",
                setting.words()
            )),
        };
    }
    if let Some(control) = controls.iter().find(|c| c.control() == known) {
        if control.flag().contains(&KnownCameraControlFlag::Automatic) && writable(control) {
            return LockPlan::Set(known, control.value());
        }
        if !control.flag().contains(&KnownCameraControlFlag::Automatic) {
            return LockPlan::Impossible(format!(
                "the camera reports no {} to switch off",
                setting.words()
            ));
        }
    }
    LockPlan::Impossible(format!(
        "the camera offers no way to switch {} off",
        setting.words()
    ))
}

/// What a nokhwa error means for staff. `opening` tells apart "could not start" from
/// "stopped while running".
pub fn classify(device: &str, error: &NokhwaError, opening: bool) -> SourceError {
    let detail = error.to_string();
    let text = detail.to_lowercase();
    let device = device.to_owned();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["busy", "os error 16"]) {
        SourceError::Busy { device, detail }
    } else if has(&["permission denied", "os error 13", "not authorized"]) {
        SourceError::Unusable {
            device,
            detail: format!(
                "this user may not use the camera (on Linux: add the user to the video group): {detail}"
            ),
        }
    } else if has(&[
        "no such device",
        "no such file",
        "os error 19",
        "os error 2)",
    ]) {
        if opening {
            SourceError::NotFound { device, detail }
        } else {
            SourceError::Disconnected { device, detail }
        }
    } else if !opening || matches!(error, NokhwaError::ReadFrameError(_)) {
        SourceError::Disconnected { device, detail }
    } else {
        SourceError::Unusable { device, detail }
    }
}

/// Row length of a buffer whose rows may be padded: the buffer's length over its rows, when
/// that divides exactly and is at least the pixels' length. `None` otherwise, in which case
/// the converter reports the wrong size.
pub fn infer_stride(format: PixelFormat, len: usize, width: usize, height: usize) -> Option<usize> {
    let rows = match format {
        PixelFormat::Mjpeg => return None,
        PixelFormat::Nv12 => height + height.div_ceil(2),
        _ => height,
    };
    (rows > 0 && len.is_multiple_of(rows) && len / rows >= format.min_stride(width))
        .then(|| len / rows)
}

/// An open, streaming webcam.
pub struct LiveCamera {
    /// `Send` through nokhwa's `camera-sync-impl` feature; still opened, read and dropped
    /// on one reading thread only.
    camera: Camera,
    /// The thread that opened the camera: the only one allowed to read it.
    owner: std::thread::ThreadId,
    device: String,
    pixel: PixelFormat,
    width: usize,
    height: usize,
    converter: Converter,
    started: Instant,
    info: SourceInfo,
}

impl std::fmt::Debug for LiveCamera {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveCamera")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl LiveCamera {
    /// Opens the selected camera: the first that opens for [`CameraSelector::First`], the one
    /// with that index, or the first whose name contains the text (ignoring case).
    pub fn open(
        selector: &CameraSelector,
        settings: &CaptureSettings,
    ) -> Result<Self, SourceError> {
        let asked = match selector {
            CameraSelector::First => "the camera".to_owned(),
            CameraSelector::Index(i) => format!("camera {i}"),
            CameraSelector::Name(n) => format!("the camera named “{n}”"),
        };
        if !nokhwa::nokhwa_check() {
            // Only macOS asks: request permission and let the supervisor try again later.
            nokhwa::nokhwa_initialize(|_| {});
            return Err(SourceError::Unusable {
                device: asked,
                detail: "this computer has not yet allowed the game to use the camera".into(),
            });
        }
        let infos = query().map_err(|detail| SourceError::Unusable {
            device: asked.clone(),
            detail,
        })?;
        let found: Vec<String> = infos
            .iter()
            .enumerate()
            .map(|(p, i)| format!("{} “{}”", index_number(i.index(), p), i.human_name()))
            .collect();
        let candidates: Vec<(usize, &CameraInfo)> = infos
            .iter()
            .enumerate()
            .filter(|(p, info)| match selector {
                CameraSelector::First => true,
                CameraSelector::Index(i) => index_number(info.index(), *p) == *i,
                CameraSelector::Name(n) => {
                    info.human_name().to_lowercase().contains(&n.to_lowercase())
                }
            })
            .collect();
        if candidates.is_empty() {
            let detail = if found.is_empty() {
                "no camera is connected to this computer".to_owned()
            } else {
                format!("cameras found: {}", found.join(", "))
            };
            return Err(SourceError::NotFound {
                device: asked,
                detail,
            });
        }
        let mut first_error = None;
        for (_, info) in candidates {
            match Self::open_one(info, settings) {
                Ok(camera) => return Ok(camera),
                // A busy camera is the most useful thing to tell staff about.
                Err(e @ SourceError::Busy { .. }) => first_error = Some(e),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or(SourceError::NotFound {
            device: asked,
            detail: "no camera opened".into(),
        }))
    }

    fn open_one(info: &CameraInfo, settings: &CaptureSettings) -> Result<Self, SourceError> {
        let device = format!("the camera “{}”", info.human_name());
        let opening = |e: NokhwaError| classify(&device, &e, true);
        let any = RequestedFormat::with_formats(RequestedFormatType::None, &SUPPORTED);
        let mut camera = Camera::new(info.index().clone(), any).map_err(opening)?;
        let offered = camera.compatible_camera_formats().unwrap_or_default();
        let format = match choose_format(&offered, settings) {
            Some(best) => camera
                .set_camera_requset(RequestedFormat::with_formats(
                    RequestedFormatType::Closest(best),
                    &SUPPORTED,
                ))
                .map_err(opening)?,
            None => camera.camera_format(),
        };
        let controls = camera.camera_controls().unwrap_or_default();
        let exposure = lock(&mut camera, &controls, AutoSetting::Exposure);
        let white_balance = lock(&mut camera, &controls, AutoSetting::WhiteBalance);
        camera.open_stream().map_err(opening)?;
        let Resolution {
            width_x: width,
            height_y: height,
        } = format.resolution();
        let asked = Resolution::new(settings.width, settings.height);
        let note = if format.resolution() == asked && format.frame_rate() == settings.fps {
            format!("{} at {} fps, as asked", format.resolution(), settings.fps)
        } else {
            format!(
                "asked for {asked} at {} fps; the camera's closest is {} at {} fps",
                settings.fps,
                format.resolution(),
                format.frame_rate()
            )
        };
        let pixel = pixel_format_of(format.format());
        Ok(Self {
            info: SourceInfo {
                kind: SourceKind::Camera,
                name: info.human_name(),
                width: width as usize,
                height: height as usize,
                fps: f64::from(format.frame_rate()),
                pixel_format: pixel.name().to_owned(),
                exposure,
                white_balance,
                note,
            },
            camera,
            owner: std::thread::current().id(),
            device,
            pixel,
            width: width as usize,
            height: height as usize,
            converter: Converter::new(),
            started: Instant::now(),
        })
    }
}

/// Switches one automatic setting off, saying plainly what happened.
fn lock(camera: &mut Camera, controls: &[CameraControl], setting: AutoSetting) -> LockState {
    match plan_lock(controls, setting) {
        LockPlan::Impossible(why) => LockState::NotLocked(why),
        LockPlan::Set(control, value) => match camera.set_camera_control(control, value) {
            Ok(()) => LockState::Locked,
            Err(e) => LockState::NotLocked(format!(
                "the camera refused to switch {} off ({e})",
                setting.words()
            )),
        },
    }
}

impl FrameSource for LiveCamera {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn read(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError> {
        if std::thread::current().id() != self.owner {
            return Err(SourceError::Unusable {
                device: self.device.clone(),
                detail: "read from another thread than the one that opened it".into(),
            });
        }
        let raw = self
            .camera
            .frame_raw()
            .map_err(|e| classify(&self.device, &e, false))?;
        let arrived = Instant::now();
        let stride = infer_stride(self.pixel, raw.len(), self.width, self.height);
        self.converter
            .convert(self.pixel, &raw, self.width, self.height, stride, frame)
            .map_err(|e: ConvertError| SourceError::BadFrame {
                device: self.device.clone(),
                detail: e.to_string(),
            })?;
        frame.timestamp = arrived.duration_since(self.started);
        Ok(arrived)
    }
}

impl Drop for LiveCamera {
    fn drop(&mut self) {
        // Hands the camera back to the system; an error here has no one left to tell.
        let _ = self.camera.stop_stream();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(w: u32, h: u32, f: FrameFormat, fps: u32) -> CameraFormat {
        CameraFormat::new(Resolution::new(w, h), f, fps)
    }

    #[test]
    fn the_nearest_size_then_enough_fps_then_the_cheapest_format() {
        let wanted = CaptureSettings::default();
        let offered = [
            fmt(1280, 720, FrameFormat::MJPEG, 30),
            fmt(640, 480, FrameFormat::MJPEG, 30),
            fmt(640, 480, FrameFormat::YUYV, 30),
            fmt(320, 240, FrameFormat::YUYV, 30),
        ];
        assert_eq!(
            choose_format(&offered, &wanted),
            Some(fmt(640, 480, FrameFormat::YUYV, 30))
        );
        // YUYV only manages 10 fps at this size: MJPEG at 30 wins.
        let offered = [
            fmt(640, 480, FrameFormat::YUYV, 10),
            fmt(640, 480, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&offered, &wanted),
            Some(fmt(640, 480, FrameFormat::MJPEG, 30))
        );
        // No 640x480: the nearest size; of its rates, the one at least 30 closest to 30.
        let offered = [
            fmt(1920, 1080, FrameFormat::MJPEG, 30),
            fmt(800, 600, FrameFormat::MJPEG, 60),
            fmt(800, 600, FrameFormat::MJPEG, 15),
            fmt(800, 600, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&offered, &wanted),
            Some(fmt(800, 600, FrameFormat::MJPEG, 30))
        );
        assert_eq!(choose_format(&[], &wanted), None);
    }

    fn control(
        id: KnownCameraControl,
        name: &str,
        description: ControlValueDescription,
        flags: Vec<KnownCameraControlFlag>,
    ) -> CameraControl {
        CameraControl::new(id, name.to_owned(), description, flags, true)
    }

    fn menu(value: i64) -> ControlValueDescription {
        ControlValueDescription::IntegerRange {
            min: 0,
            max: 3,
            value,
            step: 1,
            default: 3,
        }
    }

    #[test]
    fn linux_switches_are_set_to_manual() {
        let controls = [
            control(
                KnownCameraControl::Other(V4L2_CID_EXPOSURE_AUTO),
                "Auto Exposure",
                menu(3),
                vec![],
            ),
            control(
                KnownCameraControl::Other(V4L2_CID_AUTO_WHITE_BALANCE),
                "White Balance, Automatic",
                ControlValueDescription::Boolean {
                    value: true,
                    default: true,
                },
                vec![],
            ),
        ];
        assert_eq!(
            plan_lock(&controls, AutoSetting::Exposure),
            LockPlan::Set(
                KnownCameraControl::Other(V4L2_CID_EXPOSURE_AUTO),
                ControlValueSetter::Integer(1)
            )
        );
        assert_eq!(
            plan_lock(&controls, AutoSetting::WhiteBalance),
            LockPlan::Set(
                KnownCameraControl::Other(V4L2_CID_AUTO_WHITE_BALANCE),
                ControlValueSetter::Boolean(false)
            )
        );
    }

    #[test]
    fn controls_marked_automatic_are_fixed_at_their_value() {
        let controls = [control(
            KnownCameraControl::Exposure,
            "Exposure",
            ControlValueDescription::Integer {
                value: -6,
                default: -5,
                step: 1,
            },
            vec![KnownCameraControlFlag::Automatic],
        )];
        assert_eq!(
            plan_lock(&controls, AutoSetting::Exposure),
            LockPlan::Set(
                KnownCameraControl::Exposure,
                ControlValueSetter::Integer(-6)
            )
        );
    }

    #[test]
    fn impossible_locks_say_why() {
        let LockPlan::Impossible(why) = plan_lock(&[], AutoSetting::WhiteBalance) else {
            panic!("nothing to set");
        };
        assert!(
            why.contains("no way to switch automatic white balance off"),
            "{why}"
        );
        let read_only = [control(
            KnownCameraControl::Other(V4L2_CID_EXPOSURE_AUTO),
            "Auto Exposure",
            menu(3),
            vec![KnownCameraControlFlag::ReadOnly],
        )];
        let LockPlan::Impossible(why) = plan_lock(&read_only, AutoSetting::Exposure) else {
            panic!("read-only");
        };
        assert!(why.contains("does not allow"), "{why}");
    }

    #[test]
    fn errors_are_classified_for_staff() {
        let dev = "the camera “HD Webcam”";
        let busy = NokhwaError::OpenStreamError("Device or resource busy (os error 16)".into());
        assert!(matches!(
            classify(dev, &busy, true),
            SourceError::Busy { .. }
        ));
        let gone = NokhwaError::OpenDeviceError("0".into(), "No such device (os error 19)".into());
        assert!(matches!(
            classify(dev, &gone, true),
            SourceError::NotFound { .. }
        ));
        let read = NokhwaError::ReadFrameError("No such device (os error 19)".into());
        let e = classify(dev, &read, false);
        assert!(matches!(e, SourceError::Disconnected { .. }));
        assert!(
            e.staff_message()
                .starts_with("The camera “HD Webcam” stopped working")
        );
        let denied =
            NokhwaError::OpenDeviceError("0".into(), "Permission denied (os error 13)".into());
        let e = classify(dev, &denied, true);
        assert!(e.to_string().contains("video group"), "{e}");
    }

    #[test]
    fn padded_rows_are_recognised_and_odd_lengths_are_not() {
        assert_eq!(
            infer_stride(PixelFormat::Yuyv, 640 * 2 * 480, 640, 480),
            Some(1280)
        );
        assert_eq!(
            infer_stride(PixelFormat::Yuyv, 1536 * 480, 640, 480),
            Some(1536)
        );
        assert_eq!(
            infer_stride(PixelFormat::Yuyv, 1280 * 480 - 1, 640, 480),
            None
        );
        assert_eq!(infer_stride(PixelFormat::Yuyv, 1000 * 480, 640, 480), None);
        assert_eq!(
            infer_stride(PixelFormat::Nv12, 640 * 720, 640, 480),
            Some(640)
        );
        assert_eq!(infer_stride(PixelFormat::Mjpeg, 5000, 640, 480), None);
    }

    #[test]
    fn listing_without_a_camera_is_empty_not_an_error() {
        // On machines with cameras this lists them; either way it must not fail or panic.
        let listed = list_cameras();
        assert!(listed.is_ok(), "{listed:?}");
    }

    #[test]
    fn opening_without_a_matching_camera_names_what_was_asked() {
        let err = LiveCamera::open(
            &CameraSelector::Name("no camera has this name".into()),
            &CaptureSettings::default(),
        )
        .unwrap_err();
        assert!(matches!(err, SourceError::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("no camera has this name"), "{err}");
    }
}
