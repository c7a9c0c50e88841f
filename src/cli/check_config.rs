//! `wigglewoods check-config`: checks a kiosk config file and says what is wrong, where.

use std::path::PathBuf;

use clap::Args;

use crate::config::{self, KioskConfig};

/// Options of `check-config`.
#[derive(Debug, Args)]
pub struct CheckConfigArgs {
    /// The config file to check; when left out, the kiosk's own `kiosk-config/kiosk.ron`,
    /// searched for as the kiosk does (BEVY_ASSET_ROOT, CARGO_MANIFEST_DIR, the current
    /// folder, then the program's folder and those above it).
    pub path: Option<PathBuf>,
}

/// Runs the check: on success prints `kiosk-config/kiosk.ron: OK` and a short summary; on
/// failure prints every mistake on stderr, one per line, and fails (exit status 1).
pub fn run(args: &CheckConfigArgs) -> super::CliResult {
    let path = args.path.clone().unwrap_or_else(config::default_path);
    let shown = config::display_name(&path);
    match KioskConfig::load(&path) {
        Ok(config) => {
            print!("{}", summary(&shown, &path, &config));
            Ok(())
        }
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            let count = match errors.len() {
                1 => "1 mistake".to_owned(),
                n => format!("{n} mistakes"),
            };
            Err(format!("{shown}: {count}, listed above"))
        }
    }
}

/// What a successful check prints: the file, then what staff most often want to confirm.
fn summary(shown: &str, path: &std::path::Path, c: &KioskConfig) -> String {
    let file = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let games: Vec<&str> = c.session.playlist.iter().map(|g| g.name()).collect();
    let quiet = match c.audio.quiet_hours {
        Some(q) => format!(
            ", quiet {} to {} at {}",
            q.start, q.end, c.audio.quiet_volume
        ),
        None => String::new(),
    };
    let days = match c.logs.retention_days {
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    let lines = [
        format!("{shown}: OK"),
        format!("  file      {}", file.display()),
        format!("  kiosk     {} ({})", c.kiosk.id, c.kiosk.ward),
        format!("  source    {}", c.input.source),
        format!(
            "  profile   {} (sessions: {}, {} minutes)",
            c.motion.profile, c.session.profile, c.session.minutes
        ),
        format!("  playlist  {}", games.join(", ")),
        format!("  volume    {}, cap {}{quiet}", c.audio.volume, c.audio.cap),
        format!("  logs      {} (kept {days})", c.logs.folder.display()),
        format!("  export    {}", c.export.folder.display()),
    ];
    lines.iter().map(|l| format!("{l}\n")).collect()
}
