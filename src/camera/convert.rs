//! Camera pixel formats to luma, each by its cheapest correct path.
//!
//! The motion core reads only brightness, so every conversion keeps just the luma: YUYV and
//! NV12 already carry it (every other byte, or the first plane), RGB needs one weighted sum per
//! pixel, and MJPEG needs a JPEG decoder. Every function checks the buffer's size against the
//! frame it claims to be and answers a wrong size with an error, never a panic: cameras do send
//! short and oversized buffers when a cable is loose.

use crate::motion::OwnedFrame;
use std::fmt;

/// The pixel layouts cameras deliver that we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub enum PixelFormat {
    /// Packed 4:2:2, `Y0 U Y1 V`: luma is every other byte. The cheapest to read.
    Yuyv,
    /// Planar 4:2:0: a full-size luma plane, then interleaved chroma at half size.
    Nv12,
    /// 8-bit grey: already luma.
    Gray,
    /// Packed `R G B`.
    Rgb24,
    /// Packed `B G R`.
    Bgr24,
    /// Motion JPEG: one JPEG picture per frame; needs decoding.
    Mjpeg,
}

impl PixelFormat {
    /// Every format, in order of preference when a camera offers several at the size we want:
    /// the ones whose luma can be copied first, the ones that need decoding last.
    pub const PREFERENCE: [PixelFormat; 6] = [
        PixelFormat::Gray,
        PixelFormat::Yuyv,
        PixelFormat::Nv12,
        PixelFormat::Rgb24,
        PixelFormat::Bgr24,
        PixelFormat::Mjpeg,
    ];

    /// The usual short name (the V4L2 FourCC where there is one).
    pub fn name(self) -> &'static str {
        match self {
            PixelFormat::Yuyv => "YUYV",
            PixelFormat::Nv12 => "NV12",
            PixelFormat::Gray => "GRAY",
            PixelFormat::Rgb24 => "RGB24",
            PixelFormat::Bgr24 => "BGR24",
            PixelFormat::Mjpeg => "MJPEG",
        }
    }

    /// The smallest row length in bytes for a frame `width` pixels wide.
    pub fn min_stride(self, width: usize) -> usize {
        match self {
            PixelFormat::Yuyv => width * 2,
            PixelFormat::Rgb24 | PixelFormat::Bgr24 => width * 3,
            PixelFormat::Nv12 | PixelFormat::Gray | PixelFormat::Mjpeg => width,
        }
    }
}

impl fmt::Display for PixelFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a camera buffer could not be turned into luma.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// The buffer does not hold exactly the frame it should: a truncated transfer, a format
    /// that changed under us, or garbage.
    #[error(
        "{format} buffer holds {actual} bytes but a {width}x{height} frame with {stride} bytes a row needs {expected}"
    )]
    WrongSize {
        /// The buffer's layout.
        format: PixelFormat,
        /// Frame width in pixels.
        width: usize,
        /// Frame height in pixels.
        height: usize,
        /// Bytes per row.
        stride: usize,
        /// Bytes the frame needs.
        expected: usize,
        /// Bytes the buffer holds.
        actual: usize,
    },
    /// A frame description that cannot be right (zero size, odd width for a 4:2:2 layout,
    /// rows shorter than the pixels they hold).
    #[error("{format} frame {width}x{height} with {stride} bytes a row is impossible: {why}")]
    Geometry {
        /// The buffer's layout.
        format: PixelFormat,
        /// Frame width in pixels.
        width: usize,
        /// Frame height in pixels.
        height: usize,
        /// Bytes per row.
        stride: usize,
        /// What is impossible about it.
        why: &'static str,
    },
    /// A JPEG that the decoder refused (corrupt, truncated, or a different size).
    #[error("MJPEG frame could not be decoded: {0}")]
    Decode(String),
}

fn geometry(
    format: PixelFormat,
    width: usize,
    height: usize,
    stride: usize,
    why: &'static str,
) -> ConvertError {
    ConvertError::Geometry {
        format,
        width,
        height,
        stride,
        why,
    }
}

/// Checks the frame description and that `data` is exactly `rows` rows of `stride` bytes.
fn check(
    format: PixelFormat,
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    rows: usize,
) -> Result<(), ConvertError> {
    if width == 0 || height == 0 {
        return Err(geometry(format, width, height, stride, "it has no pixels"));
    }
    if stride < format.min_stride(width) {
        return Err(geometry(
            format,
            width,
            height,
            stride,
            "rows are shorter than their pixels",
        ));
    }
    let expected = stride.checked_mul(rows).ok_or(geometry(
        format,
        width,
        height,
        stride,
        "it is too large",
    ))?;
    if data.len() != expected {
        return Err(ConvertError::WrongSize {
            format,
            width,
            height,
            stride,
            expected,
            actual: data.len(),
        });
    }
    Ok(())
}

/// Sizes `out` for a `width` x `height` frame; allocates only when the size grows.
fn prepare(out: &mut OwnedFrame, width: usize, height: usize) {
    out.width = width;
    out.height = height;
    out.data.resize(width * height, 0);
}

/// YUYV (4:2:2 packed) to luma: every other byte. `stride` is bytes per row (at least
/// `2 * width`); `width` must be even, as a YUYV pair covers two pixels.
///
/// # Examples
/// ```
/// use wigglewoods::camera::yuyv_to_luma;
/// use wigglewoods::motion::OwnedFrame;
/// let mut out = OwnedFrame::default();
/// yuyv_to_luma(&[10, 128, 20, 128, 30, 99, 40, 99], 2, 2, 4, &mut out).unwrap();
/// assert_eq!(out.data, vec![10, 20, 30, 40]);
/// assert!(yuyv_to_luma(&[0; 7], 2, 2, 4, &mut out).is_err());
/// ```
pub fn yuyv_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    let format = PixelFormat::Yuyv;
    if !width.is_multiple_of(2) {
        return Err(geometry(
            format,
            width,
            height,
            stride,
            "YUYV needs an even width",
        ));
    }
    check(format, data, width, height, stride, height)?;
    prepare(out, width, height);
    for (dst, src) in out
        .data
        .chunks_exact_mut(width)
        .zip(data.chunks_exact(stride))
    {
        for (d, pair) in dst.iter_mut().zip(src[..width * 2].chunks_exact(2)) {
            *d = pair[0];
        }
    }
    Ok(())
}

/// NV12 (4:2:0, luma plane then interleaved chroma) to luma: the first plane, row by row.
/// The buffer must hold both planes (`stride * (height + ceil(height / 2))` bytes), so that a
/// buffer of some other layout is caught rather than read as the wrong picture.
pub fn nv12_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    let format = PixelFormat::Nv12;
    if !width.is_multiple_of(2) {
        return Err(geometry(
            format,
            width,
            height,
            stride,
            "NV12 needs an even width",
        ));
    }
    check(
        format,
        data,
        width,
        height,
        stride,
        height + height.div_ceil(2),
    )?;
    copy_plane(data, width, height, stride, out);
    Ok(())
}

/// 8-bit grey to luma: a copy without the row padding.
pub fn gray_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    check(PixelFormat::Gray, data, width, height, stride, height)?;
    copy_plane(data, width, height, stride, out);
    Ok(())
}

fn copy_plane(data: &[u8], width: usize, height: usize, stride: usize, out: &mut OwnedFrame) {
    prepare(out, width, height);
    if stride == width {
        out.data.copy_from_slice(&data[..width * height]);
    } else {
        for (dst, src) in out
            .data
            .chunks_exact_mut(width)
            .zip(data.chunks_exact(stride))
        {
            dst.copy_from_slice(&src[..width]);
        }
    }
}

/// BT.601 luma in integers: `(77 R + 150 G + 29 B + 128) >> 8`. The weights sum to 256, so
/// white stays 255, and the largest sum (65408) fits in 16 bits, which lets the compiler use
/// 16-bit lanes.
#[inline]
pub fn bt601_luma(r: u8, g: u8, b: u8) -> u8 {
    ((77 * u16::from(r) + 150 * u16::from(g) + 29 * u16::from(b) + 128) >> 8) as u8
}

fn packed_rgb_to_luma(
    format: PixelFormat,
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    check(format, data, width, height, stride, height)?;
    prepare(out, width, height);
    let bgr = format == PixelFormat::Bgr24;
    for (dst, src) in out
        .data
        .chunks_exact_mut(width)
        .zip(data.chunks_exact(stride))
    {
        for (d, px) in dst.iter_mut().zip(src[..width * 3].chunks_exact(3)) {
            let (r, b) = if bgr { (px[2], px[0]) } else { (px[0], px[2]) };
            *d = bt601_luma(r, px[1], b);
        }
    }
    Ok(())
}

/// Packed RGB (8 bits each) to luma with integer BT.601 weights.
pub fn rgb24_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    packed_rgb_to_luma(PixelFormat::Rgb24, data, width, height, stride, out)
}

/// Packed BGR (8 bits each) to luma with integer BT.601 weights.
pub fn bgr24_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    out: &mut OwnedFrame,
) -> Result<(), ConvertError> {
    packed_rgb_to_luma(PixelFormat::Bgr24, data, width, height, stride, out)
}

/// Converts camera buffers of any supported format; keeps the scratch space MJPEG decoding
/// needs, so that steady-state conversion does not allocate.
#[derive(Debug, Default)]
pub struct Converter {
    rgb: Vec<u8>,
}

impl Converter {
    /// A converter with no scratch space yet (sized on the first MJPEG frame).
    pub fn new() -> Self {
        Self::default()
    }

    /// Converts one buffer to luma in `out`. `stride` is bytes per row for the packed and
    /// planar formats (ignored for MJPEG); `None` means tightly packed.
    pub fn convert(
        &mut self,
        format: PixelFormat,
        data: &[u8],
        width: usize,
        height: usize,
        stride: Option<usize>,
        out: &mut OwnedFrame,
    ) -> Result<(), ConvertError> {
        let stride = stride.unwrap_or(format.min_stride(width));
        match format {
            PixelFormat::Yuyv => yuyv_to_luma(data, width, height, stride, out),
            PixelFormat::Nv12 => nv12_to_luma(data, width, height, stride, out),
            PixelFormat::Gray => gray_to_luma(data, width, height, stride, out),
            PixelFormat::Rgb24 => rgb24_to_luma(data, width, height, stride, out),
            PixelFormat::Bgr24 => bgr24_to_luma(data, width, height, stride, out),
            PixelFormat::Mjpeg => self.mjpeg_to_luma(data, width, height, out),
        }
    }

    /// Decodes one JPEG of exactly `width` x `height` pixels to luma.
    ///
    /// The decoder (mozjpeg, through nokhwa) is only reachable as "decode to RGB", so this
    /// decodes to RGB in a reused buffer and takes BT.601 luma of that, which gives back the
    /// JPEG's own luma to within rounding. A JPEG of another size, a corrupt one, and even a
    /// panic inside the decoder are all returned as [`ConvertError::Decode`].
    pub fn mjpeg_to_luma(
        &mut self,
        data: &[u8],
        width: usize,
        height: usize,
        out: &mut OwnedFrame,
    ) -> Result<(), ConvertError> {
        let format = PixelFormat::Mjpeg;
        if width == 0 || height == 0 {
            return Err(geometry(format, width, height, width, "it has no pixels"));
        }
        // SOI marker: a cheap first test that catches most garbage without the decoder.
        if data.len() < 4 || data[0] != 0xFF || data[1] != 0xD8 {
            return Err(ConvertError::Decode(format!(
                "not a JPEG ({} bytes, no start marker)",
                data.len()
            )));
        }
        // EOI marker at the end (after any zero padding some cameras add). The decoder would
        // quietly grey out the missing part of a truncated frame, which reads as motion.
        let end = data.len() - data.iter().rev().take_while(|&&b| b == 0).count();
        if end < 4 || data[end - 2..end] != [0xFF, 0xD9] {
            return Err(ConvertError::Decode(format!(
                "truncated JPEG ({} bytes, no end marker)",
                data.len()
            )));
        }
        let pixels = width
            .checked_mul(height)
            .and_then(|n| n.checked_mul(3))
            .ok_or(geometry(format, width, height, width, "it is too large"))?;
        self.rgb.resize(pixels, 0);
        let rgb = &mut self.rgb;
        // mozjpeg reports fatal libjpeg errors by unwinding; never let that leave here.
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            nokhwa::utils::buf_mjpeg_to_rgb(data, rgb, false)
        }));
        match decoded {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(ConvertError::Decode(format!(
                    "{e} (expected {width}x{height})"
                )));
            }
            Err(panic) => return Err(ConvertError::Decode(panic_text(&*panic))),
        }
        prepare(out, width, height);
        for (d, px) in out.data.iter_mut().zip(self.rgb.chunks_exact(3)) {
            *d = bt601_luma(px[0], px[1], px[2]);
        }
        Ok(())
    }
}

/// The message of a caught panic, whatever its payload type.
pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown internal error".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic test picture: a gradient with some structure, different per channel.
    fn pattern(x: usize, y: usize, channel: usize) -> u8 {
        ((x * 7 + y * 13 + channel * 71 + (x * y) % 17) % 256) as u8
    }

    /// Adds `pad` junk bytes at the end of each row, as cameras with aligned rows do.
    fn with_padding(rows: Vec<Vec<u8>>, pad: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for row in rows {
            out.extend_from_slice(&row);
            out.extend(std::iter::repeat_n(0xEE, pad));
        }
        out
    }

    #[test]
    fn yuyv_keeps_every_other_byte_with_any_stride() {
        for (w, h, pad) in [(2, 1, 0), (8, 6, 0), (16, 5, 4), (640, 480, 0), (10, 3, 6)] {
            let rows: Vec<Vec<u8>> = (0..h)
                .map(|y| {
                    (0..w)
                        .flat_map(|x| [pattern(x, y, 0), pattern(x, y, 1 + x % 2)])
                        .collect()
                })
                .collect();
            let data = with_padding(rows, pad);
            let mut out = OwnedFrame::default();
            yuyv_to_luma(&data, w, h, w * 2 + pad, &mut out).unwrap();
            assert_eq!((out.width, out.height), (w, h));
            for y in 0..h {
                for x in 0..w {
                    assert_eq!(out.get(x, y), pattern(x, y, 0), "{w}x{h} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn nv12_reads_the_luma_plane() {
        for (w, h, pad) in [
            (2usize, 2usize, 0usize),
            (8, 6, 0),
            (16, 5, 8),
            (640, 480, 0),
        ] {
            let stride = w + pad;
            let mut data = vec![0xEE; stride * (h + h.div_ceil(2))];
            for y in 0..h {
                for x in 0..w {
                    data[y * stride + x] = pattern(x, y, 0);
                }
            }
            for (i, b) in data[stride * h..].iter_mut().enumerate() {
                *b = (i * 31 % 251) as u8; // chroma: must not leak into luma
            }
            let mut out = OwnedFrame::default();
            nv12_to_luma(&data, w, h, stride, &mut out).unwrap();
            let expected: Vec<u8> = (0..h)
                .flat_map(|y| (0..w).map(move |x| pattern(x, y, 0)))
                .collect();
            assert_eq!(out.data, expected, "{w}x{h} stride {stride}");
        }
    }

    #[test]
    fn rgb_and_bgr_match_a_floating_point_bt601_reference() {
        for (w, h, pad) in [(1, 1, 0), (7, 5, 3), (64, 48, 0)] {
            let rows: Vec<Vec<u8>> = (0..h)
                .map(|y| {
                    (0..w)
                        .flat_map(|x| [pattern(x, y, 0), pattern(x, y, 1), pattern(x, y, 2)])
                        .collect()
                })
                .collect();
            let bgr_rows: Vec<Vec<u8>> = rows
                .iter()
                .map(|r| r.chunks(3).flat_map(|p| [p[2], p[1], p[0]]).collect())
                .collect();
            let (rgb, bgr) = (with_padding(rows, pad), with_padding(bgr_rows, pad));
            let (mut a, mut b) = (OwnedFrame::default(), OwnedFrame::default());
            rgb24_to_luma(&rgb, w, h, w * 3 + pad, &mut a).unwrap();
            bgr24_to_luma(&bgr, w, h, w * 3 + pad, &mut b).unwrap();
            assert_eq!(a, b);
            for y in 0..h {
                for x in 0..w {
                    let (r, g, bl) = (pattern(x, y, 0), pattern(x, y, 1), pattern(x, y, 2));
                    let exact = (77 * r as u32 + 150 * g as u32 + 29 * bl as u32 + 128) >> 8;
                    assert_eq!(u32::from(a.get(x, y)), exact);
                    let float = 0.299 * r as f32 + 0.587 * g as f32 + 0.114 * bl as f32;
                    assert!((a.get(x, y) as f32 - float).abs() <= 1.0);
                }
            }
        }
        // Every grey level maps to itself: the weights sum to exactly 256.
        for v in 0..=255u8 {
            assert_eq!(bt601_luma(v, v, v), v);
        }
    }

    #[test]
    fn gray_copies_without_padding() {
        let data = [1, 2, 9, 3, 4, 9];
        let mut out = OwnedFrame::default();
        gray_to_luma(&data, 2, 2, 3, &mut out).unwrap();
        assert_eq!(out.data, vec![1, 2, 3, 4]);
    }

    #[test]
    fn wrong_sizes_are_errors_not_panics() {
        let mut out = OwnedFrame::default();
        let mut conv = Converter::new();
        let w = 8;
        let h = 4;
        for format in PixelFormat::PREFERENCE {
            let good = match format {
                PixelFormat::Nv12 => w * h * 3 / 2,
                PixelFormat::Mjpeg => continue,
                f => f.min_stride(w) * h,
            };
            assert!(
                conv.convert(format, &vec![0; good], w, h, None, &mut out)
                    .is_ok()
            );
            for len in [0, 1, good - 1, good + 1, good * 2] {
                let err = conv
                    .convert(format, &vec![0; len], w, h, None, &mut out)
                    .unwrap_err();
                assert!(
                    matches!(err, ConvertError::WrongSize { actual, .. } if actual == len),
                    "{format} {len}: {err}"
                );
                assert!(err.to_string().contains(format.name()));
            }
            assert!(matches!(
                conv.convert(format, &[], 0, 0, None, &mut out),
                Err(ConvertError::Geometry { .. })
            ));
            assert!(matches!(
                conv.convert(format, &vec![0; good], w, h, Some(1), &mut out),
                Err(ConvertError::Geometry { .. })
            ));
        }
        assert!(matches!(
            yuyv_to_luma(&[0; 12], 3, 2, 6, &mut out),
            Err(ConvertError::Geometry { .. })
        ));
        assert!(
            conv.convert(
                PixelFormat::Yuyv,
                &[0; 8],
                usize::MAX / 2,
                2,
                None,
                &mut out
            )
            .is_err()
        );
    }

    #[test]
    fn steady_conversion_reuses_the_output_buffer() {
        let mut out = OwnedFrame::default();
        let data = vec![7u8; 64 * 48 * 2];
        yuyv_to_luma(&data, 64, 48, 128, &mut out).unwrap();
        let ptr = out.data.as_ptr();
        for _ in 0..10 {
            yuyv_to_luma(&data, 64, 48, 128, &mut out).unwrap();
        }
        assert_eq!(out.data.as_ptr(), ptr);
    }

    /// A minimal baseline JPEG encoder for pictures made of flat 8x8 blocks.
    ///
    /// No JPEG encoder is reachable from this crate (mozjpeg is only used by nokhwa, which
    /// exposes decoding alone), so the test writes its own: with a quantisation table of ones
    /// a flat block is exactly its DC coefficient `8 * (value - 128)` and no AC coefficients,
    /// which needs only DC Huffman coding and an end-of-block code. The decoder under test
    /// is the real one (mozjpeg), reading a real JFIF stream with 4:2:2 chroma as webcams send.
    mod tiny_jpeg {
        /// Standard DC table (ITU T.81 table K.3): code counts per length and symbols.
        const DC_BITS: [u8; 16] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        const DC_VALS: [u8; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        /// An AC table with one symbol, end-of-block, coded as a single 0 bit.
        const AC_BITS: [u8; 16] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        const AC_VALS: [u8; 1] = [0];

        /// Canonical Huffman codes (T.81 annex C): (code, length) per symbol.
        fn codes(bits: &[u8; 16], vals: &[u8]) -> Vec<(u8, u16, u8)> {
            let mut out = Vec::new();
            let (mut code, mut k) = (0u16, 0);
            for (len, &n) in bits.iter().enumerate() {
                for _ in 0..n {
                    out.push((vals[k], code, len as u8 + 1));
                    code += 1;
                    k += 1;
                }
                code <<= 1;
            }
            out
        }

        struct Bits {
            out: Vec<u8>,
            acc: u32,
            n: u32,
        }

        impl Bits {
            fn put(&mut self, value: u32, len: u32) {
                for i in (0..len).rev() {
                    self.acc = (self.acc << 1) | ((value >> i) & 1);
                    self.n += 1;
                    if self.n == 8 {
                        let byte = self.acc as u8;
                        self.out.push(byte);
                        if byte == 0xFF {
                            self.out.push(0); // byte stuffing
                        }
                        self.acc = 0;
                        self.n = 0;
                    }
                }
            }
            fn finish(mut self) -> Vec<u8> {
                while self.n != 0 {
                    self.put(1, 1); // pad with ones
                }
                self.out
            }
        }

        fn segment(out: &mut Vec<u8>, marker: u8, body: &[u8]) {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(body);
        }

        /// Encodes a picture `16 * mx` by `8 * my` pixels with 4:2:2 sampling. `block(c, bx,
        /// by)` gives the flat value of block (bx, by) of component c (0 Y, 1 Cb, 2 Cr), in
        /// that component's own block grid.
        pub fn encode(mx: usize, my: usize, block: impl Fn(usize, usize, usize) -> u8) -> Vec<u8> {
            let (w, h) = (16 * mx, 8 * my);
            let mut out = vec![0xFF, 0xD8];
            segment(&mut out, 0xDB, &[&[0u8][..], &[1u8; 64][..]].concat());
            let mut sof = vec![8];
            sof.extend_from_slice(&(h as u16).to_be_bytes());
            sof.extend_from_slice(&(w as u16).to_be_bytes());
            sof.extend_from_slice(&[3, 1, 0x21, 0, 2, 0x11, 0, 3, 0x11, 0]);
            segment(&mut out, 0xC0, &sof);
            let mut dht = vec![0x00];
            dht.extend_from_slice(&DC_BITS);
            dht.extend_from_slice(&DC_VALS);
            dht.push(0x10);
            dht.extend_from_slice(&AC_BITS);
            dht.extend_from_slice(&AC_VALS);
            segment(&mut out, 0xC4, &dht);
            segment(&mut out, 0xDA, &[3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
            let dc = codes(&DC_BITS, &DC_VALS);
            let eob = codes(&AC_BITS, &AC_VALS)[0];
            let mut bits = Bits {
                out: Vec::new(),
                acc: 0,
                n: 0,
            };
            let mut pred = [0i32; 3];
            let mut put_block = |bits: &mut Bits, c: usize, value: u8| {
                let coef = 8 * (i32::from(value) - 128);
                let diff = coef - pred[c];
                pred[c] = coef;
                let cat = 32 - diff.unsigned_abs().leading_zeros();
                let (_, code, len) = dc[cat as usize];
                bits.put(u32::from(code), u32::from(len));
                if cat > 0 {
                    let v = if diff < 0 { diff - 1 } else { diff };
                    bits.put((v as u32) & ((1 << cat) - 1), cat);
                }
                bits.put(u32::from(eob.1), u32::from(eob.2));
            };
            for y in 0..my {
                for x in 0..mx {
                    put_block(&mut bits, 0, block(0, 2 * x, y));
                    put_block(&mut bits, 0, block(0, 2 * x + 1, y));
                    put_block(&mut bits, 1, block(1, x, y));
                    put_block(&mut bits, 2, block(2, x, y));
                }
            }
            out.extend_from_slice(&bits.finish());
            out.extend_from_slice(&[0xFF, 0xD9]);
            out
        }
    }

    fn test_jpeg() -> (Vec<u8>, usize, usize, impl Fn(usize, usize) -> u8) {
        let luma = |bx: usize, by: usize| (60 + (bx * 37 + by * 53) % 140) as u8;
        let chroma =
            |c: usize, bx: usize, by: usize| (108 + (bx * 11 + by * 7 + c * 13) % 40) as u8;
        let jpeg = tiny_jpeg::encode(4, 3, move |c, bx, by| {
            if c == 0 {
                luma(bx, by)
            } else {
                chroma(c, bx, by)
            }
        });
        (jpeg, 64, 24, move |x: usize, y: usize| luma(x / 8, y / 8))
    }

    #[test]
    fn mjpeg_gives_the_jpeg_luma_back() {
        let (jpeg, w, h, expected) = test_jpeg();
        let mut conv = Converter::new();
        let mut out = OwnedFrame::default();
        conv.convert(PixelFormat::Mjpeg, &jpeg, w, h, None, &mut out)
            .unwrap();
        assert_eq!((out.width, out.height), (w, h));
        for y in 0..h {
            for x in 0..w {
                let (got, want) = (out.get(x, y), expected(x, y));
                assert!(
                    got.abs_diff(want) <= 2,
                    "at {x},{y}: decoded {got}, encoded {want}"
                );
            }
        }
        // The scratch buffer is reused from the second frame on.
        let ptr = conv.rgb.as_ptr();
        conv.convert(PixelFormat::Mjpeg, &jpeg, w, h, None, &mut out)
            .unwrap();
        assert_eq!(conv.rgb.as_ptr(), ptr);
    }

    #[test]
    fn bad_mjpeg_is_an_error_not_a_panic() {
        let (jpeg, w, h, _) = test_jpeg();
        let mut conv = Converter::new();
        let mut out = OwnedFrame::default();
        // A JPEG of another size than the camera said.
        let err = conv.mjpeg_to_luma(&jpeg, w * 2, h, &mut out).unwrap_err();
        assert!(matches!(err, ConvertError::Decode(_)), "{err}");
        // Truncated in the middle, garbage after the start marker, not a JPEG at all, empty.
        // Garbage between a start and an end marker reaches the decoder itself, which fails
        // by unwinding: this checks that the unwind is caught.
        let mut garbage = vec![0xFF, 0xD8];
        garbage.extend((0..500u32).map(|i| (i * 97 % 256) as u8));
        garbage.extend_from_slice(&[0xFF, 0xD9]);
        let mut padded = jpeg[..jpeg.len() - 2].to_vec();
        padded.extend_from_slice(&[0, 0, 0]);
        for bad in [
            &jpeg[..jpeg.len() / 2],
            &jpeg[..40],
            &garbage[..],
            &padded[..],
            &[1, 2, 3, 4, 5][..],
            &[][..],
        ] {
            let err = conv.mjpeg_to_luma(bad, w, h, &mut out);
            assert!(
                matches!(err, Err(ConvertError::Decode(_))),
                "{} bytes: {err:?}",
                bad.len()
            );
        }
        // The converter still works afterwards, and zero padding after the end is accepted.
        conv.mjpeg_to_luma(&jpeg, w, h, &mut out).unwrap();
        let mut tail = jpeg.clone();
        tail.extend_from_slice(&[0; 16]);
        conv.mjpeg_to_luma(&tail, w, h, &mut out).unwrap();
    }
}
