//! The staff panels: the PIN pad, the session launcher, and the in-session panel.
//!
//! Big buttons for a tablet or a mouse, a keyboard for the child code; nothing here is for
//! the child, and nothing here appears without the staff chord.

mod launcher;
mod pin;
mod session;
mod widgets;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use self::widgets::{BUTTON, CHOSEN, PANEL, START};

use super::Unlocked;
use super::access::{StaffAccess, chord_pressed};
use crate::game::audio::MusicState;
use crate::game::play_state::{Paused, SessionStopped};
use crate::game::screens::Screen;
use crate::game::session::{SessionPlan, StartSession};
use crate::games::GameId;
use crate::logs::child_code;
use crate::motion::Profile;

/// Which panel is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Asking for the staff PIN.
    Pin,
    /// Choosing and starting a session.
    Launcher,
    /// Pause, resume or stop the running session.
    Session,
}

/// Seconds without staff input after which an open panel closes by itself.
pub const IDLE_CLOSE: f32 = 90.0;
/// Wrong PINs before the pad closes.
const PIN_TRIES: u32 = 3;

/// The ward's defaults for a new session (from the kiosk config).
#[derive(Resource, Debug, Clone, Default)]
pub struct SessionDefaults(pub SessionPlan);

/// What the staff panels show and what is being typed.
#[derive(Resource, Debug, Default)]
pub struct StaffUi {
    /// The open panel, if any.
    pub open: Option<Panel>,
    /// Digits typed on the PIN pad.
    pub pin_typed: String,
    /// Wrong PINs in a row.
    pub pin_failures: u32,
    /// The session being set up.
    pub plan: SessionPlan,
    /// The child code as typed.
    pub code: String,
    /// A line for the play specialist (why a code was refused, what happened).
    pub message: String,
    /// Seconds since the last staff input.
    pub idle: f32,
    /// Staff pressed "Export report"; the export system takes it from here.
    pub export_asked: bool,
}

/// What a button does.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Choose a profile.
    Profile(Profile),
    /// Change the session length by this many minutes.
    Minutes(i32),
    /// Add or remove a game.
    Game(GameId),
    /// Switch play by ear on or off for the session.
    SoundLed,
    /// Start the session.
    Start,
    /// Close the panel.
    Close,
    /// Unlock and quit the kiosk.
    Quit,
    /// A digit on the PIN pad.
    Digit(u8),
    /// Delete the last PIN digit.
    Back,
    /// Check the PIN.
    Enter,
    /// Pause or resume the session.
    PauseResume,
    /// End the session now.
    Stop,
    /// Write the activity report (CSV and HTML) into the export folder.
    Export,
}

#[derive(Component)]
struct PanelRoot;

/// Text that shows live state.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum Live {
    Minutes,
    Code,
    Message,
    Pin,
    Pause,
}

/// Adds the panels.
pub fn plugin(app: &mut App) {
    app.init_resource::<StaffUi>()
        .init_resource::<SessionDefaults>()
        .add_systems(
            Update,
            (
                open_on_chord,
                type_keys,
                press_buttons,
                idle_close,
                rebuild,
                refresh,
                pause_music,
            )
                .chain()
                .in_set(crate::game::AppSystems::Overlay),
        );
}

fn open_on_chord(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    access: Res<StaffAccess>,
    screen: Res<State<Screen>>,
    defaults: Res<SessionDefaults>,
    mut ui: ResMut<StaffUi>,
) {
    let Some(keys) = keys else {
        return;
    };
    if !chord_pressed(&keys, &access.chord) {
        return;
    }
    if ui.open.is_some() {
        ui.open = None;
        return;
    }
    ui.idle = 0.0;
    ui.message.clear();
    ui.open = match screen.get() {
        Screen::Attract if access.pin.is_some() => Some(Panel::Pin),
        Screen::Attract => Some(Panel::Launcher),
        Screen::Calibrate | Screen::Play => Some(Panel::Session),
        _ => None,
    };
    if ui.open == Some(Panel::Launcher) {
        ui.plan = defaults.0.clone();
        ui.code.clear();
    }
    ui.pin_typed.clear();
}

/// Typing: digits for the PIN, letters and digits for the child code; Enter confirms.
fn type_keys(
    mut typed: MessageReader<KeyboardInput>,
    mut ui: ResMut<StaffUi>,
    mut actions: Local<Vec<Action>>,
    access: Res<StaffAccess>,
    mut start: MessageWriter<StartSession>,
) {
    actions.clear();
    for key in typed.read() {
        if key.state != ButtonState::Pressed || ui.open.is_none() {
            continue;
        }
        ui.idle = 0.0;
        match (&key.logical_key, ui.open) {
            (Key::Enter, Some(Panel::Pin)) => actions.push(Action::Enter),
            (Key::Enter, Some(Panel::Launcher)) => actions.push(Action::Start),
            (Key::Backspace, Some(Panel::Pin)) => actions.push(Action::Back),
            (Key::Backspace, Some(Panel::Launcher)) => {
                ui.code.pop();
            }
            (Key::Character(c), Some(Panel::Pin)) => {
                if let Some(d) = c.chars().next().and_then(|c| c.to_digit(10)) {
                    actions.push(Action::Digit(d as u8));
                }
            }
            (Key::Character(c), Some(Panel::Launcher)) => {
                for ch in c
                    .chars()
                    .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-')
                {
                    if ui.code.len() < 12 {
                        ui.code.push(ch.to_ascii_uppercase());
                    }
                }
            }
            _ => {}
        }
    }
    let pending: Vec<Action> = actions.drain(..).collect();
    for action in pending {
        apply(action, &mut ui, &access, &mut start, None, None, None);
    }
}

fn press_buttons(
    buttons: Query<(&Interaction, &Action), Changed<Interaction>>,
    mut ui: ResMut<StaffUi>,
    access: Res<StaffAccess>,
    mut start: MessageWriter<StartSession>,
    mut paused: ResMut<Paused>,
    mut stopped: MessageWriter<SessionStopped>,
    mut unlocked: ResMut<Unlocked>,
) {
    for (interaction, action) in &buttons {
        if *interaction == Interaction::Pressed {
            ui.idle = 0.0;
            apply(
                *action,
                &mut ui,
                &access,
                &mut start,
                Some(&mut paused),
                Some(&mut stopped),
                Some(&mut unlocked),
            );
        }
    }
}

/// Carries out a staff action.
fn apply(
    action: Action,
    ui: &mut StaffUi,
    access: &StaffAccess,
    start: &mut MessageWriter<StartSession>,
    paused: Option<&mut Paused>,
    stopped: Option<&mut MessageWriter<SessionStopped>>,
    unlocked: Option<&mut Unlocked>,
) {
    match action {
        Action::Profile(p) => ui.plan.profile = p,
        Action::Minutes(d) => ui.plan.minutes = (ui.plan.minutes + d as f32).clamp(1.0, 60.0),
        Action::SoundLed => ui.plan.sound_led = !ui.plan.sound_led,
        Action::Game(g) => {
            if let Some(i) = ui.plan.games.iter().position(|x| *x == g) {
                if ui.plan.games.len() > 1 {
                    ui.plan.games.remove(i);
                }
            } else {
                ui.plan.games.push(g);
                // Keep the playlist in the usual order.
                ui.plan
                    .games
                    .sort_by_key(|g| GameId::ALL.iter().position(|x| x == g));
            }
        }
        Action::Start => match child_code::check(&ui.code) {
            Ok(code) => {
                ui.plan.child = (!code.is_empty()).then_some(code);
                start.write(StartSession(ui.plan.clone()));
                ui.open = None;
            }
            Err(problem) => ui.message = problem.to_string(),
        },
        Action::Close => ui.open = None,
        Action::Quit => {
            if let Some(unlocked) = unlocked {
                unlocked.0 = true;
            }
            ui.message = "Unlocked: close the window to quit.".into();
        }
        Action::Digit(d) => {
            if ui.pin_typed.len() < 8 {
                ui.pin_typed.push(char::from(b'0' + d));
            }
        }
        Action::Back => {
            ui.pin_typed.pop();
        }
        Action::Enter => {
            if access
                .pin
                .as_ref()
                .is_some_and(|p| p.matches(&ui.pin_typed))
            {
                ui.open = Some(Panel::Launcher);
                ui.pin_failures = 0;
                ui.message.clear();
            } else {
                ui.pin_failures += 1;
                ui.message = "Wrong PIN.".into();
                if ui.pin_failures >= PIN_TRIES {
                    ui.open = None;
                    ui.pin_failures = 0;
                }
            }
            ui.pin_typed.clear();
        }
        Action::PauseResume => {
            if let Some(paused) = paused {
                paused.0 = !paused.0;
            }
        }
        Action::Stop => {
            if let Some(stopped) = stopped {
                stopped.write(SessionStopped);
            }
            ui.open = None;
        }
        Action::Export => ui.export_asked = true,
    }
}

fn idle_close(time: Res<Time>, mut ui: ResMut<StaffUi>) {
    if ui.open.is_some() {
        ui.idle += time.delta_secs();
        if ui.idle > IDLE_CLOSE {
            ui.open = None;
        }
    }
}

/// While paused the music stops; on resume the game sets it again.
fn pause_music(paused: Res<Paused>, mut music: ResMut<MusicState>) {
    if paused.is_changed() {
        music.playing = !paused.0;
    }
}

/// Rebuilds the panel when what is open changes.
fn rebuild(
    mut commands: Commands,
    ui: Res<StaffUi>,
    roots: Query<Entity, With<PanelRoot>>,
    mut shown: Local<Option<Panel>>,
) {
    if ui.open == *shown && !(ui.is_changed() && roots.is_empty() && ui.open.is_some()) {
        return;
    }
    *shown = ui.open;
    for root in &roots {
        commands.entity(root).despawn();
    }
    let Some(panel) = ui.open else {
        return;
    };
    let root = commands
        .spawn((
            Name::new("Staff panel"),
            PanelRoot,
            Node {
                position_type: PositionType::Absolute,
                left: percent(15),
                right: percent(15),
                top: percent(12),
                padding: UiRect::all(px(20)),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                border_radius: BorderRadius::all(px(16)),
                ..default()
            },
            BackgroundColor(PANEL),
            GlobalZIndex(10),
        ))
        .id();
    commands.entity(root).with_children(|p| match panel {
        Panel::Pin => pin::spawn(p),
        Panel::Launcher => launcher::spawn(p),
        Panel::Session => session::spawn(p),
    });
}

/// Live texts and which buttons show as chosen.
fn refresh(
    ui: Res<StaffUi>,
    paused: Res<Paused>,
    mut texts: Query<(&Live, &mut Text), Without<Button>>,
    mut buttons: Query<
        (
            &Action,
            &mut BackgroundColor,
            Option<&Children>,
            Option<&Live>,
        ),
        With<Button>,
    >,
    mut inner: Query<&mut Text, (Without<Live>, Without<Button>)>,
) {
    for (live, mut text) in &mut texts {
        let value = match live {
            Live::Minutes => format!("{} minutes", ui.plan.minutes),
            Live::Code => format!("Child code: {}_", ui.code),
            Live::Message => ui.message.clone(),
            Live::Pin => "*".repeat(ui.pin_typed.len()),
            Live::Pause => String::new(),
        };
        if text.0 != value {
            text.0 = value;
        }
    }
    for (action, mut bg, children, live) in &mut buttons {
        let colour = match action {
            Action::Profile(p) if *p == ui.plan.profile => CHOSEN,
            Action::Game(g) if ui.plan.games.contains(g) => CHOSEN,
            Action::SoundLed if ui.plan.sound_led => CHOSEN,
            Action::Start => START,
            _ => BUTTON,
        };
        if bg.0 != colour {
            bg.0 = colour;
        }
        if live == Some(&Live::Pause)
            && let Some(child) = children.and_then(|c| c.first())
            && let Ok(mut t) = inner.get_mut(*child)
        {
            let value = if paused.0 { "Resume" } else { "Pause" };
            if t.0 != value {
                t.0 = value.into();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_playlist_keeps_at_least_one_game_and_its_order() {
        let mut ui = StaffUi {
            plan: SessionPlan {
                games: vec![GameId::FrogHop],
                ..SessionPlan::default()
            },
            ..StaffUi::default()
        };
        let access = StaffAccess::default();
        let mut world = World::new();
        world.init_resource::<Messages<StartSession>>();
        let mut state: bevy::ecs::system::SystemState<MessageWriter<StartSession>> =
            bevy::ecs::system::SystemState::new(&mut world);
        let mut start = state.get_mut(&mut world).expect("the message queue exists");
        // A press of a launcher button, with no session running.
        let mut press =
            |action, ui: &mut StaffUi| apply(action, ui, &access, &mut start, None, None, None);
        press(Action::Game(GameId::FrogHop), &mut ui);
        assert_eq!(
            ui.plan.games,
            vec![GameId::FrogHop],
            "never an empty playlist"
        );
        press(Action::Game(GameId::AppleShake), &mut ui);
        assert_eq!(ui.plan.games, vec![GameId::AppleShake, GameId::FrogHop]);
        press(Action::Minutes(-100), &mut ui);
        assert_eq!(ui.plan.minutes, 1.0);
    }
}
