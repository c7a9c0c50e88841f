//! Flash safety, by WCAG 2.3.1's definitions: no more than three general flashes and no red
//! flash in any one second, counting only flashes big enough to matter. Why our own check:
//! the children include some with photosensitive epilepsy, the forest's light, weather and
//! celebrations are all generated in code, and a change to any of them must be caught before
//! a ward sees it. No bevy: it reads frames as RGB bytes, from a recorded run of the kiosk
//! (`wigglewoods kiosk --flash-check`) or from anything else.
//!
//! - **General flash**: a pair of opposing changes in relative luminance of 10% or more of
//!   the maximum, where the darker state is below 0.80.
//! - **Red flash**: a pair of opposing changes to or from a saturated red (red at least 80%
//!   of R+G+B, in linear light) by more than 20 in the red measure `(R - G - B) * 320`.
//! - **Area**: a flash counts where it covers more than a quarter of a 10-degree field of
//!   view: for a child 2 m from a 50" 16:9 screen (1.107 m wide), a square 0.35 m across, a
//!   third of the screen's width.
//!
//! Each frame is averaged into a grid of cells. A cell's change is followed as runs in one
//! direction, so a change spread over several frames counts once, when the run first
//! reaches the threshold. A field of view has a transition when a quarter of its cells
//! reach one on the same frame in the same direction; two opposing transitions of a field
//! make a flash.

use std::collections::VecDeque;

/// Cells across a frame: a flash a quarter of a 10-degree field is about 10 cells square.
const COLUMNS: usize = 64;
/// The 10-degree field, as a share of the screen's width (0.35 m of 1.107 m).
const FIELD_OF_SCREEN_WIDTH: f64 = 0.35 / 1.107;
/// A flash must cover more than this share of a field.
const AREA_SHARE: f64 = 0.25;
/// Luminance change of a general flash.
const LUMINANCE_STEP: f32 = 0.1;
/// The darker state of a general flash is below this.
const DARKER_BELOW: f32 = 0.8;
/// Red-measure change of a red flash.
const RED_STEP: f32 = 20.0;
/// Red is saturated from this share of R+G+B.
const SATURATED_RED: f32 = 0.8;
/// At most this many general flashes in any one second.
pub const MAX_GENERAL_PER_SECOND: usize = 3;

/// What a check found over a run of frames.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlashReport {
    /// Frames checked.
    pub frames: usize,
    /// Their length in seconds, at the frame rate given.
    pub seconds: f64,
    /// The most general flashes in any one second, in any field of view.
    pub general_per_second: usize,
    /// The most red flashes in any one second, in any field of view.
    pub red_per_second: usize,
    /// When (seconds from the first frame) the worst second ended.
    pub worst_at_s: f64,
}

impl FlashReport {
    /// Whether the run is flash-safe: at most 3 general flashes and no red flash a second.
    pub fn passes(&self) -> bool {
        self.general_per_second <= MAX_GENERAL_PER_SECOND && self.red_per_second == 0
    }
}

impl std::fmt::Display for FlashReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} frames ({:.1} s): at most {} general and {} red flashes in any second: {}",
            self.frames,
            self.seconds,
            self.general_per_second,
            self.red_per_second,
            if self.passes() {
                "flash-safe"
            } else {
                "NOT flash-safe"
            }
        )
    }
}

/// A cell's change, followed as runs in one direction.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    previous: f32,
    start: f32,
    direction: i8,
    counted: bool,
}

impl Run {
    /// Takes the next value; the direction of a transition reached now, or 0. `reached`
    /// says whether a run from `start` to `now` is a transition.
    fn step(&mut self, now: f32, reached: impl Fn(f32, f32) -> bool) -> i8 {
        let change = now - self.previous;
        if change != 0.0 {
            let direction = if change > 0.0 { 1 } else { -1 };
            if direction != self.direction {
                self.start = self.previous;
                self.direction = direction;
                self.counted = false;
            }
        }
        self.previous = now;
        if !self.counted && self.direction != 0 && reached(self.start, now) {
            self.counted = true;
            return self.direction;
        }
        0
    }
}

/// One kind of flash (general or red) in every field of view.
#[derive(Debug, Clone, Default)]
struct Fields {
    /// Each field's first transition of a flash not yet completed (its direction), or 0.
    pending: Vec<i8>,
    /// Each field's flashes, as frame numbers, within the last second.
    flashes: Vec<VecDeque<usize>>,
    worst: usize,
    worst_frame: usize,
}

impl Fields {
    fn new(count: usize) -> Fields {
        Fields {
            pending: vec![0; count],
            flashes: vec![VecDeque::new(); count],
            worst: 0,
            worst_frame: 0,
        }
    }

    /// A transition of `field`: the second of an opposing pair completes a flash (so a
    /// 3 Hz flicker, six changes a second, is three flashes).
    fn transition(&mut self, field: usize, direction: i8, frame: usize, per_second: usize) {
        let pending = &mut self.pending[field];
        if *pending == -direction {
            *pending = 0;
            let flashes = &mut self.flashes[field];
            flashes.push_back(frame);
            while flashes.front().is_some_and(|&f| f + per_second <= frame) {
                flashes.pop_front();
            }
            if flashes.len() > self.worst {
                self.worst = flashes.len();
                self.worst_frame = frame;
            }
        } else {
            *pending = direction;
        }
    }
}

/// Checks a run of frames, one at a time (the frames are not kept).
#[derive(Debug, Clone)]
pub struct FlashCheck {
    fps: f64,
    width: usize,
    height: usize,
    columns: usize,
    rows: usize,
    field: usize,
    frames: usize,
    luminance: Vec<Run>,
    red: Vec<Run>,
    general: Fields,
    red_fields: Fields,
}

impl FlashCheck {
    /// A check of `width` x `height` frames shown at `fps` frames a second.
    pub fn new(fps: f64, width: usize, height: usize) -> FlashCheck {
        // No more cells than pixels: a small frame gets a cell a pixel.
        let columns = COLUMNS.min(width.max(1));
        let rows = ((columns * height) as f64 / width.max(1) as f64)
            .round()
            .clamp(1.0, height.max(1) as f64) as usize;
        let field =
            ((columns as f64 * FIELD_OF_SCREEN_WIDTH).round() as usize).clamp(1, columns.min(rows));
        let fields = (columns - field + 1) * (rows - field + 1);
        FlashCheck {
            fps,
            width,
            height,
            columns,
            rows,
            field,
            frames: 0,
            luminance: vec![Run::default(); columns * rows],
            red: vec![Run::default(); columns * rows],
            general: Fields::new(fields),
            red_fields: Fields::new(fields),
        }
    }

    /// Takes the next frame: `rgb` is `width * height` pixels of 3 (RGB) or 4 (RGBA) sRGB
    /// bytes. A frame of another size is an error (it says which).
    pub fn push(&mut self, rgb: &[u8], channels: usize) -> Result<(), String> {
        if channels < 3 || rgb.len() != self.width * self.height * channels {
            return Err(format!(
                "a frame of {} bytes is not {}x{} pixels of {channels} channels",
                rgb.len(),
                self.width,
                self.height
            ));
        }
        let cells = self.cells(rgb, channels);
        let first = self.frames == 0;
        let mut general = vec![0i8; cells.len()];
        let mut red = vec![0i8; cells.len()];
        for (i, [r, g, b]) in cells.iter().copied().enumerate() {
            let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            let red_measure = ((r - g - b) * 320.0).max(0.0);
            let saturated = |lin: [f32; 3]| {
                let sum = lin[0] + lin[1] + lin[2];
                sum > 0.0 && lin[0] / sum >= SATURATED_RED
            };
            if first {
                self.luminance[i] = Run {
                    previous: luminance,
                    start: luminance,
                    ..Run::default()
                };
                self.red[i] = Run {
                    previous: red_measure,
                    start: red_measure,
                    ..Run::default()
                };
                continue;
            }
            general[i] = self.luminance[i].step(luminance, |from, to| {
                (to - from).abs() >= LUMINANCE_STEP && from.min(to) < DARKER_BELOW
            });
            // A red transition needs a saturated red at one end: the measure is above zero
            // only where red outweighs green and blue, and saturation is checked now.
            red[i] = self.red[i].step(red_measure, |from, to| {
                (to - from).abs() > RED_STEP && (saturated([r, g, b]) || from > to)
            });
        }
        let frame = self.frames;
        let per_second = self.fps.round().max(1.0) as usize;
        for (marks, fields) in [(&general, &mut self.general), (&red, &mut self.red_fields)] {
            for direction in [1i8, -1] {
                let hits = field_hits(marks, direction, self.columns, self.rows, self.field);
                for (f, hit) in hits.into_iter().enumerate() {
                    if hit {
                        fields.transition(f, direction, frame, per_second);
                    }
                }
            }
        }
        self.frames += 1;
        Ok(())
    }

    /// The frame averaged into cells, in linear light.
    fn cells(&self, rgb: &[u8], channels: usize) -> Vec<[f32; 3]> {
        let (w, h, rows, columns) = (self.width, self.height, self.rows, self.columns);
        let mut sums = vec![[0f32; 3]; columns * rows];
        let mut counts = vec![0u32; columns * rows];
        for y in 0..h {
            let row = y * rows / h;
            for x in 0..w {
                let cell = row * columns + x * columns / w;
                let p = &rgb[(y * w + x) * channels..][..3];
                for c in 0..3 {
                    sums[cell][c] += LINEAR[p[c] as usize];
                }
                counts[cell] += 1;
            }
        }
        sums.iter()
            .zip(&counts)
            .map(|(s, &n)| s.map(|v| v / n.max(1) as f32))
            .collect()
    }

    /// What the run showed.
    pub fn report(&self) -> FlashReport {
        let worst_frame = if self.general.worst >= self.red_fields.worst {
            self.general.worst_frame
        } else {
            self.red_fields.worst_frame
        };
        FlashReport {
            frames: self.frames,
            seconds: self.frames as f64 / self.fps,
            general_per_second: self.general.worst,
            red_per_second: self.red_fields.worst,
            worst_at_s: worst_frame as f64 / self.fps,
        }
    }
}

/// For each field of view (`field` cells square, at every cell), whether more than a
/// quarter of its cells reached a transition in `direction` on this frame.
fn field_hits(marks: &[i8], direction: i8, columns: usize, rows: usize, field: usize) -> Vec<bool> {
    // A summed-area table of the marked cells.
    let mut sums = vec![0u32; (columns + 1) * (rows + 1)];
    for y in 0..rows {
        for x in 0..columns {
            let here = u32::from(marks[y * columns + x] == direction);
            sums[(y + 1) * (columns + 1) + x + 1] =
                here + sums[y * (columns + 1) + x + 1] + sums[(y + 1) * (columns + 1) + x]
                    - sums[y * (columns + 1) + x];
        }
    }
    let need = (AREA_SHARE * (field * field) as f64).floor() as u32;
    let at = |x: usize, y: usize| sums[y * (columns + 1) + x];
    let mut hits = Vec::with_capacity((columns - field + 1) * (rows - field + 1));
    for y in 0..=rows - field {
        for x in 0..=columns - field {
            let count = at(x + field, y + field) + at(x, y) - at(x + field, y) - at(x, y + field);
            hits.push(count > need);
        }
    }
    hits
}

/// sRGB byte to linear light, precomputed.
static LINEAR: std::sync::LazyLock<[f32; 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        let c = i as f32 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    })
});

#[cfg(test)]
mod tests {
    use super::*;

    const W: usize = 160;
    const H: usize = 90;

    /// A frame of one colour, with an optional square of another (x, y, side, colour).
    fn frame(colour: [u8; 3], square: Option<(usize, usize, usize, [u8; 3])>) -> Vec<u8> {
        let mut px = Vec::with_capacity(W * H * 3);
        for y in 0..H {
            for x in 0..W {
                let c = match square {
                    Some((sx, sy, side, c))
                        if (sx..sx + side).contains(&x) && (sy..sy + side).contains(&y) =>
                    {
                        c
                    }
                    _ => colour,
                };
                px.extend_from_slice(&c);
            }
        }
        px
    }

    /// Plays `seconds` at 60 fps: frame `n` is `pick(n)`.
    fn run(seconds: f64, pick: impl Fn(usize) -> Vec<u8>) -> FlashReport {
        let mut check = FlashCheck::new(60.0, W, H);
        for n in 0..(seconds * 60.0) as usize {
            check.push(&pick(n), 3).unwrap();
        }
        check.report()
    }

    const BLACK: [u8; 3] = [10, 10, 10];
    const WHITE: [u8; 3] = [240, 240, 240];
    const GREY: [u8; 3] = [128, 128, 128];
    const RED: [u8; 3] = [230, 10, 10];

    #[test]
    fn a_still_picture_and_a_slow_fade_do_not_flash() {
        let still = run(3.0, |_| frame(GREY, None));
        assert_eq!((still.general_per_second, still.red_per_second), (0, 0));
        assert!(still.passes());
        // Dark to light over two seconds and back over two: two transitions a second and
        // more apart, not a flash in any one second more than once.
        let fade = run(4.0, |n| {
            let t = if n < 120 {
                n as f32 / 120.0
            } else {
                (240 - n) as f32 / 120.0
            };
            let v = (20.0 + t * 220.0) as u8;
            frame([v, v, v], None)
        });
        assert!(fade.general_per_second <= 1, "{fade:?}");
        assert!(fade.passes());
    }

    #[test]
    fn the_whole_screen_flashing_fast_fails_and_slowly_passes() {
        // Black and white swapped every 3 frames: 10 flashes a second.
        let fast = run(2.0, |n| {
            frame(if (n / 3) % 2 == 0 { BLACK } else { WHITE }, None)
        });
        assert!(fast.general_per_second >= 9, "{fast:?}");
        assert!(!fast.passes());
        // Swapped every 10 frames: 3 flashes a second, the most allowed.
        let slow = run(3.0, |n| {
            frame(if (n / 10) % 2 == 0 { BLACK } else { WHITE }, None)
        });
        assert_eq!(slow.general_per_second, 3, "{slow:?}");
        assert!(slow.passes());
        // Bright but both states light (the darker above 0.8): not a general flash.
        let light = run(2.0, |n| {
            frame(
                if (n / 3) % 2 == 0 {
                    [235, 235, 235]
                } else {
                    [255, 255, 255]
                },
                None,
            )
        });
        assert_eq!(light.general_per_second, 0, "{light:?}");
    }

    #[test]
    fn a_small_flashing_spot_is_too_small_to_count_and_a_big_one_is_not() {
        // A square 10 pixels across (a tenth of the screen's height) blinking fast: well under
        // a quarter of a field of view (a third of the screen's width, 53 pixels).
        let small = run(2.0, |n| {
            let c = if (n / 3) % 2 == 0 { BLACK } else { WHITE };
            frame(GREY, Some((70, 40, 10, c)))
        });
        assert_eq!(small.general_per_second, 0, "{small:?}");
        let big = run(2.0, |n| {
            let c = if (n / 3) % 2 == 0 { BLACK } else { WHITE };
            frame(GREY, Some((40, 20, 50, c)))
        });
        assert!(big.general_per_second >= 9, "{big:?}");
    }

    #[test]
    fn a_red_flash_fails_even_once_a_second() {
        let red = run(3.0, |n| {
            frame(if (n / 30) % 2 == 0 { BLACK } else { RED }, None)
        });
        assert!(red.red_per_second >= 1, "{red:?}");
        assert!(!red.passes());
        // The same swap in green is a general flash only, and slow enough to pass.
        let green = run(3.0, |n| {
            frame(
                if (n / 30) % 2 == 0 {
                    BLACK
                } else {
                    [10, 230, 10]
                },
                None,
            )
        });
        assert_eq!(green.red_per_second, 0, "{green:?}");
        assert!(green.passes(), "{green:?}");
    }

    #[test]
    fn a_frame_of_the_wrong_size_is_refused() {
        let mut check = FlashCheck::new(60.0, W, H);
        assert!(check.push(&[0; 30], 3).unwrap_err().contains("160x90"));
    }
}
