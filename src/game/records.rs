//! Session records: the bridge between a session being played and its log file.
//!
//! While a child plays, this plugin feeds a [`SessionRecorder`] with what the motion core
//! measured (activity, left/right balance, reach used), the games and the gestures, hands a
//! checkpoint to the [`LogWriter`] every few seconds, and the final log when the session
//! ends, whatever ended it. The writer does the disk work on its own thread, so a slow, full
//! or read-only disk never holds up a frame; its troubles reach staff through
//! [`LogsStatus`].
//!
//! Without a writer (headless tests that do not ask for one) sessions are still recorded in
//! memory, so the same systems run everywhere.

use std::time::{Duration, SystemTime};

use bevy::prelude::*;

use super::AppSystems;
use super::layout::picture_to_world;
use super::motion_bridge::{GestureStarted, InputState, Motion};
use super::play_state::Stage;
use super::screens::Screen;
use super::screens::calibrate::ReachBox;
use super::session::Session;
use crate::logs::{EndReason, LogNotice, LogWriter, SessionLog, SessionRecorder, WriterStatus};
use crate::motion::MotionReport;

/// Where session logs go, and whose they are.
#[derive(Resource)]
pub struct SessionLogs {
    /// The writer thread; `None` keeps logs in memory only (tests).
    pub writer: Option<LogWriter>,
    /// The kiosk's id, part of every log's file name.
    pub kiosk: String,
    /// The ward, written in every log.
    pub ward: String,
}

impl Default for SessionLogs {
    fn default() -> Self {
        SessionLogs {
            writer: None,
            kiosk: "kiosk-1".into(),
            ward: String::new(),
        }
    }
}

/// The session being recorded, and its clock (session seconds, which stop while staff pause).
#[derive(Resource, Debug, Default)]
pub struct Recording {
    /// The recorder, while a session runs.
    pub recorder: Option<SessionRecorder>,
    /// Seconds of the session so far, pauses left out.
    pub clock: f32,
    /// The last log handed to the writer (checkpoint or final): for tests and the staff
    /// screen.
    pub last: Option<SessionLog>,
    /// The game being recorded, to notice when the next begins.
    game: Option<Stage>,
    /// Results already recorded, to notice when a game ends.
    results_seen: usize,
}

/// What staff should know about the logs: shown on the staff banner and hint line.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct LogsStatus {
    /// Why logs cannot be saved just now (empty when all is well).
    pub failing: String,
    /// The latest notices (a recovered session, old logs deleted), newest last.
    pub notices: Vec<String>,
}

/// How many notices the staff hint keeps.
const NOTICES_KEPT: usize = 3;

/// Adds the session records.
pub fn plugin(app: &mut App) {
    app.init_resource::<SessionLogs>()
        .init_resource::<Recording>()
        .init_resource::<LogsStatus>()
        .add_systems(OnExit(Screen::Attract), start_recording)
        .add_systems(OnEnter(Screen::Celebrate), finish_completed)
        .add_systems(OnEnter(Screen::Attract), finish_early)
        .add_systems(
            Update,
            (tick_clock, follow_games, record_motion, checkpoint)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(recording),
        )
        .add_systems(Update, watch_writer.in_set(AppSystems::Overlay))
        .add_systems(Last, finish_on_exit);
}

fn recording(recording: Res<Recording>) -> bool {
    recording.recorder.is_some()
}

/// A session starts when the attract scene gives way to it.
fn start_recording(session: Res<Session>, logs: Res<SessionLogs>, mut rec: ResMut<Recording>) {
    if !session.active {
        return;
    }
    let plan = &session.plan;
    rec.recorder = Some(SessionRecorder::start(
        &logs.kiosk,
        &logs.ward,
        plan.child.as_deref(),
        plan.profile,
        SystemTime::now(),
    ));
    rec.clock = 0.0;
    rec.game = None;
    rec.results_seen = 0;
    info!("recording the session");
}

/// Session time runs while gameplay does (the set is stopped by a staff pause).
fn tick_clock(time: Res<Time>, mut rec: ResMut<Recording>) {
    rec.clock += time.delta_secs();
}

/// Games starting and ending, from the play screen's stage and the session's results.
fn follow_games(
    session: Res<Session>,
    stage: Option<Res<State<Stage>>>,
    mut rec: ResMut<Recording>,
) {
    let t = rec.clock;
    let Recording {
        recorder,
        game,
        results_seen,
        ..
    } = &mut *rec;
    let Some(recorder) = recorder else {
        return;
    };
    while *results_seen < session.results.len() {
        let result = &session.results[*results_seen];
        if game.is_some() {
            recorder.game_ended(result.score, t);
            *game = None;
        }
        *results_seen += 1;
    }
    // A game starts when its stage shows and it is the session's current game (in the frame
    // a game ends, the stage still shows it while the session has moved on).
    let now = stage.map(|s| *s.get());
    if let Some(stage) = now
        && *game != Some(stage)
        && let Some(id) = stage.game()
        && session.current_game() == Some(id)
    {
        recorder.game_started(id, t);
        *game = Some(stage);
    }
}

/// One measurement per fresh motion report, and every gesture's onset.
fn record_motion(
    motion: Res<Motion>,
    reach: Res<ReachBox>,
    mut gestures: MessageReader<GestureStarted>,
    mut rec: ResMut<Recording>,
) {
    let t = rec.clock;
    let Some(recorder) = rec.recorder.as_mut() else {
        return;
    };
    for g in gestures.read() {
        recorder.gesture(g.0.kind);
    }
    // A lost picture is part of the record: when, how long, and what staff were told.
    match &motion.input {
        InputState::Lost { reason } => recorder.input_lost(t, reason),
        InputState::Running { .. } | InputState::Demo => recorder.input_back(t),
        InputState::Starting => {}
    }
    if motion.fresh && motion.usable() {
        let (balance, reach) = balance_and_reach(&motion.report, reach.0);
        recorder.sample(t, motion.activity(), balance, reach);
    }
}

/// Hands a checkpoint to the writer when one is due.
fn checkpoint(logs: Res<SessionLogs>, mut rec: ResMut<Recording>) {
    let t = rec.clock;
    let Some(snapshot) = rec.recorder.as_mut().and_then(|r| r.checkpoint(t)) else {
        return;
    };
    if let Some(writer) = &logs.writer {
        writer.submit(snapshot.clone());
    }
    rec.last = Some(snapshot);
}

fn finish(rec: &mut Recording, logs: &SessionLogs, reason: EndReason) {
    let t = rec.clock;
    let Some(mut recorder) = rec.recorder.take() else {
        return;
    };
    if rec.game.take().is_some() {
        // A game cut short keeps the time it ran; its score is in the session's results.
        recorder.game_ended(0, t);
    }
    let log = recorder.finish(reason, SystemTime::now());
    info!(
        "session log: {} ({:.1} active minutes)",
        reason.describe(),
        log.totals.active_minutes
    );
    if let Some(writer) = &logs.writer {
        writer.submit(log.clone());
    }
    rec.last = Some(log);
}

/// The playlist ran to its end.
fn finish_completed(session: Res<Session>, logs: Res<SessionLogs>, mut rec: ResMut<Recording>) {
    sync_last_results(&session, &mut rec);
    finish(&mut rec, &logs, EndReason::Completed);
}

/// Back at the attract scene while still recording: the session ended early.
fn finish_early(session: Res<Session>, logs: Res<SessionLogs>, mut rec: ResMut<Recording>) {
    sync_last_results(&session, &mut rec);
    let reason = session.ended_early.unwrap_or(EndReason::StoppedByStaff);
    finish(&mut rec, &logs, reason);
}

/// Results written in the same frame as the screen changed are recorded before finishing.
fn sync_last_results(session: &Session, rec: &mut Recording) {
    let t = rec.clock;
    let Recording {
        recorder,
        game,
        results_seen,
        ..
    } = rec;
    let Some(recorder) = recorder else {
        return;
    };
    while *results_seen < session.results.len() {
        if game.take().is_some() {
            recorder.game_ended(session.results[*results_seen].score, t);
        }
        *results_seen += 1;
    }
}

/// The program is closing (staff quit, or a scripted run ends): the session in progress is
/// closed as stopped by staff, and the writer gets a moment to save everything.
fn finish_on_exit(
    mut exits: MessageReader<AppExit>,
    session: Res<Session>,
    logs: Res<SessionLogs>,
    mut rec: ResMut<Recording>,
) {
    if exits.read().last().is_none() {
        return;
    }
    sync_last_results(&session, &mut rec);
    finish(&mut rec, &logs, EndReason::StoppedByStaff);
    if let Some(writer) = &logs.writer
        && !writer.flush(Duration::from_secs(3))
    {
        warn!(
            "session logs could not all be saved before closing: {}",
            writer.status()
        );
    }
}

/// Passes the writer's trouble and news to the staff screens.
fn watch_writer(logs: Res<SessionLogs>, mut status: ResMut<LogsStatus>, mut every: Local<f32>) {
    let Some(writer) = &logs.writer else {
        return;
    };
    *every += 1.0;
    // Cheap, but a lock: a few times a second is plenty.
    if *every < 10.0 {
        return;
    }
    *every = 0.0;
    let failing = match writer.status() {
        WriterStatus::Ok => String::new(),
        WriterStatus::Failing {
            reason, unsaved, ..
        } => format!(
            "Logs: {reason} Play goes on; {unsaved} session log{} kept in memory until \
             it can be saved.",
            if unsaved == 1 { " is" } else { "s are" }
        ),
    };
    if status.failing != failing {
        if failing.is_empty() {
            info!("session logs are being saved again");
        } else {
            warn!("{failing}");
        }
    }
    let notices = writer.take_notices();
    if status.failing != failing || !notices.is_empty() {
        let status = status.as_mut();
        status.failing = failing;
        for notice in notices {
            if !matches!(notice, LogNotice::SavingAgain) {
                info!("logs: {notice}");
            }
            status.notices.push(notice.to_string());
        }
        let extra = status.notices.len().saturating_sub(NOTICES_KEPT);
        status.notices.drain(..extra);
    }
}

/// Left/right balance (-1: all movement on the child's left as shown on screen, 1: all on
/// the right) and the share of the calibrated reach box the children's silhouettes cover,
/// from one motion report. Why balance: a child who moves only one arm is worth knowing
/// about for a therapist; why reach: it says whether the child stretched out.
pub fn balance_and_reach(report: &MotionReport, reach_box: Rect) -> (f32, f32) {
    let (fw, fh) = report.frame_size;
    let (mw, _) = report.mask_size;
    if fw == 0 || fh == 0 || mw == 0 {
        return (0.0, 0.0);
    }
    let scale = fw as f32 / mw as f32;
    let mut moment = 0.0f32;
    let mut mass = 0.0f32;
    let mut reach = 0.0f32;
    for p in &report.players {
        let half = (p.w / 2.0).max(1.0);
        for b in &report.blobs {
            let (bx, by) = (b.cx as f32 * scale, b.cy as f32 * scale);
            if bx < p.x || bx > p.x + p.w || by < p.y || by > p.y + p.h {
                continue;
            }
            let area = b.area as f32;
            moment += area * ((bx - p.cx) / half).clamp(-1.0, 1.0);
            mass += area;
        }
        let a = picture_to_world(p.x / fw as f32, p.y / fh as f32);
        let b = picture_to_world((p.x + p.w) / fw as f32, (p.y + p.h) / fh as f32);
        let seen = Rect::from_corners(a, b).intersect(reach_box);
        let covered = if seen.is_empty() {
            0.0
        } else {
            seen.width() * seen.height() / (reach_box.width() * reach_box.height()).max(1.0)
        };
        reach = reach.max(covered);
    }
    let balance = if mass > 0.0 { moment / mass } else { 0.0 };
    (balance.clamp(-1.0, 1.0), reach.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::{Blob, Player};

    fn report(blobs: Vec<Blob>) -> MotionReport {
        MotionReport {
            frame_size: (640, 480),
            mask_size: (160, 120),
            players: vec![Player {
                id: 1,
                x: 200.0,
                y: 100.0,
                w: 200.0,
                h: 300.0,
                cx: 300.0,
                cy: 250.0,
                vx: 0.0,
                vy: 0.0,
                activity: 0.5,
                presence: 1.0,
            }],
            blobs,
            ..MotionReport::default()
        }
    }

    fn blob(cx: f64, cy: f64, area: u32) -> Blob {
        Blob {
            area,
            x: cx as u32,
            y: cy as u32,
            w: 1,
            h: 1,
            cx,
            cy,
        }
    }

    #[test]
    fn one_arm_moving_leans_the_balance_to_its_side() {
        let reach = Rect::from_center_size(Vec2::ZERO, Vec2::new(800.0, 600.0));
        // A hand at the left edge of the child (mask x 52 = frame x 208).
        let (left, _) = balance_and_reach(&report(vec![blob(52.0, 40.0, 30)]), reach);
        assert!(left < -0.8, "{left}");
        let (right, _) = balance_and_reach(&report(vec![blob(98.0, 40.0, 30)]), reach);
        assert!(right > 0.8, "{right}");
        let (both, _) = balance_and_reach(
            &report(vec![blob(52.0, 40.0, 30), blob(98.0, 40.0, 30)]),
            reach,
        );
        assert!(both.abs() < 0.05, "{both}");
        // Movement outside the child (a curtain) is not theirs.
        let (none, _) = balance_and_reach(&report(vec![blob(5.0, 5.0, 300)]), reach);
        assert_eq!(none, 0.0);
    }

    #[test]
    fn reach_is_the_share_of_the_reach_box_covered() {
        let r = report(Vec::new());
        let p = &r.players[0];
        let a = picture_to_world(p.x / 640.0, p.y / 480.0);
        let b = picture_to_world((p.x + p.w) / 640.0, (p.y + p.h) / 480.0);
        let exactly = Rect::from_corners(a, b);
        let (_, all) = balance_and_reach(&r, exactly);
        assert!((all - 1.0).abs() < 1e-3, "{all}");
        let double = Rect::from_center_size(exactly.center(), exactly.size() * 2.0);
        let (_, quarter) = balance_and_reach(&r, double);
        assert!((quarter - 0.25).abs() < 1e-3, "{quarter}");
        let (_, nobody) = balance_and_reach(&MotionReport::default(), exactly);
        assert_eq!(nobody, 0.0);
    }
}
