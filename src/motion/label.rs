//! Connected components of a mask, with the statistics of OpenCV's
//! `connectedComponentsWithStats` (8-connectivity).
//!
//! The labeller works on runs of set bits, not pixels: a silhouette row is one or two runs, so
//! a 160x120 mask is labelled in a few hundred steps. Components come out in OpenCV's
//! sequential order: by the first 2x2 block (in raster order of blocks) that holds one of
//! their pixels, which is the order OpenCV's block-based labeller creates labels in.

use super::mask::BitMask;
use super::union_find::UnionFind;

/// One connected component: OpenCV's `stats` row and `centroids` row.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Blob {
    /// Number of pixels (`CC_STAT_AREA`).
    pub area: u32,
    /// Leftmost column (`CC_STAT_LEFT`).
    pub x: u32,
    /// Topmost row (`CC_STAT_TOP`).
    pub y: u32,
    /// Inclusive width: rightmost - leftmost + 1 (`CC_STAT_WIDTH`).
    pub w: u32,
    /// Inclusive height: bottom - top + 1 (`CC_STAT_HEIGHT`).
    pub h: u32,
    /// Mean column of the pixels.
    pub cx: f64,
    /// Mean row of the pixels.
    pub cy: f64,
}

impl Blob {
    /// Rightmost column, inclusive.
    pub fn right(&self) -> u32 {
        self.x + self.w - 1
    }

    /// Bottom row, inclusive.
    pub fn bottom(&self) -> u32 {
        self.y + self.h - 1
    }
}

/// A horizontal run of set pixels, `start..end` in one row.
#[derive(Debug, Clone, Copy)]
struct Run {
    y: u32,
    start: u32,
    end: u32,
    label: u32,
}

/// Running sums of one component while its runs are visited.
#[derive(Debug, Clone, Copy, Default)]
struct Accumulator {
    area: u64,
    sum_x: u64,
    sum_y: u64,
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

/// Labels masks frame after frame, keeping its buffers so that steady state allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Labeller {
    runs: Vec<Run>,
    sets: UnionFind,
    sums: Vec<Accumulator>,
    keys: Vec<u64>,
    order: Vec<u32>,
}

impl Labeller {
    /// Reserves room for the worst case of a `width` x `height` mask (every other pixel a
    /// run), so that labelling never allocates after the first frame.
    pub fn reserve_for(&mut self, width: usize, height: usize) {
        let runs = height * (width / 2 + 1);
        self.runs.reserve(runs);
        self.sets.reserve(runs);
        self.sums.reserve(runs);
        self.keys.reserve(runs);
        self.order.reserve(runs);
    }

    /// Finds the 8-connected components of `mask` and writes them to `blobs` (cleared first).
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::motion::{BitMask, Labeller};
    /// let mask = BitMask::from_ascii(&[
    ///     "##..#",
    ///     "....#",
    ///     ".#...",
    /// ]);
    /// let mut blobs = Vec::new();
    /// Labeller::default().label(&mask, &mut blobs);
    /// assert_eq!(blobs.len(), 3);
    /// assert_eq!((blobs[0].area, blobs[0].w), (2, 2));
    /// assert_eq!((blobs[1].x, blobs[1].h, blobs[1].cy), (4, 2, 0.5));
    /// ```
    pub fn label(&mut self, mask: &BitMask, blobs: &mut Vec<Blob>) {
        self.find_runs(mask);
        self.connect_rows();
        let count = self.sets.flatten();
        self.accumulate(count);
        self.order_like_opencv(blobs);
    }

    /// Collects the runs of every row, each with a fresh provisional label.
    fn find_runs(&mut self, mask: &BitMask) {
        self.runs.clear();
        self.sets.clear();
        for y in 0..mask.height() {
            let mut run_start: Option<usize> = None;
            for (w, &word) in mask.row(y).iter().enumerate() {
                let mut pos = 0;
                loop {
                    // Bits at or above `pos` that end the current state: a set bit starts a
                    // run, a clear bit ends one.
                    let wanted = if run_start.is_some() { !word } else { word };
                    let rest = wanted >> pos << pos;
                    if rest == 0 {
                        break;
                    }
                    let bit = rest.trailing_zeros() as usize;
                    let x = w * 64 + bit;
                    match run_start.take() {
                        None => run_start = Some(x),
                        Some(start) => self.push_run(y, start, x),
                    }
                    pos = bit;
                }
            }
            // Padding bits are clear, so only a run touching a word-aligned edge is open here.
            if let Some(start) = run_start {
                self.push_run(y, start, mask.width());
            }
        }
    }

    fn push_run(&mut self, y: usize, start: usize, end: usize) {
        let label = self.sets.make_set();
        self.runs.push(Run {
            y: y as u32,
            start: start as u32,
            end: end as u32,
            label,
        });
    }

    /// Joins runs of adjacent rows that touch, diagonals included.
    fn connect_rows(&mut self) {
        let mut above_start = 0;
        let mut row_start = 0;
        while row_start < self.runs.len() {
            let y = self.runs[row_start].y;
            let mut row_end = row_start;
            while row_end < self.runs.len() && self.runs[row_end].y == y {
                row_end += 1;
            }
            // Runs of the row above, if it is the adjacent row.
            let (a0, a1) = if row_start > 0 && self.runs[row_start - 1].y + 1 == y {
                while self.runs[above_start].y + 1 != y {
                    above_start += 1;
                }
                (above_start, row_start)
            } else {
                (row_start, row_start)
            };
            let mut a = a0;
            for r in row_start..row_end {
                let run = self.runs[r];
                // Skip runs above that end before this one can touch them.
                while a < a1 && self.runs[a].end < run.start {
                    a += 1;
                }
                let mut k = a;
                while k < a1 && self.runs[k].start <= run.end {
                    self.sets.union(run.label, self.runs[k].label);
                    k += 1;
                }
            }
            above_start = row_start;
            row_start = row_end;
        }
    }

    /// Sums area, coordinates and extent per component.
    fn accumulate(&mut self, count: usize) {
        self.sums.clear();
        self.sums.resize(
            count,
            Accumulator {
                x0: u32::MAX,
                y0: u32::MAX,
                ..Accumulator::default()
            },
        );
        for run in &self.runs {
            let acc = &mut self.sums[self.sets.component(run.label) as usize];
            let len = u64::from(run.end - run.start);
            acc.area += len;
            // Sum of start..end is len * (start + end - 1) / 2.
            acc.sum_x += len * u64::from(run.start + run.end - 1) / 2;
            acc.sum_y += len * u64::from(run.y);
            acc.x0 = acc.x0.min(run.start);
            acc.x1 = acc.x1.max(run.end - 1);
            acc.y0 = acc.y0.min(run.y);
            acc.y1 = acc.y1.max(run.y);
        }
    }

    /// Emits the components in OpenCV's order: by the first 2x2 block that holds a pixel.
    fn order_like_opencv(&mut self, blobs: &mut Vec<Blob>) {
        let count = self.sums.len();
        self.keys.clear();
        self.keys.resize(count, u64::MAX);
        for run in &self.runs {
            let c = self.sets.component(run.label) as usize;
            let key = (u64::from(run.y / 2) << 32) | u64::from(run.start / 2);
            self.keys[c] = self.keys[c].min(key);
        }
        self.order.clear();
        self.order.extend(0..count as u32);
        let keys = &self.keys;
        self.order.sort_unstable_by_key(|&c| keys[c as usize]);
        blobs.clear();
        blobs.extend(self.order.iter().map(|&c| {
            let acc = &self.sums[c as usize];
            Blob {
                area: acc.area as u32,
                x: acc.x0,
                y: acc.y0,
                w: acc.x1 - acc.x0 + 1,
                h: acc.y1 - acc.y0 + 1,
                cx: acc.sum_x as f64 / acc.area as f64,
                cy: acc.sum_y as f64 / acc.area as f64,
            }
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn label(rows: &[&str]) -> Vec<Blob> {
        let mut blobs = Vec::new();
        Labeller::default().label(&BitMask::from_ascii(rows), &mut blobs);
        blobs
    }

    #[test]
    fn empty_mask_has_no_blobs() {
        assert!(label(&["....", "...."]).is_empty());
    }

    #[test]
    fn diagonal_pixels_are_connected() {
        let blobs = label(&["#...", ".#..", "..#.", "...#"]);
        assert_eq!(blobs.len(), 1);
        assert_eq!((blobs[0].area, blobs[0].w, blobs[0].h), (4, 4, 4));
        assert_eq!((blobs[0].cx, blobs[0].cy), (1.5, 1.5));
    }

    #[test]
    fn a_u_shape_merges_late() {
        let blobs = label(&["#...#", "#...#", "#####"]);
        assert_eq!(blobs.len(), 1);
        assert_eq!(blobs[0].area, 9);
    }

    #[test]
    fn stats_are_inclusive_like_opencv() {
        let blobs = label(&[".....", ".###.", ".#...", "....."]);
        let b = blobs[0];
        assert_eq!((b.x, b.y, b.w, b.h, b.area), (1, 1, 3, 2, 4));
        assert_eq!((b.right(), b.bottom()), (3, 2));
        assert_eq!(b.cx, (1 + 2 + 3 + 1) as f64 / 4.0);
        assert_eq!(b.cy, (1 + 1 + 1 + 2) as f64 / 4.0);
    }

    #[test]
    fn order_follows_two_by_two_blocks() {
        // The blob whose first pixel is in row 1 but block column 0 comes before the one
        // that starts on row 0 further right: both are in block row 0.
        let blobs = label(&["......#", "#......"]);
        assert_eq!(blobs.len(), 2);
        assert_eq!(blobs[0].x, 0);
        assert_eq!(blobs[1].x, 6);
    }

    #[test]
    fn runs_across_word_boundaries_and_full_rows() {
        let mut mask = BitMask::new(128, 3);
        for x in 0..128 {
            mask.set(x, 0, true);
        }
        for x in 60..70 {
            mask.set(x, 2, true);
        }
        mask.set(127, 2, true);
        let mut blobs = Vec::new();
        Labeller::default().label(&mask, &mut blobs);
        assert_eq!(blobs.len(), 3);
        assert_eq!((blobs[0].area, blobs[0].w), (128, 128));
        assert_eq!((blobs[1].x, blobs[1].w), (60, 10));
        assert_eq!((blobs[2].x, blobs[2].y), (127, 2));
    }

    /// The slow, obviously correct reference: flood fill from every unvisited pixel.
    fn flood_fill_reference(mask: &BitMask) -> Vec<Blob> {
        let (w, h) = (mask.width(), mask.height());
        let mut seen = vec![false; w * h];
        let mut found = Vec::new();
        for y in 0..h {
            for x in 0..w {
                if !mask.get(x, y) || seen[y * w + x] {
                    continue;
                }
                let mut stack = vec![(x, y)];
                seen[y * w + x] = true;
                let mut pixels = Vec::new();
                while let Some((px, py)) = stack.pop() {
                    pixels.push((px, py));
                    for dy in -1i64..=1 {
                        for dx in -1i64..=1 {
                            let (nx, ny) = (px as i64 + dx, py as i64 + dy);
                            if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                                continue;
                            }
                            let (nx, ny) = (nx as usize, ny as usize);
                            if mask.get(nx, ny) && !seen[ny * w + nx] {
                                seen[ny * w + nx] = true;
                                stack.push((nx, ny));
                            }
                        }
                    }
                }
                let key = pixels
                    .iter()
                    .map(|&(px, py)| (py / 2, px / 2))
                    .min()
                    .unwrap();
                let x0 = pixels.iter().map(|p| p.0).min().unwrap();
                let x1 = pixels.iter().map(|p| p.0).max().unwrap();
                let y0 = pixels.iter().map(|p| p.1).min().unwrap();
                let y1 = pixels.iter().map(|p| p.1).max().unwrap();
                let n = pixels.len() as f64;
                let blob = Blob {
                    area: pixels.len() as u32,
                    x: x0 as u32,
                    y: y0 as u32,
                    w: (x1 - x0 + 1) as u32,
                    h: (y1 - y0 + 1) as u32,
                    cx: pixels.iter().map(|p| p.0 as f64).sum::<f64>() / n,
                    cy: pixels.iter().map(|p| p.1 as f64).sum::<f64>() / n,
                };
                found.push((key, blob));
            }
        }
        found.sort_by_key(|(key, _)| *key);
        found.into_iter().map(|(_, blob)| blob).collect()
    }

    fn arbitrary_mask() -> impl Strategy<Value = BitMask> {
        (1usize..140, 1usize..12, 0u32..100).prop_flat_map(|(w, h, density)| {
            proptest::collection::vec(0u32..100, w * h).prop_map(move |cells| {
                let mut mask = BitMask::new(w, h);
                for (i, c) in cells.iter().enumerate() {
                    mask.set(i % w, i / w, *c < density);
                }
                mask
            })
        })
    }

    proptest! {
        #[test]
        fn agrees_with_flood_fill(mask in arbitrary_mask()) {
            let mut blobs = Vec::new();
            let mut labeller = Labeller::default();
            labeller.label(&mask, &mut blobs);
            let reference = flood_fill_reference(&mask);
            prop_assert_eq!(blobs.len(), reference.len());
            for (ours, theirs) in blobs.iter().zip(&reference) {
                prop_assert_eq!(ours.area, theirs.area);
                prop_assert_eq!((ours.x, ours.y, ours.w, ours.h), (theirs.x, theirs.y, theirs.w, theirs.h));
                prop_assert!((ours.cx - theirs.cx).abs() < 1e-9 && (ours.cy - theirs.cy).abs() < 1e-9);
            }
            let total: u32 = blobs.iter().map(|b| b.area).sum();
            prop_assert_eq!(total as usize, mask.count_ones());
            // A second call on the same labeller gives the same answer.
            let mut again = Vec::new();
            labeller.label(&mask, &mut again);
            prop_assert_eq!(again, blobs);
        }
    }
}
