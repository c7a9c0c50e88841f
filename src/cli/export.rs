//! `wigglewoods export`: activity logs as CSV or an HTML report with charts.
//!
//! Reads the log folders without changing anything; files that are not readable session
//! logs are listed on stderr as `skipped <file>: <reason>`, and every problem of a session
//! whose log does not add up as `warning <file>: <problem>`, and the export still completes
//! (the CSV's `warnings` column and the report's warning box say the same). `--logs` may be
//! given more than once, for copies of several kiosks' folders; a session found in two of
//! them is counted once, and stderr says how many were.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Args, ValueEnum};

use crate::logs::export::{Scan, csv, html, scan_folders};
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
    /// A log folder [default: the kiosk config's `logs.folder`]. Give it more than once for
    /// copies of several kiosks' folders: the report shows each kiosk and ward and the total,
    /// and a session found twice (same kiosk and start) is counted once.
    #[arg(long, value_name = "DIR")]
    pub logs: Vec<PathBuf>,
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

/// What staff must hear about before the figures: files skipped, every problem of a log
/// that does not add up, and sessions found twice. One line each, for stderr.
fn notices(found: &Scan) -> Vec<String> {
    let mut lines: Vec<String> = found
        .skipped
        .iter()
        .map(|s| format!("skipped {s}"))
        .collect();
    for s in found.inconsistent() {
        for problem in &s.problems {
            lines.push(format!("warning {}: {problem}", s.path().display()));
        }
    }
    for (path, problems) in &found.duplicates.inconsistent_copies {
        for problem in problems {
            lines.push(format!(
                "warning {} (a second copy, not counted): {problem}",
                path.display()
            ));
        }
    }
    let bad = found.inconsistent().count();
    if bad > 0 {
        lines.push(format!(
            "{bad} session{} exported with warnings: {} figures may be wrong",
            if bad == 1 { "" } else { "s" },
            if bad == 1 { "its" } else { "their" }
        ));
    }
    if found.duplicates.any() {
        lines.push(format!("note: {}", found.duplicates));
    }
    lines
}

/// Runs the export.
pub fn run(args: &ExportArgs) -> super::CliResult {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(format!("--from {from} is after --to {to}"));
    }
    let roots = if args.logs.is_empty() {
        vec![default_logs_dir()]
    } else {
        args.logs.clone()
    };
    if let Some(root) = roots.iter().find(|r| !r.is_dir()) {
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
    let found = scan_folders(&roots, &filter, &mut |done, total| {
        progress.update(done, total)
    })
    .map_err(|(root, e)| format!("cannot read the log folder {}: {e}", root.display()))?;
    for line in notices(&found) {
        eprintln!("{line}");
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
            let report = html::report_html(&found, &filter, SystemTime::now());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::export::{Duplicates, ExportSession, Skipped};
    use crate::logs::model::tests::sample_log;

    #[test]
    fn stderr_names_skipped_files_warnings_and_duplicates() {
        let mut bad = sample_log();
        bad.totals.light_minutes = 1.0;
        let found = Scan {
            sessions: vec![
                ExportSession::new("a".into(), "x.ron".into(), bad),
                ExportSession::new("b".into(), "y.ron".into(), sample_log()),
            ],
            skipped: vec![Skipped {
                file: "a/photo.jpg".into(),
                reason: "not a session log".into(),
            }],
            duplicates: Duplicates {
                sessions: 2,
                copies_left_out: 2,
                most_copies: 2,
                ..Duplicates::default()
            },
            ..Scan::default()
        };
        assert_eq!(
            notices(&found),
            [
                "skipped a/photo.jpg: not a session log",
                "warning a/x.ron: the totals say 1.00 gentle minutes (light_minutes), but the \
                 timeline adds up to 0.17",
                "1 session exported with warnings: its figures may be wrong",
                "note: 2 sessions found twice (same kiosk and start) were counted once",
            ]
        );
        assert!(notices(&Scan::default()).is_empty());
    }
}
