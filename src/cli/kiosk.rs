//! The kiosk command (also what `wigglewoods` with no command runs).

use std::path::PathBuf;

use clap::Args;

use crate::camera::SourceSpec;
use crate::game::levels::GameId;
use crate::game::session::SessionPlan;
use crate::game::{KioskOptions, run};
use crate::motion::Profile;

/// Options of the kiosk.
#[derive(Debug, Args, Default, Clone)]
pub struct KioskArgs {
    /// Where motion comes from: `camera[:INDEX|:NAME]`, a clip, or
    /// `synthetic[:players=N,seed=S]`; `none` plays with the mouse and keyboard only.
    #[arg(long, default_value = "camera")]
    pub input: String,
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
}

/// Starts the kiosk.
pub fn run_kiosk(args: &KioskArgs) -> super::CliResult {
    let input = match args.input.as_str() {
        "none" | "demo" => None,
        text => Some(text.parse::<SourceSpec>().map_err(|e| e.to_string())?),
    };
    let autostart = args.autostart.as_deref().map(parse_plan).transpose()?;
    run(KioskOptions {
        input,
        windowed: args.windowed,
        autostart,
        quit_after_session: args.quit_after_session,
        screenshots: args.screenshots.clone(),
    })
}

/// Parses `profile=P,minutes=M,games=G1+G2,child=CODE` (any order, all optional).
pub fn parse_plan(text: &str) -> Result<SessionPlan, String> {
    let mut plan = SessionPlan::default();
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
            "child" => plan.child = Some(value.trim().to_owned()),
            other => {
                return Err(format!(
                    "--autostart: unknown key {other:?} (profile, minutes, games, child)"
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
        let plan = parse_plan("profile=seated,minutes=1,games=apple_shake+frog_hop").unwrap();
        assert_eq!(plan.profile, Profile::Seated);
        assert_eq!(plan.minutes, 1.0);
        assert_eq!(plan.games, vec![GameId::AppleShake, GameId::FrogHop]);
        assert!(
            parse_plan("games=chess")
                .unwrap_err()
                .contains("unknown game \"chess\"")
        );
        assert!(parse_plan("minutes=0").unwrap_err().contains("minutes"));
        assert!(
            parse_plan("colour=red")
                .unwrap_err()
                .contains("unknown key")
        );
    }
}
