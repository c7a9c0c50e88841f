//! `wigglewoods check-config`: checks a kiosk config file and says what is wrong, where.

use clap::Args;

/// Options of `check-config` (filled in with the config work).
#[derive(Debug, Args)]
pub struct CheckConfigArgs {}

/// Runs the check.
pub fn run(_args: &CheckConfigArgs) -> super::CliResult {
    Err("check-config is not available yet".into())
}
