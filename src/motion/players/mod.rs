//! Players: blobs grouped into children and followed from frame to frame with lasting ids.
//!
//! A child is rarely one blob: a head, an arm or the legs often come apart from the trunk.
//! Blobs are grouped by closeness, but never across two children the tracker already knows.
//! Groups are matched to tracks by an optimal assignment on predicted positions, so two
//! children who cross keep their ids; while they overlap, both coast on their own speed. A
//! child who holds still keeps their track: presence decays slowly, it does not vanish.

mod grouping;
#[cfg(test)]
mod tests;
mod tracking;

use super::assignment::{Assignment, MAX_COLS, MAX_ROWS};
use super::body::{self, BodyFeatures, BodyFrame};
use super::gestures::{GestureContext, GestureState};
use super::label::Blob;
use super::mask::BitMask;
use super::profile::ProfileParams;
use super::report::{Gesture, Player};
use super::union_find::UnionFind;

/// At most this many tracks (confirmed and candidates) are followed.
pub const MAX_TRACKS: usize = MAX_ROWS;
/// Blobs considered per frame (the largest, if there are more).
const MAX_BLOBS: usize = 64;
/// Blobs smaller than this are noise, whatever the profile.
const MIN_BLOB_AREA: u32 = 3;
/// Seconds a confirmed track holds full presence after it was last seen.
const GRACE_SECONDS: f32 = 0.5;
/// Seconds over which an unseen (still or hidden) child's presence fades to nothing.
const HOLD_SECONDS: f32 = 30.0;
/// Seconds over which an unseen child fades where the room behind them has been seen.
const GONE_SECONDS: f32 = 1.0;
/// Share of a box seen as the room for [`GONE_SECONDS`] to apply.
const ROOM_SEEN: f32 = 0.7;
/// Seconds over which a child who walked out of the picture fades.
const LEAVE_SECONDS: f32 = 0.6;
/// Seconds over which a track's held box lets go of a place the child no longer fills.
const HELD_SECONDS: f32 = 0.5;
/// A track drifting faster than this many statures per second across the picture travels.
const TRAVEL: f32 = 0.5;
/// A shape of which at least this share moves is seen moving.
const MOVING_SHARE: f32 = 0.03;
/// Seconds a candidate may wait for movement before it is dropped as a ghost.
const CANDIDATE_SECONDS: f32 = 2.0;
/// A silhouette of which fewer pixels than this fraction change is standing still.
const STILL_MOTION: f32 = 0.05;
/// Seconds after a track starts during which its height follows the silhouette closely.
const ARRIVAL_SECONDS: f32 = 1.0;
/// Match gate: at most this many body heights between prediction and detection.
const GATE: f32 = 0.8;
/// Blobs this close (share of the picture's height) may be parts of one child, however small
/// they are: a child in the background from the start shows only in pieces.
const MIN_REACH: f32 = 0.08;
/// A match is at least this share of the child's stature tall, or lies inside its box.
const MIN_PART: f32 = 0.35;
/// A followed child is given up when it shrinks below this share of the profile's
/// `min_body`.
const KEEP_BODY: f32 = 0.6;
/// Seconds a followed box may look like no child at all before it is given up.
const IMPLAUSIBLE_SECONDS: f32 = 1.0;
/// Far behind the play area: shorter than this share of the picture's height...
const FAR_HEIGHT: f32 = 0.45;
/// ...with the feet above this share of it (perspective: the farther, the higher): plainly
/// beyond the play area, for people standing in a row at the back of a wide picture are
/// still players.
const FAR_FEET: f32 = 0.75;
/// Behind a child who plays: smaller than this share of their stature...
const BEHIND_SIZE: f32 = 0.7;
/// ...with the feet higher by this share of it.
const BEHIND_FEET: f32 = 0.15;
/// Or, feet far higher still (a quarter of the stature: no jump of a child lifts them so
/// far while the child keeps their size)...
const BEHIND_FEET_FAR: f32 = 0.25;
/// ...and a little smaller than the child: further from the camera, only less so than
/// the feet show (someone tall behind a glass wall).
const BEHIND_SIZE_FAR: f32 = 0.85;
/// Behind a child means in their columns or at most this share of their stature beside
/// them.
const BEHIND_BESIDE: f32 = 0.5;
/// A new shape within a stature of a child and smaller than this share of their box is a
/// part of them.
const PART_AREA: f32 = 0.5;
/// A standing child's box this many times wider than high is a child lying down.
const LYING: f32 = 1.3;
/// Two tracks merged in one detection for this long are taken to be one child.
const MERGE_SECONDS: f32 = 6.0;

/// A group of blobs that may be one child, in mask pixels.
#[derive(Debug, Clone, Copy, Default)]
struct Detection {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    cx: f32,
    cy: f32,
    area: u32,
    moving: u32,
}

impl Detection {
    fn height(&self) -> f32 {
        (self.y1 - self.y0 + 1) as f32
    }

    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 as f32 - 0.5
            && x <= self.x1 as f32 + 0.5
            && y >= self.y0 as f32 - 0.5
            && y <= self.y1 as f32 + 0.5
    }
}

/// One followed child (or a candidate that may become one).
#[derive(Debug, Clone)]
struct Track {
    id: u32,
    confirmed: bool,
    cx: f32,
    cy: f32,
    vx: f32,
    vy: f32,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    stature: f32,
    stature_off: f32,
    presence: f32,
    seen: u32,
    moving_frames: u32,
    age: f32,
    unseen: f32,
    merged_for: f32,
    /// Seconds the box has not looked like a child at the kiosk (too small, or far away).
    implausible_for: f32,
    /// Going out of the picture at its side: no longer reported, though kept for a moment
    /// in case the child steps back in.
    leaving: bool,
    observed: bool,
    /// The box the child has filled lately (x0, y0, x1, y1), where it stays while the box
    /// follows the child: a part of a child that stops moving (a trunk held still while the
    /// arms and legs fly) is still there, and the box may follow one side of the child alone,
    /// so a shape showing in the held box is this child's, not a newcomer's.
    held: [f32; 4],
    /// The held box a frame ago: what a piece showing in it may keep.
    was_held: [f32; 4],
    /// Speed across the picture over the last [`HELD_SECONDS`]: whether the child travels.
    drift: f32,
    trunk_x: f32,
    head_x: f32,
    features: BodyFeatures,
    gestures: GestureState,
}

impl Track {
    fn new(d: &Detection) -> Self {
        Self {
            id: 0,
            confirmed: false,
            cx: d.cx,
            cy: d.cy,
            vx: 0.0,
            vy: 0.0,
            x0: d.x0 as f32,
            y0: d.y0 as f32,
            x1: d.x1 as f32,
            y1: d.y1 as f32,
            stature: d.height(),
            stature_off: 0.0,
            presence: 1.0,
            seen: 1,
            moving_frames: u32::from(d.moving as f32 >= MOVING_SHARE * d.area as f32),
            age: 0.0,
            unseen: 0.0,
            merged_for: 0.0,
            implausible_for: 0.0,
            leaving: false,
            observed: true,
            held: [d.x0 as f32, d.y0 as f32, d.x1 as f32, d.y1 as f32],
            was_held: [d.x0 as f32, d.y0 as f32, d.x1 as f32, d.y1 as f32],
            drift: 0.0,
            trunk_x: d.cx,
            head_x: d.cx,
            features: BodyFeatures::default(),
            gestures: GestureState::default(),
        }
    }

    /// Whether the centre has gone past the picture's edge: the child has walked out, or the
    /// camera turned away while the track coasted.
    fn is_outside(&self, width: f32, height: f32) -> bool {
        self.cx < 0.0 || self.cx >= width || self.cy < 0.0 || self.cy >= height
    }

    fn shift(&mut self, dx: f32, dy: f32) {
        self.cx += dx;
        self.cy += dy;
        self.x0 += dx;
        self.x1 += dx;
        self.y0 += dy;
        self.y1 += dy;
        self.trunk_x += dx;
        self.head_x += dx;
    }

    /// Lets the held box follow the box: it takes in at once what the box reaches and lets
    /// go of what the child no longer fills over [`HELD_SECONDS`]. A child walking across
    /// leaves the place behind them to the room (and to whoever walks there next): only a
    /// child playing in place holds theirs.
    fn hold(&mut self, dt: f32) {
        let keep = (-dt / HELD_SECONDS).exp();
        // One side of a child going still shifts the box's centre for a frame; walking keeps
        // it going.
        self.drift = self.vx + keep * (self.drift - self.vx);
        if self.drift.abs() > TRAVEL * self.stature {
            self.held = [self.x0, self.y0, self.x1, self.y1];
            self.was_held = self.held;
            return;
        }
        self.was_held = self.held;
        let relax = |held: f32, now: f32| now + keep * (held - now);
        self.held[0] = relax(self.held[0], self.x0).min(self.x0);
        self.held[1] = relax(self.held[1], self.y0).min(self.y0);
        self.held[2] = relax(self.held[2], self.x1).max(self.x1);
        self.held[3] = relax(self.held[3], self.y1).max(self.y1);
    }

    /// Keeps hold of the place of a piece of this child that showed in the held box: the child
    /// still fills it, though the box followed another piece. The held box never grows by such
    /// a piece (it only keeps what it held a frame ago), so a child walking away from this one
    /// leaves it and becomes a player of their own.
    fn hold_piece(&mut self, d: &Detection) {
        let keep = |held: f32, before: f32, piece: f32, lower: bool| {
            if lower {
                held.min(piece.max(before))
            } else {
                held.max(piece.min(before))
            }
        };
        self.held[0] = keep(self.held[0], self.was_held[0], d.x0 as f32, true);
        self.held[1] = keep(self.held[1], self.was_held[1], d.y0 as f32, true);
        self.held[2] = keep(self.held[2], self.was_held[2], d.x1 as f32, false);
        self.held[3] = keep(self.held[3], self.was_held[3], d.y1 as f32, false);
    }

    /// Whether a point lies in the held box.
    fn holds(&self, x: f32, y: f32) -> bool {
        (self.held[0]..=self.held[2]).contains(&x) && (self.held[1]..=self.held[3]).contains(&y)
    }

    fn contains(&self, x: f32, y: f32, margin: f32) -> bool {
        x >= self.x0 - margin
            && x <= self.x1 + margin
            && y >= self.y0 - margin
            && y <= self.y1 + margin
    }
}

/// Who a blob seems to belong to, before grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Nobody,
    Track(usize),
    Several,
}

impl Owner {
    /// The owner of a group that holds pieces of both: two different children make it
    /// several, and pieces of several are never joined to anyone.
    fn with(self, other: Owner) -> Owner {
        match (self, other) {
            (Owner::Nobody, o) | (o, Owner::Nobody) => o,
            (a, b) if a == b => a,
            _ => Owner::Several,
        }
    }
}

/// Settings of the tracker that do not change per frame.
#[derive(Debug, Clone, Copy)]
pub struct TrackerSettings {
    /// At most this many children are reported.
    pub max_players: usize,
    /// Thresholds of the profile.
    pub params: ProfileParams,
    /// Whether the picture is mirrored (for the children's left and right).
    pub mirrored: bool,
}

/// Groups blobs into children and follows them.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    tracks: Vec<Track>,
    next_id: u32,
    blob_index: Vec<u16>,
    owners: Vec<Owner>,
    parent: UnionFind,
    detections: Vec<Detection>,
    columns: Vec<u16>,
    taken: Vec<bool>,
    assignment: Assignment,
    min_reach: f32,
}

impl Tracker {
    /// Makes room for the most blobs a mask of this width can hold, so that tracking never
    /// allocates once running.
    pub fn reserve(&mut self, most_blobs: usize, width: usize) {
        self.tracks.reserve(MAX_TRACKS);
        self.blob_index.reserve(most_blobs);
        self.owners.reserve(MAX_BLOBS);
        self.parent.reserve(MAX_BLOBS);
        self.detections.reserve(MAX_COLS);
        self.taken.reserve(MAX_COLS);
        self.columns.reserve(width);
    }

    /// The boxes of every followed child and of candidates seen moving, in working pixels:
    /// what the ghost finder must not give to the room just because it is still.
    pub fn claims(&self, out: &mut Vec<super::ghost::Claim>) {
        out.clear();
        // A candidate that has never moved is what a ghost looks like (the start pose left
        // behind): it does not keep the room from taking the place back.
        for t in self
            .tracks
            .iter()
            .filter(|t| t.confirmed || t.moving_frames > 0)
        {
            let margin = 0.1 * t.stature;
            let at = |v: f32| v.max(0.0) as u16;
            out.push((
                at(t.x0 - margin),
                at(t.y0 - margin),
                at(t.x1 + margin),
                at(t.y1 + margin),
            ));
        }
    }

    /// Forgets every child (after a reset of the core).
    pub fn clear(&mut self) {
        self.tracks.clear();
    }

    /// Updates the tracks with this frame's blobs. `observe` is false during a lighting
    /// event: the tracks then coast without losing presence.
    pub fn update(
        &mut self,
        blobs: &[Blob],
        silhouette: &BitMask,
        moving: &BitMask,
        untrusted: &BitMask,
        dt: f32,
        now: f32,
        settings: &TrackerSettings,
        observe: bool,
        gestures: &mut Vec<Gesture>,
    ) {
        let (width, height) = (silhouette.width() as f32, silhouette.height() as f32);
        for t in &mut self.tracks {
            t.shift(t.vx * dt, t.vy * dt);
            t.age += dt;
            t.observed = false;
        }
        if observe {
            self.min_reach = MIN_REACH * height;
            self.group_blobs(blobs, moving, silhouette);
            self.assign_and_update(dt, width, height, settings, silhouette, moving, untrusted);
        } else {
            // A moving camera or a lighting change hides the children, but one whose coasting
            // carried it out of the picture has left: keeping it would hold a player there.
            for t in &mut self.tracks {
                let damp = (-dt / 0.3).exp();
                t.vx *= damp;
                t.vy *= damp;
                if t.is_outside(width, height) {
                    t.leaving = true;
                    t.presence -= dt / LEAVE_SECONDS;
                }
            }
        }
        self.confirm(settings, dt, height);
        self.tracks.retain(|t| t.presence > 0.0);
        self.measure_and_recognise(silhouette, moving, dt, now, settings, gestures);
    }

    fn measure_and_recognise(
        &mut self,
        silhouette: &BitMask,
        moving: &BitMask,
        dt: f32,
        now: f32,
        settings: &TrackerSettings,
        gestures: &mut Vec<Gesture>,
    ) {
        let (w, h) = (silhouette.width() as f32, silhouette.height() as f32);
        for t in self.tracks.iter_mut().filter(|t| t.confirmed) {
            let margin = 0.05 * t.stature;
            let at = BodyFrame {
                x0: (t.x0 - margin).clamp(0.0, w - 1.0) as usize,
                y0: (t.y0 - margin).clamp(0.0, h - 1.0) as usize,
                x1: (t.x1 + margin).clamp(0.0, w - 1.0) as usize,
                y1: (t.y1 + margin).clamp(0.0, h - 1.0) as usize,
                stature: t.stature,
                trunk_x: t.trunk_x,
                head_x: t.head_x,
                raised_above: t.gestures.rest_top() - 0.05 * t.stature,
                shape: settings.params.body,
            };
            t.features = body::measure(silhouette, moving, &at);
            let f = &t.features;
            if t.observed && f.trunk.count > 0 {
                t.trunk_x += (f.trunk.x - t.trunk_x) * 0.5;
            }
            let ctx = GestureContext {
                player: t.id,
                now,
                dt,
                // A child lying across the picture is as long as the box is wide.
                stature: t.stature.max(0.5 * (t.x1 - t.x0 + 1.0)),
                params: settings.params,
                mirrored: settings.mirrored,
                observed: t.observed,
                at_side: t.x0 <= 1.0 || t.x1 >= w - 2.0,
                lying: settings.params.jump_enabled
                    && (t.x1 - t.x0 + 1.0) > LYING * (t.y1 - t.y0 + 1.0),
            };
            t.gestures.update(f, &ctx, gestures);
            if f.head.count > 0 {
                t.head_x += (f.head.x - t.head_x) * 0.5;
            } else if t.observed {
                // Lost the head (a jump, a duck): look above the trunk again.
                t.head_x = t.trunk_x;
            }
        }
    }

    /// The confirmed players, in frame pixels (`scale` frame pixels per mask pixel).
    pub fn players(&self, scale: f32, params: &ProfileParams, out: &mut Vec<Player>) {
        out.clear();
        for t in self.tracks.iter().filter(|t| t.confirmed && !t.leaving) {
            out.push(Player {
                id: t.id,
                x: t.x0 * scale,
                y: t.y0 * scale,
                w: (t.x1 - t.x0 + 1.0) * scale,
                h: (t.y1 - t.y0 + 1.0) * scale,
                cx: (t.cx + 0.5) * scale,
                cy: (t.cy + 0.5) * scale,
                vx: t.vx * scale,
                vy: t.vy * scale,
                activity: t.gestures.activity(params),
                presence: t.presence.clamp(0.0, 1.0),
            });
        }
        out.sort_unstable_by_key(|p| p.id);
    }
}
