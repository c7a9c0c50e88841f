//! `wigglewoods check-config`: checks a kiosk config file and the level files beside it,
//! and says what is wrong, where: staff check an edit before the kiosk sees it.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::config::{self, ConfigLocation, ConfigOrigin, KioskConfig};
use crate::game::levels::Levels;
use crate::games::GameId;

/// Options of `check-config`.
#[derive(Debug, Args)]
pub struct CheckConfigArgs {
    /// The config file to check; when left out, the kiosk's own, searched for as the kiosk
    /// does: `$WIGGLEWOODS_CONFIG`, `./kiosk-config/kiosk.ron`, the program's checkout, then
    /// `/etc/wigglewoods/kiosk.ron`.
    pub path: Option<PathBuf>,
    /// The levels folder to check; when left out, the one the kiosk uses with this config:
    /// `levels` beside it, else the program's own (`/usr/share/wigglewoods/levels` when
    /// installed).
    #[arg(long)]
    pub levels: Option<PathBuf>,
}

/// Runs the check: on success prints `kiosk-config/kiosk.ron: OK`, a short summary and the
/// level files checked; on failure prints every mistake on stderr, one per line (file, line,
/// field), and fails (exit status 1).
pub fn run(args: &CheckConfigArgs) -> super::CliResult {
    let location = config::locate(args.path.as_deref());
    let path = location.path.clone();
    let shown = config::display_name(&path);
    let dir = args
        .levels
        .clone()
        .unwrap_or_else(|| config::levels_for(&path));
    let levels = Levels::read_dir(&dir);
    if location.origin == ConfigOrigin::NotFound {
        eprintln!("{}", not_found(&location));
    }
    let config_mistakes = match KioskConfig::load(&path) {
        Ok(config) => {
            print!("{}", summary(&shown, &location, &config));
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

/// Why no config was found, with every place looked at: IT sees where to put one.
pub fn not_found(location: &ConfigLocation) -> String {
    let places: Vec<String> = location
        .searched
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    format!(
        "no kiosk config found (looked for --config, ${}, then {}); the kiosk runs with its \
         shipped settings",
        config::CONFIG_ENV,
        places.join(", ")
    )
}

/// What a successful check prints: the file and how it was found, then what staff most
/// often want to confirm.
fn summary(shown: &str, location: &ConfigLocation, c: &KioskConfig) -> String {
    let path = &location.path;
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
        format!(
            "  file      {} ({})",
            file.display(),
            location.origin.describe()
        ),
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
