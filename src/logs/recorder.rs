//! [`SessionRecorder`]: the in-memory log the kiosk fills while a child plays, from which a
//! [`SessionLog`] snapshot can be taken at any moment (for checkpoints) and at the end.
//!
//! The recorder takes its times from the caller (session seconds for samples and events,
//! wall-clock time for the start and end), so tests can drive it without a clock.

use std::collections::BTreeMap;
use std::time::SystemTime;

use super::child_code;
use super::model::{
    ACTIVE_LEVEL, ActivitySample, EndReason, GameLog, Outage, SAMPLE_SECONDS, SCHEMA_VERSION,
    SessionLog, Totals, round_to,
};
use super::time::{UtcTime, epoch_seconds};
use crate::games::GameId;
use crate::motion::{GestureKind, Profile};

/// How often, in session seconds, [`SessionRecorder::checkpoint`] hands out a snapshot. Half
/// the 10 s promised, so that a crash loses at most 10 s even if a write is slow.
pub const CHECKPOINT_SECONDS: f32 = 5.0;

/// A gap between two measurements longer than this is time in which the child was not
/// measured (camera lost, kiosk paused): it does not count towards the window's seconds.
const MAX_GAP_S: f32 = 1.0;

/// The window being filled.
#[derive(Debug, Clone)]
struct Window {
    index: u32,
    frames: u32,
    seconds: f32,
    activity: f64,
    balance: f64,
    reach: f32,
}

impl Window {
    fn new(index: u32) -> Window {
        Window {
            index,
            frames: 0,
            seconds: 0.0,
            activity: 0.0,
            balance: 0.0,
            reach: 0.0,
        }
    }

    fn sample(&self) -> ActivitySample {
        let n = f64::from(self.frames.max(1));
        let activity = round_to((self.activity / n) as f32, 3);
        ActivitySample {
            t_s: self.index as f32 * SAMPLE_SECONDS,
            seconds: round_to(self.seconds.min(SAMPLE_SECONDS), 2),
            activity,
            active: activity >= ACTIVE_LEVEL,
            balance: round_to((self.balance / n) as f32, 3),
            reach: round_to(self.reach, 3),
        }
    }
}

/// Clamps a measurement into its range; not-a-number becomes `None` and is ignored.
fn clean(x: f32, lo: f32, hi: f32) -> Option<f32> {
    (!x.is_nan()).then(|| x.clamp(lo, hi))
}

/// The session being recorded: the kiosk feeds it measurements and events, and takes
/// snapshots for the [`LogWriter`](super::LogWriter).
#[derive(Debug, Clone)]
pub struct SessionRecorder {
    log: SessionLog,
    window: Option<Window>,
    game: Option<usize>,
    /// The latest session time seen by any call: how far the session has got.
    last_t: Option<f32>,
    /// The time of the latest measurement: the gap to the next one is measured time (or,
    /// when too long, time nobody was measured).
    last_sample: Option<f32>,
    last_checkpoint: Option<f32>,
    /// The outage under way: its index in `camera_lost`, and when it began.
    lost_since: Option<(usize, f32)>,
    /// On a simulated clock (see [`SessionRecorder::use_simulated_clock`]), the end is the
    /// start plus the session time, not the wall time `finish` is given.
    simulated: bool,
}

impl SessionRecorder {
    /// Starts recording a session that begins `now`. A `child` text that is not a ward code (see
    /// [`child_code::check`]) is dropped rather than risk writing a name; the launcher should
    /// refuse it first.
    pub fn start(
        kiosk: &str,
        ward: &str,
        child: Option<&str>,
        profile: Profile,
        now: SystemTime,
    ) -> SessionRecorder {
        let started_s = epoch_seconds(now);
        let kiosk = kiosk.trim();
        let kiosk: String = if kiosk.is_empty() {
            "kiosk".into()
        } else {
            kiosk.chars().take(64).collect()
        };
        SessionRecorder {
            log: SessionLog {
                schema_version: SCHEMA_VERSION,
                kiosk,
                ward: ward.trim().chars().take(100).collect(),
                child: child
                    .and_then(|c| child_code::check(c).ok())
                    .filter(|c| !c.is_empty()),
                profile,
                started: UtcTime::from_epoch(started_s).rfc3339(),
                started_s,
                ended: None,
                ended_s: None,
                end: None,
                games: Vec::new(),
                timeline: Vec::new(),
                totals: Totals::default(),
                camera_lost: Vec::new(),
            },
            lost_since: None,
            simulated: false,
            window: None,
            game: None,
            last_t: None,
            last_sample: None,
            last_checkpoint: None,
        }
    }

    /// Adds one measurement at `t_s` seconds since the session started (call it every motion
    /// report): `activity` 0..1, `balance` -1 (child's left) to 1 (right), `reach` 0..1 of the
    /// calibrated reach. Measurements are folded into 10 s windows (mean activity and
    /// balance, largest reach). Out-of-range values are clamped, not-a-number ignored.
    pub fn sample(&mut self, t_s: f32, activity: f32, balance: f32, reach: f32) {
        if !t_s.is_finite() {
            return;
        }
        let (Some(t), Some(activity), Some(balance), Some(reach)) = (
            clean(t_s, 0.0, f32::MAX),
            clean(activity, 0.0, 1.0),
            clean(balance, -1.0, 1.0),
            clean(reach, 0.0, 1.0),
        ) else {
            return;
        };
        // Time going backwards stays in the current window.
        let t = self.last_sample.map_or(t, |last| t.max(last));
        let index = (t / SAMPLE_SECONDS) as u32;
        let dt = self.last_sample.map_or(0.0, |last| t - last);
        self.last_sample = Some(t);
        match &self.window {
            Some(w) if w.index == index => {}
            Some(_) => {
                let done = self.window.take().map(|w| w.sample());
                self.log.timeline.extend(done);
                self.window = Some(Window::new(index));
            }
            None => self.window = Some(Window::new(index)),
        }
        if let Some(w) = &mut self.window {
            w.frames += 1;
            if dt <= MAX_GAP_S {
                w.seconds += dt;
            }
            w.activity += f64::from(activity);
            w.balance += f64::from(balance);
            w.reach = w.reach.max(reach);
        }
        self.touch(t);
    }

    fn touch(&mut self, t_s: f32) {
        if t_s.is_finite() {
            self.last_t = Some(self.last_t.map_or(t_s, |last| last.max(t_s)));
        }
    }

    fn close_game(&mut self, score: u32, t_s: f32) {
        if let Some(g) = self.game.take().and_then(|i| self.log.games.get_mut(i)) {
            g.seconds = round_to((t_s - g.started_at_s).max(0.0), 2);
            g.score = score;
        }
    }

    /// A game starts at `t_s`. A game still running is closed first with a score of 0.
    pub fn game_started(&mut self, game: GameId, t_s: f32) {
        let t = if t_s.is_finite() { t_s.max(0.0) } else { 0.0 };
        self.close_game(0, t);
        self.log.games.push(GameLog {
            game,
            started_at_s: round_to(t, 2),
            seconds: 0.0,
            score: 0,
            gestures: BTreeMap::new(),
        });
        self.game = Some(self.log.games.len() - 1);
        self.touch(t);
    }

    /// The running game ends at `t_s` with its score; ignored when no game runs.
    pub fn game_ended(&mut self, score: u32, t_s: f32) {
        let t = if t_s.is_finite() { t_s.max(0.0) } else { 0.0 };
        self.close_game(score, t);
        self.touch(t);
    }

    /// A gesture began (call it once per onset, on the report's `started`, not every frame
    /// it lasts). Counted for the running game; ignored between games.
    pub fn gesture(&mut self, kind: GestureKind) {
        if let Some(g) = self.game.and_then(|i| self.log.games.get_mut(i)) {
            *g.gestures.entry(kind.name().to_string()).or_insert(0) += 1;
        }
    }

    /// The picture was lost at `t_s` (session seconds), for `reason` as staff were told.
    /// Calls while it stays lost are ignored.
    pub fn input_lost(&mut self, t_s: f32, reason: &str) {
        if self.lost_since.is_some() || !t_s.is_finite() {
            return;
        }
        self.touch(t_s);
        let at_s = round_to(t_s.max(0.0), 2);
        self.log.camera_lost.push(Outage {
            at_s,
            seconds: 0.0,
            reason: reason.chars().take(200).collect(),
        });
        self.lost_since = Some((self.log.camera_lost.len() - 1, at_s));
    }

    /// The picture is back at `t_s`.
    pub fn input_back(&mut self, t_s: f32) {
        self.touch(t_s);
        if let Some((i, since)) = self.lost_since.take() {
            self.log.camera_lost[i].seconds = round_to((t_s - since).max(0.0), 2);
        }
    }

    /// The session as it stands: a checkpoint (`end` is `None`), with the window being filled
    /// included as a shorter sample, so that a crash loses only what came after it.
    pub fn snapshot(&self) -> SessionLog {
        let mut log = self.log.clone();
        if let (Some((i, since)), Some(t)) = (self.lost_since, self.last_t) {
            log.camera_lost[i].seconds = round_to((t - since).max(0.0), 2);
        }
        log.timeline
            .extend(self.window.as_ref().map(Window::sample));
        if let (Some(g), Some(t)) = (self.game.and_then(|i| log.games.get_mut(i)), self.last_t) {
            g.seconds = round_to((t - g.started_at_s).max(0.0), 2);
        }
        log.totals = Totals::from_timeline(&log.timeline);
        log
    }

    /// A snapshot when one is due: the first call, then every [`CHECKPOINT_SECONDS`] of
    /// session time. Call it every frame and hand what it returns to the writer.
    pub fn checkpoint(&mut self, t_s: f32) -> Option<SessionLog> {
        let due = match self.last_checkpoint {
            None => true,
            Some(last) => t_s - last >= CHECKPOINT_SECONDS,
        };
        if !t_s.is_finite() {
            return None;
        }
        // Time runs on while nothing is measured (a lost camera): the snapshot shows it.
        self.touch(t_s);
        if !due {
            return None;
        }
        self.last_checkpoint = Some(t_s);
        Some(self.snapshot())
    }

    /// Puts the session on a simulated clock that read `start` at session second 0. For a
    /// kiosk run faster than real time (`wigglewoods soak` plays an hour in minutes): the
    /// session then starts at `start` and ends at `start` plus the session seconds it
    /// recorded, whatever wall time [`SessionRecorder::finish`] is given, so that its length
    /// agrees with its timeline. Call it before the first checkpoint (the start names the
    /// file).
    pub fn use_simulated_clock(&mut self, start: SystemTime) {
        let started_s = epoch_seconds(start);
        self.log.started_s = started_s;
        self.log.started = UtcTime::from_epoch(started_s).rfc3339();
        self.simulated = true;
    }

    /// Whether [`SessionRecorder::use_simulated_clock`] put the session on a simulated clock.
    pub fn on_simulated_clock(&self) -> bool {
        self.simulated
    }

    /// The session ends `now` for `reason`: the final log to write. A game still running is
    /// kept with the time it ran and a score of 0.
    ///
    /// The end is never earlier than the start plus the session seconds recorded (rounded up
    /// to the whole second the file holds): the session clock stops during a pause and so
    /// never runs ahead of the wall clock on a kiosk, but a wall clock set back mid-session
    /// would otherwise make a session shorter than what it recorded.
    pub fn finish(self, reason: EndReason, now: SystemTime) -> SessionLog {
        let simulated = self.simulated;
        let last_t = self.last_t.unwrap_or(0.0);
        let mut log = self.snapshot();
        let recorded = log.last_known_s().max(last_t).max(0.0);
        let recorded_end = log.started_s + recorded.ceil() as i64;
        let ended_s = if simulated {
            recorded_end
        } else {
            epoch_seconds(now).max(recorded_end)
        };
        log.ended = Some(UtcTime::from_epoch(ended_s).rfc3339());
        log.ended_s = Some(ended_s);
        log.end = Some(reason);
        log
    }

    /// Seconds since the epoch at which the session started (names its file).
    pub fn started_s(&self) -> i64 {
        self.log.started_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    const START: u64 = 1_793_714_709;

    /// 30 frames a second from `from` to `to` seconds at a steady level.
    fn play(r: &mut SessionRecorder, from: f32, to: f32, activity: f32) {
        let mut t = from;
        while t < to {
            r.sample(t, activity, 0.5, activity);
            t += 1.0 / 30.0;
        }
    }

    #[test]
    fn samples_fold_into_ten_second_windows() {
        let mut r =
            SessionRecorder::start("k1", "Rainbow", Some("R17"), Profile::Standing, at(START));
        play(&mut r, 0.0, 25.0, 0.5);
        let log = r.snapshot();
        assert_eq!(log.timeline.len(), 3);
        assert_eq!(log.timeline[0].t_s, 0.0);
        assert_eq!(log.timeline[1].t_s, 10.0);
        assert!(
            (log.timeline[0].seconds - 10.0).abs() < 0.05,
            "{:?}",
            log.timeline[0]
        );
        assert!(
            (log.timeline[2].seconds - 5.0).abs() < 0.05,
            "{:?}",
            log.timeline[2]
        );
        assert_eq!(log.timeline[1].activity, 0.5);
        assert!(log.timeline[1].active);
        assert_eq!(log.timeline[1].balance, 0.5);
        assert!((log.totals.moderate_minutes - 25.0 / 60.0).abs() < 0.01);
        assert_eq!(log.end, None);
        assert_eq!(log.validate(), Ok(()));
    }

    #[test]
    fn unmeasured_time_is_left_out() {
        let mut r = SessionRecorder::start("k1", "", None, Profile::Bed, at(START));
        play(&mut r, 0.0, 3.0, 0.2);
        // The camera is lost for 30 s.
        play(&mut r, 33.0, 35.0, 0.2);
        let log = r.snapshot();
        let t: Vec<_> = log.timeline.iter().map(|s| (s.t_s, s.seconds)).collect();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].0, 0.0);
        assert!((t[0].1 - 3.0).abs() < 0.05);
        assert_eq!(t[1].0, 30.0);
        assert!((t[1].1 - 2.0).abs() < 0.05);
    }

    #[test]
    fn bad_values_are_clamped_or_ignored() {
        let mut r = SessionRecorder::start("k1", "", None, Profile::Seated, at(START));
        r.sample(0.0, 7.0, -3.0, 2.0);
        r.sample(0.1, f32::NAN, 0.0, 0.0);
        r.sample(f32::INFINITY, 0.5, 0.0, 0.0);
        r.sample(-5.0, 0.5, 0.0, 0.0);
        let log = r.snapshot();
        assert_eq!(log.validate(), Ok(()));
        assert_eq!(log.timeline[0].reach, 1.0);
    }

    #[test]
    fn games_and_gestures() {
        let mut r =
            SessionRecorder::start("k1", "Rainbow", Some("R17"), Profile::Standing, at(START));
        r.gesture(GestureKind::Wave); // between games: not counted
        r.game_started(GameId::AppleShake, 1.0);
        r.gesture(GestureKind::Wiggle);
        r.gesture(GestureKind::Wiggle);
        r.gesture(GestureKind::Jump);
        play(&mut r, 0.0, 12.0, 0.3);
        let running = r.snapshot();
        assert!((running.games[0].seconds - 11.0).abs() < 0.1);
        r.game_ended(9, 21.0);
        r.game_started(GameId::FrogHop, 22.0);
        r.game_started(GameId::Paint, 30.0); // closes frog hop with 0
        let log = r.finish(EndReason::StoppedByStaff, at(START + 40));
        assert_eq!(log.games.len(), 3);
        assert_eq!(log.games[0].score, 9);
        assert_eq!(log.games[0].seconds, 20.0);
        assert_eq!(log.games[0].gestures["wiggle"], 2);
        assert_eq!(log.games[0].gestures["jump"], 1);
        assert!(!log.games[0].gestures.contains_key("wave"));
        assert_eq!(log.games[1].seconds, 8.0);
        assert_eq!(log.games[1].score, 0);
        assert_eq!(log.end, Some(EndReason::StoppedByStaff));
        assert_eq!(log.ended_s, Some(START as i64 + 40));
        assert_eq!(log.ended.as_deref(), Some("2026-11-03T14:05:49Z"));
        assert_eq!(log.validate(), Ok(()));
    }

    #[test]
    fn checkpoints_every_five_session_seconds() {
        let mut r = SessionRecorder::start("k1", "", None, Profile::Standing, at(START));
        let mut times = Vec::new();
        let mut t = 0.0f32;
        while t < 60.0 {
            r.sample(t, 0.4, 0.0, 0.5);
            if r.checkpoint(t).is_some() {
                times.push(t);
            }
            t += 1.0 / 30.0;
        }
        assert_eq!(times[0], 0.0);
        assert!(times.len() >= 12, "{times:?}");
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                (CHECKPOINT_SECONDS..CHECKPOINT_SECONDS + 0.1).contains(&gap),
                "{times:?}"
            );
        }
    }

    #[test]
    fn the_kiosks_calls_count_every_second_played() {
        // As the kiosk calls it: 60 frames a second, a motion report every other frame, the
        // picture confirmed and a checkpoint asked for every frame, a game starting between.
        let mut r = SessionRecorder::start("k", "w", None, Profile::Seated, at(START));
        for frame in 0..(60 * 25) {
            let t = frame as f32 / 60.0;
            r.input_back(t);
            if frame == 600 {
                r.game_started(GameId::Paint, t);
            }
            if frame % 2 == 0 {
                r.sample(t, 0.4, 0.0, 0.5);
            }
            r.checkpoint(t);
        }
        let log = r.snapshot();
        let measured: f32 = log.timeline.iter().map(|s| s.seconds).sum();
        assert!((24.5..=25.0).contains(&measured), "{measured} of 25 s");
        assert!(log.camera_lost.is_empty());
    }

    #[test]
    fn camera_outages_are_recorded_with_their_length() {
        let mut r = SessionRecorder::start("k", "w", None, Profile::Bed, at(START));
        play(&mut r, 0.0, 12.0, 0.3);
        r.input_lost(12.0, "The camera was unplugged.");
        r.input_lost(13.0, "again"); // still the same outage
        r.checkpoint(14.0);
        let during = r.snapshot();
        assert_eq!(during.camera_lost.len(), 1);
        assert_eq!(during.camera_lost[0].seconds, 2.0, "so far");
        r.input_back(18.5);
        play(&mut r, 18.5, 25.0, 0.3);
        let log = r.finish(EndReason::Completed, at(START + 25));
        assert_eq!(log.camera_lost.len(), 1);
        let o = &log.camera_lost[0];
        assert_eq!((o.at_s, o.seconds), (12.0, 6.5));
        assert_eq!(o.reason, "The camera was unplugged.");
        // The lost seconds are not measured time.
        let measured: f32 = log.timeline.iter().map(|s| s.seconds).sum();
        assert!((17.0..19.5).contains(&measured), "{measured}");
        log.validate().unwrap();
    }

    #[test]
    fn a_session_clock_ahead_of_the_wall_clock_still_ends_after_what_it_recorded() {
        // The wall clock says 5 s went by, the session recorded 60 s (a clock set back, or a
        // game run faster than real time): the end covers the 60 s.
        let mut r = SessionRecorder::start("k", "w", Some("R17"), Profile::Seated, at(START));
        play(&mut r, 0.0, 60.0, 0.4);
        let log = r.finish(EndReason::Completed, at(START + 5));
        assert_eq!(log.ended_s, Some(START as i64 + 60));
        assert!(log.totals.active_minutes <= log.duration_s() / 60.0);
        assert_eq!(crate::logs::consistency::check(&log), Vec::<String>::new());
        // A wall clock ahead of the session (a pause) keeps the wall clock's end.
        let mut r = SessionRecorder::start("k", "w", None, Profile::Seated, at(START));
        play(&mut r, 0.0, 20.0, 0.4);
        let log = r.finish(EndReason::Completed, at(START + 90));
        assert_eq!(log.ended_s, Some(START as i64 + 90));
    }

    #[test]
    fn a_simulated_clock_sets_start_and_end_from_session_time() {
        let mut r = SessionRecorder::start("soak", "w", None, Profile::Bed, at(START));
        assert!(!r.on_simulated_clock());
        r.use_simulated_clock(at(START + 3600));
        assert!(r.on_simulated_clock());
        play(&mut r, 0.0, 30.0, 0.4);
        // Whatever the real clock reads at the end (here: before the simulated start).
        let log = r.finish(EndReason::Completed, at(START + 2));
        assert_eq!(log.started_s, START as i64 + 3600);
        assert_eq!(
            log.started,
            UtcTime::from_epoch(START as i64 + 3600).rfc3339()
        );
        assert_eq!(log.ended_s, Some(START as i64 + 3630));
        assert_eq!(log.validate(), Ok(()));
        assert_eq!(crate::logs::consistency::check(&log), Vec::<String>::new());
    }

    #[test]
    fn names_are_never_recorded_and_kiosk_is_never_empty() {
        let r =
            SessionRecorder::start("  ", "W", Some("Alice Smith"), Profile::Standing, at(START));
        let log = r.snapshot();
        assert_eq!(log.child, None);
        assert_eq!(log.kiosk, "kiosk");
        assert_eq!(log.validate(), Ok(()));
    }
}
