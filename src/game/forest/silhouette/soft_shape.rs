//! The children's shapes as a child should see them: smooth, soft-edged and one friendly
//! colour each, from the motion core's blocky presence mask. Why in its own module, with no
//! bevy: it is plain arithmetic on small grids, tested on literal masks.
//!
//! Each update drops specks (parts smaller than a hand), gives every part the colour of the
//! child it belongs to, blurs occupancy and colour over about a cell and a half, and eases
//! the result a little over time. Painting samples that field between the cells (bilinear),
//! so the outline is where the blurred occupancy crosses one half: below cell precision,
//! anti-aliased, without stair steps. A rim near the outline glows brighter than the fill.

use crate::motion::{BitMask, Player};

/// One colour per child, kept by the child's id for the session: the hues of Okabe and Ito's
/// colour-blind-safe set that stand out on a blue sky and green grass (orange, reddish
/// purple, yellow, vermillion, and a warm stone for the fifth), each brought to the same
/// relative luminance, 0.48, half-way between the darkest and the lightest of the scene
/// behind them (hills 0.27, pale sky 0.71). Why: a child who jumps or runs sweeps their
/// shape across the screen several times a second, and a shape lighter or darker than the
/// forest would flash (WCAG 2.3.1); at equal luminance it is told from the forest by hue, and
/// at [`FILL_ALPHA`] the light under it changes by less than a tenth. The rim, a thin line,
/// is brighter.
pub const CHILD_COLOURS: [[u8; 3]; 5] = [
    [246, 169, 31],
    [255, 151, 210],
    [199, 187, 63],
    [255, 160, 134],
    [191, 183, 168],
];

/// Opacity of a shape's inside: with colours at luminance 0.48 over a forest between 0.27
/// and 0.71, the light under a shape changes by at most 0.42 x 0.23 = 0.097, less than a
/// general flash (0.1), and the game's objects show through.
pub const FILL_ALPHA: f32 = 0.42;
/// Extra opacity at the rim, just inside the outline.
const RIM_ALPHA: f32 = 0.4;

/// How much of each new field is taken per update: the rest is the last one, so a shape
/// settles over two or three camera frames instead of flickering.
const EASE: f32 = 0.6;
/// The outline: where the blurred occupancy rises from nobody to somebody (anti-aliased
/// over this band, centred near one half).
const OUTLINE: (f32, f32) = (0.38, 0.52);
/// The blur: binomial weights, applied twice each way (a Gaussian of about 1.4 cells).
const KERNEL: [f32; 5] = [1.0 / 16.0, 4.0 / 16.0, 6.0 / 16.0, 4.0 / 16.0, 1.0 / 16.0];

/// The colour of `id` for the whole session.
pub fn colour_of(id: u32) -> [u8; 3] {
    CHILD_COLOURS[id as usize % CHILD_COLOURS.len()]
}

/// The smoothed shapes, kept between camera frames.
#[derive(Debug, Clone, Default)]
pub struct SoftShape {
    width: usize,
    height: usize,
    /// Occupancy 0..1 and the colour (premultiplied by occupancy), one cell each.
    fields: [Vec<f32>; 4],
    /// Reused every camera frame: one field of the new frame, and the blur's half-way pass.
    layer: Vec<f32>,
    scratch: Vec<f32>,
}

impl SoftShape {
    /// Takes in one camera frame: the presence `mask` and the `players` (in frame pixels of
    /// a `frame` of that size), which give the parts their colours.
    pub fn update(&mut self, mask: &BitMask, players: &[Player], frame: (u32, u32)) {
        let (w, h) = (mask.width(), mask.height());
        if (w, h) != (self.width, self.height) {
            self.width = w;
            self.height = h;
            self.fields = std::array::from_fn(|_| vec![0.0; w * h]);
        }
        let fresh = parts_with_colours(mask, players, frame);
        for (f, field) in self.fields.iter_mut().enumerate() {
            self.layer.clear();
            self.layer.extend(fresh.iter().map(|cell| cell[f]));
            blur(&mut self.layer, w, h, &mut self.scratch);
            for (old, new) in field.iter_mut().zip(&self.layer) {
                *old += EASE * (new - *old);
            }
        }
    }

    /// Paints the shapes into an RGBA image of `out_w` x `out_h` (any size; a few times the
    /// mask's, for a smooth outline): transparent outside, the child's colour inside, a
    /// brighter rim along the outline.
    pub fn paint(&self, rgba: &mut [u8], out_w: usize, out_h: usize) {
        let (w, h) = (self.width, self.height);
        rgba.fill(0);
        if w == 0 || h == 0 {
            return;
        }
        // Where each output row and column falls between cell centres: the two cells and
        // the weight of the second.
        let between = |out: usize, cells: usize| -> Vec<(usize, usize, f32)> {
            (0..out)
                .map(|o| {
                    let f = ((o as f32 + 0.5) * cells as f32 / out as f32 - 0.5)
                        .clamp(0.0, (cells - 1) as f32);
                    let c0 = f.floor() as usize;
                    (c0, (c0 + 1).min(cells - 1), f.fract())
                })
                .collect()
        };
        let (rows, columns) = (between(out_h, h), between(out_w, w));
        let [occupancy, red, green, blue] = &self.fields;
        for (oy, &(y0, y1, ty)) in rows.iter().enumerate() {
            let (top, bottom) = (&occupancy[y0 * w..][..w], &occupancy[y1 * w..][..w]);
            for (ox, &(x0, x1, tx)) in columns.iter().enumerate() {
                // Most of the picture is nobody: four cells under the outline, skip.
                if top[x0].max(top[x1]).max(bottom[x0]).max(bottom[x1]) < OUTLINE.0 {
                    continue;
                }
                let sample = |f: &[f32]| {
                    let t = f[y0 * w + x0] + (f[y0 * w + x1] - f[y0 * w + x0]) * tx;
                    let b = f[y1 * w + x0] + (f[y1 * w + x1] - f[y1 * w + x0]) * tx;
                    t + (b - t) * ty
                };
                let here = sample(occupancy);
                let inside = smoothstep(OUTLINE.0, OUTLINE.1, here);
                if inside <= 0.0 {
                    continue;
                }
                // The rim: bright just inside the outline, fading to the softer fill.
                let rim = 1.0 - smoothstep(OUTLINE.1, 0.8, here);
                let alpha = inside * (FILL_ALPHA + RIM_ALPHA * rim);
                let i = (oy * out_w + ox) * 4;
                for (c, field) in [red, green, blue].into_iter().enumerate() {
                    let colour = sample(field) / here.max(1e-3);
                    let lit = colour + (255.0 - colour) * 0.55 * rim;
                    rgba[i + c] = lit.clamp(0.0, 255.0) as u8;
                }
                rgba[i + 3] = (alpha * 255.0) as u8;
            }
        }
    }

    /// Occupancy of one cell (tests).
    #[cfg(test)]
    fn occupancy(&self, x: usize, y: usize) -> f32 {
        self.fields[0][y * self.width + x]
    }
}

fn smoothstep(from: f32, to: f32, x: f32) -> f32 {
    let t = ((x - from) / (to - from)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Each cell's (occupancy, r, g, b): the mask's parts (8-connected) with any part smaller
/// than a hand left out, each coloured as the child whose box holds its centre (or the
/// nearest child; the first colour when nobody is tracked).
fn parts_with_colours(mask: &BitMask, players: &[Player], frame: (u32, u32)) -> Vec<[f32; 4]> {
    let (w, h) = (mask.width(), mask.height());
    let mut cells = vec![[0.0; 4]; w * h];
    let mut seen = vec![false; w * h];
    // A hand is about a twentieth of the picture's height across.
    let hand = (h / 20).max(2);
    let smallest = hand * hand;
    let (sx, sy) = (
        w as f32 / frame.0.max(1) as f32,
        h as f32 / frame.1.max(1) as f32,
    );
    let mut part = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || !mask.get(start % w, start / w) {
            continue;
        }
        part.clear();
        stack.push(start);
        seen[start] = true;
        while let Some(i) = stack.pop() {
            part.push(i);
            let (x, y) = ((i % w) as isize, (i / w) as isize);
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x + dx, y + dy);
                if nx < 0 || ny < 0 || nx >= w as isize || ny >= h as isize {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if !seen[j] && mask.get(nx as usize, ny as usize) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        if part.len() < smallest {
            continue;
        }
        let n = part.len() as f32;
        let cx = part.iter().map(|i| (i % w) as f32 + 0.5).sum::<f32>() / n;
        let cy = part.iter().map(|i| (i / w) as f32 + 0.5).sum::<f32>() / n;
        let owner = players
            .iter()
            .min_by(|a, b| {
                let d = |p: &Player| {
                    let inside = cx >= p.x * sx
                        && cx <= (p.x + p.w) * sx
                        && cy >= p.y * sy
                        && cy <= (p.y + p.h) * sy;
                    let (dx, dy) = (cx - p.cx * sx, cy - p.cy * sy);
                    (!inside as u8, dx * dx + dy * dy)
                };
                let (da, db) = (d(a), d(b));
                da.0.cmp(&db.0).then(da.1.total_cmp(&db.1))
            })
            .map_or(0, |p| p.id);
        let [r, g, b] = colour_of(owner).map(f32::from);
        for &i in &part {
            cells[i] = [1.0, r, g, b];
        }
    }
    cells
}

/// Blurs a `w` x `h` field in place with [`KERNEL`], twice across and twice down (edges
/// clamp).
fn blur(field: &mut [f32], w: usize, h: usize, scratch: &mut Vec<f32>) {
    scratch.resize(field.len(), 0.0);
    for _ in 0..2 {
        for (row, out) in field.chunks_exact(w).zip(scratch.chunks_exact_mut(w)) {
            blur_line(row, out, 1);
        }
        // Down the columns: the same sums, a row apart.
        field.fill(0.0);
        for (k, weight) in KERNEL.iter().enumerate() {
            for y in 0..h {
                let from = (y + k).saturating_sub(2).min(h - 1);
                let (src, dst) = (&scratch[from * w..][..w], &mut field[y * w..][..w]);
                for (d, s) in dst.iter_mut().zip(src) {
                    *d += weight * s;
                }
            }
        }
    }
}

/// One line of [`blur`]: `input` samples `stride` apart.
fn blur_line(input: &[f32], out: &mut [f32], stride: usize) {
    let n = input.len() / stride;
    let at = |i: isize| input[(i.clamp(0, n as isize - 1) as usize) * stride];
    for (x, o) in out.iter_mut().enumerate().take(n) {
        let x = x as isize;
        *o = KERNEL[0] * (at(x - 2) + at(x + 2))
            + KERNEL[1] * (at(x - 1) + at(x + 1))
            + KERNEL[2] * at(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn player(id: u32, x: f32, y: f32, w: f32, h: f32) -> Player {
        Player {
            id,
            x,
            y,
            w,
            h,
            cx: x + w / 2.0,
            cy: y + h / 2.0,
            vx: 0.0,
            vy: 0.0,
            activity: 0.0,
            presence: 1.0,
        }
    }

    /// A 40x40 mask with a filled rectangle and, optionally, a one-cell speck.
    fn mask_with(rect: (usize, usize, usize, usize), speck: Option<(usize, usize)>) -> BitMask {
        let mut mask = BitMask::new(40, 40);
        for y in rect.1..rect.1 + rect.3 {
            for x in rect.0..rect.0 + rect.2 {
                mask.set(x, y, true);
            }
        }
        if let Some((x, y)) = speck {
            mask.set(x, y, true);
        }
        mask
    }

    fn settled(mask: &BitMask, players: &[Player]) -> SoftShape {
        let mut shape = SoftShape::default();
        for _ in 0..12 {
            shape.update(mask, players, (40, 40));
        }
        shape
    }

    #[test]
    fn a_speck_smaller_than_a_hand_is_not_drawn_and_a_body_is() {
        let mask = mask_with((10, 5, 12, 30), Some((35, 35)));
        let shape = settled(&mask, &[player(0, 10.0, 5.0, 12.0, 30.0)]);
        assert!(shape.occupancy(16, 20) > 0.9);
        assert!(shape.occupancy(35, 35) < 0.01);
    }

    #[test]
    fn the_outline_is_smooth_and_falls_between_cells() {
        let mask = mask_with((10, 5, 12, 30), None);
        let shape = settled(&mask, &[player(0, 10.0, 5.0, 12.0, 30.0)]);
        // Four output pixels a cell: along a row through the body, alpha rises over a pixel
        // or more (anti-aliased), not in one step from 0 to full, and within a cell (crisp).
        let (ow, oh) = (160, 160);
        let mut rgba = vec![0u8; ow * oh * 4];
        shape.paint(&mut rgba, ow, oh);
        let row = 80;
        let alphas: Vec<u8> = (0..ow).map(|x| rgba[(row * ow + x) * 4 + 3]).collect();
        let ramp = alphas
            .iter()
            .take(70)
            .filter(|a| **a > 0 && **a < 120)
            .count();
        assert!(ramp >= 1, "{alphas:?}");
        let starts = alphas.iter().position(|a| *a > 0).unwrap();
        let full = alphas.iter().position(|a| *a > 200).unwrap();
        assert!((1..=4).contains(&(full - starts)), "{alphas:?}");
        // The outline sits at the mask's edge (cell 10 is output pixel 40), give or take a cell.
        let first = alphas.iter().position(|a| *a > 60).unwrap();
        assert!((36..=44).contains(&first), "{first}");
        // The rim (near the outline) is lit brighter than the middle of the body.
        let brightness = |x: usize| {
            let i = (row * ow + x) * 4;
            u32::from(rgba[i]) + u32::from(rgba[i + 1]) + u32::from(rgba[i + 2])
        };
        assert!(brightness(first + 2) > brightness(64));
        assert!(alphas[first + 2] > alphas[64]);
        assert_eq!(alphas[5], 0);
    }

    #[test]
    fn each_child_has_their_own_colour() {
        let mut mask = mask_with((2, 5, 10, 30), None);
        for y in 5..35 {
            for x in 26..36 {
                mask.set(x, y, true);
            }
        }
        let players = [
            player(3, 2.0, 5.0, 10.0, 30.0),
            player(4, 26.0, 5.0, 10.0, 30.0),
        ];
        let shape = settled(&mask, &players);
        let (ow, oh) = (40, 40);
        let mut rgba = vec![0u8; ow * oh * 4];
        shape.paint(&mut rgba, ow, oh);
        let rgb = |x: usize, y: usize| {
            let i = (y * ow + x) * 4;
            [rgba[i], rgba[i + 1], rgba[i + 2]]
        };
        let (left, right) = (rgb(7, 20), rgb(31, 20));
        assert_ne!(left, right);
        // Close to each child's own colour (the middle is the fill, not the rim).
        let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) < 40);
        assert!(near(left, colour_of(3)), "{left:?} vs {:?}", colour_of(3));
        assert!(near(right, colour_of(4)), "{right:?} vs {:?}", colour_of(4));
    }

    #[test]
    fn a_shape_eases_out_when_the_child_leaves() {
        let mask = mask_with((10, 5, 12, 30), None);
        let mut shape = settled(&mask, &[]);
        let empty = BitMask::new(40, 40);
        shape.update(&empty, &[], (40, 40));
        let after_one = shape.occupancy(16, 20);
        assert!(after_one > 0.2 && after_one < 0.6, "{after_one}");
        for _ in 0..8 {
            shape.update(&empty, &[], (40, 40));
        }
        assert!(shape.occupancy(16, 20) < 0.01);
    }
}
