//! Ghosts: places where the background still holds someone who has gone.
//!
//! The background starts as the first picture, and a child wheeled in before staff start the
//! kiosk is in it. When the child moves, the wall they uncover differs from the learned
//! background, and without care it shows as presence for as long as the background takes to
//! learn it: a ghost of the start pose. Two rules find ghosts among the still parts of the
//! presence mask (present, no motion near, unchanged for a moment):
//!
//! - **The outline** (the test of Cucchiara's Sakbot, done on contrast): around a real child
//!   the *current* picture changes across the outline (child against wall) while the
//!   background does not; around a ghost the current picture runs on smoothly (wall against
//!   wall) and the background holds the old outline. This is only asked where the background
//!   has not been seen to be the room (see "trust" below): a child in dark clothes in front
//!   of a dark door looks, along the door's edge, exactly like the ghost of a wall, and only
//!   knowing that the door was seen as the room settles it.
//! - **Nobody's**: a still part that no followed child covers, for a few seconds, is part of
//!   the room now (the ghost of a child who walked away, a chair moved).
//!
//! A background pixel is *trusted* once it has been seen free, with no motion anywhere near,
//! for a moment after the background was (re)started: at start-up a still room is trusted
//! within a third of a second, while a child who is moving is not (not even the inside of a
//! plain shirt, which never changes from frame to frame but lies near moving edges).

use super::background::Background;
use super::mask::{BitMask, Morphology};

/// Smallest part (pixels) worth judging; smaller specks are left to the opening.
const MIN_PIXELS: u32 = 3;
/// Fewest outline pairs for a verdict.
const MIN_PAIRS: u32 = 4;
/// A ghost has at least this many times more outline pairs that speak for a ghost than for a
/// child.
const RATIO: u32 = 3;

/// Times and sizes of the ghost rules, in frames and working pixels.
#[derive(Debug, Clone, Copy)]
pub struct GhostSettings {
    /// Smallest difference (grey levels) between the contrasts across an outline that
    /// counts as a vote, normally the motion threshold.
    pub min_contrast: u32,
    /// Judging calls a pixel must stay still before its part is judged.
    pub judge_after: u8,
    /// Frames a pixel must be seen free, with no motion near, before the background there is
    /// trusted as the room.
    pub trust_after: u8,
    /// Judging calls a still part must lie outside every followed child before it is adopted.
    pub nobodys_after: u8,
    /// How far (pixels) motion keeps the background near it from being trusted.
    pub near: usize,
}

/// A rectangle of the working picture, inclusive, that a followed child covers.
pub type Claim = (u16, u16, u16, u16);

/// Outline sums of one still part of the presence mask.
#[derive(Debug, Clone, Copy, Default)]
struct Part {
    pixels: u32,
    /// Pixels whose background is not trusted.
    untrusted: u32,
    /// Pixels that have been still long enough to be nobody's if unclaimed.
    old: u32,
    /// Outline pairs across which the background has an edge that the picture has not.
    ghost: u32,
    /// Outline pairs across which the picture has an edge that the background has not.
    object: u32,
    /// Outline pairs looked at.
    pairs: u32,
    x0: u16,
    y0: u16,
    x1: u16,
    y1: u16,
}

impl Part {
    fn overlaps(&self, c: &Claim) -> bool {
        self.x0 <= c.2 && c.0 <= self.x1 && self.y0 <= c.3 && c.1 <= self.y1
    }

    /// The outline says ghost: the background's edges, not the picture's, and all round.
    fn outline_says_ghost(&self) -> bool {
        2 * self.untrusted >= self.pixels
            && self.ghost >= MIN_PAIRS
            && self.ghost >= RATIO * self.object
            && 2 * self.ghost >= self.pairs
            && (self.pairs * self.pairs) as f32 >= 4.0 * self.pixels as f32
    }
}

/// Finds ghosts in the presence mask and hands them back to the background. Buffers are kept
/// between frames, so that steady state allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct GhostFinder {
    near_motion: BitMask,
    far_motion: BitMask,
    still: BitMask,
    /// Free pixels joined to the picture's border through free pixels: the room itself, not
    /// a hole inside a child whose clothes happen to match the wall behind.
    room: Vec<bool>,
    /// Frames each pixel has been still (present, with no motion near).
    still_age: Vec<u8>,
    /// Frames each untrusted pixel has been free and far from motion, in one stretch.
    trust: Vec<u8>,
    /// Pixels whose background is not trusted yet.
    untrusted: BitMask,
    untrusted_count: usize,
    /// The still pixels of the last judging call (whose ages run).
    was_still: BitMask,
    labels: Vec<u16>,
    stack: Vec<u32>,
    parts: Vec<Part>,
    /// Pixels adopted by the last call (for tests and diagnostics).
    adopted: usize,
}

impl GhostFinder {
    /// Sizes the buffers for a `width` x `height` working picture.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.near_motion = BitMask::new(width, height);
        self.far_motion = BitMask::new(width, height);
        self.still = BitMask::new(width, height);
        self.labels = vec![0; width * height];
        self.room = vec![false; width * height];
        self.still_age = vec![0; width * height];
        self.trust = vec![0; width * height];
        self.untrusted = BitMask::new(width, height);
        self.was_still = BitMask::new(width, height);
        self.restart();
        self.stack = Vec::with_capacity(width * height);
        self.parts = Vec::with_capacity(u16::MAX as usize);
    }

    /// The background was started again from one picture: nothing of it is trusted yet.
    pub fn restart(&mut self) {
        self.trust.fill(0);
        self.still_age.fill(0);
        self.was_still.clear();
        let (w, h) = (self.untrusted.width(), self.untrusted.height());
        for y in 0..h {
            for x in 0..w {
                self.untrusted.set(x, y, true);
            }
        }
        self.untrusted_count = w * h;
    }

    /// Follows, every frame, where the background is seen to be the room: free, with no
    /// motion near, for [`GhostSettings::trust_after`] frames in one stretch.
    pub fn watch_trust(
        &mut self,
        presence: &BitMask,
        motion: &BitMask,
        morphology: &mut Morphology,
        settings: &GhostSettings,
    ) {
        let (w, h) = (presence.width(), presence.height());
        if self.labels.len() != w * h {
            self.resize(w, h);
        }
        if self.untrusted_count == 0 {
            return;
        }
        self.far_motion.copy_from(motion);
        for _ in 0..settings.near.max(1) {
            morphology.dilate(&mut self.far_motion);
        }
        for y in 0..h {
            for k in 0..self.untrusted.words_per_row() {
                let mut bits = self.untrusted.row(y)[k];
                if bits == 0 {
                    continue;
                }
                let far = self.far_motion.row(y)[k];
                let present = presence.row(y)[k];
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let i = y * w + k * 64 + b;
                    if far >> b & 1 == 1 {
                        // Trust is earned in one stretch of quiet.
                        self.trust[i] = 0;
                    } else if present >> b & 1 == 0 {
                        self.trust[i] += 1;
                        if self.trust[i] >= settings.trust_after {
                            self.untrusted.set(k * 64 + b, y, false);
                            self.untrusted_count -= 1;
                        }
                    }
                }
            }
        }
    }

    /// Where the background has never been seen to be the room (learned from the first
    /// picture with someone in it, and never uncovered since).
    pub fn untrusted(&self) -> &BitMask {
        &self.untrusted
    }

    /// Pixels of ghosts adopted into the background by the last call.
    #[cfg(test)]
    pub fn adopted(&self) -> usize {
        self.adopted
    }

    /// Judges the still parts of `presence` (set where `cur` differs from the background) and
    /// adopts every ghost into `background`, clearing it from `presence`. `motion` is this
    /// frame's difference mask, `claims` the boxes of the children followed now.
    pub fn absorb(
        &mut self,
        cur: &[u8],
        background: &mut Background,
        presence: &mut BitMask,
        motion: &BitMask,
        claims: &[Claim],
        morphology: &mut Morphology,
        settings: &GhostSettings,
    ) {
        self.adopted = 0;
        let (w, h) = (presence.width(), presence.height());
        if self.labels.len() != w * h {
            self.resize(w, h);
        }
        self.near_motion.copy_from(motion);
        morphology.dilate(&mut self.near_motion);
        self.still.copy_from(presence);
        self.still.and_not(&self.near_motion);
        // Only what has stayed still for a while is judged: the camouflaged patches of a child
        // walking past come and go, a ghost stays exactly as it is.
        let mut any = false;
        for y in 0..h {
            for k in 0..self.still.words_per_row() {
                let still = self.still.row(y)[k];
                let mut gone = self.was_still.row(y)[k] & !still;
                while gone != 0 {
                    let b = gone.trailing_zeros() as usize;
                    gone &= gone - 1;
                    self.still_age[y * w + k * 64 + b] = 0;
                }
                let mut young = 0u64;
                let mut bits = still;
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let age = &mut self.still_age[y * w + k * 64 + b];
                    *age = age.saturating_add(1);
                    if *age < settings.judge_after {
                        young |= 1 << b;
                    }
                }
                self.was_still.row_mut(y)[k] = still;
                let judged = still & !young;
                self.still.row_mut(y)[k] = judged;
                any |= judged != 0;
            }
        }
        if !any {
            return;
        }
        self.label(w, h, settings);
        self.find_room(presence, w, h);
        self.judge_outlines(cur, background.grey(), w, h, settings.min_contrast);
        let ghost = |p: &Part| {
            p.pixels >= MIN_PIXELS
                && (p.outline_says_ghost()
                    || (p.old == p.pixels && !claims.iter().any(|c| p.overlaps(c))))
        };
        if !self.parts.iter().any(ghost) {
            return;
        }
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let l = self.labels[i];
                if l != 0 && ghost(&self.parts[l as usize]) {
                    background.adopt(i, cur[i]);
                    presence.set(x, y, false);
                    if self.untrusted.get(x, y) {
                        self.untrusted.set(x, y, false);
                        self.untrusted_count -= 1;
                    }
                    self.still_age[i] = 0;
                    self.adopted += 1;
                }
            }
        }
    }

    /// Counts, for each still part, the outline pairs (a part pixel and a 4-neighbour in the
    /// room) that speak for a ghost and for a child.
    fn judge_outlines(&mut self, cur: &[u8], bg: &[u8], w: usize, h: usize, min_contrast: u32) {
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let l = self.labels[i];
                if l == 0 {
                    continue;
                }
                let part = &mut self.parts[l as usize];
                let neighbours = [
                    (x > 0).then(|| i - 1),
                    (x + 1 < w).then(|| i + 1),
                    (y > 0).then(|| i - w),
                    (y + 1 < h).then(|| i + w),
                ];
                for j in neighbours.into_iter().flatten() {
                    if !self.room[j] {
                        continue;
                    }
                    let now = u32::from(cur[i].abs_diff(cur[j]));
                    let then = u32::from(bg[i].abs_diff(bg[j]));
                    part.pairs += 1;
                    if then > now + min_contrast {
                        part.ghost += 1;
                    } else if now > then + min_contrast {
                        part.object += 1;
                    }
                }
            }
        }
    }

    /// Marks the room: free pixels (neither present nor near motion) reached from the
    /// border through free pixels, by two raster sweeps (forwards, then backwards). Pockets
    /// that two sweeps cannot reach are left out, which only leaves fewer pairs to judge.
    fn find_room(&mut self, presence: &BitMask, w: usize, h: usize) {
        let free = |x: usize, y: usize| !presence.get(x, y) && !self.near_motion.get(x, y);
        for y in 0..h {
            for x in 0..w {
                let border = x == 0 || y == 0 || x + 1 == w || y + 1 == h;
                let i = y * w + x;
                self.room[i] = free(x, y) && (border || self.room[i - 1] || self.room[i - w]);
            }
        }
        for y in (0..h).rev() {
            for x in (0..w).rev() {
                let i = y * w + x;
                if !self.room[i]
                    && free(x, y)
                    && ((x + 1 < w && self.room[i + 1]) || (y + 1 < h && self.room[i + w]))
                {
                    self.room[i] = true;
                }
            }
        }
    }

    /// 4-connected parts of `still` into `labels` (0 outside), with their sizes and boxes.
    fn label(&mut self, w: usize, h: usize, settings: &GhostSettings) {
        self.labels.fill(0);
        self.parts.clear();
        self.parts.push(Part::default());
        for y in 0..h {
            for k in 0..self.still.words_per_row() {
                let mut bits = self.still.row(y)[k];
                while bits != 0 {
                    let x = k * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if self.labels[y * w + x] != 0 {
                        continue;
                    }
                    if self.parts.len() == u16::MAX as usize {
                        return;
                    }
                    let l = self.parts.len() as u16;
                    self.parts.push(Part {
                        x0: x as u16,
                        y0: y as u16,
                        x1: x as u16,
                        y1: y as u16,
                        ..Part::default()
                    });
                    self.fill(x, y, w, h, l, settings);
                }
            }
        }
    }

    fn fill(&mut self, x: usize, y: usize, w: usize, h: usize, l: u16, settings: &GhostSettings) {
        self.stack.clear();
        self.stack.push((y * w + x) as u32);
        self.labels[y * w + x] = l;
        while let Some(i) = self.stack.pop() {
            let i = i as usize;
            let (px, py) = (i % w, i / w);
            let part = &mut self.parts[l as usize];
            part.pixels += 1;
            part.untrusted += u32::from(self.untrusted.get(px, py));
            part.old += u32::from(self.still_age[i] >= settings.nobodys_after);
            part.x0 = part.x0.min(px as u16);
            part.x1 = part.x1.max(px as u16);
            part.y0 = part.y0.min(py as u16);
            part.y1 = part.y1.max(py as u16);
            let neighbours = [
                (px > 0).then(|| (px - 1, py)),
                (px + 1 < w).then(|| (px + 1, py)),
                (py > 0).then(|| (px, py - 1)),
                (py + 1 < h).then(|| (px, py + 1)),
            ];
            for (nx, ny) in neighbours.into_iter().flatten() {
                let j = ny * w + nx;
                if self.labels[j] == 0 && self.still.get(nx, ny) {
                    self.labels[j] = l;
                    self.stack.push(j as u32);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: GhostSettings = GhostSettings {
        min_contrast: 10,
        judge_after: 1,
        trust_after: 3,
        nobodys_after: 20,
        near: 1,
    };

    /// A 12x8 wall with a vertical stripe texture, and a "child" (value 200) in columns 4..8.
    fn wall(x: usize) -> u8 {
        if x.is_multiple_of(3) { 90 } else { 70 }
    }

    fn picture(child: bool) -> Vec<u8> {
        let mut img = vec![0; 12 * 8];
        for y in 0..8 {
            for x in 0..12 {
                img[y * 12 + x] = if child && (4..8).contains(&x) && (1..7).contains(&y) {
                    200
                } else {
                    wall(x)
                };
            }
        }
        img
    }

    fn presence_of(cur: &[u8], bg: &Background, t: u8) -> BitMask {
        let mut mask = BitMask::new(12, 8);
        for (i, (&c, &b)) in cur.iter().zip(bg.grey()).enumerate() {
            mask.set(i % 12, i / 12, c.abs_diff(b) > t);
        }
        mask
    }

    /// Runs the finder `frames` times on the same picture, as the core would frame after
    /// frame, and returns the pixels adopted in all.
    fn run(
        finder: &mut GhostFinder,
        now: &[u8],
        bg: &mut Background,
        motion: &BitMask,
        claims: &[Claim],
        frames: usize,
    ) -> usize {
        let mut adopted = 0;
        for _ in 0..frames {
            let mut presence = presence_of(now, bg, 10);
            finder.watch_trust(&presence, motion, &mut Morphology::default(), &SETTINGS);
            finder.absorb(
                now,
                bg,
                &mut presence,
                motion,
                claims,
                &mut Morphology::default(),
                &SETTINGS,
            );
            adopted += finder.adopted();
        }
        adopted
    }

    #[test]
    fn the_place_a_child_left_is_adopted() {
        // Learned with the child in view; now the child has gone.
        let mut bg = Background::default();
        bg.reset(&picture(true), 12);
        let now = picture(false);
        let mut finder = GhostFinder::default();
        let still = BitMask::new(12, 8);
        // Claimed by a child's box, so only the outline can tell.
        let claims = [(0, 0, 11, 7)];
        assert_eq!(run(&mut finder, &now, &mut bg, &still, &claims, 1), 24);
        assert_eq!(presence_of(&now, &bg, 10).count_ones(), 0);
        assert_eq!(bg.grey(), &now[..]);
    }

    #[test]
    fn a_child_holding_still_is_kept() {
        let mut bg = Background::default();
        bg.reset(&picture(false), 12);
        let now = picture(true);
        let mut finder = GhostFinder::default();
        let claims = [(3, 0, 8, 7)];
        assert_eq!(
            run(
                &mut finder,
                &now,
                &mut bg,
                &BitMask::new(12, 8),
                &claims,
                40
            ),
            0
        );
        assert_eq!(presence_of(&now, &bg, 10).count_ones(), 24);
    }

    #[test]
    fn moving_parts_are_not_judged() {
        let mut bg = Background::default();
        bg.reset(&picture(true), 12);
        let now = picture(false);
        // Motion all over the ghost: someone is moving there, nothing is decided.
        let motion = presence_of(&now, &bg, 10);
        let mut finder = GhostFinder::default();
        assert_eq!(run(&mut finder, &now, &mut bg, &motion, &[], 40), 0);
    }

    #[test]
    fn a_trusted_room_is_not_second_guessed_by_the_outline() {
        // The room was seen empty for a while, then a child stands still in front of it:
        // however the outline looks, the background there is known to be the room.
        let mut bg = Background::default();
        bg.reset(&picture(true), 12);
        let mut finder = GhostFinder::default();
        let empty = BitMask::new(12, 8);
        run(&mut finder, &picture(true), &mut bg, &empty, &[], 5);
        let claims = [(0, 0, 11, 7)];
        assert_eq!(
            run(&mut finder, &picture(false), &mut bg, &empty, &claims, 10),
            0
        );
    }

    #[test]
    fn a_still_thing_nobody_covers_becomes_the_room() {
        // A chair put down where nobody is: kept for a while, then adopted.
        let mut bg = Background::default();
        bg.reset(&picture(false), 12);
        let mut finder = GhostFinder::default();
        let empty = BitMask::new(12, 8);
        run(&mut finder, &picture(false), &mut bg, &empty, &[], 5);
        let chair = picture(true);
        assert_eq!(run(&mut finder, &chair, &mut bg, &empty, &[], 19), 0);
        assert_eq!(run(&mut finder, &chair, &mut bg, &empty, &[], 1), 24);
    }
}
