//! `wigglewoods track`: the motion core on a recorded clip, without a window.

use crate::camera::{
    CaptureSettings, FrameSource, RoomConfig, RoomMonitor, RoomSample, SourceInfo, SourceSpec,
    SpecError, open_source,
};
use crate::motion::{
    Blob, ClipReader, Gesture, GestureKind, MotionConfig, MotionCore, MotionReport, OwnedFrame,
    Player, Profile,
};
use clap::Args;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Options of `track`.
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// A `.y4m` clip, a folder of `.pgm` images, `camera[:INDEX|:NAME]` or
    /// `synthetic[:players=N,seed=S]`.
    #[arg(long, required_unless_present = "latency")]
    pub input: Option<String>,
    /// Stop after this many frames (cameras and synthetic input never end by themselves).
    #[arg(long)]
    pub frames: Option<u64>,
    /// How the children play: standing, seated or bed.
    #[arg(long, default_value = "standing")]
    pub profile: Profile,
    /// Mirror the picture (then "left" is the picture's left, as in a mirror).
    #[arg(long)]
    pub mirror: bool,
    /// Print one JSON object per frame on standard output.
    #[arg(long)]
    pub jsonl: bool,
    /// Write each frame's final mask as DIR/mask_NNNNNN.pgm.
    #[arg(long, value_name = "DIR")]
    pub dump_masks: Option<PathBuf>,
    /// Time the core alone over the clip (after a warm-up) and print one summary line.
    #[arg(long)]
    pub bench: bool,
    /// Frame rate of a folder of images (Y4M files carry their own).
    #[arg(long, default_value_t = 30.0)]
    pub fps: f64,
    /// Instead of a clip: how soon each gesture is reported after a child starts it, per
    /// profile, on synthetic clips that know when each movement starts (median delays).
    #[arg(long, conflicts_with_all = ["jsonl", "bench", "dump_masks"])]
    pub latency: bool,
}

/// One line of `--jsonl`.
#[derive(Serialize)]
struct JsonFrame<'a> {
    frame: u64,
    time: f64,
    learning: bool,
    lighting_event: bool,
    camera_moved: bool,
    too_dark: bool,
    activity: f32,
    motion: f32,
    blobs: &'a [Blob],
    players: &'a [Player],
    gestures: &'a [Gesture],
}

impl<'a> JsonFrame<'a> {
    fn of(r: &'a MotionReport) -> Self {
        Self {
            frame: r.frame,
            time: r.timestamp.as_secs_f64(),
            learning: r.learning,
            lighting_event: r.lighting.event,
            camera_moved: r.camera_moved,
            too_dark: r.lighting.too_dark,
            activity: r.activity,
            motion: r.motion_fraction,
            blobs: &r.blobs,
            players: &r.players,
            gestures: &r.gestures,
        }
    }
}

/// Runs the command.
pub fn run(args: &TrackArgs) -> super::CliResult {
    if args.latency {
        super::latency::print(&super::latency::measure());
        return Ok(());
    }
    let input_name = args.input.as_deref().unwrap_or_default();
    let config = MotionConfig {
        profile: args.profile,
        mirror: args.mirror,
        ..MotionConfig::default()
    };
    let spec: SourceSpec = input_name.parse().map_err(|e: SpecError| e.to_string())?;
    let mut input = match &spec {
        SourceSpec::Clip(path) => {
            Input::Clip(ClipReader::open(path, args.fps).map_err(|e| e.to_string())?)
        }
        live => {
            let settings = CaptureSettings::default();
            let source = open_source(live, &settings).map_err(|e| e.staff_message())?;
            eprintln!("{}", describe(source.info()));
            Input::Live(source)
        }
    };
    if args.bench {
        return bench(&mut input, config);
    }
    if let Some(dir) = &args.dump_masks {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut core = MotionCore::new(config);
    let mut frame = OwnedFrame::default();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    while input.next_frame(&mut frame)? {
        if args.frames.is_some_and(|n| summary.frames >= n) {
            break;
        }
        let report = core.process(&frame.view());
        summary.add(report);
        if args.jsonl {
            serde_json::to_writer(&mut out, &JsonFrame::of(report))
                .map_err(|e| format!("writing JSON: {e}"))?;
            writeln!(out).map_err(|e| format!("writing JSON: {e}"))?;
        }
        if let Some(dir) = &args.dump_masks {
            let path = dir.join(format!("mask_{:06}.pgm", report.frame));
            let file =
                std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut w = BufWriter::new(file);
            core.silhouette()
                .write_pgm(&mut w)
                .and_then(|()| w.flush())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    out.flush().map_err(|e| format!("writing output: {e}"))?;
    if !args.jsonl {
        summary.print(input_name);
    }
    Ok(())
}

/// Where frames come from: a clip read as fast as possible, or a paced live source.
enum Input {
    Clip(ClipReader),
    Live(Box<dyn FrameSource>),
}

impl Input {
    /// The next frame; `Ok(false)` at the end of a clip.
    fn next_frame(&mut self, frame: &mut OwnedFrame) -> Result<bool, String> {
        match self {
            Input::Clip(clip) => clip.next_frame(frame).map_err(|e| e.to_string()),
            Input::Live(source) => source
                .read(frame)
                .map(|_| true)
                .map_err(|e| e.staff_message()),
        }
    }

    fn fps(&self) -> f64 {
        match self {
            Input::Clip(clip) => clip.fps(),
            Input::Live(source) => source.info().fps.max(1.0),
        }
    }
}

/// One line saying what the source is, for the person at the terminal.
fn describe(info: &SourceInfo) -> String {
    let mut line = format!(
        "{}: {}x{} at {:.0} fps, {}",
        info.name, info.width, info.height, info.fps, info.pixel_format
    );
    if !info.note.is_empty() {
        line.push_str(&format!(" ({})", info.note));
    }
    line
}

/// Frames timed by `--bench` (the clip is looped if it is shorter).
const BENCH_FRAMES: usize = 300;
/// Frames kept in memory for `--bench`, so that no file I/O is timed.
const BENCH_LOADED: usize = 300;
/// Frames processed before timing starts.
const BENCH_WARMUP: usize = 30;

fn bench(input: &mut Input, config: MotionConfig) -> super::CliResult {
    let mut frames = Vec::new();
    let mut frame = OwnedFrame::default();
    while frames.len() < BENCH_LOADED && input.next_frame(&mut frame)? {
        frames.push(frame.clone());
    }
    if frames.is_empty() {
        return Err("the clip has no frames to time".into());
    }
    let (width, height) = (frames[0].width, frames[0].height);
    let period = Duration::from_secs_f64(1.0 / input.fps());
    let mut core = MotionCore::new(config);
    let mut times = Vec::with_capacity(BENCH_FRAMES);
    for i in 0..BENCH_WARMUP + BENCH_FRAMES {
        let n = frames.len();
        let f = &mut frames[i % n];
        // Loops keep time running forwards, as a camera would.
        f.timestamp = period * i as u32;
        let view = f.view();
        let start = Instant::now();
        std::hint::black_box(core.process(&view));
        let elapsed = start.elapsed();
        if i >= BENCH_WARMUP {
            times.push(elapsed.as_secs_f64() * 1e6);
        }
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "bench: frames={} width={width} height={height} median_us={:.1} p95_us={:.1}",
        times.len(),
        pick(0.5),
        pick(0.95)
    );
    Ok(())
}

/// What a run saw, for the plain (non-JSON) output.
struct Summary {
    frames: u64,
    players: BTreeSet<u32>,
    most_players: usize,
    gestures: [u32; GestureKind::ALL.len()],
    lighting_frames: u64,
    camera_frames: u64,
    dark_frames: u64,
    activity_sum: f64,
    /// The staff room checks, fed as the kiosk feeds them (during a session).
    room: RoomMonitor,
}

impl Default for Summary {
    fn default() -> Self {
        let mut room = RoomMonitor::new(RoomConfig::default());
        room.session_started(Duration::ZERO);
        Self {
            frames: 0,
            players: BTreeSet::new(),
            most_players: 0,
            gestures: [0; GestureKind::ALL.len()],
            lighting_frames: 0,
            camera_frames: 0,
            dark_frames: 0,
            activity_sum: 0.0,
            room,
        }
    }
}

impl Summary {
    fn add(&mut self, r: &MotionReport) {
        self.frames += 1;
        self.room.observe(&RoomSample::from(r), r.timestamp);
        self.camera_frames += u64::from(r.camera_moved);
        self.players.extend(r.players.iter().map(|p| p.id));
        self.most_players = self.most_players.max(r.players.len());
        for g in r.gestures.iter().filter(|g| g.started) {
            let i = GestureKind::ALL
                .iter()
                .position(|k| *k == g.kind)
                .unwrap_or(0);
            self.gestures[i] += 1;
        }
        self.lighting_frames += u64::from(r.lighting.event);
        self.dark_frames += u64::from(r.lighting.too_dark);
        self.activity_sum += f64::from(r.activity);
    }

    fn print(&self, input: &str) {
        println!("{input}: {} frames", self.frames);
        println!(
            "players: {} seen (ids {:?}), at most {} at once",
            self.players.len(),
            self.players,
            self.most_players
        );
        let counts: Vec<String> = GestureKind::ALL
            .iter()
            .zip(self.gestures)
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        println!("gestures: {}", counts.join(", "));
        println!(
            "mean activity {:.2}; lighting events in {} frames; camera moved in {} frames; too dark in {} frames",
            self.activity_sum / self.frames.max(1) as f64,
            self.lighting_frames,
            self.camera_frames,
            self.dark_frames
        );
        for w in self.room.warnings() {
            println!("room: {} {}", w.message, w.hint);
        }
    }
}
