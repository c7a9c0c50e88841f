//! The forest's background: soft wind in the leaves and a bird now and then, looped.

use kira::sound::static_sound::StaticSoundData;

use super::synth::{self, Burst, Noise, OnePole, Sweep};

/// Length of the loop. Long enough that the birds' pattern is not obviously repeating, short
/// enough to generate in a few milliseconds.
pub const LOOP_SECONDS: f32 = 9.0;

/// The part of the loop that is crossfaded over its join.
const CROSSFADE_SECONDS: f32 = 1.0;

/// Loudest sample of the ambience (it also sits on a quiet track).
const AMBIENCE_PEAK: f32 = 0.6;

/// Slowly varying gust strength: random levels every `step` seconds, smoothly joined.
fn gusts(rng: &mut Noise, len: usize, step: f32) -> Vec<f32> {
    let step = synth::samples(step);
    let points: Vec<f32> = (0..len / step + 2).map(|_| rng.range(0.35, 1.0)).collect();
    (0..len)
        .map(|i| {
            let k = i / step;
            let x = (i % step) as f32 / step as f32;
            let smooth = 0.5 - 0.5 * (std::f32::consts::PI * x).cos();
            points[k] + (points[k + 1] - points[k]) * smooth
        })
        .collect()
}

/// Renders the ambience as PCM (a seamless loop of [`LOOP_SECONDS`]).
pub fn render() -> Vec<f32> {
    let length = synth::samples(LOOP_SECONDS);
    let total = length + synth::samples(CROSSFADE_SECONDS);
    let mut rng = Noise::new(2024);

    // Wind: dark noise (two low-passes) breathing with slow gusts.
    let wind_gusts = gusts(&mut rng, total, 1.3);
    let mut noise = Noise::new(1);
    let mut low = OnePole::new(500.0);
    let mut lower = OnePole::new(700.0);
    let mut buf: Vec<f32> = wind_gusts
        .iter()
        .map(|g| lower.process(low.process(noise.sample())) * g * 2.2)
        .collect();

    // Leaves: faint, bright little rustles scattered through the loop.
    let mut t = 0.2;
    let end = total as f32 / synth::SAMPLE_RATE as f32 - 0.3;
    let mut seed = 500;
    while t < end {
        synth::burst(
            &mut buf,
            &Burst {
                start: t,
                length: rng.range(0.15, 0.4),
                from: rng.range(2500.0, 4500.0),
                to: rng.range(2000.0, 3500.0),
                q: 0.9,
                amp: rng.range(0.02, 0.06),
                attack: 0.05,
                seed,
            },
            false,
        );
        seed += 1;
        t += rng.range(0.2, 0.7);
    }

    // Birds: a few short phrases of chirps (quick upward or downward glides).
    for &(at, pitch, count) in &[(1.1, 2900.0, 3), (4.3, 3400.0, 2), (6.9, 2600.0, 4)] {
        for k in 0..count {
            let up = k % 2 == 0;
            let from = pitch * rng.range(0.9, 1.1);
            let to = if up { from * 1.35 } else { from * 0.8 };
            synth::sweep(
                &mut buf,
                &Sweep {
                    start: at + k as f32 * 0.13,
                    length: 0.08,
                    from,
                    to,
                    amp: 0.12,
                    attack: 0.01,
                    wobble: 0.0,
                },
                false,
            );
        }
    }

    let mut looped = synth::close_loop(buf, length);
    synth::normalise(&mut looped, AMBIENCE_PEAK);
    looped
}

/// Generates the ambience as looping kira sound data.
pub fn generate() -> StaticSoundData {
    synth::to_sound(&render()).loop_region(..)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::audio::synth::tests::{assert_sane, assert_seamless, pcm};

    #[test]
    fn ambience_is_a_gentle_seamless_loop() {
        let data = generate();
        let samples = pcm(&data);
        assert_sane("ambience", &samples);
        assert_seamless("ambience", &samples);
        assert!(
            data.settings.loop_region.is_some(),
            "the ambience must loop"
        );
        assert_eq!(samples.len(), synth::samples(LOOP_SECONDS));
    }
}
