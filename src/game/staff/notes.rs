//! Notes on screen: for staff, a banner when the camera is missing or lost (with what to do)
//! and hints on the attract screen; for the child, a calm "the forest is resting" dimming
//! while the camera is away during play. Nothing here needs reading by the child.

use bevy::prelude::*;

use crate::game::AppSystems;
use crate::game::motion_bridge::{InputState, Motion};
use crate::game::screens::Screen;

/// The staff banner at the top of the screen.
#[derive(Component)]
struct StaffBanner;

/// The hint line at the bottom of the attract screen.
#[derive(Component)]
struct StaffHint;

/// The dimming veil shown while the forest rests.
#[derive(Component)]
struct RestingVeil;

/// What the banner says for an input state (empty: no banner).
pub fn banner_text(input: &InputState) -> String {
    match input {
        InputState::Running { .. } | InputState::Starting => String::new(),
        InputState::Demo => {
            "No camera: demo play. Move the mouse as a hand; W wiggle, Space jump, \
             R arms up, Q/E wave, arrows lean, F freeze."
                .into()
        }
        InputState::Lost { reason } => {
            format!("Camera: {reason} The forest rests until it is back.")
        }
    }
}

/// The staff chord as people say it: `Ctrl+Shift+S`.
pub fn chord_words(chord: &[KeyCode]) -> String {
    let words: Vec<String> = chord
        .iter()
        .map(|k| {
            let name = format!("{k:?}");
            let name = name
                .trim_end_matches("Left")
                .trim_end_matches("Right")
                .to_owned();
            match name.as_str() {
                "Control" => "Ctrl".to_owned(),
                "Super" => "Win".to_owned(),
                n => n
                    .strip_prefix("Key")
                    .or_else(|| n.strip_prefix("Digit"))
                    .unwrap_or(n)
                    .to_owned(),
            }
        })
        .collect();
    words.join("+")
}

/// Adds the notes.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_notes)
        .add_systems(Update, update_notes.in_set(AppSystems::Overlay));
}

fn spawn_notes(mut commands: Commands) {
    commands.spawn((
        Name::new("Staff banner"),
        StaffBanner,
        Text::new(""),
        TextFont {
            font_size: FontSize::Vh(2.6),
            ..default()
        },
        TextColor(Color::WHITE),
        BackgroundColor(Color::srgba(0.55, 0.15, 0.10, 0.0)),
        Node {
            position_type: PositionType::Absolute,
            top: px(0),
            left: px(0),
            right: px(0),
            padding: UiRect::all(px(10)),
            ..default()
        },
    ));
    commands.spawn((
        Name::new("Staff hint"),
        StaffHint,
        Text::new(""),
        TextFont {
            font_size: FontSize::Vh(2.0),
            ..default()
        },
        TextColor(Color::srgba(0.1, 0.2, 0.1, 0.8)),
        Node {
            position_type: PositionType::Absolute,
            bottom: px(8),
            right: px(14),
            ..default()
        },
    ));
    commands.spawn((
        Name::new("Resting veil"),
        RestingVeil,
        BackgroundColor(Color::srgba(0.05, 0.08, 0.25, 0.0)),
        Node {
            position_type: PositionType::Absolute,
            top: px(0),
            bottom: px(0),
            left: px(0),
            right: px(0),
            ..default()
        },
        GlobalZIndex(-1),
    ));
}

fn update_notes(
    time: Res<Time>,
    motion: Res<Motion>,
    levels: Option<Res<crate::game::levels::Levels>>,
    room: Option<Res<crate::game::motion_bridge::RoomChecks>>,
    logs: Option<Res<crate::game::records::LogsStatus>>,
    screen: Res<State<Screen>>,
    access: Res<crate::game::staff::StaffAccess>,
    lock: Option<Res<crate::game::staff::KioskLock>>,
    mut banner: Query<(&mut Text, &mut BackgroundColor), (With<StaffBanner>, Without<StaffHint>)>,
    mut hint: Query<&mut Text, (With<StaffHint>, Without<StaffBanner>)>,
    mut veil: Query<&mut BackgroundColor, (With<RestingVeil>, Without<StaffBanner>)>,
) {
    let mut text = banner_text(&motion.input);
    // Room trouble (too dark, flicker, a camera looking at nothing) for staff, with a hint.
    if text.is_empty()
        && let Some(room) = &room
        && let Some(w) = room.0.warnings().first()
    {
        text = format!("Room: {} {}", w.message, w.hint);
    }
    // Logs that cannot be saved: play goes on, staff need to know.
    if let Some(logs) = &logs
        && !logs.failing.is_empty()
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&logs.failing);
    }
    for (mut t, mut bg) in &mut banner {
        if t.0 != text {
            t.0 = text.clone();
        }
        let alpha = if text.is_empty() { 0.0 } else { 0.85 };
        bg.0.set_alpha(alpha);
    }
    let mut hint_text = match screen.get() {
        // The keys are named only where a child cannot use them to leave: behind a PIN, or
        // in a development window.
        Screen::Attract if access.pin.is_some() || !lock.is_some_and(|l| l.0) => {
            format!("Staff: {} opens the launcher", chord_words(&access.chord))
        }
        Screen::Attract => "Staff: the staff keys open the launcher".to_owned(),
        Screen::Loading => "Loading the forest...".to_owned(),
        _ => String::new(),
    };
    // Broken level files are named on the attract screen, where staff look between children.
    if *screen.get() == Screen::Attract
        && let Some(levels) = &levels
    {
        for (game, error) in levels.errors().take(3) {
            hint_text.push_str(&format!("\n{error} ({} is skipped)", game.name()));
        }
    }
    // News from the logs (a session recovered after a power cut, old logs deleted).
    if *screen.get() == Screen::Attract
        && let Some(logs) = &logs
    {
        for notice in &logs.notices {
            hint_text.push('\n');
            hint_text.push_str(notice);
        }
    }
    for mut t in &mut hint {
        if t.0 != hint_text {
            t.0 = hint_text.clone();
        }
    }
    // The forest fades to a calm night while the camera is away in a session: slowly, so
    // that nothing flashes.
    let resting = matches!(motion.input, InputState::Lost { .. }) && *screen.get() == Screen::Play;
    for mut bg in &mut veil {
        let target = if resting { 0.45 } else { 0.0 };
        let a = bg.0.alpha();
        bg.0.set_alpha(a + (target - a) * (1.0 - (-time.delta_secs() / 1.0).exp()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_tell_staff_what_happened() {
        assert!(banner_text(&InputState::Running { name: "cam".into() }).is_empty());
        assert!(banner_text(&InputState::Demo).contains("No camera"));
        let lost = banner_text(&InputState::Lost {
            reason: "The camera was unplugged.".into(),
        });
        assert!(lost.contains("unplugged") && lost.contains("rests"));
    }
}
