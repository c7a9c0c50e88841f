//! The session panel: during play, pause or resume, stop, close.

use bevy::prelude::*;

use super::widgets::{button, label, row};
use super::{Action, Live};

/// Fills the panel.
pub(super) fn spawn(p: &mut ChildSpawnerCommands) {
    p.spawn(label("Session", 4.0));
    p.spawn(row()).with_children(|r| {
        r.spawn((button(Action::PauseResume, ""), Live::Pause));
        r.spawn(button(Action::Stop, "Stop session"));
        r.spawn(button(Action::Close, "Close"));
    });
}
