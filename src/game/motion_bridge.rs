//! The motion bridge: the camera side's newest report, published to the game once a frame,
//! before any gameplay system runs.
//!
//! The motion core runs on its own threads (see [`crate::camera::MotionFeed`]); this plugin
//! only copies out its latest result, so the render thread never waits for a camera.
//! Mini-games read [`Motion`] and [`GestureStarted`]; they ask for motion in regions of the
//! screen through [`GameZones`].

use std::time::Duration;

use bevy::prelude::*;

use super::AppSystems;
use super::layout::world_to_picture;
use crate::camera::{MotionFeed, RoomConfig, RoomMonitor, RoomSample, SourceStatus};
use crate::motion::{BitMask, Gesture, GestureKind, MotionReport, Profile, Zone, ZoneReading};

/// The latest motion, as the game sees it.
#[derive(Resource, Debug, Default)]
pub struct Motion {
    /// What the core (or the demo input) saw most recently.
    pub report: MotionReport,
    /// Where the children are, at the core's working size (already mirrored).
    pub silhouette: BitMask,
    /// True in the frame a new report arrived.
    pub fresh: bool,
    /// Where motion comes from and whether it is working.
    pub input: InputState,
    /// Capture-to-report time of the latest report.
    pub latency: Duration,
    /// Reports per second arriving from the core.
    pub fps: f32,
    /// Frames the core skipped because a newer one was waiting.
    pub dropped: u64,
}

/// Where motion comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum InputState {
    /// A camera, clip or synthetic source is delivering.
    Running {
        /// The source in plain words.
        name: String,
    },
    /// The source is starting up.
    #[default]
    Starting,
    /// The source failed; it is retried in the background.
    Lost {
        /// What happened, in words a play specialist understands.
        reason: String,
    },
    /// No source at all: the mouse and keyboard play instead.
    Demo,
}

impl Motion {
    /// How much the children move now, 0..1.
    pub fn activity(&self) -> f32 {
        self.report.activity
    }

    /// Whether a gesture of this kind is going on for any player this frame.
    pub fn doing(&self, kind: GestureKind) -> Option<&Gesture> {
        self.report.gestures.iter().find(|g| g.kind == kind)
    }

    /// The reading of the `index`-th zone of [`GameZones`], once the core has measured it.
    pub fn zone(&self, index: usize) -> ZoneReading {
        self.report.zones.get(index).copied().unwrap_or_default()
    }

    /// Whether someone is in front of the camera.
    pub fn anyone(&self) -> bool {
        !self.report.players.is_empty()
    }

    /// Whether motion input is usable (a running source, or the demo).
    pub fn usable(&self) -> bool {
        matches!(self.input, InputState::Running { .. } | InputState::Demo)
    }
}

/// The first frame of a gesture (a wave starting, a jump, a freeze), once per gesture.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct GestureStarted(pub Gesture);

/// Regions of the screen (world rectangles) whose motion the current mini-game wants to
/// know; readings come back in [`Motion::zone`], in the same order.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct GameZones {
    /// Centre and size of each region, in world units.
    pub rects: Vec<Rect>,
}

/// The motion profile the core reads with (the session's).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActiveProfile(pub Profile);

/// When present, nothing overwrites [`Motion`]: tests and benchmarks script it themselves
/// (reports and [`GestureStarted`] messages), as if from a camera.
#[derive(Resource, Debug, Default)]
pub struct ScriptedMotion;

/// The room checks (too dark, flicker, nothing moving for long), fed from every report.
#[derive(Resource, Debug)]
pub struct RoomChecks(pub RoomMonitor);

impl Default for RoomChecks {
    fn default() -> Self {
        Self(RoomMonitor::new(RoomConfig::default()))
    }
}

/// The running camera side, if any.
#[derive(Resource)]
pub struct Feed(pub MotionFeed);

/// Adds the bridge: [`Motion`], [`GestureStarted`], [`GameZones`].
pub fn plugin(app: &mut App) {
    app.init_resource::<Motion>()
        .init_resource::<GameZones>()
        .init_resource::<ActiveProfile>()
        .init_resource::<RoomChecks>()
        .add_message::<GestureStarted>()
        .add_systems(
            Update,
            (forward_zones, forward_profile, record_motion, check_room)
                .chain()
                .in_set(AppSystems::RecordInput)
                .in_set(BridgeSystems),
        );
}

/// The bridge's own systems, so that demo input can run after them.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct BridgeSystems;

/// The zones as the core wants them: picture coordinates.
pub fn zones_for_core(rects: &[Rect]) -> Vec<Zone> {
    rects
        .iter()
        .map(|r| {
            // World y is up, picture v is down: the top-left corner comes from max.y.
            let top_left = world_to_picture(Vec2::new(r.min.x, r.max.y));
            let bottom_right = world_to_picture(Vec2::new(r.max.x, r.min.y));
            Zone {
                x: top_left.x,
                y: top_left.y,
                w: bottom_right.x - top_left.x,
                h: bottom_right.y - top_left.y,
            }
        })
        .collect()
}

fn forward_zones(zones: Res<GameZones>, feed: Option<Res<Feed>>) {
    if let Some(feed) = feed
        && zones.is_changed()
    {
        // A closed worker is reported through the status; nothing to do here.
        let _ = feed.0.set_zones(zones_for_core(&zones.rects));
    }
}

fn forward_profile(profile: Res<ActiveProfile>, feed: Option<Res<Feed>>) {
    if let Some(feed) = feed
        && profile.is_changed()
    {
        let _ = feed.0.set_profile(profile.0);
    }
}

fn record_motion(
    mut motion: ResMut<Motion>,
    feed: Option<ResMut<Feed>>,
    mut started: MessageWriter<GestureStarted>,
    mut last_sequence: Local<Option<u64>>,
    scripted: Option<Res<ScriptedMotion>>,
) {
    if scripted.is_some() {
        // Tests script the reports, and may script a lost camera too.
        if motion.input == InputState::Starting {
            motion.input = InputState::Running {
                name: "scripted".into(),
            };
        }
        return;
    }
    motion.fresh = false;
    let Some(mut feed) = feed else {
        motion.input = InputState::Demo;
        return;
    };
    motion.input = match feed.0.status() {
        SourceStatus::Starting => InputState::Starting,
        SourceStatus::Running { info } => InputState::Running {
            name: format!(
                "{} ({}x{}, {:.0} fps)",
                info.name, info.width, info.height, info.fps
            ),
        },
        SourceStatus::Lost { reason, .. } => InputState::Lost { reason },
    };
    let stats = feed.0.stats();
    motion.fps = stats.fps;
    motion.dropped = stats.frames_dropped;
    let Some(out) = feed.0.latest() else {
        return;
    };
    if *last_sequence == Some(out.sequence) {
        return;
    }
    *last_sequence = Some(out.sequence);
    let Motion {
        report, silhouette, ..
    } = &mut *motion;
    report.clone_from(&out.report);
    silhouette.clone_from(&out.silhouette);
    motion.latency = out.latency;
    motion.fresh = true;
    started.write_batch(
        out.report
            .gestures
            .iter()
            .filter(|g| g.started)
            .map(|g| GestureStarted(*g)),
    );
}

/// Feeds the room checks with each new report from a real source (not the demo).
fn check_room(
    time: Res<Time>,
    motion: Res<Motion>,
    session: Res<super::session::Session>,
    mut room: ResMut<RoomChecks>,
    mut was_active: Local<bool>,
) {
    let now = time.elapsed();
    if session.active != *was_active {
        *was_active = session.active;
        if session.active {
            room.0.session_started(now);
        } else {
            room.0.session_ended();
        }
    }
    if motion.fresh && matches!(motion.input, InputState::Running { .. }) {
        room.0.observe(&RoomSample::from(&motion.report), now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_rects_become_picture_zones() {
        let zones = zones_for_core(&[Rect::from_center_size(Vec2::ZERO, Vec2::new(160.0, 90.0))]);
        let z = zones[0];
        assert!((z.x - 0.45).abs() < 1e-4 && (z.y - 0.45).abs() < 1e-4);
        assert!((z.w - 0.1).abs() < 1e-4 && (z.h - 0.1).abs() < 1e-4);
    }
}
