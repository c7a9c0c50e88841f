//! Grouping: which blobs of a frame are one child. Blobs join by closeness, never across
//! two children the tracker already knows, and two children touching are split again.

use super::*;

impl Tracker {
    /// Groups blobs into detections, never joining blobs of two different known children.
    pub(super) fn group_blobs(&mut self, blobs: &[Blob], moving: &BitMask, silhouette: &BitMask) {
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
        for _ in 0..n {
            self.parent.make_set();
        }
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (
                    &blobs[self.blob_index[i] as usize],
                    &blobs[self.blob_index[j] as usize],
                );
                if may_join(a, b, self.owners[i], self.owners[j], self.min_reach) {
                    self.parent.union(i as u32, j as u32);
                }
            }
        }
        self.join_legs_under_arms(blobs);
        self.detections.clear();
        let mut sums = [(0f64, 0f64); MAX_BLOBS];
        let mut slot_of_root = [u16::MAX; MAX_BLOBS];
        for i in 0..n {
            let root = self.parent.find(i as u32) as usize;
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

    /// Joins groups that are the lower legs of a child under the group of their arms and head,
    /// across the still thighs and trunk between them that differencing does not see (a
    /// jumping jack: the legs open and close apart from each other, the arms swing above).
    /// Legs side by side are two tall shapes that [`may_join`] keeps apart as two children
    /// until a track holds them together; under one upper body that spans them both they are
    /// one child from the first frame. Never across two known children.
    fn join_legs_under_arms(&mut self, blobs: &[Blob]) {
        let n = self.blob_index.len();
        let mut boxes = [(u32::MAX, u32::MAX, 0u32, 0u32); MAX_BLOBS];
        let mut owner = [Owner::Nobody; MAX_BLOBS];
        for i in 0..n {
            let root = self.parent.find(i as u32) as usize;
            let b = &blobs[self.blob_index[i] as usize];
            let r = &mut boxes[root];
            *r = (
                r.0.min(b.x),
                r.1.min(b.y),
                r.2.max(b.right()),
                r.3.max(b.bottom()),
            );
            owner[root] = owner[root].with(self.owners[i]);
        }
        // Only groups that stand upright can be legs; looked for first, as there are few.
        let mut legs = [0u8; MAX_BLOBS];
        let mut n_legs = 0;
        for (i, r) in boxes.iter().enumerate().take(n) {
            if self.parent.find(i as u32) as usize == i
                && r.3 - r.1 >= r.2 - r.0
                && owner[i] != Owner::Several
            {
                legs[n_legs] = i as u8;
                n_legs += 1;
            }
        }
        if n_legs == 0 {
            return;
        }
        for upper in 0..n {
            if self.parent.find(upper as u32) as usize != upper {
                continue;
            }
            for &lower in &legs[..n_legs] {
                let lower = lower as usize;
                // A leg joins one upper body at most, and only a group not yet joined.
                if lower == upper
                    || self.parent.find(lower as u32) as usize != lower
                    || !legs_under(boxes[upper], boxes[lower])
                {
                    continue;
                }
                // The owner of the upper body as joined so far: two known children are
                // never joined through a leg under both.
                let root = self.parent.find(upper as u32) as usize;
                let merged = owner[root].with(owner[lower]);
                if merged == Owner::Several {
                    continue;
                }
                let joined = self.parent.union(root as u32, lower as u32);
                owner[joined as usize] = merged;
            }
        }
    }

    /// Splits detections that are two children touching (hand in hand, an arm across): two
    /// tall parts joined by a thin neck of pixels. An arm stretched out beside one child is
    /// thin on one side only and stays.
    pub(super) fn split_touching(&mut self, silhouette: &BitMask) {
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
}

/// Silhouette pixels per column of a detection's box.
pub(super) fn column_heights(mask: &BitMask, d: &Detection, out: &mut Vec<u16>) {
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

pub(super) fn vec_max(values: &[u16]) -> u16 {
    values.iter().copied().max().unwrap_or(0)
}

/// The part of a detection in columns `x0..=x1`, measured again from the mask.
pub(super) fn part_of(mask: &BitMask, d: &Detection, x0: u32, x1: u32) -> Option<Detection> {
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

/// Whether two blobs may be parts of one child.
pub(super) fn may_join(a: &Blob, b: &Blob, owner_a: Owner, owner_b: Owner, min_reach: f32) -> bool {
    if let (Owner::Track(x), Owner::Track(y)) = (owner_a, owner_b)
        && x != y
    {
        return false;
    }
    let gap_x = gap(a.x, a.right(), b.x, b.right());
    let gap_y = gap(a.y, a.bottom(), b.y, b.bottom());
    let tall = a.h.max(b.h) as f32;
    let reach = (0.2 * tall + 1.0).max(min_reach);
    let reach_y = if stacked(a, b) {
        reach.max(STACKED_REACH * tall)
    } else {
        reach
    };
    if gap_x as f32 > reach || gap_y as f32 > reach_y {
        return false;
    }
    // Two tall shapes side by side, not overlapping in columns, are two children.
    let both_tall = a.h.min(b.h) as f32 >= 0.6 * tall && tall >= 12.0;
    let unknown = owner_a != owner_b || owner_a == Owner::Nobody;
    !(gap_x > 0 && both_tall && unknown)
}

/// How much of the narrower blob's width must lie over the other for the two to count as
/// stacked: arms waving above legs share the child's columns even when the still trunk between
/// them shows no motion at all.
const STACKED_OVERLAP: f32 = 0.5;
/// How far apart (as a share of the taller blob's height) stacked parts may still be one child:
/// a still trunk is about as tall as the legs below it.
const STACKED_REACH: f32 = 0.7;
/// Stacked parts must make an upright shape (height at least this share of width): two wide
/// shapes one above the other across the room are more likely two children, one behind.
const STACKED_UPRIGHT: f32 = 0.8;

/// Whether one blob sits above the other in the same columns, as a child's upper body does over
/// its legs when the trunk between them is still and so invisible to differencing.
fn stacked(a: &Blob, b: &Blob) -> bool {
    let shared = overlap(a.x, a.right(), b.x, b.right()) as f32;
    let union_w = (a.right().max(b.right()) + 1 - a.x.min(b.x)) as f32;
    let union_h = (a.bottom().max(b.bottom()) + 1 - a.y.min(b.y)) as f32;
    shared >= STACKED_OVERLAP * a.w.min(b.w) as f32 && union_h >= STACKED_UPRIGHT * union_w
}

/// Length shared by two inclusive ranges (0 when they do not meet).
fn overlap(a0: u32, a1: u32, b0: u32, b1: u32) -> u32 {
    (a1.min(b1) + 1).saturating_sub(a0.max(b0))
}

/// Empty space between two inclusive ranges (0 when they overlap or touch).
pub(super) fn gap(a0: u32, a1: u32, b0: u32, b1: u32) -> u32 {
    if a1 < b0 {
        b0 - a1 - 1
    } else if b1 < a0 {
        a0 - b1 - 1
    } else {
        0
    }
}

/// How far (as a share of the legs' height) the lower legs may be below the arms and head:
/// the still thighs and trunk between them are about as long as the lower legs.
const LEGS_REACH: f32 = 1.2;

/// Whether box `lower` (x0, y0, x1, y1, inclusive) is a child's lower legs under `upper`, their
/// arms and head: wholly below it, within its columns, upright, at least half as tall as it,
/// and no further below it than [`LEGS_REACH`] times the legs' own height.
fn legs_under(upper: (u32, u32, u32, u32), lower: (u32, u32, u32, u32)) -> bool {
    let (uw, uh) = (upper.2 + 1 - upper.0, upper.3 + 1 - upper.1);
    let (lw, lh) = (lower.2 + 1 - lower.0, lower.3 + 1 - lower.1);
    let margin = uw / 10 + 1;
    lower.1 > upper.3
        && lower.0 + margin >= upper.0
        && lower.2 <= upper.2 + margin
        && lh >= lw
        && 2 * lh >= uh
        && (lower.1 - upper.3 - 1) as f32 <= LEGS_REACH * lh as f32
}
