//! The staff diagnostics overlay (F3): how the camera side is doing, at a glance.
//!
//! Frames per second of the screen and of the motion core, frames dropped, the latency from
//! capture to report, the camera and its format, the light, and the room checks' warnings.

use bevy::prelude::*;

use crate::game::AppSystems;
use crate::game::motion_bridge::{InputState, Motion, RoomChecks};

/// The key that shows and hides the overlay.
pub const TOGGLE: KeyCode = KeyCode::F3;

/// The overlay's text.
#[derive(Component)]
struct Diagnostics;

/// Adds the overlay (hidden at start).
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn).add_systems(
        Update,
        (toggle, refresh).chain().in_set(AppSystems::Overlay),
    );
}

fn spawn(mut commands: Commands) {
    commands.spawn((
        Name::new("Diagnostics"),
        Diagnostics,
        Text::new(""),
        TextFont {
            font_size: FontSize::Vh(2.0),
            ..default()
        },
        TextColor(Color::WHITE),
        BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.65)),
        Node {
            position_type: PositionType::Absolute,
            top: px(60),
            left: px(10),
            padding: UiRect::all(px(8)),
            ..default()
        },
        Visibility::Hidden,
    ));
}

fn toggle(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mut overlay: Query<&mut Visibility, With<Diagnostics>>,
) {
    if keys.is_some_and(|k| k.just_pressed(TOGGLE)) {
        for mut v in &mut overlay {
            *v = match *v {
                Visibility::Hidden => Visibility::Visible,
                _ => Visibility::Hidden,
            };
        }
    }
}

/// The overlay's lines for the current state.
pub fn describe(motion: &Motion, screen_fps: f32, room: Option<&RoomChecks>) -> String {
    let source = match &motion.input {
        InputState::Running { name } => name.clone(),
        InputState::Starting => "starting...".into(),
        InputState::Lost { reason } => format!("LOST: {reason}"),
        InputState::Demo => "demo (mouse and keys)".into(),
    };
    let l = &motion.report.lighting;
    let light = if motion.report.camera_moved {
        "camera moving"
    } else if l.event {
        "changing"
    } else if l.too_dark {
        "too dark"
    } else {
        "steady"
    };
    let mut text = format!(
        "input: {source}\nscreen {screen_fps:.0} fps, motion {:.0} fps, dropped {}, latency {:.1} ms\n\
         light: {light} (mean {:.0}, noise {:.2}, threshold {})\n\
         players {}, activity {:.2}, moving {:.1}%",
        motion.fps,
        motion.dropped,
        motion.latency.as_secs_f64() * 1000.0,
        l.mean_luma,
        l.noise,
        l.threshold,
        motion.report.players.len(),
        motion.report.activity,
        motion.report.motion_fraction * 100.0,
    );
    if let Some(room) = room {
        for w in room.0.warnings() {
            text.push_str(&format!("\nroom: {} {}", w.message, w.hint));
        }
    }
    text
}

fn refresh(
    time: Res<Time>,
    motion: Res<Motion>,
    room: Option<Res<RoomChecks>>,
    mut overlay: Query<(&mut Text, &Visibility), With<Diagnostics>>,
    mut fps: Local<f32>,
) {
    let dt = time.delta_secs().max(1e-4);
    *fps += (1.0 / dt - *fps) * 0.05;
    for (mut text, visibility) in &mut overlay {
        if *visibility != Visibility::Hidden {
            text.0 = describe(&motion, *fps, room.as_deref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_names_source_rates_and_light() {
        let mut motion = Motion {
            input: InputState::Running {
                name: "USB camera (640x480, 30 fps)".into(),
            },
            fps: 29.7,
            latency: std::time::Duration::from_micros(2400),
            ..Motion::default()
        };
        motion.report.lighting.too_dark = true;
        let text = describe(&motion, 59.8, None);
        assert!(text.contains("USB camera") && text.contains("60 fps") && text.contains("30 fps"));
        assert!(text.contains("2.4 ms") && text.contains("too dark"));
    }
}
