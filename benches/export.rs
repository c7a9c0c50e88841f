//! How long staff wait for an export: 10,000 five-minute sessions (a busy kiosk's few years)
//! read from a log folder and written as CSV, and the HTML report of a year's sessions
//! (with its consistency check of every log and a progress chart per child).
//!
//! `cargo bench --bench export`. The folder is made once, in the system's temp folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};
use wigglewoods::games::GameId;
use wigglewoods::logs::export::{csv, html};
use wigglewoods::logs::{EndReason, Filter, SessionLog, SessionRecorder, scan, write_log};
use wigglewoods::motion::{GestureKind, Profile};

const START: u64 = 1_793_714_709;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// A five-minute session: two games, a sample every frame at 30 fps.
fn session(start: u64, child: &str, activity: f32) -> SessionLog {
    let mut r = SessionRecorder::start(
        "kiosk-1",
        "Rainbow",
        Some(child),
        Profile::Seated,
        at(start),
    );
    r.game_started(GameId::AppleShake, 0.0);
    let mut t = 0.0f32;
    while t < 300.0 {
        if (150.0..150.0 + 1.0 / 30.0).contains(&t) {
            r.game_ended(12, t);
            r.game_started(GameId::FrogHop, t);
        }
        if ((t * 30.0) as u32).is_multiple_of(45) {
            r.gesture(GestureKind::Wiggle);
        }
        let wobble = ((t / 7.0).sin() * 0.15).max(-activity);
        r.sample(t, activity + wobble, (t / 11.0).cos() * 0.3, 0.7);
        t += 1.0 / 30.0;
    }
    r.game_ended(5, 300.0);
    r.finish(EndReason::Completed, at(start + 300))
}

/// 10,000 sessions over about a year, 40 children, in a fresh folder.
fn folder(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    let template = session(START, "R1", 0.35);
    for i in 0..10_000u64 {
        let mut log = template.clone();
        let start = START as i64 + i as i64 * 3_137;
        log.started_s = start;
        log.started = wigglewoods::logs::UtcTime::from_epoch(start).rfc3339();
        log.ended_s = Some(start + 300);
        log.ended = Some(wigglewoods::logs::UtcTime::from_epoch(start + 300).rfc3339());
        log.child = Some(format!("R{}", i % 40));
        write_log(root, &log).expect("the temp folder is writable");
    }
}

fn export(c: &mut Criterion) {
    let root: PathBuf = std::env::temp_dir().join("wigglewoods-bench-export");
    folder(&root);
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("10k_sessions_to_csv", |b| {
        b.iter(|| {
            let found = scan(&root, &Filter::default(), &mut |_, _| {}).unwrap();
            assert_eq!(found.sessions.len(), 10_000);
            csv::sessions_csv(&found.sessions)
        })
    });
    let found = scan(&root, &Filter::default(), &mut |_, _| {}).unwrap();
    assert_eq!(
        found.inconsistent().count(),
        0,
        "the recorder's logs add up"
    );
    group.bench_function("10k_sessions_csv_only", |b| {
        b.iter(|| csv::sessions_csv(&found.sessions))
    });
    group.bench_function("10k_sessions_html_report", |b| {
        b.iter(|| html::report_html(&found, &Filter::default(), at(START)))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, export);
criterion_main!(benches);
