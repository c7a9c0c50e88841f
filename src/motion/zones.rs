//! Zones: regions the game cares about, each with how much moves there and which way.
//!
//! Like Scratch's video sensing: "is something waving over the firefly?" is a question about
//! one region, answered from the motion mask (how much) and a Lucas-Kanade fit of the image
//! change (which way).

use super::mask::BitMask;
use super::report::ZoneReading;

/// A region in normalised picture coordinates (0..1, origin top left, of the picture the
/// game shows, i.e. mirrored if the core mirrors).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Zone {
    /// Left edge, 0..1.
    pub x: f32,
    /// Top edge, 0..1.
    pub y: f32,
    /// Width, 0..1.
    pub w: f32,
    /// Height, 0..1.
    pub h: f32,
}

impl Zone {
    /// A zone centred on (cx, cy) with the given size, all normalised.
    pub fn centred(cx: f32, cy: f32, w: f32, h: f32) -> Self {
        Self {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }

    /// The zone in mask pixels, inclusive, clipped to the mask; `None` if nothing is left.
    pub fn to_pixels(&self, width: usize, height: usize) -> Option<(usize, usize, usize, usize)> {
        let clip = |v: f32, n: usize| (v * n as f32).floor().clamp(0.0, n as f32) as usize;
        let (x0, y0) = (clip(self.x, width), clip(self.y, height));
        let (x1, y1) = (clip(self.x + self.w, width), clip(self.y + self.h, height));
        (x1 > x0 && y1 > y0).then(|| (x0, y0, x1 - 1, y1 - 1))
    }
}

/// Reads one zone. `cur` and `prev` are the working images (`width` bytes per row).
pub fn read_zone(zone: &Zone, moving: &BitMask, cur: &[u8], prev: &[u8]) -> ZoneReading {
    let (width, height) = (moving.width(), moving.height());
    let Some((x0, y0, x1, y1)) = zone.to_pixels(width, height) else {
        return ZoneReading::default();
    };
    let area = ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32;
    let count = moving.count_in_rect(x0, y0, x1, y1);
    let mut reading = ZoneReading {
        motion: count as f32 / area,
        ..ZoneReading::default()
    };
    if count == 0 {
        return reading;
    }
    // Lucas-Kanade over the moving pixels: solve [Sxx Sxy; Sxy Syy] (u, v) = -(Sxt, Syt).
    let (mut sxx, mut sxy, mut syy, mut sxt, mut syt) = (0f32, 0f32, 0f32, 0f32, 0f32);
    for y in y0.max(1)..=y1.min(height - 2) {
        let row = moving.row(y);
        for x in x0.max(1)..=x1.min(width - 2) {
            if row[x / 64] >> (x % 64) & 1 == 0 {
                continue;
            }
            let i = y * width + x;
            // Gradients of the mean of both frames, so that the fit is symmetric in time.
            let at = |j: usize| f32::from(cur[j]) + f32::from(prev[j]);
            let gx = (at(i + 1) - at(i - 1)) * 0.25;
            let gy = (at(i + width) - at(i - width)) * 0.25;
            let gt = f32::from(cur[i]) - f32::from(prev[i]);
            sxx += gx * gx;
            sxy += gx * gy;
            syy += gy * gy;
            sxt += gx * gt;
            syt += gy * gt;
        }
    }
    let det = sxx * syy - sxy * sxy;
    if det.abs() < 1e-3 {
        return reading;
    }
    let u = -(syy * sxt - sxy * syt) / det;
    let v = -(sxx * syt - sxy * sxt) / det;
    let length = u.hypot(v);
    if length > 1e-4 {
        reading.dx = u / length;
        reading.dy = v / length;
        reading.direction = u.atan2(-v).to_degrees();
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A soft bright square at column `left` on a dark picture.
    fn square(width: usize, height: usize, left: f32) -> Vec<u8> {
        let mut img = vec![40u8; width * height];
        for y in 8..24 {
            for x in 0..width {
                let inside =
                    ((x as f32 + 0.5 - left).min(left + 12.0 - x as f32 - 0.5)).clamp(-2.0, 2.0);
                img[y * width + x] = (40.0 + (inside + 2.0) / 4.0 * 160.0) as u8;
            }
        }
        img
    }

    #[test]
    fn a_square_moving_right_points_right() {
        let (w, h) = (48, 32);
        let (prev, cur) = (square(w, h, 16.0), square(w, h, 17.0));
        let mut moving = BitMask::new(w, h);
        for y in 0..h {
            for x in 0..w {
                moving.set(x, y, cur[y * w + x] != prev[y * w + x]);
            }
        }
        let zone = Zone {
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
        };
        let r = read_zone(&zone, &moving, &cur, &prev);
        assert!(r.motion > 0.0);
        assert!(r.dx > 0.9, "{r:?}");
        assert!((r.direction - 90.0).abs() < 15.0, "{r:?}");
        // Backwards in time it moves left.
        let back = read_zone(&zone, &moving, &prev, &cur);
        assert!(
            back.dx < -0.9 && (back.direction + 90.0).abs() < 15.0,
            "{back:?}"
        );
    }

    #[test]
    fn a_still_zone_reads_zero() {
        let img = square(48, 32, 10.0);
        let r = read_zone(
            &Zone::centred(0.5, 0.5, 0.5, 0.5),
            &BitMask::new(48, 32),
            &img,
            &img,
        );
        assert_eq!(r, ZoneReading::default());
    }

    #[test]
    fn zones_clip_to_the_picture() {
        let zone = Zone {
            x: -0.5,
            y: 0.5,
            w: 1.0,
            h: 1.0,
        };
        assert_eq!(zone.to_pixels(10, 10), Some((0, 5, 4, 9)));
        assert_eq!(
            Zone {
                x: 1.2,
                y: 0.0,
                w: 0.1,
                h: 0.1
            }
            .to_pixels(10, 10),
            None
        );
    }
}
