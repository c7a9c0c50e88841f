//! Body measurements of one player, read from the masks inside the player's box.
//!
//! Where the head is, where the trunk is, how far up the silhouette reaches, and how much is
//! moving beside the body (the arms): the raw material of every gesture.

use super::mask::{BitMask, for_each_word_span, position_sum};
use super::profile::BodyShape;

/// Count and column sum of the set pixels of one row in `x0..=x1`.
#[inline]
fn row_stats(row: &[u64], x0: usize, x1: usize) -> (u32, u64) {
    let (mut count, mut sum) = (0u32, 0u64);
    for_each_word_span(x0, x1, |w, bits| {
        let word = row[w] & bits;
        let c = word.count_ones();
        count += c;
        sum += position_sum(word) + u64::from(c) * (w as u64 * 64);
    });
    (count, sum)
}

/// The run of set pixels in `row` that holds column `x`, or the nearest run that starts or
/// ends within `reach` columns of it, clipped to `lo..=hi`: the head in a row where a raised
/// arm may also be.
fn run_near(row: &[u64], x: usize, reach: usize, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let is_set = |c: usize| row[c / 64] >> (c % 64) & 1 == 1;
    let x = x.clamp(lo, hi);
    let found = (0..=reach).find_map(|d| {
        if x >= lo + d && is_set(x - d) {
            Some(x - d)
        } else if x + d <= hi && is_set(x + d) {
            Some(x + d)
        } else {
            None
        }
    })?;
    let mut start = found;
    while start > lo && is_set(start - 1) {
        start -= 1;
    }
    let mut end = found;
    while end < hi && is_set(end + 1) {
        end += 1;
    }
    Some((start, end))
}

/// Pixels in a region and where they are on average.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Patch {
    /// Number of pixels.
    pub count: u32,
    /// Mean column (0 when empty).
    pub x: f32,
    /// Mean row (0 when empty).
    pub y: f32,
}

/// Accumulates a [`Patch`].
#[derive(Debug, Clone, Copy, Default)]
struct PatchSum {
    count: u32,
    sum_x: u64,
    sum_y: u64,
}

/// Half the width (of the stature) in which the top and bottom of a body are looked for.
const BODY_REACH: f32 = 0.55;
/// How far below the shoulders (share of the stature) a hand still counts as raised.
const RAISED_HAND: f32 = 0.12;
/// The feet: this share of the stature above the bottom of the silhouette.
const FEET: f32 = 0.12;
/// A row with fewer silhouette pixels than this share of the stature is a speck.
const SPECK: f32 = 0.03;

/// Widest mask row a body can span, in words (1024 pixels).
const MAX_WORDS: usize = 16;

/// Column masks for `x0..=x1`, as words counted from word `w0`.
fn span_words(x0: usize, x1: usize, w0: usize) -> [u64; MAX_WORDS] {
    let mut out = [0u64; MAX_WORDS];
    for_each_word_span(x0, x1, |w, bits| {
        if let Some(slot) = out.get_mut(w - w0) {
            *slot = bits;
        }
    });
    out
}

impl PatchSum {
    /// Adds the set bits of one word whose bit 0 is column `base_x`, in row `y`; the column
    /// sum only when it is needed (it costs six popcounts).
    #[inline]
    fn add_word(&mut self, word: u64, base_x: u64, y: usize, columns: bool) {
        let c = word.count_ones();
        self.count += c;
        self.sum_y += u64::from(c) * y as u64;
        if columns {
            self.sum_x += position_sum(word) + u64::from(c) * base_x;
        }
    }

    fn add_row(&mut self, row: &[u64], y: usize, x0: usize, x1: usize) {
        if x0 > x1 {
            return;
        }
        let (c, sx) = row_stats(row, x0, x1);
        self.count += c;
        self.sum_x += sx;
        self.sum_y += u64::from(c) * y as u64;
    }

    fn finish(self) -> Patch {
        if self.count == 0 {
            return Patch::default();
        }
        Patch {
            count: self.count,
            x: self.sum_x as f32 / self.count as f32,
            y: self.sum_y as f32 / self.count as f32,
        }
    }
}

/// Measurements of one player in one frame, in mask pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BodyFeatures {
    /// Topmost row of the silhouette.
    pub top: f32,
    /// Bottom row of the silhouette.
    pub bottom: f32,
    /// Whether the silhouette reaches the bottom edge of the picture (feet or chair cut off).
    pub cut_at_bottom: bool,
    /// All silhouette pixels.
    pub silhouette: Patch,
    /// All moving pixels.
    pub moving: Patch,
    /// Silhouette of the trunk (below the shoulders, near the middle).
    pub trunk: Patch,
    /// Silhouette of the head.
    pub head: Patch,
    /// Silhouette of the lowest quarter of the body (feet, or the chest where a table or a
    /// blanket hides the rest): what stays put when the child leans.
    pub base: Patch,
    /// Widest span of the silhouette (columns, first to last set pixel) in the rows just below
    /// the resting top of the head: a head alone is narrow there, a head between two raised
    /// arms is wide.
    pub head_band: f32,
    /// Moving pixels in the lowest part of the body (the feet): feet that leave the floor
    /// move, knees that bend hardly move them.
    pub feet_motion: u32,
    /// Moving pixels beside the trunk, left and right, from the top of the silhouette to a
    /// little below the shoulders: raised hands.
    pub arm_motion: [Patch; 2],
    /// Silhouette above `raised_above`, left and right of the head: raised hands.
    pub raised: [Patch; 2],
    /// Moving pixels above `raised_above`: a hand going up moves, while what stands still up
    /// there is the wall's memory of an old pose (a ghost) or the silhouette's edge.
    pub raised_moving: u32,
}

/// Where to look, given what is known of the player.
#[derive(Debug, Clone, Copy)]
pub struct BodyFrame {
    /// Box of the player, inclusive, in mask pixels.
    pub x0: usize,
    /// See `x0`.
    pub y0: usize,
    /// See `x0`.
    pub x1: usize,
    /// See `x0`.
    pub y1: usize,
    /// The player's usual height (not counting raised arms).
    pub stature: f32,
    /// Column of the trunk's middle, from earlier frames.
    pub trunk_x: f32,
    /// Column of the head's middle, from earlier frames.
    pub head_x: f32,
    /// Row above which silhouette pixels count as raised hands (the resting top of the head).
    pub raised_above: f32,
    /// Where the body parts are, for this profile.
    pub shape: BodyShape,
}

/// Measures a player. `silhouette` is the final mask, `moving` the frame-difference mask.
pub fn measure(silhouette: &BitMask, moving: &BitMask, at: &BodyFrame) -> BodyFeatures {
    let stature = at.stature.max(4.0);
    let (x0, x1) = (at.x0, at.x1.min(silhouette.width() - 1));
    let (y0, y1) = (at.y0, at.y1.min(silhouette.height() - 1));
    let mut features = BodyFeatures::default();
    if x0 > x1 || y0 > y1 {
        return features;
    }
    // First pass: top and bottom of the silhouette, in the columns a body (arms up or out
    // included) can fill, and only rows with more than a speck: a caption or a lamp at the
    // side of the box, or a pixel of noise, is not the top of a head.
    let reach = (BODY_REACH * stature) as usize;
    let (bx0, bx1) = (
        x0.max((at.trunk_x.max(0.0) as usize).saturating_sub(reach)),
        x1.min(at.trunk_x.max(0.0) as usize + reach),
    );
    let (bx0, bx1) = if bx0 <= bx1 { (bx0, bx1) } else { (x0, x1) };
    let least = ((SPECK * stature) as u32).max(2);
    let mut top = None;
    let mut bottom = y0;
    for y in y0..=y1 {
        let (c, _) = row_stats(silhouette.row(y), bx0, bx1);
        if c >= least {
            top.get_or_insert(y);
            bottom = y;
        }
    }
    let Some(top) = top else {
        // Nobody visible in the box: report only the motion.
        let mut moving_sum = PatchSum::default();
        for y in y0..=y1 {
            moving_sum.add_row(moving.row(y), y, x0, x1);
        }
        features.moving = moving_sum.finish();
        return features;
    };
    features.top = top as f32;
    features.bottom = bottom as f32;
    features.cut_at_bottom = bottom + 1 >= silhouette.height();

    let shape = &at.shape;
    let half_trunk = (shape.trunk_half * stature).max(1.0);
    let trunk_l = (at.trunk_x - half_trunk).max(x0 as f32) as usize;
    let trunk_r = ((at.trunk_x + half_trunk) as usize).min(x1);
    // The head window follows the head, narrow enough to leave a raised arm out.
    let head_l = (at.head_x - shape.head_half * stature).max(x0 as f32) as usize;
    let head_r = ((at.head_x + shape.head_half * stature).max(0.0) as usize).min(x1);
    let base_start = bottom as f32 - 0.25 * stature;
    let feet_start = bottom as f32 - FEET * stature;
    // The head lies below its resting top: anything above it is raised hands.
    let head_start = (top as f32).max(at.raised_above);
    let head_end = head_start + shape.head_end * stature;
    let shoulders = top as f32 + shape.shoulders * stature;
    // A waving hand is held at or above the shoulders; lower down, arms swing when walking.
    let hips = top as f32 + (shape.shoulders + RAISED_HAND).min(shape.arms_end) * stature;
    let raised_end = at.raised_above;

    // Column masks of each region, as words, so that every row costs a few word operations.
    let middle = (at.trunk_x.max(0.0) as usize).clamp(x0, x1);
    let w0 = x0 / 64;
    let words = x1 / 64 - w0 + 1;
    if words > MAX_WORDS {
        return features;
    }
    let all_cols = span_words(x0, x1, w0);
    let trunk_cols = span_words(trunk_l, trunk_r, w0);
    let arm_cols = [
        if trunk_l > x0 {
            span_words(x0, trunk_l - 1, w0)
        } else {
            [0; MAX_WORDS]
        },
        if trunk_r < x1 {
            span_words(trunk_r + 1, x1, w0)
        } else {
            [0; MAX_WORDS]
        },
    ];
    let raised_cols = [
        span_words(x0, middle, w0),
        if middle < x1 {
            span_words(middle + 1, x1, w0)
        } else {
            [0; MAX_WORDS]
        },
    ];

    let mut all = PatchSum::default();
    let mut moving_all = PatchSum::default();
    let mut trunk = PatchSum::default();
    let mut head = PatchSum::default();
    let mut base = PatchSum::default();
    let mut arm_motion = [PatchSum::default(); 2];
    let mut raised = [PatchSum::default(); 2];
    let mut feet_motion = 0u32;
    let mut raised_moving = 0u32;
    for y in y0..=y1 {
        let s_row = &silhouette.row(y)[w0..w0 + words];
        let m_row = &moving.row(y)[w0..w0 + words];
        let yf = y as f32;
        let (in_base, in_trunk, in_arms, in_raised) = (
            yf >= base_start,
            yf >= shoulders,
            yf <= hips,
            yf < raised_end,
        );
        for k in 0..words {
            let base_x = ((w0 + k) * 64) as u64;
            let sw = s_row[k] & all_cols[k];
            let mw = m_row[k] & all_cols[k];
            all.add_word(sw, base_x, y, false);
            moving_all.add_word(mw, base_x, y, false);
            if yf >= feet_start && y <= bottom + 1 {
                feet_motion += mw.count_ones();
            }
            if in_base {
                base.add_word(sw, base_x, y, true);
            }
            if in_trunk {
                trunk.add_word(sw & trunk_cols[k], base_x, y, true);
            }
            if in_arms {
                for side in 0..2 {
                    arm_motion[side].add_word(mw & arm_cols[side][k], base_x, y, true);
                }
            }
            if in_raised {
                raised_moving += mw.count_ones();
                for side in 0..2 {
                    raised[side].add_word(sw & raised_cols[side][k], base_x, y, false);
                }
            }
        }
        if yf >= head_start && yf <= head_end && head_l <= head_r {
            // The run under the head's last place, so that a raised arm beside the head is
            // not taken for it.
            let reach = (head_r - head_l) / 2;
            let s_full = silhouette.row(y);
            if let Some((a, b)) =
                run_near(s_full, at.head_x.max(0.0) as usize, reach, head_l, head_r)
            {
                let len = (b - a + 1) as u32;
                head.count += len;
                head.sum_x += u64::from(len) * (a + b) as u64 / 2;
                head.sum_y += u64::from(len) * y as u64;
            }
        }
    }
    features.silhouette = all.finish();
    features.moving = moving_all.finish();
    features.feet_motion = feet_motion;
    features.head_band = head_band(silhouette, at, bx0, bx1, stature);
    features.trunk = trunk.finish();
    features.head = head.finish();
    features.base = base.finish();
    features.arm_motion = arm_motion.map(PatchSum::finish);
    features.raised = raised.map(PatchSum::finish);
    features.raised_moving = raised_moving;
    features
}

/// The widest span of the silhouette in columns `x0..=x1`, over the rows of the head's
/// resting place (from just below its resting top to the middle of the head, above the
/// shoulders even of a small child).
fn head_band(silhouette: &BitMask, at: &BodyFrame, x0: usize, x1: usize, stature: f32) -> f32 {
    let rest = at.raised_above + 0.05 * stature;
    let (r0, r1) = (
        (rest + 0.02 * stature).max(0.0) as usize,
        (rest + 0.09 * stature).max(0.0) as usize,
    );
    let mut widest = 0usize;
    for y in r0..=r1.min(silhouette.height() - 1) {
        let row = silhouette.row(y);
        let (mut first, mut last) = (None, 0);
        for_each_word_span(x0, x1, |w, bits| {
            let word = row[w] & bits;
            if word != 0 {
                first.get_or_insert(w * 64 + word.trailing_zeros() as usize);
                last = w * 64 + 63 - word.leading_zeros() as usize;
            }
        });
        if let Some(first) = first {
            widest = widest.max(last - first + 1);
        }
    }
    widest as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_stats_across_words() {
        let mut mask = BitMask::new(130, 1);
        for x in [3, 64, 65, 129] {
            mask.set(x, 0, true);
        }
        assert_eq!(row_stats(mask.row(0), 0, 129), (4, 3 + 64 + 65 + 129));
        assert_eq!(row_stats(mask.row(0), 4, 128), (2, 64 + 65));
    }

    #[test]
    fn measures_a_stick_figure_with_an_arm_out() {
        let silhouette = BitMask::from_ascii(&[
            "..........",
            "....##....",
            "....##...#",
            "..######.#",
            "....##..##",
            "....##....",
            "....##....",
            "....##....",
            "....##....",
            "....##....",
        ]);
        let moving = BitMask::from_ascii(&[
            "..........",
            "..........",
            ".........#",
            ".........#",
            "..........",
            "..........",
            "..........",
            "..........",
            "..........",
            "..........",
        ]);
        let at = BodyFrame {
            x0: 0,
            y0: 0,
            x1: 9,
            y1: 9,
            stature: 9.0,
            trunk_x: 4.5,
            head_x: 4.5,
            raised_above: 2.0,
            shape: crate::motion::Profile::Standing.params().body,
        };
        let f = measure(&silhouette, &moving, &at);
        assert_eq!((f.top, f.bottom), (1.0, 9.0));
        assert!(f.cut_at_bottom);
        assert_eq!(f.moving.count, 2);
        assert!((f.trunk.x - 4.5).abs() < 0.01);
        // The arm on the picture's right moves; the one on the left does not.
        assert_eq!(f.arm_motion[0].count, 0);
        assert_eq!(f.arm_motion[1].count, 2);
        assert!(f.arm_motion[1].x > 8.0);
        // Only row 1 is above the resting head top: the head itself, split left and right.
        assert_eq!((f.raised[0].count, f.raised[1].count), (1, 1));
    }

    #[test]
    fn an_empty_box_reports_only_motion() {
        let silhouette = BitMask::new(8, 8);
        let mut moving = BitMask::new(8, 8);
        moving.set(2, 2, true);
        let at = BodyFrame {
            x0: 0,
            y0: 0,
            x1: 7,
            y1: 7,
            stature: 8.0,
            trunk_x: 4.0,
            head_x: 4.0,
            raised_above: 1.0,
            shape: crate::motion::Profile::Standing.params().body,
        };
        let f = measure(&silhouette, &moving, &at);
        assert_eq!(f.silhouette.count, 0);
        assert_eq!(f.moving.count, 1);
    }
}
