//! Players: blobs grouped into children and followed from frame to frame with lasting ids.
//!
//! A child is rarely one blob: a head, an arm or the legs often come apart from the trunk.
//! Blobs are grouped by closeness, but never across two children the tracker already knows.
//! Groups are matched to tracks by an optimal assignment on predicted positions, so two
//! children who cross keep their ids; while they overlap, both coast on their own speed. A
//! child who holds still keeps their track: presence decays slowly, it does not vanish.

use super::assignment::{Assignment, MAX_COLS, MAX_ROWS};
use super::body::{self, BodyFeatures, BodyFrame};
use super::gestures::{GestureContext, GestureState};
use super::label::Blob;
use super::mask::BitMask;
use super::profile::ProfileParams;
use super::report::{Gesture, Player};

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
/// A new player's longer side spans at least this share of the picture's height: a child at
/// the far end of a play area (4 m from a webcam's 45 to 55 degree view) still does.
const MIN_BODY: f32 = 0.2;
/// A followed child is given up when it shrinks below this share of [`MIN_BODY`].
const KEEP_BODY: f32 = 0.6;
/// Seconds a followed box may look like no child at all before it is given up.
const IMPLAUSIBLE_SECONDS: f32 = 1.0;
/// Far behind the play area: shorter than this share of the picture's height...
const FAR_HEIGHT: f32 = 0.45;
/// ...with the feet above this share of it (perspective: the farther, the higher).
const FAR_FEET: f32 = 0.8;
/// Behind a child who plays: smaller than this share of their stature...
const BEHIND_SIZE: f32 = 0.7;
/// ...with the feet higher by this share of it.
const BEHIND_FEET: f32 = 0.15;
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
            moving_frames: u32::from(d.moving as f32 >= 0.03 * d.area as f32),
            age: 0.0,
            unseen: 0.0,
            merged_for: 0.0,
            implausible_for: 0.0,
            leaving: false,
            observed: true,
            trunk_x: d.cx,
            head_x: d.cx,
            features: BodyFeatures::default(),
            gestures: GestureState::default(),
        }
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
    parent: Vec<u16>,
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

    /// The boxes of every followed child and candidate, in working pixels: what the ghost
    /// finder must not give to the room just because it is still.
    pub fn claims(&self, out: &mut Vec<super::ghost::Claim>) {
        out.clear();
        for t in &self.tracks {
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
            for t in &mut self.tracks {
                let damp = (-dt / 0.3).exp();
                t.vx *= damp;
                t.vy *= damp;
            }
        }
        self.confirm(settings, dt, height);
        self.tracks.retain(|t| t.presence > 0.0);
        self.measure_and_recognise(silhouette, moving, dt, now, settings, gestures);
    }

    /// Groups blobs into detections, never joining blobs of two different known children.
    fn group_blobs(&mut self, blobs: &[Blob], moving: &BitMask, silhouette: &BitMask) {
        self.blob_index.clear();
        self.blob_index.extend(
            blobs
                .iter()
                .enumerate()
                .filter(|(_, b)| b.area >= MIN_BLOB_AREA)
                .map(|(i, _)| i as u16),
        );
        if self.blob_index.len() > MAX_BLOBS {
            self.blob_index
                .select_nth_unstable_by_key(MAX_BLOBS - 1, |&i| {
                    std::cmp::Reverse(blobs[i as usize].area)
                });
            self.blob_index.truncate(MAX_BLOBS);
        }
        let n = self.blob_index.len();
        self.owners.clear();
        for &bi in &self.blob_index {
            let b = &blobs[bi as usize];
            let (x, y) = (b.cx as f32, b.cy as f32);
            let mut owner = Owner::Nobody;
            for (ti, t) in self.tracks.iter().enumerate().filter(|(_, t)| t.confirmed) {
                if t.contains(x, y, 0.1 * t.stature) {
                    owner = match owner {
                        Owner::Nobody => Owner::Track(ti),
                        _ => Owner::Several,
                    };
                }
            }
            self.owners.push(owner);
        }
        self.parent.clear();
        self.parent.extend(0..n as u16);
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (
                    &blobs[self.blob_index[i] as usize],
                    &blobs[self.blob_index[j] as usize],
                );
                if may_join(a, b, self.owners[i], self.owners[j], self.min_reach) {
                    let (ri, rj) = (find(&mut self.parent, i), find(&mut self.parent, j));
                    let (lo, hi) = (ri.min(rj), ri.max(rj));
                    self.parent[hi] = lo as u16;
                }
            }
        }
        self.detections.clear();
        let mut sums = [(0f64, 0f64); MAX_BLOBS];
        let mut slot_of_root = [u16::MAX; MAX_BLOBS];
        for i in 0..n {
            let root = find(&mut self.parent, i);
            let b = &blobs[self.blob_index[i] as usize];
            let slot = if slot_of_root[root] == u16::MAX {
                if self.detections.len() == MAX_COLS {
                    continue;
                }
                slot_of_root[root] = self.detections.len() as u16;
                self.detections.push(Detection {
                    x0: b.x,
                    y0: b.y,
                    x1: b.right(),
                    y1: b.bottom(),
                    ..Detection::default()
                });
                self.detections.len() - 1
            } else {
                slot_of_root[root] as usize
            };
            let d = &mut self.detections[slot];
            d.x0 = d.x0.min(b.x);
            d.y0 = d.y0.min(b.y);
            d.x1 = d.x1.max(b.right());
            d.y1 = d.y1.max(b.bottom());
            d.area += b.area;
            sums[slot].0 += b.cx * f64::from(b.area);
            sums[slot].1 += b.cy * f64::from(b.area);
        }
        for (d, s) in self.detections.iter_mut().zip(sums.iter()) {
            d.cx = (s.0 / f64::from(d.area)) as f32;
            d.cy = (s.1 / f64::from(d.area)) as f32;
        }
        self.split_touching(silhouette);
        for d in &mut self.detections {
            d.moving =
                moving.count_in_rect(d.x0 as usize, d.y0 as usize, d.x1 as usize, d.y1 as usize)
                    as u32;
        }
    }

    /// Splits detections that are two children touching (hand in hand, an arm across): two
    /// tall parts joined by a thin neck of pixels. An arm stretched out beside one child is
    /// thin on one side only and stays.
    fn split_touching(&mut self, silhouette: &BitMask) {
        let mut i = 0;
        while i < self.detections.len() {
            let d = self.detections[i];
            let height = d.height();
            let width = (d.x1 - d.x0 + 1) as f32;
            if height < 12.0 || width < 0.7 * height || self.detections.len() == MAX_COLS {
                i += 1;
                continue;
            }
            column_heights(silhouette, &d, &mut self.columns);
            let columns = &self.columns;
            let peak = columns.iter().copied().max().unwrap_or(0) as f32;
            let margin = (0.15 * height) as usize + 1;
            let n = columns.len();
            let mut best: Option<(usize, u16)> = None;
            if n > 2 * margin {
                let mut left_peak = vec_max(&columns[..margin]);
                for x in margin..n - margin {
                    left_peak = left_peak.max(columns[x - 1]);
                    let c = columns[x];
                    if (c as f32) > 0.25 * peak || best.is_some_and(|(_, b)| c >= b) {
                        continue;
                    }
                    if (left_peak as f32) >= 0.6 * peak
                        && (vec_max(&columns[x + 1..]) as f32) >= 0.6 * peak
                    {
                        best = Some((x, c));
                    }
                }
            }
            let Some((cut, _)) = best else {
                i += 1;
                continue;
            };
            let cut = d.x0 + cut as u32;
            let left = part_of(silhouette, &d, d.x0, cut - 1);
            let right = part_of(silhouette, &d, cut + 1, d.x1);
            match (left, right) {
                (Some(l), Some(r)) => {
                    self.detections[i] = l;
                    self.detections.push(r);
                    // Look at the left part again: three children may hold hands.
                }
                _ => i += 1,
            }
        }
    }

    fn assign_and_update(
        &mut self,
        dt: f32,
        width: f32,
        height: f32,
        settings: &TrackerSettings,
        silhouette: &BitMask,
        moving: &BitMask,
        untrusted: &BitMask,
    ) {
        let min_area = settings.params.min_player_area * width * height;
        let rows = self.tracks.len();
        let cols = self.detections.len();
        let gate = GATE;
        self.assignment.reset(rows, cols);
        for (i, t) in self.tracks.iter().enumerate() {
            let scale = t.stature.max(8.0);
            for (j, d) in self.detections.iter().enumerate() {
                if (d.area as f32) < 0.25 * min_area {
                    continue;
                }
                let distance = (t.cx - d.cx).hypot(t.cy - d.cy) / scale;
                let track_h = t.y1 - t.y0 + 1.0;
                let size = ((d.height() + 1.0) / (track_h + 1.0)).ln().abs();
                // A much smaller shape elsewhere is not this child (a hand can be, where the
                // child is).
                let part_of_it = d.height() >= MIN_PART * t.stature || t.contains(d.cx, d.cy, 0.0);
                // Nobody steps from the play area to the far end of the room in one frame.
                let b = (d.x0 as f32, d.y0 as f32, d.x1 as f32, d.y1 as f32);
                let jumps_away = settings.params.jump_enabled
                    && t.confirmed
                    && is_far(b, height)
                    && !is_far((t.x0, t.y0, t.x1, t.y1), height);
                if distance < gate && part_of_it && !jumps_away {
                    self.assignment.set(i, j, distance + 0.3 * size);
                }
            }
        }
        let mut matched = [None; MAX_ROWS];
        self.assignment.solve(gate + 0.5, &mut matched);
        self.taken.clear();
        self.taken.resize(cols, false);
        for m in matched[..rows].iter().flatten() {
            self.taken[*m] = true;
        }
        // Tracks left without a detection whose prediction lies inside another track's
        // detection are merged with it (children crossing): both coast.
        let mut merged_into = [None; MAX_ROWS];
        for i in 0..rows {
            if matched[i].is_some() || !self.tracks[i].confirmed {
                continue;
            }
            let (x, y) = (self.tracks[i].cx, self.tracks[i].cy);
            if let Some(j) = (0..cols).find(|&j| self.detections[j].contains(x, y)) {
                merged_into[i] = Some(j);
            }
        }
        let mut shared = [None; MAX_ROWS];
        for i in 0..rows {
            shared[i] = merged_into[i].or_else(|| {
                let j = matched[i]?;
                merged_into.contains(&Some(j)).then_some(j)
            });
        }
        // Children sharing one detection each get the part of it on their side, split
        // half-way between their predicted places.
        for j in 0..cols {
            let mut group = [0usize; MAX_ROWS];
            let mut n = 0;
            for (i, _) in shared[..rows]
                .iter()
                .enumerate()
                .filter(|(_, s)| **s == Some(j))
            {
                group[n] = i;
                n += 1;
            }
            if n == 0 {
                continue;
            }
            let group = &mut group[..n];
            group.sort_unstable_by(|&a, &b| self.tracks[a].cx.total_cmp(&self.tracks[b].cx));
            let d = self.detections[j];
            for k in 0..n {
                let lo = if k == 0 {
                    d.x0 as f32
                } else {
                    0.5 * (self.tracks[group[k - 1]].cx + self.tracks[group[k]].cx)
                };
                let hi = if k + 1 == n {
                    d.x1 as f32
                } else {
                    0.5 * (self.tracks[group[k]].cx + self.tracks[group[k + 1]].cx)
                };
                follow_part(
                    &mut self.tracks[group[k]],
                    &d,
                    lo,
                    hi,
                    silhouette,
                    moving,
                    dt,
                );
            }
        }
        for i in 0..rows {
            let t = &mut self.tracks[i];
            if shared[i].is_some() {
                continue;
            }
            t.merged_for = 0.0;
            match matched[i] {
                Some(j) => {
                    let d = self.detections[j];
                    follow(t, &d, dt, width);
                }
                None => {
                    let room_seen = room_seen_in(t, untrusted);
                    lose(t, dt, width, height, room_seen)
                }
            }
        }
        // A track merged for very long is a duplicate of its partner: keep the older id.
        if let Some(dup) = (0..rows).find(|&i| {
            self.tracks[i].merged_for > MERGE_SECONDS
                && self
                    .tracks
                    .iter()
                    .any(|o| o.id != 0 && o.id < self.tracks[i].id && o.merged_for > MERGE_SECONDS)
        }) {
            self.tracks[dup].presence = 0.0;
        }
        self.tracks.retain(|t| {
            t.presence > 0.0
                && (t.confirmed
                    || (t.observed && t.age < CANDIDATE_SECONDS)
                    || t.moving_frames >= 2)
        });
        // New candidates from big detections that no track explains.
        for (j, d) in self.detections.iter().enumerate() {
            if self.taken[j] || (d.area as f32) < min_area || self.tracks.len() >= MAX_TRACKS {
                continue;
            }
            // Perspective: someone small whose feet stand high in the picture is far behind
            // the play area (a corridor, beyond a glass wall), not a child at the kiosk.
            let b = (d.x0 as f32, d.y0 as f32, d.x1 as f32, d.y1 as f32);
            if !plausible_body(b, height, settings.params.jump_enabled, true)
                || behind_a_player(b, &self.tracks, settings.params.jump_enabled)
            {
                continue;
            }
            let explained = self
                .tracks
                .iter()
                .any(|t| t.contains(d.cx, d.cy, 0.0) || d.contains(t.cx, t.cy));
            if !explained {
                self.tracks.push(Track::new(d));
            }
        }
    }

    /// Promotes candidates that have been seen, and seen moving, to players with an id.
    fn confirm(&mut self, settings: &TrackerSettings, dt: f32, height: f32) {
        let mut confirmed = self.tracks.iter().filter(|t| t.confirmed).count();
        for i in 0..self.tracks.len() {
            let t = &self.tracks[i];
            let b = (t.x0, t.y0, t.x1, t.y1);
            let standing = settings.params.jump_enabled;
            let plausible = plausible_body(b, height, standing, !t.confirmed)
                && (t.confirmed || !behind_a_player(b, &self.tracks, standing));
            let t = &mut self.tracks[i];
            if t.confirmed {
                t.implausible_for = if plausible {
                    0.0
                } else {
                    t.implausible_for + dt
                };
                if t.implausible_for > IMPLAUSIBLE_SECONDS {
                    t.presence = 0.0;
                }
            }
            if !t.confirmed
                && plausible
                && t.seen >= 3
                && t.moving_frames >= 2
                && confirmed < settings.max_players
            {
                t.confirmed = true;
                self.next_id += 1;
                t.id = self.next_id;
                confirmed += 1;
            }
        }
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

/// Silhouette pixels per column of a detection's box.
fn column_heights(mask: &BitMask, d: &Detection, out: &mut Vec<u16>) {
    let (x0, x1) = (d.x0 as usize, d.x1 as usize);
    out.clear();
    out.resize(x1 - x0 + 1, 0);
    for y in d.y0 as usize..=d.y1 as usize {
        let row = mask.row(y);
        crate::motion::mask::for_each_word_span(x0, x1, |w, bits| {
            let mut word = row[w] & bits;
            while word != 0 {
                let x = w * 64 + word.trailing_zeros() as usize;
                out[x - x0] += 1;
                word &= word - 1;
            }
        });
    }
}

fn vec_max(values: &[u16]) -> u16 {
    values.iter().copied().max().unwrap_or(0)
}

/// The part of a detection in columns `x0..=x1`, measured again from the mask.
fn part_of(mask: &BitMask, d: &Detection, x0: u32, x1: u32) -> Option<Detection> {
    if x1 < x0 {
        return None;
    }
    let (ux0, ux1) = (x0 as usize, x1 as usize);
    let mut top = None;
    let mut bottom = 0;
    for y in d.y0 as usize..=d.y1 as usize {
        if mask.count_in_rect(ux0, y, ux1, y) > 0 {
            top.get_or_insert(y);
            bottom = y;
        }
    }
    let top = top?;
    let (area, cx, cy) = mask.centroid_in_rect(ux0, top, ux1, bottom)?;
    Some(Detection {
        x0,
        y0: top as u32,
        x1,
        y1: bottom as u32,
        cx,
        cy,
        area: area as u32,
        moving: 0,
    })
}

/// Whether a box (working pixels, inclusive) can be a child at the kiosk in a picture
/// `height` rows high: big enough (by its longer side, for a child may lie across the
/// picture), and, standing, not someone small whose feet stand
/// high in the picture, far behind the play area (perspective: the farther away, the
/// smaller, and the higher the feet).
fn plausible_body(b: (f32, f32, f32, f32), height: f32, standing: bool, new: bool) -> bool {
    let (w, h) = (b.2 - b.0 + 1.0, b.3 - b.1 + 1.0);
    let size = h.max(w);
    if !new {
        // A child already followed may show less of itself for a while (holding still, half
        // hidden): only a shape far too small for anyone is given up.
        return size >= KEEP_BODY * MIN_BODY * height;
    }
    if size < MIN_BODY * height {
        return false;
    }
    !(standing && is_far(b, height))
}

/// Whether a standing shape is smaller than a child already playing and has its feet higher
/// in the picture: by perspective, someone behind that child, further from the camera (a
/// child of another size beside them stands on the same line of the floor).
fn behind_a_player(b: (f32, f32, f32, f32), tracks: &[Track], standing: bool) -> bool {
    let h = b.3 - b.1 + 1.0;
    standing
        && tracks
            .iter()
            .filter(|t| t.confirmed)
            .any(|t| h < BEHIND_SIZE * t.stature && b.3 < t.y1 - BEHIND_FEET * t.stature)
}

/// Small, with the feet high in the picture: someone far behind the play area.
fn is_far(b: (f32, f32, f32, f32), height: f32) -> bool {
    let h = b.3 - b.1 + 1.0;
    h < FAR_HEIGHT * height && b.3 < FAR_FEET * height
}

/// Whether two blobs may be parts of one child.
fn may_join(a: &Blob, b: &Blob, owner_a: Owner, owner_b: Owner, min_reach: f32) -> bool {
    if let (Owner::Track(x), Owner::Track(y)) = (owner_a, owner_b)
        && x != y
    {
        return false;
    }
    let gap_x = gap(a.x, a.right(), b.x, b.right());
    let gap_y = gap(a.y, a.bottom(), b.y, b.bottom());
    let tall = a.h.max(b.h) as f32;
    let reach = (0.2 * tall + 1.0).max(min_reach);
    if gap_x as f32 > reach || gap_y as f32 > reach {
        return false;
    }
    // Two tall shapes side by side, not overlapping in columns, are two children.
    let both_tall = a.h.min(b.h) as f32 >= 0.6 * tall && tall >= 12.0;
    let unknown = owner_a != owner_b || owner_a == Owner::Nobody;
    !(gap_x > 0 && both_tall && unknown)
}

/// Empty space between two inclusive ranges (0 when they overlap or touch).
fn gap(a0: u32, a1: u32, b0: u32, b1: u32) -> u32 {
    if a1 < b0 {
        b0 - a1 - 1
    } else if b1 < a0 {
        a0 - b1 - 1
    } else {
        0
    }
}

fn find(parent: &mut [u16], mut i: usize) -> usize {
    while parent[i] as usize != i {
        parent[i] = parent[parent[i] as usize];
        i = parent[i] as usize;
    }
    i
}

/// Pulls a track towards its matched detection (an alpha-beta filter).
fn follow(t: &mut Track, d: &Detection, dt: f32, width: f32) {
    let (ix, iy) = (d.cx - t.cx, d.cy - t.cy);
    let dt = dt.max(1e-3);
    // A child coming in (or going out) at the side of the picture shows more (or less) of
    // itself each frame, so its centre crawls; the edge inside the picture moves at its
    // true speed.
    let speed_ix = if d.x0 == 0 && (d.x1 as f32) < width - 1.0 {
        d.x1 as f32 - (t.x1 + t.vx * 0.0)
    } else if d.x0 > 0 && d.x1 as f32 >= width - 1.0 {
        d.x0 as f32 - t.x0
    } else {
        ix
    };
    t.shift(0.7 * ix, 0.7 * iy);
    // Children move across the picture; up and down is a jump or a stretch, not travel.
    t.vx += 0.25 * speed_ix / dt;
    t.vy = (t.vy + 0.05 * iy / dt) * (-dt / 0.2).exp();
    let limit = 3.0 * t.stature.max(8.0);
    let speed = t.vx.hypot(t.vy);
    if speed > limit {
        t.vx *= limit / speed;
        t.vy *= limit / speed;
    }
    let blend = |v: &mut f32, target: f32| *v += (target - *v) * 0.6;
    blend(&mut t.x0, d.x0 as f32);
    blend(&mut t.y0, d.y0 as f32);
    blend(&mut t.x1, d.x1 as f32);
    blend(&mut t.y1, d.y1 as f32);
    // The usual height: followed closely while the child arrives (walking in, sitting up),
    // then slowly; a lasting change (the child came closer) is adopted after a while, a
    // short one (arms up) is not.
    let h = d.height();
    if t.age < ARRIVAL_SECONDS {
        t.stature += (h - t.stature) * 0.5;
    } else if (0.8..1.25).contains(&(h / t.stature)) {
        t.stature += (h - t.stature) * 0.03;
        t.stature_off = 0.0;
    } else {
        t.stature_off += dt;
        if t.stature_off > 2.0 {
            t.stature = h;
            t.stature_off = 0.0;
        }
    }
    if (d.moving as f32) < STILL_MOTION * d.area as f32 {
        // Hardly any pixel changes: the child has stopped, whatever the filter believed.
        t.vx *= (-dt / 0.1).exp();
    }
    // All that is left in the picture is a sliver at its side (a foot, a hand): the child is
    // stepping out.
    let at_side = d.x0 == 0 || d.x1 as f32 >= width - 1.0;
    t.leaving = at_side && ((d.x1 - d.x0 + 1) as f32) < 0.15 * t.stature;
    t.presence = 1.0;
    t.unseen = 0.0;
    t.seen = t.seen.saturating_add(1);
    if d.moving as f32 >= 0.03 * d.area as f32 {
        t.moving_frames = t.moving_frames.saturating_add(1);
    }
    t.observed = true;
}

/// Keeps a track that shares its detection with other children on its own course, pulled
/// gently towards the silhouette in its own columns `lo..hi` of the detection.
fn follow_part(
    t: &mut Track,
    d: &Detection,
    lo: f32,
    hi: f32,
    silhouette: &BitMask,
    moving: &BitMask,
    dt: f32,
) {
    let (x0, x1) = (
        lo.max(d.x0 as f32) as usize,
        (hi.max(lo) as usize).min(d.x1 as usize),
    );
    let (y0, y1) = (d.y0 as usize, d.y1 as usize);
    // A walking child keeps walking on its own speed, which is what carries two crossing
    // children past each other. Where its own box hardly changes, it is not walking (it had
    // just stopped): it holds its place. The shared silhouette keeps it at the right height.
    let (bx0, bx1) = (
        t.x0.max(d.x0 as f32) as usize,
        (t.x1.max(0.0) as usize).min(d.x1 as usize),
    );
    if bx0 <= bx1 {
        let area = silhouette.count_in_rect(bx0, y0, bx1, y1) as f32;
        if (moving.count_in_rect(bx0, y0, bx1, y1) as f32) < STILL_MOTION * area {
            t.vx *= (-dt / 0.1).exp();
        }
    }
    if let Some((_, _, cy)) = silhouette.centroid_in_rect(x0, y0, x1, y1) {
        t.shift(0.0, 0.1 * (cy - t.cy));
    } else {
        let cx = t.cx.clamp(d.x0 as f32, d.x1 as f32);
        let cy = t.cy.clamp(d.y0 as f32, d.y1 as f32);
        t.shift(cx - t.cx, cy - t.cy);
    }
    // A little slower while they overlap, rather than running off on an old speed.
    t.vx *= (-dt / 3.0).exp();
    t.vy *= (-dt / 0.2).exp();
    t.unseen = 0.0;
    t.merged_for += dt;
}

/// The share of a track's box where the background has been seen to be the room.
fn room_seen_in(t: &Track, untrusted: &BitMask) -> f32 {
    let (w, h) = (untrusted.width(), untrusted.height());
    if w == 0 || h == 0 {
        return 0.0;
    }
    let clamp = |v: f32, n: usize| (v.max(0.0) as usize).min(n - 1);
    let (x0, x1) = (clamp(t.x0, w), clamp(t.x1, w));
    let (y0, y1) = (clamp(t.y0, h), clamp(t.y1, h));
    let area = ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32;
    1.0 - untrusted.count_in_rect(x0, y0, x1, y1) as f32 / area
}

/// A track with nothing to follow: it slows down, holds its place and fades slowly (a child
/// holding still in the background they were learned with), quickly if it walked out of the
/// picture, or soon where the room behind it has been seen (there is nobody there: a child
/// holding still would still differ from the room).
fn lose(t: &mut Track, dt: f32, width: f32, height: f32, room_seen: f32) {
    let damp = (-dt / 0.3).exp();
    t.vx *= damp;
    t.vy *= damp;
    t.unseen += dt;
    if !t.confirmed {
        t.presence = 0.0;
        return;
    }
    let outside = t.cx < 0.0 || t.cx >= width || t.cy < 0.0 || t.cy >= height;
    let at_edge = t.x0 <= 1.0 || t.x1 >= width - 2.0;
    if outside || (at_edge && t.unseen > 0.1) {
        t.leaving = true;
        t.presence -= dt / LEAVE_SECONDS;
    } else if t.unseen > GRACE_SECONDS && room_seen >= ROOM_SEEN {
        t.presence -= dt / GONE_SECONDS;
    } else if t.unseen > GRACE_SECONDS {
        t.presence -= dt / HOLD_SECONDS;
    }
}
