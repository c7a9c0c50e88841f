//! `--flash-check`: the kiosk checks its own picture for flashes as it runs, every frame of
//! every screen and game, by WCAG 2.3.1 ([`crate::flash`]). Why in the kiosk: what a child
//! sees is the rendered picture, with the weather, the celebrations and the games' answers
//! all at once; only the real renderer shows it.
//!
//! The game's clock then moves 1/60 s a frame whatever the machine manages (Mesa's software
//! renderer draws a few frames a second), so each captured frame is one frame of a 60 Hz
//! display. The frames are checked as they arrive and never stored. At the end the kiosk
//! prints one line per screen (`flash check attract: 612 frames (10.2 s): ...`) and fails
//! if one is not flash-safe.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::time::TimeUpdateStrategy;

use super::play_state::Stage;
use super::screens::Screen;
use crate::flash::{FlashCheck, FlashReport};

/// The display rate a recorded frame stands for.
pub const FPS: f64 = 60.0;

/// Frames that may wait for an earlier one before the gap is given up on.
const REORDER: usize = 8;

/// The checks of a run, per screen (and game), shared with the screenshot observers and
/// read after the app has ended.
#[derive(Resource, Clone, Default)]
pub struct FlashRecording(pub Arc<Mutex<Recorded>>);

/// Each screen's check, in the order the screens were first seen.
#[derive(Default)]
pub struct Recorded {
    order: Vec<String>,
    screens: HashMap<String, ScreenCheck>,
}

#[derive(Default)]
struct ScreenCheck {
    check: Option<FlashCheck>,
    next: u64,
    waiting: BTreeMap<u64, (Vec<u8>, usize, usize)>,
    problem: Option<String>,
}

impl Recorded {
    fn take(&mut self, name: &str, frame: u64, rgba: Vec<u8>, width: usize, height: usize) {
        if !self.screens.contains_key(name) {
            self.order.push(name.to_owned());
        }
        let screen = self.screens.entry(name.to_owned()).or_default();
        if screen.check.is_none() {
            screen.check = Some(FlashCheck::new(FPS, width, height));
            screen.next = frame;
        }
        screen.waiting.insert(frame, (rgba, width, height));
        // In frame order; a frame that never came is skipped once enough later ones wait.
        while let Some((&first, _)) = screen.waiting.first_key_value() {
            if first != screen.next && screen.waiting.len() <= REORDER {
                break;
            }
            let (_, (rgba, ..)) = screen.waiting.pop_first().unwrap_or_default();
            screen.next = first + 1;
            if let Some(check) = screen.check.as_mut()
                && let Err(e) = check.push(&rgba, 4)
            {
                screen.problem.get_or_insert(e);
            }
        }
    }

    /// Each screen's report (or why it could not be checked), in order.
    pub fn reports(&mut self) -> Vec<(String, Result<FlashReport, String>)> {
        self.order
            .iter()
            .map(|name| {
                let screen = self.screens.get_mut(name).expect("seen screens are kept");
                // What still waits goes in, in order.
                let waiting = std::mem::take(&mut screen.waiting);
                if let Some(check) = screen.check.as_mut() {
                    for (rgba, ..) in waiting.into_values() {
                        if let Err(e) = check.push(&rgba, 4) {
                            screen.problem.get_or_insert(e);
                        }
                    }
                }
                let report = match (&screen.problem, &screen.check) {
                    (Some(problem), _) => Err(problem.clone()),
                    (None, Some(check)) => Ok(check.report()),
                    (None, None) => Err("no frame arrived".to_owned()),
                };
                (name.clone(), report)
            })
            .collect()
    }
}

/// Records every frame: the game clock at 60 frames a second, a screenshot each frame.
pub fn plugin(app: &mut App) {
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        1.0 / FPS,
    )))
    .init_resource::<FlashRecording>()
    .add_systems(Last, capture_frame);
}

/// The name a frame is checked under: the screen, or `play_<game>` during a game.
fn screen_name(screen: &Screen, stage: Option<&Stage>) -> String {
    match (screen, stage) {
        (Screen::Play, Some(Stage::Game(game))) => format!("play_{}", game.name()),
        (Screen::Play, _) => "play_between_games".to_owned(),
        (screen, _) => format!("{screen:?}").to_lowercase(),
    }
}

fn capture_frame(
    mut commands: Commands,
    recording: Res<FlashRecording>,
    screen: Res<State<Screen>>,
    stage: Option<Res<State<Stage>>>,
    mut frame: Local<u64>,
) {
    let name = screen_name(screen.get(), stage.as_deref().map(State::get));
    let number = *frame;
    *frame += 1;
    let shared = recording.0.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>| {
            let image = captured.image.clone();
            let (w, h) = (image.width() as usize, image.height() as usize);
            let Ok(rgba) = image.try_into_dynamic().map(|d| d.to_rgba8().into_raw()) else {
                return;
            };
            if let Ok(mut recorded) = shared.lock() {
                recorded.take(&name, number, rgba, w, h);
            }
        },
    );
}

/// The lines the kiosk prints after a `--flash-check` run, and whether every screen passed.
pub fn summary(recording: &FlashRecording) -> (Vec<String>, bool) {
    let Ok(mut recorded) = recording.0.lock() else {
        return (
            vec!["flash check: the recording was lost".to_owned()],
            false,
        );
    };
    let mut all_pass = true;
    let lines = recorded
        .reports()
        .into_iter()
        .map(|(name, report)| match report {
            Ok(report) => {
                all_pass &= report.passes();
                format!("flash check {name}: {report}")
            }
            Err(problem) => {
                all_pass = false;
                format!("flash check {name}: could not be checked: {problem}")
            }
        })
        .collect();
    (lines, all_pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(v: u8) -> Vec<u8> {
        [v, v, v, 255].repeat(16 * 9)
    }

    #[test]
    fn frames_are_checked_in_order_even_when_they_arrive_out_of_it() {
        let mut recorded = Recorded::default();
        // Black and white every 3 frames, sent with each pair swapped: in order it is 10
        // flashes a second; out of order it would read as more.
        let frames: Vec<u64> = (0..120).collect();
        for pair in frames.chunks(2) {
            for &n in pair.iter().rev() {
                let v = if (n / 3) % 2 == 0 { 10 } else { 240 };
                recorded.take("attract", n, grey(v), 16, 9);
            }
        }
        recorded.take("calibrate", 0, grey(128), 16, 9);
        let reports = recorded.reports();
        assert_eq!(reports.len(), 2);
        let attract = reports[0].1.clone().unwrap();
        assert_eq!(reports[0].0, "attract");
        assert_eq!(attract.frames, 120);
        assert_eq!(attract.general_per_second, 10, "{attract:?}");
        assert!(reports[1].1.clone().unwrap().passes());
    }
}
