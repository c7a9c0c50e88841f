//! Session files on disk: their names (`YYYY/MM/<YYYYMMDDTHHMMSSZ>_<kiosk>.ron`), atomic
//! private writes (temp file, fsync, rename, fsync of the folder; folders 0700, files 0600),
//! and reading with checks whose errors name the file, line and column.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use super::model::{SCHEMA_VERSION, SessionLog, ValidationError};
use super::time::UtcTime;

/// A session file is a few kilobytes (a long day's session a few hundred): anything bigger
/// in the log folder is not ours, and is not read into memory.
pub const MAX_LOG_BYTES: u64 = 16 << 20;

/// Folders deeper than this under the log folder are not looked into (ours are two deep).
const MAX_DEPTH: usize = 4;

/// The first lines of every file, for whoever opens one.
const HEADER: &str = "// Wigglewoods session log: activity only, never an image or a name.\n\
                      // Written by the kiosk, read by `wigglewoods export`; please do not edit.\n";

/// The kiosk's name as it appears in file names: letters, digits and `-` (anything else
/// becomes `-`), so that names need no quoting and split cleanly at the `_`.
pub fn kiosk_file_part(kiosk: &str) -> String {
    let part: String = kiosk
        .trim()
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if part.is_empty() {
        "kiosk".into()
    } else {
        part
    }
}

/// The file name of a session: `20261103T140509Z_kiosk-1.ron` (sorts by start time). One
/// kiosk starts at most one session a second, so names do not collide.
pub fn file_name(log: &SessionLog) -> String {
    format!(
        "{}_{}.ron",
        UtcTime::from_epoch(log.started_s).stamp(),
        kiosk_file_part(&log.kiosk)
    )
}

/// Where a session lives under the log folder: `2026/11/20261103T140509Z_kiosk-1.ron`, so
/// that a month is one folder.
pub fn relative_path(log: &SessionLog) -> PathBuf {
    let start = UtcTime::from_epoch(log.started_s);
    PathBuf::from(format!("{:04}", start.date.year))
        .join(format!("{:02}", start.date.month))
        .join(file_name(log))
}

/// What a session file's name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFileName {
    /// The session's start.
    pub started: UtcTime,
    /// The kiosk part of the name.
    pub kiosk: String,
}

/// Reads a session file name; `None` for any other name (so that foreign files are never
/// taken for ours).
pub fn parse_file_name(name: &str) -> Option<LogFileName> {
    let stem = name.strip_suffix(".ron")?;
    let (stamp, kiosk) = stem.split_once('_')?;
    let started = UtcTime::parse_stamp(stamp)?;
    let ok = !kiosk.is_empty()
        && kiosk.len() <= 64
        && kiosk
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| LogFileName {
        started,
        kiosk: kiosk.to_string(),
    })
}

/// Temp files are `.<session file name>.<pid>-<n>.tmp`, beside their session file.
fn temp_name(final_name: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(".{final_name}.{}-{n}.tmp", std::process::id())
}

/// Whether a name is one of our temp files (left behind only if the kiosk died mid-write):
/// retention may remove these once they are old.
pub fn is_temp_file_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((session, tag)) = inner.rsplit_once('.') else {
        return false;
    };
    let tag_ok = tag.split_once('-').is_some_and(|(pid, n)| {
        [pid, n]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    tag_ok && parse_file_name(session).is_some()
}

/// Creates a folder and its parents, private to the kiosk's user (0700 on unix) because the
/// logs concern children.
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes a file so that it is either the old or the new content, never half of one: a temp
/// file in the same folder, flushed to disk, renamed over the target, then the folder flushed
/// so that the rename itself survives a power cut. Folders made on the way are private.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file path", path.display()),
        ));
    };
    create_private_dir_all(dir)?;
    let temp = dir.join(temp_name(name));
    let result = (|| {
        let mut file = create_private_file(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        // Some file systems cannot flush a folder; the rename is done either way.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A session log as the text of its file: a short header comment, then pretty RON with one
/// timeline sample a line.
pub fn to_ron(log: &SessionLog) -> Result<String, ron::Error> {
    let config = PrettyConfig::new().depth_limit(2).struct_names(false);
    let body = ron::ser::to_string_pretty(log, config)?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Writes a session under the log folder `root`, atomically; returns where.
pub fn write_log(root: &Path, log: &SessionLog) -> io::Result<PathBuf> {
    let text = to_ron(log).map_err(io::Error::other)?;
    let path = root.join(relative_path(log));
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Why a file in the log folder could not be read as a session log.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LogErrorKind {
    /// The file could not be opened or read.
    #[error("cannot be read: {0}")]
    Io(String),
    /// Far larger than any session log.
    #[error("too large to be a session log ({0} bytes)")]
    TooLarge(u64),
    /// Not UTF-8 text.
    #[error("not text, so not a session log")]
    NotText,
    /// Not valid RON, or RON of the wrong shape: where, and what.
    #[error("line {line} column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the RON reader expected.
        message: String,
    },
    /// RON, but not a session log.
    #[error("not a Wigglewoods session log ({0})")]
    Foreign(String),
    /// A session log of another schema version.
    #[error(
        "written by {} version of Wigglewoods (schema {found}; this one reads schema {})",
        if *found > SCHEMA_VERSION { "a newer" } else { "an older" },
        SCHEMA_VERSION
    )]
    Version {
        /// The file's version.
        found: u32,
    },
    /// Parsed, but a value makes no sense.
    #[error("{0}")]
    Invalid(ValidationError),
}

/// A file that could not be read as a session log: which, and why (displays as
/// `logs/2026/11/x.ron: line 3 column 5: ...`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {kind}", file.display())]
pub struct LogFileError {
    /// The file, as it was named to the reader.
    pub file: PathBuf,
    /// What is wrong.
    pub kind: LogErrorKind,
}

/// Just the version, read leniently, to tell a foreign file or another version from a broken
/// session log.
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<u32>,
}

fn syntax(e: &ron::error::SpannedError) -> LogErrorKind {
    LogErrorKind::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Parses and checks the text of a session file.
///
/// A child code that is not a ward code (a log from before the one rule,
/// [`super::child_code`]) does not make the log unreadable: it is kept as written, and
/// exports mark it ([`super::child_code::shown`]).
pub fn parse_log(text: &str) -> Result<SessionLog, LogErrorKind> {
    match ron::from_str::<SessionLog>(text) {
        Ok(mut log) => {
            let older_code = log.child.take_if(|c| !super::child_code::is_child_code(c));
            let checked = log.validate();
            log.child = log.child.or(older_code);
            checked.map_err(|e| match e.field.as_str() {
                "schema_version" => LogErrorKind::Version {
                    found: log.schema_version,
                },
                _ => LogErrorKind::Invalid(e),
            })?;
            Ok(log)
        }
        Err(full) => match ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str::<VersionProbe>(text)
        {
            Ok(VersionProbe {
                schema_version: None,
            }) => Err(LogErrorKind::Foreign("it has no schema_version".into())),
            Ok(VersionProbe {
                schema_version: Some(v),
            }) if v != SCHEMA_VERSION => Err(LogErrorKind::Version { found: v }),
            _ => Err(syntax(&full)),
        },
    }
}

/// Reads and checks one session file. Never changes it.
pub fn read_log(path: &Path) -> Result<SessionLog, LogFileError> {
    let fail = |kind| LogFileError {
        file: path.to_path_buf(),
        kind,
    };
    let file = File::open(path).map_err(|e| fail(LogErrorKind::Io(e.to_string())))?;
    let size = file
        .metadata()
        .map_err(|e| fail(LogErrorKind::Io(e.to_string())))?
        .len();
    if size > MAX_LOG_BYTES {
        return Err(fail(LogErrorKind::TooLarge(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_LOG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(LogErrorKind::Io(e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(|_| fail(LogErrorKind::NotText))?;
    parse_log(&text).map_err(fail)
}

/// Everything found under a log folder: regular files, and what could not be looked at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Regular files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Links (never followed), unreadable folders, folders too deep: with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

/// Lists the files under `root` without following links. An error only when `root` itself
/// cannot be read.
pub fn list_files(root: &Path) -> io::Result<Listing> {
    let mut listing = Listing::default();
    fs::read_dir(root)?;
    walk(root, 0, &mut listing);
    listing.files.sort();
    listing.problems.sort();
    Ok(listing)
}

fn walk(dir: &Path, depth: usize, out: &mut Listing) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.problems
                .push((dir.to_path_buf(), format!("folder cannot be read: {e}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.problems
                    .push((dir.to_path_buf(), format!("folder cannot be read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_file() => out.files.push(path),
            Ok(t) if t.is_dir() && depth < MAX_DEPTH => walk(&path, depth + 1, out),
            Ok(t) if t.is_dir() => out
                .problems
                .push((path, "folder nested too deep; not looked into".into())),
            Ok(t) if t.is_symlink() => out
                .problems
                .push((path, "a link; links are not followed".into())),
            Ok(_) => out.problems.push((path, "not a regular file".into())),
            Err(e) => out.problems.push((path, format!("cannot be read: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;

    pub(crate) fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-logs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn names_and_paths() {
        let mut log = sample_log();
        assert_eq!(file_name(&log), "20261103T140509Z_kiosk-1.ron");
        assert_eq!(
            relative_path(&log),
            PathBuf::from("2026/11/20261103T140509Z_kiosk-1.ron")
        );
        log.kiosk = "Ward 3 / play_room".into();
        assert_eq!(file_name(&log), "20261103T140509Z_Ward-3---play-room.ron");
        let parsed = parse_file_name(&file_name(&log)).unwrap();
        assert_eq!(parsed.started.epoch(), log.started_s);
        assert_eq!(parsed.kiosk, "Ward-3---play-room");
        for foreign in [
            "notes.txt",
            "20261103T140509Z.ron",
            "20261103T140509Z_.ron",
            "20261103T140509Z_a_b.ron",
            "2026-11-03_kiosk.ron",
            "20261103T140509Z_kiosk.ron.bak",
        ] {
            assert!(parse_file_name(foreign).is_none(), "{foreign}");
        }
        let temp = temp_name("20261103T140509Z_kiosk-1.ron");
        assert!(is_temp_file_name(&temp), "{temp}");
        assert!(!is_temp_file_name(".hidden.tmp"));
        assert!(!is_temp_file_name("20261103T140509Z_kiosk-1.ron"));
    }

    #[test]
    fn text_round_trip_with_one_sample_a_line() {
        let log = sample_log();
        let text = to_ron(&log).unwrap();
        assert!(text.starts_with("// Wigglewoods session log"));
        assert!(text.contains("end: Some(completed)"), "{text}");
        assert!(!text.contains("end: None"));
        let sample_lines = text
            .lines()
            .filter(|l| l.trim_start().starts_with("(t_s:"))
            .count();
        assert_eq!(sample_lines, log.timeline.len(), "{text}");
        assert_eq!(parse_log(&text), Ok(log));
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = to_ron(&sample_log())
            .unwrap()
            .replace("activity: 0.2,", "activity: 0.2x,");
        let e = parse_log(&text).unwrap_err();
        let LogErrorKind::Syntax { line, column, .. } = e else {
            panic!("{e:?}");
        };
        let expected = text.lines().position(|l| l.contains("0.2x")).unwrap() + 1;
        assert_eq!(line, expected);
        assert!(column > 1);
        assert!(
            e.to_string()
                .starts_with(&format!("line {line} column {column}: "))
        );

        let missing = to_ron(&sample_log())
            .unwrap()
            .replace("kiosk: \"kiosk-1\",", "");
        let e = parse_log(&missing).unwrap_err();
        assert!(e.to_string().contains("kiosk"), "{e}");

        let e = parse_log("(game: apple_shake, seconds: 60.0)").unwrap_err();
        assert!(matches!(e, LogErrorKind::Foreign(_)), "{e:?}");
        let e = parse_log("(schema_version: 9, anything: [1, 2])").unwrap_err();
        assert!(e.to_string().contains("a newer version"), "{e}");
        let e = parse_log("").unwrap_err();
        assert!(matches!(e, LogErrorKind::Syntax { .. }), "{e:?}");

        let mut log = sample_log();
        log.timeline[1].balance = 3.0;
        let e = parse_log(&to_ron(&log).unwrap()).unwrap_err();
        assert!(e.to_string().contains("timeline[1].balance"), "{e}");
    }

    #[test]
    fn atomic_private_write_and_read() {
        let root = temp_dir("store").join("logs");
        let log = sample_log();
        let path = write_log(&root, &log).unwrap();
        assert_eq!(path, root.join("2026/11/20261103T140509Z_kiosk-1.ron"));
        assert_eq!(read_log(&path), Ok(log.clone()));
        // Writing again replaces the file and leaves no temp file behind.
        write_log(&root, &log).unwrap();
        let listing = list_files(&root).unwrap();
        assert_eq!(listing.files, vec![path.clone()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&root), 0o700);
            assert_eq!(mode(&root.join("2026")), 0o700);
            assert_eq!(mode(&root.join("2026/11")), 0o700);
        }
        let e = read_log(&root.join("2026/11/missing.ron")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("{}", root.join("2026/11/missing.ron").display()))
        );
        let _ = fs::remove_dir_all(root.parent().unwrap());
    }
}
