//! The kiosk lock: closing the window or the usual exit keys do nothing until staff unlock
//! it from the launcher; the mouse pointer hides while nobody from staff is working.

use bevy::prelude::*;
use bevy::window::{CursorOptions, PrimaryWindow, WindowCloseRequested};

use super::panel::StaffUi;

/// Whether the kiosk is locked (full screen, a child in front of it). A windowed
/// development run is not.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct KioskLock(pub bool);

impl Default for KioskLock {
    fn default() -> Self {
        KioskLock(true)
    }
}

/// Staff chose "Quit" in the launcher: the next close request ends the program.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Unlocked(pub bool);

/// Adds the lock.
pub fn plugin(app: &mut App) {
    app.init_resource::<KioskLock>()
        .init_resource::<Unlocked>()
        .add_systems(Update, (close_requests, cursor));
}

/// A close request (window button, Alt+F4) quits only when unlocked.
fn close_requests(
    mut requests: MessageReader<WindowCloseRequested>,
    lock: Res<KioskLock>,
    unlocked: Res<Unlocked>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    for request in requests.read() {
        if !lock.0 || unlocked.0 {
            commands.entity(request.window).despawn();
            exit.write(AppExit::Success);
        } else {
            warn!("close request ignored: the kiosk is locked (staff chord, then Quit)");
        }
    }
}

/// The pointer shows only when a staff panel is open, or when the kiosk is not locked.
fn cursor(
    lock: Res<KioskLock>,
    ui: Res<StaffUi>,
    mut windows: Query<&mut CursorOptions, With<PrimaryWindow>>,
) {
    let visible = !lock.0 || ui.open.is_some();
    for mut options in &mut windows {
        if options.visible != visible {
            options.visible = visible;
        }
    }
}
