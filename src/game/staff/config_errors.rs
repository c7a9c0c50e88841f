//! The staff error screen for a kiosk config with mistakes: on the attract scene, where staff
//! look between children, a panel lists each mistake with its file, line, column and field.
//! The kiosk meanwhile runs on the shipped settings, so the ward is never left without play.
//! The staff chord hides the panel until the next start.

use bevy::prelude::*;

use super::access::{StaffAccess, chord_pressed};
use crate::game::screens::Screen;
use crate::game::settings::Settings;

/// Most mistakes listed on screen (all of them are in the log and `check-config`).
const SHOWN: usize = 8;

#[derive(Component)]
struct ConfigErrorPanel;

/// Staff have seen the mistakes and hidden the panel.
#[derive(Resource, Debug, Default)]
struct Dismissed(bool);

/// Adds the error screen.
pub fn plugin(app: &mut App) {
    app.init_resource::<Dismissed>()
        .add_systems(OnEnter(Screen::Attract), show)
        .add_systems(
            Update,
            dismiss_on_chord
                .in_set(crate::game::AppSystems::Overlay)
                .run_if(in_state(Screen::Attract)),
        );
}

/// The panel's text: what is wrong and what to do.
pub fn error_text(problems: &[String]) -> String {
    let mut text = String::from("The kiosk settings file has mistakes:\n\n");
    for p in problems.iter().take(SHOWN) {
        text.push_str(p);
        text.push('\n');
    }
    if problems.len() > SHOWN {
        text.push_str(&format!("... and {} more\n", problems.len() - SHOWN));
    }
    text.push_str(
        "\nThe kiosk is running with its usual settings until the file is fixed. \
         Correct the file (`wigglewoods check-config` lists every mistake), then restart \
         the kiosk. The staff keys hide this note.",
    );
    text
}

fn show(
    mut commands: Commands,
    settings: Res<Settings>,
    dismissed: Res<Dismissed>,
    panels: Query<(), With<ConfigErrorPanel>>,
) {
    if settings.problems.is_empty() || dismissed.0 || !panels.is_empty() {
        return;
    }
    commands.spawn((
        Name::new("Config errors"),
        ConfigErrorPanel,
        DespawnOnExit(Screen::Attract),
        Node {
            position_type: PositionType::Absolute,
            left: percent(8),
            right: percent(8),
            top: percent(14),
            padding: UiRect::all(px(24)),
            border_radius: BorderRadius::all(px(16)),
            ..default()
        },
        BackgroundColor(Color::srgba(0.35, 0.08, 0.06, 0.93)),
        GlobalZIndex(9),
        children![(
            Text::new(error_text(&settings.problems)),
            TextFont {
                font_size: FontSize::Vh(2.4),
                ..default()
            },
            TextColor(Color::WHITE),
        )],
    ));
}

fn dismiss_on_chord(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    access: Res<StaffAccess>,
    mut dismissed: ResMut<Dismissed>,
    panels: Query<Entity, With<ConfigErrorPanel>>,
    mut commands: Commands,
) {
    if panels.is_empty() || !keys.is_some_and(|k| chord_pressed(&k, &access.chord)) {
        return;
    }
    dismissed.0 = true;
    for panel in &panels {
        commands.entity(panel).despawn();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_lists_mistakes_and_says_what_to_do() {
        let problems: Vec<String> = (1..=10)
            .map(|i| format!("kiosk-config/kiosk.ron:{i}:3: audio.cap: wrong"))
            .collect();
        let text = error_text(&problems);
        assert!(text.contains("kiosk.ron:1:3: audio.cap"));
        assert!(text.contains("kiosk.ron:8:3"));
        assert!(!text.contains("kiosk.ron:9:3"));
        assert!(text.contains("and 2 more"));
        assert!(text.contains("check-config"));
    }
}
