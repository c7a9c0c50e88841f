//! The master volume: the staff's setting, never above the ward's cap, changed smoothly.

use bevy::prelude::*;

use super::backend::Mixer;
use super::cues::AudioSettings;
use super::report::AudioReport;

/// How smoothly the volume rises.
pub const VOLUME_SECONDS: f32 = 0.5;
/// How fast it falls: a lowered cap must hold almost at once (a slow tween down would pass
/// it for half a second), yet not so abruptly that the drop clicks.
pub const VOLUME_DOWN_SECONDS: f32 = 0.05;

/// The master amplitude for `settings`: `min(volume, cap)`, each clamped to 0..1 (a value
/// that is not a number counts as 0, i.e. silent rather than loud), so that no setting can
/// ever pass the cap.
pub fn master_amplitude(settings: &AudioSettings) -> f32 {
    let unit = |x: f32| {
        if x.is_finite() {
            x.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    unit(settings.volume).min(unit(settings.cap))
}

/// Applies [`AudioSettings`] to kira's main track whenever the resulting volume changes.
pub(super) fn follow_settings(
    settings: Option<Res<AudioSettings>>,
    mut mixer: ResMut<Mixer>,
    mut report: ResMut<AudioReport>,
) {
    let master = settings.map_or(0.0, |s| master_amplitude(&s));
    if (master - report.master).abs() > 1e-4 {
        let seconds = if master < report.master {
            VOLUME_DOWN_SECONDS
        } else {
            VOLUME_SECONDS
        };
        mixer.set_master(master, seconds);
        report.master = master;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn master(volume: f32, cap: f32) -> f32 {
        master_amplitude(&AudioSettings { volume, cap })
    }

    #[test]
    fn the_cap_is_never_exceeded() {
        assert_eq!(master(1.0, 0.5), 0.5);
        assert_eq!(master(0.3, 0.5), 0.3);
        assert_eq!(master(2.0, 0.9), 0.9);
        assert_eq!(master(0.7, 3.0), 0.7);
        assert_eq!(master(-1.0, 0.5), 0.0);
        assert_eq!(master(f32::NAN, 0.5), 0.0);
        assert_eq!(master(f32::INFINITY, 0.5), 0.0);
        assert_eq!(master(0.8, f32::NAN), 0.0);
    }
}
