//! The one kira `AudioManager` and its sub-tracks, on the sound card or on a silent mock.
//!
//! kira's manager is generic over its backend; [`Mixer`] hides which one runs behind a small
//! enum, so that the rest of the audio code is the same with a sound card, without one (the
//! kiosk then runs silent) and in tests.

use std::time::Duration;

use bevy::prelude::*;
use kira::backend::mock::{MockBackend, MockBackendSettings};
use kira::effect::compressor::CompressorBuilder;
use kira::track::{MainTrackBuilder, MainTrackHandle, TrackBuilder, TrackHandle};
use kira::{AudioManager, AudioManagerSettings, Decibels, DefaultBackend, Easing, Tween};

/// Which kira backend the audio plugin starts. Insert it before the first `app.update()`
/// (the manager is made at `Startup`) to choose. The default tries the sound card, except in
/// this crate's unit tests (`cfg(test)`), which must never touch one; integration tests
/// (`tests/`) should insert [`AudioBackendChoice::Silent`] themselves.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioBackendChoice {
    /// The default sound card; where there is none, one warning and then [`Self::Silent`].
    SoundCard,
    /// kira's mock backend: everything runs, nothing reaches a speaker. For tests (which
    /// must never touch a sound card) and for a kiosk configured to be mute.
    Silent,
}

impl Default for AudioBackendChoice {
    fn default() -> Self {
        if cfg!(test) {
            AudioBackendChoice::Silent
        } else {
            AudioBackendChoice::SoundCard
        }
    }
}

/// Relative loudness of the three sub-tracks: the forest is a background, music sits under
/// the effects, and effects (the game's answers to movement) are the clearest.
const AMBIENCE_DB: f32 = -11.0;
const MUSIC_DB: f32 = -5.0;
const EFFECTS_DB: f32 = -2.0;

/// The mock renders in blocks of this many frames at this rate (16 ms a block): cheap, yet
/// fine enough for kira's tweens and bookkeeping to advance about once a game frame.
const MOCK_SAMPLE_RATE: u32 = 8_000;
const BLOCK_FRAMES: usize = 128;
/// At most this many mock blocks per game frame (about a quarter of a second): after a long
/// hitch the mock skips ahead instead of catching up.
const MAX_MOCK_BLOCKS: u32 = 16;

/// A volume as an amplitude factor (0..1) in kira's decibels, silence below -60 dB.
pub fn amplitude_to_db(amplitude: f32) -> Decibels {
    if !amplitude.is_finite() || amplitude <= 0.001 {
        Decibels::SILENCE
    } else {
        Decibels(20.0 * amplitude.log10())
    }
}

/// A smooth change of `seconds`, so that no volume ever jumps (a jump is a click).
pub fn tween(seconds: f32) -> Tween {
    Tween {
        duration: Duration::from_secs_f32(seconds.max(0.0)),
        easing: Easing::Linear,
        ..Default::default()
    }
}

/// The two managers the kiosk can run on (boxed: they are large, and of very different
/// sizes).
enum Manager {
    Device(Box<AudioManager<DefaultBackend>>),
    Mock {
        manager: Box<AudioManager<MockBackend>>,
        /// Seconds of game time not yet rendered by the mock.
        pending: f64,
    },
}

impl Manager {
    fn main_track(&mut self) -> &mut MainTrackHandle {
        match self {
            Manager::Device(manager) => manager.main_track(),
            Manager::Mock { manager, .. } => manager.main_track(),
        }
    }

    fn add_sub_track(&mut self, builder: TrackBuilder) -> Option<TrackHandle> {
        let track = match self {
            Manager::Device(manager) => manager.add_sub_track(builder),
            Manager::Mock { manager, .. } => manager.add_sub_track(builder),
        };
        track
            .map_err(|err| error!("audio: could not add a mixer track: {err}"))
            .ok()
    }
}

/// The kiosk's mixer: one kira manager (made once, at startup) and its sub-tracks. Systems
/// play sounds on the tracks; the master volume sits on kira's main track.
#[derive(Resource)]
pub struct Mixer {
    manager: Manager,
    /// The forest's background loop.
    pub ambience: TrackHandle,
    /// The mood's music loop; paused and resumed as a whole when the music must stop.
    pub music: TrackHandle,
    /// The movement layer, a child of `music` (so it stops with it), whose volume follows
    /// how much the children move.
    pub layer: TrackHandle,
    /// One-off effects for [`super::SoundCue`]s.
    pub effects: TrackHandle,
}

impl Mixer {
    /// Starts the manager on the chosen backend at master volume `master` (0..1) and adds
    /// the sub-tracks. A missing sound card is one warning and a silent mixer; `None` only if
    /// kira cannot even make its tracks (logged).
    pub fn start(choice: AudioBackendChoice, master: f32) -> Option<Self> {
        let main = || {
            MainTrackBuilder::new()
                .volume(amplitude_to_db(master))
                // A gentle safety compressor: several loud effects at once are held down
                // instead of clipping harshly.
                .with_effect(
                    CompressorBuilder::new()
                        .threshold(-9.0)
                        .ratio(3.0)
                        .attack_duration(Duration::from_millis(5))
                        .release_duration(Duration::from_millis(250)),
                )
        };
        let device = match choice {
            AudioBackendChoice::SoundCard => {
                match AudioManager::<DefaultBackend>::new(AudioManagerSettings {
                    main_track_builder: main(),
                    ..Default::default()
                }) {
                    Ok(manager) => Some(manager),
                    Err(err) => {
                        warn!("no sound card: the kiosk runs silent ({err})");
                        None
                    }
                }
            }
            AudioBackendChoice::Silent => None,
        };
        let mut manager = match device {
            Some(manager) => Manager::Device(Box::new(manager)),
            None => {
                let manager = AudioManager::<MockBackend>::new(AudioManagerSettings {
                    main_track_builder: main(),
                    internal_buffer_size: BLOCK_FRAMES,
                    backend_settings: MockBackendSettings {
                        sample_rate: MOCK_SAMPLE_RATE,
                    },
                    ..Default::default()
                });
                match manager {
                    Ok(manager) => Manager::Mock {
                        manager: Box::new(manager),
                        pending: 0.0,
                    },
                    Err(()) => {
                        error!("audio: kira's mock backend failed to start; no audio at all");
                        return None;
                    }
                }
            }
        };
        let ambience = manager.add_sub_track(TrackBuilder::new().volume(AMBIENCE_DB))?;
        let mut music = manager.add_sub_track(TrackBuilder::new().volume(MUSIC_DB))?;
        let layer = music
            .add_sub_track(TrackBuilder::new().volume(Decibels::SILENCE))
            .map_err(|err| error!("audio: could not add the movement layer track: {err}"))
            .ok()?;
        let effects = manager.add_sub_track(TrackBuilder::new().volume(EFFECTS_DB))?;
        Some(Self {
            manager,
            ambience,
            music,
            layer,
            effects,
        })
    }

    /// True when nothing reaches a speaker (no sound card, or [`AudioBackendChoice::Silent`]).
    pub fn is_silent(&self) -> bool {
        matches!(self.manager, Manager::Mock { .. })
    }

    /// Sets the master volume (0..1 amplitude) with a smooth tween.
    pub fn set_master(&mut self, amplitude: f32, seconds: f32) {
        self.manager
            .main_track()
            .set_volume(amplitude_to_db(amplitude), tween(seconds));
    }

    /// Lets the mock renderer catch up with `elapsed` game time, so that kira's bookkeeping
    /// (fades, finished sounds freeing their slots) advances as it would on a sound card.
    /// Does nothing on a real device, whose audio thread does this itself.
    pub fn advance(&mut self, elapsed: Duration) {
        let Manager::Mock { manager, pending } = &mut self.manager else {
            return;
        };
        let block = BLOCK_FRAMES as f64 / f64::from(MOCK_SAMPLE_RATE);
        *pending += elapsed.as_secs_f64();
        let mut blocks = 0;
        while *pending >= block && blocks < MAX_MOCK_BLOCKS {
            let backend = manager.backend_mut();
            backend.on_start_processing();
            backend.process();
            *pending -= block;
            blocks += 1;
        }
        if blocks == MAX_MOCK_BLOCKS {
            *pending = 0.0;
        }
    }
}

/// Lets the silent mixer follow real time (see [`Mixer::advance`]).
pub(super) fn advance_mock(time: Res<Time<Real>>, mut mixer: ResMut<Mixer>) {
    mixer.advance(time.delta());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decibels_from_amplitude() {
        assert_eq!(amplitude_to_db(1.0), Decibels(0.0));
        assert!((amplitude_to_db(0.5).0 + 6.0206).abs() < 1e-3);
        assert_eq!(amplitude_to_db(0.0), Decibels::SILENCE);
        assert_eq!(amplitude_to_db(f32::NAN), Decibels::SILENCE);
    }

    #[test]
    fn unit_tests_default_to_silent() {
        assert_eq!(AudioBackendChoice::default(), AudioBackendChoice::Silent);
    }

    #[test]
    fn silent_mixer_starts_and_advances() {
        let mut mixer = Mixer::start(AudioBackendChoice::Silent, 0.5).expect("mock mixer");
        assert!(mixer.is_silent());
        mixer.set_master(0.3, 0.5);
        for _ in 0..10 {
            mixer.advance(Duration::from_millis(16));
        }
        // A long hitch is bounded, not a long catch-up.
        mixer.advance(Duration::from_secs(60));
    }

    /// Tries the real sound card: on a machine without one this must warn and run silent,
    /// never panic. Ignored by default, since tests must not touch a sound card:
    /// `cargo test --release --lib sound_card -- --ignored --nocapture`.
    #[test]
    #[ignore = "touches the sound card"]
    fn sound_card_or_silent_fallback() {
        let mut mixer = Mixer::start(AudioBackendChoice::SoundCard, 0.2).expect("a mixer");
        eprintln!("silent: {}", mixer.is_silent());
        mixer.set_master(0.0, 0.1);
    }
}
