//! Gesture recognition per player: wiggle, wave, reach up, jump, lean and freeze.
//!
//! Each recogniser is a small state machine over the body measurements of consecutive frames,
//! timed in seconds (not frames) and sized in fractions of the player's height, and each has
//! a method of its own. What real bodies taught them:
//!
//! - **Rises** (reach up, jump) are measured from the *resting* top of the silhouette, the
//!   lowest the top has been in the last second, not from a running average: in jumping jacks
//!   or hops the top is away from rest half the time. Each repetition is one event, fired on
//!   the way up, as the top passes a set share of the stature above rest; the next may fire
//!   once the top has come back down. Arms up or a jump is told by the rows just below the
//!   resting head: a head alone is narrow there, a head between two raised arms is wide.
//! - **Wave** is a raised hand (at or above the shoulders) swinging sideways, on one side
//!   while the other stays still, with the child in place: the arm swing of walking, two arms
//!   going up and down together and the flailing of a fall are not waves.

use super::body::BodyFeatures;
use super::profile::ProfileParams;
use super::report::{Gesture, GestureKind, Side};

/// Rough silhouette area of a child as a multiple of height squared; motion is measured
/// against it so that near and far children count alike.
const BODY_AREA: f32 = 0.3;
/// The resting top is low among the tops of this many seconds...
const REST_WINDOW: f32 = 1.0;
/// ...at this rank (0 the highest in the picture, 1 the lowest): in jumping jacks the arms
/// are up half the time, and a frame or two of a broken-up head must not count.
const REST_RANK: f32 = 0.8;
/// Samples kept: a second at up to 60 frames a second.
const HISTORY: usize = 64;
/// A rise may fire again once the top is back within this share of the rise from rest.
const REARM: f32 = 0.35;
/// A rise this soon (seconds) after a jump belongs to the same series of hops.
const HOP_SERIES_SECONDS: f32 = 1.0;
/// ...when the top rose no more than this many times as high as in that jump: arms thrown
/// up lift the top far higher than a hop.
const HOP_LIKE: f32 = 1.4;
/// Below the resting head, a silhouette wider than this share of the stature holds raised
/// arms beside the head.
const ARMS_BAND: f32 = 0.45;
/// ...and wider than this share in a series of hops.
const SERIES_ARMS_BAND: f32 = 0.6;
/// ...and a jump starts a series only when the silhouette there is narrower than this share:
/// the arms plainly down.
const SERIES_CLEAR_BAND: f32 = 0.4;
/// In a jump the body's centre rises at least this share of what its top rises.
const BODY_ROSE: f32 = 0.3;
/// A rise needs at least this many moving pixels per squared stature in its frame.
const MOVED: f32 = 0.01;
/// Fewest moving pixels above the resting top of the head for a rise: a hand or a head
/// going up moves there.
const MIN_RAISED_MOVING: u32 = 2;
/// Fewest working pixels a rise or a swing must span: one pixel is the grid, not a body.
const MIN_RISE_PIXELS: f32 = 2.0;
/// Fewest moving pixels of a waving hand.
const MIN_WAVE_PIXELS: f32 = 4.0;
/// A waving arm holds at least this share of the body's moving pixels.
const MAIN_MOVER: f32 = 0.35;
/// Seconds after a rise during which the head's place is not judged for a lean.
const AFTER_RISE: f32 = 1.0;
/// A wave is `WAVE_SWINGS` changes of direction within `WAVE_WINDOW` seconds (a hand waving
/// at 1.5 to 3 times a second; slower swings are arms going up and down).
const WAVE_WINDOW: f32 = 1.5;
const WAVE_SWINGS: usize = 3;

/// A small number per gesture kind and side, for remembering what was reported.
fn gesture_key(kind: GestureKind, side: Option<Side>) -> u32 {
    let k = GestureKind::ALL
        .iter()
        .position(|&g| g == kind)
        .unwrap_or(0) as u32;
    let s = match side {
        None => 0,
        Some(Side::Left) => 1,
        Some(Side::Right) => 2,
        Some(Side::Both) => 3,
    };
    k * 4 + s
}

/// Exponential smoothing with time constant `tau` seconds.
fn smooth(value: &mut f32, target: f32, dt: f32, tau: f32) {
    let a = 1.0 - (-dt / tau).exp();
    *value += (target - *value) * a;
}

/// What a gesture recogniser needs besides the measurements.
#[derive(Debug, Clone, Copy)]
pub struct GestureContext {
    /// The player's id, for the report.
    pub player: u32,
    /// Seconds since the core started.
    pub now: f32,
    /// Seconds since the previous frame.
    pub dt: f32,
    /// The player's usual height in mask pixels.
    pub stature: f32,
    /// Thresholds of the profile.
    pub params: ProfileParams,
    /// Whether the picture is mirrored (then the picture's left is the child's left).
    pub mirrored: bool,
    /// Whether the player was measured this frame (false while hidden or merged).
    pub observed: bool,
    /// Whether the player's box touches the side of the picture: a child coming in or
    /// going out shows more or less of itself, which is no movement of theirs.
    pub at_side: bool,
    /// Whether a child of the standing profile lies across the picture (fallen, lying on the
    /// floor): arms up, jumps, waves and leans are a standing child's; wiggling and holding
    /// still are anyone's.
    pub lying: bool,
}

impl GestureContext {
    /// The child's side for a region on the picture's left (0) or right (1).
    fn side_of(&self, picture_side: usize) -> Side {
        let on_picture_left = picture_side == 0;
        // Facing the camera, a child's right hand is on the picture's left, unless mirrored.
        match (on_picture_left, self.mirrored) {
            (true, true) | (false, false) => Side::Left,
            (true, false) | (false, true) => Side::Right,
        }
    }
}

/// Back-and-forth detector for one coordinate of one arm.
#[derive(Debug, Clone, Copy, Default)]
struct Swing {
    extreme: f32,
    direction: i8,
    started: bool,
    reversals: [f32; 4],
    count: usize,
    last_swing: f32,
}

impl Swing {
    fn reset(&mut self) {
        *self = Swing::default();
    }

    /// Feeds a position; returns true when the direction reversed by more than `amplitude`.
    fn feed(&mut self, value: f32, amplitude: f32, now: f32) -> bool {
        if !self.started {
            self.started = true;
            self.extreme = value;
            return false;
        }
        let reversed = if self.direction >= 0 {
            if value > self.extreme {
                self.extreme = value;
                false
            } else {
                self.extreme - value > amplitude
            }
        } else if value < self.extreme {
            self.extreme = value;
            false
        } else {
            value - self.extreme > amplitude
        };
        if reversed {
            self.last_swing = (value - self.extreme).abs();
            self.direction = if self.direction >= 0 { -1 } else { 1 };
            self.extreme = value;
            self.reversals[self.count % 4] = now;
            self.count += 1;
        }
        reversed
    }

    /// Reversals within the last `window` seconds.
    fn recent(&self, now: f32, window: f32) -> usize {
        let n = self.count.min(4);
        (0..n)
            .filter(|&i| now - self.reversals[(self.count - 1 - i) % 4] <= window)
            .count()
    }
}

/// One arm's wave recogniser.
#[derive(Debug, Clone, Copy, Default)]
struct Wave {
    x: Swing,
    quiet: f32,
    active: bool,
}

/// A reach seen starting, whose arms are still being counted.
#[derive(Debug, Clone, Copy)]
struct Reach {
    since: f32,
    raised: [u32; 2],
    height: f32,
}

/// Seconds a reach is watched before its side is decided (arms rise one a little before the
/// other).
const REACH_LOOK: f32 = 0.1;

/// A sample of the silhouette's vertical extent, for rises.
#[derive(Debug, Clone, Copy, Default)]
struct Heights {
    time: f32,
    top: f32,
    bottom: f32,
    centre: f32,
    base_x: f32,
}

/// All gesture state of one player.
#[derive(Debug, Clone)]
pub struct GestureState {
    age: f32,
    reported: u32,
    base_x: f32,
    energy_fast: f32,
    energy_mid: f32,
    energy_slow: f32,
    play_energy: f32,
    walked_at: f32,
    wiggle_time: f32,
    wiggle: bool,
    last_moved: f32,
    still_since: Option<f32>,
    freeze: bool,
    waves: [Wave; 2],
    history: [Heights; HISTORY],
    history_len: usize,
    rest_top: f32,
    rest_centre: f32,
    rise_armed: bool,
    reach: Option<Reach>,
    last_rise: f32,
    /// When the last jump was reported, and how high the top rose: hops come in series of
    /// like heights.
    last_jump: (f32, f32),
    lean_base: Option<f32>,
    lean_time: f32,
    lean: Option<Side>,
}

impl Default for GestureState {
    fn default() -> Self {
        Self {
            age: 0.0,
            reported: 0,
            base_x: 0.0,
            energy_fast: 0.0,
            energy_mid: 0.0,
            energy_slow: 0.0,
            play_energy: 0.0,
            walked_at: f32::NEG_INFINITY,
            wiggle_time: 0.0,
            wiggle: false,
            last_moved: f32::NEG_INFINITY,
            still_since: None,
            freeze: false,
            waves: [Wave::default(); 2],
            history: [Heights::default(); HISTORY],
            history_len: 0,
            rest_top: 0.0,
            rest_centre: 0.0,
            rise_armed: false,
            reach: None,
            last_rise: f32::NEG_INFINITY,
            last_jump: (f32::NEG_INFINITY, 0.0),
            lean_base: None,
            lean_time: 0.0,
            lean: None,
        }
    }
}

/// Speed of the feet, in heights per second, above which a player is walking rather than
/// playing in place, measured over `WALK_WINDOW` seconds.
const WALKING: f32 = 0.4;
const WALK_WINDOW: f32 = 1.0;
/// The body's centre moving up or down faster than this (heights per second) is a fall or a
/// sit-down, not play.
const FALLING: f32 = 0.8;

/// Seconds a new player is watched before gestures are reported, so that baselines (the
/// resting top of the head, upright) settle while the child arrives.
const SETTLE_SECONDS: f32 = 1.0;
/// Rises count sooner: their baseline is the top seen at rest, which a child playing from the
/// start shows within half a second (jumping jacks from the first frame).
const RISE_SETTLE_SECONDS: f32 = 0.4;

/// What one frame tells every recogniser, worked out once.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Moving pixels per body area.
    energy: f32,
    /// The child is not walking (feet not travelling).
    in_place: bool,
    /// The body's centre is dropping or rising fast (a fall, sitting down).
    falling: bool,
    /// Past the settling second.
    settled: bool,
    /// The silhouette's top above its resting place, in statures.
    above_rest: f32,
}

impl GestureState {
    /// The player's activity level now, 0..1.
    pub fn activity(&self, params: &ProfileParams) -> f32 {
        (self.energy_mid / params.activity_full).clamp(0.0, 1.0)
    }

    /// The resting top of the silhouette (head top when arms are down), in mask rows.
    pub fn rest_top(&self) -> f32 {
        self.rest_top
    }

    /// Updates with this frame's measurements and appends the gestures seen to `out`.
    pub fn update(&mut self, f: &BodyFeatures, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let first = out.len();
        self.recognise(f, ctx, out);
        // A gesture starts when it was not reported in the previous frame.
        let mut reported = 0u32;
        for g in &mut out[first..] {
            let bit = 1u32 << gesture_key(g.kind, g.side);
            g.started = self.reported & bit == 0;
            reported |= bit;
        }
        self.reported = reported;
    }

    fn recognise(&mut self, f: &BodyFeatures, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let stature = ctx.stature.max(4.0);
        let energy = if ctx.observed {
            f.moving.count as f32 / (BODY_AREA * stature * stature)
        } else {
            0.0
        };
        smooth(&mut self.energy_fast, energy, ctx.dt, 0.15);
        smooth(&mut self.energy_mid, energy, ctx.dt, 0.4);
        smooth(&mut self.energy_slow, energy, ctx.dt, 0.7);
        if !ctx.observed || f.silhouette.count == 0 {
            self.hidden(ctx, out);
            return;
        }
        self.age += ctx.dt;
        let frame = self.remember(f, ctx, energy);
        self.wiggle(&frame, ctx, out);
        self.freeze(ctx, out);
        if ctx.lying {
            self.rise_armed = false;
            self.end_arm_gestures();
            return;
        }
        self.rise(f, &frame, ctx, out);
        self.wave(f, &frame, ctx, out);
        self.lean(f, &frame, ctx, out);
    }

    /// Hidden (not measured this frame): moving gestures end; a freeze holds (a still child
    /// is often unseen).
    fn hidden(&mut self, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        self.wiggle = false;
        self.wiggle_time = 0.0;
        self.end_arm_gestures();
        if self.freeze {
            emit(out, ctx, GestureKind::Freeze, None, 1.0);
        }
    }

    /// Ends a lean and every wave under way, forgetting the swings counted so far.
    fn end_arm_gestures(&mut self) {
        self.lean = None;
        for wave in &mut self.waves {
            wave.active = false;
            wave.x.reset();
        }
    }

    /// Keeps the history of the silhouette's extent and works out what every recogniser
    /// reads from it: the resting levels, walking, falling.
    fn remember(&mut self, f: &BodyFeatures, ctx: &GestureContext, energy: f32) -> Frame {
        let stature = ctx.stature.max(4.0);
        if self.base_x == 0.0 || f.base.count == 0 {
            self.base_x = f.base.x;
        } else {
            smooth(&mut self.base_x, f.base.x, ctx.dt, 0.2);
        }
        let sample = Heights {
            time: ctx.now,
            top: f.top,
            bottom: f.bottom,
            centre: f.silhouette.y,
            base_x: self.base_x,
        };
        self.history[self.history_len % HISTORY] = sample;
        self.history_len += 1;
        let recent = |window: f32| {
            (0..self.history_len.min(HISTORY))
                .map(|i| self.history[(self.history_len - 1 - i) % HISTORY])
                .take_while(move |h| ctx.now - h.time <= window)
        };
        // Resting levels: low in the last second, but not the lowest (a frame in which the
        // head's silhouette broke up is not rest).
        let mut tops = [0f32; HISTORY];
        let mut centres = [0f32; HISTORY];
        let mut n = 0;
        for h in recent(REST_WINDOW) {
            tops[n] = h.top;
            centres[n] = h.centre;
            n += 1;
        }
        let rank = ((n - 1) as f32 * REST_RANK).round() as usize;
        let at_rank = |values: &mut [f32]| {
            let (_, v, _) = values.select_nth_unstable_by(rank, f32::total_cmp);
            *v
        };
        self.rest_top = at_rank(&mut tops[..n]);
        self.rest_centre = at_rank(&mut centres[..n]);
        // Walking moves the feet (or the wheelchair) across the picture; wiggling in place
        // only shakes them. Only in-place movement is a wiggle, a wave or a lean.
        let then = recent(WALK_WINDOW).last().unwrap_or(sample);
        let span = ctx.now - then.time;
        let walking = f.base.count > 0
            && then.base_x != 0.0
            && span > 0.5 * WALK_WINDOW
            && (sample.base_x - then.base_x).abs() > WALKING * stature * span;
        if walking {
            self.walked_at = ctx.now;
        }
        let short = recent(0.3).last().unwrap_or(sample);
        let falling = ctx.now - short.time > 0.1
            && (sample.centre - short.centre).abs() > FALLING * stature * (ctx.now - short.time)
            && (sample.bottom - short.bottom).abs()
                < 0.5 * (sample.centre - short.centre).abs() + 0.05 * stature;
        let in_place = ctx.now - self.walked_at > 0.3;
        smooth(
            &mut self.play_energy,
            if in_place { energy } else { 0.0 },
            ctx.dt,
            0.3,
        );
        Frame {
            energy,
            in_place,
            falling,
            settled: self.age >= SETTLE_SECONDS,
            above_rest: (self.rest_top - f.top) / stature,
        }
    }

    /// Wiggle: sustained motion of the body, in place.
    fn wiggle(&mut self, frame: &Frame, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let p = &ctx.params;
        if self.play_energy > p.wiggle_on && frame.settled {
            self.wiggle_time += ctx.dt;
        } else if self.play_energy < 0.7 * p.wiggle_on {
            self.wiggle_time = 0.0;
        }
        self.wiggle = self.wiggle_time >= 0.8;
        if self.wiggle && frame.settled {
            emit(
                out,
                ctx,
                GestureKind::Wiggle,
                None,
                self.play_energy / p.wiggle_full,
            );
        }
        let _ = frame.energy;
    }

    /// Freeze: still, right after moving.
    fn freeze(&mut self, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let p = &ctx.params;
        if self.energy_slow > 0.8 * p.wiggle_on {
            self.last_moved = ctx.now;
        }
        let settled = self.age >= SETTLE_SECONDS;
        let stillness = 1.0 - self.energy_fast / (1.5 * p.still_below);
        if self.energy_fast < p.still_below {
            let since = *self.still_since.get_or_insert(ctx.now);
            if !self.freeze && ctx.now - since >= 0.4 && since - self.last_moved < 2.0 {
                self.freeze = true;
                if settled {
                    emit(out, ctx, GestureKind::Freeze, None, 1.0);
                }
            } else if self.freeze {
                emit(out, ctx, GestureKind::Freeze, None, stillness);
            }
        } else {
            self.still_since = None;
            if self.freeze && self.energy_fast > 1.5 * p.still_below {
                self.freeze = false;
            } else if self.freeze {
                emit(out, ctx, GestureKind::Freeze, None, stillness);
            }
        }
    }

    /// Rises: the top of the silhouette passes a share of the stature above its resting
    /// place. One event a repetition: a jump when the head itself rose (standing only), a
    /// reach up when arms rose beside or above it.
    fn rise(
        &mut self,
        f: &BodyFeatures,
        frame: &Frame,
        ctx: &GestureContext,
        out: &mut Vec<Gesture>,
    ) {
        let p = &ctx.params;
        let stature = ctx.stature.max(4.0);
        // Armed only once the top has been seen at rest: a child arriving (sitting up,
        // walking in) rises all the way and is never armed until they settle.
        if ctx.at_side {
            self.rise_armed = false;
        } else if frame.above_rest < REARM * p.rise {
            self.rise_armed = true;
        }
        // A rise is a movement: the top passing the line with nothing moving is the
        // silhouette's edge flickering, and a pixel or two is the grid, not a body.
        let moved = f.moving.count as f32 >= MOVED * stature * stature;
        let big_enough = frame.above_rest * stature >= MIN_RISE_PIXELS;
        // And it moves up there: what stands still above the head is the wall's memory of
        // an old pose (the ghost of arms held up when the core started), not a hand.
        let moved_up = f.raised_moving >= MIN_RAISED_MOVING;
        if frame.above_rest >= p.rise
            && big_enough
            && moved
            && moved_up
            && self.rise_armed
            && self.age >= RISE_SETTLE_SECONDS
            && frame.in_place
            && !frame.falling
        {
            self.rise_armed = false;
            self.last_rise = ctx.now;
            // The whole body rose (its centre with the top), with no arms spread beside the
            // head: a jump. Arms lift the top far more than the centre.
            let centre_rose = (self.rest_centre - f.silhouette.y) / stature;
            let arms_band = |share: f32| f.head_band >= share * stature;
            // Hops come in series: a rise with no arms beside the head soon after a hop is
            // the next hop, even when the centre (a crouch before take-off, a leaning
            // trunk) hardly rose with the top.
            let (jumped_at, jump_height) = self.last_jump;
            let hopping = ctx.now - jumped_at <= HOP_SERIES_SECONDS
                && frame.above_rest <= HOP_LIKE * jump_height;
            // In a series of hops only arms plainly out beside the head make it arms up: a
            // hop's shoulders, a shrug, or someone passing behind the head widen it a little.
            let jumped = if hopping {
                !arms_band(SERIES_ARMS_BAND)
            } else {
                !arms_band(ARMS_BAND) && centre_rose >= BODY_ROSE * frame.above_rest
            };
            if p.jump_enabled && jumped {
                // Only a hop with the arms plainly down starts a series (a jumping jack caught
                // low in its swing, judged a hop, must not make the rest of the set hops);
                // any hop in a series carries it on.
                if hopping || !arms_band(SERIES_CLEAR_BAND) {
                    self.last_jump = (ctx.now, frame.above_rest);
                }
                emit(
                    out,
                    ctx,
                    GestureKind::Jump,
                    None,
                    frame.above_rest / (3.0 * p.rise),
                );
            } else {
                self.reach = Some(Reach {
                    since: ctx.now,
                    raised: [0, 0],
                    height: 0.0,
                });
            }
        }
        if let Some(reach) = &mut self.reach {
            for (most, r) in reach.raised.iter_mut().zip(f.raised) {
                *most = (*most).max(r.count);
            }
            reach.height = reach.height.max(frame.above_rest);
            if ctx.now - reach.since >= REACH_LOOK {
                let [left, right] = reach.raised.map(|c| c as f32);
                let side = if left.min(right) >= 0.3 * left.max(right) {
                    Side::Both
                } else if left > right {
                    ctx.side_of(0)
                } else {
                    ctx.side_of(1)
                };
                let intensity = reach.height / (3.0 * p.rise);
                self.reach = None;
                // A hand waving high lifts the top of the silhouette at every swing: that is
                // the wave going on, not a new reach.
                let waving = |s: usize| self.waves[s].x.recent(ctx.now, WAVE_WINDOW) >= 2;
                let one_arm_waving = match side {
                    Side::Both => false,
                    s => waving(usize::from(s != ctx.side_of(0))),
                };
                if !one_arm_waving {
                    emit(out, ctx, GestureKind::ReachUp, Some(side), intensity);
                }
            }
        }
    }

    /// Wave: a raised hand beside the body swinging back and forth, the child in place.
    fn wave(
        &mut self,
        f: &BodyFeatures,
        frame: &Frame,
        ctx: &GestureContext,
        out: &mut Vec<Gesture>,
    ) {
        let p = &ctx.params;
        let stature = ctx.stature.max(4.0);
        let amplitude = p.wave_amplitude * stature;
        let min_motion = (p.wave_min_motion * stature * stature).max(MIN_WAVE_PIXELS);
        let calm = frame.in_place && !frame.falling;
        for side in 0..2 {
            let wave = &mut self.waves[side];
            // The centre of the moving pixels follows the forearm back and forth.
            let arm = f.arm_motion[side];
            // The waving arm is the main thing moving: in walking, a fall or jumping jacks
            // the whole body moves and the arms are a small part of it.
            let main_mover = arm.count as f32 >= MAIN_MOVER * f.moving.count as f32;
            if arm.count as f32 >= min_motion && calm && main_mover {
                wave.quiet = 0.0;
                wave.x.feed(arm.x, amplitude, ctx.now);
            } else {
                wave.quiet += ctx.dt;
                if wave.quiet > 0.5 || !calm {
                    wave.x.reset();
                }
            }
            wave.active = wave.x.recent(ctx.now, WAVE_WINDOW) >= WAVE_SWINGS && wave.quiet < 0.25;
        }
        // Both arms swinging at once is the whole body at play (jumping jacks), not a wave.
        let both = self.waves.iter().all(|w| w.active);
        for side in 0..2 {
            let wave = &self.waves[side];
            if wave.active && !both && frame.settled {
                emit(
                    out,
                    ctx,
                    GestureKind::Wave,
                    Some(ctx.side_of(side)),
                    wave.x.last_swing / (4.0 * amplitude),
                );
            }
        }
    }

    /// Lean: the head held sideways from its resting place over the base, the child in place
    /// and not at play (a wiggle, a rise).
    fn lean(
        &mut self,
        f: &BodyFeatures,
        frame: &Frame,
        ctx: &GestureContext,
        out: &mut Vec<Gesture>,
    ) {
        let p = &ctx.params;
        let stature = ctx.stature.max(4.0);
        let arms_up = frame.above_rest > 0.5 * p.rise;
        if !frame.in_place {
            // A child arriving is often cut by the edge of the picture: learn upright anew.
            self.lean_base = None;
        }
        let calm = frame.in_place
            && !self.wiggle
            && !arms_up
            && !frame.falling
            && ctx.now - self.last_rise > AFTER_RISE;
        if f.head.count == 0 || f.base.count == 0 || !calm {
            if !calm {
                self.lean = None;
                self.lean_time = 0.0;
            }
            return;
        }
        let offset = (f.head.x - f.base.x) / stature;
        // Upright starts as the head straight above the base, and learns the child's own
        // slight tilt slowly.
        let base = *self.lean_base.get_or_insert(0.0);
        let away = offset - base;
        match self.lean {
            None => {
                if away.abs() > p.lean {
                    self.lean_time += ctx.dt;
                } else {
                    self.lean_time = 0.0;
                    if away.abs() < 0.5 * p.lean {
                        let mut b = base;
                        smooth(&mut b, offset, ctx.dt, 3.0);
                        self.lean_base = Some(b.clamp(-0.7 * p.lean, 0.7 * p.lean));
                    }
                }
                if self.lean_time >= 0.2 && frame.settled {
                    // Head towards the picture's right (1) or left (0).
                    self.lean = Some(ctx.side_of(usize::from(away > 0.0)));
                }
            }
            Some(_) => {
                if away.abs() < 0.6 * p.lean {
                    self.lean = None;
                    self.lean_time = 0.0;
                }
            }
        }
        if let Some(side) = self.lean {
            let strength = away.abs() / (2.0 * p.lean);
            emit(out, ctx, GestureKind::Lean, Some(side), strength);
        }
    }
}

/// Appends one gesture of this player.
fn emit(
    out: &mut Vec<Gesture>,
    ctx: &GestureContext,
    kind: GestureKind,
    side: Option<Side>,
    intensity: f32,
) {
    out.push(Gesture {
        player: ctx.player,
        kind,
        side,
        intensity: intensity.clamp(0.0, 1.0),
        started: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::body::Patch;
    use crate::motion::profile::Profile;

    fn ctx(now: f32, observed: bool) -> GestureContext {
        GestureContext {
            player: 1,
            now,
            dt: 1.0 / 30.0,
            stature: 60.0,
            params: Profile::Standing.params(),
            mirrored: false,
            observed,
            at_side: false,
            lying: false,
        }
    }

    fn standing(moving: u32) -> BodyFeatures {
        BodyFeatures {
            top: 20.0,
            bottom: 80.0,
            cut_at_bottom: false,
            silhouette: Patch {
                count: 900,
                x: 50.0,
                y: 50.0,
            },
            moving: Patch {
                count: moving,
                x: 50.0,
                y: 50.0,
            },
            trunk: Patch {
                count: 400,
                x: 50.0,
                y: 55.0,
            },
            head: Patch {
                count: 60,
                x: 50.0,
                y: 24.0,
            },
            base: Patch {
                count: 200,
                x: 50.0,
                y: 75.0,
            },
            ..BodyFeatures::default()
        }
    }

    fn run(
        state: &mut GestureState,
        frames: std::ops::Range<u32>,
        f: impl Fn(u32) -> BodyFeatures,
    ) -> Vec<Gesture> {
        let mut out = Vec::new();
        for i in frames {
            state.update(&f(i), &ctx(i as f32 / 30.0, true), &mut out);
        }
        out
    }

    #[test]
    fn stillness_gives_nothing() {
        let mut state = GestureState::default();
        assert!(run(&mut state, 0..300, |_| standing(0)).is_empty());
        assert_eq!(state.activity(&Profile::Standing.params()), 0.0);
    }

    #[test]
    fn sustained_motion_wiggles_then_stillness_freezes() {
        let mut state = GestureState::default();
        let moving = run(&mut state, 0..90, |_| standing(400));
        let first = moving
            .iter()
            .position(|g| g.kind == GestureKind::Wiggle)
            .unwrap();
        assert!(moving[first].started);
        assert!(
            moving[first + 1..]
                .iter()
                .all(|g| !g.started || g.kind != GestureKind::Wiggle)
        );
        assert!(state.activity(&Profile::Standing.params()) > 0.5);
        let still = run(&mut state, 90..150, |_| standing(0));
        let freezes: Vec<_> = still
            .iter()
            .filter(|g| g.kind == GestureKind::Freeze)
            .collect();
        assert_eq!(freezes.iter().filter(|g| g.started).count(), 1);
        assert!(freezes.last().unwrap().intensity > 0.9);
    }

    #[test]
    fn a_fast_whole_body_rise_is_a_jump_and_an_arm_rise_is_a_reach() {
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let jump = run(&mut state, 40..46, |i| {
            let up = (i - 39) as f32 * 2.5;
            let mut f = standing(200);
            f.top -= up;
            f.bottom -= up;
            f.silhouette.y -= up;
            f.raised_moving = 20;
            f
        });
        assert_eq!(
            jump.iter().filter(|g| g.kind == GestureKind::Jump).count(),
            1
        );
        run(&mut state, 46..80, |_| standing(0));
        // Arms go up over six frames and stay up.
        let reach = run(&mut state, 80..95, |i| {
            let mut f = standing(100);
            f.top -= (i.min(86) - 79) as f32 * 2.5;
            f.raised_moving = 20;
            // Arms beside the head make the rows below its resting top wide.
            f.head_band = 0.5 * 60.0;
            f.raised = [
                Patch {
                    count: 20,
                    x: 40.0,
                    y: 15.0,
                },
                Patch {
                    count: 2,
                    x: 60.0,
                    y: 15.0,
                },
            ];
            f
        });
        let reaches: Vec<_> = reach
            .iter()
            .filter(|g| g.kind == GestureKind::ReachUp)
            .collect();
        assert_eq!(reaches.len(), 1);
        // Picture left, not mirrored: the child's right arm.
        assert_eq!(reaches[0].side, Some(Side::Right));
    }

    #[test]
    fn a_still_shape_above_the_head_is_no_reach() {
        // The ghost of arms held up when the core started: silhouette above the head, now
        // and then, while the child's arms swing low; nothing moves up there.
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let out = run(&mut state, 40..120, |i| {
            let mut f = standing(150);
            if i % 10 < 5 {
                f.top -= 10.0;
                f.raised = [
                    Patch {
                        count: 15,
                        x: 40.0,
                        y: 12.0,
                    },
                    Patch::default(),
                ];
            }
            f
        });
        assert!(
            out.iter()
                .all(|g| !matches!(g.kind, GestureKind::ReachUp | GestureKind::Jump)),
            "{out:?}"
        );
    }

    /// A rise that began at frame `start`, at frame `i`: the top rises two pixels a frame,
    /// the body's centre `centre` of that, with something moving above the head.
    fn rising(i: u32, start: u32, centre: f32) -> BodyFeatures {
        let up = (i - start) as f32 * 2.0;
        let mut f = standing(200);
        f.top -= up;
        f.silhouette.y -= centre * up;
        f.raised_moving = 20;
        f
    }

    /// The jumps and reaches that started among `out`, in order.
    fn rises(out: &[Gesture]) -> Vec<GestureKind> {
        out.iter()
            .filter(|g| g.started)
            .map(|g| g.kind)
            .filter(|k| matches!(k, GestureKind::Jump | GestureKind::ReachUp))
            .collect()
    }

    #[test]
    fn a_jumping_jack_taken_for_a_hop_does_not_make_the_next_ones_hops() {
        // Jumping jacks: the body hops a little and the arms swing up beside the head. The
        // first is caught low in its swing (the arms only just beside the head) and judged a
        // hop; the next ones, arms plainly beside the head, are arms up, not more hops.
        let jack = |i: u32, start: u32, band: f32| {
            let mut f = rising(i, start, 1.0);
            f.head_band = band * 60.0;
            f
        };
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let first = run(&mut state, 40..44, |i| jack(i, 39, 0.44));
        assert_eq!(rises(&first), [GestureKind::Jump]);
        let mut later = Vec::new();
        for start in [51, 71] {
            run(&mut state, start - 7..start + 1, |_| standing(100));
            later.extend(run(&mut state, start + 1..start + 19, |i| {
                jack(i.min(start + 4), start, 0.5)
            }));
        }
        assert_eq!(rises(&later), [GestureKind::ReachUp, GestureKind::ReachUp]);
    }

    #[test]
    fn a_hop_in_a_series_is_a_jump_even_when_the_centre_hardly_rose() {
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let first = run(&mut state, 40..44, |i| rising(i, 39, 1.0));
        assert_eq!(rises(&first), [GestureKind::Jump]);
        run(&mut state, 44..52, |_| standing(100));
        // The next hop, a quarter of a second later, barely lifts the centre (a crouch, a
        // leaning trunk) and has no arms beside the head: still a hop, not arms up.
        let second = run(&mut state, 52..70, |i| rising(i.min(55), 51, 0.05));
        assert_eq!(rises(&second), [GestureKind::Jump]);
        // The next, with the shoulders (or someone passing behind the head) widening the
        // rows below the head a little: still a hop; arms plainly out make it arms up.
        run(&mut state, 70..78, |_| standing(100));
        let third = run(&mut state, 78..96, |i| {
            let mut f = rising(i.min(81), 77, 0.05);
            f.head_band = 0.5 * 60.0;
            f
        });
        assert_eq!(rises(&third), [GestureKind::Jump]);
        // The same rise with nothing before it is not taken for a jump.
        let mut fresh = GestureState::default();
        run(&mut fresh, 0..40, |_| standing(0));
        let alone = run(&mut fresh, 40..60, |i| rising(i.min(43), 39, 0.05));
        assert!(!rises(&alone).contains(&GestureKind::Jump), "{alone:?}");
    }

    #[test]
    fn an_arm_swinging_waves_on_the_right_side() {
        let mut state = GestureState::default();
        let out = run(&mut state, 0..75, |i| {
            let mut f = standing(60);
            let phase = (i as f32 / 30.0 * 2.0 * std::f32::consts::PI * 2.0).sin();
            f.arm_motion[1] = Patch {
                count: 40,
                x: 75.0 + 6.0 * phase,
                y: 30.0,
            };
            f
        });
        let waves: Vec<_> = out.iter().filter(|g| g.kind == GestureKind::Wave).collect();
        assert!(!waves.is_empty());
        assert!(waves.iter().all(|g| g.side == Some(Side::Left)));
        assert_eq!(waves.iter().filter(|g| g.started).count(), 1);
    }

    #[test]
    fn a_held_head_shift_is_a_lean() {
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let out = run(&mut state, 40..70, |_| {
            let mut f = standing(0);
            f.head.x = 50.0 - 0.2 * 60.0;
            f
        });
        let leans: Vec<_> = out.iter().filter(|g| g.kind == GestureKind::Lean).collect();
        assert!(!leans.is_empty());
        // Head towards the picture's left, unmirrored: the child leans to their right.
        assert_eq!(leans[0].side, Some(Side::Right));
    }
}
