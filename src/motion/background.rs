//! The slowly learned background: where nobody is.
//!
//! Stored with 7 fractional bits so that slow learning rates do not stall at whole grey
//! levels. Pixels covered by a child learn far more slowly than free ones, so that a child who
//! holds still stays visible for a long time instead of melting into the wall.

use super::mask::BitMask;

/// Fixed-point scale of the stored background (7 fractional bits).
const ONE: i32 = 128;

/// The background image and its learning rates.
#[derive(Debug, Clone, Default)]
pub struct Background {
    fixed: Vec<i16>,
    grey: Vec<u8>,
    width: usize,
    saved: Vec<(u32, i16)>,
}

impl Background {
    /// Starts the background as a copy of `image` (`width` bytes per row).
    pub fn reset(&mut self, image: &[u8], width: usize) {
        self.width = width;
        self.fixed.clear();
        self.fixed
            .extend(image.iter().map(|&v| (i32::from(v) * ONE) as i16));
        self.grey.clear();
        self.grey.extend_from_slice(image);
        self.saved.clear();
        self.saved.reserve(width);
    }

    /// The background rounded to grey levels, what the difference pass compares against.
    pub fn grey(&self) -> &[u8] {
        &self.grey
    }

    /// Moves background pixels towards `image`: by 2^-`free_shift` where `covered` is
    /// clear, by 2^-`covered_shift` where it is set. Only every `step`-th row is learned,
    /// starting at row `phase`: the background changes slowly, so learning a quarter of it
    /// each frame at four times the rate is the same at a quarter of the cost.
    pub fn learn(
        &mut self,
        image: &[u8],
        covered: &BitMask,
        free_shift: u32,
        covered_shift: u32,
        (phase, step): (usize, usize),
    ) {
        debug_assert_eq!(image.len(), self.fixed.len());
        let width = self.width;
        for y in (phase..covered.height()).step_by(step.max(1)) {
            let row = covered.row(y);
            let range = y * width..(y + 1) * width;
            let fixed = &mut self.fixed[range.clone()];
            let grey = &mut self.grey[range.clone()];
            let img = &image[range];
            // Remember the covered pixels' old values, learn the whole row at the free rate
            // in one branch-free (vectorised) pass, then redo the covered ones slowly.
            self.saved.clear();
            for (w, &word) in row.iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    let x = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    self.saved.push((x as u32, fixed[x]));
                }
            }
            for ((f, g), &px) in fixed.iter_mut().zip(grey.iter_mut()).zip(img) {
                let v = step_towards(i32::from(*f), i32::from(px) * ONE, free_shift);
                *f = v as i16;
                *g = ((v + ONE / 2) >> 7) as u8;
            }
            for &(x, old) in &self.saved {
                let x = x as usize;
                let v = step_towards(i32::from(old), i32::from(img[x]) * ONE, covered_shift);
                fixed[x] = v as i16;
                grey[x] = ((v + ONE / 2) >> 7) as u8;
            }
        }
    }

    /// Takes `value` as the background of pixel `index` at once: the place was judged to be
    /// the empty room (a ghost of someone who has gone).
    pub fn adopt(&mut self, index: usize, value: u8) {
        self.fixed[index] = (i32::from(value) * ONE) as i16;
        self.grey[index] = value;
    }

    /// Applies a global brightness change `new = gain * old + offset` to the background, so
    /// that slow drifts of the room's light do not show up as presence.
    pub fn compensate(&mut self, gain: f32, offset: f32) {
        let g = (gain * 256.0).round() as i32;
        let o = (offset * ONE as f32).round() as i32;
        for (f, grey) in self.fixed.iter_mut().zip(self.grey.iter_mut()) {
            let v = ((i32::from(*f) * g) >> 8) + o;
            let v = v.clamp(0, 255 * ONE);
            *f = v as i16;
            *grey = ((v + ONE / 2) / ONE) as u8;
        }
    }
}

/// Moves `current` towards `target` by 2^-`shift` of the gap, at least one unit, so that a
/// constant image is reached exactly.
#[inline(always)]
fn step_towards(current: i32, target: i32, shift: u32) -> i32 {
    let delta = target - current;
    // Rounding up for positive gaps, down (arithmetic shift) for negative ones: branch-free,
    // so that the compiler can do many pixels at once.
    let round = ((1 << shift) - 1) & !(delta >> 31);
    current + ((delta + round) >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_pixels_learn_faster_than_covered_ones() {
        let mut bg = Background::default();
        bg.reset(&[100, 100], 2);
        let covered = BitMask::from_ascii(&[".#"]);
        for _ in 0..10 {
            bg.learn(&[200, 200], &covered, 2, 6, (0, 1));
        }
        let g = bg.grey();
        assert!(g[0] > 190, "free pixel learned to {}", g[0]);
        assert!(
            g[1] > 100 && g[1] < 160,
            "covered pixel learned to {}",
            g[1]
        );
    }

    #[test]
    fn learning_reaches_a_constant_image_exactly() {
        let mut bg = Background::default();
        bg.reset(&[0, 255], 2);
        let covered = BitMask::new(2, 1);
        for _ in 0..200 {
            bg.learn(&[37, 201], &covered, 3, 3, (0, 1));
        }
        assert_eq!(bg.grey(), &[37, 201]);
    }

    #[test]
    fn learning_by_rows_touches_only_those_rows() {
        let mut bg = Background::default();
        bg.reset(&[0; 4], 1);
        bg.learn(&[100; 4], &BitMask::new(1, 4), 1, 1, (1, 2));
        assert_eq!(bg.grey(), &[0, 50, 0, 50]);
    }

    #[test]
    fn compensation_follows_gain_and_offset() {
        let mut bg = Background::default();
        bg.reset(&[100, 200, 250], 3);
        bg.compensate(1.1, -5.0);
        assert_eq!(bg.grey(), &[105, 215, 255]);
    }
}
