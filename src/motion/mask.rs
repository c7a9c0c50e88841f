//! Bit-packed binary masks and the 3x3 morphology that cleans them.
//!
//! One bit a pixel, 64 pixels a word, least significant bit leftmost: a 160x120 mask is 360
//! words, so opening and closing it costs a few hundred word operations.

/// A binary image, one bit per pixel, rows padded to whole 64-bit words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BitMask {
    width: usize,
    height: usize,
    words_per_row: usize,
    words: Vec<u64>,
}

impl BitMask {
    /// An empty (all background) mask.
    pub fn new(width: usize, height: usize) -> Self {
        let words_per_row = width.div_ceil(64);
        Self {
            width,
            height,
            words_per_row,
            words: vec![0; words_per_row * height],
        }
    }

    /// Builds a mask from rows of `'#'` (set) and `'.'` (clear), so that tests read like pictures.
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::motion::BitMask;
    /// let mask = BitMask::from_ascii(&["#..", ".##"]);
    /// assert!(mask.get(0, 0) && mask.get(2, 1) && !mask.get(1, 0));
    /// assert_eq!(mask.count_ones(), 3);
    /// ```
    ///
    /// # Panics
    /// If rows differ in length or hold other characters.
    pub fn from_ascii(rows: &[&str]) -> Self {
        let width = rows.first().map_or(0, |r| r.len());
        let mut mask = Self::new(width, rows.len());
        for (y, row) in rows.iter().enumerate() {
            assert_eq!(row.len(), width, "row {y} has another length");
            for (x, c) in row.bytes().enumerate() {
                match c {
                    b'#' => mask.set(x, y, true),
                    b'.' => {}
                    other => panic!("unexpected {:?} in mask row {y}", other as char),
                }
            }
        }
        mask
    }

    /// Renders the mask as `'#'`/`'.'` rows, the inverse of [`BitMask::from_ascii`].
    pub fn to_ascii(&self) -> Vec<String> {
        (0..self.height)
            .map(|y| {
                (0..self.width)
                    .map(|x| if self.get(x, y) { '#' } else { '.' })
                    .collect()
            })
            .collect()
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Words per row (the row stride of [`BitMask::words`]).
    pub fn words_per_row(&self) -> usize {
        self.words_per_row
    }

    /// All words, row after row.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// One row's words.
    pub fn row(&self, y: usize) -> &[u64] {
        &self.words[y * self.words_per_row..(y + 1) * self.words_per_row]
    }

    /// One row's words, writable; callers keep bits beyond the width clear.
    pub fn row_mut(&mut self, y: usize) -> &mut [u64] {
        &mut self.words[y * self.words_per_row..(y + 1) * self.words_per_row]
    }

    /// Whether the pixel at (x, y) is set.
    pub fn get(&self, x: usize, y: usize) -> bool {
        debug_assert!(x < self.width && y < self.height);
        self.words[y * self.words_per_row + x / 64] >> (x % 64) & 1 == 1
    }

    /// Sets or clears the pixel at (x, y).
    pub fn set(&mut self, x: usize, y: usize, on: bool) {
        debug_assert!(x < self.width && y < self.height);
        let word = &mut self.words[y * self.words_per_row + x / 64];
        let bit = 1u64 << (x % 64);
        if on {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }

    /// Clears every pixel.
    pub fn clear(&mut self) {
        self.words.fill(0);
    }

    /// Number of set pixels.
    pub fn count_ones(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Number of set pixels in the inclusive rectangle `x0..=x1`, `y0..=y1`.
    pub fn count_in_rect(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> usize {
        let mut total = 0;
        for y in y0..=y1.min(self.height - 1) {
            let row = self.row(y);
            for_each_word_span(x0, x1.min(self.width - 1), |w, bits| {
                total += (row[w] & bits).count_ones() as usize;
            });
        }
        total
    }

    /// Number of set pixels and their mean position in the inclusive rectangle, or `None`
    /// when it holds none.
    pub fn centroid_in_rect(
        &self,
        x0: usize,
        y0: usize,
        x1: usize,
        y1: usize,
    ) -> Option<(usize, f32, f32)> {
        let (mut count, mut sum_x, mut sum_y) = (0u64, 0u64, 0u64);
        for y in y0..=y1.min(self.height.saturating_sub(1)) {
            let row = self.row(y);
            for_each_word_span(x0, x1.min(self.width.saturating_sub(1)), |w, bits| {
                let word = row[w] & bits;
                let c = u64::from(word.count_ones());
                count += c;
                sum_x += position_sum(word) + c * (w as u64 * 64);
                sum_y += c * y as u64;
            });
        }
        (count > 0).then(|| {
            (
                count as usize,
                sum_x as f32 / count as f32,
                sum_y as f32 / count as f32,
            )
        })
    }

    /// Copies another mask of the same size into this one, without reallocating.
    pub fn copy_from(&mut self, other: &BitMask) {
        debug_assert_eq!((self.width, self.height), (other.width, other.height));
        self.words.copy_from_slice(&other.words);
    }

    /// Makes this mask `a | b` (same sizes).
    pub fn or_of(&mut self, a: &BitMask, b: &BitMask) {
        for ((out, a), b) in self.words.iter_mut().zip(&a.words).zip(&b.words) {
            *out = a | b;
        }
    }

    /// Clears every pixel that is set in `other`.
    pub fn and_not(&mut self, other: &BitMask) {
        for (out, o) in self.words.iter_mut().zip(&other.words) {
            *out &= !o;
        }
    }

    /// Bits of the last word of a row that lie inside the width.
    fn last_word_bits(&self) -> u64 {
        match self.width % 64 {
            0 => u64::MAX,
            r => (1u64 << r) - 1,
        }
    }

    /// Writes the mask as a binary PGM (P5, 0 or 255), the format anyone can open.
    pub fn write_pgm(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        write!(out, "P5\n{} {}\n255\n", self.width, self.height)?;
        let mut row = vec![0u8; self.width];
        for y in 0..self.height {
            for (x, px) in row.iter_mut().enumerate() {
                *px = if self.get(x, y) { 255 } else { 0 };
            }
            out.write_all(&row)?;
        }
        Ok(())
    }
}

/// Sum of the bit positions set in `word`, in six popcounts.
#[inline]
pub(crate) fn position_sum(word: u64) -> u64 {
    const MASKS: [u64; 6] = [
        0xAAAA_AAAA_AAAA_AAAA,
        0xCCCC_CCCC_CCCC_CCCC,
        0xF0F0_F0F0_F0F0_F0F0,
        0xFF00_FF00_FF00_FF00,
        0xFFFF_0000_FFFF_0000,
        0xFFFF_FFFF_0000_0000,
    ];
    let mut sum = 0u64;
    for (k, m) in MASKS.iter().enumerate() {
        sum += u64::from((word & m).count_ones()) << k;
    }
    sum
}

/// Calls `f(word_index, bits)` for each word that the inclusive column range `x0..=x1` touches.
pub(crate) fn for_each_word_span(x0: usize, x1: usize, mut f: impl FnMut(usize, u64)) {
    if x0 > x1 {
        return;
    }
    let (w0, w1) = (x0 / 64, x1 / 64);
    for w in w0..=w1 {
        let lo = if w == w0 { x0 % 64 } else { 0 };
        let hi = if w == w1 { x1 % 64 } else { 63 };
        let bits = (u64::MAX >> (63 - hi)) & (u64::MAX << lo);
        f(w, bits);
    }
}

/// The left and right neighbours of each pixel of word `w` (padding bits are clear).
#[inline]
fn sideways(row: &[u64], w: usize) -> u64 {
    let word = row[w];
    let prev = if w > 0 { row[w - 1] } else { 0 };
    let next = row.get(w + 1).copied().unwrap_or(0);
    (word << 1 | prev >> 63) | (word >> 1 | next << 63)
}

/// Scratch space for morphology, kept between frames so that cleaning allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Morphology {
    horizontal: Vec<u64>,
}

impl Morphology {
    /// 3x3 erosion in place: a pixel stays set only if its whole neighbourhood is set.
    pub fn erode(&mut self, mask: &mut BitMask) {
        self.apply(mask, true);
    }

    /// 3x3 dilation in place: a pixel becomes set if any neighbour is set.
    pub fn dilate(&mut self, mask: &mut BitMask) {
        self.apply(mask, false);
    }

    /// Opening (erode, then dilate): removes specks smaller than 3x3, such as sensor noise.
    pub fn open(&mut self, mask: &mut BitMask) {
        self.erode(mask);
        self.dilate(mask);
    }

    /// Closing (dilate, then erode): fills one-pixel holes and gaps inside a silhouette.
    pub fn close(&mut self, mask: &mut BitMask) {
        self.dilate(mask);
        self.erode(mask);
    }

    /// Clears set pixels that have no set neighbour: single-pixel noise goes, while thin
    /// real movement (the edge of a small hand) stays, unlike with an opening.
    pub fn remove_isolated(&mut self, mask: &mut BitMask) {
        let (wpr, height) = (mask.words_per_row, mask.height);
        self.horizontal.resize(mask.words.len(), 0);
        for y in 0..height {
            for w in 0..wpr {
                let row = &mask.words[y * wpr..(y + 1) * wpr];
                self.horizontal[y * wpr + w] = row[w] | sideways(row, w);
            }
        }
        for y in 0..height {
            for w in 0..wpr {
                let row = &mask.words[y * wpr..(y + 1) * wpr];
                let mut near = sideways(row, w);
                if y > 0 {
                    near |= self.horizontal[(y - 1) * wpr + w];
                }
                if y + 1 < height {
                    near |= self.horizontal[(y + 1) * wpr + w];
                }
                mask.words[y * wpr + w] &= near;
            }
        }
    }

    fn apply(&mut self, mask: &mut BitMask, erode: bool) {
        let (wpr, height) = (mask.words_per_row, mask.height);
        if height == 0 || wpr == 0 {
            return;
        }
        // Outside the mask, erosion sees set pixels and dilation clear ones.
        let fill = if erode { u64::MAX } else { 0 };
        let combine = |a: u64, b: u64, c: u64| if erode { a & b & c } else { a | b | c };
        let last_bits = mask.last_word_bits();
        let words = &mut mask.words;
        // Padding bits of each row act as the border beyond the right edge.
        for row in words.chunks_exact_mut(wpr) {
            row[wpr - 1] = (row[wpr - 1] & last_bits) | (fill & !last_bits);
        }
        // Vertical pass first (the 3x3 square is separable): whole rows at once.
        let n = words.len();
        self.horizontal.clear();
        self.horizontal.resize(n, 0);
        let v = &mut self.horizontal;
        if height == 1 {
            v.copy_from_slice(words);
        } else {
            for i in 0..wpr {
                v[i] = combine(fill, words[i], words[i + wpr]);
                v[n - wpr + i] = combine(words[n - 2 * wpr + i], words[n - wpr + i], fill);
            }
            for ((out, above), (here, below)) in v[wpr..n - wpr]
                .iter_mut()
                .zip(&words[..n - 2 * wpr])
                .zip(words[wpr..n - wpr].iter().zip(&words[2 * wpr..]))
            {
                *out = combine(*above, *here, *below);
            }
        }
        // Horizontal pass: each pixel with its left and right neighbours.
        for (out_row, row) in words.chunks_exact_mut(wpr).zip(v.chunks_exact(wpr)) {
            let mut prev = fill;
            for w in 0..wpr {
                let word = row[w];
                let next = if w + 1 < wpr { row[w + 1] } else { fill };
                let left = (word << 1) | (prev >> 63);
                let right = (word >> 1) | (next << 63);
                out_row[w] = combine(word, left, right);
                prev = word;
            }
            out_row[wpr - 1] &= last_bits;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(mask: &BitMask) -> Vec<String> {
        mask.to_ascii()
    }

    #[test]
    fn opening_removes_a_speck_and_keeps_a_block() {
        let mut mask = BitMask::from_ascii(&[
            "#.......", "........", "...###..", "...###..", "...###..", "........",
        ]);
        Morphology::default().open(&mut mask);
        assert_eq!(
            ascii(&mask),
            [
                "........", "........", "...###..", "...###..", "...###..", "........",
            ]
        );
    }

    #[test]
    fn closing_fills_a_hole() {
        let mut mask = BitMask::from_ascii(&[
            ".......", //
            ".......", //
            "..###..", //
            "..#.#..", //
            "..###..", //
            ".......", //
            ".......",
        ]);
        Morphology::default().close(&mut mask);
        assert_eq!(
            ascii(&mask),
            [
                ".......", ".......", "..###..", "..###..", "..###..", ".......", "......."
            ]
        );
    }

    #[test]
    fn erosion_keeps_shapes_that_touch_the_edge() {
        let mut mask = BitMask::from_ascii(&["##.", "##.", "..."]);
        Morphology::default().erode(&mut mask);
        assert_eq!(ascii(&mask), ["#..", "...", "..."]);
    }

    #[test]
    fn dilation_crosses_word_boundaries() {
        let mut mask = BitMask::new(130, 3);
        mask.set(63, 1, true);
        mask.set(128, 1, true);
        Morphology::default().dilate(&mut mask);
        for (x, y) in [(62, 0), (64, 2), (63, 1), (127, 1), (129, 0), (129, 2)] {
            assert!(mask.get(x, y), "({x},{y}) should be set");
        }
        assert_eq!(mask.count_ones(), 9 + 9);
        // Nothing leaks past the width into padding bits.
        assert_eq!(mask.row(1)[2] >> 2, 0);
    }

    #[test]
    fn erosion_matches_a_pixel_reference_on_a_wide_mask() {
        let mut mask = BitMask::new(150, 5);
        for y in 0..5 {
            for x in 0..150 {
                mask.set(x, y, (x * 7 + y * 3) % 11 < 8);
            }
        }
        let original = mask.clone();
        Morphology::default().erode(&mut mask);
        for y in 0..5 {
            for x in 0..150 {
                let mut all = true;
                for dy in -1i32..=1 {
                    for dx in -1i32..=1 {
                        let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                        if nx >= 0 && ny >= 0 && nx < 150 && ny < 5 {
                            all &= original.get(nx as usize, ny as usize);
                        }
                    }
                }
                assert_eq!(mask.get(x, y), all, "pixel ({x},{y})");
            }
        }
    }

    #[test]
    fn isolated_pixels_go_and_thin_lines_stay() {
        let mut mask =
            BitMask::from_ascii(&["#.....#.", "......#.", "..#...#.", "........", "#......#"]);
        Morphology::default().remove_isolated(&mut mask);
        assert_eq!(
            ascii(&mask),
            ["......#.", "......#.", "......#.", "........", "........"]
        );
    }

    #[test]
    fn centroid_of_a_rectangle() {
        let mask = BitMask::from_ascii(&["#...", "..##", "...."]);
        assert_eq!(mask.centroid_in_rect(1, 0, 3, 2), Some((2, 2.5, 1.0)));
        assert_eq!(mask.centroid_in_rect(0, 2, 3, 2), None);
        for word in [
            0u64,
            1,
            u64::MAX,
            0x8000_0000_0000_0001,
            0x0F0F_1234_5678_9ABC,
        ] {
            let expected: u64 = (0..64).filter(|b| word >> b & 1 == 1).sum();
            assert_eq!(position_sum(word), expected, "{word:#x}");
        }
    }

    #[test]
    fn counts_in_a_rectangle() {
        let mask = BitMask::from_ascii(&["####", "#..#", "####"]);
        assert_eq!(mask.count_in_rect(1, 0, 2, 1), 2);
        assert_eq!(mask.count_in_rect(0, 0, 3, 2), 10);
    }

    #[test]
    fn pgm_has_header_and_pixels() {
        let mask = BitMask::from_ascii(&["#.", ".#"]);
        let mut out = Vec::new();
        mask.write_pgm(&mut out).unwrap();
        assert_eq!(out, b"P5\n2 2\n255\n\xff\x00\x00\xff");
    }
}
