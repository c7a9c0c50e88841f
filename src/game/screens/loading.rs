//! Loading: waits until every level file has loaded (or failed), then shows the forest.

use bevy::prelude::*;

use super::Screen;
use crate::game::minigames::levels_ready;

/// Adds the loading screen.
pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        finish_loading.run_if(in_state(Screen::Loading).and_then(levels_ready)),
    );
}

fn finish_loading(mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Attract);
}
