//! Room checks: plain-words warnings for staff about the light and the camera's aim.
//!
//! Most "the game does not react" moments in a play room are not bugs: the curtains are
//! drawn, a fluorescent tube flickers, or someone knocked the camera towards the ceiling. The
//! monitor reads the motion reports and keeps a short list of warnings, each with what to do.
//! It is pure logic over explicit times, so it is tested with scripted inputs and no waiting.

use crate::motion::{MotionReport, STRAY_COLUMNS, STRAY_ROWS};
use std::collections::VecDeque;
use std::time::Duration;

/// Most remembered events per kind: bounds memory whatever the frame rate.
const MAX_EVENTS: usize = 1024;

/// Thresholds of the room checks.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomConfig {
    /// The core must call the room too dark for this long before staff are told (a child
    /// standing close to the lens darkens the picture for a moment).
    pub dark_after: Duration,
    /// The window in which flicker is judged.
    pub flicker_window: Duration,
    /// This many separate lighting events within the window mean flicker (a light switched
    /// on is one event).
    pub flicker_events: usize,
    /// Frame-to-frame changes of the mean brightness at least this big (grey levels) count
    /// when looking for an up-down-up oscillation.
    pub oscillation_step: f32,
    /// This many reversals of the brightness's direction within the window mean flicker.
    pub oscillation_reversals: usize,
    /// No motion for this long during a session means the camera may be pointing elsewhere.
    pub still_after: Duration,
    /// A frame whose moving fraction is at least this counts as motion.
    pub motion_floor: f32,
    /// A warning stays this long after its cause was last seen, so that it does not blink.
    pub clear_after: Duration,
    /// Motion where no child is is averaged over this long...
    pub stray_window: Duration,
    /// ...and a part of the picture that moves at least this share of that time keeps
    /// moving by itself (a curtain, a screen, a window onto a corridor).
    pub stray_share: f32,
}

impl Default for RoomConfig {
    fn default() -> Self {
        Self {
            dark_after: Duration::from_secs(3),
            flicker_window: Duration::from_secs(4),
            flicker_events: 3,
            oscillation_step: 1.5,
            oscillation_reversals: 20,
            still_after: Duration::from_secs(10 * 60),
            motion_floor: 0.002,
            clear_after: Duration::from_secs(5),
            stray_window: Duration::from_secs(20),
            stray_share: 0.3,
        }
    }
}

/// What the room checks read from one report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RoomSample {
    /// Mean brightness, 0..255.
    pub mean_luma: f32,
    /// The core finds the room too dark.
    pub too_dark: bool,
    /// The core sees a global lighting change in this frame.
    pub lighting_event: bool,
    /// Fraction of the picture that moves.
    pub motion_fraction: f32,
    /// The camera itself moved.
    pub camera_moved: bool,
    /// Where the picture moves with no child behind it (see [`MotionReport::stray_motion`]).
    pub stray_motion: [u16; STRAY_ROWS],
}

impl From<&MotionReport> for RoomSample {
    fn from(report: &MotionReport) -> Self {
        Self {
            mean_luma: report.lighting.mean_luma,
            too_dark: report.lighting.too_dark,
            lighting_event: report.lighting.event,
            motion_fraction: report.motion_fraction,
            camera_moved: report.camera_moved,
            stray_motion: report.stray_motion,
        }
    }
}

/// The kinds of room trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomWarningKind {
    /// Too dark to see movement.
    TooDark,
    /// The light flickers, which looks like movement everywhere.
    Flicker,
    /// Nothing has moved for a long time during a session.
    NothingMoving,
    /// The camera was bumped, turned or is not held still.
    CameraMoved,
    /// A part of the picture keeps moving with nobody there.
    MotionWithoutChild,
}

/// One warning for the staff screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RoomWarning {
    /// Which check.
    pub kind: RoomWarningKind,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// When the cause started (in the caller's time).
    pub since: Duration,
}

/// One check's state: when its cause started and was last seen.
#[derive(Debug, Clone, Copy, Default)]
struct Cause {
    /// Start of the current run of the cause.
    since: Option<Duration>,
    /// Last time the cause was seen.
    last_seen: Option<Duration>,
}

impl Cause {
    fn seen(&mut self, now: Duration) {
        self.since.get_or_insert(now);
        self.last_seen = Some(now);
    }

    /// Forgets the cause once it has been gone for `hold`.
    fn expire(&mut self, now: Duration, hold: Duration) {
        if self
            .last_seen
            .is_some_and(|t| now.saturating_sub(t) >= hold)
        {
            *self = Cause::default();
        }
    }
}

/// Keeps the room warnings from a stream of reports.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use wigglewoods::camera::{RoomMonitor, RoomConfig, RoomSample, RoomWarningKind};
/// let mut room = RoomMonitor::new(RoomConfig::default());
/// let dark = RoomSample { mean_luma: 8.0, too_dark: true, ..Default::default() };
/// for s in 0..5 {
///     room.observe(&dark, Duration::from_secs(s));
/// }
/// assert_eq!(room.warnings()[0].kind, RoomWarningKind::TooDark);
/// assert!(room.warnings()[0].hint.starts_with("Switch on a light"));
/// ```
#[derive(Debug, Clone)]
pub struct RoomMonitor {
    config: RoomConfig,
    dark: Cause,
    flicker: Cause,
    /// Start times of lighting events within the window.
    events: VecDeque<Duration>,
    was_event: bool,
    /// Times of brightness reversals within the window.
    reversals: VecDeque<Duration>,
    last_luma: Option<f32>,
    /// Sign of the last significant brightness change.
    last_step: i8,
    /// When the current session started, if one runs.
    session: Option<Duration>,
    last_motion: Option<Duration>,
    camera: Cause,
    /// Share of recent time each grid cell moved with no child there.
    stray: [f32; STRAY_ROWS * STRAY_COLUMNS],
    last_time: Option<Duration>,
    /// The region that keeps moving, as (left, top, right, bottom) grid cells, inclusive.
    stray_region: Option<(usize, usize, usize, usize)>,
    stray_cause: Cause,
    warnings: Vec<RoomWarning>,
}

impl RoomMonitor {
    /// A monitor with no warnings and no session running.
    pub fn new(config: RoomConfig) -> Self {
        Self {
            config,
            dark: Cause::default(),
            flicker: Cause::default(),
            events: VecDeque::new(),
            was_event: false,
            reversals: VecDeque::new(),
            last_luma: None,
            last_step: 0,
            session: None,
            last_motion: None,
            camera: Cause::default(),
            stray: [0.0; STRAY_ROWS * STRAY_COLUMNS],
            last_time: None,
            stray_region: None,
            stray_cause: Cause::default(),
            warnings: Vec::new(),
        }
    }

    /// A play session started: from now on, a long time without motion is worth a warning.
    pub fn session_started(&mut self, now: Duration) {
        self.session = Some(now);
        self.last_motion = None;
    }

    /// The session ended: an empty room is expected now.
    pub fn session_ended(&mut self) {
        self.session = None;
        self.warnings
            .retain(|w| w.kind != RoomWarningKind::NothingMoving);
    }

    /// The part of the picture that keeps moving with nobody there, in the config's terms
    /// (fractions of the picture as shown: left, top, width, height), ready for
    /// `input.ignore`.
    pub fn ignore_suggestion(&self) -> Option<crate::motion::Zone> {
        let (x0, y0, x1, y1) = self.stray_region?;
        let round = |v: f32| (v * 100.0).round() / 100.0;
        Some(crate::motion::Zone {
            x: round(x0 as f32 / STRAY_COLUMNS as f32),
            y: round(y0 as f32 / STRAY_ROWS as f32),
            w: round((x1 - x0 + 1) as f32 / STRAY_COLUMNS as f32),
            h: round((y1 - y0 + 1) as f32 / STRAY_ROWS as f32),
        })
    }

    /// The current warnings, in a fixed order (dark, flicker, nothing moving, camera moved,
    /// motion without a child).
    pub fn warnings(&self) -> &[RoomWarning] {
        &self.warnings
    }

    /// True if a warning of this kind is up.
    pub fn has(&self, kind: RoomWarningKind) -> bool {
        self.warnings.iter().any(|w| w.kind == kind)
    }

    /// Reads one report's figures at time `now` (monotonic, e.g. the report's timestamp).
    pub fn observe(&mut self, sample: &RoomSample, now: Duration) {
        let c = &self.config;
        // Too dark, sustained.
        if sample.too_dark {
            self.dark.seen(now);
        } else {
            self.dark.expire(now, c.clear_after);
        }
        // Flicker: repeated lighting events...
        if sample.lighting_event && !self.was_event {
            push_bounded(&mut self.events, now);
        }
        self.was_event = sample.lighting_event;
        trim(&mut self.events, now, c.flicker_window);
        // ...or the mean brightness going up and down.
        if let Some(last) = self.last_luma {
            let step = sample.mean_luma - last;
            if step.abs() >= c.oscillation_step {
                let sign = if step > 0.0 { 1 } else { -1 };
                if self.last_step == -sign {
                    push_bounded(&mut self.reversals, now);
                }
                self.last_step = sign;
            }
        }
        self.last_luma = Some(sample.mean_luma);
        trim(&mut self.reversals, now, c.flicker_window);
        if self.events.len() >= c.flicker_events || self.reversals.len() >= c.oscillation_reversals
        {
            self.flicker.seen(now);
        } else {
            self.flicker.expire(now, c.clear_after);
        }
        // Motion during a session.
        if sample.motion_fraction >= c.motion_floor && !sample.lighting_event {
            self.last_motion = Some(now);
        }
        if sample.camera_moved {
            self.camera.seen(now);
        } else {
            self.camera.expire(now, c.clear_after);
        }
        self.watch_stray(sample, now);
        self.update(now);
    }

    /// Averages, cell by cell, how often the picture moves where no child is, and finds the
    /// largest part that keeps moving.
    fn watch_stray(&mut self, sample: &RoomSample, now: Duration) {
        let dt = self
            .last_time
            .map_or(0.0, |t| now.saturating_sub(t).as_secs_f32().min(1.0));
        self.last_time = Some(now);
        if sample.camera_moved || sample.lighting_event {
            return;
        }
        let rate = (dt / self.config.stray_window.as_secs_f32().max(1.0)).min(1.0);
        for (i, busy) in self.stray.iter_mut().enumerate() {
            let moved = sample.stray_motion[i / STRAY_COLUMNS] >> (i % STRAY_COLUMNS) & 1;
            *busy += (moved as f32 - *busy) * rate;
        }
        let region = largest_region(&self.stray, self.config.stray_share);
        if region.is_some() {
            self.stray_cause.seen(now);
        } else {
            self.stray_cause.expire(now, self.config.clear_after);
        }
        if region.is_some() || self.stray_cause.since.is_none() {
            self.stray_region = region;
        }
    }

    /// Rebuilds the warning list; allocates only when a warning appears or goes.
    fn update(&mut self, now: Duration) {
        let c = &self.config;
        let dark = self
            .dark
            .since
            .filter(|since| now.saturating_sub(*since) >= c.dark_after);
        let flicker = self.flicker.since;
        let still = self.session.and_then(|start| {
            let since = self.last_motion.map_or(start, |m| m.max(start));
            (now.saturating_sub(since) >= c.still_after).then_some(since)
        });
        let stray = self
            .stray_cause
            .since
            .filter(|_| self.stray_region.is_some());
        let wanted = [
            (RoomWarningKind::TooDark, dark),
            (RoomWarningKind::Flicker, flicker),
            (RoomWarningKind::NothingMoving, still),
            (RoomWarningKind::CameraMoved, self.camera.since),
            (RoomWarningKind::MotionWithoutChild, stray),
        ];
        let suggestion = self.ignore_suggestion();
        let unchanged = wanted
            .iter()
            .filter(|(_, since)| since.is_some())
            .map(|(kind, _)| *kind)
            .eq(self.warnings.iter().map(|w| w.kind))
            && self.warnings.iter().all(|w| {
                w.kind != RoomWarningKind::MotionWithoutChild
                    || w.message.contains(&place(suggestion))
            });
        if unchanged {
            return;
        }
        let still_for = plain_duration(c.still_after);
        self.warnings = wanted
            .iter()
            .filter_map(|(kind, since)| {
                let since = (*since)?;
                let (message, hint) = match kind {
                    RoomWarningKind::TooDark => (
                        "The room is too dark for the camera to see the children move.".to_owned(),
                        "Switch on a light or open the curtains.".to_owned(),
                    ),
                    RoomWarningKind::Flicker => (
                        "The light is flickering; the camera sees it as movement everywhere."
                            .to_owned(),
                        "Mains flicker: change the camera's power-line frequency (50 or 60 Hz) \
                         or the light."
                            .to_owned(),
                    ),
                    RoomWarningKind::NothingMoving => (
                        format!("Nothing has moved in front of the camera for {still_for}."),
                        "Is the camera pointing at the play area?".to_owned(),
                    ),
                    RoomWarningKind::CameraMoved => (
                        "The camera moved (bumped, turned or not held still); the kiosk is \
                         learning the room again."
                            .to_owned(),
                        "Fix the camera firmly, pointing at the play area.".to_owned(),
                    ),
                    RoomWarningKind::MotionWithoutChild => (
                        format!(
                            "Something keeps moving {} with no child there (a curtain, a \
                             screen, a window onto a corridor?).",
                            place(suggestion)
                        ),
                        match suggestion {
                            Some(z) => format!(
                                "If it is not part of the play area, add it to input.ignore in \
                                 the kiosk config: (x: {:.2}, y: {:.2}, w: {:.2}, h: {:.2})",
                                z.x, z.y, z.w, z.h
                            ),
                            None => String::new(),
                        },
                    ),
                };
                Some(RoomWarning {
                    kind: *kind,
                    message,
                    hint,
                    since,
                })
            })
            .collect();
    }
}

/// Where a suggested region lies, as staff would say it: "at the top right of the picture".
fn place(zone: Option<crate::motion::Zone>) -> String {
    let Some(z) = zone else {
        return "in the picture".to_owned();
    };
    let (cx, cy) = (z.x + 0.5 * z.w, z.y + 0.5 * z.h);
    let row = if cy < 1.0 / 3.0 {
        "top"
    } else if cy < 2.0 / 3.0 {
        "middle"
    } else {
        "bottom"
    };
    let col = if cx < 1.0 / 3.0 {
        " left"
    } else if cx < 2.0 / 3.0 {
        ""
    } else {
        " right"
    };
    let row = if row == "middle" && col.is_empty() {
        "centre"
    } else {
        row
    };
    format!("at the {row}{col} of the picture")
}

/// The bounding box (grid cells, inclusive) of the largest 4-connected group of cells busy at
/// least `share` of the time.
fn largest_region(
    busy: &[f32; STRAY_ROWS * STRAY_COLUMNS],
    share: f32,
) -> Option<(usize, usize, usize, usize)> {
    let mut seen = [false; STRAY_ROWS * STRAY_COLUMNS];
    let mut stack = [0usize; STRAY_ROWS * STRAY_COLUMNS];
    let mut best: Option<(usize, (usize, usize, usize, usize))> = None;
    for start in 0..busy.len() {
        if seen[start] || busy[start] < share {
            continue;
        }
        seen[start] = true;
        let (mut n, mut top) = (0, 1);
        stack[0] = start;
        let mut b = (STRAY_COLUMNS, STRAY_ROWS, 0, 0);
        while top > 0 {
            top -= 1;
            let i = stack[top];
            n += 1;
            let (x, y) = (i % STRAY_COLUMNS, i / STRAY_COLUMNS);
            b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
            let mut visit = |j: usize| {
                if !seen[j] && busy[j] >= share {
                    seen[j] = true;
                    stack[top] = j;
                    top += 1;
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < STRAY_COLUMNS {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - STRAY_COLUMNS);
            }
            if y + 1 < STRAY_ROWS {
                visit(i + STRAY_COLUMNS);
            }
        }
        // One cell alone is too little to name a curtain or a screen.
        if n >= 2 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, b));
        }
    }
    best.map(|(_, b)| b)
}

/// "10 minutes", "1 minute", "45 seconds": how long, as staff would say it.
fn plain_duration(d: Duration) -> String {
    let secs = d.as_secs();
    let (n, unit) = if secs >= 120 || (secs >= 60 && secs.is_multiple_of(60)) {
        ((secs + 30) / 60, "minute")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn push_bounded(times: &mut VecDeque<Duration>, now: Duration) {
    if times.len() == MAX_EVENTS {
        times.pop_front();
    }
    times.push_back(now);
}

/// Drops times older than the window.
fn trim(times: &mut VecDeque<Duration>, now: Duration, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_sub(*t) > window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Duration = Duration::from_millis(33);

    fn at(frame: u32) -> Duration {
        FRAME * frame
    }

    fn calm() -> RoomSample {
        RoomSample {
            mean_luma: 120.0,
            too_dark: false,
            lighting_event: false,
            motion_fraction: 0.05,
            ..RoomSample::default()
        }
    }

    fn kinds(room: &RoomMonitor) -> Vec<RoomWarningKind> {
        room.warnings().iter().map(|w| w.kind).collect()
    }

    #[test]
    fn a_normal_room_gives_no_warnings() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        room.session_started(Duration::ZERO);
        for i in 0..3000 {
            let mut s = calm();
            s.mean_luma += (i % 50) as f32 * 0.02; // slow drift, no flicker
            room.observe(&s, at(i));
        }
        assert!(room.warnings().is_empty(), "{:?}", room.warnings());
    }

    #[test]
    fn darkness_is_reported_after_a_while_and_cleared_after_the_light_comes_on() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        let dark = RoomSample {
            mean_luma: 10.0,
            too_dark: true,
            ..calm()
        };
        // A moment of darkness (a child in front of the lens) is not worth a warning.
        for i in 0..30 {
            room.observe(&dark, at(i));
        }
        room.observe(&calm(), at(30));
        assert!(room.warnings().is_empty());
        // Sustained darkness is.
        for i in 31..200 {
            room.observe(&dark, at(i));
        }
        assert_eq!(kinds(&room), [RoomWarningKind::TooDark]);
        let w = &room.warnings()[0];
        assert!(w.message.contains("too dark"));
        assert_eq!(w.hint, "Switch on a light or open the curtains.");
        assert_eq!(w.since, at(0));
        // Light on: the warning stays a few seconds (no blinking), then goes.
        room.observe(&calm(), at(200));
        assert!(room.has(RoomWarningKind::TooDark));
        room.observe(&calm(), at(200) + Duration::from_secs(6));
        assert!(!room.has(RoomWarningKind::TooDark));
    }

    #[test]
    fn repeated_lighting_events_mean_flicker_but_one_switch_does_not() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        let event = RoomSample {
            lighting_event: true,
            ..calm()
        };
        // The light switched on: one event lasting a few frames.
        for i in 0..5 {
            room.observe(&event, at(i));
        }
        for i in 5..100 {
            room.observe(&calm(), at(i));
        }
        assert!(room.warnings().is_empty());
        // Three separate events within four seconds.
        for start in [200, 230, 260] {
            room.observe(&event, at(start));
            room.observe(&calm(), at(start + 1));
        }
        assert_eq!(kinds(&room), [RoomWarningKind::Flicker]);
        assert!(room.warnings()[0].hint.starts_with("Mains flicker"));
    }

    #[test]
    fn oscillating_brightness_means_flicker() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        // 100 Hz light seen at 30 fps beats at 10 Hz: up, up, down, repeated.
        let wave = [0.0, 4.0, 2.0];
        for i in 0..120 {
            let s = RoomSample {
                mean_luma: 120.0 + wave[i as usize % 3],
                ..calm()
            };
            room.observe(&s, at(i));
        }
        assert_eq!(kinds(&room), [RoomWarningKind::Flicker]);
        // Small noise below the step does not count.
        let mut quiet = RoomMonitor::new(RoomConfig::default());
        for i in 0..120 {
            let s = RoomSample {
                mean_luma: 120.0 + if i % 2 == 0 { 0.5 } else { -0.5 },
                ..calm()
            };
            quiet.observe(&s, at(i));
        }
        assert!(quiet.warnings().is_empty());
    }

    #[test]
    fn nothing_moving_during_a_session_is_reported() {
        let config = RoomConfig::default();
        let still_after = config.still_after;
        let mut room = RoomMonitor::new(config);
        let still = RoomSample {
            motion_fraction: 0.0,
            ..calm()
        };
        // No session: an empty room is fine, however long.
        room.observe(&still, Duration::ZERO);
        room.observe(&still, Duration::from_secs(3600));
        assert!(room.warnings().is_empty());
        // A session with movement, then none for ten minutes.
        let start = Duration::from_secs(4000);
        room.session_started(start);
        room.observe(&calm(), start + Duration::from_secs(1));
        room.observe(&still, start + Duration::from_secs(60));
        room.observe(&still, start + Duration::from_secs(1) + still_after - FRAME);
        assert!(room.warnings().is_empty());
        room.observe(&still, start + Duration::from_secs(1) + still_after);
        assert_eq!(kinds(&room), [RoomWarningKind::NothingMoving]);
        let w = &room.warnings()[0];
        assert!(w.message.contains("10 minutes"), "{}", w.message);
        assert_eq!(w.hint, "Is the camera pointing at the play area?");
        assert_eq!(w.since, start + Duration::from_secs(1));
        // Movement clears it at once; so does the end of the session.
        room.observe(&calm(), start + still_after * 2);
        assert!(room.warnings().is_empty());
        room.observe(&still, start + still_after * 4);
        assert!(room.has(RoomWarningKind::NothingMoving));
        room.session_ended();
        assert!(room.warnings().is_empty());
        room.observe(&still, start + still_after * 5);
        assert!(room.warnings().is_empty());
    }

    #[test]
    fn a_session_with_no_motion_at_all_counts_from_its_start() {
        let mut room = RoomMonitor::new(RoomConfig {
            still_after: Duration::from_secs(60),
            ..RoomConfig::default()
        });
        let still = RoomSample {
            motion_fraction: 0.0,
            ..calm()
        };
        room.session_started(Duration::from_secs(10));
        room.observe(&still, Duration::from_secs(69));
        assert!(room.warnings().is_empty());
        room.observe(&still, Duration::from_secs(70));
        assert!(room.has(RoomWarningKind::NothingMoving));
        assert!(room.warnings()[0].message.ends_with("for 1 minute."));
        assert_eq!(plain_duration(Duration::from_secs(45)), "45 seconds");
        assert_eq!(plain_duration(Duration::from_secs(600)), "10 minutes");
    }

    #[test]
    fn a_camera_that_moved_is_reported_and_then_forgotten() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        let moved = RoomSample {
            camera_moved: true,
            ..calm()
        };
        room.observe(&moved, at(0));
        assert_eq!(kinds(&room), [RoomWarningKind::CameraMoved]);
        assert!(room.warnings()[0].hint.starts_with("Fix the camera"));
        room.observe(&calm(), at(1));
        room.observe(&calm(), at(1) + Duration::from_secs(6));
        assert!(room.warnings().is_empty());
    }

    #[test]
    fn motion_that_keeps_going_where_nobody_is_gets_an_ignore_region() {
        let mut room = RoomMonitor::new(RoomConfig::default());
        // The top right corner (columns 12-15, rows 0-3) flaps all the time, nobody there.
        let mut stray = [0u16; STRAY_ROWS];
        for row in stray.iter_mut().take(4) {
            *row = 0xF000;
        }
        let curtain = RoomSample {
            stray_motion: stray,
            ..calm()
        };
        // A moment of it is nothing.
        for i in 0..30 {
            room.observe(&curtain, at(i));
        }
        assert!(room.warnings().is_empty());
        for i in 30..600 {
            room.observe(&curtain, at(i));
        }
        assert_eq!(kinds(&room), [RoomWarningKind::MotionWithoutChild]);
        let w = &room.warnings()[0];
        assert!(w.message.contains("top right"), "{}", w.message);
        assert!(
            w.hint.contains("(x: 0.75, y: 0.00, w: 0.25, h: 0.33)"),
            "{}",
            w.hint
        );
        let z = room.ignore_suggestion().unwrap();
        assert_eq!((z.x, z.y, z.w, z.h), (0.75, 0.0, 0.25, 0.33));
        // A child's motion is not counted: the core leaves it out of the stray grid.
        let mut quiet = RoomMonitor::new(RoomConfig::default());
        for i in 0..600 {
            quiet.observe(&calm(), at(i));
        }
        assert!(quiet.warnings().is_empty());
    }

    #[test]
    fn several_warnings_come_in_a_fixed_order() {
        let mut room = RoomMonitor::new(RoomConfig {
            still_after: Duration::from_secs(5),
            dark_after: Duration::from_secs(1),
            ..RoomConfig::default()
        });
        room.session_started(Duration::ZERO);
        for i in 0..300 {
            let s = RoomSample {
                mean_luma: 10.0 + if i % 2 == 0 { 3.0 } else { 0.0 },
                too_dark: true,
                lighting_event: false,
                motion_fraction: 0.0,
                ..RoomSample::default()
            };
            room.observe(&s, at(i));
        }
        assert_eq!(
            kinds(&room),
            [
                RoomWarningKind::TooDark,
                RoomWarningKind::Flicker,
                RoomWarningKind::NothingMoving
            ]
        );
    }
}
