//! A full-screen kiosk fills its whole screen, with or without a window manager. Why: a
//! kiosk PC often runs a bare X session with the kiosk alone (`xinit`, no window manager),
//! where the "full screen" request goes to a window manager that is not there: the window
//! stayed at winit's 800x600 in a corner and the rest of the screen was black. So the window
//! asks for its monitor's size and place itself; where a window manager made it full screen
//! already, the sizes match and nothing is asked.

use bevy::prelude::*;
use bevy::window::{Monitor, OnMonitor, PrimaryMonitor, PrimaryWindow, WindowMode};

/// Keeps a borderless full-screen primary window the size and place of its monitor.
pub fn plugin(app: &mut App) {
    app.add_systems(Update, fill_the_screen);
}

fn fill_the_screen(
    mut windows: Query<(&mut Window, Option<&OnMonitor>), With<PrimaryWindow>>,
    monitors: Query<(Entity, &Monitor, Has<PrimaryMonitor>)>,
) {
    let Ok((mut window, on)) = windows.single_mut() else {
        return;
    };
    let WindowMode::BorderlessFullscreen(selection) = window.mode else {
        return;
    };
    let mut all: Vec<(Entity, &Monitor, bool)> = monitors.iter().collect();
    // Left to right (then top to bottom): how screens are counted when the window is not
    // known to be on one yet. Entities are no order: their numbers are reused.
    all.sort_by_key(|(_, m, _)| (m.physical_position.x, m.physical_position.y));
    let Some(monitor) = chosen(selection, on.map(|o| o.0), &all) else {
        return;
    };
    let size = monitor.physical_size();
    if size.x == 0 || size.y == 0 {
        return;
    }
    if window.physical_size() != size {
        window.resolution.set_physical_resolution(size.x, size.y);
    }
    let place = WindowPosition::At(monitor.physical_position);
    if window.position != place {
        window.position = place;
    }
}

/// The monitor a full-screen window belongs on: the one chosen in the config (for a
/// numbered screen, the one the window was put on when it opened, else the n-th from the
/// left), the one it is on for `Current`, and the primary one when the choice names none
/// that exists.
fn chosen<'a>(
    selection: MonitorSelection,
    on: Option<Entity>,
    monitors: &[(Entity, &'a Monitor, bool)],
) -> Option<&'a Monitor> {
    let find = |want: Entity| monitors.iter().find(|(e, _, _)| *e == want);
    let primary = monitors
        .iter()
        .find(|(_, _, primary)| *primary)
        .or(monitors.first());
    let picked = match selection {
        MonitorSelection::Primary => primary,
        MonitorSelection::Index(n) => on.and_then(find).or(monitors.get(n)),
        MonitorSelection::Entity(entity) => find(entity),
        MonitorSelection::Current => on.and_then(find),
    };
    picked.or(primary).map(|(_, monitor, _)| *monitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitor(width: u32, height: u32, x: i32) -> Monitor {
        Monitor {
            name: None,
            physical_height: height,
            physical_width: width,
            physical_position: IVec2::new(x, 0),
            refresh_rate_millihertz: None,
            scale_factor: 1.0,
            video_modes: Vec::new(),
        }
    }

    fn app_with(mode: WindowMode) -> (App, Entity) {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins).add_plugins(plugin);
        app.world_mut()
            .spawn((monitor(1600, 900, 0), PrimaryMonitor));
        app.world_mut().spawn(monitor(1024, 768, 1600));
        let window = app
            .world_mut()
            .spawn((
                Window {
                    mode,
                    resolution: bevy::window::WindowResolution::new(800, 600),
                    ..default()
                },
                PrimaryWindow,
            ))
            .id();
        (app, window)
    }

    #[test]
    fn a_full_screen_window_takes_its_monitors_size_and_place() {
        let (mut app, window) =
            app_with(WindowMode::BorderlessFullscreen(MonitorSelection::Primary));
        app.update();
        let w = app.world().get::<Window>(window).unwrap();
        assert_eq!(w.physical_size(), UVec2::new(1600, 900));
        assert_eq!(w.position, WindowPosition::At(IVec2::ZERO));

        let (mut app, window) =
            app_with(WindowMode::BorderlessFullscreen(MonitorSelection::Index(1)));
        app.update();
        let w = app.world().get::<Window>(window).unwrap();
        assert_eq!(w.physical_size(), UVec2::new(1024, 768));
        assert_eq!(w.position, WindowPosition::At(IVec2::new(1600, 0)));
    }

    #[test]
    fn a_window_and_a_missing_monitor_are_left_as_they_are_or_go_to_the_primary() {
        let (mut app, window) = app_with(WindowMode::Windowed);
        app.update();
        let w = app.world().get::<Window>(window).unwrap();
        assert_eq!(w.physical_size(), UVec2::new(800, 600));
        let (mut app, window) =
            app_with(WindowMode::BorderlessFullscreen(MonitorSelection::Index(7)));
        app.update();
        let w = app.world().get::<Window>(window).unwrap();
        assert_eq!(w.physical_size(), UVec2::new(1600, 900));
    }
}
