//! The command line: the kiosk (the default) and the tools that run without a window.

mod cameras;
mod check_config;
mod export;
pub mod kiosk;
mod latency;
mod soak;
mod sounds;
mod synth_clip;
mod track;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Wigglewoods: a woodland that answers children's movement.
#[derive(Debug, Parser)]
#[command(name = "wigglewoods", version, about)]
pub struct Cli {
    /// What to do; the kiosk when left out.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The kiosk's options, when no command is given.
    #[command(flatten)]
    pub kiosk: kiosk::KioskArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the kiosk (the default).
    Kiosk(kiosk::KioskArgs),
    /// Run the motion core on a recorded clip, without any window.
    Track(track::TrackArgs),
    /// Write a synthetic clip of moving child-like silhouettes, with its ground truth.
    SynthClip(synth_clip::SynthClipArgs),
    /// List the cameras and the formats they offer.
    Cameras,
    /// Check a kiosk config file (default `kiosk-config/kiosk.ron`).
    CheckConfig(check_config::CheckConfigArgs),
    /// Export session logs as CSV or an HTML report with charts.
    Export(export::ExportArgs),
    /// Write every sound and music loop as WAV files, with their loudness.
    Sounds(sounds::SoundsArgs),
    /// Play an hour (or more) headless, as fast as possible, and report memory and log size.
    Soak(soak::SoakArgs),
}

/// Parses the command line and runs the command; errors are printed as one plain line.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Kiosk(args)) => return kiosk::main(&args),
        None => return kiosk::main(&cli.kiosk),
        Some(Command::Track(args)) => track::run(&args),
        Some(Command::SynthClip(args)) => synth_clip::run(&args),
        Some(Command::Cameras) => cameras::run(),
        Some(Command::CheckConfig(args)) => check_config::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Soak(args)) => soak::run(&args),
        Some(Command::Sounds(args)) => sounds::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wigglewoods: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Errors of the tools: already worded for a person.
pub type CliResult = Result<(), String>;
