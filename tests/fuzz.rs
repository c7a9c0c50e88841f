//! Fuzzing every parser of outside input: Y4M and PGM clips, the kiosk config, level files,
//! session logs, and the command-line texts (sources, session plans, child codes).
//!
//! A mutation fuzzer without coverage feedback: it starts from valid files (the shipped
//! config and levels, a session log, small clips), breaks them in the ways files break (bytes
//! flipped, cut short, spliced, numbers made huge or negative, brackets lost) and checks that
//! every parser answers with an error or a value, never a panic, and that errors name their
//! file. It is deterministic: a failure prints the seed and the input, and saves the input
//! under `target/fuzz-findings/` to become a regression test below.
//!
//! CI runs a short round (`cargo test --release --test fuzz`: 20,000 inputs a parser, a few
//! seconds). A longer one:
//! `WIGGLEWOODS_FUZZ_ROUNDS=200000 WIGGLEWOODS_FUZZ_SEED=7 cargo test --release --test fuzz`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use wigglewoods::camera::SourceSpec;
use wigglewoods::config::KioskConfig;
use wigglewoods::game::levels::parse_level;
use wigglewoods::games::GameId;
use wigglewoods::logs::child_code;
use wigglewoods::logs::store::to_ron;
use wigglewoods::logs::{EndReason, SessionRecorder, parse_log};
use wigglewoods::motion::{ClipReader, Y4mWriter, parse_pgm};
use wigglewoods::motion::{GestureKind, OwnedFrame, Profile};

fn rounds() -> u64 {
    std::env::var("WIGGLEWOODS_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn base_seed() -> u64 {
    std::env::var("WIGGLEWOODS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// A small, fast, repeatable random source (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that matter to the formats: RON punctuation, digits, signs, header letters.
const INTERESTING: &[u8] = b"()[]{}:,\"'/*\\-+.eE0123456789 \nWHFCIApx_#r\x00\xff\xc3";

/// Number texts that break ranges and types.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1e40",
    "-1e40",
    "NaN",
    "inf",
    "99999999999999999999",
    "4294967296",
    "0.0000001",
    "65536",
    "1.5",
    "-0",
    "0x10",
    "2147483648",
];

/// Breaks `input` in one to four ways; `other` is material to splice in.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(9) {
            // Flip a bit.
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            // An interesting byte.
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            // Cut a piece out.
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                out.drain(a..b);
            }
            // Repeat a piece.
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                let piece = out[a..b].to_vec();
                let at = rng.below(len);
                out.splice(at..at, piece);
            }
            // Cut short.
            4 if len > 0 => out.truncate(rng.below(len)),
            // A number becomes an awkward one.
            5 => {
                let digits: Vec<usize> = (0..len).filter(|&i| out[i].is_ascii_digit()).collect();
                if let Some(&i) = digits.get(rng.below(digits.len().max(1))) {
                    let mut j = i;
                    while j < len && (out[j].is_ascii_digit() || out[j] == b'.') {
                        j += 1;
                    }
                    let n = NUMBERS[rng.below(NUMBERS.len())].as_bytes().to_vec();
                    out.splice(i..j, n);
                }
            }
            // Splice in a piece of another input.
            6 if !other.is_empty() => {
                let a = rng.below(other.len());
                let b = (a + 1 + rng.below(128)).min(other.len());
                let at = rng.below(len + 1);
                out.splice(at..at, other[a..b].iter().copied());
            }
            // Random bytes.
            7 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                out.splice(at..at, bytes);
            }
            // Swap two lines.
            _ => {
                let lines: Vec<usize> = (0..len).filter(|&i| out[i] == b'\n').collect();
                if lines.len() >= 3 {
                    let a = rng.below(lines.len() - 1);
                    let (s, e) = (lines[a] + 1, lines[a + 1] + 1);
                    let line = out[s..e].to_vec();
                    out.drain(s..e);
                    let at = lines[rng.below(lines.len() - 1)].min(out.len());
                    out.splice(at..at, line);
                }
            }
        }
    }
    out
}

fn findings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings")
}

/// Runs `target` on `rounds()` mutations of the corpus; fails on the first panic, saving
/// the input that caused it.
fn fuzz(name: &str, corpus: &[Vec<u8>], mut target: impl FnMut(&[u8])) {
    assert!(!corpus.is_empty());
    let seed = base_seed()
        ^ name
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31) ^ u64::from(b));
    let mut rng = Rng(seed);
    // The corpus itself first: valid inputs must never panic either.
    let inputs = corpus.iter().cloned().chain((0..rounds()).map(|_| {
        let a = &corpus[rng.below(corpus.len())];
        let b = &corpus[rng.below(corpus.len())];
        mutate(&mut rng, a, b)
    }));
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for (i, input) in inputs.enumerate() {
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            std::panic::set_hook(quiet);
            let dir = findings_dir();
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{name}-{seed}-{i}.bin"));
            let _ = std::fs::write(&file, &input);
            // Run it again with the usual hook, to show the panic.
            let shown = String::from_utf8_lossy(&input[..input.len().min(2000)]).into_owned();
            eprintln!("{name}: input {i} (seed {seed}) panics; saved as {file:?}:\n{shown}");
            target(&input);
            panic!("{name}: input {i} panicked");
        }
    }
    std::panic::set_hook(quiet);
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[test]
fn the_kiosk_config_parser() {
    let shipped = std::fs::read(repo().join("kiosk-config/kiosk.ron")).unwrap();
    let dir = repo().join("kiosk-config");
    fuzz("config", &[shipped], |bytes| {
        if let Some(t) = text(bytes)
            && let Err(errors) = KioskConfig::parse("kiosk.ron", t, &dir)
        {
            for e in errors.iter() {
                assert!(e.to_string().starts_with("kiosk.ron"), "{e}");
            }
        }
    });
}

#[test]
fn the_level_parser() {
    let corpus: Vec<Vec<u8>> = GameId::ALL
        .iter()
        .map(|g| std::fs::read(repo().join(format!("levels/{}.ron", g.name()))).unwrap())
        .collect();
    fuzz("levels", &corpus, |bytes| {
        if let Some(t) = text(bytes)
            && let Err(errors) = parse_level("frog_hop.ron", t)
        {
            assert!(errors.to_string().contains("frog_hop.ron"), "{errors}");
        }
    });
}

fn session_log_text() -> Vec<u8> {
    let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
    let mut r = SessionRecorder::start(
        "kiosk-1",
        "Rainbow",
        Some("K7Q2"),
        Profile::Bed,
        at(1_793_714_709),
    );
    r.game_started(GameId::AppleShake, 1.0);
    for i in 0..900 {
        let t = i as f32 / 30.0;
        r.sample(t, (t / 9.0).sin().abs(), 0.2, 0.6);
        if i % 90 == 0 {
            r.gesture(GestureKind::Wiggle);
        }
    }
    r.input_lost(20.0, "The camera was unplugged.");
    r.input_back(24.0);
    r.game_ended(9, 30.0);
    let log = r.finish(EndReason::Completed, at(1_793_714_740));
    to_ron(&log).unwrap().into_bytes()
}

#[test]
fn the_session_log_parser() {
    fuzz("logs", &[session_log_text()], |bytes| {
        if let Some(t) = text(bytes) {
            let _ = parse_log(t);
        }
    });
}

fn y4m(width: usize, height: usize, frames: usize, colour_header: Option<&str>) -> Vec<u8> {
    let mut w = Y4mWriter::new(Vec::new(), width, height, 30).unwrap();
    for f in 0..frames {
        let frame = OwnedFrame {
            data: (0..width * height)
                .map(|i| (i * 7 + f * 13) as u8)
                .collect(),
            width,
            height,
            timestamp: Duration::ZERO,
        };
        w.write(&frame).unwrap();
    }
    let bytes = w.finish().unwrap();
    match colour_header {
        None => bytes,
        Some(c) => {
            // The same luma as 4:2:0, with the chroma planes after each frame.
            let header = format!("YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 {c}\n");
            let mut out = header.into_bytes();
            let chroma = 2 * width.div_ceil(2) * height.div_ceil(2);
            for f in 0..frames {
                out.extend_from_slice(b"FRAME\n");
                out.extend((0..width * height).map(|i| (i * 7 + f * 13) as u8));
                out.extend(std::iter::repeat_n(128u8, chroma));
            }
            out
        }
    }
}

#[test]
fn the_y4m_reader() {
    let dir = std::env::temp_dir().join(format!("wigglewoods-fuzz-y4m-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("clip.y4m");
    let corpus = vec![
        y4m(16, 12, 3, None),
        y4m(9, 7, 2, Some("C420jpeg")),
        y4m(8, 6, 2, Some("C420paldv XYSCSS=420PALDV")),
    ];
    fuzz("y4m", &corpus, |bytes| {
        std::fs::write(&file, bytes).unwrap();
        if let Ok(mut clip) = ClipReader::open(&file, 30.0) {
            let mut frame = OwnedFrame::default();
            for _ in 0..8 {
                match clip.next_frame(&mut frame) {
                    Ok(true) => assert_eq!(frame.data.len(), frame.width * frame.height),
                    Ok(false) | Err(_) => break,
                }
            }
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pgm_parser() {
    let mut p5 = b"P5\n# a comment\n16 12\n255\n".to_vec();
    p5.extend((0..16 * 12).map(|i| i as u8));
    let p2 = b"P2\n3 2\n255\n0 128 255\n12 34 56\n".to_vec();
    let mut pixels = Vec::new();
    fuzz("pgm", &[p5, p2], |bytes| {
        if let Ok((w, h)) = parse_pgm(bytes, &mut pixels) {
            assert_eq!(pixels.len(), w * h);
        }
    });
}

#[test]
fn the_command_line_texts() {
    let corpus: Vec<Vec<u8>> = [
        "synthetic:players=2,seed=5,outage=20+6",
        "camera:1",
        "camera:HD Pro Webcam",
        "clips/wave.y4m",
        "profile=seated,minutes=1,games=apple_shake+frog_hop,child=K7Q2",
        "K7Q2",
        "12-03-2015",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    fuzz("texts", &corpus, |bytes| {
        if let Some(t) = text(bytes) {
            if let Ok(spec) = t.parse::<SourceSpec>() {
                // What parses prints back to something that parses the same.
                assert_eq!(spec.to_string().parse::<SourceSpec>().ok(), Some(spec));
            }
            let _ = child_code::check(t);
            let _ = wigglewoods::cli::kiosk::parse_plan(t, Default::default());
        }
    });
}

/// Inputs the fuzzers once found, kept in `tests/fuzz-findings/` so that they stay fixed.
#[test]
fn findings_stay_fixed() {
    let dir = repo().join("tests/fuzz-findings");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            // A Y4M header with a non-ASCII letter where a tag goes: it split a character.
            Some("y4m") => {
                let result = ClipReader::open(&path, 30.0);
                assert!(result.is_err(), "{path:?} is not a clip");
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 1, "the findings are in {dir:?}");
}
