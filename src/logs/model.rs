//! What a session log holds: who played (a pseudonymous code, never a name), when, which
//! games with their scores and gesture counts, and a timeline of activity every 10 s.
//!
//! The file is the contract between the kiosk and the export: every field is plain data, the
//! schema has a version, and [`SessionLog::validate`] checks what serde alone cannot.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::child_code::is_child_code;
use super::time::UtcTime;
use crate::games::GameId;
use crate::motion::{GestureKind, Profile};

/// The version of the file layout; a reader refuses files of another version rather than
/// guessing at their meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// Length of one timeline window in seconds: fine enough for a chart of a session, coarse
/// enough that a day of sessions stays small.
pub const SAMPLE_SECONDS: f32 = 10.0;

/// A window whose mean activity is at least this counts as active (below it the child was
/// still or resting). Activity is the motion core's 0..1 level.
pub const ACTIVE_LEVEL: f32 = 0.1;
/// Active windows below this level are light activity.
pub const MODERATE_LEVEL: f32 = 0.3;
/// Active windows at or above this level are vigorous; between the two, moderate.
pub const VIGOROUS_LEVEL: f32 = 0.6;

/// Why a session ended, so that a report can tell a finished session from an interrupted one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The session ran its planned time.
    Completed,
    /// A member of staff ended it early.
    StoppedByStaff,
    /// The camera was lost and did not come back in time.
    CameraLost,
    /// The kiosk stopped mid-session (crash or power cut); found and closed at the next start.
    RecoveredAfterCrash,
    /// Nobody moved in front of the camera for minutes: the child had left, and the kiosk
    /// went back to its attract scene by itself.
    Idle,
}

impl EndReason {
    /// Every reason, for reports that count them.
    pub const ALL: [EndReason; 5] = [
        EndReason::Completed,
        EndReason::StoppedByStaff,
        EndReason::CameraLost,
        EndReason::RecoveredAfterCrash,
        EndReason::Idle,
    ];

    /// The name in files and CSV (`completed`, `stopped_by_staff`, ...).
    pub fn name(self) -> &'static str {
        match self {
            EndReason::Completed => "completed",
            EndReason::StoppedByStaff => "stopped_by_staff",
            EndReason::CameraLost => "camera_lost",
            EndReason::RecoveredAfterCrash => "recovered_after_crash",
            EndReason::Idle => "idle",
        }
    }

    /// Words for a ward manager's report.
    pub fn describe(self) -> &'static str {
        match self {
            EndReason::Completed => "completed",
            EndReason::StoppedByStaff => "stopped by staff",
            EndReason::CameraLost => "camera lost",
            EndReason::RecoveredAfterCrash => "recovered after a crash",
            EndReason::Idle => "nobody there",
        }
    }
}

/// One mini-game within a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GameLog {
    /// Which game.
    pub game: GameId,
    /// When it started, in seconds since the session started.
    pub started_at_s: f32,
    /// How long it ran, in seconds (so far, for a game still running in a checkpoint).
    pub seconds: f32,
    /// What was achieved (apples, fireflies, hops, freezes, percent painted); 0 until the
    /// game ends.
    pub score: u32,
    /// How many times each gesture began during the game, keyed by the gesture's name
    /// (`wiggle`, `wave`, `reach_up`, `jump`, `lean`, `freeze`).
    pub gestures: BTreeMap<String, u32>,
}

/// Ten seconds of the session (shorter for the last one, or where the camera saw nothing).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivitySample {
    /// Start of the window, in seconds since the session started (a multiple of 10).
    pub t_s: f32,
    /// Seconds of the window in which the child was measured (10 for a full window).
    pub seconds: f32,
    /// Mean activity level over the window, 0 (still) to 1 (very lively).
    pub activity: f32,
    /// Whether the window counts as active (`activity >= ACTIVE_LEVEL`).
    pub active: bool,
    /// Mean left/right balance of the movement: -1 all on the child's left, 1 all right.
    pub balance: f32,
    /// The largest reach used in the window, 0 to 1 of the reach found at calibration.
    pub reach: f32,
}

impl ActivitySample {
    /// Seconds since the session started at which the window's measurements end.
    pub fn end_s(&self) -> f32 {
        self.t_s + self.seconds
    }
}

/// Minutes of activity by intensity, worked out from the timeline with the cut-offs
/// [`ACTIVE_LEVEL`], [`MODERATE_LEVEL`] and [`VIGOROUS_LEVEL`] (light + moderate + vigorous =
/// active).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Minutes in active windows.
    pub active_minutes: f32,
    /// Active minutes below [`MODERATE_LEVEL`].
    pub light_minutes: f32,
    /// Active minutes from [`MODERATE_LEVEL`] to below [`VIGOROUS_LEVEL`].
    pub moderate_minutes: f32,
    /// Active minutes at or above [`VIGOROUS_LEVEL`].
    pub vigorous_minutes: f32,
}

/// Rounds to `places` decimals, so that files stay short and readable.
pub(crate) fn round_to(x: f32, places: i32) -> f32 {
    let k = 10f32.powi(places);
    (x * k).round() / k
}

impl Totals {
    /// The totals of a timeline, each window counting for its measured seconds.
    pub fn from_timeline(timeline: &[ActivitySample]) -> Totals {
        let (mut active, mut light, mut moderate, mut vigorous) = (0f64, 0f64, 0f64, 0f64);
        for s in timeline {
            if !s.active {
                continue;
            }
            let m = f64::from(s.seconds) / 60.0;
            active += m;
            if s.activity < MODERATE_LEVEL {
                light += m;
            } else if s.activity < VIGOROUS_LEVEL {
                moderate += m;
            } else {
                vigorous += m;
            }
        }
        Totals {
            active_minutes: round_to(active as f32, 2),
            light_minutes: round_to(light as f32, 2),
            moderate_minutes: round_to(moderate as f32, 2),
            vigorous_minutes: round_to(vigorous as f32, 2),
        }
    }
}

/// One session, as written to its file: finished (`end` is set) or a checkpoint of one still
/// running (`end` and `ended` are `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLog {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// Which kiosk recorded it (also in the file name).
    pub kiosk: String,
    /// The ward or play area.
    pub ward: String,
    /// The ward's pseudonymous code for the child, never a name; `None` when none was given.
    pub child: Option<String>,
    /// Standing, seated or bed.
    pub profile: Profile,
    /// Start, UTC, RFC 3339 (`2026-11-03T14:05:09Z`), for people reading the file.
    pub started: String,
    /// The same start in seconds since the Unix epoch, for programs.
    pub started_s: i64,
    /// End, UTC, RFC 3339; `None` while the session runs.
    pub ended: Option<String>,
    /// The same end in seconds since the Unix epoch.
    pub ended_s: Option<i64>,
    /// Why it ended; `None` while it runs (a checkpoint).
    pub end: Option<EndReason>,
    /// The games, in the order played.
    pub games: Vec<GameLog>,
    /// Activity every [`SAMPLE_SECONDS`]; windows with no measurement are left out.
    pub timeline: Vec<ActivitySample>,
    /// Minutes by intensity, from the timeline.
    pub totals: Totals,
    /// Times the picture was lost (camera unplugged, frozen, busy) and play went on in a
    /// resting forest. Left out of the file when there were none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub camera_lost: Vec<Outage>,
}

/// A time the picture was lost during a session: when, how long, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    /// When it began, in seconds since the session started.
    pub at_s: f32,
    /// How long it lasted, in seconds (so far, while it lasts).
    pub seconds: f32,
    /// What happened, as staff were told.
    pub reason: String,
}

/// What is wrong in a log that parsed but does not make sense, naming the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("field `{field}`: {problem}")]
pub struct ValidationError {
    /// The field, as a path (`timeline[3].activity`).
    pub field: String,
    /// What is wrong, in words.
    pub problem: String,
}

fn invalid(field: impl Into<String>, problem: impl fmt::Display) -> ValidationError {
    ValidationError {
        field: field.into(),
        problem: problem.to_string(),
    }
}

fn check_range(field: String, x: f32, lo: f32, hi: f32) -> Result<(), ValidationError> {
    if x.is_finite() && (lo..=hi).contains(&x) {
        Ok(())
    } else {
        Err(invalid(field, format!("{x} is outside {lo} to {hi}")))
    }
}

fn check_seconds(field: String, x: f32) -> Result<(), ValidationError> {
    if x.is_finite() && x >= 0.0 {
        Ok(())
    } else {
        Err(invalid(field, format!("{x} is not a number of seconds")))
    }
}

impl SessionLog {
    /// Whether the session has ended (a checkpoint of a running session has not).
    pub fn is_finished(&self) -> bool {
        self.end.is_some()
    }

    /// The start as a UTC time.
    pub fn start_time(&self) -> UtcTime {
        UtcTime::from_epoch(self.started_s)
    }

    /// Seconds since the start at which the last measurement, game or camera outage ends:
    /// what a checkpoint is known to cover (an outage counts, as the session went on through
    /// it).
    pub fn last_known_s(&self) -> f32 {
        let samples = self.timeline.last().map_or(0.0, ActivitySample::end_s);
        let games = self
            .games
            .iter()
            .map(|g| g.started_at_s + g.seconds)
            .fold(0.0, f32::max);
        let outages = self
            .camera_lost
            .iter()
            .map(|o| o.at_s + o.seconds)
            .fold(0.0, f32::max);
        samples.max(games).max(outages)
    }

    /// Length in seconds: start to end, or to the last thing known for a running session.
    pub fn duration_s(&self) -> f32 {
        match self.ended_s {
            Some(end) => (end - self.started_s).max(0) as f32,
            None => self.last_known_s(),
        }
    }

    /// Mean of one timeline field over the measured time (each window weighed by its
    /// measured seconds, so a short last window counts for little); 0 with no measurement.
    fn measured_mean(&self, field: impl Fn(&ActivitySample) -> f32) -> f32 {
        let (sum, seconds) = self.timeline.iter().fold((0f64, 0f64), |(a, s), x| {
            (
                a + f64::from(field(x)) * f64::from(x.seconds),
                s + f64::from(x.seconds),
            )
        });
        if seconds > 0.0 {
            (sum / seconds) as f32
        } else {
            0.0
        }
    }

    /// Mean activity over the measured time, 0 to 1.
    pub fn mean_activity(&self) -> f32 {
        self.measured_mean(|x| x.activity)
    }

    /// The reach a child typically used in the session, 0 to 1 of the calibrated reach: the
    /// mean of each window's largest reach. A therapist follows it from session to session
    /// to see a range of movement change; one stretch alone would not show that.
    pub fn mean_reach(&self) -> f32 {
        self.measured_mean(|x| x.reach)
    }

    /// The session's left/right balance, -1 (all on the child's left) to 1 (all right): a
    /// child who keeps to one side shows here.
    pub fn mean_balance(&self) -> f32 {
        self.measured_mean(|x| x.balance)
    }

    /// The scores of all games added up.
    pub fn total_score(&self) -> u64 {
        self.games.iter().map(|g| u64::from(g.score)).sum()
    }

    /// Checks what serde cannot: the version, times that agree, values in their ranges, child
    /// codes that are codes. Returns the first problem found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(invalid(
                "schema_version",
                format!(
                    "{} is not {SCHEMA_VERSION}, the version this program reads",
                    self.schema_version
                ),
            ));
        }
        if self.kiosk.trim().is_empty() || self.kiosk.len() > 64 {
            return Err(invalid("kiosk", "must be 1 to 64 characters"));
        }
        if self.ward.len() > 100 {
            return Err(invalid("ward", "must be at most 100 characters"));
        }
        if let Some(code) = &self.child
            && !is_child_code(code)
        {
            return Err(invalid(
                "child",
                "is not a ward child code (3 to 10 letters, digits or -, with a digit, not a \
                 name or a date); logs never hold names",
            ));
        }
        let start = UtcTime::from_epoch(self.started_s).rfc3339();
        if self.started != start {
            return Err(invalid(
                "started",
                format!(
                    "`{}` does not match started_s {} ({start})",
                    self.started, self.started_s
                ),
            ));
        }
        match (&self.ended, self.ended_s) {
            (None, None) => {}
            (Some(text), Some(secs)) => {
                let end = UtcTime::from_epoch(secs).rfc3339();
                if *text != end {
                    return Err(invalid(
                        "ended",
                        format!("`{text}` does not match ended_s {secs} ({end})"),
                    ));
                }
                if secs < self.started_s {
                    return Err(invalid("ended_s", "is before the start"));
                }
            }
            _ => {
                return Err(invalid(
                    "ended",
                    "ended and ended_s must both be set or both None",
                ));
            }
        }
        if self.end.is_some() != self.ended_s.is_some() {
            return Err(invalid(
                "end",
                "a finished session needs both `end` and `ended`; a running one neither",
            ));
        }
        for (i, g) in self.games.iter().enumerate() {
            check_seconds(format!("games[{i}].started_at_s"), g.started_at_s)?;
            check_seconds(format!("games[{i}].seconds"), g.seconds)?;
            for name in g.gestures.keys() {
                if !GestureKind::ALL.iter().any(|k| k.name() == name) {
                    let known: Vec<_> = GestureKind::ALL.iter().map(|k| k.name()).collect();
                    return Err(invalid(
                        format!("games[{i}].gestures"),
                        format!("unknown gesture `{name}`; known: {}", known.join(", ")),
                    ));
                }
            }
        }
        let mut previous = -1.0f32;
        for (i, s) in self.timeline.iter().enumerate() {
            check_seconds(format!("timeline[{i}].t_s"), s.t_s)?;
            if s.t_s <= previous {
                return Err(invalid(
                    format!("timeline[{i}].t_s"),
                    "samples must be in time order",
                ));
            }
            previous = s.t_s;
            check_range(
                format!("timeline[{i}].seconds"),
                s.seconds,
                0.0,
                SAMPLE_SECONDS,
            )?;
            check_range(format!("timeline[{i}].activity"), s.activity, 0.0, 1.0)?;
            check_range(format!("timeline[{i}].balance"), s.balance, -1.0, 1.0)?;
            check_range(format!("timeline[{i}].reach"), s.reach, 0.0, 1.0)?;
        }
        for (i, o) in self.camera_lost.iter().enumerate() {
            check_seconds(format!("camera_lost[{i}].at_s"), o.at_s)?;
            check_seconds(format!("camera_lost[{i}].seconds"), o.seconds)?;
        }
        let t = &self.totals;
        for (name, m) in [
            ("active_minutes", t.active_minutes),
            ("light_minutes", t.light_minutes),
            ("moderate_minutes", t.moderate_minutes),
            ("vigorous_minutes", t.vigorous_minutes),
        ] {
            if !(m.is_finite() && m >= 0.0) {
                return Err(invalid(
                    format!("totals.{name}"),
                    format!("{m} is not a number of minutes"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small finished session: two games, four samples.
    pub(crate) fn sample_log() -> SessionLog {
        let timeline = vec![
            sample(0.0, 0.05, 0.0, 0.2),
            sample(10.0, 0.2, -0.5, 0.6),
            sample(20.0, 0.45, 0.25, 0.9),
            sample(30.0, 0.8, 0.5, 1.0),
        ];
        let mut gestures = BTreeMap::new();
        gestures.insert("wiggle".to_string(), 7);
        SessionLog {
            schema_version: SCHEMA_VERSION,
            kiosk: "kiosk-1".into(),
            ward: "Rainbow".into(),
            child: Some("R17".into()),
            profile: Profile::Seated,
            started: "2026-11-03T14:05:09Z".into(),
            started_s: 1_793_714_709,
            ended: Some("2026-11-03T14:05:49Z".into()),
            ended_s: Some(1_793_714_749),
            end: Some(EndReason::Completed),
            games: vec![
                GameLog {
                    game: GameId::AppleShake,
                    started_at_s: 2.0,
                    seconds: 20.0,
                    score: 12,
                    gestures,
                },
                GameLog {
                    game: GameId::FrogHop,
                    started_at_s: 22.0,
                    seconds: 18.0,
                    score: 5,
                    gestures: BTreeMap::new(),
                },
            ],
            totals: Totals::from_timeline(&timeline),
            timeline,
            camera_lost: vec![Outage {
                at_s: 31.5,
                seconds: 4.0,
                reason: "The camera was unplugged.".into(),
            }],
        }
    }

    fn sample(t_s: f32, activity: f32, balance: f32, reach: f32) -> ActivitySample {
        ActivitySample {
            t_s,
            seconds: SAMPLE_SECONDS,
            activity,
            active: activity >= ACTIVE_LEVEL,
            balance,
            reach,
        }
    }

    #[test]
    fn totals_use_the_documented_cut_offs() {
        let log = sample_log();
        let t = log.totals;
        // 0.05 is rest; 0.2 light; 0.45 moderate; 0.8 vigorous: 10 s each.
        assert_eq!(t.active_minutes, 0.5);
        assert_eq!(t.light_minutes, 0.17);
        assert_eq!(t.moderate_minutes, 0.17);
        assert_eq!(t.vigorous_minutes, 0.17);
        assert!((log.mean_activity() - 0.375).abs() < 1e-6);
        assert!((log.mean_reach() - 0.675).abs() < 1e-6);
        assert!((log.mean_balance() - 0.0625).abs() < 1e-6);
        assert_eq!(log.total_score(), 17);
        assert_eq!(log.duration_s(), 40.0);
        assert_eq!(log.last_known_s(), 40.0);
    }

    #[test]
    fn a_good_log_validates() {
        assert_eq!(sample_log().validate(), Ok(()));
    }

    #[test]
    fn validation_names_the_field() {
        let mut log = sample_log();
        log.timeline[2].activity = 1.5;
        let e = log.validate().unwrap_err();
        assert_eq!(e.field, "timeline[2].activity");
        assert!(e.to_string().contains("1.5 is outside 0 to 1"), "{e}");

        let mut log = sample_log();
        log.child = Some("Alice Smith".into());
        assert_eq!(log.validate().unwrap_err().field, "child");

        let mut log = sample_log();
        log.started = "2026-11-03T14:05:10Z".into();
        assert_eq!(log.validate().unwrap_err().field, "started");

        let mut log = sample_log();
        log.end = None;
        assert_eq!(log.validate().unwrap_err().field, "end");

        let mut log = sample_log();
        log.games[0].gestures.insert("cartwheel".into(), 1);
        assert!(log.validate().unwrap_err().problem.contains("cartwheel"));

        let mut log = sample_log();
        log.timeline.swap(0, 1);
        assert_eq!(log.validate().unwrap_err().field, "timeline[1].t_s");

        let mut log = sample_log();
        log.schema_version = 2;
        assert_eq!(log.validate().unwrap_err().field, "schema_version");
    }

    #[test]
    fn child_codes_are_codes_not_names() {
        assert!(is_child_code("R17"));
        for bad in ["", "Alice", "Alice Smith", "R 17", "Zoë1", &"1".repeat(33)] {
            assert!(!is_child_code(bad), "{bad}");
        }
    }

    #[test]
    fn end_reasons_have_names_and_words() {
        for r in EndReason::ALL {
            assert!(!r.name().contains(' '));
            assert!(!r.describe().is_empty());
        }
    }
}
