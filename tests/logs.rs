//! Session logs end to end, without a window: recorder to file and back, checkpoints through
//! the writer thread, a crash between checkpoints and its recovery, a folder that cannot be
//! written, retention, and `wigglewoods export` (CSV and HTML) run as a person runs it.
//!
//! One test binary for the whole log side (linking bevy is slow): hence its length.

#[path = "support/sources.rs"]
mod sources;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wigglewoods::games::GameId;
use wigglewoods::logs::{
    CHECKPOINT_SECONDS, EndReason, LogNotice, LogWriter, SessionLog, SessionRecorder,
    WriterOptions, WriterStatus, apply_retention, read_log, recover, relative_path, write_log,
};
use wigglewoods::motion::{GestureKind, Profile};

/// 2026-11-03 14:05:09 UTC.
const START: u64 = 1_793_714_709;
const DAY: u64 = 86_400;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wigglewoods-logs-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wigglewoods"))
        .arg("export")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Test writer options: quick retries, no recovery unless asked.
fn quick() -> WriterOptions {
    WriterOptions {
        recover_at_start: false,
        first_retry: Duration::from_millis(20),
        max_retry: Duration::from_millis(100),
        ..WriterOptions::default()
    }
}

/// Plays `from..to` session seconds at 30 frames a second with a steady activity, handing
/// checkpoints to `on_checkpoint`.
fn play(
    r: &mut SessionRecorder,
    from: f32,
    to: f32,
    activity: f32,
    on_checkpoint: &mut dyn FnMut(f32, SessionLog),
) {
    let mut frame = 0u32;
    loop {
        let t = from + frame as f32 / 30.0;
        if t >= to {
            break;
        }
        r.sample(t, activity, -0.2, activity);
        if let Some(snapshot) = r.checkpoint(t) {
            on_checkpoint(t, snapshot);
        }
        frame += 1;
    }
}

/// A finished session with known content: `minutes` of play at `activity`, two games.
fn known_session(
    start: u64,
    kiosk: &str,
    ward: &str,
    child: Option<&str>,
    activity: f32,
    minutes: f32,
) -> SessionLog {
    let mut r = SessionRecorder::start(kiosk, ward, child, Profile::Standing, at(start));
    r.game_started(GameId::AppleShake, 0.0);
    r.gesture(GestureKind::Wiggle);
    r.gesture(GestureKind::Wiggle);
    play(&mut r, 0.0, minutes * 30.0, activity, &mut |_, _| {});
    r.game_ended(11, minutes * 30.0);
    r.game_started(GameId::FrogHop, minutes * 30.0);
    r.gesture(GestureKind::Jump);
    play(
        &mut r,
        minutes * 30.0,
        minutes * 60.0,
        activity,
        &mut |_, _| {},
    );
    r.game_ended(4, minutes * 60.0);
    r.finish(EndReason::Completed, at(start + (minutes * 60.0) as u64))
}

fn wait_for(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every file under a folder with its bytes, to show that nothing changed.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                all.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    all
}

#[test]
fn round_trip_through_the_file() {
    let root = temp_dir("roundtrip").join("logs");
    let log = known_session(START, "kiosk-1", "Rainbow", Some("R17"), 0.45, 1.0);
    assert_eq!(log.timeline.len(), 6);
    assert_eq!(log.games.len(), 2);
    assert_eq!(log.games[0].gestures["wiggle"], 2);
    assert!(
        (log.totals.moderate_minutes - 1.0).abs() < 0.02,
        "{:?}",
        log.totals
    );
    let path = write_log(&root, &log).unwrap();
    assert!(path.ends_with("2026/11/20261103T140509Z_kiosk-1.ron"));
    assert_eq!(read_log(&path).unwrap(), log);
    let file = fs::read_to_string(&path).unwrap();
    assert!(!file.contains("Alice"));
}

#[test]
fn checkpoints_reach_the_disk_at_least_every_ten_seconds() {
    let root = temp_dir("cadence").join("logs");
    let writer = LogWriter::start(&root, quick()).unwrap();
    let mut r = SessionRecorder::start(
        "kiosk-1",
        "Rainbow",
        Some("R17"),
        Profile::Seated,
        at(START),
    );
    let path = root.join(relative_path(&r.snapshot()));
    let mut checkpoint_times = Vec::new();
    play(&mut r, 0.0, 60.0, 0.3, &mut |t, snapshot| {
        writer.submit(snapshot);
        assert!(writer.flush(Duration::from_secs(10)));
        // What is on disk covers the session up to this checkpoint.
        let on_disk = read_log(&path).unwrap();
        assert_eq!(on_disk.end, None);
        assert!(
            t - on_disk.last_known_s() < 0.1,
            "{t} vs {}",
            on_disk.last_known_s()
        );
        checkpoint_times.push(t);
    });
    assert_eq!(checkpoint_times[0], 0.0);
    let mut last = 0.0;
    for &t in &checkpoint_times[1..] {
        assert!(t - last <= 10.0 && t - last >= CHECKPOINT_SECONDS - 0.01);
        last = t;
    }
    assert!(60.0 - last <= 10.0);
    writer.submit(r.finish(EndReason::Completed, at(START + 60)));
    assert!(writer.close());
    let done = read_log(&path).unwrap();
    assert_eq!(done.end, Some(EndReason::Completed));
    assert_eq!(done.timeline.len(), 6);
}

#[test]
fn a_crash_between_checkpoints_loses_at_most_ten_seconds_and_is_recovered() {
    let root = temp_dir("crash").join("logs");
    let writer = LogWriter::start(&root, quick()).unwrap();
    let mut r = SessionRecorder::start(
        "kiosk-1",
        "Rainbow",
        Some("R17"),
        Profile::Standing,
        at(START),
    );
    let path = root.join(relative_path(&r.snapshot()));
    r.game_started(GameId::Statues, 1.0);
    play(&mut r, 0.0, 47.3, 0.7, &mut |_, snapshot| {
        writer.submit(snapshot);
        writer.flush(Duration::from_secs(10));
    });
    // The kiosk dies: no final snapshot, no orderly shutdown of the writer.
    std::mem::forget(writer);
    drop(r);
    let on_disk = read_log(&path).unwrap();
    assert_eq!(on_disk.end, None);
    let lost = 47.3 - on_disk.last_known_s();
    assert!((0.0..=10.0).contains(&lost), "lost {lost} s");

    // The next start recovers it (here through a new writer, as the kiosk does).
    let writer = LogWriter::start(
        &root,
        WriterOptions {
            recover_at_start: true,
            kiosk: Some("kiosk-1".into()),
            ..quick()
        },
    )
    .unwrap();
    assert!(writer.flush(Duration::from_secs(10)));
    let notices = writer.take_notices();
    assert!(
        matches!(&notices[..], [LogNotice::Recovered { file, .. }] if *file == path),
        "{notices:?}"
    );
    assert!(notices[0].to_string().contains("was recovered"));
    let recovered = read_log(&path).unwrap();
    assert_eq!(recovered.end, Some(EndReason::RecoveredAfterCrash));
    let ended = recovered.ended_s.unwrap() - recovered.started_s;
    assert!((37..=48).contains(&ended), "ended after {ended} s");
    assert!(recovered.totals.vigorous_minutes > 0.6);
    assert_eq!(recovered.games[0].game, GameId::Statues);
    // Recovery is done once.
    assert!(recover(&root, None).recovered.is_empty());
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_folder_that_cannot_be_written_keeps_the_session_and_warns() {
    let base = temp_dir("readonly");
    let root = base.join("logs");
    fs::create_dir_all(&root).unwrap();
    // A read-only folder (0500) stops writes, except for root, whom permission bits do not
    // stop (tests may run as root in containers). Then a regular file where the log folder
    // should be makes every write fail (ENOTDIR) instead.
    #[cfg(unix)]
    set_mode(&root, 0o500);
    let chmod_blocks = fs::write(root.join("probe"), b"x").is_err();
    if !chmod_blocks {
        #[cfg(unix)]
        set_mode(&root, 0o700);
        fs::remove_dir_all(&root).unwrap();
        fs::write(&root, b"not a folder").unwrap();
    }
    let writer = LogWriter::start(&root, quick()).unwrap();
    let mut r = SessionRecorder::start("kiosk-1", "Rainbow", Some("R17"), Profile::Bed, at(START));
    play(&mut r, 0.0, 12.0, 0.2, &mut |_, s| writer.submit(s));
    wait_for("the failure", Duration::from_secs(10), || {
        !writer.status().is_ok()
    });
    let WriterStatus::Failing {
        reason, unsaved, ..
    } = writer.status()
    else {
        unreachable!()
    };
    assert_eq!(unsaved, 1);
    assert!(reason.contains(&root.display().to_string()), "{reason}");
    assert!(reason.contains("Play goes on"), "{reason}");
    // Play goes on: more checkpoints are taken and kept (the latest wins).
    play(&mut r, 12.0, 25.0, 0.2, &mut |_, s| writer.submit(s));
    let latest = r.finish(EndReason::StoppedByStaff, at(START + 25));
    writer.submit(latest.clone());
    assert!(!writer.flush(Duration::from_millis(100)));

    // The folder becomes writable again: the session is saved.
    if chmod_blocks {
        #[cfg(unix)]
        set_mode(&root, 0o700);
    } else {
        fs::remove_file(&root).unwrap();
    }
    wait_for("the retry", Duration::from_secs(10), || {
        writer.status().is_ok()
    });
    assert!(writer.flush(Duration::from_secs(10)));
    assert!(writer.take_notices().contains(&LogNotice::SavingAgain));
    let path = root.join(relative_path(&latest));
    assert_eq!(read_log(&path).unwrap(), latest);
    assert!(writer.close());
    let _ = fs::remove_dir_all(&base);
}

#[test]
fn retention_deletes_only_old_session_files() {
    let root = temp_dir("retention").join("logs");
    let now = START + 100 * DAY;
    let old = known_session(START, "kiosk-1", "Rainbow", Some("R17"), 0.3, 0.5);
    let edge = known_session(now - 29 * DAY, "kiosk-1", "Rainbow", Some("R17"), 0.3, 0.5);
    let recent = known_session(now - DAY, "kiosk-2", "Rainbow", None, 0.3, 0.5);
    let old_path = write_log(&root, &old).unwrap();
    let edge_path = write_log(&root, &edge).unwrap();
    let recent_path = write_log(&root, &recent).unwrap();
    let month = old_path.parent().unwrap().to_path_buf();
    // Old-looking files that are not ours, or not readable, stay.
    let foreign = [
        month.join("notes.txt"),
        month.join("20261103T140509Z_kiosk-1.ron.bak"),
        month.join("20261103T150000Z_kiosk-1.ron"), // our name, broken content
        month.join("20261103T160000Z_kiosk-9.ron"), // our name, another session's content
        root.join("kiosk.ron"),
    ];
    for f in &foreign[..3] {
        fs::write(f, "(broken").unwrap();
    }
    fs::copy(&old_path, &foreign[3]).unwrap();
    fs::write(&foreign[4], "(kiosk: \"x\")").unwrap();
    // A temp file of ours left by a crash mid-write, a week old, goes; a fresh one stays.
    let stale_temp = month.join(".20261103T140509Z_kiosk-1.ron.123-0.tmp");
    let fresh_temp = month.join(".20261103T140509Z_kiosk-1.ron.123-1.tmp");
    fs::write(&stale_temp, "(").unwrap();
    fs::write(&fresh_temp, "(").unwrap();
    // Ages are measured against the `now` given to retention.
    for (file, age) in [(&stale_temp, 7 * DAY), (&fresh_temp, 3600)] {
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(at(now - age))
            .unwrap();
    }

    let report = apply_retention(&root, 30, at(now));
    let mut deleted = report.deleted.clone();
    deleted.sort();
    let mut expected = vec![old_path.clone(), stale_temp.clone()];
    expected.sort();
    assert_eq!(deleted, expected);
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("20261103T150000Z_kiosk-1.ron"))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("does not match its name"))
    );
    assert!(!old_path.exists() && !stale_temp.exists());
    for kept in foreign
        .iter()
        .chain([&edge_path, &recent_path, &fresh_temp])
    {
        assert!(kept.exists(), "{} should be kept", kept.display());
    }
    // Nothing more to do the second time; a missing folder is not an error.
    assert!(apply_retention(&root, 30, at(now)).deleted.is_empty());
    assert_eq!(
        apply_retention(&root.join("none"), 30, at(now)),
        Default::default()
    );
}

/// A log folder with three known sessions, a broken one, a foreign file and a temp file.
fn export_folder(name: &str) -> (PathBuf, Vec<SessionLog>) {
    let root = temp_dir(name).join("logs");
    let sessions = vec![
        known_session(START, "kiosk-1", "Rainbow", Some("R17"), 0.45, 1.0),
        known_session(START + DAY, "kiosk-1", "Rainbow", Some("R18"), 0.8, 2.0),
        known_session(START + 2 * DAY, "kiosk-2", "Sunflower", None, 0.2, 0.5),
    ];
    for s in &sessions {
        write_log(&root, s).unwrap();
    }
    let month = root.join("2026/11");
    let broken = fs::read_to_string(root.join(relative_path(&sessions[0])))
        .unwrap()
        .replace("profile: standing", "profile: sideways");
    fs::write(month.join("20261110T090000Z_kiosk-1.ron"), broken).unwrap();
    fs::write(month.join("photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    fs::write(month.join(".20261110T090000Z_kiosk-1.ron.7-0.tmp"), "(").unwrap();
    (root, sessions)
}

#[test]
fn csv_export_has_known_columns_and_values_and_skips_bad_files() {
    let (root, _) = export_folder("csv");
    let before = contents(root.parent().unwrap());
    let out = export(&["--logs", root.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "file,kiosk,ward,child,profile,start_utc,end_utc,end_reason,minutes,\
         camera_active_minutes,gentle_minutes,lively_minutes,very_lively_minutes,mean_activity,\
         games_played,total_score,camera_lost_seconds,mean_reach,mean_balance,warnings"
    );
    assert_eq!(rows.len(), 4, "{csv}");
    assert_eq!(
        rows[1],
        "2026/11/20261103T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R17,standing,2026-11-03 14:05:09,\
         2026-11-03 14:06:09,completed,1.00,1.00,0.00,1.00,0.00,0.450,2,15,0.0,0.450,-0.200,"
    );
    assert_eq!(
        rows[2],
        "2026/11/20261104T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R18,standing,2026-11-04 14:05:09,\
         2026-11-04 14:07:09,completed,2.00,2.00,0.00,0.00,2.00,0.800,2,15,0.0,0.800,-0.200,"
    );
    assert_eq!(
        rows[3],
        "2026/11/20261105T140509Z_kiosk-2.ron,kiosk-2,Sunflower,,standing,2026-11-05 14:05:09,\
         2026-11-05 14:05:39,completed,0.50,0.50,0.50,0.00,0.00,0.200,2,15,0.0,0.200,-0.200,"
    );
    assert!(
        !text(&out.stderr).contains("warning "),
        "the recorder's logs add up: {}",
        text(&out.stderr)
    );
    let stderr = text(&out.stderr);
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("skipped "))
        .collect();
    assert_eq!(skipped.len(), 3, "{stderr}");
    let month = root.join("2026/11").display().to_string();
    assert!(
        skipped.iter().any(|l| l.starts_with(&format!(
            "skipped {month}/20261110T090000Z_kiosk-1.ron: line "
        )) && l.contains("column")
            && l.contains("sideways")),
        "{stderr}"
    );
    assert!(
        skipped
            .iter()
            .any(|l| l.contains("photo.jpg: not a session log"))
    );
    assert!(skipped.iter().any(|l| l.contains(".tmp: a temporary file")));
    assert!(
        stderr.contains("exported 3 sessions (3 files skipped)"),
        "{stderr}"
    );
    assert_eq!(
        contents(root.parent().unwrap()),
        before,
        "nothing may change"
    );
}

#[test]
fn csv_filters_and_per_game_rows() {
    let (root, _) = export_folder("filters");
    let logs = root.to_str().unwrap();
    let rows = |args: &[&str]| {
        let mut all = vec!["--logs", logs, "--format", "csv"];
        all.extend_from_slice(args);
        let out = export(&all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .skip(1)
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&["--from", "2026-11-04"]).len(), 2);
    assert_eq!(
        rows(&["--from", "2026-11-04", "--to", "2026-11-04"]).len(),
        1
    );
    assert_eq!(rows(&["--to", "2026-11-03"]).len(), 1);
    assert_eq!(rows(&["--ward", "sunflower"]).len(), 1);
    let r18 = rows(&["--child", "R18"]);
    assert_eq!(r18.len(), 1);
    assert!(r18[0].contains(",R18,"));
    assert!(rows(&["--child", "R99"]).is_empty());

    let games = rows(&["--per-game", "--child", "R17"]);
    assert_eq!(
        games,
        vec![
            "2026/11/20261103T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R17,standing,2026-11-03 14:05:09,\
             apple_shake,2026-11-03 14:05:09,30.0,11,2,0,0,0,0,0,",
            "2026/11/20261103T140509Z_kiosk-1.ron,kiosk-1,Rainbow,R17,standing,2026-11-03 14:05:09,\
             frog_hop,2026-11-03 14:05:39,30.0,4,0,0,0,1,0,0,",
        ]
    );
    // --out writes a file instead of stdout.
    let out_file = root.parent().unwrap().join("out.csv");
    let out = export(&[
        "--logs",
        logs,
        "--format",
        "csv",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read_to_string(&out_file).unwrap().lines().count(), 4);
}

/// The report of `folders` (each given with `--logs`) written to `report`: the HTML and the
/// export's stderr.
fn html_report(folders: &[&Path], report: &Path) -> (String, String) {
    let mut args = Vec::new();
    for f in folders {
        args.extend(["--logs", f.to_str().unwrap()]);
    }
    args.extend(["--format", "html", "--out", report.to_str().unwrap()]);
    let out = export(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (fs::read_to_string(report).unwrap(), text(&out.stderr))
}

/// The `<figure>` element whose opening tag holds `marker`.
fn figure<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let start = html[..at].rfind("<figure").unwrap();
    let end = at + html[at..].find("</figure>").unwrap();
    &html[start..end]
}

#[test]
fn html_report_is_one_file_with_four_charts() {
    let (root, _) = export_folder("html");
    let before = contents(&root);
    let report = root.parent().unwrap().join("report.html");
    let out = export(&[
        "--logs",
        root.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = fs::read_to_string(&report).unwrap();
    // The four charts and a progress chart for each child code (R17, R18).
    assert_eq!(html.matches("<svg").count(), 4 + 2);
    for chart in [
        "Camera-active minutes per day",
        "Sessions per child code",
        "Camera activity over each session",
        "Games played",
    ] {
        assert!(html.contains(chart), "{chart}");
    }
    assert!(html.contains("they are not heart rate, energy use or METs"));
    assert!(html.contains("<tr><td>kiosk-2</td>") && html.contains("<tr><td>Sunflower</td>"));
    assert!(html.contains("@page{size:A4"));
    assert!(
        !html.contains("class=\"warnings\""),
        "the recorder's logs add up"
    );
    assert_eq!(
        html.matches("; no picture was kept.</li>").count(),
        3,
        "a camera line per session"
    );
    assert!(!html.contains("http"), "no addresses");
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("src="), "nothing loaded from elsewhere");
    assert!(html.contains("Sessions from 2026-11-03 to 2026-11-05"));
    assert!(html.contains("<td>R17</td>") && html.contains("<td>R18</td>"));
    assert!(html.contains("20261110T090000Z_kiosk-1.ron: line "));
    assert_eq!(contents(&root), before);
}

#[test]
fn a_childs_progress_over_the_weeks_has_a_point_per_session() {
    let root = temp_dir("progress").join("logs");
    let weeks = [(0, 0.2), (7, 0.4), (14, 0.6), (21, 0.8)];
    for (day, activity) in weeks {
        let log = known_session(
            START + day * DAY,
            "kiosk-1",
            "Rainbow",
            Some("R17"),
            activity,
            1.0,
        );
        write_log(&root, &log).unwrap();
    }
    let other = known_session(START + DAY, "kiosk-1", "Rainbow", Some("R18"), 0.5, 1.0);
    write_log(&root, &other).unwrap();
    let report = root.parent().unwrap().join("report.html");
    let (html, _) = html_report(&[&root], &report);
    assert!(html.contains("<h2>Progress per child</h2>"));
    let r17 = figure(&html, "data-child=\"R17\"");
    assert!(r17.contains("data-sessions=\"4\""), "{r17}");
    assert!(r17.contains("R17: 4 sessions, from 2026-11-03 to 2026-11-24"));
    // A dot per session in each panel: camera-active minutes, reach, balance.
    assert_eq!(r17.matches("<circle").count(), 3 * 4);
    for panel in ["Camera-active minutes per session", "Reach used", "balance"] {
        assert!(r17.contains(panel), "{panel}");
    }
    let r18 = figure(&html, "data-child=\"R18\"");
    assert_eq!(r18.matches("<circle").count(), 3);
}

/// A log folder as a kiosk leaves it, with one session whose totals were changed by hand.
fn folder_with_an_inconsistent_log(name: &str) -> (PathBuf, PathBuf) {
    let root = temp_dir(name).join("logs");
    let good = known_session(START, "kiosk-1", "Rainbow", Some("R17"), 0.45, 1.0);
    let mut bad = known_session(START + DAY, "kiosk-1", "Rainbow", Some("R18"), 0.45, 1.0);
    bad.totals.active_minutes = 7.5;
    write_log(&root, &good).unwrap();
    let path = write_log(&root, &bad).unwrap();
    (root, path)
}

#[test]
fn an_inconsistent_log_is_exported_with_a_warning_in_csv_html_and_stderr() {
    let (root, bad) = folder_with_an_inconsistent_log("inconsistent");
    let problem = "7.50 camera-active minutes (active_minutes) are more than the 1.00 minutes \
                   played";
    let out = export(&["--logs", root.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("warning {}: {problem}", bad.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 session exported with warnings"),
        "{stderr}"
    );
    let csv = text(&out.stdout);
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "still exported: {csv}");
    assert!(rows[1].ends_with(",-0.200,"), "{}", rows[1]);
    assert!(rows[2].contains(problem), "{}", rows[2]);
    assert!(
        rows[2].contains("the totals say 7.50 camera-active minutes"),
        "{}",
        rows[2]
    );

    let (html, stderr) = html_report(&[&root], &root.parent().unwrap().join("r.html"));
    assert!(stderr.contains(&format!("warning {}: {problem}", bad.display())));
    let warn = html
        .find("<section class=\"warnings\">")
        .expect("a warning box");
    assert!(warn < html.find("<h2>Summary</h2>").unwrap());
    assert!(html.contains(&format!(
        "<li><strong>{}</strong>: {problem}",
        bad.display()
    )));
}

#[test]
fn several_log_folders_report_per_kiosk_and_ward_and_count_a_copied_session_once() {
    let base = temp_dir("several");
    let (monday, friday, ward2) = (
        base.join("kiosk-1-monday"),
        base.join("kiosk-1-friday"),
        base.join("kiosk-2"),
    );
    let first = known_session(START, "kiosk-1", "Rainbow", Some("R17"), 0.45, 1.0);
    let second = known_session(START + DAY, "kiosk-1", "Rainbow", Some("R18"), 0.8, 2.0);
    // Another kiosk, the same second: a different session.
    let elsewhere = known_session(START, "kiosk-2", "Sunflower", Some("S20"), 0.2, 0.5);
    for (folder, log) in [
        (&monday, &first),
        (&friday, &first),
        (&friday, &second),
        (&ward2, &elsewhere),
    ] {
        write_log(folder, log).unwrap();
    }
    let before = contents(&base);
    let out = export(&[
        "--logs",
        monday.to_str().unwrap(),
        "--logs",
        friday.to_str().unwrap(),
        "--logs",
        ward2.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("note: 1 session found twice (same kiosk and start) was counted once"),
        "{stderr}"
    );
    assert!(
        stderr.contains("exported 3 sessions (0 files skipped)"),
        "{stderr}"
    );
    let csv = text(&out.stdout);
    let kiosks: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|r| r.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(kiosks, ["kiosk-1", "kiosk-2", "kiosk-1"], "{csv}");

    let report = temp_dir("several-report").join("report.html");
    let (html, _) = html_report(&[&monday, &friday, &ward2], &report);
    assert!(html.contains(
        "<p class=\"note duplicates\">1 session found twice (same kiosk and start) was \
         counted once.</p>"
    ));
    assert!(html.contains("Read from 3 log folders: "));
    assert!(html.contains("<th>Sessions</th><td>3</td>"));
    assert!(
        html.contains("<th>Kiosks</th><td>2</td>") && html.contains("<th>Wards</th><td>2</td>")
    );
    // Per kiosk: kiosk-1 has two sessions (1 + 2 minutes), kiosk-2 one.
    assert!(html.contains(
        "<tr><td>kiosk-1</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">3.00</td>"
    ), "{html}");
    assert!(html.contains("<tr><td>kiosk-2</td><td class=\"n\">1</td>"));
    assert!(html.contains("<tr><td>Sunflower</td><td class=\"n\">1</td>"));
    // The same folder given twice counts each session once, and says so.
    let out = export(&[
        "--logs",
        ward2.to_str().unwrap(),
        "--logs",
        ward2.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(text(&out.stdout).lines().count(), 2);
    assert!(text(&out.stderr).contains("1 session found twice"));
    assert_eq!(contents(&base), before, "nothing may change");
}

#[test]
fn export_errors_are_plain() {
    let out = export(&["--logs", "/nonexistent/logs", "--format", "csv"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("there is no log folder at /nonexistent/logs"));
    let out = export(&["--logs", ".", "--format", "csv", "--from", "2026-13-01"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("YYYY-MM-DD"),
        "{}",
        text(&out.stderr)
    );
    let out = export(&[
        "--logs",
        ".",
        "--format",
        "csv",
        "--from",
        "2026-11-05",
        "--to",
        "2026-11-01",
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--from 2026-11-05 is after --to 2026-11-01"));
}

/// The engine-free model stays engine-free: the config, the logs and the list of games import
/// nothing from the game and no bevy, so command-line tools and exports run without it and
/// the data flows one way (config and logs are read by the game, never the other way).
#[test]
fn config_logs_and_the_games_list_import_nothing_from_the_game() {
    let files = sources::rust_files(&["src/games.rs", "src/config", "src/logs"]);
    assert!(files.len() >= 20, "found only {} files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in ["crate::game::", "wigglewoods::game::", "bevy::", "use bevy"] {
                assert!(
                    !code.contains(forbidden),
                    "{}:{}: `{forbidden}`: config, logs and the games list must not use the game",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}
