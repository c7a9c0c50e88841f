//! `wigglewoods check-config`: checks a kiosk config file and the level files beside it,
//! and says what is wrong, where: staff check an edit before the kiosk sees it.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::config::{self, KioskConfig};
use crate::game::levels::{Levels, LevelsDir};
use crate::games::GameId;

/// Options of `check-config`.
#[derive(Debug, Args)]
pub struct CheckConfigArgs {
    /// The config file to check; when left out, the kiosk's own `kiosk-config/kiosk.ron`,
    /// searched for as the kiosk does (BEVY_ASSET_ROOT, CARGO_MANIFEST_DIR, the current
    /// folder, then the program's folder and those above it).
    pub path: Option<PathBuf>,
    /// The levels folder to check; when left out, `levels` beside the config's folder (as in
    /// a checkout: `kiosk-config/` and `levels/` side by side), then the one the kiosk finds.
    #[arg(long)]
    pub levels: Option<PathBuf>,
}

/// The levels folder that goes with a config file: `levels` in the config's folder or beside
/// it, or the one the kiosk would find.
pub fn levels_beside(config: &Path) -> PathBuf {
    let folder = config.parent().unwrap_or(Path::new("."));
    [folder.join("levels"), folder.join("..").join("levels")]
        .into_iter()
        .find(|dir| dir.is_dir())
        .map(|dir| std::fs::canonicalize(&dir).unwrap_or(dir))
        .unwrap_or_else(|| LevelsDir::find().0)
}

/// Runs the check: on success prints `kiosk-config/kiosk.ron: OK`, a short summary and the
/// level files checked; on failure prints every mistake on stderr, one per line (file, line,
/// field), and fails (exit status 1).
pub fn run(args: &CheckConfigArgs) -> super::CliResult {
    let path = args.path.clone().unwrap_or_else(config::default_path);
    let shown = config::display_name(&path);
    let dir = args.levels.clone().unwrap_or_else(|| levels_beside(&path));
    let levels = Levels::read_dir(&dir);
    let config_mistakes = match KioskConfig::load(&path) {
        Ok(config) => {
            print!("{}", summary(&shown, &path, &config));
            println!("{}", levels_line(&dir, &levels));
            0
        }
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            errors.len()
        }
    };
    let level_mistakes = levels.errors().count();
    for (_, error) in levels.errors() {
        eprintln!("{error}");
    }
    let count = |n: usize| match n {
        1 => "1 mistake".to_owned(),
        n => format!("{n} mistakes"),
    };
    match (config_mistakes, level_mistakes) {
        (0, 0) => Ok(()),
        (c, 0) => Err(format!("{shown}: {}, listed above", count(c))),
        (0, l) => Err(format!(
            "the level files in {}: {}, listed above (those games are skipped)",
            dir.display(),
            count(l)
        )),
        (c, l) => Err(format!(
            "{shown}: {}, and the level files in {}: {}, listed above",
            count(c),
            dir.display(),
            count(l)
        )),
    }
}

/// The summary's line for the level files: the folder, and which games are ready.
fn levels_line(dir: &Path, levels: &Levels) -> String {
    let ready: Vec<&str> = levels.playable().map(GameId::name).collect();
    format!(
        "  levels    {} ({} of {} games ready{})",
        dir.display(),
        ready.len(),
        GameId::ALL.len(),
        if ready.is_empty() {
            String::new()
        } else {
            format!(": {}", ready.join(", "))
        }
    )
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
