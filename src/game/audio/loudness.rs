//! A small loudness meter: integrated loudness (EBU R128 / ITU-R BS.1770, in LUFS) and true
//! peak (dBTP, by oversampling). Why our own: the kiosk's sounds are generated in code, and a
//! change to a generator must not make a sound sharp to the ear or much louder than the rest;
//! the `sounds` command and a test measure every sound with this, on any machine, without
//! ffmpeg. Mono, as the sounds are generated (kira plays them on both channels alike).

use std::f64::consts::PI;

/// Loudness below this (LUFS) counts as silence (BS.1770's absolute gate).
const ABSOLUTE_GATE: f64 = -70.0;
/// Blocks quieter than the ungated loudness by more than this (LU) are left out.
const RELATIVE_GATE: f64 = -10.0;

/// One biquad section, direct form I.
#[derive(Debug, Clone, Copy)]
struct Biquad {
    b: [f64; 3],
    a: [f64; 2],
}

impl Biquad {
    fn run(&self, input: &[f64]) -> Vec<f64> {
        let (mut x1, mut x2, mut y1, mut y2) = (0.0, 0.0, 0.0, 0.0);
        input
            .iter()
            .map(|&x| {
                let y = self.b[0] * x + self.b[1] * x1 + self.b[2] * x2
                    - self.a[0] * y1
                    - self.a[1] * y2;
                (x2, x1, y2, y1) = (x1, x, y1, y);
                y
            })
            .collect()
    }
}

/// BS.1770's K-weighting (a high shelf for the head, a high pass) at any sample rate: the
/// analogue prototypes' frequency, gain and Q taken through the bilinear transform, as
/// libebur128 does (the standard lists coefficients for 48 kHz only; ours is 22.05 kHz).
fn k_weighting(sample_rate: f64) -> [Biquad; 2] {
    let (f0, gain_db, q) = (1681.974450955533, 3.999843853973347, 0.7071752369554196);
    let k = (PI * f0 / sample_rate).tan();
    let vh = 10f64.powf(gain_db / 20.0);
    let vb = vh.powf(0.4996667741545416);
    let a0 = 1.0 + k / q + k * k;
    let shelf = Biquad {
        b: [
            (vh + vb * k / q + k * k) / a0,
            2.0 * (k * k - vh) / a0,
            (vh - vb * k / q + k * k) / a0,
        ],
        a: [2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0],
    };
    let (f0, q) = (38.13547087602444, 0.5003270373238773);
    let k = (PI * f0 / sample_rate).tan();
    let a0 = 1.0 + k / q + k * k;
    let high_pass = Biquad {
        b: [1.0, -2.0, 1.0],
        a: [2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0],
    };
    [shelf, high_pass]
}

fn lufs(mean_square: f64) -> f64 {
    -0.691 + 10.0 * mean_square.max(1e-20).log10()
}

/// Integrated loudness in LUFS: K-weighted mean square over 400 ms blocks every 100 ms,
/// gated at -70 LUFS and 10 LU under the ungated loudness. A sound shorter than one block
/// (a short effect) is one block of its own length, so it is measured as heard rather than
/// diluted with silence. Silence is -70 LUFS or less.
pub fn integrated_lufs(samples: &[f32], sample_rate: u32) -> f64 {
    let rate = f64::from(sample_rate);
    let input: Vec<f64> = samples.iter().map(|&s| f64::from(s)).collect();
    let [shelf, high_pass] = k_weighting(rate);
    let weighted = high_pass.run(&shelf.run(&input));
    if weighted.is_empty() {
        return f64::NEG_INFINITY;
    }
    let block = ((0.4 * rate) as usize).min(weighted.len()).max(1);
    let step = ((0.1 * rate) as usize).max(1);
    let blocks: Vec<f64> = (0..)
        .map(|i| i * step)
        .take_while(|start| start + block <= weighted.len())
        .map(|start| {
            weighted[start..start + block]
                .iter()
                .map(|v| v * v)
                .sum::<f64>()
                / block as f64
        })
        .collect();
    let mean = |zs: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = zs.fold((0.0, 0usize), |(s, n), z| (s + z, n + 1));
        (n > 0).then(|| sum / n as f64)
    };
    let loud = |z: &f64| lufs(*z) > ABSOLUTE_GATE;
    let Some(ungated) = mean(&mut blocks.iter().copied().filter(loud)) else {
        return ABSOLUTE_GATE;
    };
    let gate = lufs(ungated) + RELATIVE_GATE;
    mean(
        &mut blocks
            .iter()
            .copied()
            .filter(|z| loud(z) && lufs(*z) > gate),
    )
    .map_or(ABSOLUTE_GATE, lufs)
}

/// Oversampling factor of the true-peak meter: 8 at 22.05 kHz reads between samples finely
/// enough that a peak is missed by well under 0.1 dB (BS.1770 asks for 4x at 48 kHz).
const OVERSAMPLE: usize = 8;
/// Samples either side a point between samples is interpolated from.
const TAPS_EACH_SIDE: usize = 16;

/// The interpolation kernel: sinc, Hann-windowed over `TAPS_EACH_SIDE` samples either side.
fn kernel(t: f64) -> f64 {
    let half = TAPS_EACH_SIDE as f64;
    if t.abs() >= half {
        return 0.0;
    }
    let sinc = if t == 0.0 {
        1.0
    } else {
        (PI * t).sin() / (PI * t)
    };
    let window = 0.5 * (1.0 + (PI * t / half).cos());
    sinc * window
}

/// True peak in dBTP: the loudest point of the waveform between the samples as well as on
/// them (a DAC's output can exceed every sample), found by band-limited interpolation at
/// `OVERSAMPLE` points per sample. `-inf` for silence.
pub fn true_peak_dbtp(samples: &[f32]) -> f64 {
    let phases: Vec<Vec<f64>> = (0..OVERSAMPLE)
        .map(|p| {
            let frac = p as f64 / OVERSAMPLE as f64;
            (0..2 * TAPS_EACH_SIDE)
                .map(|j| kernel(frac - (j as f64 - TAPS_EACH_SIDE as f64 + 1.0)))
                .collect()
        })
        .collect();
    let n = samples.len() as isize;
    let at = |i: isize| {
        if (0..n).contains(&i) {
            f64::from(samples[i as usize])
        } else {
            0.0
        }
    };
    let mut peak = 0f64;
    for i in 0..n {
        for (p, taps) in phases.iter().enumerate() {
            let value = if p == 0 {
                at(i)
            } else {
                taps.iter()
                    .enumerate()
                    .map(|(j, tap)| tap * at(i + j as isize - TAPS_EACH_SIDE as isize + 1))
                    .sum()
            };
            peak = peak.max(value.abs());
        }
    }
    20.0 * peak.log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 22_050;

    fn sine(freq: f64, amplitude: f64, phase: f64, seconds: f64) -> Vec<f32> {
        let n = (seconds * f64::from(RATE)) as usize;
        (0..n)
            .map(|i| {
                (amplitude * (2.0 * PI * freq * i as f64 / f64::from(RATE) + phase).sin()) as f32
            })
            .collect()
    }

    #[test]
    fn a_sine_at_minus_20_dbfs_reads_minus_23_lufs() {
        // BS.1770's own check: a 997 Hz sine's loudness is its RMS level less 0.691 plus
        // the K filter's gain there (+0.69 dB): -20 dBFS peak is -23.0 LUFS (mono).
        let level = integrated_lufs(&sine(997.0, 0.1, 0.0, 5.0), RATE);
        assert!((level - -23.0).abs() < 0.1, "{level}");
        // 6 dB less amplitude is 6 LU less loud; low frequencies count for less.
        let half = integrated_lufs(&sine(997.0, 0.05, 0.0, 5.0), RATE);
        assert!((level - half - 6.02).abs() < 0.05, "{half}");
        let low = integrated_lufs(&sine(40.0, 0.1, 0.0, 5.0), RATE);
        assert!(low < level - 1.0, "{low}");
    }

    #[test]
    fn silence_is_gated_out_and_does_not_dilute_a_sound() {
        assert!(integrated_lufs(&vec![0.0; 44_100], RATE) <= ABSOLUTE_GATE);
        let tone = sine(997.0, 0.1, 0.0, 2.0);
        let mut padded = tone.clone();
        padded.extend(vec![0.0; 4 * RATE as usize]);
        let (a, b) = (integrated_lufs(&tone, RATE), integrated_lufs(&padded, RATE));
        // Only the few blocks that straddle the tone's end count (as BS.1770 has it).
        assert!((a - b).abs() < 0.5, "{a} vs {b}");
        // A blip shorter than a block is measured as one block of its own.
        let blip = integrated_lufs(&sine(997.0, 0.1, 0.0, 0.1), RATE);
        assert!((blip - -23.0).abs() < 0.5, "{blip}");
    }

    #[test]
    fn a_peak_between_samples_is_found() {
        // A quarter-rate sine at 45°: every sample is at 0.707 of the crest (-3 dBFS sample
        // peak), the waveform itself reaches the crest (0 dBTP).
        let s = sine(f64::from(RATE) / 4.0, 1.0, PI / 4.0, 1.0);
        let sample_peak = s.iter().fold(0f32, |m, v| m.max(v.abs()));
        assert!(sample_peak < 0.75, "{sample_peak}");
        let tp = true_peak_dbtp(&s);
        assert!(tp > -0.3 && tp < 0.2, "{tp}");
        // A low tone's true peak is its sample peak.
        let tp = true_peak_dbtp(&sine(220.0, 0.5, 0.0, 0.5));
        assert!((tp - -6.02).abs() < 0.05, "{tp}");
        assert_eq!(true_peak_dbtp(&[0.0; 100]), f64::NEG_INFINITY);
    }
}
