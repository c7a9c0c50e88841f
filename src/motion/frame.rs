//! Luma frames: the one input type of the motion core, borrowed or owned.

use std::time::Duration;

/// Why a frame cannot be used; every source reports its own file and frame number around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// A zero-sized frame has no pixels to look at and would divide by zero downstream.
    #[error("frame has zero size ({width}x{height})")]
    ZeroSize {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// A stride shorter than the width would make rows overlap.
    #[error("stride {stride} is smaller than the width {width}")]
    StrideTooSmall {
        /// Bytes per row as given.
        stride: usize,
        /// Width in pixels.
        width: usize,
    },
    /// Fewer bytes than the rows need: a truncated or mis-described buffer.
    #[error("buffer holds {actual} bytes but {width}x{height} with stride {stride} needs {needed}")]
    TooShort {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// Bytes per row.
        stride: usize,
        /// Bytes needed.
        needed: usize,
        /// Bytes given.
        actual: usize,
    },
}

/// A borrowed 8-bit luma image with its capture time.
///
/// Borrowed so that a camera buffer or a clip buffer can be analysed in place, without a copy.
#[derive(Debug, Clone, Copy)]
pub struct LumaFrame<'a> {
    data: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
    timestamp: Duration,
}

impl<'a> LumaFrame<'a> {
    /// Wraps a buffer, checking that it really holds `height` rows of `width` pixels.
    ///
    /// # Examples
    /// ```
    /// use std::time::Duration;
    /// use wigglewoods::motion::LumaFrame;
    /// let pixels = [0u8; 12];
    /// let frame = LumaFrame::new(&pixels, 3, 4, 3, Duration::ZERO).unwrap();
    /// assert_eq!(frame.row(3), &[0, 0, 0]);
    /// assert!(LumaFrame::new(&pixels, 4, 4, 4, Duration::ZERO).is_err());
    /// ```
    pub fn new(
        data: &'a [u8],
        width: usize,
        height: usize,
        stride: usize,
        timestamp: Duration,
    ) -> Result<Self, FrameError> {
        if width == 0 || height == 0 {
            return Err(FrameError::ZeroSize { width, height });
        }
        if stride < width {
            return Err(FrameError::StrideTooSmall { stride, width });
        }
        let needed = stride * (height - 1) + width;
        if data.len() < needed {
            return Err(FrameError::TooShort {
                width,
                height,
                stride,
                needed,
                actual: data.len(),
            });
        }
        Ok(Self {
            data,
            width,
            height,
            stride,
            timestamp,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Bytes from one row to the next.
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// When the frame was captured, relative to the source's start; the core's time base.
    pub fn timestamp(&self) -> Duration {
        self.timestamp
    }

    /// One row's pixels, without the stride padding.
    ///
    /// # Panics
    /// If `y >= height`.
    pub fn row(&self, y: usize) -> &'a [u8] {
        assert!(
            y < self.height,
            "row {y} outside a frame of height {}",
            self.height
        );
        let start = y * self.stride;
        &self.data[start..start + self.width]
    }

    /// The pixel at (x, y).
    ///
    /// # Panics
    /// If the position is outside the frame.
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.row(y)[x]
    }
}

/// An owned, tightly packed luma image: what clip readers and the synthesiser fill.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnedFrame {
    /// Pixels, row after row, `width * height` bytes.
    pub data: Vec<u8>,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Capture time relative to the source's start.
    pub timestamp: Duration,
}

impl OwnedFrame {
    /// A frame filled with one grey level, the usual start for drawing a test scene.
    pub fn filled(width: usize, height: usize, value: u8) -> Self {
        Self {
            data: vec![value; width * height],
            width,
            height,
            timestamp: Duration::ZERO,
        }
    }

    /// Borrows the frame for the core.
    ///
    /// # Panics
    /// If the buffer was resized inconsistently with its dimensions or has a zero dimension.
    pub fn view(&self) -> LumaFrame<'_> {
        LumaFrame::new(
            &self.data,
            self.width,
            self.height,
            self.width,
            self.timestamp,
        )
        .expect("OwnedFrame keeps data and dimensions consistent")
    }

    /// The pixel at (x, y).
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.width + x]
    }

    /// Sets the pixel at (x, y).
    pub fn set(&mut self, x: usize, y: usize, value: u8) {
        self.data[y * self.width + x] = value;
    }
}

/// Builds an [`OwnedFrame`] from literal rows, so that small test frames read like pictures.
///
/// # Examples
/// ```
/// use wigglewoods::gray_frame;
/// let frame = gray_frame![
///     0, 9, 0;
///     9, 9, 9;
/// ];
/// assert_eq!((frame.width, frame.height), (3, 2));
/// assert_eq!(frame.get(1, 0), 9);
/// ```
#[macro_export]
macro_rules! gray_frame {
    ($($($value:expr),+ $(,)?);+ $(;)?) => {{
        let rows: &[&[u8]] = &[$(&[$($value as u8),+]),+];
        let width = rows[0].len();
        assert!(rows.iter().all(|r| r.len() == width), "gray_frame! rows differ in length");
        $crate::motion::OwnedFrame {
            data: rows.concat(),
            width,
            height: rows.len(),
            timestamp: ::std::time::Duration::ZERO,
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stride_padding_is_skipped() {
        let data = [1, 2, 99, 3, 4, 99];
        let frame = LumaFrame::new(&data, 2, 2, 3, Duration::ZERO).unwrap();
        assert_eq!(frame.row(0), &[1, 2]);
        assert_eq!(frame.row(1), &[3, 4]);
        assert_eq!(frame.get(1, 1), 4);
    }

    #[test]
    fn last_row_needs_no_padding() {
        let data = [1, 2, 99, 3, 4];
        assert!(LumaFrame::new(&data, 2, 2, 3, Duration::ZERO).is_ok());
    }

    #[test]
    fn bad_shapes_are_refused() {
        let data = [0u8; 4];
        assert_eq!(
            LumaFrame::new(&data, 0, 2, 2, Duration::ZERO).unwrap_err(),
            FrameError::ZeroSize {
                width: 0,
                height: 2
            }
        );
        assert!(matches!(
            LumaFrame::new(&data, 3, 1, 2, Duration::ZERO),
            Err(FrameError::StrideTooSmall { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&data, 2, 3, 2, Duration::ZERO),
            Err(FrameError::TooShort {
                needed: 6,
                actual: 4,
                ..
            })
        ));
    }

    #[test]
    fn literal_frames_read_like_pictures() {
        let frame = crate::gray_frame![1, 2; 3, 4];
        assert_eq!(frame.data, vec![1, 2, 3, 4]);
        assert_eq!(frame.view().get(0, 1), 3);
    }
}
