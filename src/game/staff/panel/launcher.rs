//! The launcher panel: the play specialist picks a profile, a length, the games and the
//! child's code, and starts; export and quit are here too.

use bevy::prelude::*;

use super::widgets::{button, label, row};
use super::{Action, Live};
use crate::games::GameId;
use crate::motion::Profile;

/// Fills the panel.
pub(super) fn spawn(p: &mut ChildSpawnerCommands) {
    p.spawn(label("New session", 4.0));
    p.spawn(row()).with_children(|r| {
        for profile in Profile::ALL {
            r.spawn(button(Action::Profile(profile), profile.name()));
        }
    });
    p.spawn(row()).with_children(|r| {
        r.spawn(button(Action::Minutes(-1), "-"));
        r.spawn((label("", 3.5), Live::Minutes));
        r.spawn(button(Action::Minutes(1), "+"));
    });
    p.spawn(row()).with_children(|r| {
        for game in GameId::ALL {
            r.spawn(button(Action::Game(game), game.title()));
        }
    });
    p.spawn(row()).with_children(|r| {
        r.spawn(button(Action::SoundLed, "Play by ear"));
    });
    p.spawn((label("", 3.0), Live::Code));
    p.spawn((label("", 2.5), Live::Message));
    p.spawn(row()).with_children(|r| {
        r.spawn(button(Action::Start, "Start"));
        r.spawn(button(Action::Close, "Close"));
        r.spawn(button(Action::Export, "Export report"));
        r.spawn(button(Action::Quit, "Quit kiosk"));
    });
}
