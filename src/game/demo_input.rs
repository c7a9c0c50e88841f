//! Demo input: without a camera, the mouse is a child's moving hand and keys make gestures.
//!
//! It fills [`Motion`] exactly as the camera side would (a player, a silhouette, zone
//! readings, gestures), so every mini-game can be tried, shown and tested on any machine.
//! Keys: W (hold) wiggle, Space jump, R reach up, Q/E wave left/right (hold), Left/Right
//! arrows lean (hold), F freeze.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::AppSystems;
use super::layout::{WIDTH, world_to_picture};
use super::motion_bridge::{ActiveProfile, GameZones, GestureStarted, InputState, Motion};
use crate::motion::{BitMask, Gesture, GestureKind, Player, Profile, Side, ZoneReading};

/// Size of the demo silhouette, the same as the core's working size for 640x480.
const MASK_W: usize = 160;
const MASK_H: usize = 120;

/// The mouse hand's recent movement.
#[derive(Resource, Debug, Default)]
pub struct DemoHand {
    /// Where the hand is, in world units.
    pub position: Vec2,
    /// How fast it moves, world units per second (smoothed).
    pub velocity: Vec2,
    /// Smoothed activity, 0..1.
    pub activity: f32,
    frames: u64,
    freeze_until: f32,
}

/// Adds demo input, active whenever no camera source delivers.
pub fn plugin(app: &mut App) {
    app.init_resource::<DemoHand>().add_systems(
        Update,
        demo_motion
            .in_set(AppSystems::RecordInput)
            .after(super::motion_bridge::BridgeSystems)
            .run_if(demo_active),
    );
}

/// Whether the demo drives the game: no source, or the source is lost.
pub fn demo_active(motion: Res<Motion>) -> bool {
    matches!(motion.input, InputState::Demo | InputState::Lost { .. })
}

/// Keys that make gestures, for tests and for the on-screen help.
pub struct DemoKeys;

impl DemoKeys {
    /// Hold to wiggle.
    pub const WIGGLE: KeyCode = KeyCode::KeyW;
    /// Jump (reach up when not standing).
    pub const JUMP: KeyCode = KeyCode::Space;
    /// Both arms up.
    pub const REACH: KeyCode = KeyCode::KeyR;
    /// Hold to wave the left hand.
    pub const WAVE_LEFT: KeyCode = KeyCode::KeyQ;
    /// Hold to wave the right hand.
    pub const WAVE_RIGHT: KeyCode = KeyCode::KeyE;
    /// Hold to lean left.
    pub const LEAN_LEFT: KeyCode = KeyCode::ArrowLeft;
    /// Hold to lean right.
    pub const LEAN_RIGHT: KeyCode = KeyCode::ArrowRight;
    /// Freeze.
    pub const FREEZE: KeyCode = KeyCode::KeyF;
}

fn demo_motion(
    time: Res<Time>,
    keys: Option<Res<ButtonInput<KeyCode>>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform)>,
    zones: Res<GameZones>,
    profile: Res<ActiveProfile>,
    mut hand: ResMut<DemoHand>,
    mut motion: ResMut<Motion>,
    mut started: MessageWriter<GestureStarted>,
    mut held: Local<Vec<(GestureKind, Option<Side>)>>,
) {
    let dt = time.delta_secs().max(1e-3);
    let now = time.elapsed_secs();
    // The cursor, in world units, if there is a window and a camera (not in headless tests).
    let cursor = windows
        .single()
        .ok()
        .and_then(|w| w.cursor_position())
        .and_then(|c| {
            let (camera, transform) = cameras.iter().next()?;
            camera.viewport_to_world_2d(transform, c).ok()
        });
    let target = cursor.unwrap_or(hand.position);
    let moved = (target - hand.position) / dt;
    hand.velocity = hand.velocity.lerp(moved, 0.3);
    hand.position = target;
    hand.frames += 1;
    let speed = hand.velocity.length() / WIDTH;
    let pressed = |k: KeyCode| keys.as_ref().is_some_and(|k2| k2.pressed(k));
    let just = |k: KeyCode| keys.as_ref().is_some_and(|k2| k2.just_pressed(k));
    let wiggling = pressed(DemoKeys::WIGGLE);
    let goal = if wiggling {
        0.8
    } else {
        (speed * 1.5).min(1.0)
    };
    hand.activity += (goal - hand.activity) * (1.0 - (-dt / 0.3).exp());
    if just(DemoKeys::FREEZE) {
        hand.freeze_until = now + 3.0;
        hand.activity = 0.0;
    }

    // One demo child, standing under the hand.
    let picture = world_to_picture(hand.position);
    let cx = picture.x.clamp(0.1, 0.9);
    let report = &mut motion.report;
    report.frame = hand.frames;
    report.learning = false;
    report.lighting = Default::default();
    report.lighting.mean_luma = 128.0;
    report.activity = hand.activity;
    report.motion_fraction = hand.activity * 0.05;
    report.frame_size = (640, 480);
    report.mask_size = (MASK_W as u32, MASK_H as u32);
    report.blobs.clear();
    report.players.clear();
    report.players.push(Player {
        id: 1,
        x: (cx - 0.12) * 640.0,
        y: 0.2 * 480.0,
        w: 0.24 * 640.0,
        h: 0.8 * 480.0,
        cx: cx * 640.0,
        cy: 0.6 * 480.0,
        vx: hand.velocity.x,
        vy: 0.0,
        activity: hand.activity,
        presence: 1.0,
    });
    // Zones: the hand moves over a region.
    report.zones.clear();
    for rect in &zones.rects {
        let inside = rect.contains(hand.position);
        let moving = speed > 0.05 || wiggling;
        report.zones.push(if inside && moving {
            let dir = hand.velocity.normalize_or_zero();
            ZoneReading {
                motion: (speed * 3.0).clamp(0.2, 1.0),
                dx: dir.x,
                dy: -dir.y,
                direction: dir.x.atan2(dir.y).to_degrees(),
            }
        } else {
            ZoneReading::default()
        });
    }
    // Gestures from the keys: lasting ones while held, single ones when pressed.
    report.gestures.clear();
    let standing = profile.0 == Profile::Standing;
    let mut now_held = Vec::new();
    let mut add = |kind: GestureKind, side: Option<Side>, intensity: f32, lasting: bool| {
        let key = (kind, side);
        let started = !lasting || !held.contains(&key);
        if lasting {
            now_held.push(key);
        }
        report.gestures.push(Gesture {
            player: 1,
            kind,
            side,
            intensity,
            started,
        });
    };
    if wiggling {
        add(GestureKind::Wiggle, None, 0.8, true);
    }
    if pressed(DemoKeys::WAVE_LEFT) {
        add(GestureKind::Wave, Some(Side::Left), 0.8, true);
    }
    if pressed(DemoKeys::WAVE_RIGHT) {
        add(GestureKind::Wave, Some(Side::Right), 0.8, true);
    }
    if pressed(DemoKeys::LEAN_LEFT) {
        add(GestureKind::Lean, Some(Side::Left), 0.8, true);
    }
    if pressed(DemoKeys::LEAN_RIGHT) {
        add(GestureKind::Lean, Some(Side::Right), 0.8, true);
    }
    if now < hand.freeze_until && !wiggling {
        add(GestureKind::Freeze, None, 1.0, true);
    }
    if just(DemoKeys::JUMP) {
        if standing {
            add(GestureKind::Jump, None, 0.8, false);
        } else {
            add(GestureKind::ReachUp, Some(Side::Both), 0.8, false);
        }
    }
    if just(DemoKeys::REACH) {
        add(GestureKind::ReachUp, Some(Side::Both), 0.8, false);
    }
    *held = now_held;
    started.write_batch(
        report
            .gestures
            .iter()
            .filter(|g| g.started)
            .map(|g| GestureStarted(*g)),
    );
    draw_demo_child(&mut motion.silhouette, cx, picture);
    motion.fresh = true;
}

/// A simple figure under the hand, with one arm reaching to it.
fn draw_demo_child(mask: &mut BitMask, cx: f32, hand: Vec2) {
    if (mask.width(), mask.height()) != (MASK_W, MASK_H) {
        *mask = BitMask::new(MASK_W, MASK_H);
    }
    mask.clear();
    let (w, h) = (MASK_W as f32, MASK_H as f32);
    let body_x = cx * w;
    let mut disc = |x: f32, y: f32, r: f32| {
        let (x0, x1) = (
            (x - r).max(0.0) as usize,
            ((x + r) as usize).min(MASK_W - 1),
        );
        let (y0, y1) = (
            (y - r).max(0.0) as usize,
            ((y + r) as usize).min(MASK_H - 1),
        );
        for py in y0..=y1 {
            for px in x0..=x1 {
                let (dx, dy) = (px as f32 + 0.5 - x, py as f32 + 0.5 - y);
                if dx * dx + dy * dy <= r * r {
                    mask.set(px, py, true);
                }
            }
        }
    };
    disc(body_x, 0.32 * h, 0.07 * h);
    for k in 0..12 {
        let t = k as f32 / 11.0;
        disc(body_x, (0.45 + 0.3 * t) * h, 0.09 * h);
        disc(body_x - 0.03 * w, (0.75 + 0.25 * t) * h, 0.04 * h);
        disc(body_x + 0.03 * w, (0.75 + 0.25 * t) * h, 0.04 * h);
    }
    let shoulder = Vec2::new(body_x, 0.45 * h);
    let hand_px = Vec2::new(hand.x.clamp(0.0, 1.0) * w, hand.y.clamp(0.0, 1.0) * h);
    for k in 0..=16 {
        let p = shoulder.lerp(hand_px, k as f32 / 16.0);
        disc(p.x, p.y, 0.025 * h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_child_reaches_for_the_hand() {
        let mut mask = BitMask::default();
        draw_demo_child(&mut mask, 0.5, Vec2::new(0.9, 0.2));
        assert!(mask.count_ones() > 300);
        assert!(mask.get(80, 40), "head and body are drawn");
        assert!(
            mask.get((0.9 * 160.0) as usize - 1, (0.2 * 120.0) as usize),
            "the arm reaches the hand"
        );
    }
}
