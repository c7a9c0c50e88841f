//! The command-line tools end to end, as a person runs them: `synth-clip`, `track` (summary,
//! JSON lines, mask dumps, bench), `cameras`, and clear errors for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wigglewoods::motion::{BitMask, Labeller, parse_pgm};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wigglewoods"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wigglewoods-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small synthetic clip with two children, written by the real command.
fn make_clip(dir: &Path) -> PathBuf {
    let clip = dir.join("clip.y4m");
    let out = run(&[
        "synth-clip",
        "--out",
        clip.to_str().unwrap(),
        "--width",
        "320",
        "--height",
        "240",
        "--seconds",
        "4",
        "--players",
        "2",
        "--seed",
        "3",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    clip
}

#[test]
fn synth_clip_then_track_as_json_lines() {
    let dir = temp_dir("json");
    let clip = make_clip(&dir);
    let truth = std::fs::read_to_string(dir.join("clip.csv")).unwrap();
    assert!(truth.starts_with("frame,time,player,visible,x,y,w,h,cx,cy,action,side"));
    assert_eq!(truth.lines().count(), 1 + 120 * 2);

    let masks = dir.join("masks");
    let out = run(&[
        "track",
        "--input",
        clip.to_str().unwrap(),
        "--jsonl",
        "--dump-masks",
        masks.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 120);
    let mut saw_players = false;
    let mut labeller = Labeller::default();
    for (i, frame) in lines.iter().enumerate() {
        assert_eq!(frame["frame"], i as u64);
        for key in ["lighting_event", "activity", "blobs", "players", "gestures"] {
            assert!(frame.get(key).is_some(), "frame {i} lacks {key}");
        }
        for p in frame["players"].as_array().unwrap() {
            for key in ["id", "x", "y", "w", "h", "cx", "cy", "vx", "vy", "activity"] {
                assert!(p.get(key).is_some(), "player lacks {key}");
            }
            saw_players = true;
        }
        // The dumped mask is the one that was labelled: its components are the blobs.
        let bytes = std::fs::read(masks.join(format!("mask_{i:06}.pgm"))).unwrap();
        let mut pixels = Vec::new();
        let (w, h) = parse_pgm(&bytes, &mut pixels).unwrap();
        assert_eq!((w, h), (160, 120), "masks are at the working size");
        let mut mask = BitMask::new(w, h);
        for (k, &v) in pixels.iter().enumerate() {
            assert!(v == 0 || v == 255);
            mask.set(k % w, k / w, v == 255);
        }
        let mut blobs = Vec::new();
        labeller.label(&mask, &mut blobs);
        let json_blobs = frame["blobs"].as_array().unwrap();
        assert_eq!(blobs.len(), json_blobs.len(), "frame {i}");
        for (b, j) in blobs.iter().zip(json_blobs) {
            assert_eq!(j["area"], b.area);
            assert_eq!(
                (j["x"].as_u64(), j["w"].as_u64()),
                (Some(b.x.into()), Some(b.w.into()))
            );
            assert!((j["cy"].as_f64().unwrap() - b.cy).abs() < 1e-9);
        }
    }
    assert!(saw_players, "two children should be found");
}

#[test]
fn track_summary_and_bench_line() {
    let dir = temp_dir("bench");
    let clip = make_clip(&dir);
    let out = run(&[
        "track",
        "--input",
        clip.to_str().unwrap(),
        "--profile",
        "seated",
        "--mirror",
    ]);
    assert!(out.status.success());
    let summary = text(&out.stdout);
    assert!(
        summary.contains("120 frames") && summary.contains("players:"),
        "{summary}"
    );

    let out = run(&["track", "--input", clip.to_str().unwrap(), "--bench"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    let re_ok = line.starts_with("bench: frames=300 width=320 height=240 median_us=")
        && line.contains(" p95_us=");
    assert!(re_ok, "{line}");
}

#[test]
fn bad_input_ends_with_one_clear_message() {
    let dir = temp_dir("bad");
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "truncated.y4m",
            b"YUV4MPEG2 W4 H4 Cmono\nFRAME\nabc",
            "frame 0: truncated frame",
        ),
        ("header.y4m", b"P5 not a clip\n", "malformed header"),
        (
            "colour.y4m",
            b"YUV4MPEG2 W4 H4 C444alpha\n",
            "unsupported colour space",
        ),
        (
            "empty.y4m",
            b"YUV4MPEG2 W0 H4 Cmono\n",
            "unusable frame size 0x4",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["track", "--input", path.to_str().unwrap()]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(name) && err.contains(expected),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{name}: {err}");
    }
    let out = run(&[
        "track",
        "--input",
        dir.join("missing.y4m").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.y4m"));
    let out = run(&["track", "--input", "synthetic:players=9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("players"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn cameras_without_a_camera_suggest_synthetic_input() {
    let out = run(&["cameras"]);
    assert!(out.status.success());
    let listing = text(&out.stdout);
    // Machines with a camera list it; machines without say so and point at synthetic input.
    assert!(
        listing.contains("camera:") || listing.contains("--input synthetic"),
        "{listing}"
    );
}

/// An hour of play compressed into minutes: resident memory stays flat and under 300 MB,
/// and every session leaves one small log file.
#[test]
fn an_hour_of_play_keeps_memory_flat_and_logs_small() {
    let dir = temp_dir("soak");
    let logs = dir.join("logs");
    let out = run(&["soak", "--minutes", "60", "--logs", logs.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("soak: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    eprintln!("{summary}");
    // The per-minute table: 60 simulated minutes, memory within 25 MB of the first minute.
    let rows: Vec<(f64, u32)> = stdout
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            let minute = cells.first()?.parse::<u32>().ok()?;
            Some((cells.get(1)?.parse::<f64>().ok()?, minute))
        })
        .collect();
    assert!(rows.len() >= 60, "{stdout}");
    let after_warm_up = rows[1].0;
    for (mb, minute) in &rows {
        assert!(*mb < 300.0, "minute {minute}: {mb} MB");
        assert!(
            *mb < after_warm_up + 25.0,
            "minute {minute}: {mb} MB, grew from {after_warm_up}"
        );
    }
    // Twelve five-minute sessions, one file each, each a few kilobytes.
    let mut files = Vec::new();
    let mut stack = vec![logs.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(std::fs::metadata(&p).unwrap().len());
            }
        }
    }
    assert!(
        (11..=13).contains(&files.len()),
        "{} log files",
        files.len()
    );
    assert!(files.iter().all(|&b| b < 32 * 1024), "{files:?}");
    // The logs add up as the kiosk's do (soak logs once held more active minutes than
    // minutes played): the soak checks them itself, and the export's check agrees. Each
    // session lies on the simulated clock, after the one before.
    let n = files.len();
    assert!(
        summary.ends_with(&format!("; {n} of {n} logs add up")),
        "{summary}"
    );
    let found = wigglewoods::logs::scan(&logs, &Default::default(), &mut |_, _| {}).unwrap();
    assert_eq!(found.sessions.len(), n);
    for s in &found.sessions {
        assert!(
            s.problems.is_empty(),
            "{}: {:?}",
            s.path().display(),
            s.problems
        );
        assert!(s.log.is_finished(), "{}", s.path().display());
    }
    for pair in found.sessions.windows(2) {
        assert!(
            pair[1].log.started_s + 1 >= pair[0].log.ended_s.unwrap(),
            "{} starts before {} ends",
            pair[1].file.display(),
            pair[0].file.display()
        );
    }

    // The hour's report, as a ward manager opens and prints it (a real browser).
    let report = dir.join("report.html");
    let out = run(&[
        "export",
        "--format",
        "html",
        "--out",
        report.to_str().unwrap(),
        "--logs",
        logs.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    the_report_renders_and_prints_in_chromium(&report, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Headless Chromium, as the README's test command installs it, with the flags that keep
/// it off the (closed) network and a profile of its own.
fn chromium(dir: &Path, args: &[&str]) -> Output {
    let profile = dir.join("chromium-profile");
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs (the README's test command installs it)")
}

/// The report in a real browser: drawn (a picture that is not blank, with the charts'
/// colours in its lower part), its charts parsed as SVG, and printed on A4 pages.
fn the_report_renders_and_prints_in_chromium(report: &Path, dir: &Path) {
    let url = format!("file://{}", report.display());
    let html = std::fs::read_to_string(report).unwrap();
    let svgs_written = html.matches("<svg").count();
    assert!(svgs_written >= 5, "{svgs_written} charts in the file");

    // The page as the browser built it: every chart is there as an SVG element.
    let out = chromium(dir, &["--dump-dom", &url]);
    let dom = text(&out.stdout);
    assert!(
        dom.contains("Wigglewoods activity report"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(dom.matches("<svg").count(), svgs_written);

    // A picture of it: not blank, and the charts drawn (their blue and orange lines).
    let shot = dir.join("report.png");
    let out = chromium(
        dir,
        &[
            "--window-size=1200,4000",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    assert!(shot.is_file(), "{}", text(&out.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let pixels: Vec<[u8; 3]> = buf[..info.buffer_size()]
        .chunks(step)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    let inked = pixels.iter().filter(|p| p.iter().any(|c| *c < 200)).count();
    assert!(
        inked > pixels.len() / 100,
        "the page looks blank: {inked} dark pixels of {}",
        pixels.len()
    );
    // The charts' blue (plotters' first colour, 0,114,178) fills bars well below the top.
    let lower = &pixels[pixels.len() / 4..];
    let chart_blue = lower
        .iter()
        .filter(|p| p[2] > 150 && p[0] < 40 && p[1] > 90 && p[1] < 140)
        .count();
    assert!(
        chart_blue > 2000,
        "{chart_blue} pixels of chart blue below the top"
    );

    // Printed: A4 pages (595 x 842 points).
    let pdf = dir.join("report.pdf");
    let out = chromium(
        dir,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("{}", text(&out.stderr)));
    let pdf_text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = pdf_text
        .match_indices("/MediaBox [")
        .map(|(i, _)| pdf_text[i..].split(']').next().unwrap_or(""))
        .collect();
    assert!(!boxes.is_empty(), "no pages");
    for b in &boxes {
        let numbers: Vec<f64> = b
            .trim_start_matches("/MediaBox [")
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            numbers.len() == 4
                && (numbers[2] - 595.0).abs() < 2.0
                && (numbers[3] - 842.0).abs() < 2.0,
            "not A4: {b}"
        );
    }
}

/// Each package with its features, as `cargo tree` resolves them for a build with or without
/// the dev-dependencies.
fn resolved_features(
    with_dev_dependencies: bool,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut c = Command::new(cargo);
    c.args(["tree", "--offline", "--prefix", "none", "-f", "{p}|{f}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if !with_dev_dependencies {
        c.args(["-e", "no-dev"]);
    }
    let out = c.output().expect("cargo runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A package built for the host and for the target may show twice, with two sets.
    let mut found = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for (package, features) in text(&out.stdout)
        .lines()
        .filter_map(|line| line.trim_end_matches(" (*)").split_once('|'))
    {
        found
            .entry(package.to_owned())
            .or_default()
            .insert(features.to_owned());
    }
    found
}

#[test]
fn the_tests_build_shares_the_kiosks_build() {
    // `cargo test --release` after `cargo build --release` must not build bevy again: every
    // package the kiosk uses has the same features in both (Cargo.toml asks for the features
    // the dev-dependencies would add).
    let kiosk = resolved_features(false);
    let tests = resolved_features(true);
    let differ: Vec<String> = kiosk
        .iter()
        .filter(|(package, features)| tests.get(*package).is_some_and(|t| t != *features))
        .map(|(package, features)| {
            format!("{package}: kiosk {features:?}, tests {:?}", tests[package])
        })
        .collect();
    assert!(kiosk.len() > 300, "{} packages", kiosk.len());
    assert!(differ.is_empty(), "features differ: {differ:#?}");
}

#[test]
fn sounds_are_written_as_wav_files_with_their_loudness() {
    let dir = temp_dir("sounds");
    let out = run(&["sounds", "--out", dir.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let rows: Vec<&str> = stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("sounds written"))
        .collect();
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "wav")
        })
        .count();
    assert_eq!(rows.len(), files, "{stdout}");
    assert!(files > 20, "{files} files");
    assert!(stdout.contains("all kind to ears"), "{stdout}");
    let ambience = std::fs::read(dir.join("ambience.wav")).unwrap();
    assert_eq!(&ambience[..4], b"RIFF");
}
