//! `wigglewoods soak`: an hour of play compressed into minutes, to show that the kiosk can
//! run all day: memory stays flat and log files stay small.
//!
//! The whole game (every screen, game, animal, physics, the session logs and their writer
//! thread) runs headless on a simulated clock, as fast as the machine allows. Its motion
//! comes from the real motion core reading drawn children frame by frame, so the core's
//! buffers are soaked too. Sessions follow each other with every profile and game. Resident
//! memory is sampled every simulated minute from `/proc/self/statm`.
//!
//! The game's clock is simulated, so the sessions' wall-clock times are too: the kiosk stamps
//! a session's start and end with the computer's clock, which here sees an hour of play pass
//! in a few minutes. Left so, a soak log's length was the few real seconds it took while its
//! timeline held the simulated minutes (a report of soak logs once read "Minutes played 8.40"
//! and "Active minutes 21.17"). Each session is therefore put on a simulated wall clock that
//! runs with the game's ([`crate::logs::SessionRecorder::use_simulated_clock`]), and at the
//! end the soak checks every log it wrote with [`consistency::check`], as an export would.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use bevy::prelude::*;
use clap::Args;

use crate::game::AppSystems;
use crate::game::headless::headless_app;
use crate::game::levels::Levels;
use crate::game::motion_bridge::{
    ActiveProfile, GameZones, GestureStarted, Motion, zones_for_core,
};
use crate::game::records::{Recording, SessionLogs};
use crate::game::screens::Screen;
use crate::game::session::{SessionPlan, StartSession};
use crate::games::GameId;
use crate::logs::{Filter, LogWriter, WriterOptions, consistency, scan};
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

/// What the computer's clock would read had the soak's simulated time really passed: its
/// real time at the start plus the game's (real, not paused) elapsed time.
#[derive(Resource, Debug, Clone, Copy)]
struct SimulatedWallClock {
    at_start: SystemTime,
}

/// Puts a session that has just started on the simulated wall clock, before its first
/// checkpoint names its file (it starts in the state change before this frame's `Update`).
fn sessions_on_the_simulated_clock(
    clock: Res<SimulatedWallClock>,
    time: Res<Time<Real>>,
    mut rec: ResMut<Recording>,
) {
    let fresh = rec
        .recorder
        .as_ref()
        .is_some_and(|r| !r.on_simulated_clock());
    if let (true, Some(recorder)) = (fresh, rec.recorder.as_mut()) {
        recorder.use_simulated_clock(clock.at_start + time.elapsed());
    }
}

/// The headless kiosk: the game as the kiosk runs it, minus window, renderer and sound card,
/// with its sessions on the simulated wall clock.
fn headless_kiosk(logs: &Path) -> Result<App, String> {
    let writer = LogWriter::start(logs, WriterOptions::default())
        .map_err(|e| format!("cannot start the log writer: {e}"))?;
    let app = headless_app(Duration::from_secs_f64(1.0 / f64::from(FPS)), |app| {
        app.insert_resource(SessionLogs {
            writer: Some(writer),
            kiosk: "soak".into(),
            ward: "Soak test".into(),
        });
        app.insert_resource(SimulatedWallClock {
            at_start: SystemTime::now(),
        });
        app.add_systems(
            Update,
            sessions_on_the_simulated_clock.in_set(AppSystems::RecordInput),
        );
    });
    if let Some((game, e)) = app.world().resource::<Levels>().errors().next() {
        return Err(format!("level {} is broken: {e}", game.name()));
    }
    Ok(app)
}

/// The soak's moving parts: the headless kiosk, and drawn children read by the real motion
/// core frame by frame, with a new session whenever the attract scene comes back.
struct Soak {
    app: App,
    scene: SynthScene,
    core: MotionCore,
    frame: OwnedFrame,
    frames: usize,
    tick: u64,
    sessions: u32,
    session_minutes: f32,
    profile_seen: Option<Profile>,
    zones_seen: Option<Vec<Rect>>,
    starting: bool,
}

impl Soak {
    fn new(logs: &Path, players: usize, session_minutes: f32) -> Result<Soak, String> {
        let app = headless_kiosk(logs)?;
        let spec = SynthSpec {
            // The core shrinks every picture to about 160 pixels wide: drawing 320x240 soaks
            // it just as well, twice as fast.
            width: 320,
            height: 240,
            fps: FPS,
            seconds: 600.0,
            players: players.min(3),
            seed: 7,
            ..SynthSpec::default()
        };
        let frames = spec.frame_count().max(1);
        Ok(Soak {
            app,
            scene: SynthScene::new(spec),
            core: MotionCore::new(MotionConfig {
                mirror: true,
                ..MotionConfig::default()
            }),
            frame: OwnedFrame::default(),
            frames,
            tick: 0,
            sessions: 0,
            session_minutes,
            profile_seen: None,
            zones_seen: None,
            starting: false,
        })
    }

    /// One frame: the camera side, the next session when due, and the game's update.
    fn step(&mut self) {
        let tick = self.tick;
        self.tick += 1;
        self.scene
            .render((tick as usize) % self.frames, &mut self.frame);
        self.frame.timestamp = Duration::from_secs_f64(tick as f64 / f64::from(FPS));
        {
            let world = self.app.world_mut();
            let profile = world.resource::<ActiveProfile>().0;
            if self.profile_seen != Some(profile) {
                self.core.set_profile(profile);
                self.profile_seen = Some(profile);
            }
            let zones = world.resource::<GameZones>().rects.clone();
            if self.zones_seen.as_ref() != Some(&zones) {
                self.core.set_zones(&zones_for_core(&zones));
                self.zones_seen = Some(zones);
            }
            let report = self.core.process(&self.frame.view());
            let started: Vec<GestureStarted> = report
                .gestures
                .iter()
                .filter(|g| g.started)
                .map(|g| GestureStarted(*g))
                .collect();
            let mut motion = world.resource_mut::<Motion>();
            motion.report.clone_from(report);
            motion.silhouette.clone_from(self.core.silhouette());
            motion.fresh = true;
            world.write_message_batch(started);
        }
        // Back at the attract scene: the next child's session (once the last has begun).
        let attract = *self.app.world().resource::<State<Screen>>().get() == Screen::Attract;
        if !attract {
            self.starting = false;
        }
        if attract && !self.starting {
            self.starting = true;
            let profiles = [Profile::Standing, Profile::Seated, Profile::Bed];
            let n = self.sessions;
            let plan = SessionPlan {
                profile: profiles[n as usize % profiles.len()],
                minutes: self.session_minutes,
                games: GameId::ALL.to_vec(),
                child: Some(format!("K{}Q{}", n % 9 + 1, n % 7 + 1)),
                sound_led: false,
            };
            self.app.world_mut().write_message(StartSession(plan));
            self.sessions += 1;
        }
        self.app.update();
    }

    /// Closes the session under way as a kiosk that quits does (stopped by staff), and waits
    /// for the writer to save every log.
    fn close(&mut self) {
        self.app.world_mut().write_message(AppExit::Success);
        self.app.update();
        if let Some(writer) = &self.app.world().resource::<SessionLogs>().writer {
            writer.flush(Duration::from_secs(10));
        }
    }
}

/// Every log under `logs` checked as an export checks it: the problems, one line per log
/// that does not add up, and how many logs were read.
fn check_logs(logs: &Path) -> Result<(Vec<String>, usize), String> {
    let found = scan(logs, &Filter::default(), &mut |_, _| {})
        .map_err(|e| format!("cannot read back {}: {e}", logs.display()))?;
    let bad = found
        .sessions
        .iter()
        .filter_map(|s| {
            let problems = consistency::check(&s.log);
            (!problems.is_empty())
                .then(|| format!("{}: {}", s.path().display(), problems.join("; ")))
        })
        .collect();
    Ok((bad, found.sessions.len()))
}

/// Runs the soak and prints the memory curve.
pub fn run(args: &SoakArgs) -> super::CliResult {
    if !(args.minutes > 0.0 && args.session_minutes >= 0.5) {
        return Err("--minutes must be above 0 and --session-minutes at least 0.5".into());
    }
    std::fs::create_dir_all(&args.logs)
        .map_err(|e| format!("cannot make {}: {e}", args.logs.display()))?;
    let mut soak = Soak::new(&args.logs, args.players, args.session_minutes)?;
    let total_ticks = (args.minutes * 60.0 * FPS as f32) as u64;
    let wall = Instant::now();
    let (mut start_mb, mut peak_mb) = (0.0f64, 0.0f64);
    println!("minute  resident_MB  sessions  log_files  log_kB  wall_s");
    for tick in 0..total_ticks {
        soak.step();
        if tick % (60 * u64::from(FPS)) == 0 || tick + 1 == total_ticks {
            let mb = resident_mb();
            let minute = tick / (60 * u64::from(FPS));
            if minute == 1 {
                start_mb = mb;
            }
            peak_mb = peak_mb.max(mb);
            let (bytes, files, _) = folder_size(&args.logs);
            println!(
                "{minute:>6}  {mb:>11.1}  {:>8}  {files:>9}  {:>6.1}  {:>6.1}",
                soak.sessions,
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
    soak.close();
    let sessions = soak.sessions;
    let (bytes, files, largest) = folder_size(&args.logs);
    let (bad, read) = check_logs(&args.logs)?;
    println!(
        "soak: {:.0} simulated minutes in {:.0} s; resident memory after the first minute \
         {start_mb:.1} MB, peak {peak_mb:.1} MB, end {end_mb:.1} MB; {sessions} sessions, \
         {files} log files, {:.1} kB in all, the largest {:.1} kB; {} of {read} logs add up",
        args.minutes,
        wall.elapsed().as_secs_f64(),
        bytes as f64 / 1024.0,
        largest as f64 / 1024.0,
        read - bad.len(),
    );
    if !bad.is_empty() {
        return Err(format!(
            "{} soak log{} do not add up:\n{}",
            bad.len(),
            if bad.len() == 1 { "" } else { "s" },
            bad.join("\n")
        ));
    }
    // Flat: after warming up, no more than a few megabytes of growth in an hour.
    if start_mb > 0.0 && end_mb > start_mb + 25.0 {
        return Err(format!(
            "resident memory grew from {start_mb:.1} MB to {end_mb:.1} MB"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_soak_writes_logs_that_add_up_on_the_simulated_clock() {
        let dir = std::env::temp_dir().join(format!("wigglewoods-soak-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut soak = Soak::new(&dir, 1, 0.5).unwrap();
        // 200 simulated seconds: two sessions of half a minute's play (with calibration and
        // the game under way when the time is up, a minute and a half each), and a third cut
        // short.
        for _ in 0..200 * FPS {
            soak.step();
        }
        soak.close();
        let (bad, read) = check_logs(&dir).unwrap();
        let found = scan(&dir, &Filter::default(), &mut |_, _| {}).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(bad.is_empty(), "{bad:#?}");
        assert!(read >= 3, "{read} logs");
        assert_eq!(read, soak.sessions as usize);
        // On the simulated clock each session lasts what it played, and the next begins after
        // it (on the computer's clock the two took a few seconds each).
        let logs: Vec<_> = found.sessions.iter().map(|s| &s.log).collect();
        for log in &logs[..logs.len() - 1] {
            let seconds = log.duration_s();
            assert!((30.0..150.0).contains(&seconds), "{seconds} s: {log:?}");
            assert!(log.totals.active_minutes * 60.0 <= seconds + 1.0);
        }
        for pair in logs.windows(2) {
            assert!(
                pair[1].started_s + 1 >= pair[0].ended_s.unwrap(),
                "{} starts before {} ends",
                pair[1].started,
                pair[0].ended.as_deref().unwrap_or("?")
            );
        }
        assert!(logs.iter().all(|l| l.is_finished()));
    }
}
