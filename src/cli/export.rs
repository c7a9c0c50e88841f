//! `wigglewoods export`: activity logs as CSV or an HTML report with charts.

use clap::Args;

/// Options of `export` (filled in with the logs work).
#[derive(Debug, Args)]
pub struct ExportArgs {}

/// Runs the export.
pub fn run(_args: &ExportArgs) -> super::CliResult {
    Err("export is not available yet".into())
}
