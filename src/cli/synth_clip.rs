//! `wigglewoods synth-clip`: writes a synthetic clip and its ground-truth CSV.

use crate::motion::synth::{Move, Scenario, SynthScene, SynthSpec, TRUTH_HEADER};
use crate::motion::{OwnedFrame, Profile, Y4mWriter};
use clap::Args;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Options of `synth-clip`.
#[derive(Debug, Args)]
pub struct SynthClipArgs {
    /// The clip to write (`.y4m`); the ground truth goes beside it as `.csv`.
    #[arg(long)]
    pub out: PathBuf,
    /// Frame width.
    #[arg(long, default_value_t = 640)]
    pub width: usize,
    /// Frame height.
    #[arg(long, default_value_t = 480)]
    pub height: usize,
    /// Length in seconds.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f32,
    /// Frames per second.
    #[arg(long, default_value_t = 30)]
    pub fps: u32,
    /// Number of children (0 to 3).
    #[arg(long, default_value_t = 2)]
    pub players: usize,
    /// Seed: the same seed gives the same clip.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Two children walk across each other, twice.
    #[arg(long)]
    pub crossing: bool,
    /// The room's light drifts slowly up and down.
    #[arg(long)]
    pub lighting_drift: bool,
    /// The lights are switched on half-way through.
    #[arg(long)]
    pub lights_on: bool,
    /// The first child stands perfectly still for most of the clip.
    #[arg(long)]
    pub still: bool,
    /// One child repeats one gesture: wave-left, wave-right, wiggle, jump, reach-up,
    /// lean-left, lean-right, freeze.
    #[arg(long)]
    pub gesture: Option<String>,
    /// How the children are placed: standing, seated (behind a table) or bed.
    #[arg(long, default_value = "standing")]
    pub profile: Profile,
    /// Sensor noise, standard deviation in grey levels.
    #[arg(long, default_value_t = 3.0)]
    pub noise: f32,
    /// Size of the children (0.5: twice as far from the camera; 0.2 to 2).
    #[arg(long, default_value_t = 1.0)]
    pub child_scale: f32,
}

/// Writes the clip and the truth.
pub fn run(args: &SynthClipArgs) -> super::CliResult {
    let spec = spec_from(args)?;
    let count = spec.frame_count();
    let csv_path = args.out.with_extension("csv");
    let clip = create(&args.out)?;
    let mut writer = Y4mWriter::new(BufWriter::new(clip), spec.width, spec.height, spec.fps)
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut truth = BufWriter::new(create(&csv_path)?);
    let write_err = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    writeln!(truth, "{TRUTH_HEADER}").map_err(|e| write_err(&csv_path, e))?;
    let mut scene = SynthScene::new(spec.clone());
    let mut frame = OwnedFrame::default();
    for index in 0..count {
        let truths = scene.render(index, &mut frame);
        writer.write(&frame).map_err(|e| write_err(&args.out, e))?;
        let time = index as f32 / spec.fps as f32;
        for t in truths {
            writeln!(truth, "{}", t.csv_line(index, time)).map_err(|e| write_err(&csv_path, e))?;
        }
    }
    writer.finish().map_err(|e| write_err(&args.out, e))?;
    truth.flush().map_err(|e| write_err(&csv_path, e))?;
    eprintln!(
        "wrote {count} frames of {}x{} to {} and the truth to {}",
        spec.width,
        spec.height,
        args.out.display(),
        csv_path.display()
    );
    Ok(())
}

fn create(path: &Path) -> Result<File, String> {
    File::create(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Checks the options and turns them into a spec.
pub fn spec_from(args: &SynthClipArgs) -> Result<SynthSpec, String> {
    if args.width < 16 || args.height < 16 || args.width > 8192 || args.height > 8192 {
        return Err(format!(
            "frame size {}x{} is outside 16..8192",
            args.width, args.height
        ));
    }
    if !(args.seconds > 0.0 && args.seconds <= 3600.0) {
        return Err(format!("--seconds {} is outside 0..3600", args.seconds));
    }
    if args.fps == 0 || args.fps > 240 {
        return Err(format!("--fps {} is outside 1..240", args.fps));
    }
    if args.players > 3 {
        return Err(format!("--players {} is more than 3", args.players));
    }
    let scenario = match (&args.gesture, args.crossing, args.still) {
        (Some(name), false, false) => {
            Scenario::Gesture(Move::parse(name).ok_or_else(|| format!("unknown gesture {name:?}"))?)
        }
        (None, true, false) => Scenario::Crossing,
        (None, false, true) => Scenario::Still,
        (None, false, false) => Scenario::Wander,
        _ => return Err("choose at most one of --gesture, --crossing and --still".into()),
    };
    Ok(SynthSpec {
        width: args.width,
        height: args.height,
        fps: args.fps,
        seconds: args.seconds,
        players: args.players,
        seed: args.seed,
        scenario,
        profile: args.profile,
        lighting_drift: args.lighting_drift,
        lights_on: args.lights_on,
        noise: args.noise.clamp(0.0, 50.0),
        child_scale: args.child_scale.clamp(0.2, 2.0),
    })
}
