//! The lighting guard: tells a change of the room's light from a child's movement.
//!
//! Light changes the whole picture at once and the same way (brighter or darker, more so
//! for bright surfaces); a child changes a part of it. The guard fits `now = gain * before +
//! offset` through the medians of the dark and bright halves of the free (child-less) pixels,
//! so moving children cannot pull the fit. A large change is a lighting event: motion is
//! suppressed and the background re-learns. A small one is compensated and never seen.

use super::mask::BitMask;

/// Sample every `STEP_X`-th pixel of every `STEP_Y`-th row: plenty for a median, cheap.
const STEP_X: usize = 4;
const STEP_Y: usize = 4;
const BINS: usize = 511;

/// A brightness change over the whole picture, `now = gain * before + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlobalChange {
    /// Multiplicative part (auto-exposure, dimmer).
    pub gain: f32,
    /// Additive part.
    pub offset: f32,
    /// Robust spread of the per-pixel differences around the median (frame-to-frame noise
    /// when the reference is the previous frame), as a standard deviation.
    pub spread: f32,
}

impl GlobalChange {
    /// No change at all.
    pub const NONE: GlobalChange = GlobalChange {
        gain: 1.0,
        offset: 0.0,
        spread: 0.0,
    };

    /// How many grey levels a pixel of brightness `level` changes by.
    pub fn at(&self, level: f32) -> f32 {
        (self.gain - 1.0) * level + self.offset
    }

    /// The largest change over the brightness range that the picture uses.
    pub fn largest(&self, low: f32, high: f32) -> f32 {
        self.at(low).abs().max(self.at(high).abs())
    }
}

/// Measures global changes between two images, with histograms kept between frames.
#[derive(Debug, Clone)]
pub struct ChangeEstimator {
    dark: Box<[u16; BINS]>,
    bright: Box<[u16; BINS]>,
}

impl Default for ChangeEstimator {
    fn default() -> Self {
        Self {
            dark: Box::new([0; BINS]),
            bright: Box::new([0; BINS]),
        }
    }
}

impl ChangeEstimator {
    /// Fits the change from `reference` to `current` over pixels not set in `exclude`
    /// (the children seen last frame). `split` divides dark from bright pixels (the picture's
    /// mean brightness is a good choice).
    pub fn estimate(
        &mut self,
        current: &[u8],
        reference: &[u8],
        width: usize,
        exclude: &BitMask,
        split: u8,
    ) -> GlobalChange {
        self.dark.fill(0);
        self.bright.fill(0);
        let (mut dark_sum, mut dark_n, mut bright_sum, mut bright_n) = (0u64, 0u32, 0u64, 0u32);
        let height = exclude.height();
        for y in (0..height).step_by(STEP_Y) {
            let row = exclude.row(y);
            for x in (STEP_X / 2..width).step_by(STEP_X) {
                if row[x / 64] >> (x % 64) & 1 == 1 {
                    continue;
                }
                let (c, r) = (current[y * width + x], reference[y * width + x]);
                let bin = (i32::from(c) - i32::from(r) + 255) as usize;
                if r < split {
                    self.dark[bin] += 1;
                    dark_sum += u64::from(r);
                    dark_n += 1;
                } else {
                    self.bright[bin] += 1;
                    bright_sum += u64::from(r);
                    bright_n += 1;
                }
            }
        }
        let total = dark_n + bright_n;
        if total < 16 {
            // Nearly everything is covered by children: no evidence of a global change.
            return GlobalChange::NONE;
        }
        let overall = median_of_two(&self.dark, &self.bright, total);
        let spread = spread_around(&self.dark, &self.bright, total, overall);
        // Fit a gain only when both halves are well populated and far apart in brightness.
        let enough = total / 8;
        if dark_n >= enough && bright_n >= enough {
            let (dark_level, bright_level) = (
                dark_sum as f32 / dark_n as f32,
                bright_sum as f32 / bright_n as f32,
            );
            if bright_level - dark_level >= 24.0 {
                let dark_median = median(&self.dark, dark_n);
                let bright_median = median(&self.bright, bright_n);
                let slope = (bright_median - dark_median) / (bright_level - dark_level);
                let slope = slope.clamp(-0.9, 2.0);
                // Anchor the line so that it passes through the overall median at the middle.
                let middle =
                    (dark_level * dark_n as f32 + bright_level * bright_n as f32) / total as f32;
                return GlobalChange {
                    gain: 1.0 + slope,
                    offset: overall - slope * middle,
                    spread,
                };
            }
        }
        GlobalChange {
            gain: 1.0,
            offset: overall,
            spread,
        }
    }
}

/// Median of one histogram of `n` samples, interpolated within the middle bin.
fn median(hist: &[u16; BINS], n: u32) -> f32 {
    let half = n as f32 / 2.0;
    let mut below = 0.0;
    for (bin, &count) in hist.iter().enumerate() {
        let count = f32::from(count);
        if below + count >= half && count > 0.0 {
            return bin as f32 - 255.0 - 0.5 + (half - below) / count;
        }
        below += count;
    }
    0.0
}

/// Median of the union of two histograms.
fn median_of_two(a: &[u16; BINS], b: &[u16; BINS], n: u32) -> f32 {
    let half = n as f32 / 2.0;
    let mut below = 0.0;
    for bin in 0..BINS {
        let count = f32::from(a[bin]) + f32::from(b[bin]);
        if below + count >= half && count > 0.0 {
            return bin as f32 - 255.0 - 0.5 + (half - below) / count;
        }
        below += count;
    }
    0.0
}

/// Median absolute deviation around `center`, as a Gaussian standard deviation.
fn spread_around(a: &[u16; BINS], b: &[u16; BINS], n: u32, center: f32) -> f32 {
    // Fold the histogram into distances from the centre's bin, then take their median.
    let center_bin = (center + 255.0).round().clamp(0.0, (BINS - 1) as f32) as usize;
    let half = n as f32 / 2.0;
    let mut below = 0.0;
    for distance in 0..BINS {
        let mut count = 0.0;
        if let Some(i) = center_bin.checked_add(distance).filter(|&i| i < BINS) {
            count += f32::from(a[i]) + f32::from(b[i]);
        }
        if distance > 0
            && let Some(i) = center_bin.checked_sub(distance)
        {
            count += f32::from(a[i]) + f32::from(b[i]);
        }
        if below + count >= half && count > 0.0 {
            // Bin 0 spans [0, 0.5), the others [d - 0.5, d + 0.5).
            let (start, width) = if distance == 0 {
                (0.0, 0.5)
            } else {
                (distance as f32 - 0.5, 1.0)
            };
            let mad = start + width * (half - below) / count;
            return mad / 0.6745;
        }
        below += count;
    }
    0.0
}

/// What the guard decided about this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LightVerdict {
    /// Ordinary frame: look for motion.
    Steady,
    /// The light is changing: show no motion, re-learn the background.
    Changing {
        /// True on the first frame of the event.
        started: bool,
    },
}

/// Decides when a lighting event starts and ends, and when the room is too dark.
#[derive(Debug, Clone, Default)]
pub struct LightingGuard {
    changing: bool,
    calm_frames: u32,
    dark_seconds: f32,
    bright_seconds: f32,
    too_dark: bool,
}

/// Mean brightness below which the room counts as too dark for play.
pub const DARK_LEVEL: f32 = 28.0;
/// A room must stay dark (or light again) this long before the report changes, so that a
/// child walking close to the lens does not flip it.
const DARK_SECONDS: f32 = 1.5;
/// Frames of calm that end an event (auto-exposure settles over several frames).
const CALM_FRAMES: u32 = 4;

impl LightingGuard {
    /// Judges the change since the previous frame. `step` is the global change, in grey
    /// levels, that counts as a lighting event (a few times the noise).
    pub fn judge(&mut self, change: &GlobalChange, low: f32, high: f32, step: f32) -> LightVerdict {
        let size = change.largest(low, high);
        if self.changing {
            if size < step * 0.5 {
                self.calm_frames += 1;
            } else {
                self.calm_frames = 0;
            }
            if self.calm_frames >= CALM_FRAMES {
                self.changing = false;
                return LightVerdict::Steady;
            }
            return LightVerdict::Changing { started: false };
        }
        if size > step {
            self.changing = true;
            self.calm_frames = 0;
            return LightVerdict::Changing { started: true };
        }
        LightVerdict::Steady
    }

    /// Updates the darkness verdict from the picture's mean brightness.
    pub fn observe_brightness(&mut self, mean_luma: f32, dt: f32) -> bool {
        if mean_luma < DARK_LEVEL {
            self.dark_seconds += dt;
            self.bright_seconds = 0.0;
            if self.dark_seconds >= DARK_SECONDS {
                self.too_dark = true;
            }
        } else {
            self.bright_seconds += dt;
            self.dark_seconds = 0.0;
            if self.bright_seconds >= DARK_SECONDS {
                self.too_dark = false;
            }
        }
        self.too_dark
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(width: usize, height: usize) -> Vec<u8> {
        (0..width * height)
            .map(|i| (20 + (i % width) * 200 / width) as u8)
            .collect()
    }

    #[test]
    fn finds_gain_and_offset_of_a_global_change() {
        let (w, h) = (64, 16);
        let before = gradient(w, h);
        let after: Vec<u8> = before
            .iter()
            .map(|&v| (f32::from(v) * 1.2 + 3.0).round().min(255.0) as u8)
            .collect();
        let change =
            ChangeEstimator::default().estimate(&after, &before, w, &BitMask::new(w, h), 120);
        assert!((change.gain - 1.2).abs() < 0.03, "gain {}", change.gain);
        assert!(
            (change.at(100.0) - 23.0).abs() < 2.0,
            "change at 100: {}",
            change.at(100.0)
        );
    }

    #[test]
    fn a_moving_child_does_not_move_the_fit() {
        let (w, h) = (64, 16);
        let before = gradient(w, h);
        let mut after = before.clone();
        // A child covers a fifth of the picture with a very different brightness.
        for y in 0..h {
            for x in 10..23 {
                after[y * w + x] = 250;
            }
        }
        let change =
            ChangeEstimator::default().estimate(&after, &before, w, &BitMask::new(w, h), 120);
        assert!(change.largest(20.0, 220.0) < 1.0, "{change:?}");
    }

    #[test]
    fn excluded_pixels_are_ignored() {
        let (w, h) = (16, 8);
        let before = vec![100u8; w * h];
        let mut after = before.clone();
        let mut exclude = BitMask::new(w, h);
        for y in 0..h {
            for x in 0..12 {
                after[y * w + x] = 200;
                exclude.set(x, y, true);
            }
        }
        let change = ChangeEstimator::default().estimate(&after, &before, w, &exclude, 128);
        assert_eq!(change.offset.round(), 0.0);
    }

    #[test]
    fn spread_measures_noise() {
        let (w, h) = (160, 120);
        let mut state = 12345u32;
        let mut noisy = |v: u8| {
            // Sum of uniforms: roughly Gaussian with standard deviation 4.
            let mut s = 0i32;
            for _ in 0..4 {
                state = state.wrapping_mul(1664525).wrapping_add(1013904223);
                s += (state >> 24) as i32 % 14 - 7 + 1;
            }
            (i32::from(v) + s - 2).clamp(0, 255) as u8
        };
        let a: Vec<u8> = (0..w * h).map(|_| noisy(128)).collect();
        let b: Vec<u8> = (0..w * h).map(|_| noisy(128)).collect();
        let change = ChangeEstimator::default().estimate(&a, &b, w, &BitMask::new(w, h), 128);
        // Each frame has sigma ~ 8.1, the difference ~ 11.5.
        assert!(
            (change.spread - 11.5).abs() < 2.0,
            "spread {}",
            change.spread
        );
    }

    #[test]
    fn an_event_starts_and_ends_after_calm() {
        let mut guard = LightingGuard::default();
        let jump = GlobalChange {
            gain: 1.0,
            offset: 30.0,
            spread: 1.0,
        };
        assert_eq!(
            guard.judge(&GlobalChange::NONE, 0.0, 255.0, 8.0),
            LightVerdict::Steady
        );
        assert_eq!(
            guard.judge(&jump, 0.0, 255.0, 8.0),
            LightVerdict::Changing { started: true }
        );
        for _ in 0..CALM_FRAMES - 1 {
            assert_eq!(
                guard.judge(&GlobalChange::NONE, 0.0, 255.0, 8.0),
                LightVerdict::Changing { started: false }
            );
        }
        assert_eq!(
            guard.judge(&GlobalChange::NONE, 0.0, 255.0, 8.0),
            LightVerdict::Steady
        );
    }

    #[test]
    fn darkness_needs_time() {
        let mut guard = LightingGuard::default();
        assert!(!guard.observe_brightness(10.0, 1.0));
        assert!(guard.observe_brightness(10.0, 1.0));
        assert!(guard.observe_brightness(120.0, 1.0));
        assert!(!guard.observe_brightness(120.0, 1.0));
    }
}
