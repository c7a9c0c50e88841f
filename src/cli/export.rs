//! `wigglewoods export`: activity logs as CSV or an HTML report with charts.
//!
//! Reads the log folder without changing anything; files that are not readable session logs
//! are listed on stderr as `skipped <file>: <reason>` and the export still completes.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Args, ValueEnum};

use crate::logs::export::{csv, html, scan};
use crate::logs::{Date, Filter};

/// A progress bar is drawn when there are more files than this.
const PROGRESS_FROM: usize = 300;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A spreadsheet: one row per session (or per game with `--per-game`).
    Csv,
    /// A report for a ward manager: one self-contained file with tables and charts.
    Html,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The log folder [default: the kiosk config's `logs.folder`].
    #[arg(long, value_name = "DIR")]
    pub logs: Option<PathBuf>,
    /// First day included (UTC), YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<Date>,
    /// Last day included (UTC), YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: Option<Date>,
    /// Only sessions of this ward.
    #[arg(long, value_name = "W")]
    pub ward: Option<String>,
    /// Only sessions of this child code.
    #[arg(long, value_name = "CODE")]
    pub child: Option<String>,
    /// CSV or HTML.
    #[arg(long, value_enum)]
    pub format: Format,
    /// CSV only: one row per game played instead of one per session.
    #[arg(long)]
    pub per_game: bool,
    /// Where to write; `-` for stdout [default: stdout for CSV, `wigglewoods-report.html`
    /// for HTML].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// The log folder when `--logs` is not given: the kiosk config's (`logs.folder` of
/// `kiosk-config/kiosk.ron`, found as the kiosk finds it), so that staff on the kiosk need
/// no options at all.
pub fn default_logs_dir() -> PathBuf {
    let (config, _) = super::kiosk::load_config(&crate::config::default_path());
    config.logs.folder
}

/// A text progress bar on stderr, drawn only when stderr is a terminal (so that logs and
/// pipes stay clean) and there are enough files for it to matter.
struct Progress {
    enabled: bool,
    drawn: Option<usize>,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            enabled: io::stderr().is_terminal(),
            drawn: None,
        }
    }

    fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || total <= PROGRESS_FROM {
            return;
        }
        const WIDTH: usize = 30;
        let filled = done.min(total) * WIDTH / total;
        if self.drawn == Some(filled) && done < total {
            return;
        }
        self.drawn = Some(filled);
        eprint!(
            "\rreading logs [{}{}] {done}/{total}",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled)
        );
        if done >= total {
            eprintln!();
        }
    }
}

fn write_out(path: &Path, bytes: &[u8]) -> super::CliResult {
    if path == Path::new("-") {
        let mut out = io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write to stdout: {e}"));
    }
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs the export.
pub fn run(args: &ExportArgs) -> super::CliResult {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(format!("--from {from} is after --to {to}"));
    }
    let root = args.logs.clone().unwrap_or_else(default_logs_dir);
    if !root.is_dir() {
        return Err(format!(
            "there is no log folder at {} (give it with --logs DIR)",
            root.display()
        ));
    }
    let filter = Filter {
        from: args.from,
        to: args.to,
        ward: args.ward.clone(),
        child: args.child.clone(),
    };
    let mut progress = Progress::new();
    let found = scan(&root, &filter, &mut |done, total| {
        progress.update(done, total)
    })
    .map_err(|e| format!("cannot read the log folder {}: {e}", root.display()))?;
    for s in &found.skipped {
        eprintln!("skipped {s}");
    }
    let out = match args.format {
        Format::Csv => {
            let bytes = if args.per_game {
                csv::games_csv(&found.sessions)
            } else {
                csv::sessions_csv(&found.sessions)
            };
            let out = args.out.clone().unwrap_or_else(|| PathBuf::from("-"));
            write_out(&out, &bytes)?;
            out
        }
        Format::Html => {
            if args.per_game {
                eprintln!("note: --per-game applies to CSV; the report shows games in its charts");
            }
            let report =
                html::report_html(&found.sessions, &found.skipped, &filter, SystemTime::now());
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("wigglewoods-report.html"));
            write_out(&out, report.as_bytes())?;
            out
        }
    };
    let to = if out == Path::new("-") {
        String::new()
    } else {
        format!(" to {}", out.display())
    };
    eprintln!(
        "exported {} session{}{to} ({} file{} skipped)",
        found.sessions.len(),
        if found.sessions.len() == 1 { "" } else { "s" },
        found.skipped.len(),
        if found.skipped.len() == 1 { "" } else { "s" },
    );
    Ok(())
}
