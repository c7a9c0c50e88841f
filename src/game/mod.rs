//! The kiosk: a bevy app in which a woodland answers the children's movement.
//!
//! Composed of function plugins, one concern each. Every frame runs in a fixed order:
//! timers tick, input is recorded once (the motion bridge, or demo input), then gameplay
//! reads it. Screens are states; each mini-game is a sub-state of the Play screen.

pub mod audio;
pub mod by_ear;
pub mod demo_input;
pub mod first_run;
pub mod flash_recording;
pub mod forest;
pub mod headless;
pub mod layout;
pub mod levels;
pub mod minigames;
pub mod motion_bridge;
pub mod palette;
pub mod physics;
pub mod play_state;
pub mod records;
pub mod screen_fill;
pub mod screens;
pub mod session;
pub mod settings;
pub mod shapes;
pub mod staff;

mod kiosk;

pub use kiosk::{KioskOptions, run};

use bevy::prelude::*;

/// The order of work in each frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// Advance timers.
    TickTimers,
    /// Read motion (camera or demo) once, before any gameplay.
    RecordInput,
    /// Everything that reacts to motion.
    Update,
    /// Staff notes, panels and diagnostics: they run even while a session is paused.
    Overlay,
}

/// The game logic, without window, renderer or sound device: what headless tests run.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::TickTimers,
            AppSystems::RecordInput,
            AppSystems::Update,
            AppSystems::Overlay,
        )
            .chain(),
    );
    // A staff pause stops time and gameplay; input, notes and panels go on.
    app.configure_sets(
        Update,
        (AppSystems::TickTimers, AppSystems::Update).run_if(play_state::not_paused),
    );
    app.add_plugins((
        audio::plugin,
        levels::plugin,
        motion_bridge::plugin,
        demo_input::plugin,
        session::plugin,
        screens::plugin,
        forest::plugin,
        minigames::plugin,
        staff::plugin,
    ));
    app.add_plugins((settings::plugin, records::plugin, play_state::plugin));
    app.add_plugins(by_ear::plugin);
}
