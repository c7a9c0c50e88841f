//! The staff side inside the kiosk: the session launcher (staff chord, optional PIN), the
//! in-session panel (pause, resume, stop), the kiosk lock, and the staff overlays on the
//! forest (the notes of what needs attention, F3 diagnostics).
//!
//! A play specialist has a minute between children: the chord opens the launcher with the
//! ward's defaults already chosen, so starting takes the chord and one tap on Start.

pub mod access;
mod config_errors;
pub mod diagnostics;
mod export;
mod lock;
pub mod notes;
mod panel;

use bevy::prelude::*;

pub use access::StaffAccess;
pub use export::ExportJob;
pub use lock::{KioskLock, Unlocked};
pub use panel::{Action, Panel, SessionDefaults, StaffUi};

/// Adds the staff side.
pub fn plugin(app: &mut App) {
    // Keyboard and window messages come from bevy's input and window plugins; registering them
    // here too (it is idempotent) lets the staff side run headless in tests.
    app.add_message::<bevy::input::keyboard::KeyboardInput>()
        .add_message::<bevy::window::WindowCloseRequested>();
    app.init_resource::<StaffAccess>().add_plugins((
        panel::plugin,
        lock::plugin,
        export::plugin,
        config_errors::plugin,
    ));
}
