//! Synthetic clips: child-like silhouettes that walk, wave, wiggle, jump, reach, lean and
//! freeze in front of a textured room, with sensor noise, and the ground truth beside them.
//!
//! These clips are the core's test bench (known answers) and the kiosk's stand-in camera on
//! machines without one. Everything is drawn from simple shapes in the camera's own view
//! (not mirrored): a child's right arm is on the picture's left.

use super::frame::OwnedFrame;
use super::profile::Profile;
use super::report::{GestureKind, Side};
use std::f32::consts::PI;
use std::fmt;
use std::time::Duration;

/// What a clip shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// Children come in, take a spot each and play a seeded mix of every gesture.
    Wander,
    /// Two children walk across the picture in opposite directions, passing each other
    /// twice (the first child is drawn in front).
    Crossing,
    /// The first child comes in and holds perfectly still for most of the clip.
    Still,
    /// One child shows one gesture again and again.
    Gesture(Move),
}

/// One movement a synthetic child can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Move {
    /// Arriving (walking in, rolling in, sitting up in bed).
    Enter,
    /// Walking (or rolling) to another spot.
    Walk,
    /// Standing at ease, barely moving.
    Idle,
    /// Waving one hand (the child's own side).
    Wave(Side),
    /// Wiggling all over.
    Wiggle,
    /// Jumping (standing only; others reach up instead).
    Jump,
    /// Raising the arms (both, or one in bed).
    ReachUp,
    /// Leaning to the child's own side and holding it.
    Lean(Side),
    /// Wiggling, then stopping dead: a freeze.
    Freeze,
    /// Not moving at all.
    Still,
}

impl Move {
    /// The gesture (and side) the core should report for this movement in a profile: what
    /// the synthetic tests and the latency measurement both hold it to. Seated and bed
    /// children reach up instead of jumping: both arms, or one (the right) in bed. `None`
    /// for movements that are no gesture (entering, walking, idling, holding still).
    pub fn expected_gesture(self, profile: Profile) -> Option<(GestureKind, Option<Side>)> {
        Some(match (self, profile) {
            (Move::Wave(s), _) => (GestureKind::Wave, Some(s)),
            (Move::Lean(s), _) => (GestureKind::Lean, Some(s)),
            (Move::Wiggle, _) => (GestureKind::Wiggle, None),
            (Move::Freeze, _) => (GestureKind::Freeze, None),
            (Move::Jump, Profile::Standing) => (GestureKind::Jump, None),
            (Move::Jump | Move::ReachUp, Profile::Bed) => (GestureKind::ReachUp, Some(Side::Right)),
            (Move::Jump | Move::ReachUp, _) => (GestureKind::ReachUp, Some(Side::Both)),
            _ => return None,
        })
    }

    /// Name in the ground-truth file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Move::Enter => "enter",
            Move::Walk => "walk",
            Move::Idle => "idle",
            Move::Wave(_) => "wave",
            Move::Wiggle => "wiggle",
            Move::Jump => "jump",
            Move::ReachUp => "reach_up",
            Move::Lean(_) => "lean",
            Move::Freeze => "freeze",
            Move::Still => "still",
        }
    }

    /// The child's side the move uses, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            Move::Wave(s) | Move::Lean(s) => Some(s),
            _ => None,
        }
    }

    /// Parses `wave-left`, `lean-right`, `wiggle`, `jump`, `reach-up`, `freeze`, `still`.
    pub fn parse(text: &str) -> Option<Move> {
        Some(match text {
            "wave-left" => Move::Wave(Side::Left),
            "wave-right" | "wave" => Move::Wave(Side::Right),
            "lean-left" => Move::Lean(Side::Left),
            "lean-right" | "lean" => Move::Lean(Side::Right),
            "wiggle" => Move::Wiggle,
            "jump" => Move::Jump,
            "reach-up" | "reach_up" => Move::ReachUp,
            "freeze" => Move::Freeze,
            "still" => Move::Still,
            _ => return None,
        })
    }
}

impl fmt::Display for Move {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.side() {
            Some(Side::Left) => write!(f, "{}-left", self.name()),
            Some(Side::Right) => write!(f, "{}-right", self.name()),
            _ => f.write_str(self.name()),
        }
    }
}

/// Everything that defines a synthetic clip; the same spec always gives the same pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthSpec {
    /// Frame width in pixels.
    pub width: usize,
    /// Frame height in pixels.
    pub height: usize,
    /// Frames per second.
    pub fps: u32,
    /// Length of the clip.
    pub seconds: f32,
    /// Number of children (0 to 3).
    pub players: usize,
    /// Seed for everything random (gesture order, clothes, noise).
    pub seed: u64,
    /// What happens.
    pub scenario: Scenario,
    /// How the children are placed: standing, in a wheelchair behind a table, or in bed.
    pub profile: Profile,
    /// The room's light drifts slowly up and down (a cloud, the sun).
    pub lighting_drift: bool,
    /// The lights are switched on half-way through.
    pub lights_on: bool,
    /// Standard deviation of the sensor noise, grey levels.
    pub noise: f32,
    /// Size of the children relative to the usual (0.5: twice as far from the camera).
    pub child_scale: f32,
}

impl Default for SynthSpec {
    fn default() -> Self {
        Self {
            width: 640,
            height: 480,
            fps: 30,
            seconds: 10.0,
            players: 2,
            seed: 1,
            scenario: Scenario::Wander,
            profile: Profile::Standing,
            lighting_drift: false,
            lights_on: false,
            noise: 3.0,
            child_scale: 1.0,
        }
    }
}

impl SynthSpec {
    /// One child making one move, again and again, for 12 seconds: the clip the gesture
    /// tests and `track --latency` measure on, so that both measure the same thing.
    pub fn one_move(action: Move, profile: Profile) -> SynthSpec {
        SynthSpec {
            scenario: Scenario::Gesture(action),
            players: 1,
            seconds: 12.0,
            profile,
            seed: 11,
            ..SynthSpec::default()
        }
    }

    /// Number of frames in the clip.
    pub fn frame_count(&self) -> usize {
        (self.seconds * self.fps as f32).round().max(0.0) as usize
    }
}

/// Where one child is in one frame, in frame pixels, as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truth {
    /// The child's number (1-based), stable for the whole clip.
    pub player: u32,
    /// Whether the child is (mostly) in the picture.
    pub visible: bool,
    /// Bounding box of the drawn pixels: left.
    pub x: u32,
    /// Top.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
    /// Centre of the drawn pixels.
    pub cx: f32,
    /// See `cx`.
    pub cy: f32,
    /// What the child is doing.
    pub action: Move,
}

/// The header line of the ground-truth CSV.
pub const TRUTH_HEADER: &str = "frame,time,player,visible,x,y,w,h,cx,cy,action,side";

impl Truth {
    /// One CSV line (without newline) for frame `frame` at `time` seconds.
    pub fn csv_line(&self, frame: usize, time: f32) -> String {
        let side = match self.action.side() {
            Some(Side::Left) => "left",
            Some(Side::Right) => "right",
            Some(Side::Both) => "both",
            None => "",
        };
        format!(
            "{frame},{time:.3},{},{},{},{},{},{},{:.1},{:.1},{},{side}",
            self.player,
            u8::from(self.visible),
            self.x,
            self.y,
            self.w,
            self.h,
            self.cx,
            self.cy,
            self.action.name()
        )
    }
}

/// A small, fast, seedable generator (xorshift*), so clips are identical everywhere.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
}

/// A stretch of a child's script.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: f32,
    end: f32,
    action: Move,
    from_x: f32,
    to_x: f32,
}

/// One synthetic child.
#[derive(Debug, Clone)]
struct Kid {
    id: u32,
    height: f32,
    clothes: u8,
    skin: u8,
    script: Vec<Segment>,
}

/// The pose of a child at one instant, in the camera's picture.
#[derive(Debug, Clone, Copy, Default)]
struct Pose {
    x: f32,
    hip_y: f32,
    lean: f32,
    /// Arm angles from straight down, outward positive: [child's right, child's left].
    upper: [f32; 2],
    lower: [f32; 2],
    step: f32,
}

/// Generates a clip frame by frame.
#[derive(Debug, Clone)]
pub struct SynthScene {
    spec: SynthSpec,
    room: Vec<u8>,
    occluder_top: Option<usize>,
    kids: Vec<Kid>,
    noise: Rng,
    layer: Vec<u8>,
}

/// Proportions of a child, as fractions of the standing height.
const HIP: f32 = 0.47;
const TRUNK: f32 = 0.30;
const HEAD_UP: f32 = 0.42;
const HEAD_R: f32 = 0.085;
const TRUNK_R: f32 = 0.11;
const SHOULDER: f32 = 0.10;
const UPPER_ARM: f32 = 0.16;
const FOREARM: f32 = 0.15;
const ARM_R: f32 = 0.032;
const LEG_R: f32 = 0.045;

impl SynthScene {
    /// Prepares the room and the children's scripts.
    pub fn new(spec: SynthSpec) -> Self {
        let mut rng = Rng::new(spec.seed);
        let (w, h) = (spec.width, spec.height);
        let occluder_top = match spec.profile {
            Profile::Standing => None,
            Profile::Seated => Some((0.80 * h as f32) as usize),
            Profile::Bed => Some((0.74 * h as f32) as usize),
        };
        let room = draw_room(w, h, occluder_top, &mut rng);
        let players = match spec.scenario {
            Scenario::Crossing => spec.players.clamp(2, 3),
            Scenario::Gesture(_) => 1,
            _ => spec.players.min(3),
        };
        let kids = (0..players)
            .map(|i| make_kid(&spec, i, players, &mut rng))
            .collect();
        Self {
            noise: Rng::new(spec.seed ^ 0x5EED),
            layer: vec![0; w * h],
            spec,
            room,
            occluder_top,
            kids,
        }
    }

    /// The spec the scene was made from.
    pub fn spec(&self) -> &SynthSpec {
        &self.spec
    }

    /// Draws frame `index` into `out` (resized as needed) and returns the ground truth of
    /// each child, in child order.
    pub fn render(&mut self, index: usize, out: &mut OwnedFrame) -> Vec<Truth> {
        let (w, h) = (self.spec.width, self.spec.height);
        let t = index as f32 / self.spec.fps as f32;
        out.width = w;
        out.height = h;
        out.timestamp = Duration::from_secs_f64(index as f64 / f64::from(self.spec.fps));
        out.data.clear();
        out.data.extend_from_slice(&self.room);
        let mut truths = Vec::with_capacity(self.kids.len());
        // Later children are drawn first, so that the first child passes in front.
        for k in (0..self.kids.len()).rev() {
            let kid = &self.kids[k];
            let (action, pose) = pose_at(kid, t, &self.spec);
            self.layer.fill(0);
            let drawn = draw_kid(&mut self.layer, w, h, kid, &pose, self.occluder_top);
            for (px, &v) in out.data.iter_mut().zip(&self.layer) {
                if v != 0 {
                    *px = v;
                }
            }
            truths.push(truth_of(kid, action, drawn, w));
        }
        truths.reverse();
        self.apply_light(t, out);
        self.add_noise(out);
        truths
    }

    fn apply_light(&self, t: f32, out: &mut OwnedFrame) {
        let mut gain = 1.0;
        let mut offset = 0.0;
        if self.spec.lighting_drift {
            gain *= 1.0 + 0.22 * (2.0 * PI * t / 12.0).sin();
            offset += 6.0 * (2.0 * PI * t / 17.0).sin();
        }
        if self.spec.lights_on && t >= self.spec.seconds / 2.0 {
            gain *= 1.35;
            offset += 10.0;
        }
        if gain != 1.0 || offset != 0.0 {
            for px in &mut out.data {
                *px = (f32::from(*px) * gain + offset).round().clamp(0.0, 255.0) as u8;
            }
        }
    }

    fn add_noise(&mut self, out: &mut OwnedFrame) {
        if self.spec.noise <= 0.0 {
            return;
        }
        // Sum of four random bytes: close to Gaussian, standard deviation about 147.8.
        let scale = self.spec.noise / 147.8;
        for px in &mut out.data {
            let r = self.noise.next_u64();
            let s = (r & 0xFF) + (r >> 8 & 0xFF) + (r >> 16 & 0xFF) + (r >> 24 & 0xFF);
            let n = (s as f32 - 510.0) * scale;
            *px = (f32::from(*px) + n).round().clamp(0.0, 255.0) as u8;
        }
    }
}

/// A wall with a window and a cupboard, a floor, and a fixed texture; a table or a bed in
/// front for seated and bed clips.
fn draw_room(w: usize, h: usize, occluder_top: Option<usize>, rng: &mut Rng) -> Vec<u8> {
    let mut room = vec![0u8; w * h];
    let floor = (0.86 * h as f32) as usize;
    let texture_seed = rng.next_u64();
    for y in 0..h {
        for x in 0..w {
            let base = if y >= floor {
                95.0 + 10.0 * ((x / 24 + y / 12) % 2) as f32
            } else {
                140.0 + 25.0 * (y as f32 / h as f32)
            };
            // Fixed texture: a hash of the position, +-5 levels.
            let hash = (x as u64)
                .wrapping_mul(0x9E37_79B9)
                .wrapping_add((y as u64).wrapping_mul(0x85EB_CA6B))
                ^ texture_seed;
            let tex = ((hash >> 7) % 11) as f32 - 5.0;
            room[y * w + x] = (base + tex).clamp(0.0, 255.0) as u8;
        }
    }
    let rect = |room: &mut Vec<u8>, x0: f32, y0: f32, x1: f32, y1: f32, v: u8| {
        let (x0, x1) = ((x0 * w as f32) as usize, (x1 * w as f32) as usize);
        let (y0, y1) = ((y0 * h as f32) as usize, (y1 * h as f32) as usize);
        for y in y0..y1.min(h) {
            for x in x0..x1.min(w) {
                room[y * w + x] = v;
            }
        }
    };
    // Window frame and panes, a cupboard.
    rect(&mut room, 0.62, 0.10, 0.88, 0.42, 70);
    rect(&mut room, 0.635, 0.12, 0.745, 0.40, 215);
    rect(&mut room, 0.755, 0.12, 0.865, 0.40, 210);
    rect(&mut room, 0.05, 0.35, 0.20, 0.86, 110);
    if let Some(top) = occluder_top {
        let y0 = top as f32 / h as f32;
        rect(&mut room, 0.0, y0, 1.0, 1.0, 120);
        rect(&mut room, 0.0, y0, 1.0, y0 + 0.02, 85);
    }
    room
}

fn make_kid(spec: &SynthSpec, i: usize, count: usize, rng: &mut Rng) -> Kid {
    let h = spec.height as f32;
    let height = spec.child_scale.clamp(0.2, 2.0)
        * match spec.profile {
            Profile::Standing => h * rng.range(0.62, 0.78) * if i == 1 { 0.9 } else { 1.0 },
            Profile::Seated => h * rng.range(0.85, 0.95),
            Profile::Bed => h * rng.range(1.3, 1.45),
        };
    // Clothes far from the wall's grey, alternating dark and bright.
    let clothes = if i.is_multiple_of(2) {
        rng.range(40.0, 75.0) as u8
    } else {
        rng.range(215.0, 240.0) as u8
    };
    let skin = rng.range(195.0, 225.0) as u8;
    let script = make_script(spec, i, count, height, rng);
    Kid {
        id: i as u32 + 1,
        height,
        clothes,
        skin,
        script,
    }
}

/// Writes the script of child `i`.
fn make_script(
    spec: &SynthSpec,
    i: usize,
    count: usize,
    height: f32,
    rng: &mut Rng,
) -> Vec<Segment> {
    let w = spec.width as f32;
    let end = spec.seconds;
    let spot = w * (i as f32 + 1.0) / (count as f32 + 1.0);
    let from_left = i.is_multiple_of(2);
    let outside = if from_left {
        -0.3 * height
    } else {
        w + 0.3 * height
    };
    let enter_at = 0.6 + 0.7 * i as f32;
    let enter_time = match spec.profile {
        Profile::Bed => 1.0,
        _ => ((spot - outside).abs() / (0.9 * height)).clamp(0.8, 3.0),
    };
    let mut script = vec![Segment {
        start: 0.0,
        end: enter_at,
        action: Move::Enter,
        from_x: outside,
        to_x: outside,
    }];
    let seg = |script: &mut Vec<Segment>, action, length: f32, from_x, to_x| {
        let start = script.last().map_or(0.0, |s: &Segment| s.end);
        script.push(Segment {
            start,
            end: start + length,
            action,
            from_x,
            to_x,
        });
    };
    seg(&mut script, Move::Enter, enter_time, outside, spot);
    match spec.scenario {
        Scenario::Crossing if i < 2 => {
            // Walk across to the far side and back, passing the other child twice.
            script.clear();
            let (a, b) = if from_left {
                (-0.2 * height, w + 0.2 * height)
            } else {
                (w + 0.2 * height, -0.2 * height)
            };
            let start = 0.5;
            let crossing = (end - start - 0.5) / 2.0;
            script.push(Segment {
                start: 0.0,
                end: start,
                action: Move::Enter,
                from_x: a,
                to_x: a,
            });
            seg(&mut script, Move::Walk, crossing, a, b);
            seg(&mut script, Move::Walk, crossing, b, a);
        }
        Scenario::Still if i == 0 => {
            let hold = (end - 4.0).max(1.0);
            seg(&mut script, Move::Still, hold, spot, spot);
            seg(&mut script, Move::Wave(Side::Right), 2.0, spot, spot);
        }
        Scenario::Gesture(action) => {
            seg(&mut script, Move::Idle, 1.0, spot, spot);
            while script.last().unwrap().end < end {
                let length = match action {
                    Move::Jump | Move::ReachUp => 1.6,
                    Move::Freeze => 4.0,
                    _ => 2.5,
                };
                seg(&mut script, action, length, spot, spot);
                seg(&mut script, Move::Idle, 1.0, spot, spot);
            }
        }
        _ => {
            let moves = [
                Move::Wave(Side::Right),
                Move::Wiggle,
                Move::Jump,
                Move::Lean(Side::Left),
                Move::Wave(Side::Left),
                Move::ReachUp,
                Move::Freeze,
                Move::Lean(Side::Right),
            ];
            let mut order = (rng.next_u64() % moves.len() as u64) as usize;
            while script.last().unwrap().end < end {
                seg(&mut script, Move::Idle, rng.range(0.6, 1.2), spot, spot);
                let action = moves[order % moves.len()];
                order += 1;
                let length = match action {
                    Move::Jump | Move::ReachUp => 1.6,
                    Move::Freeze => 3.0,
                    _ => 2.4,
                };
                seg(&mut script, action, length, spot, spot);
            }
        }
    }
    script
}

/// The segment and pose of a child at time `t`.
fn pose_at(kid: &Kid, t: f32, spec: &SynthSpec) -> (Move, Pose) {
    let seg = kid
        .script
        .iter()
        .find(|s| t < s.end)
        .or(kid.script.last())
        .copied()
        .expect("every child has a script");
    let local = (t - seg.start).max(0.0);
    let progress = ((t - seg.start) / (seg.end - seg.start)).clamp(0.0, 1.0);
    let h = kid.height;
    let bed = spec.profile == Profile::Bed;
    let small = if bed { 0.6 } else { 1.0 };
    let base_hip = match spec.profile {
        Profile::Standing => 0.86 * spec.height as f32 - HIP * h,
        Profile::Seated => 0.84 * spec.height as f32,
        Profile::Bed => 0.90 * spec.height as f32,
    };
    let rest = 0.12;
    let mut pose = Pose {
        x: seg.from_x + (seg.to_x - seg.from_x) * progress,
        hip_y: base_hip,
        lean: 0.0,
        upper: [rest, rest],
        lower: [0.1, 0.1],
        step: 0.0,
    };
    let wiggle = |pose: &mut Pose, local: f32| {
        let s = (2.0 * PI * 3.0 * local).sin();
        let c = (2.0 * PI * 2.3 * local).cos();
        pose.lean = 0.12 * small * s;
        pose.upper = [1.0 + 0.7 * small * s, 1.0 - 0.7 * small * c];
        pose.lower = [0.6 + 0.5 * c, 0.6 + 0.5 * s];
        pose.x += 0.04 * h * small * c;
        pose.hip_y -= 0.015 * h * (2.0 * PI * 6.0 * local).sin().abs();
    };
    match seg.action {
        Move::Enter if seg.from_x == seg.to_x => {
            // Not in the picture yet (or, in bed, lying under the blanket).
            if bed {
                pose.x = spec.width as f32 * 0.5 + (kid.id as f32 - 1.0) * 0.3 * spec.width as f32;
                pose.hip_y = base_hip + 0.8 * h;
            }
        }
        Move::Enter | Move::Walk => {
            if bed {
                pose.x = seg.to_x;
                pose.hip_y = base_hip + 0.8 * h * (1.0 - progress);
            } else {
                pose.step = (2.0 * PI * 1.8 * local).sin();
                pose.upper = [0.2 + 0.2 * pose.step, 0.2 - 0.2 * pose.step];
            }
        }
        Move::Idle | Move::Still => {}
        Move::Wave(side) => {
            let arm = arm_index(side);
            let swing = (2.0 * PI * 2.0 * local).sin();
            pose.upper[arm] = 2.3;
            pose.lower[arm] = 0.35 + 0.65 * small * swing;
        }
        Move::Wiggle => wiggle(&mut pose, local),
        Move::Freeze => {
            if progress < 0.5 {
                wiggle(&mut pose, local);
            }
        }
        Move::Jump if spec.profile == Profile::Standing => {
            let s = (local / 0.5).min(1.0);
            if local < 0.5 {
                pose.hip_y -= 4.0 * 0.22 * h * s * (1.0 - s);
                pose.upper = [0.6, 0.6];
            }
        }
        Move::Jump | Move::ReachUp => {
            let up = if local < 0.2 {
                local / 0.2
            } else if local < 0.9 {
                1.0
            } else {
                (1.0 - (local - 0.9) / 0.25).max(0.0)
            };
            let raised = rest + (3.0 - rest) * up;
            if bed {
                pose.upper[0] = raised;
            } else {
                pose.upper = [raised, raised];
            }
            pose.lower = [0.0, 0.0];
        }
        Move::Lean(side) => {
            let amount = 0.28 * small;
            let tilt = if local < 0.3 {
                local / 0.3
            } else if local < 2.0 {
                1.0
            } else {
                (1.0 - (local - 2.0) / 0.3).max(0.0)
            };
            // Leaning to the child's left tilts towards the picture's right.
            let sign = match side {
                Side::Left => 1.0,
                _ => -1.0,
            };
            pose.lean = sign * amount * tilt;
        }
    }
    (seg.action, pose)
}

fn arm_index(side: Side) -> usize {
    match side {
        Side::Right => 0,
        _ => 1,
    }
}

/// What was drawn of a child: the box and centre of its visible pixels.
#[derive(Debug, Clone, Copy, Default)]
struct Drawn {
    count: u64,
    sum_x: u64,
    sum_y: u64,
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    full_width: f32,
}

/// One limb or the trunk: a thick segment from one point to another, radius and grey.
type Part = ((f32, f32), (f32, f32), f32, u8);

fn draw_kid(
    layer: &mut [u8],
    w: usize,
    h: usize,
    kid: &Kid,
    pose: &Pose,
    occluder: Option<usize>,
) -> Drawn {
    let k = kid.height;
    let hip = (pose.x, pose.hip_y);
    let up = (pose.lean.sin(), -pose.lean.cos());
    let across = (pose.lean.cos(), pose.lean.sin());
    let at =
        |base: (f32, f32), dir: (f32, f32), len: f32| (base.0 + dir.0 * len, base.1 + dir.1 * len);
    let neck = at(hip, up, TRUNK * k);
    let head = at(hip, up, HEAD_UP * k);
    let limit = occluder.unwrap_or(h);
    let mut parts: Vec<Part> = Vec::with_capacity(8);
    // Legs, swinging when walking.
    let foot_y = hip.1 + HIP * k;
    for side in [-1.0f32, 1.0] {
        let hip_pt = (hip.0 + side * 0.05 * k, hip.1);
        let foot = (
            hip.0 + side * 0.07 * k + side * pose.step * 0.08 * k,
            foot_y,
        );
        parts.push((hip_pt, foot, LEG_R * k, kid.clothes));
    }
    parts.push((hip, neck, TRUNK_R * k, kid.clothes));
    // Arms: index 0 is the child's right arm, on the picture's left (outward is -x).
    for (arm, outward) in [(0usize, -1.0f32), (1, 1.0)] {
        let shoulder = at(
            at(hip, up, (TRUNK - 0.03) * k),
            across,
            outward * SHOULDER * k,
        );
        let a = pose.upper[arm];
        // Angle from straight down, rotating outward, in the trunk's frame.
        let dir = |angle: f32| {
            let (s, c) = angle.sin_cos();
            let local = (outward * s, c);
            (
                local.0 * across.0 - local.1 * up.0,
                local.0 * across.1 - local.1 * up.1,
            )
        };
        let elbow = at(shoulder, dir(a), UPPER_ARM * k);
        let hand = at(elbow, dir(a + pose.lower[arm]), FOREARM * k);
        parts.push((shoulder, elbow, ARM_R * k, kid.clothes));
        parts.push((elbow, hand, ARM_R * k, kid.skin));
    }
    for (a, b, r, v) in &parts {
        capsule(layer, w, limit, *a, *b, *r, *v);
    }
    capsule(layer, w, limit, head, head, HEAD_R * k, kid.skin);
    // Measure what ended up in the picture.
    let mut drawn = Drawn {
        x0: usize::MAX,
        y0: usize::MAX,
        full_width: 0.0,
        ..Drawn::default()
    };
    let mut min_x = f32::MAX;
    let mut max_x = f32::MIN;
    for (a, b, r, _) in &parts {
        min_x = min_x.min(a.0.min(b.0) - r);
        max_x = max_x.max(a.0.max(b.0) + r);
    }
    drawn.full_width = max_x - min_x;
    for y in 0..h.min(limit) {
        for x in 0..w {
            if layer[y * w + x] != 0 {
                drawn.count += 1;
                drawn.sum_x += x as u64;
                drawn.sum_y += y as u64;
                drawn.x0 = drawn.x0.min(x);
                drawn.x1 = drawn.x1.max(x);
                drawn.y0 = drawn.y0.min(y);
                drawn.y1 = drawn.y1.max(y);
            }
        }
    }
    drawn
}

/// Fills the pixels within `r` of the segment a-b, above row `limit`.
fn capsule(layer: &mut [u8], w: usize, limit: usize, a: (f32, f32), b: (f32, f32), r: f32, v: u8) {
    let x0 = (a.0.min(b.0) - r).floor().max(0.0) as usize;
    let x1 = ((a.0.max(b.0) + r).ceil().max(0.0) as usize).min(w);
    let y0 = (a.1.min(b.1) - r).floor().max(0.0) as usize;
    let y1 = ((a.1.max(b.1) + r).ceil().max(0.0) as usize).min(limit);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let r2 = r * r;
    for y in y0..y1 {
        for x in x0..x1 {
            let (px, py) = (x as f32 + 0.5 - a.0, y as f32 + 0.5 - a.1);
            let t = if len2 > 0.0 {
                ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (ex, ey) = (px - t * dx, py - t * dy);
            if ex * ex + ey * ey <= r2 {
                layer[y * w + x] = v;
            }
        }
    }
}

fn truth_of(kid: &Kid, action: Move, drawn: Drawn, _w: usize) -> Truth {
    if drawn.count == 0 {
        return Truth {
            player: kid.id,
            visible: false,
            x: 0,
            y: 0,
            w: 0,
            h: 0,
            cx: 0.0,
            cy: 0.0,
            action,
        };
    }
    let width = (drawn.x1 - drawn.x0 + 1) as f32;
    let height = (drawn.y1 - drawn.y0 + 1) as f32;
    Truth {
        player: kid.id,
        // Mostly inside the picture, and more than a sliver (a bed child sitting up).
        visible: width >= 0.6 * drawn.full_width && height >= 0.25 * kid.height,
        x: drawn.x0 as u32,
        y: drawn.y0 as u32,
        w: width as u32,
        h: height as u32,
        cx: drawn.sum_x as f32 / drawn.count as f32,
        cy: drawn.sum_y as f32 / drawn.count as f32,
        action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_spec_same_pixels() {
        let spec = SynthSpec {
            width: 160,
            height: 120,
            seconds: 1.0,
            ..SynthSpec::default()
        };
        let (mut a, mut b) = (SynthScene::new(spec.clone()), SynthScene::new(spec));
        let (mut fa, mut fb) = (OwnedFrame::default(), OwnedFrame::default());
        for i in [0, 10, 29] {
            assert_eq!(a.render(i, &mut fa), b.render(i, &mut fb));
            assert_eq!(fa, fb);
        }
    }

    #[test]
    fn children_enter_and_become_visible() {
        let spec = SynthSpec {
            width: 320,
            height: 240,
            seconds: 4.0,
            players: 2,
            ..SynthSpec::default()
        };
        let mut scene = SynthScene::new(spec);
        let mut frame = OwnedFrame::default();
        let first = scene.render(0, &mut frame);
        assert!(first.iter().all(|t| !t.visible));
        let later = scene.render(100, &mut frame);
        assert!(later.iter().all(|t| t.visible), "{later:?}");
        // The truth box holds the child's pixels: the middle of it differs from the room.
        let t = later[0];
        assert!(t.h as f32 > 0.5 * 240.0 * 0.6);
    }

    #[test]
    fn noise_has_the_asked_spread() {
        let spec = SynthSpec {
            width: 200,
            height: 100,
            players: 0,
            noise: 4.0,
            ..SynthSpec::default()
        };
        let mut scene = SynthScene::new(spec.clone());
        let (mut a, mut b) = (OwnedFrame::default(), OwnedFrame::default());
        scene.render(0, &mut a);
        scene.render(1, &mut b);
        let n = a.data.len() as f32;
        let var: f32 = a
            .data
            .iter()
            .zip(&b.data)
            .map(|(&x, &y)| (f32::from(x) - f32::from(y)).powi(2))
            .sum::<f32>()
            / n;
        // Difference of two frames: variance twice the noise's.
        let sigma = (var / 2.0).sqrt();
        assert!((sigma - 4.0).abs() < 0.4, "sigma {sigma}");
    }

    #[test]
    fn gesture_names_parse() {
        for m in [
            "wave-left",
            "wave-right",
            "wiggle",
            "jump",
            "reach-up",
            "lean-left",
            "lean-right",
            "freeze",
            "still",
        ] {
            let parsed = Move::parse(m).unwrap();
            assert_eq!(parsed.to_string().replace('_', "-"), m);
        }
        assert!(Move::parse("dance").is_none());
    }
}
