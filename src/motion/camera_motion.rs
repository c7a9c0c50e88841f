//! The camera moved: a shift of the whole picture (bumped, turned, held in the hand) told from
//! children moving in it.
//!
//! A child changes a part of the picture; a camera that moves changes all of it, and the same
//! way: the picture slides. The guard looks only where no child is followed, and only when
//! much of that part moves at once, or a little of it all over the picture (a plain wall shows
//! a turn only at its edges); a slow turn, less than a pixel a frame, is looked for against
//! the background, where it adds up. It finds the slide from the picture's column and row
//! profiles (one number per column and per row, so trying every shift costs little), then
//! checks it on the pixels themselves: when the previous frame, slid by that much, explains
//! the new one far better than it does unslid, the camera moved. A picture that changes almost
//! everywhere at once (a fast turn, a blur) is the camera too. While it lasts, the core treats
//! it like a change of the light: no motion, no gestures, and the background starts again.

use super::ghost::Claim;
use super::mask::BitMask;

/// Largest slide looked for, as a fraction of the picture's width and height per frame.
const MAX_SHIFT: f32 = 0.05;
/// A frame is looked at only when at least this share of the picture outside the children
/// moves.
const MIN_MOVING: f32 = 0.08;
/// Or at least this share moves in three of the picture's four quarters.
const SPREAD_MOVING: f32 = 0.005;
/// Beyond this share, whatever the slide, the picture as a whole has changed.
const ALL_MOVING: f32 = 0.5;
/// The slid previous frame must leave at most this share of the difference the unslid one
/// leaves.
const EXPLAINED: f32 = 0.7;
/// Seconds without a moving frame before the camera counts as still again.
const SETTLE_SECONDS: f32 = 0.4;
/// Sample every `STEP`-th pixel of every `STEP`-th row for the check on pixels.
const STEP: usize = 2;

/// Watches for camera movement frame by frame; buffers are kept, so it allocates nothing
/// once running.
#[derive(Debug, Clone, Default)]
pub struct CameraMotion {
    cols: [Vec<u32>; 2],
    rows: [Vec<u32>; 2],
    quiet_for: f32,
    active: bool,
    shift: (i32, i32),
}

impl CameraMotion {
    /// Whether the camera is moving (or settling after it moved).
    #[cfg(test)]
    pub fn active(&self) -> bool {
        self.active
    }

    /// The slide of the last moving frame, in working pixels (x right, y down).
    #[cfg(test)]
    pub fn shift(&self) -> (i32, i32) {
        self.shift
    }

    /// Makes room for a `width` x `height` working picture, so that watching never
    /// allocates once running; forgets any movement.
    pub fn resize(&mut self, width: usize, height: usize) {
        for p in self.cols.iter_mut() {
            p.reserve(width);
        }
        for p in self.rows.iter_mut() {
            p.reserve(height);
        }
        self.reset();
    }

    /// Forgets any movement (a new size, a restart).
    pub fn reset(&mut self) {
        self.active = false;
        self.quiet_for = 0.0;
        self.shift = (0, 0);
    }

    /// Looks at one frame: `cur` and `prev` are `width`-wide working pictures, `motion` their
    /// difference mask, `background` and `presence` the learned background and the mask of
    /// where the picture differs from it, `claims` the boxes of the children followed.
    /// Returns whether the camera is moving now.
    pub fn observe(
        &mut self,
        cur: &[u8],
        prev: &[u8],
        motion: &BitMask,
        background: &[u8],
        presence: &BitMask,
        claims: &[Claim],
        dt: f32,
    ) -> bool {
        // A slow turn moves the picture less than a pixel a frame, too little to see from one
        // frame to the next; against the background it adds up.
        let moved =
            self.moved(cur, prev, motion, claims) || self.moved(cur, background, presence, claims);
        if moved {
            self.active = true;
            self.quiet_for = 0.0;
        } else if self.active {
            self.quiet_for += dt;
            if self.quiet_for >= SETTLE_SECONDS {
                self.active = false;
            }
        }
        self.active
    }

    /// Whether `cur` is `prev` slid, judged where `changed` (their difference mask) is set
    /// outside the children.
    fn moved(&mut self, cur: &[u8], prev: &[u8], changed: &BitMask, claims: &[Claim]) -> bool {
        let motion = changed;
        let (w, h) = (motion.width(), motion.height());
        // Boxes that cover most of the picture are not children but what a moving camera
        // made of the picture: look everywhere then.
        let claimed_area: usize = claims
            .iter()
            .map(|c| {
                (c.2.saturating_sub(c.0) as usize + 1) * (c.3.saturating_sub(c.1) as usize + 1)
            })
            .sum();
        let claims = if claimed_area * 2 > w * h {
            &[][..]
        } else {
            claims
        };
        let claimed = |x: usize, y: usize| {
            claims.iter().any(|c| {
                (c.0 as usize..=c.2 as usize).contains(&x)
                    && (c.1 as usize..=c.3 as usize).contains(&y)
            })
        };
        // How much of the picture outside the children moves.
        let (mut free, mut moving) = (0u32, 0u32);
        let mut quarters = [0u32; 4];
        for y in (0..h).step_by(STEP) {
            let row = motion.row(y);
            for x in (0..w).step_by(STEP) {
                if !claimed(x, y) {
                    free += 1;
                    let m = (row[x / 64] >> (x % 64) & 1) as u32;
                    moving += m;
                    quarters[usize::from(2 * y >= h) * 2 + usize::from(2 * x >= w)] += m;
                }
            }
        }
        if free == 0 {
            return false;
        }
        let share = moving as f32 / free as f32;
        // A plain wall shows a turn only at its few edges (a door, a window), but all over
        // the picture; a child moves in one place.
        let quarter = free as f32 / 4.0;
        let spread = quarters
            .iter()
            .filter(|&&q| q as f32 >= SPREAD_MOVING * quarter)
            .count();
        if share < MIN_MOVING && !(spread >= 3 && share >= SPREAD_MOVING) {
            self.shift = (0, 0);
            return false;
        }
        let dx = best_slide(&mut self.cols, cur, prev, w, h, true, MAX_SHIFT);
        let dy = best_slide(&mut self.rows, cur, prev, w, h, false, MAX_SHIFT);
        if (dx, dy) == (0, 0) {
            return share >= ALL_MOVING;
        }
        // The check on the pixels outside the children.
        let (mut still, mut slid, mut n) = (0u64, 0u64, 0u64);
        for y in (0..h).step_by(STEP) {
            let py = y as i32 - dy;
            if py < 0 || py >= h as i32 {
                continue;
            }
            for x in (0..w).step_by(STEP) {
                let px = x as i32 - dx;
                if px < 0 || px >= w as i32 || claimed(x, y) {
                    continue;
                }
                let c = cur[y * w + x];
                still += u64::from(c.abs_diff(prev[y * w + x]));
                slid += u64::from(c.abs_diff(prev[py as usize * w + px as usize]));
                n += 1;
            }
        }
        let explained = n > 0 && (slid as f32) < EXPLAINED * still as f32;
        self.shift = if explained { (dx, dy) } else { (0, 0) };
        explained || share >= ALL_MOVING
    }
}

/// The slide (pixels) that best matches the profiles of `cur` and `prev`, along x (column
/// profiles) or y (row profiles), within `max_share` of that side.
fn best_slide(
    profiles: &mut [Vec<u32>; 2],
    cur: &[u8],
    prev: &[u8],
    w: usize,
    h: usize,
    along_x: bool,
    max_share: f32,
) -> i32 {
    let n = if along_x { w } else { h };
    for (profile, image) in profiles.iter_mut().zip([cur, prev]) {
        profile.clear();
        profile.resize(n, 0);
        for y in 0..h {
            let row = &image[y * w..(y + 1) * w];
            if along_x {
                for (p, &v) in profile.iter_mut().zip(row) {
                    *p += u32::from(v);
                }
            } else {
                profile[y] = row.iter().map(|&v| u32::from(v)).sum();
            }
        }
    }
    let [now, before] = &*profiles;
    let reach = ((n as f32 * max_share).round() as i32).max(1);
    let mut best: (u64, i32) = (u64::MAX, 0);
    for s in -reach..=reach {
        let (mut sum, mut count) = (0u64, 0u64);
        for i in 0..n as i32 {
            let j = i - s;
            if j < 0 || j >= n as i32 {
                continue;
            }
            sum += u64::from(now[i as usize].abs_diff(before[j as usize]));
            count += 1;
        }
        // Mean difference, scaled to keep integers; ties go to the smaller slide.
        let mean = sum * 1024 / count.max(1);
        if mean < best.0 || (mean == best.0 && s.abs() < best.1.abs()) {
            best = (mean, s);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A textured 64x48 picture slid by (dx, dy).
    fn scene(dx: i32, dy: i32) -> Vec<u8> {
        let (w, h) = (64, 48);
        let mut img = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let (sx, sy) = (x as i32 - dx, y as i32 - dy);
                let v = ((sx * 37 + sy * 11).rem_euclid(97) + (sx / 5 + sy / 7).rem_euclid(3) * 40)
                    as u8;
                img[y * w + x] = 40 + v;
            }
        }
        img
    }

    fn motion_of(a: &[u8], b: &[u8]) -> BitMask {
        let mut m = BitMask::new(64, 48);
        for (i, (&p, &q)) in a.iter().zip(b).enumerate() {
            m.set(i % 64, i / 64, p.abs_diff(q) > 6);
        }
        m
    }

    #[test]
    fn a_slid_picture_is_the_camera() {
        let mut guard = CameraMotion::default();
        let (before, after) = (scene(0, 0), scene(2, -1));
        let m = motion_of(&after, &before);
        let moved = guard.observe(&after, &before, &m, &before, &m, &[], 1.0 / 30.0);
        assert!(moved);
        assert_eq!(guard.shift(), (2, -1));
    }

    #[test]
    fn a_child_moving_is_not_the_camera() {
        let mut guard = CameraMotion::default();
        let before = scene(0, 0);
        let mut after = before.clone();
        // A bright block (a child) moves into the left third.
        for y in 10..40 {
            for x in 5..20 {
                after[y * 64 + x] = 250;
            }
        }
        let motion = motion_of(&after, &before);
        let dt = 1.0 / 30.0;
        assert!(!guard.observe(&after, &before, &motion, &before, &motion, &[], dt));
        // Claimed by a followed child, it is not even looked at.
        let claims = [(5, 10, 19, 39)];
        assert!(!guard.observe(&after, &before, &motion, &before, &motion, &claims, dt));
    }

    #[test]
    fn a_slow_turn_adds_up_against_the_background() {
        // Each frame moves too little to see, but the picture has slid 3 pixels from the
        // background learned before the turn.
        let mut guard = CameraMotion::default();
        let (learned, now) = (scene(0, 0), scene(3, 0));
        let quiet = BitMask::new(64, 48);
        let presence = motion_of(&now, &learned);
        assert!(guard.observe(&now, &now, &quiet, &learned, &presence, &[], 1.0 / 30.0));
    }

    #[test]
    fn the_camera_settles_after_a_moment() {
        let mut guard = CameraMotion::default();
        let (before, after) = (scene(0, 0), scene(3, 0));
        let dt = 1.0 / 30.0;
        let m = motion_of(&after, &before);
        assert!(guard.observe(&after, &before, &m, &after, &BitMask::new(64, 48), &[], dt));
        let quiet = BitMask::new(64, 48);
        for _ in 0..10 {
            assert!(guard.observe(&after, &after, &quiet, &after, &quiet, &[], dt));
        }
        for _ in 0..5 {
            guard.observe(&after, &after, &quiet, &after, &quiet, &[], dt);
        }
        assert!(!guard.active());
    }
}
