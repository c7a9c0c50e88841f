//! Frame sources: live cameras, recorded clips and synthetic players, behind one interface.
//!
//! Data flows one way: a [`FrameSource`] (a nokhwa camera, a looped clip, drawn children) is
//! read by a supervised capture thread ([`Capture`]) that survives unplugging, freezing and
//! garbage; frames cross a latest-wins [`handoff`] to the [`MotionWorker`], which runs the
//! motion core off the render thread and publishes the newest report with its latency. The
//! [`RoomMonitor`] turns reports into plain-words warnings about the room. [`MotionFeed`]
//! owns the whole chain for the game.
//!
//! ```text
//! SourceSpec -> open_source -> FrameSource -> Capture (supervisor + reader threads)
//!     -> handoff (latest wins) -> MotionWorker (MotionCore) -> handoff -> game
//! ```

mod backoff;
mod clip_source;
mod convert;
#[cfg(test)]
mod fake;
mod feed;
mod handoff;
mod live;
mod pace;
mod reader;
mod room;
mod source;
mod spec;
mod supervisor;
mod synthetic;
mod worker;

pub use backoff::Backoff;
pub use clip_source::ClipSource;
pub use convert::{
    ConvertError, Converter, PixelFormat, bgr24_to_luma, bt601_luma, gray_to_luma, nv12_to_luma,
    rgb24_to_luma, yuyv_to_luma,
};
pub use feed::MotionFeed;
pub use handoff::{Consumer, HandoffCounters, HandoffStats, Producer, Received, handoff};
pub use live::{
    AutoSetting, CameraListing, FormatListing, LiveCamera, LockPlan, choose_format, classify,
    infer_stride, list_cameras, pixel_format_of, plan_lock,
};
pub use pace::Pacer;
pub use reader::SourceFactory;
pub use room::{RoomConfig, RoomMonitor, RoomSample, RoomWarning, RoomWarningKind};
pub use source::{
    CapturedFrame, FrameSource, LockState, SourceError, SourceInfo, SourceKind, open_source,
};
pub use spec::{
    CameraSelector, CaptureSettings, MAX_SYNTHETIC_PLAYERS, SOURCE_FORMS, SourceSpec, SpecError,
};
pub use supervisor::{Capture, SourceStatus, SupervisorConfig};
pub use synthetic::SyntheticSource;
pub use worker::{CommandError, MotionOutput, MotionWorker, WorkerCommand, WorkerStats};
