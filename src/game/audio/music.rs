//! Music: a short loop per [`Mood`] plus a movement layer, and the system that follows
//! [`MusicState`] with crossfades, quick stop fades and a layer that rises with movement.
//!
//! Every loop is a whole number of beats, rendered with wrap-around (a note ringing past the
//! end sounds at the start), so each joins itself seamlessly. A mood's melody and layer have
//! the same length and start together, so they stay in time.

use std::collections::HashMap;

use bevy::prelude::*;
use kira::Decibels;
use kira::sound::static_sound::{StaticSoundData, StaticSoundHandle};

use super::backend::{Mixer, tween};
use super::cues::{Mood, MusicState};
use super::report::AudioReport;
use super::synth::{self, Burst, Note, Sweep, Voice, midi};

/// How long the old mood fades out while the new one fades in.
pub const CROSSFADE_SECONDS: f32 = 1.2;
/// How fast the music stops for statues or a staff pause: quick, but never a click.
pub const STOP_SECONDS: f32 = 0.12;
/// How fast the music comes back.
pub const RESUME_SECONDS: f32 = 0.35;
/// How smoothly the movement layer follows intensity.
pub const LAYER_SECONDS: f32 = 0.4;
/// The movement layer's volume with nobody moving: faint, so that movement is rewarded by
/// the music filling out.
pub const LAYER_QUIET_DB: f32 = -30.0;

/// The tempo of the mini-games' music ([`Mood::Play`]): a game that adds notes of its own
/// places them on this beat, counted from the moment it set the mood.
pub const PLAY_BPM: f32 = 116.0;

/// The moods that have music ([`Mood::Calm`] is the ambience alone).
pub const MUSICAL_MOODS: [Mood; 4] = [Mood::Attract, Mood::Play, Mood::Dance, Mood::Celebrate];

/// Loudness (RMS) and loudest sample of the two parts of a loop: every mood's melody about
/// as loud as the others', the layer a little under it.
const MELODY: (f32, f32) = (0.1, 0.7);
const LAYER: (f32, f32) = (0.06, 0.6);

/// The two loops of one mood.
#[derive(Clone)]
pub struct MoodLoops {
    /// The tune (with its beat, for dance): always heard while the mood plays.
    pub melody: StaticSoundData,
    /// Percussion and extra parts whose volume follows the children's movement.
    pub layer: StaticSoundData,
}

/// A mood's (melody, layer) as PCM.
type Parts = (Vec<f32>, Vec<f32>);

/// The generated loops of every musical mood.
#[derive(Resource, Clone)]
pub struct MusicBank {
    loops: HashMap<Mood, MoodLoops>,
}

impl MusicBank {
    /// Generates every mood's loops, one thread a mood (the moods are independent, and
    /// generation delays the kiosk's first scene).
    pub fn generate() -> Self {
        let rendered: Vec<(Mood, Parts)> = std::thread::scope(|scope| {
            let jobs: Vec<_> = MUSICAL_MOODS
                .iter()
                .map(|&mood| (mood, scope.spawn(move || render(mood))))
                .collect();
            jobs.into_iter()
                .map(|(mood, job)| {
                    // A panic here is a bug in `render` itself: rendering it again on this
                    // thread surfaces it with its own message.
                    (mood, job.join().unwrap_or_else(|_| render(mood)))
                })
                .collect()
        });
        Self {
            loops: rendered
                .into_iter()
                .map(|(mood, (melody, layer))| {
                    let loops = MoodLoops {
                        melody: synth::to_sound(&melody).loop_region(..),
                        layer: synth::to_sound(&layer).loop_region(..),
                    };
                    (mood, loops)
                })
                .collect(),
        }
    }

    /// The loops of `mood`; `None` for [`Mood::Calm`], which has no music.
    pub fn get(&self, mood: Mood) -> Option<&MoodLoops> {
        self.loops.get(&mood)
    }
}

/// The movement layer's volume for `intensity` (0..1, clamped; not a number counts as 0):
/// even steps in decibels from [`LAYER_QUIET_DB`] to full, so the rise sounds even.
pub fn layer_volume(intensity: f32) -> Decibels {
    let i = if intensity.is_finite() {
        intensity.clamp(0.0, 1.0)
    } else {
        0.0
    };
    Decibels(LAYER_QUIET_DB * (1.0 - i))
}

/// A beat-based score: one buffer of a whole number of beats, notes placed in beats.
struct Score {
    seconds_per_beat: f32,
    buf: Vec<f32>,
}

impl Score {
    fn new(bpm: f32, beats: f32) -> Self {
        let seconds_per_beat = 60.0 / bpm;
        Self {
            seconds_per_beat,
            buf: vec![0.0; synth::samples(beats * seconds_per_beat)],
        }
    }

    fn at(&self, beat: f32) -> f32 {
        beat * self.seconds_per_beat
    }

    /// A note of `beats` beats (at least `min_seconds`, so bells can ring).
    fn note(&mut self, beat: f32, beats: f32, key: f32, amp: f32, voice: Voice, min_seconds: f32) {
        let n = Note {
            start: self.at(beat),
            length: (beats * self.seconds_per_beat).max(min_seconds),
            freq: midi(key),
            amp,
            voice,
        };
        synth::note(&mut self.buf, &n, true);
    }

    /// A shaker grain: a short hiss of bright noise.
    fn shaker(&mut self, beat: f32, amp: f32, seed: u64) {
        let b = Burst {
            start: self.at(beat),
            length: 0.07,
            from: 6500.0,
            to: 5500.0,
            q: 1.0,
            amp,
            attack: 0.008,
            seed,
        };
        synth::burst(&mut self.buf, &b, true);
    }

    /// A soft clap: a short burst of mid noise.
    fn clap(&mut self, beat: f32, amp: f32, seed: u64) {
        let b = Burst {
            start: self.at(beat),
            length: 0.13,
            from: 1500.0,
            to: 1100.0,
            q: 1.1,
            amp,
            attack: 0.003,
            seed,
        };
        synth::burst(&mut self.buf, &b, true);
    }

    /// A round kick: a sine thump falling in pitch, no click on top.
    fn kick(&mut self, beat: f32, amp: f32) {
        let s = Sweep {
            start: self.at(beat),
            length: 0.22,
            from: 140.0,
            to: 50.0,
            amp,
            attack: 0.003,
            wobble: 0.0,
        };
        synth::sweep(&mut self.buf, &s, true);
    }

    fn finish(mut self, (rms, peak): (f32, f32)) -> Vec<f32> {
        synth::level(&mut self.buf, rms, peak);
        self.buf
    }
}

// MIDI keys: C4 = 60.
const C3: f32 = 48.0;
const A2: f32 = 45.0;
const F2: f32 = 41.0;
const G2: f32 = 43.0;

/// The four chords every mood walks through (I - vi - IV - V in C), as root notes.
const ROOTS: [f32; 4] = [C3, A2, F2, G2];
/// Chord tones above each root (major or minor triad).
const TRIADS: [[f32; 3]; 4] = [
    [0.0, 4.0, 7.0],
    [0.0, 3.0, 7.0],
    [0.0, 4.0, 7.0],
    [0.0, 4.0, 7.0],
];

const E_PIANO: Voice = Voice::Fm {
    ratio: 1.0,
    index: 1.2,
};
const BRASS: Voice = Voice::Fm {
    ratio: 1.0,
    index: 2.2,
};

/// Renders the (melody, layer) loops of a musical mood; silence for [`Mood::Calm`].
pub fn render(mood: Mood) -> Parts {
    match mood {
        Mood::Calm => (Vec::new(), Vec::new()),
        Mood::Attract => attract(),
        Mood::Play => play(),
        Mood::Dance => dance(),
        Mood::Celebrate => celebrate(),
    }
}

/// Slow, gentle pentatonic chimes over soft pads; the layer is a plucked arpeggio and a
/// shaker.
fn attract() -> Parts {
    let (bpm, beats) = (76.0, 16.0);
    let mut melody = Score::new(bpm, beats);
    for (bar, (&root, triad)) in ROOTS.iter().zip(TRIADS).enumerate() {
        for &step in &triad {
            melody.note(
                bar as f32 * 4.0,
                4.0,
                root + 12.0 + step,
                0.12,
                Voice::Pad,
                0.0,
            );
        }
    }
    let tune = [
        (0.0, 76.0, 1.5),
        (1.5, 79.0, 0.5),
        (2.0, 81.0, 2.0),
        (4.0, 79.0, 1.5),
        (5.5, 76.0, 0.5),
        (6.0, 74.0, 2.0),
        (8.0, 72.0, 1.5),
        (9.5, 74.0, 0.5),
        (10.0, 76.0, 2.0),
        (12.0, 74.0, 1.0),
        (13.0, 72.0, 1.0),
        (14.0, 69.0, 2.0),
    ];
    for (beat, key, len) in tune {
        melody.note(beat, len, key, 0.35, Voice::Bell, 1.4);
    }

    let mut layer = Score::new(bpm, beats);
    for (bar, (&root, triad)) in ROOTS.iter().zip(TRIADS).enumerate() {
        let pattern = [0, 1, 2, 1, 0, 2, 1, 2];
        for (k, &idx) in pattern.iter().enumerate() {
            let beat = bar as f32 * 4.0 + k as f32 * 0.5;
            layer.note(beat, 0.5, root + 24.0 + triad[idx], 0.3, Voice::Pluck, 0.3);
            if k % 2 == 1 {
                layer.shaker(beat, 0.25, (bar * 8 + k) as u64);
            }
        }
    }
    (melody.finish(MELODY), layer.finish(LAYER))
}

/// Bouncy: a walking root-fifth bass and a staccato marimba tune in eighths; the layer is a
/// shaker in sixteenths and woodblocks on the off-beats.
fn play() -> Parts {
    let (bpm, beats) = (PLAY_BPM, 16.0);
    let mut melody = Score::new(bpm, beats);
    for (bar, &root) in ROOTS.iter().enumerate() {
        for beat in 0..4 {
            let key = if beat % 2 == 0 { root } else { root + 7.0 };
            melody.note(
                bar as f32 * 4.0 + beat as f32,
                0.8,
                key,
                0.5,
                Voice::Pluck,
                0.0,
            );
        }
    }
    let tune: [[f32; 8]; 4] = [
        [72.0, 76.0, 79.0, 76.0, 81.0, 79.0, 76.0, 0.0],
        [72.0, 76.0, 81.0, 76.0, 79.0, 76.0, 72.0, 0.0],
        [69.0, 72.0, 77.0, 72.0, 76.0, 72.0, 69.0, 0.0],
        [67.0, 71.0, 74.0, 79.0, 74.0, 71.0, 67.0, 0.0],
    ];
    for (bar, keys) in tune.iter().enumerate() {
        for (k, &key) in keys.iter().enumerate() {
            if key > 0.0 {
                let beat = bar as f32 * 4.0 + k as f32 * 0.5;
                melody.note(beat, 0.4, key, 0.4, Voice::Pluck, 0.0);
            }
        }
    }

    let mut layer = Score::new(bpm, beats);
    for step in 0..64 {
        let beat = step as f32 * 0.25;
        let amp = if step % 2 == 0 { 0.3 } else { 0.15 };
        layer.shaker(beat, amp, step as u64);
        if step % 4 == 2 {
            let key = if (step / 4) % 2 == 0 { 84.0 } else { 79.0 };
            layer.note(beat, 0.2, key, 0.35, Voice::Wood, 0.0);
        }
    }
    (melody.finish(MELODY), layer.finish(LAYER))
}

/// Dance: a clear, round kick on every beat and soft claps on two and four under an e-piano
/// tune; the layer adds hi-hats, a tambourine and bongos.
fn dance() -> Parts {
    let (bpm, beats) = (120.0, 16.0);
    let mut melody = Score::new(bpm, beats);
    for beat in 0..16 {
        melody.kick(beat as f32, 0.7);
        if beat % 2 == 1 {
            melody.clap(beat as f32, 0.3, 700 + beat as u64);
        }
    }
    for (bar, &root) in ROOTS.iter().enumerate() {
        for beat in 0..4 {
            melody.note(
                bar as f32 * 4.0 + beat as f32 + 0.5,
                0.45,
                root,
                0.45,
                Voice::Pluck,
                0.0,
            );
        }
    }
    let tune = [
        (0.0, 79.0, 1.0),
        (1.0, 76.0, 0.5),
        (1.5, 79.0, 0.5),
        (2.0, 81.0, 1.0),
        (3.0, 79.0, 1.0),
        (4.0, 76.0, 1.0),
        (5.0, 74.0, 0.5),
        (5.5, 72.0, 0.5),
        (6.0, 74.0, 2.0),
        (8.0, 79.0, 1.0),
        (9.0, 76.0, 0.5),
        (9.5, 79.0, 0.5),
        (10.0, 84.0, 1.0),
        (11.0, 81.0, 1.0),
        (12.0, 79.0, 1.0),
        (13.0, 76.0, 0.5),
        (13.5, 74.0, 0.5),
        (14.0, 72.0, 2.0),
    ];
    for (beat, key, len) in tune {
        melody.note(beat, len * 0.9, key, 0.35, E_PIANO, 0.0);
    }

    let mut layer = Score::new(bpm, beats);
    for step in 0..64u64 {
        let beat = step as f32 * 0.25;
        if step % 4 == 2 {
            layer.shaker(beat, 0.35, 900 + step);
        } else {
            layer.shaker(beat, 0.12, 900 + step);
        }
        if matches!(step % 8, 3 | 6) {
            let key = if step % 8 == 3 { 69.0 } else { 64.0 };
            layer.note(beat, 0.25, key, 0.4, Voice::Wood, 0.0);
        }
    }
    (melody.finish(MELODY), layer.finish(LAYER))
}

/// A fanfare: brass triplets rising to held notes over pads and soft timpani; the layer is
/// sparkling bells, claps and a shaker.
fn celebrate() -> Parts {
    let (bpm, beats) = (104.0, 16.0);
    let mut melody = Score::new(bpm, beats);
    let chords = [C3, C3, F2, G2];
    for (bar, &root) in chords.iter().enumerate() {
        for step in [12.0, 16.0, 19.0] {
            melody.note(bar as f32 * 4.0, 4.0, root + step, 0.1, Voice::Pad, 0.0);
        }
        for beat in [0.0, 2.0] {
            melody.note(bar as f32 * 4.0 + beat, 0.6, root, 0.35, Voice::Sine, 0.0);
        }
    }
    let third = 1.0 / 3.0;
    let fanfare = [
        (0.0, 67.0, third),
        (third, 67.0, third),
        (2.0 * third, 67.0, third),
        (1.0, 72.0, 1.0),
        (2.0, 76.0, 1.0),
        (3.0, 79.0, 1.0),
        (4.0, 76.0, 0.5),
        (4.5, 79.0, 0.5),
        (5.0, 84.0, 3.0),
        (8.0, 69.0, third),
        (8.0 + third, 69.0, third),
        (8.0 + 2.0 * third, 69.0, third),
        (9.0, 72.0, 1.0),
        (10.0, 77.0, 1.0),
        (11.0, 81.0, 1.0),
        (12.0, 79.0, 0.5),
        (12.5, 77.0, 0.5),
        (13.0, 76.0, 0.5),
        (13.5, 74.0, 0.5),
        (14.0, 72.0, 2.0),
    ];
    for (beat, key, len) in fanfare {
        melody.note(beat, len * 0.92, key, 0.35, BRASS, 0.0);
    }

    let mut layer = Score::new(bpm, beats);
    let sparkle = [84.0, 88.0, 91.0, 86.0, 93.0, 88.0, 91.0, 96.0];
    for step in 0..32u64 {
        let beat = step as f32 * 0.5;
        layer.note(
            beat,
            0.5,
            sparkle[(step % 8) as usize],
            0.2,
            Voice::Bell,
            0.5,
        );
        layer.shaker(beat, 0.15, 1200 + step);
        if step % 4 == 2 {
            layer.clap(beat, 0.35, 1300 + step);
        }
    }
    (melody.finish(MELODY), layer.finish(LAYER))
}

/// The music now sounding, as applied to kira (compared each frame with [`MusicState`]).
#[derive(Resource)]
pub struct MusicPlayer {
    mood: Mood,
    playing: bool,
    layer_db: f32,
    current: Option<(StaticSoundHandle, StaticSoundHandle)>,
}

impl Default for MusicPlayer {
    fn default() -> Self {
        Self {
            mood: Mood::Calm,
            playing: true,
            layer_db: Decibels::SILENCE.0,
            current: None,
        }
    }
}

/// Follows [`MusicState`]: crossfades to a new mood's loops, stops and resumes the music
/// track with quick fades, and sets the movement layer's volume from intensity.
pub(super) fn follow_music(
    state: Res<MusicState>,
    bank: Res<MusicBank>,
    mut mixer: ResMut<Mixer>,
    mut player: ResMut<MusicPlayer>,
    mut report: ResMut<AudioReport>,
) {
    let state = *state;
    if state.mood != player.mood {
        if let Some((mut melody, mut layer)) = player.current.take() {
            melody.stop(tween(CROSSFADE_SECONDS));
            layer.stop(tween(CROSSFADE_SECONDS));
        }
        if let Some(loops) = bank.get(state.mood) {
            let fade = Some(tween(CROSSFADE_SECONDS));
            // Started back to back, the two loops begin in the same audio block (at worst
            // one block, ~3 ms, apart) and, being the same length, stay together.
            let melody = mixer.music.play(loops.melody.fade_in_tween(fade));
            let layer = mixer.layer.play(loops.layer.fade_in_tween(fade));
            match (melody, layer) {
                (Ok(melody), Ok(layer)) => {
                    player.current = Some((melody, layer));
                    report.loops_started += 1;
                }
                (melody, layer) => {
                    warn!("audio: the {:?} music could not start", state.mood);
                    for mut handle in [melody.ok(), layer.ok()].into_iter().flatten() {
                        handle.stop(tween(STOP_SECONDS));
                    }
                }
            }
        }
        player.mood = state.mood;
        report.mood = state.mood;
    }
    if state.playing != player.playing {
        if state.playing {
            mixer.music.resume(tween(RESUME_SECONDS));
        } else {
            mixer.music.pause(tween(STOP_SECONDS));
        }
        player.playing = state.playing;
        report.music_playing = state.playing;
    }
    let layer_db = layer_volume(state.intensity).0;
    if (layer_db - player.layer_db).abs() > 0.2 {
        mixer
            .layer
            .set_volume(Decibels(layer_db), tween(LAYER_SECONDS));
        player.layer_db = layer_db;
        report.layer_db = layer_db;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::audio::synth::tests::{assert_sane, assert_seamless, pcm};

    #[test]
    fn every_mood_has_two_seamless_loops_of_equal_length() {
        let bank = MusicBank::generate();
        assert!(bank.get(Mood::Calm).is_none());
        for mood in MUSICAL_MOODS {
            let loops = bank.get(mood).expect("a musical mood has loops");
            let melody = pcm(&loops.melody);
            let layer = pcm(&loops.layer);
            for (part, samples) in [("melody", &melody), ("layer", &layer)] {
                let name = format!("{mood:?} {part}");
                assert_sane(&name, samples);
                assert_seamless(&name, samples);
            }
            assert_eq!(melody.len(), layer.len(), "{mood:?}: parts out of step");
            assert!(loops.melody.settings.loop_region.is_some());
            assert!(loops.layer.settings.loop_region.is_some());
        }
    }

    #[test]
    fn layer_volume_rises_with_intensity() {
        assert_eq!(layer_volume(0.0), Decibels(LAYER_QUIET_DB));
        assert_eq!(layer_volume(1.0), Decibels(0.0));
        assert!(layer_volume(0.3).0 < layer_volume(0.6).0);
        assert_eq!(layer_volume(7.0), Decibels(0.0));
        assert_eq!(layer_volume(-1.0), layer_volume(0.0));
        assert_eq!(layer_volume(f32::NAN), layer_volume(0.0));
    }
}
