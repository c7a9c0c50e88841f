//! Session logs: the record of each session, written safely, recovered, kept and exported.
//!
//! - [`model`]: what a log holds ([`SessionLog`]), with its checks;
//! - [`consistency`]: whether a log's figures add up, in sentences for the report;
//! - [`bands`]: what reports call the minutes (camera movement, not exercise intensity);
//! - [`recorder`]: [`SessionRecorder`], filled by the kiosk while a child plays;
//! - [`store`]: file names, atomic private writes, reading with positions;
//! - [`writer`]: [`LogWriter`], the background thread that saves checkpoints and reports
//!   trouble to the staff screen;
//! - [`recovery`] and [`retention`]: closing sessions a crash left open, deleting old ones;
//! - [`export`]: reading a folder for CSV and HTML reports;
//! - [`time`]: UTC dates without a date crate.
//!
//! Nothing here uses the game engine: the kiosk, the command line and tests share it.
//!
//! How the kiosk drives it: start one [`LogWriter`] at start-up (it recovers interrupted
//! sessions and applies retention on its own thread); on a session's start make a
//! [`SessionRecorder`]; every frame call [`SessionRecorder::sample`] (and
//! [`SessionRecorder::gesture`] on gesture onsets) and pass whatever
//! [`SessionRecorder::checkpoint`] returns to [`LogWriter::submit`]; on game changes call
//! `game_started` / `game_ended`; at the end submit [`SessionRecorder::finish`]. Show
//! [`LogWriter::status`] and [`LogWriter::take_notices`] to staff.

pub mod bands;
pub mod child_code;
pub mod consistency;
pub mod export;
pub mod model;
pub mod recorder;
pub mod recovery;
pub mod retention;
pub mod store;
pub mod time;
pub mod writer;

pub use child_code::is_child_code;
pub use export::{Duplicates, ExportSession, Filter, Scan, Skipped, scan, scan_folders};
pub use model::{
    ACTIVE_LEVEL, ActivitySample, EndReason, GameLog, MODERATE_LEVEL, Outage, SAMPLE_SECONDS,
    SCHEMA_VERSION, SessionLog, Totals, VIGOROUS_LEVEL, ValidationError,
};
pub use recorder::{CHECKPOINT_SECONDS, SessionRecorder};
pub use recovery::{Recovered, RecoveryReport, mark_recovered, recover};
pub use retention::{RetentionReport, apply_retention};
pub use store::{
    LogErrorKind, LogFileError, LogFileName, parse_file_name, parse_log, read_log, relative_path,
    write_atomic, write_log,
};
pub use time::{Date, DateError, UtcTime};
pub use writer::{LogNotice, LogWriter, WriterOptions, WriterStatus};
