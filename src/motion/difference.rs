//! From three grey images (now, the previous frame, the background) to two bit masks.
//!
//! This is the inner loop of the core: one pass over the working image compares each pixel
//! with the previous frame (what moves now) and with the background (where someone is), and
//! packs the answers sixteen pixels at a time.

use super::mask::BitMask;

/// Sets `motion` where `|cur - prev| > motion_threshold` and `presence` where
/// `|cur - background| > presence_threshold`. All images are `width` bytes per row and as many
/// rows as the masks.
///
/// # Panics
/// If the images and masks disagree in size.
pub fn difference_masks(
    cur: &[u8],
    prev: &[u8],
    background: &[u8],
    motion_threshold: u8,
    presence_threshold: u8,
    motion: &mut BitMask,
    presence: &mut BitMask,
) {
    let width = motion.width();
    let height = motion.height();
    assert_eq!(cur.len(), width * height);
    assert_eq!(prev.len(), cur.len());
    assert_eq!(background.len(), cur.len());
    assert_eq!((presence.width(), presence.height()), (width, height));
    for y in 0..height {
        let range = y * width..(y + 1) * width;
        let (c, p, b) = (
            &cur[range.clone()],
            &prev[range.clone()],
            &background[range],
        );
        let m_row = motion.row_mut(y);
        pack_row(c, p, motion_threshold, m_row);
        let p_row = presence.row_mut(y);
        pack_row(c, b, presence_threshold, p_row);
    }
}

/// Packs `|a - b| > threshold` for one row into words.
fn pack_row(a: &[u8], b: &[u8], threshold: u8, out: &mut [u64]) {
    out.fill(0);
    let width = a.len();
    let mut x = 0;
    #[cfg(target_arch = "x86_64")]
    {
        while x + 16 <= width {
            // SAFETY: SSE2 is part of the x86_64 baseline; x + 16 <= width bounds both loads.
            let bits = unsafe { sse2::exceeds16(a.as_ptr().add(x), b.as_ptr().add(x), threshold) };
            out[x / 64] |= u64::from(bits) << (x % 64);
            x += 16;
        }
    }
    while x < width {
        if a[x].abs_diff(b[x]) > threshold {
            out[x / 64] |= 1 << (x % 64);
        }
        x += 1;
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// Sixteen `|a - b| > t` answers as the low 16 bits.
    ///
    /// # Safety
    /// Both pointers must be valid for 16 bytes.
    #[inline]
    pub(super) unsafe fn exceeds16(a: *const u8, b: *const u8, t: u8) -> u16 {
        unsafe {
            let va = _mm_loadu_si128(a.cast());
            let vb = _mm_loadu_si128(b.cast());
            let diff = _mm_or_si128(_mm_subs_epu8(va, vb), _mm_subs_epu8(vb, va));
            // diff > t exactly when diff - t (saturating) is not zero.
            let over = _mm_subs_epu8(diff, _mm_set1_epi8(t as i8));
            let zero = _mm_cmpeq_epi8(over, _mm_setzero_si128());
            !(_mm_movemask_epi8(zero) as u16)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_strict_and_symmetric() {
        // 20 pixels: crosses the 16-pixel block and the scalar tail.
        let cur: Vec<u8> = (0..20)
            .map(|i| if i % 3 == 0 { 110 } else { 100 })
            .collect();
        let prev = vec![100u8; 20];
        let mut bg = vec![100u8; 20];
        bg[17] = 90; // exactly at the threshold: not set
        bg[18] = 89; // one above: set
        let (mut motion, mut presence) = (BitMask::new(20, 1), BitMask::new(20, 1));
        difference_masks(&cur, &prev, &bg, 9, 10, &mut motion, &mut presence);
        for x in 0..20 {
            assert_eq!(motion.get(x, 0), x % 3 == 0, "motion at {x}");
        }
        assert!(!presence.get(17, 0) && presence.get(18, 0) && !presence.get(0, 0));
    }

    #[test]
    fn agrees_with_scalar_on_a_wide_image() {
        let (w, h) = (150, 3);
        let cur: Vec<u8> = (0..w * h).map(|i| (i * 91 % 256) as u8).collect();
        let prev: Vec<u8> = (0..w * h).map(|i| (i * 17 % 256) as u8).collect();
        let (mut m, mut p) = (BitMask::new(w, h), BitMask::new(w, h));
        difference_masks(&cur, &prev, &prev, 40, 200, &mut m, &mut p);
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                assert_eq!(m.get(x, y), cur[i].abs_diff(prev[i]) > 40);
                assert_eq!(p.get(x, y), cur[i].abs_diff(prev[i]) > 200);
            }
        }
    }
}
