//! Play by ear, the kira side: one soft looping tone for each child, whose place in the
//! stereo field, pitch and loudness follow what gameplay asks in [`EarVoices`]. Why here and
//! not in the game: only the audio plugin touches kira; gameplay says where each child is
//! heard, this module keeps a sound playing per child and glides it there.

use std::collections::HashMap;

use bevy::prelude::*;
use kira::sound::static_sound::StaticSoundHandle;
use kira::{Panning, PlaybackRate};

use super::backend::{Mixer, amplitude_to_db, tween};
use super::game_sounds::GameSound;
use super::report::AudioReport;

/// How a child is heard now: gameplay writes one per child every frame (none when play by
/// ear is off), and the tone glides to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarVoice {
    /// The child's id from the motion core: the same child keeps the same tone.
    pub player: u32,
    /// Where, -1 left to 1 right (as on the screen).
    pub pan: f32,
    /// Playback rate of the tone: 1 its own pitch, 2 an octave up.
    pub pitch: f32,
    /// Loudness, an amplitude 0..1 under the master volume.
    pub volume: f32,
}

/// The children's voices gameplay wants heard, and the tone they are played with.
#[derive(Resource, Default)]
pub struct EarVoices {
    /// One per child to be heard.
    pub voices: Vec<EarVoice>,
    /// The looping tone (set once by gameplay, from its generated sounds).
    pub tone: Option<GameSound>,
}

/// The tones playing, by child.
#[derive(Resource, Default)]
pub(super) struct PlayingVoices(HashMap<u32, StaticSoundHandle>);

/// How long a voice takes to glide to a new place or pitch: quick enough to follow a hand,
/// slow enough never to click.
const GLIDE_SECONDS: f32 = 0.06;
/// A voice no longer wanted fades out over this long.
const FADE_OUT_SECONDS: f32 = 0.4;

/// Starts, moves and stops the children's tones to match [`EarVoices`]; what was applied is
/// in [`AudioReport::ear`].
pub(super) fn follow_ear_voices(
    wanted: Res<EarVoices>,
    mut playing: ResMut<PlayingVoices>,
    mut mixer: ResMut<Mixer>,
    mut report: ResMut<AudioReport>,
) {
    report.ear.clear();
    let glide = tween(GLIDE_SECONDS);
    for voice in &wanted.voices {
        let pan = voice.pan.clamp(-1.0, 1.0);
        let pitch = voice.pitch.clamp(0.25, 4.0);
        let volume = voice.volume.clamp(0.0, 1.0);
        if let std::collections::hash_map::Entry::Vacant(slot) = playing.0.entry(voice.player) {
            let Some(tone) = &wanted.tone else {
                continue;
            };
            let data = tone
                .data
                .loop_region(..)
                .volume(amplitude_to_db(0.0))
                .panning(Panning(pan))
                .playback_rate(PlaybackRate(f64::from(pitch)));
            match mixer.effects.play(data) {
                Ok(handle) => {
                    slot.insert(handle);
                }
                Err(err) => {
                    report.failed += 1;
                    debug!("audio: a child's tone not played: {err}");
                    continue;
                }
            }
        }
        if let Some(handle) = playing.0.get_mut(&voice.player) {
            handle.set_panning(Panning(pan), glide);
            handle.set_playback_rate(PlaybackRate(f64::from(pitch)), glide);
            handle.set_volume(amplitude_to_db(volume), tween(GLIDE_SECONDS * 2.0));
            report.ear.push(EarVoice {
                player: voice.player,
                pan,
                pitch,
                volume,
            });
        }
    }
    playing.0.retain(|player, handle| {
        let wanted_still = wanted.voices.iter().any(|v| v.player == *player);
        if !wanted_still {
            handle.stop(tween(FADE_OUT_SECONDS));
        }
        wanted_still
    });
}
