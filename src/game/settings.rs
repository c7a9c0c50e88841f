//! The kiosk config inside the game: who may open the staff panel, what a new session
//! proposes, how loud the forest may be and when it must be quieter.
//!
//! The config is read before the app starts (`kiosk-config/kiosk.ron`, see
//! [`crate::config`]); this plugin hands its parts to the systems that use them. A config
//! with mistakes is not a reason for a dark screen on a ward: the kiosk runs on the shipped
//! defaults and shows the mistakes on the staff error screen ([`Settings::problems`]).

use bevy::prelude::*;

use super::audio::AudioSettings;
use super::motion_bridge::ActiveProfile;
use super::session::SessionPlan;
use super::staff::{SessionDefaults, StaffAccess, access::key_from_name};
use crate::config::KioskConfig;

/// The kiosk config in use, and what was wrong with the file, if anything.
#[derive(Resource, Debug, Clone, Default)]
pub struct Settings {
    /// The settings the kiosk runs with (the shipped defaults when the file is broken).
    pub config: KioskConfig,
    /// Each mistake in the config file, as `file:line:column: field: message`; empty when
    /// the file is fine. Shown to staff until the file is fixed.
    pub problems: Vec<String>,
}

/// How often the volume is checked against quiet hours.
const QUIET_CHECK_S: f32 = 20.0;

/// Adds the settings.
pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>()
        .add_systems(Startup, apply_settings)
        .add_systems(Update, follow_quiet_hours);
}

/// The staff chord and PIN, the launcher's defaults, the volume limits and the attract
/// profile, from the config.
fn apply_settings(
    settings: Res<Settings>,
    mut access: ResMut<StaffAccess>,
    mut defaults: ResMut<SessionDefaults>,
    mut audio: ResMut<AudioSettings>,
    mut profile: ResMut<ActiveProfile>,
) {
    let config = &settings.config;
    *access = staff_access(config);
    defaults.0 = session_defaults(config);
    *audio = audio_now(config, local_minute_of_day());
    profile.0 = config.motion.profile;
}

/// The staff access the config asks for. Key names were checked with the config; one that
/// bevy does not know (which the config check prevents) falls back to the shipped chord
/// rather than leaving staff locked out.
pub fn staff_access(config: &KioskConfig) -> StaffAccess {
    let chord: Option<Vec<KeyCode>> = config
        .staff
        .chord
        .iter()
        .map(|n| key_from_name(n))
        .collect();
    StaffAccess {
        chord: chord.unwrap_or_else(|| StaffAccess::default().chord),
        pin: config.staff.pin.clone(),
    }
}

/// What the launcher proposes for a new session.
pub fn session_defaults(config: &KioskConfig) -> SessionPlan {
    SessionPlan {
        profile: config.session.profile,
        minutes: config.session.minutes,
        games: config.session.playlist.clone(),
        child: None,
        sound_led: config.session.sound_led,
    }
}

/// The volume and its cap at this minute of the local day.
pub fn audio_now(config: &KioskConfig, minute_of_day: u32) -> AudioSettings {
    AudioSettings {
        volume: config.audio.volume_at(minute_of_day),
        cap: config.audio.cap,
    }
}

/// Quiet hours begin and end while the kiosk runs.
fn follow_quiet_hours(
    time: Res<Time>,
    settings: Res<Settings>,
    mut audio: ResMut<AudioSettings>,
    mut since: Local<f32>,
) {
    *since += time.delta_secs();
    if *since < QUIET_CHECK_S {
        return;
    }
    *since = 0.0;
    let wanted = audio_now(&settings.config, local_minute_of_day());
    if audio.volume != wanted.volume || audio.cap != wanted.cap {
        info!("volume now {:.2} (cap {:.2})", wanted.volume, wanted.cap);
        *audio = wanted;
    }
}

/// Minutes since local midnight (0 to 1439), as the ward's clocks show it. Quiet hours are
/// written in local time; without a time zone database of our own, the C library's
/// `localtime_r` reads the machine's.
pub fn local_minute_of_day() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as libc::time_t;
    // SAFETY: `localtime_r` writes only into the `tm` we pass and reads `now`; both live on
    // this stack frame. A zeroed `tm` is a valid value of the plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&now, &mut tm).is_null() };
    if ok {
        (tm.tm_hour.clamp(0, 23) * 60 + tm.tm_min.clamp(0, 59)) as u32
    } else {
        ((now.rem_euclid(86_400)) / 60) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ClockTime, Pin, QuietHours};
    use crate::games::GameId;
    use crate::motion::Profile;

    #[test]
    fn the_config_reaches_staff_access_launcher_and_volume() {
        let mut config = KioskConfig::default();
        config.staff.chord = vec!["AltLeft".into(), "F9".into()];
        config.staff.pin = Some(Pin::new("2468"));
        config.session.minutes = 3.0;
        config.session.profile = Profile::Bed;
        config.session.playlist = vec![GameId::Paint, GameId::FrogHop];
        config.audio.volume = 0.9;
        config.audio.cap = 0.6;
        config.audio.quiet_hours = Some(QuietHours {
            start: ClockTime::new(19, 0).unwrap(),
            end: ClockTime::new(8, 0).unwrap(),
        });
        config.audio.quiet_volume = 0.2;

        let access = staff_access(&config);
        assert_eq!(access.chord, vec![KeyCode::AltLeft, KeyCode::F9]);
        assert!(access.pin.is_some_and(|p| p.matches("2468")));
        let plan = session_defaults(&config);
        assert_eq!(plan.minutes, 3.0);
        assert_eq!(plan.profile, Profile::Bed);
        assert_eq!(plan.games, vec![GameId::Paint, GameId::FrogHop]);
        // Noon: the usual volume held at the cap; 23:00: the quiet volume.
        assert_eq!(audio_now(&config, 12 * 60).volume, 0.6);
        assert_eq!(audio_now(&config, 23 * 60).volume, 0.2);
        assert_eq!(audio_now(&config, 23 * 60).cap, 0.6);
    }

    #[test]
    fn the_local_minute_is_a_minute_of_the_day() {
        assert!(local_minute_of_day() < 24 * 60);
    }
}
