//! Block-mean reduction of a camera frame to the working resolution of the core.
//!
//! Averaging an NxN block both shrinks the work by N² and divides the sensor noise by N, so
//! small, real movements (a bed-bound child's hand) stand out better than on full-size pixels.

use super::frame::LumaFrame;

/// The block size that brings a frame of this width near `target_width` columns.
///
/// # Examples
/// ```
/// use wigglewoods::motion::scale_for;
/// assert_eq!(scale_for(640, 480, 160), 4);
/// assert_eq!(scale_for(1280, 720, 160), 8);
/// assert_eq!(scale_for(100, 80, 160), 1);
/// ```
pub fn scale_for(width: usize, height: usize, target_width: usize) -> usize {
    let target_width = target_width.max(1);
    let scale = ((width + target_width / 2) / target_width).max(1);
    scale.min(width).min(height).max(1)
}

/// Reduces frames by a fixed block size, keeping a row of sums between calls.
#[derive(Debug, Clone)]
pub struct Downsampler {
    scale: usize,
    sums: Vec<u16>,
    row: Vec<u8>,
}

impl Downsampler {
    /// A reducer by `scale` (1 copies). Scales up to 16 keep block sums within 16 bits.
    ///
    /// # Panics
    /// If `scale` is 0 or above 16.
    pub fn new(scale: usize) -> Self {
        assert!(
            (1..=16).contains(&scale),
            "block size {scale} is outside 1..=16"
        );
        Self {
            scale,
            sums: Vec::new(),
            row: Vec::new(),
        }
    }

    /// The block size.
    pub fn scale(&self) -> usize {
        self.scale
    }

    /// Output size for a frame of the given size.
    pub fn output_size(&self, width: usize, height: usize) -> (usize, usize) {
        (width / self.scale, height / self.scale)
    }

    /// Writes the block means of `frame` into `out` (`out_w * out_h` bytes), mirrored left to
    /// right when `mirror` is set. Columns and rows that do not fill a whole block are dropped.
    ///
    /// # Panics
    /// If `out` has another length than [`Downsampler::output_size`] gives.
    pub fn reduce(&mut self, frame: &LumaFrame<'_>, mirror: bool, out: &mut [u8]) {
        let (out_w, out_h) = self.output_size(frame.width(), frame.height());
        assert_eq!(out.len(), out_w * out_h, "output buffer has the wrong size");
        let s = self.scale;
        let used = out_w * s;
        self.sums.resize(used, 0);
        self.row.resize(out_w, 0);
        for oy in 0..out_h {
            let target = &mut out[oy * out_w..(oy + 1) * out_w];
            if s == 1 {
                target.copy_from_slice(&frame.row(oy)[..out_w]);
            } else if s == 4 {
                let y = oy * 4;
                let rows = [
                    frame.row(y),
                    frame.row(y + 1),
                    frame.row(y + 2),
                    frame.row(y + 3),
                ];
                reduce4(rows, target);
            } else {
                sum_rows(frame, oy * s, s, &mut self.sums);
                reduce_row(&self.sums, s, &mut self.row);
                target.copy_from_slice(&self.row);
            }
            if mirror {
                target.reverse();
            }
        }
    }
}

/// 4x4 block means of four rows: the common case (640x480 to 160x120), sixteen at a time
/// where the processor allows.
fn reduce4(rows: [&[u8]; 4], out: &mut [u8]) {
    // SAFETY: the target has SSE4.1 (checked at compile time); `reduce4_sse` reads only
    // whole 32-column groups that lie inside every row.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse4.1"))]
    let done = unsafe { reduce4_sse(rows, out) };
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse4.1")))]
    let done = 0;
    for (o, dst) in out.iter_mut().enumerate().skip(done) {
        let mut total = 8u32;
        for row in rows {
            for px in &row[o * 4..o * 4 + 4] {
                total += u32::from(*px);
            }
        }
        *dst = (total >> 4) as u8;
    }
}

/// Eight block means from each 32 columns: widen to 16 bits, add the rows, add neighbours
/// pairwise twice, round and narrow. Returns how many outputs were written.
#[cfg(all(target_arch = "x86_64", target_feature = "sse4.1"))]
#[target_feature(enable = "sse4.1")]
unsafe fn reduce4_sse(rows: [&[u8]; 4], out: &mut [u8]) -> usize {
    use std::arch::x86_64::*;
    let groups = out.len() / 8;
    for g in 0..groups {
        let i = g * 32;
        let (mut a_lo, mut a_hi, mut b_lo, mut b_hi) = (
            _mm_setzero_si128(),
            _mm_setzero_si128(),
            _mm_setzero_si128(),
            _mm_setzero_si128(),
        );
        for row in rows {
            debug_assert!(row.len() >= i + 32);
            // SAFETY: out.len() * 4 <= row.len(), so columns i..i + 32 are inside the row.
            let (va, vb) = unsafe {
                (
                    _mm_loadu_si128(row.as_ptr().add(i).cast()),
                    _mm_loadu_si128(row.as_ptr().add(i + 16).cast()),
                )
            };
            a_lo = _mm_add_epi16(a_lo, _mm_cvtepu8_epi16(va));
            a_hi = _mm_add_epi16(a_hi, _mm_cvtepu8_epi16(_mm_srli_si128(va, 8)));
            b_lo = _mm_add_epi16(b_lo, _mm_cvtepu8_epi16(vb));
            b_hi = _mm_add_epi16(b_hi, _mm_cvtepu8_epi16(_mm_srli_si128(vb, 8)));
        }
        let pairs_a = _mm_hadd_epi16(a_lo, a_hi);
        let pairs_b = _mm_hadd_epi16(b_lo, b_hi);
        let quads = _mm_hadd_epi16(pairs_a, pairs_b);
        let means = _mm_srli_epi16(_mm_add_epi16(quads, _mm_set1_epi16(8)), 4);
        let bytes = _mm_packus_epi16(means, means);
        // SAFETY: g * 8 + 8 <= out.len().
        unsafe { _mm_storel_epi64(out.as_mut_ptr().add(g * 8).cast(), bytes) };
    }
    groups * 8
}

/// Adds `count` rows starting at `y0` column by column into `sums`.
fn sum_rows(frame: &LumaFrame<'_>, y0: usize, count: usize, sums: &mut [u16]) {
    let used = sums.len();
    for (dst, &px) in sums.iter_mut().zip(&frame.row(y0)[..used]) {
        *dst = u16::from(px);
    }
    for y in y0 + 1..y0 + count {
        add_row(sums, &frame.row(y)[..used]);
    }
}

#[inline]
fn add_row(sums: &mut [u16], row: &[u8]) {
    for (dst, &px) in sums.iter_mut().zip(row) {
        *dst += u16::from(px);
    }
}

/// Sums groups of `s` columns and divides by the block area, rounding to nearest.
fn reduce_row(sums: &[u16], s: usize, out: &mut [u8]) {
    let area = (s * s) as u32;
    for (dst, group) in out.iter_mut().zip(sums.chunks_exact(s)) {
        let total: u32 = group.iter().map(|&v| u32::from(v)).sum();
        *dst = ((total + area / 2) / area) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gray_frame;

    #[test]
    fn two_by_two_means_round_to_nearest() {
        let frame = gray_frame![
            0, 2, 10, 10, 7;
            1, 1, 10, 11, 7;
            9, 9, 9, 9, 9;
        ];
        let mut down = Downsampler::new(2);
        let mut out = vec![0; 2];
        down.reduce(&frame.view(), false, &mut out);
        assert_eq!(out, [1, 10]);
        down.reduce(&frame.view(), true, &mut out);
        assert_eq!(out, [10, 1]);
    }

    #[test]
    fn four_by_four_matches_a_plain_mean() {
        let mut frame = crate::motion::OwnedFrame::filled(16, 8, 0);
        for (i, px) in frame.data.iter_mut().enumerate() {
            *px = (i * 37 % 251) as u8;
        }
        let mut out = vec![0; 4 * 2];
        Downsampler::new(4).reduce(&frame.view(), false, &mut out);
        for by in 0..2 {
            for bx in 0..4 {
                let mut total = 0u32;
                for y in 0..4 {
                    for x in 0..4 {
                        total += u32::from(frame.get(bx * 4 + x, by * 4 + y));
                    }
                }
                assert_eq!(u32::from(out[by * 4 + bx]), (total + 8) / 16);
            }
        }
    }

    #[test]
    fn four_by_four_on_a_wide_frame_matches_a_plain_mean() {
        // 100 columns: three 32-column groups and a remainder of 4.
        let (w, h) = (100, 8);
        let mut frame = crate::motion::OwnedFrame::filled(w, h, 0);
        for (i, px) in frame.data.iter_mut().enumerate() {
            *px = (i * 131 % 256) as u8;
        }
        let mut out = vec![0; 25 * 2];
        Downsampler::new(4).reduce(&frame.view(), false, &mut out);
        for by in 0..2 {
            for bx in 0..25 {
                let total: u32 = (0..16)
                    .map(|k| u32::from(frame.get(bx * 4 + k % 4, by * 4 + k / 4)))
                    .sum();
                assert_eq!(
                    u32::from(out[by * 25 + bx]),
                    (total + 8) / 16,
                    "block {bx},{by}"
                );
            }
        }
    }

    #[test]
    fn scale_one_copies_and_mirrors() {
        let frame = gray_frame![1, 2, 3; 4, 5, 6];
        let mut out = vec![0; 6];
        Downsampler::new(1).reduce(&frame.view(), true, &mut out);
        assert_eq!(out, [3, 2, 1, 6, 5, 4]);
    }
}
