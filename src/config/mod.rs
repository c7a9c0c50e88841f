//! The kiosk configuration: `kiosk-config/kiosk.ron`, validated with positions.
//!
//! One RON file, commented field by field, says which kiosk this is, where its picture comes
//! from, how sessions start, how loud it may be, which screen it uses, how staff get in and
//! where logs and exports go. Staff edit it by hand, so it is checked strictly: unknown
//! fields (with a "did you mean"), values out of range, names that are not games or keys,
//! repeats, and files that must exist. Each mistake names the file, line, column and field
//! and says what is allowed ([`ConfigError`]); `wigglewoods check-config` prints them and
//! the kiosk shows them on its staff error screen.
//!
//! Relative paths in the file (a clip source, the logs and export folders) are taken from the
//! config file's own folder, not from wherever the kiosk was started. Which file is used:
//! `--config`, then `$WIGGLEWOODS_CONFIG`, then `./kiosk-config/kiosk.ron`, the program's
//! checkout, then `/etc/wigglewoods/kiosk.ron` ([`locate`]).
//!
//! No bevy here: the config is read before the game starts, and by command-line tools.
//!
//! # Examples
//! ```
//! use wigglewoods::config::{self, KioskConfig};
//!
//! match KioskConfig::load(config::default_path()) {
//!     Ok(config) => println!("kiosk {} in {}", config.kiosk.id, config.kiosk.ward),
//!     Err(errors) => {
//!         for error in errors.iter() {
//!             eprintln!("{error}"); // kiosk-config/kiosk.ron:14:9: audio.cap: must be ...
//!         }
//!     }
//! }
//! ```

mod check;
mod clock;
mod errors;
mod fields;
mod keys;
mod load;
mod locate;
mod pin;
mod schema;

pub use clock::{BadClockTime, CLOCK_FORM, ClockTime, QuietHours};
pub use errors::{ConfigError, ConfigErrorKind, ConfigErrors};
pub use keys::{KEY_NAMES, is_key_name, key_names, suggest_key};
pub use load::display_name;
pub use locate::{
    CONFIG_ENV, CONFIG_FILE, ConfigLocation, ConfigOrigin, SYSTEM_CONFIG, SYSTEM_DATA,
    SearchPlaces, assets_folder, default_path, levels_for, locate, program_data,
};
pub use pin::{PIN_MAX_DIGITS, PIN_MIN_DIGITS, Pin};
pub use schema::{
    AudioSection, DisplaySection, ExportSection, InputSection, KioskConfig, KioskSection,
    LogsSection, MotionSection, Region, SessionSection, StaffSection,
};

#[cfg(test)]
mod tests;
