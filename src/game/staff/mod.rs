//! The staff side inside the kiosk: the session launcher (staff chord, optional PIN), the
//! in-session panel (pause, resume, stop), and the kiosk lock.
//!
//! A play specialist has a minute between children: the chord opens the launcher with the
//! ward's defaults already chosen, so starting takes the chord and one tap on Start.

pub mod access;
mod config_errors;
mod export;
mod lock;
mod panel;

use bevy::prelude::*;

pub use access::StaffAccess;
pub use export::ExportJob;
pub use lock::{KioskLock, Unlocked};
pub use panel::{Action, Panel, SessionDefaults, StaffUi};

/// A staff pause: gameplay, timers and music stop; the forest holds still.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// Staff ended the session early.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionStopped;

/// Whether gameplay runs (not paused by staff).
pub fn not_paused(paused: Res<Paused>) -> bool {
    !paused.0
}

/// Adds the staff side.
pub fn plugin(app: &mut App) {
    // Keyboard and window messages come from bevy's input and window plugins; registering them
    // here too (it is idempotent) lets the staff side run headless in tests.
    app.add_message::<bevy::input::keyboard::KeyboardInput>()
        .add_message::<bevy::window::WindowCloseRequested>();
    app.init_resource::<Paused>()
        .init_resource::<StaffAccess>()
        .add_message::<SessionStopped>()
        .add_plugins((
            panel::plugin,
            lock::plugin,
            export::plugin,
            config_errors::plugin,
        ));
}
