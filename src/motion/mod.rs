//! The motion core: how each child in front of the camera is moving, from plain luma frames.
//!
//! Frame differencing against the previous frame and a slowly learned background, a lighting
//! guard, bit-packed masks, run-based labelling, an assignment tracker, and gesture
//! recognisers. It knows nothing of the game or its engine (a test checks that no file here
//! names the engine), so the same core runs in the kiosk, on the command line and in benches.

mod assignment;
mod background;
mod body;
mod camera_motion;
mod clip;
mod difference;
mod downsample;
mod frame;
mod gestures;
mod ghost;
mod label;
mod lighting;
mod mask;
mod pipeline;
mod players;
mod profile;
mod report;
pub mod synth;
mod union_find;
mod zones;

pub use assignment::Assignment;
pub use clip::{ClipError, ClipErrorKind, ClipReader, PgmFolder, Y4mReader, Y4mWriter, parse_pgm};
pub use downsample::{Downsampler, scale_for};
pub use frame::{FrameError, LumaFrame, OwnedFrame};
pub use label::{Blob, Labeller};
pub use lighting::{ChangeEstimator, GlobalChange};
pub use mask::{BitMask, Morphology};
pub use pipeline::{MotionConfig, MotionCore, WARMUP_FRAMES};
pub use profile::{BodyShape, Profile, ProfileParams, UnknownProfile};
pub use report::{
    Gesture, GestureKind, LightingState, MotionReport, Player, STRAY_COLUMNS, STRAY_ROWS, Side,
    ZoneReading,
};
pub use zones::Zone;
