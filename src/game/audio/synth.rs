//! Sound generation: oscillators, envelopes, noise and filters that write mono PCM by code.
//!
//! Every sound of the kiosk is made here at startup, so nothing is downloaded or committed
//! and the whole palette stays gentle by construction: soft attacks, decaying partials, no
//! square edges, everything normalised below [`MAX_PEAK`].

use std::f32::consts::{FRAC_PI_2, PI, TAU};
use std::sync::Arc;

use kira::Frame;
use kira::sound::static_sound::{StaticSoundData, StaticSoundSettings};

/// Sample rate of every generated sound: 22 050 Hz mono is plenty for soft, child-friendly
/// timbres (nothing above about 9 kHz matters here) and halves generation time and memory.
pub const SAMPLE_RATE: u32 = 22_050;

/// The loudest sample any generated sound may hold, leaving headroom for several sounds at
/// once before kira's mixer (and the ward's cap) scale them.
pub const MAX_PEAK: f32 = 0.8;

const SR: f32 = SAMPLE_RATE as f32;

/// Number of samples in `seconds` (rounded), so that callers think in seconds, not samples.
pub fn samples(seconds: f32) -> usize {
    (seconds.max(0.0) * SR).round() as usize
}

/// Frequency of a MIDI note number (69 = A4 = 440 Hz): melodies read as note names.
pub fn midi(note: f32) -> f32 {
    440.0 * 2f32.powf((note - 69.0) / 12.0)
}

/// Deterministic white noise (xorshift64*), so that every start builds the same sounds and
/// tests can check them.
#[derive(Debug, Clone)]
pub struct Noise(u64);

impl Noise {
    /// A generator; the seed picks one of many equally good noises.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next sample, uniform in [-1, 1).
    pub fn sample(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40;
        bits as f32 / (1u64 << 23) as f32 - 1.0
    }

    /// A value uniform in [lo, hi): random timings and pitches for natural variation.
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * (self.sample() * 0.5 + 0.5)
    }
}

/// A raised-cosine ramp from 0 to 1 over `x` in 0..1: smooth at both ends, so fades never
/// click.
fn ramp(x: f32) -> f32 {
    if x <= 0.0 {
        0.0
    } else if x >= 1.0 {
        1.0
    } else {
        0.5 - 0.5 * (PI * x).cos()
    }
}

/// Attack, exponential decay and a closing release: the shape of every note.
#[derive(Debug, Clone, Copy)]
struct Envelope {
    attack: f32,
    decay: f32,
    release: f32,
}

impl Envelope {
    /// The gains of a note of `count` samples, one by one (see [`Shape`]).
    fn shape(self, count: usize) -> Shape {
        Shape {
            index: 0,
            count,
            attack: samples(self.attack),
            release: samples(self.release),
            level: 1.0,
            step: (-1.0 / (SR * self.decay.max(1e-4))).exp(),
        }
    }
}

/// An [`Envelope`] unrolled sample by sample: the decay is one multiplication a sample and
/// the ramps are computed only where they are, which keeps generation fast.
struct Shape {
    index: usize,
    count: usize,
    attack: usize,
    release: usize,
    level: f32,
    step: f32,
}

impl Shape {
    /// The gain of the next sample (0 at both ends of the note).
    #[inline]
    fn next_gain(&mut self) -> f32 {
        let i = self.index;
        let mut gain = self.level;
        if i < self.attack {
            gain *= ramp(i as f32 / self.attack as f32);
        }
        let left = self.count.saturating_sub(i + 1);
        if left < self.release {
            gain *= ramp(left as f32 / self.release as f32);
        }
        self.level *= self.step;
        self.index += 1;
        gain
    }
}

/// A sine oscillator by rotation (two multiply-adds a sample instead of a `sin`), with its
/// own exponential fade; renormalised now and then so that rounding cannot drift it.
#[derive(Debug, Clone, Copy)]
struct Phasor {
    re: f32,
    im: f32,
    cos: f32,
    sin: f32,
    amp: f32,
    fade: f32,
}

impl Phasor {
    fn new(freq: f32, amp: f32, fade: f32) -> Self {
        let w = TAU * freq / SR;
        Self {
            re: 1.0,
            im: 0.0,
            cos: w.cos(),
            sin: w.sin(),
            amp,
            fade,
        }
    }

    /// The current value (a sine starting at 0), then one step on.
    #[inline]
    fn next_value(&mut self) -> f32 {
        let value = self.amp * self.im;
        let (re, im) = (self.re, self.im);
        self.re = re * self.cos - im * self.sin;
        self.im = re * self.sin + im * self.cos;
        self.amp *= self.fade;
        value
    }

    fn renormalise(&mut self) {
        let norm = (self.re * self.re + self.im * self.im).sqrt();
        if norm > 0.0 {
            self.re /= norm;
            self.im /= norm;
        }
    }
}

/// A timbre: which partials sound, and how fast they fade. All are soft; none is a square or
/// a saw, whose edges are harsh on small speakers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Voice {
    /// A pure sine with a slow attack: pads, hums.
    Sine,
    /// A chime: near-harmonic partials ringing out.
    Bell,
    /// A plucked or marimba-like note: harmonics that die quickly.
    Pluck,
    /// A wooden knock: inharmonic partials gone in a few tens of milliseconds.
    Wood,
    /// Two-operator FM (warm brass, e-piano): `index` is the brightness at the attack,
    /// mellowing as the note rings.
    Fm {
        /// Modulator frequency over carrier frequency.
        ratio: f32,
        /// Modulation depth at the attack (radians).
        index: f32,
    },
    /// A soft chord pad: slow attack, a gently detuned second sine.
    Pad,
}

/// One partial: frequency ratio, amplitude, and decay time as a fraction of the note's.
type Partial = (f32, f32, f32);

const BELL: &[Partial] = &[
    (1.0, 1.0, 1.0),
    (2.0, 0.35, 0.55),
    (3.01, 0.15, 0.35),
    (4.2, 0.07, 0.2),
];
const PLUCK: &[Partial] = &[(1.0, 1.0, 1.0), (2.0, 0.4, 0.5), (3.0, 0.15, 0.3)];
const WOOD: &[Partial] = &[(1.0, 1.0, 1.0), (2.76, 0.45, 0.4), (5.4, 0.15, 0.2)];
const SINE: &[Partial] = &[(1.0, 1.0, 1.0), (2.0, 0.08, 1.0)];
const PAD: &[Partial] = &[(1.0, 1.0, 1.0), (1.004, 0.6, 1.0), (2.0, 0.1, 1.0)];

impl Voice {
    /// The envelope of a note `length` seconds long.
    fn envelope(self, length: f32) -> Envelope {
        let release = (length * 0.3).min(0.08);
        match self {
            Voice::Sine => Envelope {
                attack: (length * 0.2).min(0.04),
                decay: length * 2.0 + 0.1,
                release,
            },
            Voice::Bell => Envelope {
                attack: 0.004,
                decay: (length * 0.45).max(0.05),
                release,
            },
            Voice::Pluck => Envelope {
                attack: 0.003,
                decay: (length * 0.3).clamp(0.04, 0.3),
                release,
            },
            Voice::Wood => Envelope {
                attack: 0.001,
                decay: 0.035,
                release,
            },
            Voice::Fm { .. } => Envelope {
                attack: 0.02,
                decay: length * 1.5 + 0.1,
                release: (length * 0.3).min(0.12),
            },
            Voice::Pad => Envelope {
                attack: (length * 0.35).min(0.6),
                decay: length * 4.0 + 1.0,
                release: (length * 0.35).min(0.6),
            },
        }
    }

    fn partials(self) -> &'static [Partial] {
        match self {
            Voice::Sine | Voice::Fm { .. } => SINE,
            Voice::Bell => BELL,
            Voice::Pluck => PLUCK,
            Voice::Wood => WOOD,
            Voice::Pad => PAD,
        }
    }
}

/// One note of a melody, chord or effect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Note {
    /// When it starts, in seconds from the start of the buffer.
    pub start: f32,
    /// How long it sounds (it is silent again at the end).
    pub length: f32,
    /// Pitch in Hz.
    pub freq: f32,
    /// Peak amplitude before the buffer is normalised.
    pub amp: f32,
    /// Timbre.
    pub voice: Voice,
}

/// Keeps an oscillator's phase in 0..TAU (cheaper than `%`, as it never moves more than a
/// turn a sample).
#[inline]
fn wrap_phase(phase: f32) -> f32 {
    if phase >= TAU { phase - TAU } else { phase }
}

/// Adds `value` at `index`, wrapping past the end when `wrap` (loops: a tail that runs over
/// the end sounds at the start, so the loop joins seamlessly), dropping it otherwise.
#[inline]
fn add(buf: &mut [f32], index: usize, value: f32, wrap: bool) {
    let len = buf.len();
    if index < len {
        buf[index] += value;
    } else if wrap && len > 0 {
        buf[index % len] += value;
    }
}

/// Renders a note into `buf`; with `wrap`, a note that runs over the end continues at the
/// start (for loops).
pub fn note(buf: &mut [f32], note: &Note, wrap: bool) {
    let start = samples(note.start);
    let count = samples(note.length);
    let env = note.voice.envelope(note.length);
    let mut shape = env.shape(count);
    let nyquist = SR * 0.45;
    match note.voice {
        Voice::Fm { ratio, index } => {
            // The modulation depth fades faster than the note: bright attack, mellow tail.
            let mut modulator = Phasor::new(note.freq * ratio, index, (-1.0 / (SR * 0.25)).exp());
            let step = TAU * note.freq / SR;
            let mut phase = 0.0f32;
            for i in 0..count {
                let value = (phase + modulator.next_value()).sin();
                phase = wrap_phase(phase + step);
                if i % 4096 == 4095 {
                    modulator.renormalise();
                }
                add(buf, start + i, note.amp * shape.next_gain() * value, wrap);
            }
        }
        voice => {
            // Higher partials die sooner than the note (their `decay` share): it mellows as
            // it rings.
            let mut partials: Vec<Phasor> = voice
                .partials()
                .iter()
                .filter(|(ratio, _, _)| note.freq * ratio < nyquist)
                .map(|&(ratio, amp, decay)| {
                    let extra = (1.0 / decay - 1.0) / (SR * env.decay.max(1e-4));
                    Phasor::new(note.freq * ratio, amp, (-extra).exp())
                })
                .collect();
            for i in 0..count {
                let value: f32 = partials.iter_mut().map(Phasor::next_value).sum();
                if i % 4096 == 4095 {
                    partials.iter_mut().for_each(Phasor::renormalise);
                }
                add(buf, start + i, note.amp * shape.next_gain() * value, wrap);
            }
        }
    }
}

/// A tone whose pitch glides: birdsong, the frog's boing, a kick drum's thump.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sweep {
    /// Start, in seconds.
    pub start: f32,
    /// Duration, in seconds.
    pub length: f32,
    /// Pitch at the start, Hz.
    pub from: f32,
    /// Pitch at the end, Hz (the glide is exponential: even in musical terms).
    pub to: f32,
    /// Peak amplitude.
    pub amp: f32,
    /// Fade-in time, seconds.
    pub attack: f32,
    /// Vibrato depth as a fraction of the pitch (0 for none): the spring of a boing.
    pub wobble: f32,
}

/// Renders a pitch sweep into `buf` (see [`Sweep`]).
pub fn sweep(buf: &mut [f32], s: &Sweep, wrap: bool) {
    let start = samples(s.start);
    let count = samples(s.length).max(1);
    let mut shape = Envelope {
        attack: s.attack,
        decay: s.length * 1.2 + 0.01,
        release: (s.length * 0.4).min(0.1),
    }
    .shape(count);
    // An exponential glide: the frequency is multiplied by the same factor every sample.
    let glide = (s.to / s.from).powf(1.0 / count as f32);
    let mut freq = s.from;
    let mut vibrato = Phasor::new(14.0, s.wobble, 1.0);
    let mut phase = 0.0f32;
    for i in 0..count {
        let fade = 1.0 - i as f32 / count as f32;
        let wobble = 1.0 + vibrato.next_value() * fade;
        phase = wrap_phase(phase + TAU * freq * wobble / SR);
        freq *= glide;
        add(
            buf,
            start + i,
            s.amp * shape.next_gain() * phase.sin(),
            wrap,
        );
    }
}

/// A burst of filtered noise: wind, leaves, shakers, whooshes, swishes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Burst {
    /// Start, in seconds.
    pub start: f32,
    /// Duration, in seconds.
    pub length: f32,
    /// Band centre at the start, Hz.
    pub from: f32,
    /// Band centre at the end, Hz.
    pub to: f32,
    /// Band sharpness (Q): 0.7 broad and airy, 4 nearly a whistle.
    pub q: f32,
    /// Peak amplitude (of the filtered noise, roughly).
    pub amp: f32,
    /// Fade-in time, seconds.
    pub attack: f32,
    /// Noise seed, so that two bursts do not sound identical.
    pub seed: u64,
}

/// A state-variable filter (Zavalishin's topology-preserving form): stable while its
/// cutoff moves, which a sweeping whoosh needs.
#[derive(Debug, Clone, Copy, Default)]
struct Svf {
    a1: f32,
    a2: f32,
    a3: f32,
    ic1: f32,
    ic2: f32,
}

impl Svf {
    fn tune(&mut self, cutoff: f32, q: f32) {
        let g = (PI * cutoff.clamp(20.0, SR * 0.45) / SR).tan();
        let k = 1.0 / q.max(0.1);
        self.a1 = 1.0 / (1.0 + g * (g + k));
        self.a2 = g * self.a1;
        self.a3 = g * self.a2;
    }

    /// Band-pass output for input `x`.
    fn band(&mut self, x: f32) -> f32 {
        let v3 = x - self.ic2;
        let v1 = self.a1 * self.ic1 + self.a2 * v3;
        let v2 = self.ic2 + self.a2 * self.ic1 + self.a3 * v3;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        v1
    }
}

/// Renders a noise burst into `buf` (see [`Burst`]).
pub fn burst(buf: &mut [f32], b: &Burst, wrap: bool) {
    let start = samples(b.start);
    let count = samples(b.length).max(1);
    let mut shape = Envelope {
        attack: b.attack,
        decay: b.length * 0.6 + 0.005,
        release: (b.length * 0.5).min(0.15),
    }
    .shape(count);
    let mut noise = Noise::new(b.seed);
    let mut filter = Svf::default();
    let ratio = b.to / b.from;
    // A band-pass's gain at its centre is about 1, but its output is quieter than white
    // noise by the share of the band: compensate so that `amp` means roughly the same for
    // broad and narrow bands.
    let makeup = (1.0 + b.q).sqrt() * 1.5;
    for i in 0..count {
        if i % 32 == 0 {
            let x = i as f32 / count as f32;
            filter.tune(b.from * ratio.powf(x), b.q);
        }
        let value = filter.band(noise.sample()) * makeup;
        add(buf, start + i, b.amp * shape.next_gain() * value, wrap);
    }
}

/// A one-pole low-pass filter: the soft, dark noise of wind in the trees.
#[derive(Debug, Clone, Copy)]
pub struct OnePole {
    coefficient: f32,
    state: f32,
}

impl OnePole {
    /// A filter that lets through what is below `cutoff` Hz.
    pub fn new(cutoff: f32) -> Self {
        Self {
            coefficient: 1.0 - (-TAU * cutoff / SR).exp(),
            state: 0.0,
        }
    }

    /// Filters one sample.
    pub fn process(&mut self, x: f32) -> f32 {
        self.state += self.coefficient * (x - self.state);
        self.state
    }
}

/// Fades the first `fade_in` and last `fade_out` seconds of `buf` to silence, so that a
/// one-shot sound neither starts nor stops with a click.
pub fn fade_edges(buf: &mut [f32], fade_in: f32, fade_out: f32) {
    let len = buf.len();
    let n_in = samples(fade_in).min(len);
    for (i, s) in buf.iter_mut().take(n_in).enumerate() {
        *s *= ramp(i as f32 / n_in as f32);
    }
    let n_out = samples(fade_out).min(len);
    for i in 0..n_out {
        buf[len - 1 - i] *= ramp(i as f32 / n_out as f32);
    }
}

/// Scales `buf` so that its loudest sample is `peak` (at most [`MAX_PEAK`]): every sound
/// starts from the same ceiling, and the mix is balanced by track volumes.
pub fn normalise(buf: &mut [f32], peak: f32) {
    let loudest = buf.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    if loudest > 1e-9 {
        let gain = peak.min(MAX_PEAK) / loudest;
        for s in buf.iter_mut() {
            *s *= gain;
        }
    }
}

/// Scales `buf` towards an RMS level of `rms` but never past a peak of `peak` (nor
/// [`MAX_PEAK`]): sounds made of a dense tone and sounds made of a short knock then come out
/// about equally loud, instead of merely equally high-peaked.
pub fn level(buf: &mut [f32], rms: f32, peak: f32) {
    let loudest = buf.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    let power = buf.iter().map(|s| s * s).sum::<f32>() / buf.len().max(1) as f32;
    if loudest > 1e-9 && power > 1e-18 {
        let gain = (rms / power.sqrt()).min(peak.min(MAX_PEAK) / loudest);
        for s in buf.iter_mut() {
            *s *= gain;
        }
    }
}

/// Turns `buf` (a loop's worth plus `buf.len() - length` extra samples) into a seamless loop
/// of `length` samples by an equal-power crossfade of the extra tail into the head: the
/// join then continues the signal instead of jumping. For uncorrelated material (noise).
pub fn close_loop(mut buf: Vec<f32>, length: usize) -> Vec<f32> {
    let overlap = buf.len().saturating_sub(length).min(length);
    for i in 0..overlap {
        let x = i as f32 / overlap as f32;
        let head = (x * FRAC_PI_2).sin();
        let tail = (x * FRAC_PI_2).cos();
        buf[i] = buf[i] * head + buf[length + i] * tail;
    }
    buf.truncate(length);
    buf
}

/// Wraps mono PCM as kira sound data (both channels the same).
pub fn to_sound(buf: &[f32]) -> StaticSoundData {
    let frames: Arc<[Frame]> = buf.iter().map(|&s| Frame::from_mono(s)).collect();
    StaticSoundData {
        sample_rate: SAMPLE_RATE,
        frames,
        settings: StaticSoundSettings::new(),
        slice: None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The mono samples of generated sound data (left channel; both are equal).
    pub(crate) fn pcm(data: &StaticSoundData) -> Vec<f32> {
        data.frames.iter().map(|f| f.left).collect()
    }

    /// Checks what every generated sound must be: non-empty, finite, within [-1, 1], below
    /// the peak ceiling and not silent.
    pub(crate) fn assert_sane(name: &str, pcm: &[f32]) {
        assert!(!pcm.is_empty(), "{name}: empty");
        assert!(pcm.iter().all(|s| s.is_finite()), "{name}: not finite");
        let peak = pcm.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(
            peak <= MAX_PEAK + 1e-4,
            "{name}: peak {peak} above {MAX_PEAK}"
        );
        assert!(peak > 0.05, "{name}: nearly silent (peak {peak})");
        let rms = (pcm.iter().map(|s| s * s).sum::<f32>() / pcm.len() as f32).sqrt();
        assert!(rms > 0.005, "{name}: nearly silent (rms {rms})");
    }

    /// Checks that a loop joins without a click: the step from its last sample to its first is
    /// no bigger than the steps inside it (99th percentile, with a little slack).
    pub(crate) fn assert_seamless(name: &str, pcm: &[f32]) {
        let mut steps: Vec<f32> = pcm.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
        steps.sort_by(f32::total_cmp);
        let typical = steps[steps.len() * 99 / 100];
        let seam = (pcm[0] - pcm[pcm.len() - 1]).abs();
        assert!(
            seam <= (2.0 * typical).max(0.02),
            "{name}: the loop jumps by {seam} at its seam (typical step {typical})"
        );
    }

    #[test]
    fn notes_are_silent_at_both_ends() {
        for voice in [
            Voice::Sine,
            Voice::Bell,
            Voice::Pluck,
            Voice::Wood,
            Voice::Pad,
            Voice::Fm {
                ratio: 1.0,
                index: 2.0,
            },
        ] {
            let mut buf = vec![0.0; samples(0.5)];
            let n = Note {
                start: 0.0,
                length: 0.5,
                freq: 440.0,
                amp: 0.5,
                voice,
            };
            note(&mut buf, &n, false);
            assert!(buf[0].abs() < 1e-3, "{voice:?} starts with a click");
            assert!(
                buf[buf.len() - 1].abs() < 1e-2,
                "{voice:?} ends with a click"
            );
            assert!(buf.iter().any(|s| s.abs() > 0.05), "{voice:?} is silent");
        }
    }

    #[test]
    fn wrapped_notes_continue_at_the_start() {
        let mut buf = vec![0.0; samples(1.0)];
        let n = Note {
            start: 0.8,
            length: 0.5,
            freq: 330.0,
            amp: 0.5,
            voice: Voice::Bell,
        };
        note(&mut buf, &n, true);
        assert!(buf[..samples(0.2)].iter().any(|s| s.abs() > 0.01));
        assert_seamless("wrapped bell", &buf);
    }

    #[test]
    fn noise_is_uniform_and_deterministic() {
        let mut a = Noise::new(7);
        let mut b = Noise::new(7);
        let xs: Vec<f32> = (0..10_000).map(|_| a.sample()).collect();
        assert!(xs.iter().all(|x| (-1.0..1.0).contains(x)));
        let mean = xs.iter().sum::<f32>() / xs.len() as f32;
        assert!(mean.abs() < 0.05);
        assert_eq!(
            xs[..10],
            (0..10).map(|_| b.sample()).collect::<Vec<_>>()[..]
        );
    }

    #[test]
    fn close_loop_joins_noise_smoothly() {
        let length = samples(1.0);
        let mut noise = Noise::new(3);
        let mut lp = OnePole::new(300.0);
        let buf: Vec<f32> = (0..length + samples(0.2))
            .map(|_| lp.process(noise.sample()))
            .collect();
        let looped = close_loop(buf, length);
        assert_eq!(looped.len(), length);
        assert_seamless("noise loop", &looped);
    }

    #[test]
    fn level_evens_loudness_under_the_peak() {
        let mut dense: Vec<f32> = (0..1000).map(|i| (i as f32 * 0.1).sin()).collect();
        level(&mut dense, 0.1, 0.7);
        let rms = (dense.iter().map(|s| s * s).sum::<f32>() / 1000.0).sqrt();
        assert!((rms - 0.1).abs() < 1e-3);
        let mut knock = vec![0.0; 1000];
        knock[10] = 0.2;
        level(&mut knock, 0.1, 0.7);
        assert!((knock[10] - 0.7).abs() < 1e-6, "the peak ceiling wins");
    }

    #[test]
    fn normalise_and_fade() {
        let mut buf: Vec<f32> = (0..1000).map(|i| (i as f32 * 0.1).sin() * 3.0).collect();
        normalise(&mut buf, 1.0);
        let peak = buf.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(
            (peak - MAX_PEAK).abs() < 1e-4,
            "normalise must respect MAX_PEAK"
        );
        fade_edges(&mut buf, 0.01, 0.01);
        assert_eq!(buf[0], 0.0);
        assert!(buf[999].abs() < 0.01);
    }
}
