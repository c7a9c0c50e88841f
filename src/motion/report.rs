//! The per-frame answer of the motion core: what the game and the logs read.

use super::label::Blob;
use serde::Serialize;
use std::time::Duration;

/// Which side of the child's body, as the child feels it (their own left or right hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The child's own left.
    Left,
    /// The child's own right.
    Right,
    /// Both arms at once (reaching up with both hands).
    Both,
}

impl Side {
    /// The other side; `Both` stays `Both`.
    pub fn opposite(self) -> Self {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
            Side::Both => Side::Both,
        }
    }
}

/// The movements the games ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GestureKind {
    /// Sustained motion of the whole (visible) body; lasts while the child keeps moving.
    Wiggle,
    /// A hand swinging back and forth beside the body; lasts while it swings.
    Wave,
    /// The top of the silhouette rose fast while the body stayed: arms up. A single event.
    ReachUp,
    /// The whole body rose fast (standing only). A single event.
    Jump,
    /// The head held away from its resting place over the body; lasts while held.
    Lean,
    /// Stillness right after movement; lasts while the child stays still.
    Freeze,
}

impl GestureKind {
    /// Every kind, for counters and tests that cover them all.
    pub const ALL: [GestureKind; 6] = [
        GestureKind::Wiggle,
        GestureKind::Wave,
        GestureKind::ReachUp,
        GestureKind::Jump,
        GestureKind::Lean,
        GestureKind::Freeze,
    ];

    /// The name used in logs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            GestureKind::Wiggle => "wiggle",
            GestureKind::Wave => "wave",
            GestureKind::ReachUp => "reach_up",
            GestureKind::Jump => "jump",
            GestureKind::Lean => "lean",
            GestureKind::Freeze => "freeze",
        }
    }
}

/// A gesture seen in this frame. Lasting gestures appear every frame while they last, with
/// `started` on their first frame, so that a game can react to either the state or the onset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gesture {
    /// The player's lasting id.
    pub player: u32,
    /// What was done.
    pub kind: GestureKind,
    /// Which hand or which way, where that means something.
    pub side: Option<Side>,
    /// How strongly, 0..1 (how vigorous a wiggle, how high a jump, how still a freeze).
    pub intensity: f32,
    /// True on the first frame of this gesture.
    pub started: bool,
}

/// One child in front of the camera, in frame pixels of the (mirrored, if asked) image.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Player {
    /// Lasting id: the same child keeps it while they stay, even standing still or crossing.
    pub id: u32,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// Centre of the silhouette, horizontally.
    pub cx: f32,
    /// Centre of the silhouette, vertically.
    pub cy: f32,
    /// Horizontal speed in pixels per second.
    pub vx: f32,
    /// Vertical speed in pixels per second (positive is down).
    pub vy: f32,
    /// How much the child moves now, 0 (still) to 1 (all-out).
    pub activity: f32,
    /// How sure the core is that the child is still there: 1 while seen, decaying slowly
    /// while the child cannot be seen (standing very still, or hidden for a moment).
    pub presence: f32,
}

/// Motion in one of the game's regions.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ZoneReading {
    /// Fraction of the region that moves, 0..1.
    pub motion: f32,
    /// Dominant direction of the movement, a unit vector (x right, y down) or zero when
    /// nothing moves.
    pub dx: f32,
    /// See `dx`.
    pub dy: f32,
    /// Dominant direction in degrees, Scratch's convention: 0 up, 90 right, -90 left, 180 down.
    pub direction: f32,
}

/// What the room's light is doing.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct LightingState {
    /// A global brightness change is under way: motion and gestures are suppressed and the
    /// background re-learns.
    pub event: bool,
    /// The room is too dark for the camera to see movement reliably.
    pub too_dark: bool,
    /// Mean brightness, 0..255.
    pub mean_luma: f32,
    /// Measured frame-to-frame sensor noise (standard deviation at the working resolution).
    pub noise: f32,
    /// Current motion threshold, in grey levels.
    pub threshold: u8,
}

/// Everything the core saw in one frame. Reused between frames so that reading it allocates
/// nothing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MotionReport {
    /// Frame number since the core started (0 first).
    pub frame: u64,
    /// Capture time of the frame.
    #[serde(skip)]
    pub timestamp: Duration,
    /// True during the first frames, while the sensor noise is being measured.
    pub learning: bool,
    /// The room's light.
    pub lighting: LightingState,
    /// The picture as a whole is moving (the camera was bumped, turned or is held in the
    /// hand): like a change of the light, nothing moves, no gesture is seen and the
    /// background starts again until it rests.
    pub camera_moved: bool,
    /// Overall activity, 0..1: the most active child's level (the forest answers whoever
    /// moves); 0 with nobody there.
    pub activity: f32,
    /// Fraction of the mask that moves this frame.
    pub motion_fraction: f32,
    /// Size of the frame.
    pub frame_size: (u32, u32),
    /// Size of the mask the blobs were found in.
    pub mask_size: (u32, u32),
    /// Every component of the final mask, in mask pixels.
    pub blobs: Vec<Blob>,
    /// Children, in frame pixels; at most the configured maximum.
    pub players: Vec<Player>,
    /// One reading per configured zone, in the configured order.
    pub zones: Vec<ZoneReading>,
    /// Gestures seen this frame.
    pub gestures: Vec<Gesture>,
    /// Motion with no child behind it, on a coarse grid of the picture (as the core sees it,
    /// mirrored if asked): bit `x` of row `y` is set when cell (x, y) of
    /// [`STRAY_COLUMNS`] x [`STRAY_ROWS`] moves outside every player. What the room checks
    /// watch for a curtain, a screen or a window that keeps moving.
    pub stray_motion: [u16; STRAY_ROWS],
}

/// Columns of [`MotionReport::stray_motion`].
pub const STRAY_COLUMNS: usize = 16;
/// Rows of [`MotionReport::stray_motion`].
pub const STRAY_ROWS: usize = 12;

impl MotionReport {
    /// The player with this id, if present.
    pub fn player(&self, id: u32) -> Option<&Player> {
        self.players.iter().find(|p| p.id == id)
    }

    /// Gestures of one kind in this frame.
    pub fn gestures_of(&self, kind: GestureKind) -> impl Iterator<Item = &Gesture> {
        self.gestures.iter().filter(move |g| g.kind == kind)
    }
}
