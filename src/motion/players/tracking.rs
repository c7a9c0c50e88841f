//! Tracking: each frame's groups matched to the children already followed (an optimal
//! assignment on predicted positions), tracks pulled along or coasting, candidates
//! promoted to players once they look like a child at the kiosk.

use super::*;

impl Tracker {
    pub(super) fn assign_and_update(
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
                // Nor does a child turn into someone smaller standing behind them: once the
                // child steps out, what moves beyond them (through a glass wall, down a
                // corridor) is somebody else.
                let behind = settings.params.jump_enabled
                    && t.confirmed
                    && stands_behind(b, t.y1, t.stature);
                if distance < gate && part_of_it && !jumps_away && !behind {
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
            // Only a detection another child was matched to: anything else near a lost child
            // was no match for them (someone smaller behind them, a shape too far off).
            if let Some(j) = (0..cols)
                .find(|&j| matched[..rows].contains(&Some(j)) && self.detections[j].contains(x, y))
            {
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
        for t in &mut self.tracks[..rows] {
            t.hold(dt);
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
            if !plausible_body(b, height, &settings.params, true)
                || behind_a_player(b, &self.tracks, settings.params.jump_enabled)
                || (!settings.params.jump_enabled && part_of_a_player(b, &self.tracks))
            {
                continue;
            }
            if self.tracks.iter().any(|t| d.contains(t.cx, t.cy)) {
                continue;
            }
            // A moving shape where a child playing in place was a moment ago is a piece of
            // them (a limb whose trunk stands still); a still one may be the ghost of their
            // start pose, and becomes a candidate that keeps it away from the child. Only a
            // player holds a place: a candidate's first shape may be two children standing
            // together, and the second would stay "a piece" of the first for good.
            let moves = d.moving as f32 >= MOVING_SHARE * d.area as f32;
            let holder = self
                .tracks
                .iter_mut()
                .find(|t| moves && t.confirmed && t.holds(d.cx, d.cy));
            match holder {
                Some(t) => t.hold_piece(d),
                None => self.tracks.push(Track::new(d)),
            }
        }
    }

    /// Promotes candidates that have been seen, and seen moving, to players with an id.
    pub(super) fn confirm(&mut self, settings: &TrackerSettings, dt: f32, height: f32) {
        let mut confirmed = self.tracks.iter().filter(|t| t.confirmed).count();
        for i in 0..self.tracks.len() {
            let t = &self.tracks[i];
            let b = (t.x0, t.y0, t.x1, t.y1);
            let standing = settings.params.jump_enabled;
            let plausible = plausible_body(b, height, &settings.params, !t.confirmed)
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
}

/// Whether a box (working pixels, inclusive) can be a child at the kiosk in a picture
/// `height` rows high: big enough (by its longer side, for a child may lie across the
/// picture), and, standing, not someone small whose feet stand
/// high in the picture, far behind the play area (perspective: the farther away, the
/// smaller, and the higher the feet).
pub(super) fn plausible_body(
    b: (f32, f32, f32, f32),
    height: f32,
    params: &ProfileParams,
    new: bool,
) -> bool {
    let standing = params.jump_enabled;
    let (w, h) = (b.2 - b.0 + 1.0, b.3 - b.1 + 1.0);
    let size = h.max(w);
    if !new {
        // A child already followed may show less of itself for a while (holding still, half
        // hidden): only a shape far too small for anyone is given up.
        return size >= KEEP_BODY * params.min_body * height;
    }
    if size < params.min_body * height {
        return false;
    }
    !(standing && is_far(b, height))
}

/// Whether a standing shape stands behind a child already playing: by perspective, further
/// from the camera, so somebody else than a child at the kiosk. Someone only a little smaller
/// with the feet far higher is taller than the child (an adult further back, a tall person
/// behind a glass wall) wherever they are in the picture. Someone much smaller with the feet
/// higher is behind the child only in the child's columns or just beside them (a piece of the
/// child, or somebody passing behind); well off to the side of the player, that is a second
/// child further back in the room (the far end of the room is [`is_far`]'s).
pub(super) fn behind_a_player(b: (f32, f32, f32, f32), tracks: &[Track], standing: bool) -> bool {
    standing
        && tracks.iter().filter(|t| t.confirmed).any(|t| {
            // A child lying down is as long as their box is wide.
            let stature = t.stature.max(t.x1 - t.x0 + 1.0);
            let gap_x = (b.0 - t.x1).max(t.x0 - b.2).max(0.0);
            taller_behind(b, t.y1, stature)
                || (gap_x <= BEHIND_BESIDE * stature && smaller_behind(b, t.y1, stature))
        })
}

/// Whether a standing shape `b` is smaller than a child of this `stature` whose feet are on
/// row `feet`, with its own feet higher in the picture: by perspective, further from the camera.
/// A child who crouches, sits or falls keeps their feet where they were, and one who jumps
/// keeps their size, so neither reads as behind themselves.
pub(super) fn stands_behind(b: (f32, f32, f32, f32), feet: f32, stature: f32) -> bool {
    smaller_behind(b, feet, stature) || taller_behind(b, feet, stature)
}

/// Much smaller, the feet higher: further back.
fn smaller_behind(b: (f32, f32, f32, f32), feet: f32, stature: f32) -> bool {
    b.3 - b.1 + 1.0 < BEHIND_SIZE * stature && b.3 < feet - BEHIND_FEET * stature
}

/// Only a little smaller, the feet far higher: further back and taller than the child (the
/// much smaller are [`smaller_behind`]'s).
fn taller_behind(b: (f32, f32, f32, f32), feet: f32, stature: f32) -> bool {
    let h = b.3 - b.1 + 1.0;
    (BEHIND_SIZE * stature..BEHIND_SIZE_FAR * stature).contains(&h)
        && b.3 < feet - BEHIND_FEET_FAR * stature
}

/// Whether a shape is much smaller than a child already playing and lies within a body's
/// length of them: a hand or an arm that came apart from the body (in bed the head and a hand are often
/// all that moves), not a second child. A child arriving beside another shows more of
/// themselves each frame and is taken once as big as half the first.
pub(super) fn part_of_a_player(b: (f32, f32, f32, f32), tracks: &[Track]) -> bool {
    let area = (b.2 - b.0 + 1.0) * (b.3 - b.1 + 1.0);
    tracks.iter().filter(|t| t.confirmed).any(|t| {
        let own = (t.x1 - t.x0 + 1.0) * (t.y1 - t.y0 + 1.0);
        let gap_x = (b.0 - t.x1).max(t.x0 - b.2).max(0.0);
        let gap_y = (b.1 - t.y1).max(t.y0 - b.3).max(0.0);
        // An arm reaches about a body's length from it, whichever way the body lies.
        let reach = t.stature.max(t.x1 - t.x0 + 1.0).max(t.y1 - t.y0 + 1.0);
        area < PART_AREA * own && gap_x.hypot(gap_y) < reach
    })
}

/// Small, with the feet high in the picture: someone far behind the play area.
pub(super) fn is_far(b: (f32, f32, f32, f32), height: f32) -> bool {
    let h = b.3 - b.1 + 1.0;
    h < FAR_HEIGHT * height && b.3 < FAR_FEET * height
}

/// Pulls a track towards its matched detection (an alpha-beta filter).
pub(super) fn follow(t: &mut Track, d: &Detection, dt: f32, width: f32) {
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
    if d.moving as f32 >= MOVING_SHARE * d.area as f32 {
        t.moving_frames = t.moving_frames.saturating_add(1);
    }
    t.observed = true;
}

/// Keeps a track that shares its detection with other children on its own course, pulled
/// gently towards the silhouette in its own columns `lo..hi` of the detection.
pub(super) fn follow_part(
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
pub(super) fn room_seen_in(t: &Track, untrusted: &BitMask) -> f32 {
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
pub(super) fn lose(t: &mut Track, dt: f32, width: f32, height: f32, room_seen: f32) {
    let damp = (-dt / 0.3).exp();
    t.vx *= damp;
    t.vy *= damp;
    t.unseen += dt;
    if !t.confirmed {
        t.presence = 0.0;
        return;
    }
    let outside = t.is_outside(width, height);
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
