//! The real kiosk binary in a real window (Xvfb, Mesa's software Vulkan), started as a play
//! specialist starts it: a session per profile, a crash, a lost picture, an unwritable log
//! folder, broken files, and what the process writes and opens.
//!
//! Needs `Xvfb` and Mesa's Vulkan drivers (the README's test command installs them) and, for
//! the privacy test, `strace`. Runs are one at a time: software rendering wants both cores.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use wigglewoods::games::GameId;
use wigglewoods::logs::{EndReason, SessionLog, UtcTime, read_log};
use wigglewoods::motion::Profile;

const BIN: &str = env!("CARGO_BIN_EXE_wigglewoods");

/// One kiosk at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wigglewoods-e2e-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A virtual screen for the kiosk's window; stopped when dropped.
struct Display {
    server: Child,
    name: String,
}

/// The pid an X server wrote into its lock file, if the file is there and says one.
fn lock_owner(n: u32) -> Option<u32> {
    fs::read_to_string(format!("/tmp/.X{n}-lock"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

impl Display {
    fn start() -> Display {
        Display::start_sized("1280x720")
    }

    /// A screen of another size (`WIDTHxHEIGHT`), with no window manager, as Xvfb starts.
    fn start_sized(size: &str) -> Display {
        for n in 90..140 {
            // A lock whose server is gone (killed earlier) is stale: Xvfb replaces it.
            if lock_owner(n).is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists()) {
                continue;
            }
            let name = format!(":{n}");
            let mut server = Command::new("Xvfb")
                .args([
                    &name,
                    "-screen",
                    "0",
                    &format!("{size}x24"),
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb runs (the README's test command installs xvfb)");
            // Ready when its lock names it and its socket is there; gone if it gave up.
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if lock_owner(n) == Some(server.id())
                    && Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                {
                    return Display { server, name };
                }
                if server.try_wait().unwrap().is_some() || Instant::now() > deadline {
                    let _ = server.kill();
                    let _ = server.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!("no X display number between :90 and :139 could be started");
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM, so that Xvfb removes its lock and socket.
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.server.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.server.wait();
    }
}

/// The kiosk command as a scripted run starts it, in a window on `display`.
fn kiosk(display: &Display, args: &[&str]) -> Command {
    let mut c = full_screen_kiosk(display, &["--windowed"]);
    c.args(args);
    c
}

/// The kiosk command as a ward starts it: full screen on `display`.
fn full_screen_kiosk(display: &Display, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.env("DISPLAY", &display.name)
        .env("WGPU_BACKEND", "vulkan")
        .env("MESA_SHADER_CACHE_DISABLE", "true")
        .env_remove("WAYLAND_DISPLAY")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs to the end (or kills it after `limit`), with its output.
fn finish(mut child: Child, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    };
    (output, started.elapsed())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the kiosk printed, both streams (bevy's log goes to stdout, problems to stderr).
fn printed(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

fn session_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron")
                && path
                    .file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A screenshot's pixels (RGB or RGBA, 8 bits).
fn pixels(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    assert!(step >= 3, "{path:?} is colour");
    let px = buf[..info.buffer_size()]
        .chunks(step)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (info.width, info.height, px)
}

/// Whether a picture has something in it: many colours, not one flat fill.
fn distinct_colours(px: &[[u8; 3]]) -> usize {
    let mut seen: Vec<u32> = px
        .iter()
        .step_by(7)
        .map(|p| (u32::from(p[0]) >> 3) << 10 | (u32::from(p[1]) >> 3) << 5 | u32::from(p[2]) >> 3)
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Share of pixels that differ clearly between two pictures of the same size.
fn difference(a: &[[u8; 3]], b: &[[u8; 3]]) -> f64 {
    let differ = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > 24))
        .count();
    differ as f64 / a.len().max(1) as f64
}

fn measured_seconds(log: &SessionLog) -> f32 {
    log.timeline.iter().map(|s| s.seconds).sum()
}

#[test]
fn a_session_per_profile_is_played_logged_exported_and_seen() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("profiles");
    for (profile, game, code) in [
        (Profile::Standing, "apple_shake", "S7Q1"),
        (Profile::Seated, "firefly_catch", "S7Q2"),
        (Profile::Bed, "frog_hop", "S7Q3"),
    ] {
        let logs = root.join("logs");
        let shots = root.join(format!("shots-{}", profile.name()));
        let plan = format!(
            "profile={},minutes=0.2,games={game},child={code}",
            profile.name()
        );
        let child = kiosk(&display, &["--input", "synthetic:players=1,seed=4"])
            .args(["--autostart", &plan, "--quit-after-session"])
            .arg("--logs")
            .arg(&logs)
            .arg("--screenshots")
            .arg(&shots)
            .spawn()
            .unwrap();
        let (out, took) = finish(child, Duration::from_secs(180));
        let stderr = printed(&out);
        assert!(out.status.success(), "{profile}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        eprintln!(
            "{profile}: a 12 s session took {:.0} s from start to exit",
            took.as_secs_f32()
        );

        // The log: valid, this profile and child, finished, with activity.
        let files = session_files(&logs);
        let log = files
            .iter()
            .map(|f| read_log(f).unwrap())
            .find(|l| l.child.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("a log for {code} in {files:?}"));
        assert_eq!(log.profile, profile);
        assert_eq!(log.end, Some(EndReason::Completed));
        let problems = wigglewoods::logs::consistency::check(&log);
        assert!(
            problems.is_empty(),
            "{profile}: the log does not add up: {problems:?}"
        );
        assert_eq!(log.games.len(), 1);
        assert_eq!(log.games[0].game.name(), game);
        assert!(measured_seconds(&log) > 12.0, "{:?}", log.timeline);
        assert!(
            log.timeline.iter().any(|s| s.activity > 0.0),
            "{:?}",
            log.timeline
        );

        // Screens: attract, the staff launcher, calibrate, the game and the celebration, each
        // with something in it and each unlike the others.
        let game_shot = format!("play_{}.png", game.replace('_', ""));
        let names = [
            "attract.png",
            "launcher.png",
            "calibrate.png",
            game_shot.as_str(),
            "celebrate.png",
        ];
        let pictures: Vec<_> = names
            .iter()
            .map(|n| {
                let (w, h, px) = pixels(&shots.join(n));
                assert_eq!((w, h), (1280, 720), "{n}");
                let colours = distinct_colours(&px);
                assert!(colours > 40, "{profile} {n} looks blank: {colours} colours");
                px
            })
            .collect();
        for i in 0..pictures.len() {
            for j in i + 1..pictures.len() {
                let d = difference(&pictures[i], &pictures[j]);
                assert!(
                    d > 0.02,
                    "{profile}: {} and {} are alike ({d:.3})",
                    names[i],
                    names[j]
                );
            }
        }
    }

    // `wigglewoods export` includes all three.
    let out = Command::new(BIN)
        .args(["export", "--format", "csv", "--logs"])
        .arg(root.join("logs"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    for code in ["S7Q1", "S7Q2", "S7Q3"] {
        assert!(csv.contains(&format!(",{code},")), "{code} in {csv}");
    }
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_kiosk_killed_mid_session_is_recovered_at_the_next_start() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("kill");
    let logs = root.join("logs");
    let mut child = kiosk(&display, &["--input", "synthetic:players=1"])
        .args([
            "--autostart",
            "profile=standing,minutes=1,games=apple_shake,child=K7Q1",
        ])
        .arg("--logs")
        .arg(&logs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Play until the checkpoints hold 20 s of the session, then pull the plug.
    let deadline = Instant::now() + Duration::from_secs(120);
    let started_s = loop {
        assert!(Instant::now() < deadline, "no checkpoint with 20 s of play");
        std::thread::sleep(Duration::from_millis(250));
        let Some(file) = session_files(&logs).pop() else {
            continue;
        };
        let Ok(log) = read_log(&file) else {
            continue;
        };
        if measured_seconds(&log) >= 20.0 {
            break log.started_s;
        }
    };
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap(); // SIGKILL: nothing gets to run
    child.wait().unwrap();
    let killed_s = wigglewoods::logs::time::epoch_seconds(SystemTime::now());
    let file = session_files(&logs).pop().unwrap();
    assert_eq!(read_log(&file).unwrap().end, None, "left open by the crash");

    // The next start recovers it, and plays on.
    let next = kiosk(&display, &["--input", "synthetic:players=1"])
        .args([
            "--autostart",
            "minutes=0.2,games=statues,child=K7Q2",
            "--quit-after-session",
        ])
        .arg("--logs")
        .arg(&logs)
        .spawn()
        .unwrap();
    let (out, _) = finish(next, Duration::from_secs(180));
    let stderr = printed(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("recovered"), "staff are told: {stderr}");
    let log = read_log(&file).unwrap();
    assert_eq!(log.end, Some(EndReason::RecoveredAfterCrash));
    assert_eq!(log.child.as_deref(), Some("K7Q1"));
    let last = log.timeline.last().unwrap();
    // Whole seconds on the wall clock, so up to a second either way.
    let kept_until = log.started_s as f64 + f64::from(last.t_s + last.seconds);
    let lost = killed_s as f64 - kept_until;
    eprintln!("kill -9: {lost:.1} s of play not in the recovered log");
    assert!(lost <= 10.0, "{lost} s lost: {:?}", log.timeline);
    assert!(log.ended_s.unwrap() >= started_s);
    let others: Vec<_> = session_files(&logs)
        .iter()
        .map(|f| read_log(f).unwrap())
        .filter(|l| l.child.as_deref() == Some("K7Q2"))
        .collect();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].end, Some(EndReason::Completed));
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_picture_lost_mid_session_comes_back_and_the_log_says_so() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("outage");
    let logs = root.join("logs");
    // The picture goes 16 s after start (in the game) for 6 s.
    let child = kiosk(&display, &["--input", "synthetic:players=1,outage=16+6"])
        .args([
            "--autostart",
            "profile=seated,minutes=0.5,games=apple_shake,child=L7Q1",
        ])
        .arg("--quit-after-session")
        .arg("--logs")
        .arg(&logs)
        .spawn()
        .unwrap();
    let (out, _) = finish(child, Duration::from_secs(180));
    let stderr = printed(&out);
    assert!(out.status.success(), "{stderr}");
    let log = read_log(&session_files(&logs)[0]).unwrap();
    assert_eq!(log.end, Some(EndReason::Completed), "play went on");
    assert_eq!(log.camera_lost.len(), 1, "{:?}", log.camera_lost);
    let o = &log.camera_lost[0];
    eprintln!(
        "picture lost at {:.1} s for {:.1} s: {}",
        o.at_s, o.seconds, o.reason
    );
    assert!((4.0..20.0).contains(&o.seconds), "{o:?}");
    assert!(o.reason.contains("planned outage"), "{o:?}");
    // Measured before and after the outage.
    assert!(log.timeline.iter().any(|s| s.t_s + s.seconds <= o.at_s));
    assert!(log.timeline.iter().any(|s| s.t_s >= o.at_s + o.seconds));
    let _ = fs::remove_dir_all(&root);
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| text(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A session whose log folder cannot take its log for its first 22 s: play goes on, the
/// staff warning names the folder and says `why`, and once `free` has run the whole log is
/// saved.
fn session_while_the_log_folder_fails(
    display: &Display,
    logs: &Path,
    code: &str,
    why: &str,
    free: impl FnOnce(),
) {
    let plan = format!("profile=bed,minutes=0.5,games=paint,child={code}");
    let child = kiosk(display, &["--input", "synthetic:players=1"])
        .args(["--autostart", &plan, "--quit-after-session"])
        .arg("--logs")
        .arg(logs)
        .spawn()
        .unwrap();
    // Working again 22 s in, mid-game.
    std::thread::sleep(Duration::from_secs(22));
    assert!(
        session_files(logs).is_empty(),
        "nothing could be written yet"
    );
    free();
    let (out, _) = finish(child, Duration::from_secs(180));
    let said = printed(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Play goes on") && said.contains(&logs.display().to_string()),
        "the staff warning names the folder: {said}"
    );
    assert!(
        said.contains(why),
        "the staff warning says why ({why}): {said}"
    );
    assert!(said.contains("saved again"), "{said}");
    let files = session_files(logs);
    assert_eq!(files.len(), 1, "{files:?}");
    let log = read_log(&files[0]).unwrap();
    assert_eq!(log.end, Some(EndReason::Completed));
    assert!(
        measured_seconds(&log) > 30.0,
        "nothing lost: {:?}",
        log.timeline
    );
}

#[test]
fn an_unwritable_log_folder_warns_and_the_log_is_saved_once_it_works() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("unwritable");
    let logs = root.join("logs");
    fs::create_dir_all(&logs).unwrap();
    // Unwritable: read-only for a normal user; as root (whom permissions do not stop), a
    // file where this year's folder must go.
    let year = UtcTime::from_epoch(wigglewoods::logs::time::epoch_seconds(SystemTime::now()))
        .date
        .year;
    let blocker = logs.join(year.to_string());
    let set_mode = |mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&logs, fs::Permissions::from_mode(mode)).unwrap();
    };
    if running_as_root() {
        fs::write(&blocker, b"in the way").unwrap();
        let why = "something that is not a folder is in its way";
        session_while_the_log_folder_fails(&display, &logs, "W7Q1", why, || {
            fs::remove_file(&blocker).unwrap()
        });
    } else {
        set_mode(0o500);
        let why = "not allowed to write there";
        session_while_the_log_folder_fails(&display, &logs, "W7Q1", why, || set_mode(0o700));
    }
    let _ = fs::remove_dir_all(&root);
}

/// A small disk of its own (tmpfs) for the log folder; unmounted when dropped.
struct SmallDisk(PathBuf);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_warns_and_the_log_is_saved_once_there_is_room() {
    if !running_as_root() {
        // Mounting a small disk needs root; the read-only test covers the same path.
        eprintln!("not root: the full disk is simulated only where a tmpfs can be mounted");
        return;
    }
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("full");
    let logs = root.join("logs");
    fs::create_dir_all(&logs).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&logs)
        .status()
        .unwrap();
    assert!(
        mounted.success(),
        "root can mount a tmpfs for the log folder"
    );
    let disk = SmallDisk(logs.clone());
    // Fill it to the last byte.
    let filler = logs.join("filler");
    {
        use std::io::Write;
        let mut f = fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
    session_while_the_log_folder_fails(&display, &logs, "F7Q1", "the disk is full", || {
        fs::remove_file(&filler).unwrap()
    });
    drop(disk);
    let _ = fs::remove_dir_all(&root);
}

/// Every file under a folder with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                all.push((p.clone(), fs::read(&p).unwrap()));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn malformed_config_level_and_log_files_are_named_and_nothing_is_deleted() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("malformed");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A config with a volume cap out of range.
    let config = root.join("kiosk.ron");
    let shipped = fs::read_to_string(repo.join("kiosk-config/kiosk.ron")).unwrap();
    fs::write(&config, shipped.replace("cap: 0.8,", "cap: 1.5,")).unwrap();
    // Levels with Frog Hop's length written as words.
    let levels = root.join("levels");
    fs::create_dir_all(&levels).unwrap();
    for entry in fs::read_dir(repo.join("levels")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = fs::read_to_string(&path).unwrap();
        if path.file_name().unwrap() == "frog_hop.ron" {
            text = text.replace("seconds: 70,", "seconds: \"long\",");
        }
        fs::write(levels.join(path.file_name().unwrap()), text).unwrap();
    }
    // A log folder with things in it that are not session logs.
    let logs = root.join("logs");
    let month = logs.join("2026/10");
    fs::create_dir_all(&month).unwrap();
    fs::write(month.join("notes.txt"), "ward notes").unwrap();
    fs::write(
        month.join("20261003T100000Z_kiosk-1.ron"),
        "(schema_version: 1, kio",
    )
    .unwrap();
    fs::write(logs.join("other.ron"), "(game: frog_hop)").unwrap();
    fs::write(
        month.join("20261004T100000Z_kiosk-1.ron"),
        [0xff, 0xfe, 0x00, 0x41],
    )
    .unwrap();
    let planted_before = contents(&logs);
    let config_before = fs::read(&config).unwrap();
    let levels_before = contents(&levels);

    let child = kiosk(&display, &["--input", "synthetic:players=1"])
        .arg("--config")
        .arg(&config)
        .args([
            "--autostart",
            "minutes=0.3,games=frog_hop+apple_shake,child=M7Q1",
        ])
        .arg("--quit-after-session")
        .arg("--logs")
        .arg(&logs)
        .env("BEVY_ASSET_ROOT", &root)
        .spawn()
        .unwrap();
    let (out, _) = finish(child, Duration::from_secs(180));
    let stderr = printed(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let cap_line = shipped
        .lines()
        .position(|l| l.contains("cap: 0.8,"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!(
            "kiosk.ron:{cap_line}:9: audio.cap: must be between 0 and 1"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("frog_hop.ron:18"),
        "the level's file and line: {stderr}"
    );
    // Nothing planted was changed or deleted; the session was played and logged.
    for (path, bytes) in &planted_before {
        assert_eq!(&fs::read(path).unwrap(), bytes, "{path:?} unchanged");
    }
    assert_eq!(fs::read(&config).unwrap(), config_before);
    assert_eq!(contents(&levels), levels_before);
    let logged: Vec<_> = session_files(&logs)
        .iter()
        .filter_map(|f| read_log(f).ok())
        .collect();
    assert_eq!(logged.len(), 1);
    let games: Vec<&str> = logged[0].games.iter().map(|g| g.game.name()).collect();
    assert_eq!(
        games,
        ["apple_shake"],
        "frog_hop skipped, apple_shake played"
    );

    // The export names each file it skipped, and says why.
    let out = Command::new(BIN)
        .args(["export", "--format", "csv", "--logs"])
        .arg(&logs)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    for name in [
        "notes.txt",
        "20261003T100000Z_kiosk-1.ron",
        "other.ron",
        "20261004T100000Z_kiosk-1.ron",
    ] {
        assert!(
            stderr.contains("skipped") && stderr.contains(name),
            "{name}: {stderr}"
        );
    }
    for (path, bytes) in &planted_before {
        assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{path:?} unchanged by export"
        );
    }
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_whole_session_writes_only_its_log_and_opens_no_network_socket() {
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("privacy");
    let logs = root.join("logs");
    let trace = root.join("trace.txt");
    let home = root.join("home");
    fs::create_dir_all(&home).unwrap();
    let mut c = Command::new("strace");
    c.args(["-f", "-qq", "-e", "trace=%network,%file", "-o"])
        .arg(&trace)
        .arg(BIN)
        .args(["--windowed", "--input", "synthetic:players=2"])
        .args([
            "--autostart",
            "profile=seated,minutes=0.2,games=firefly_catch,child=P7Q1",
        ])
        .arg("--quit-after-session")
        .arg("--logs")
        .arg(&logs)
        .current_dir(&root)
        .env("HOME", &home)
        .env("DISPLAY", &display.name)
        .env("WGPU_BACKEND", "vulkan")
        .env("MESA_SHADER_CACHE_DISABLE", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c
        .spawn()
        .expect("strace runs (the README's test command installs it)");
    let (out, _) = finish(child, Duration::from_secs(300));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let trace = fs::read_to_string(&trace).unwrap();

    // No network socket of any kind but the local one to the X server.
    let sockets: Vec<&str> = trace.lines().filter(|l| l.contains("socket(")).collect();
    assert!(
        !sockets.is_empty(),
        "the trace sees sockets (the X server's)"
    );
    for line in &sockets {
        assert!(
            !line.contains("AF_INET") && !line.contains("AF_INET6") && !line.contains("AF_PACKET"),
            "a network socket: {line}"
        );
    }
    // Files opened for writing: the session log (its temp file, then the rename), and
    // nothing else outside devices and the process's own /proc entries.
    let logs_text = logs.display().to_string();
    let mut written = Vec::new();
    for line in trace.lines() {
        let writes = (line.contains("open") || line.contains("creat"))
            && (line.contains("O_WRONLY") || line.contains("O_RDWR") || line.contains("O_CREAT"))
            && !line.contains("= -1");
        if !writes {
            continue;
        }
        let Some(path) = line.split('"').nth(1) else {
            continue;
        };
        if path.starts_with("/dev/") || path.starts_with("/proc/") || path.starts_with("/sys/") {
            continue;
        }
        written.push(path.to_owned());
    }
    assert!(!written.is_empty(), "the trace sees the log being written");
    for path in &written {
        assert!(
            path.starts_with(&logs_text),
            "written outside the log folder: {path}"
        );
    }
    let files = session_files(&logs);
    assert_eq!(files.len(), 1);
    assert_eq!(read_log(&files[0]).unwrap().child.as_deref(), Some("P7Q1"));
    // And nothing was left in the working folder or the home folder.
    assert!(
        fs::read_dir(&home).unwrap().next().is_none(),
        "home stays empty"
    );
    let mut left: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["home", "logs", "trace.txt"]);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn every_screen_and_game_is_flash_safe() {
    // Two lively synthetic children through every game: the children's own shapes sweeping
    // over the forest are what could flash, so the check needs children who move.
    let _one = one_at_a_time();
    let display = Display::start();
    let root = temp_dir("flash");
    let games = GameId::ALL.map(|g| g.name()).join("+");
    let plan = format!("minutes=0.2,games={games},child=F7Q1");
    let child = kiosk(&display, &["--input", "synthetic:players=2,seed=5"])
        .args([
            "--autostart",
            &plan,
            "--quit-after-session",
            "--flash-check",
        ])
        .arg("--logs")
        .arg(root.join("logs"))
        .spawn()
        .unwrap();
    let (out, took) = finish(child, Duration::from_secs(1500));
    let said = printed(&out);
    eprintln!(
        "flash check of every screen and game took {:.0} s",
        took.as_secs_f32()
    );
    // One line per screen and game: "flash check NAME: N frames (S s): ...: flash-safe".
    let lines: Vec<&str> = said
        .lines()
        .filter(|l| l.starts_with("flash check "))
        .collect();
    for line in &lines {
        eprintln!("{line}");
    }
    let seconds_of = |name: &str| -> f32 {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("flash check {name}: ")))
            .unwrap_or_else(|| panic!("no flash check of {name} in {lines:?}"));
        assert!(line.ends_with(": flash-safe"), "{line}");
        let open = line.find('(').unwrap();
        line[open + 1..].split(' ').next().unwrap().parse().unwrap()
    };
    // Each game and the attract scene are checked for at least 10 s at 60 frames a second;
    // the short screens (calibrating, the pause between games, the celebration) whole.
    assert!(seconds_of("attract") >= 10.0);
    for game in GameId::ALL {
        let s = seconds_of(&format!("play_{}", game.name()));
        assert!(s >= 10.0, "{game:?} checked for {s} s");
    }
    for screen in ["calibrate", "play_between_games", "celebrate"] {
        assert!(seconds_of(screen) >= 4.0, "{screen}");
    }
    assert!(out.status.success(), "{said}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn full_screen_fills_a_4_3_screen_with_no_window_manager() {
    let _one = one_at_a_time();
    // Xvfb alone is a bare kiosk session: no window manager to honour "full screen".
    let display = Display::start_sized("1024x768");
    let root = temp_dir("full-screen");
    let shots = root.join("shots");
    let child = full_screen_kiosk(&display, &["kiosk", "--input", "none"])
        .args(["--autostart", "minutes=0.2,games=apple_shake"])
        .args(["--quit-after-session", "--logs"])
        .arg(root.join("logs"))
        .arg("--screenshots")
        .arg(&shots)
        .spawn()
        .unwrap();
    // While it runs: the window covers the screen from its corner (xwininfo, from x11-utils).
    std::thread::sleep(Duration::from_secs(20));
    let tree = Command::new("xwininfo")
        .args(["-root", "-tree", "-display", &display.name])
        .output()
        .expect("xwininfo runs (the README's test command installs x11-utils)");
    let (out, _) = finish(child, Duration::from_secs(180));
    assert!(out.status.success(), "{}", printed(&out));
    let tree = text(&tree.stdout);
    let window = tree
        .lines()
        .find(|l| l.contains("\"Wigglewoods\""))
        .unwrap_or_else(|| panic!("no kiosk window in {tree}"));
    assert!(window.contains(" 1024x768+0+0 "), "{window}");
    // And the picture is the whole screen, forest to every edge: no flat bars top or bottom.
    for name in ["attract.png", "play_appleshake.png"] {
        let (w, h, px) = pixels(&shots.join(name));
        assert_eq!((w, h), (1024, 768), "{name}");
        let row = |y: u32| &px[(y * w) as usize..((y + 1) * w) as usize];
        let (top, bottom) = (row(2), row(h - 3));
        let black = |r: &[[u8; 3]]| r.iter().filter(|p| p.iter().all(|c| *c < 16)).count();
        assert_eq!(black(top) + black(bottom), 0, "{name} has black edges");
        let green = bottom.iter().filter(|p| p[1] > p[0] && p[1] > p[2]).count();
        assert!(
            green > w as usize / 2,
            "{name}: the grass reaches the bottom edge"
        );
        let blue = top.iter().filter(|p| p[2] > p[0]).count();
        assert!(
            blue > w as usize / 2,
            "{name}: the sky reaches the top edge"
        );
    }
}

#[test]
fn no_screen_or_no_graphics_driver_is_one_sentence_and_exit_status_2() {
    let _one = one_at_a_time();
    let sentence = |out: &Output, words: &str| {
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", printed(out));
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{stderr}"
        );
        let said: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("wigglewoods:"))
            .collect();
        assert_eq!(said.len(), 1, "{stderr}");
        assert!(said[0].contains(words), "{stderr}");
    };
    // No display at all (a service, an ssh session).
    let out = Command::new(BIN)
        .args(["--input", "none"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    sentence(&out, "no screen");
    // A display that is not there.
    let out = Command::new(BIN)
        .args(["--input", "none"])
        .env("DISPLAY", ":199")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    sentence(&out, "could not be opened");
    // A screen but no graphics driver (no Vulkan driver to be found).
    let display = Display::start();
    let mut c = kiosk(&display, &["--input", "none"]);
    c.env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
        .env("VK_DRIVER_FILES", "/nonexistent/icd.json");
    let (out, _) = finish(c.spawn().unwrap(), Duration::from_secs(120));
    sentence(&out, "no graphics driver");
}
