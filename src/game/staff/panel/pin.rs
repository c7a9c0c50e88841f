//! The PIN panel: a keypad, when the ward has set a staff PIN, before the launcher opens.

use bevy::prelude::*;

use super::widgets::{button, label, row};
use super::{Action, Live};

/// Fills the panel.
pub(super) fn spawn(p: &mut ChildSpawnerCommands) {
    p.spawn(label("Staff PIN", 4.0));
    p.spawn((label("", 5.0), Live::Pin));
    for digits in [[1, 2, 3], [4, 5, 6], [7, 8, 9]] {
        p.spawn(row()).with_children(|r| {
            for d in digits {
                r.spawn(button(Action::Digit(d), d.to_string()));
            }
        });
    }
    p.spawn(row()).with_children(|r| {
        r.spawn(button(Action::Back, "<"));
        r.spawn(button(Action::Digit(0), "0"));
        r.spawn(button(Action::Enter, "OK"));
    });
    p.spawn((label("", 2.5), Live::Message));
    p.spawn(button(Action::Close, "Cancel"));
}
