//! The kiosk command (also what `wigglewoods` with no command runs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::camera::SourceSpec;
use crate::config::{self, ConfigOrigin, KioskConfig};
use crate::game::session::SessionPlan;
use crate::game::{KioskOptions, first_run, run};
use crate::games::GameId;
use crate::motion::Profile;

/// Options of the kiosk.
#[derive(Debug, Args, Default, Clone)]
pub struct KioskArgs {
    /// The kiosk config [default: `$WIGGLEWOODS_CONFIG`, `./kiosk-config/kiosk.ron`, the
    /// program's checkout, then `/etc/wigglewoods/kiosk.ron`].
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where motion comes from: `camera[:INDEX|:NAME]`, a clip, or
    /// `synthetic[:players=N,seed=S]`; `none` plays with the mouse and keyboard only
    /// [default: the config's `input.source`].
    #[arg(long)]
    pub input: Option<String>,
    /// The folder session logs are written to, instead of the config's (scripted runs,
    /// tests, a demo that must not mix with the ward's records).
    #[arg(long, value_name = "DIR")]
    pub logs: Option<PathBuf>,
    /// Run in a window instead of full screen.
    #[arg(long)]
    pub windowed: bool,
    /// Start a session at once, e.g. `profile=seated,minutes=1,games=apple_shake+frog_hop`.
    #[arg(long, value_name = "PLAN")]
    pub autostart: Option<String>,
    /// Quit when the first session is over (scripted runs).
    #[arg(long)]
    pub quit_after_session: bool,
    /// Save a screenshot of every screen and game into this folder.
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
    /// Check every frame for flashes (WCAG 2.3.1), at 60 frames a second of play, and print
    /// a line per screen and game; fails if one is not flash-safe (use with `--autostart`
    /// and `--quit-after-session`).
    #[arg(long)]
    pub flash_check: bool,
}

/// The config to run with: the file's, or with mistakes the shipped defaults (from the
/// file's folder, so that logs still land beside it) and the mistakes, for the staff error
/// screen. A kiosk on a ward starts whatever the file says.
pub fn load_config(path: &Path) -> (KioskConfig, Vec<String>) {
    match KioskConfig::load(path) {
        Ok(config) => (config, Vec::new()),
        Err(errors) => {
            let problems: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "the kiosk runs with its shipped settings until the config is fixed \
                 (`wigglewoods check-config` lists the mistakes)"
            );
            let dir = std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from("."));
            (KioskConfig::default().resolved(&dir), problems)
        }
    }
}

/// The kiosk command: exit status 0 after a normal end, 1 for a mistake in what was asked
/// (an unknown option value, a camera side that cannot start), and 2 when there is no
/// screen or no graphics driver ([`first_run::CANNOT_START`]), each with one sentence.
pub fn main(args: &KioskArgs) -> ExitCode {
    if let Some(sentence) = first_run::missing_display(|name| std::env::var_os(name)) {
        eprintln!("wigglewoods: {sentence}");
        return ExitCode::from(first_run::CANNOT_START);
    }
    match run_kiosk(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wigglewoods: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Starts the kiosk with the config found by the one search order (see
/// [`config::locate`]), the level files beside it and the program's asset folder.
pub fn run_kiosk(args: &KioskArgs) -> super::CliResult {
    let location = config::locate(args.config.as_deref());
    if location.origin == ConfigOrigin::NotFound {
        eprintln!("{}", super::check_config::not_found(&location));
    }
    let path = location.path;
    let levels = config::levels_for(&path);
    let (mut config, config_problems) = load_config(&path);
    if let Some(logs) = &args.logs {
        config.logs.folder = std::path::absolute(logs).unwrap_or_else(|_| logs.clone());
    }
    let input = match args.input.as_deref() {
        Some("none" | "demo") => None,
        Some(text) => Some(text.parse::<SourceSpec>().map_err(|e| e.to_string())?),
        None => Some(config.input.source.clone()),
    };
    let defaults = crate::game::settings::session_defaults(&config);
    let autostart = args
        .autostart
        .as_deref()
        .map(|text| parse_plan(text, defaults))
        .transpose()?;
    run(KioskOptions {
        config,
        config_problems,
        input,
        windowed: args.windowed,
        autostart,
        quit_after_session: args.quit_after_session,
        screenshots: args.screenshots.clone(),
        levels: Some(levels),
        assets: config::assets_folder(),
        flash_check: args.flash_check,
    })
}

/// Parses `profile=P,minutes=M,games=G1+G2,child=CODE,sound_led=on` (any order, all optional: what is
/// left out comes from `defaults`, the config's session defaults).
pub fn parse_plan(text: &str, defaults: SessionPlan) -> Result<SessionPlan, String> {
    let mut plan = defaults;
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("--autostart: {part:?} is not key=value"))?;
        match key.trim() {
            "profile" => {
                plan.profile = value
                    .parse::<Profile>()
                    .map_err(|e| format!("--autostart: {e}"))?
            }
            "minutes" => {
                plan.minutes = value
                    .parse::<f32>()
                    .ok()
                    .filter(|m| (0.2..=120.0).contains(m))
                    .ok_or_else(|| {
                        format!("--autostart: minutes {value:?} must be a number from 0.2 to 120")
                    })?;
            }
            "games" => {
                plan.games = value
                    .split('+')
                    .map(|g| {
                        GameId::from_name(g.trim()).ok_or_else(|| {
                            let known: Vec<_> = GameId::ALL.iter().map(|g| g.name()).collect();
                            format!(
                                "--autostart: unknown game {g:?}; known games: {}",
                                known.join(", ")
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            "sound_led" => {
                plan.sound_led = match value.trim() {
                    "on" | "true" | "yes" => true,
                    "off" | "false" | "no" => false,
                    other => {
                        return Err(format!(
                            "--autostart: sound_led {other:?} must be on or off"
                        ));
                    }
                }
            }
            "child" => {
                let code = crate::logs::child_code::check(value)
                    .map_err(|e| format!("--autostart: child code {value:?}: {e}"))?;
                plan.child = (!code.is_empty()).then_some(code);
            }
            other => {
                return Err(format!(
                    "--autostart: unknown key {other:?} (profile, minutes, games, child, sound_led)"
                ));
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_parse_and_mistakes_are_named() {
        let plan = parse_plan(
            "profile=seated,minutes=1,games=apple_shake+frog_hop",
            SessionPlan::default(),
        )
        .unwrap();
        assert_eq!(plan.profile, Profile::Seated);
        assert_eq!(plan.minutes, 1.0);
        assert_eq!(plan.games, vec![GameId::AppleShake, GameId::FrogHop]);
        assert!(
            parse_plan("games=chess", SessionPlan::default())
                .unwrap_err()
                .contains("unknown game \"chess\"")
        );
        assert!(
            parse_plan("minutes=0", SessionPlan::default())
                .unwrap_err()
                .contains("minutes")
        );
        assert!(
            parse_plan("colour=red", SessionPlan::default())
                .unwrap_err()
                .contains("unknown key")
        );
    }
}
