//! Every sound the kiosk can play, by name, as samples: the forest ambience, each mood's two
//! music loops, each event's effect, and the sounds the games make themselves. Why: staff
//! listen to them before a ward uses the kiosk (`wigglewoods sounds --out DIR` writes them as
//! WAV files), and a test measures them all ([`super::loudness`]), so a new sound cannot be
//! much louder than the rest, sharp to the ear, or click where it loops.

use super::cues::SoundCue;
use super::loudness::{integrated_lufs, true_peak_dbtp};
use super::music::MUSICAL_MOODS;
use super::synth::SAMPLE_RATE;
use super::{ambience, effects, music};

/// How a sound is played, which decides what it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundKind {
    /// Played over and over (ambience, music): heard for minutes, so the loops must be about
    /// as loud as each other and join without a click.
    Loop,
    /// Played once for something that happened: may stand out, but not far above the music.
    Effect,
}

/// One sound, with a name staff can find it by (`music-dance-layer`, `effect-frog-hop`,
/// `musical_forest-drum-3-bright`).
#[derive(Debug, Clone)]
pub struct NamedSound {
    /// The file name it is written under, without `.wav`.
    pub name: String,
    /// Loop or effect.
    pub kind: SoundKind,
    /// Mono samples at [`SAMPLE_RATE`].
    pub samples: Vec<f32>,
}

/// The kiosk's own sounds (not the games' instruments): ambience, music loops, effects.
pub fn kiosk_sounds() -> Vec<NamedSound> {
    let named = |name: String, kind, samples| NamedSound {
        name,
        kind,
        samples,
    };
    let mut sounds = vec![named(
        "ambience".to_owned(),
        SoundKind::Loop,
        ambience::render(),
    )];
    for mood in MUSICAL_MOODS {
        let (melody, layer) = music::render(mood);
        let mood = kebab(&format!("{mood:?}"));
        sounds.push(named(
            format!("music-{mood}-melody"),
            SoundKind::Loop,
            melody,
        ));
        sounds.push(named(format!("music-{mood}-layer"), SoundKind::Loop, layer));
    }
    for cue in SoundCue::ALL {
        let name = format!("effect-{}", kebab(&format!("{cue:?}")));
        sounds.push(named(name, SoundKind::Effect, effects::render(cue)));
    }
    sounds
}

/// `AppleInBasket` as `apple-in-basket`.
fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// What the meter says of one sound.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The sound's name.
    pub name: String,
    /// Loop or effect.
    pub kind: SoundKind,
    /// Length in seconds.
    pub seconds: f64,
    /// Integrated loudness, LUFS.
    pub lufs: f64,
    /// True peak, dBTP.
    pub true_peak: f64,
    /// For a loop: the jump from its last sample to its first, over the largest jump
    /// between two samples inside it (more than [`MAX_SEAM`] is a click at the seam).
    pub seam: Option<f64>,
}

/// Measures every sound.
pub fn measure(sounds: &[NamedSound]) -> Vec<Measured> {
    sounds
        .iter()
        .map(|s| Measured {
            name: s.name.clone(),
            kind: s.kind,
            seconds: s.samples.len() as f64 / f64::from(SAMPLE_RATE),
            lufs: integrated_lufs(&s.samples, SAMPLE_RATE),
            true_peak: true_peak_dbtp(&s.samples),
            seam: (s.kind == SoundKind::Loop).then(|| seam_jump(&s.samples)),
        })
        .collect()
}

fn seam_jump(samples: &[f32]) -> f64 {
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
        return 0.0;
    };
    let inside = samples
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(0f32, f32::max);
    f64::from((first - last).abs()) / f64::from(inside).max(1e-6)
}

/// The loudest a sound may peak: 1 dB under full scale, room for the converter.
pub const MAX_TRUE_PEAK: f64 = -1.0;
/// How far apart (LU) the loops may be: one is not much louder than another.
pub const LOOP_SPREAD: f64 = 6.0;
/// How far (LU) an effect may be above the loudest loop.
pub const EFFECT_ABOVE_LOOPS: f64 = 6.0;
/// The largest seam of a loop, as a share of its largest step inside: a seam a little
/// steeper than the steepest moment of the sound itself is not heard as a click.
pub const MAX_SEAM: f64 = 1.5;

/// What is wrong with a set of measured sounds, one sentence each; empty when all is kind
/// to ears: every true peak at most -1 dBTP, the loops within 6 LU of each other, no effect
/// more than 6 LU above the loudest loop, no loop clicking at its seam.
pub fn problems(measured: &[Measured]) -> Vec<String> {
    let mut found = Vec::new();
    for m in measured {
        if m.true_peak.is_nan() || m.true_peak > MAX_TRUE_PEAK {
            found.push(format!(
                "{}: true peak {:.1} dBTP, above {MAX_TRUE_PEAK} dBTP",
                m.name, m.true_peak
            ));
        }
        if m.seam.is_some_and(|s| s > MAX_SEAM) {
            found.push(format!(
                "{}: clicks where it loops (the seam jumps {:.1} times the largest step inside)",
                m.name,
                m.seam.unwrap_or(0.0)
            ));
        }
    }
    let loops: Vec<&Measured> = measured
        .iter()
        .filter(|m| m.kind == SoundKind::Loop)
        .collect();
    let loudest = loops
        .iter()
        .copied()
        .max_by(|a, b| a.lufs.total_cmp(&b.lufs));
    let quietest = loops
        .iter()
        .copied()
        .min_by(|a, b| a.lufs.total_cmp(&b.lufs));
    if let (Some(hi), Some(lo)) = (loudest, quietest)
        && hi.lufs - lo.lufs > LOOP_SPREAD
    {
        found.push(format!(
            "the loops are {:.1} LU apart ({} {:.1} LUFS, {} {:.1} LUFS), more than {LOOP_SPREAD}",
            hi.lufs - lo.lufs,
            hi.name,
            hi.lufs,
            lo.name,
            lo.lufs
        ));
    }
    if let Some(hi) = loudest {
        for m in measured.iter().filter(|m| m.kind == SoundKind::Effect) {
            if m.lufs - hi.lufs > EFFECT_ABOVE_LOOPS {
                found.push(format!(
                    "{}: {:.1} LUFS, {:.1} LU above the loudest loop ({}), more than \
                     {EFFECT_ABOVE_LOOPS}",
                    m.name,
                    m.lufs,
                    m.lufs - hi.lufs,
                    hi.name
                ));
            }
        }
    }
    found
}

/// A sound as a 16-bit mono WAV file, to listen to with any player.
pub fn wav_bytes(samples: &[f32]) -> Vec<u8> {
    let bytes = (samples.len() * 2) as u32;
    let mut wav = Vec::with_capacity(44 + bytes as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + bytes).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes()); // PCM
    wav.extend_from_slice(&1u16.to_le_bytes()); // mono
    wav.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    wav.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&bytes.to_le_bytes());
    for s in samples {
        let pcm = (s.clamp(-1.0, 1.0) * 32767.0).round() as i16;
        wav.extend_from_slice(&pcm.to_le_bytes());
    }
    wav
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(name: &str, kind: SoundKind, lufs: f64, true_peak: f64) -> Measured {
        Measured {
            name: name.to_owned(),
            kind,
            seconds: 1.0,
            lufs,
            true_peak,
            seam: (kind == SoundKind::Loop).then_some(0.5),
        }
    }

    #[test]
    fn each_rule_names_the_sound_that_breaks_it() {
        let fine = vec![
            measured("a", SoundKind::Loop, -20.0, -3.0),
            measured("b", SoundKind::Loop, -24.0, -3.0),
            measured("c", SoundKind::Effect, -15.0, -2.0),
        ];
        assert_eq!(problems(&fine), Vec::<String>::new());
        let mut loud = fine.clone();
        loud[2].lufs = -13.0;
        loud[2].true_peak = -0.5;
        loud[1].lufs = -27.0;
        loud[0].seam = Some(3.0);
        let said = problems(&loud).join("\n");
        assert!(said.contains("c: true peak -0.5 dBTP"), "{said}");
        assert!(said.contains("a: clicks where it loops"), "{said}");
        assert!(said.contains("the loops are 7.0 LU apart"), "{said}");
        assert!(
            said.contains("c: -13.0 LUFS, 7.0 LU above the loudest loop (a)"),
            "{said}"
        );
    }

    #[test]
    fn a_seam_is_measured_against_the_steps_inside() {
        // One whole period: the seam is one more step like the others.
        let smooth: Vec<f32> = (0..100)
            .map(|i| (i as f32 * std::f32::consts::TAU / 100.0).sin())
            .collect();
        assert!(seam_jump(&smooth) <= 1.01, "{}", seam_jump(&smooth));
        // Cut off half way through a period: the seam jumps.
        assert!(
            seam_jump(&smooth[..75]) > MAX_SEAM,
            "{}",
            seam_jump(&smooth[..75])
        );
    }

    #[test]
    fn every_sound_the_kiosk_and_its_games_play_is_kind_to_ears() {
        let mut sounds = kiosk_sounds();
        sounds.extend(crate::game::minigames::game_sounds());
        sounds.extend(crate::game::by_ear::sounds::EarSounds::generate().catalogue());
        let names: std::collections::HashSet<&str> =
            sounds.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), sounds.len(), "every name is a file of its own");
        assert!(names.contains("effect-frog-hop") && names.contains("music-dance-layer"));
        assert!(names.iter().any(|n| n.starts_with("musical_forest-")));
        let measured = measure(&sounds);
        assert_eq!(problems(&measured), Vec::<String>::new());
        for m in &measured {
            assert!(
                m.lufs > -40.0,
                "{} is nearly silent: {:.1} LUFS",
                m.name,
                m.lufs
            );
        }
    }

    #[test]
    fn a_wav_file_has_its_header_and_every_sample() {
        let wav = wav_bytes(&[0.0, 1.0, -1.0]);
        assert_eq!(&wav[..4], b"RIFF");
        assert_eq!(wav.len(), 44 + 6);
        assert_eq!(i16::from_le_bytes([wav[46], wav[47]]), 32767);
    }
}
