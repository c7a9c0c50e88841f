//! `wigglewoods soak`: an hour of play compressed into minutes, to show that the kiosk can
//! run all day: memory stays flat and log files stay small.
//!
//! The whole game (every screen, game, animal, physics, the session logs and their writer
//! thread) runs headless on a simulated clock, as fast as the machine allows. Its motion
//! comes from the real motion core reading drawn children frame by frame, so the core's
//! buffers are soaked too. Sessions follow each other with every profile and game. Resident
//! memory is sampled every simulated minute from `/proc/self/statm`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use clap::Args;

use crate::game::headless::headless_app;
use crate::game::levels::Levels;
use crate::game::motion_bridge::{
    ActiveProfile, GameZones, GestureStarted, Motion, zones_for_core,
};
use crate::game::records::SessionLogs;
use crate::game::screens::Screen;
use crate::game::session::{SessionPlan, StartSession};
use crate::games::GameId;
use crate::logs::{LogWriter, WriterOptions};
use crate::motion::synth::{SynthScene, SynthSpec};
use crate::motion::{MotionConfig, MotionCore, OwnedFrame, Profile};

/// Options of `soak`.
#[derive(Debug, Args)]
pub struct SoakArgs {
    /// Minutes of play to simulate.
    #[arg(long, default_value_t = 60.0)]
    pub minutes: f32,
    /// Length of each session, in minutes.
    #[arg(long, default_value_t = 5.0)]
    pub session_minutes: f32,
    /// Children in front of the camera (0 to 3).
    #[arg(long, default_value_t = 2)]
    pub players: usize,
    /// Where the session logs go (a fresh folder is best: its size is reported).
    #[arg(long, value_name = "DIR")]
    pub logs: PathBuf,
    /// Fail if resident memory ever goes above this many megabytes.
    #[arg(long, default_value_t = 300.0)]
    pub max_mb: f64,
}

/// Frames per simulated second: the camera's rate, and the game's tick.
const FPS: u32 = 30;

/// Resident memory of this process in megabytes.
pub fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// Bytes and count of the files under a folder, and the largest file's size.
fn folder_size(dir: &Path) -> (u64, usize, u64) {
    let (mut bytes, mut files, mut largest) = (0, 0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                bytes += meta.len();
                files += 1;
                largest = largest.max(meta.len());
            }
        }
    }
    (bytes, files, largest)
}

/// The headless kiosk: the game as the kiosk runs it, minus window, renderer and sound card.
fn headless_kiosk(logs: &Path) -> Result<App, String> {
    let writer = LogWriter::start(logs, WriterOptions::default())
        .map_err(|e| format!("cannot start the log writer: {e}"))?;
    let app = headless_app(Duration::from_secs_f64(1.0 / f64::from(FPS)), |app| {
        app.insert_resource(SessionLogs {
            writer: Some(writer),
            kiosk: "soak".into(),
            ward: "Soak test".into(),
        });
    });
    if let Some((game, e)) = app.world().resource::<Levels>().errors().next() {
        return Err(format!("level {} is broken: {e}", game.name()));
    }
    Ok(app)
}

/// Runs the soak and prints the memory curve.
pub fn run(args: &SoakArgs) -> super::CliResult {
    if !(args.minutes > 0.0 && args.session_minutes >= 0.5) {
        return Err("--minutes must be above 0 and --session-minutes at least 0.5".into());
    }
    std::fs::create_dir_all(&args.logs)
        .map_err(|e| format!("cannot make {}: {e}", args.logs.display()))?;
    let mut app = headless_kiosk(&args.logs)?;
    let spec = SynthSpec {
        // The core shrinks every picture to about 160 pixels wide: drawing 320x240 soaks it
        // just as well, twice as fast.
        width: 320,
        height: 240,
        fps: FPS,
        seconds: 600.0,
        players: args.players.min(3),
        seed: 7,
        ..SynthSpec::default()
    };
    let frames = spec.frame_count().max(1);
    let mut scene = SynthScene::new(spec);
    let mut core = MotionCore::new(MotionConfig {
        mirror: true,
        ..MotionConfig::default()
    });
    let mut frame = OwnedFrame::default();
    let profiles = [Profile::Standing, Profile::Seated, Profile::Bed];
    let total_ticks = (args.minutes * 60.0 * FPS as f32) as u64;
    let wall = Instant::now();
    let (mut sessions, mut start_mb, mut peak_mb) = (0u32, 0.0f64, 0.0f64);
    let (mut profile_seen, mut zones_seen) = (None, None);
    let mut starting = false;
    println!("minute  resident_MB  sessions  log_files  log_kB  wall_s");
    for tick in 0..total_ticks {
        // The camera side: a drawn frame through the real motion core.
        scene.render((tick as usize) % frames, &mut frame);
        frame.timestamp = Duration::from_secs_f64(tick as f64 / f64::from(FPS));
        {
            let world = app.world_mut();
            let profile = world.resource::<ActiveProfile>().0;
            if profile_seen != Some(profile) {
                core.set_profile(profile);
                profile_seen = Some(profile);
            }
            let zones = world.resource::<GameZones>().rects.clone();
            if zones_seen.as_ref() != Some(&zones) {
                core.set_zones(&zones_for_core(&zones));
                zones_seen = Some(zones);
            }
            let report = core.process(&frame.view());
            let started: Vec<GestureStarted> = report
                .gestures
                .iter()
                .filter(|g| g.started)
                .map(|g| GestureStarted(*g))
                .collect();
            let mut motion = world.resource_mut::<Motion>();
            motion.report.clone_from(report);
            motion.silhouette.clone_from(core.silhouette());
            motion.fresh = true;
            world.write_message_batch(started);
        }
        // Back at the attract scene: the next child's session (once the last has begun).
        let attract = *app.world().resource::<State<Screen>>().get() == Screen::Attract;
        if !attract {
            starting = false;
        }
        if attract && !starting {
            starting = true;
            let games = GameId::ALL.to_vec();
            let plan = SessionPlan {
                profile: profiles[sessions as usize % profiles.len()],
                minutes: args.session_minutes,
                games,
                child: Some(format!("K{}Q{}", sessions % 9 + 1, sessions % 7 + 1)),
            };
            app.world_mut().write_message(StartSession(plan));
            sessions += 1;
        }
        app.update();
        if tick % (60 * u64::from(FPS)) == 0 || tick + 1 == total_ticks {
            let mb = resident_mb();
            let minute = tick / (60 * u64::from(FPS));
            if minute == 1 {
                start_mb = mb;
            }
            peak_mb = peak_mb.max(mb);
            let (bytes, files, _) = folder_size(&args.logs);
            println!(
                "{minute:>6}  {mb:>11.1}  {sessions:>8}  {files:>9}  {:>6.1}  {:>6.1}",
                bytes as f64 / 1024.0,
                wall.elapsed().as_secs_f64()
            );
            if mb > args.max_mb {
                return Err(format!(
                    "resident memory {mb:.1} MB is above {} MB",
                    args.max_mb
                ));
            }
        }
    }
    let end_mb = resident_mb();
    if let Some(writer) = &app.world().resource::<SessionLogs>().writer {
        writer.flush(Duration::from_secs(10));
    }
    let (bytes, files, largest) = folder_size(&args.logs);
    println!(
        "soak: {:.0} simulated minutes in {:.0} s; resident memory after the first minute \
         {start_mb:.1} MB, peak {peak_mb:.1} MB, end {end_mb:.1} MB; {sessions} sessions, \
         {files} log files, {:.1} kB in all, the largest {:.1} kB",
        args.minutes,
        wall.elapsed().as_secs_f64(),
        bytes as f64 / 1024.0,
        largest as f64 / 1024.0,
    );
    // Flat: after warming up, no more than a few megabytes of growth in an hour.
    if start_mb > 0.0 && end_mb > start_mb + 25.0 {
        return Err(format!(
            "resident memory grew from {start_mb:.1} MB to {end_mb:.1} MB"
        ));
    }
    Ok(())
}
