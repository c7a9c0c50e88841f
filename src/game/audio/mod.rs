//! Sound with kira: forest ambience, music driven by movement, and a sound for every event.
//!
//! Gameplay never touches kira. It sends a [`SoundCue`] message for something that just
//! happened, sets the [`MusicState`] resource (mood, movement intensity, stopped or not) and
//! may change [`AudioSettings`] (volume under the ward's cap); this plugin does the rest:
//!
//! - `backend`: the one kira manager (sound card, or a silent mock where there is none) and
//!   its sub-tracks: ambience, music (with the movement layer inside), effects;
//! - `synth`: the oscillators, envelopes and filters every sound is generated with (public:
//!   a game makes its own instruments with it and plays them with [`PlaySound`]);
//! - `ambience`, `music`, `effects`: the sounds, and the systems that play them;
//! - `volume`: the master volume, `min(volume, cap)`, tweened;
//! - `report`: [`AudioReport`], what the audio did (for the staff screen and tests);
//! - `ear_voices`: play by ear's tones, one per child, placed and pitched as gameplay asks;
//! - `catalogue` and `loudness`: every sound by name, and the meter that keeps them kind to
//!   ears (`wigglewoods sounds`).

mod ambience;
mod backend;
pub mod catalogue;
mod cues;
mod ear_voices;
mod effects;
mod game_sounds;
pub mod loudness;
mod music;
mod report;
pub mod synth;
mod volume;

pub use backend::AudioBackendChoice;
pub use cues::{AudioSettings, Mood, MusicState, SoundCue};
pub use ear_voices::{EarVoice, EarVoices};
pub use effects::MIN_CUE_GAP;
pub use game_sounds::{GameSound, PlaySound};
pub use music::PLAY_BPM;
pub use report::{AudioReport, GameSoundPlays};
pub use volume::master_amplitude;

use std::time::Instant;

use bevy::prelude::*;

use backend::{Mixer, tween};
use effects::{CueLimiter, EffectBank};
use music::{MusicBank, MusicPlayer};

/// The audio systems, in `PostUpdate`: gameplay's cues and music state of a frame (written
/// in `Update`) are heard in that same frame. Order against this set if needed.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AudioSystems;

/// How long the forest fades in when the kiosk starts.
const AMBIENCE_FADE_IN_SECONDS: f32 = 2.0;

/// Adds the kiosk's sound: the cue message, the music state and settings, the kira manager
/// (made at `Startup`, on the backend [`AudioBackendChoice`] picks) and the systems that
/// follow them every frame.
pub fn plugin(app: &mut App) {
    app.add_message::<SoundCue>()
        .add_message::<PlaySound>()
        .init_resource::<MusicState>()
        .init_resource::<AudioSettings>()
        .init_resource::<AudioBackendChoice>()
        .init_resource::<AudioReport>()
        .init_resource::<CueLimiter>()
        .init_resource::<MusicPlayer>()
        .init_resource::<EarVoices>()
        .init_resource::<ear_voices::PlayingVoices>()
        .add_systems(Startup, start_audio)
        .add_systems(
            PostUpdate,
            (
                volume::follow_settings,
                music::follow_music,
                effects::play_cues,
                game_sounds::play_game_sounds,
                ear_voices::follow_ear_voices,
                backend::advance_mock,
            )
                .chain()
                .in_set(AudioSystems)
                .run_if(resource_exists::<Mixer>),
        );
}

/// Generates every sound of the kiosk, the three families side by side on threads (pure
/// computation, a few tens of milliseconds in a release build).
fn generate_sounds() -> (
    kira::sound::static_sound::StaticSoundData,
    MusicBank,
    EffectBank,
) {
    std::thread::scope(|scope| {
        let ambience = scope.spawn(ambience::generate);
        let effects = scope.spawn(EffectBank::generate);
        let music = MusicBank::generate();
        // A panic in a generator is a bug in it: running it again here surfaces it.
        let ambience = ambience.join().unwrap_or_else(|_| ambience::generate());
        let effects = effects.join().unwrap_or_else(|_| EffectBank::generate());
        (ambience, music, effects)
    })
}

/// Generates every sound, starts the mixer and the forest ambience.
fn start_audio(
    mut commands: Commands,
    choice: Res<AudioBackendChoice>,
    settings: Res<AudioSettings>,
    mut report: ResMut<AudioReport>,
) {
    let began = Instant::now();
    let (ambience, music, effects) = generate_sounds();
    report.generation = began.elapsed();
    info!("audio: generated every sound in {:?}", report.generation);

    let master = master_amplitude(&settings);
    let Some(mut mixer) = Mixer::start(*choice, master) else {
        return;
    };
    let fade = Some(tween(AMBIENCE_FADE_IN_SECONDS));
    if let Err(err) = mixer.ambience.play(ambience.fade_in_tween(fade)) {
        warn!("audio: the forest ambience could not start: {err}");
    }
    report.silent = mixer.is_silent();
    report.ready = true;
    report.master = master;
    report.music_playing = true;
    report.layer_db = kira::Decibels::SILENCE.0;
    commands.insert_resource(mixer);
    commands.insert_resource(music);
    commands.insert_resource(effects);
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use bevy::time::TimeUpdateStrategy;
    use kira::track::TrackPlaybackState;

    use super::*;

    /// A bare app with the plugin on the mock backend, time advancing 16 ms a frame.
    fn app() -> App {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .insert_resource(AudioBackendChoice::Silent)
            .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
                16,
            )))
            .add_plugins(plugin);
        for _ in 0..3 {
            app.update();
        }
        app
    }

    fn frames(app: &mut App, n: usize) {
        for _ in 0..n {
            app.update();
        }
    }

    fn report(app: &App) -> &AudioReport {
        app.world().resource::<AudioReport>()
    }

    fn set_music(app: &mut App, mood: Mood, intensity: f32, playing: bool) {
        *app.world_mut().resource_mut::<MusicState>() = MusicState {
            mood,
            intensity,
            playing,
        };
    }

    #[test]
    fn plugin_runs_silent_in_a_bare_app() {
        let mut app = app();
        frames(&mut app, 5);
        let report = report(&app);
        assert!(report.ready, "the mixer must be running");
        assert!(report.silent, "tests must run on the mock backend");
        assert_eq!(report.mood, Mood::Calm);
        let mixer = app.world().resource::<Mixer>();
        assert_eq!(mixer.ambience.num_sounds(), 1, "the forest ambience plays");
        assert_eq!(mixer.music.num_sounds(), 0, "no music while calm");
    }

    #[test]
    fn every_cue_plays_its_effect() {
        let mut app = app();
        for cue in SoundCue::ALL {
            app.world_mut().write_message(cue);
        }
        app.update();
        for cue in SoundCue::ALL {
            assert_eq!(report(&app).played(cue), 1, "{cue:?} was not played");
        }
        assert_eq!(report(&app).failed, 0);
        let mixer = app.world().resource::<Mixer>();
        assert_eq!(mixer.effects.num_sounds(), SoundCue::ALL.len());
    }

    #[test]
    fn a_burst_of_identical_cues_plays_once() {
        let mut app = app();
        for _ in 0..5 {
            app.world_mut().write_message(SoundCue::Rustle);
        }
        app.update();
        assert_eq!(report(&app).played(SoundCue::Rustle), 1);
        assert_eq!(report(&app).suppressed, 4);
        // Once the gap has passed, the cue sounds again.
        frames(&mut app, 10);
        app.world_mut().write_message(SoundCue::Rustle);
        app.update();
        assert_eq!(report(&app).played(SoundCue::Rustle), 2);
    }

    #[test]
    fn the_cap_is_respected_and_settings_are_followed() {
        let mut app = app();
        let default = master_amplitude(&AudioSettings::default());
        assert_eq!(report(&app).master, default);
        app.insert_resource(AudioSettings {
            volume: 1.0,
            cap: 0.5,
        });
        app.update();
        assert_eq!(report(&app).master, 0.5);
        app.world_mut().resource_mut::<AudioSettings>().volume = 0.2;
        app.update();
        assert_eq!(report(&app).master, 0.2);
        app.world_mut().resource_mut::<AudioSettings>().cap = 0.1;
        app.update();
        assert_eq!(report(&app).master, 0.1);
    }

    #[test]
    fn the_music_follows_mood_playing_and_intensity() {
        let mut app = app();
        set_music(&mut app, Mood::Dance, 0.0, true);
        frames(&mut app, 2);
        assert_eq!(report(&app).mood, Mood::Dance);
        assert_eq!(report(&app).layer_db, music::LAYER_QUIET_DB);
        {
            let mixer = app.world().resource::<Mixer>();
            assert_eq!(mixer.music.num_sounds(), 1, "the dance melody plays");
            assert_eq!(mixer.layer.num_sounds(), 1, "the dance layer plays");
        }

        set_music(&mut app, Mood::Dance, 1.0, true);
        app.update();
        assert_eq!(report(&app).layer_db, 0.0, "the layer rises with movement");

        set_music(&mut app, Mood::Dance, 1.0, false);
        frames(&mut app, 20);
        assert!(!report(&app).music_playing);
        let state = app.world().resource::<Mixer>().music.state();
        assert!(
            matches!(
                state,
                TrackPlaybackState::Pausing | TrackPlaybackState::Paused
            ),
            "the music track must stop, not {state:?}"
        );

        set_music(&mut app, Mood::Play, 0.5, false);
        app.update();
        assert_eq!(report(&app).mood, Mood::Play, "a mood change while stopped");

        set_music(&mut app, Mood::Play, 0.5, true);
        frames(&mut app, 20);
        assert!(report(&app).music_playing);
        let state = app.world().resource::<Mixer>().music.state();
        assert!(
            matches!(
                state,
                TrackPlaybackState::Resuming | TrackPlaybackState::Playing
            ),
            "the music track must resume, not {state:?}"
        );

        set_music(&mut app, Mood::Calm, 0.0, true);
        // After the crossfade the old loops are gone.
        frames(&mut app, 120);
        assert_eq!(report(&app).mood, Mood::Calm);
        let mixer = app.world().resource::<Mixer>();
        assert_eq!(mixer.music.num_sounds(), 0, "calm has no music");
    }

    /// Not an assertion on time (machines differ): prints how long generation takes, for the
    /// record (`cargo test --release --lib game::audio -- --nocapture generation`).
    #[test]
    fn generation_time_is_printed() {
        let began = Instant::now();
        let _all = generate_sounds();
        let parallel = began.elapsed();
        eprintln!("sound generation, on threads as at startup: {parallel:?}");
        let began = Instant::now();
        let _ambience = ambience::generate();
        let ambience = began.elapsed();
        let _music = MusicBank::generate();
        let music = began.elapsed() - ambience;
        let _effects = EffectBank::generate();
        let total = began.elapsed();
        eprintln!(
            "sound generation, one by one: ambience {ambience:?}, music {music:?} (on threads), \
             effects {:?}, total {total:?}",
            total - ambience - music
        );
    }
}
