//! The export staff start from the kiosk's own screen: every session in the log folder,
//! written as a session CSV, a per-game CSV and an HTML report into the export folder (a
//! shared drive or a USB stick), with names that never overwrite an earlier export.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Filter, Skipped, csv, html, scan};
use crate::logs::store::write_atomic;
use crate::logs::time::{UtcTime, epoch_seconds};

/// What an export to a folder wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderExport {
    /// The files written: sessions CSV, games CSV, HTML report.
    pub files: Vec<PathBuf>,
    /// Sessions included.
    pub sessions: usize,
    /// Files in the log folder that are not readable session logs, with the reason.
    pub skipped: Vec<Skipped>,
    /// Sessions whose logs do not add up (named in the report's warning box and CSV).
    pub inconsistent: usize,
}

impl fmt::Display for FolderExport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let folder = self
            .files
            .first()
            .and_then(|p| p.parent())
            .map_or_else(String::new, |p| p.display().to_string());
        write!(
            f,
            "Exported {} session{} to {folder}",
            self.sessions,
            if self.sessions == 1 { "" } else { "s" }
        )?;
        if self.inconsistent > 0 {
            write!(
                f,
                " ({} session{} whose log does not add up: see the warnings in the report)",
                self.inconsistent,
                if self.inconsistent == 1 { "" } else { "s" }
            )?;
        }
        if !self.skipped.is_empty() {
            write!(
                f,
                " ({} file{} in the log folder skipped: not session logs)",
                self.skipped.len(),
                if self.skipped.len() == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// Exports every session under `logs` into `out`, as
/// `wigglewoods_<kiosk>_<UTC time>_sessions.csv`, `..._games.csv` and `..._report.html`.
/// The export folder is made if the folder it goes in exists (a USB stick that is not
/// plugged in is an error, not a new folder on the kiosk's own disk). Reads the logs
/// without changing anything; each file is written atomically.
///
/// Errors are sentences for the staff screen, naming the folder.
pub fn export_to_folder(
    logs: &Path,
    out: &Path,
    kiosk: &str,
    now: SystemTime,
) -> Result<FolderExport, String> {
    if !out.is_dir() {
        match out.parent() {
            Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => {
                std::fs::create_dir(out)
                    .map_err(|e| format!("Cannot make the export folder {}: {e}", out.display()))?;
            }
            _ => {
                return Err(format!(
                    "The export folder {} is not there (is the USB stick or drive connected?)",
                    out.display()
                ));
            }
        }
    }
    let found = if logs.is_dir() {
        scan(logs, &Filter::default(), &mut |_, _| {})
            .map_err(|e| format!("Cannot read the log folder {}: {e}", logs.display()))?
    } else {
        super::Scan {
            folders: vec![logs.to_path_buf()],
            ..super::Scan::default()
        }
    };
    let stamp: String = UtcTime::from_epoch(epoch_seconds(now))
        .rfc3339()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let kiosk: String = kiosk
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let base = format!("wigglewoods_{kiosk}_{stamp}");
    let parts: [(&str, Vec<u8>); 3] = [
        ("sessions.csv", csv::sessions_csv(&found.sessions)),
        ("games.csv", csv::games_csv(&found.sessions)),
        (
            "report.html",
            html::report_html(&found, &Filter::default(), now).into_bytes(),
        ),
    ];
    let mut files = Vec::with_capacity(parts.len());
    for (suffix, bytes) in parts {
        let path = out.join(format!("{base}_{suffix}"));
        write_atomic(&path, &bytes).map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
        files.push(path);
    }
    Ok(FolderExport {
        files,
        sessions: found.sessions.len(),
        inconsistent: found.inconsistent().count(),
        skipped: found.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;

    #[test]
    fn an_inconsistent_log_is_named_on_the_staff_screen_and_in_the_files() {
        let base =
            std::env::temp_dir().join(format!("wigglewoods-folder-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (logs, out) = (base.join("logs"), base.join("out"));
        std::fs::create_dir_all(&base).unwrap();
        let mut log = sample_log();
        log.totals.active_minutes = 5.0;
        crate::logs::store::write_log(&logs, &log).unwrap();
        let done = export_to_folder(&logs, &out, "kiosk-1", SystemTime::UNIX_EPOCH).unwrap();
        let report = std::fs::read_to_string(&done.files[2]).unwrap();
        let sessions = std::fs::read_to_string(&done.files[0]).unwrap();
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!((done.sessions, done.inconsistent), (1, 1));
        assert!(
            done.to_string()
                .contains("(1 session whose log does not add up: see the warnings in the report)"),
            "{done}"
        );
        assert!(report.contains("<h2>Check 1 log</h2>"), "{report}");
        assert!(
            sessions.contains("5.00 camera-active minutes"),
            "{sessions}"
        );
    }
}
