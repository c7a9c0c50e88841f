//! Starting the kiosk: the window, the camera side and the game, as a play specialist (or a
//! scripted demo, or a test) starts it.

use std::path::PathBuf;

use bevy::camera::ScalingMode;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::{PresentMode, WindowMode, WindowResolution};

use super::layout::{HEIGHT, WIDTH};
use super::motion_bridge::Feed;
use super::play_state::Stage;
use super::records::SessionLogs;
use super::screens::Screen;
use super::session::{Session, SessionPlan, StartSession};
use super::settings::Settings;
use super::staff::{Panel, SessionDefaults, StaffUi};
use crate::camera::{MotionFeed, SourceSpec, SupervisorConfig};
use crate::config::KioskConfig;
use crate::logs::{LogWriter, WriterOptions};

/// How to start the kiosk.
#[derive(Debug, Clone, Default)]
pub struct KioskOptions {
    /// The kiosk config (the shipped defaults when the file had mistakes).
    pub config: KioskConfig,
    /// The config file's mistakes, shown on the staff error screen; empty when it is fine.
    pub config_problems: Vec<String>,
    /// Where motion comes from; `None` plays with the mouse and keyboard only.
    pub input: Option<SourceSpec>,
    /// A window instead of full screen (development, demos on a laptop), whatever the
    /// config says.
    pub windowed: bool,
    /// Start this session as soon as the forest is ready (scripted runs and tests).
    pub autostart: Option<SessionPlan>,
    /// Quit after the first session's celebration (scripted runs).
    pub quit_after_session: bool,
    /// Save a screenshot of every screen and game into this folder.
    pub screenshots: Option<PathBuf>,
    /// The level files' folder; when `None`, the one found with the kiosk's config
    /// ([`super::levels::LevelsDir::find`]).
    pub levels: Option<PathBuf>,
    /// bevy's asset folder; when `None`, bevy's own default (`assets` beside the program).
    pub assets: Option<PathBuf>,
    /// Check every frame for flashes (see [`super::flash_recording`]): the game clock runs
    /// at 60 frames a second of play whatever the machine draws, the attract scene is shown
    /// 10 s before a scripted session, and the run fails if a screen is not flash-safe.
    pub flash_check: bool,
}

/// Options the running app reads.
#[derive(Resource, Debug, Clone, Default)]
struct RunOptions(KioskOptions);

/// Runs the kiosk until it is closed (or, scripted, until its session ends).
pub fn run(options: KioskOptions) -> Result<(), String> {
    let launched = LaunchedAt(std::time::Instant::now());
    // No screen or no graphics driver: one sentence and exit status 2, not a stack trace.
    super::first_run::install_panic_sentences();
    let mut app = App::new();
    app.insert_resource(launched);
    if let Some(dir) = &options.levels {
        app.insert_resource(super::levels::LevelsDir(dir.clone()));
    }
    // The levels folder is an asset source: it must be registered before the asset plugin.
    app.add_plugins(super::levels::source_plugin);
    let mut assets = AssetPlugin::default();
    if let Some(dir) = &options.assets {
        // Absolute: bevy joins it onto its base path, and joining an absolute path keeps it.
        assets.file_path = dir.to_string_lossy().into_owned();
    }
    let windowed = options.windowed || !options.config.display.fullscreen;
    let monitor = match options.config.display.monitor {
        0 => MonitorSelection::Primary,
        n => MonitorSelection::Index(n as usize),
    };
    // The flash check measures in shares of the screen, whatever its pixels: a window of a
    // quarter of the pixels is checked the same, four times faster on a software renderer.
    let resolution = if options.flash_check && windowed {
        WindowResolution::new(640, 360)
    } else {
        WindowResolution::new(1280, 720)
    };
    let window = Window {
        title: "Wigglewoods".into(),
        resolution,
        mode: if windowed {
            WindowMode::Windowed
        } else {
            WindowMode::BorderlessFullscreen(monitor)
        },
        decorations: windowed,
        present_mode: PresentMode::AutoVsync,
        ..default()
    };
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(window),
                // The kiosk lock decides: closing does nothing until staff unlock it.
                close_when_requested: false,
                ..default()
            })
            .set(ImagePlugin::default_linear())
            .set(assets),
    );
    app.insert_resource(ClearColor(super::palette::SKY_LOW));
    app.add_plugins((
        super::plugin,
        super::physics::plugin,
        super::screen_fill::plugin,
    ));
    let recording = super::flash_recording::FlashRecording::default();
    if options.flash_check {
        app.insert_resource(recording.clone());
        app.add_plugins(super::flash_recording::plugin);
    }
    let config = &options.config;
    if let Some(spec) = &options.input {
        let feed = MotionFeed::start(
            spec,
            config.input.capture(),
            config.motion_config(),
            SupervisorConfig::default(),
        )
        .map_err(|e| format!("could not start the camera side: {e}"))?;
        app.insert_resource(Feed(feed));
    }
    app.insert_resource(session_logs(config));
    app.insert_resource(Settings {
        config: config.clone(),
        problems: options.config_problems.clone(),
    });
    app.insert_resource(super::staff::KioskLock(!windowed));
    let flash_check = options.flash_check;
    app.insert_resource(RunOptions(options));
    app.add_systems(Startup, spawn_camera)
        .add_systems(
            OnEnter(Screen::Attract),
            (report_startup, quit_after_session),
        )
        .add_systems(
            Update,
            (autostart, photograph_launcher).run_if(in_state(Screen::Attract)),
        )
        .add_systems(Update, take_screenshots);
    app.run();
    if flash_check {
        let (lines, all_pass) = super::flash_recording::summary(&recording);
        for line in &lines {
            println!("{line}");
        }
        if !all_pass {
            return Err("the picture is not flash-safe on every screen (see above)".to_owned());
        }
    }
    Ok(())
}

/// The log writer for this kiosk: it recovers sessions a crash left open and applies
/// retention on its own thread. If even the thread cannot start, sessions are still played
/// (and kept in memory) and the reason is logged.
fn session_logs(config: &KioskConfig) -> SessionLogs {
    let options = WriterOptions {
        kiosk: Some(config.kiosk.id.clone()),
        retention_days: Some(config.logs.retention_days),
        ..WriterOptions::default()
    };
    let writer = match LogWriter::start(&config.logs.folder, options) {
        Ok(writer) => {
            info!("session logs go to {}", config.logs.folder.display());
            Some(writer)
        }
        Err(e) => {
            error!("session logs cannot be written: {e}");
            None
        }
    };
    SessionLogs {
        writer,
        kiosk: config.kiosk.id.clone(),
        ward: config.kiosk.ward.clone(),
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        Name::new("Camera"),
        Camera2d,
        Projection::from(OrthographicProjection {
            scaling_mode: ScalingMode::AutoMin {
                min_width: WIDTH,
                min_height: HEIGHT,
            },
            ..OrthographicProjection::default_2d()
        }),
    ));
}

/// A scripted session starts after a few seconds of the attract scene (long enough to see
/// it, and to take its screenshot).
fn autostart(
    options: Res<RunOptions>,
    time: Res<Time>,
    mut start: MessageWriter<StartSession>,
    mut since: Local<Option<f32>>,
    mut done: Local<bool>,
) {
    let Some(plan) = &options.0.autostart else {
        return;
    };
    let entered = *since.get_or_insert(time.elapsed_secs());
    // With screenshots, the launcher is shown (and photographed) first; a flash check
    // watches the attract scene for 10 s first.
    let after = if options.0.flash_check {
        FLASH_CHECK_ATTRACT_SECONDS
    } else if options.0.screenshots.is_some() {
        LAUNCHER_SHOT_CLOSE + 0.5
    } else {
        AUTOSTART_AFTER
    };
    if !*done && time.elapsed_secs() - entered >= after {
        *done = true;
        start.write(StartSession(plan.clone()));
    }
}

/// Seconds of attract scene before a scripted session starts.
const AUTOSTART_AFTER: f32 = 3.0;
/// Seconds of attract scene a flash check watches before its session starts.
const FLASH_CHECK_ATTRACT_SECONDS: f32 = 10.5;

/// In a run with screenshots, seconds into the attract scene at which the staff launcher
/// opens, is photographed, and closes again.
const LAUNCHER_SHOT_OPEN: f32 = 3.0;
const LAUNCHER_SHOT_TAKE: f32 = 4.5;
const LAUNCHER_SHOT_CLOSE: f32 = 5.0;

/// A scripted run with screenshots also shows the staff launcher as staff would see it
/// (the ward's defaults chosen), so that its look can be checked like every other screen.
fn photograph_launcher(
    mut commands: Commands,
    options: Res<RunOptions>,
    time: Res<Time>,
    defaults: Res<SessionDefaults>,
    mut ui: ResMut<StaffUi>,
    mut since: Local<Option<f32>>,
    mut step: Local<u8>,
) {
    let Some(dir) = &options.0.screenshots else {
        return;
    };
    let t = time.elapsed_secs() - *since.get_or_insert(time.elapsed_secs());
    match *step {
        0 if t >= LAUNCHER_SHOT_OPEN => {
            ui.plan = defaults.0.clone();
            ui.code = "K7Q2".into();
            ui.open = Some(Panel::Launcher);
            *step = 1;
        }
        1 if t >= LAUNCHER_SHOT_TAKE => {
            let _ = std::fs::create_dir_all(dir);
            let path = dir.join("launcher.png");
            info!("screenshot {}", path.display());
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path));
            *step = 2;
        }
        2 if t >= LAUNCHER_SHOT_CLOSE => {
            ui.open = None;
            ui.code.clear();
            *step = 3;
        }
        _ => {}
    }
}

/// When the program started, to report how long the forest took to appear.
#[derive(Resource, Debug, Clone, Copy)]
pub struct LaunchedAt(pub std::time::Instant);

fn report_startup(launched: Res<LaunchedAt>, mut reported: Local<bool>) {
    if !*reported {
        *reported = true;
        info!(
            "attract scene after {:.2} s",
            launched.0.elapsed().as_secs_f32()
        );
    }
}

/// Back at attract after a session: a scripted run ends here.
fn quit_after_session(
    options: Res<RunOptions>,
    session: Res<Session>,
    mut exit: MessageWriter<AppExit>,
) {
    if options.0.quit_after_session && !session.results.is_empty() {
        info!("session over: quitting as asked");
        exit.write(AppExit::Success);
    }
}

/// One screenshot per screen and per game, a moment after it appears.
fn take_screenshots(
    mut commands: Commands,
    options: Res<RunOptions>,
    screen: Res<State<Screen>>,
    stage: Option<Res<State<Stage>>>,
    time: Res<Time>,
    mut current: Local<Option<(String, f32)>>,
    mut taken: Local<Vec<String>>,
) {
    let Some(dir) = &options.0.screenshots else {
        return;
    };
    let name = match (screen.get(), stage.as_deref().map(State::get)) {
        (Screen::Play, Some(Stage::Between)) | (Screen::Loading, _) => return,
        (Screen::Play, Some(Stage::Game(game))) => format!("play_{}", game.name().replace('_', "")),
        (screen, _) => format!("{screen:?}").to_lowercase(),
    };
    let now = time.elapsed_secs();
    if current.as_ref().is_none_or(|(n, _)| *n != name) {
        *current = Some((name.clone(), now));
    }
    let since = current.as_ref().map_or(0.0, |(_, t)| now - t);
    if since > 2.5 && !taken.contains(&name) {
        let _ = std::fs::create_dir_all(dir);
        let path = dir.join(format!("{name}.png"));
        info!("screenshot {}", path.display());
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
        taken.push(name);
    }
}
