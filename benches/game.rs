//! Game logic per tick, rendering excluded: every gameplay system, physics, the forest and
//! the motion bridge's hand-over, headless. Run with `cargo bench --bench game`.

use std::hint::black_box;
use std::time::Duration;

use bevy::prelude::*;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use wigglewoods::game::headless::{headless_app, start_game};
use wigglewoods::game::motion_bridge::Motion;
use wigglewoods::games::GameId;
use wigglewoods::motion::{Gesture, GestureKind, MotionReport, Player, Profile, ZoneReading};

fn kiosk_in(game: GameId) -> App {
    let mut app = headless_app(Duration::from_secs_f32(1.0 / 60.0), |_| {});
    for _ in 0..5 {
        app.update();
    }
    start_game(&mut app, game, Profile::Standing);
    app
}

/// Two children playing hard: the busiest a tick gets.
fn busy_report(frame: u64) -> MotionReport {
    let player = |id: u32, x: f32| Player {
        id,
        x,
        y: 96.0,
        w: 160.0,
        h: 384.0,
        cx: x + 80.0,
        cy: 288.0,
        vx: 0.0,
        vy: 0.0,
        activity: 0.8,
        presence: 1.0,
    };
    MotionReport {
        frame,
        frame_size: (640, 480),
        mask_size: (160, 120),
        activity: 0.8,
        players: vec![player(1, 100.0), player(2, 380.0)],
        gestures: vec![Gesture {
            player: 1,
            kind: GestureKind::Wiggle,
            side: None,
            intensity: 0.8,
            started: frame.is_multiple_of(60),
        }],
        zones: vec![
            ZoneReading {
                motion: 0.3,
                ..ZoneReading::default()
            };
            6
        ],
        ..MotionReport::default()
    }
}

fn ticks(c: &mut Criterion) {
    let mut group = c.benchmark_group("game_tick");
    for game in GameId::ALL {
        let mut app = kiosk_in(game);
        let mut frame = 0u64;
        let source = busy_report(0);
        group.bench_function(BenchmarkId::from_parameter(game.name()), |b| {
            b.iter(|| {
                frame += 1;
                // The bridge's share: hand the newest report to the game.
                let mut motion = app.world_mut().resource_mut::<Motion>();
                motion.report.clone_from(&source);
                motion.report.frame = frame;
                motion.fresh = true;
                app.update();
                black_box(&app);
            })
        });
    }
    group.finish();
}

/// The children's shapes per camera frame: smoothing two children's mask (160x120 cells)
/// and painting it at two pixels a cell, as the kiosk does (on the render side of the
/// tick, so not in `game_tick`).
fn shapes(c: &mut Criterion) {
    use wigglewoods::game::forest::silhouette::soft_shape::SoftShape;
    use wigglewoods::motion::BitMask;
    let report = busy_report(0);
    let mut mask = BitMask::new(160, 120);
    for p in &report.players {
        let (x0, y0) = ((p.x / 4.0) as usize, (p.y / 4.0) as usize);
        for y in y0..y0 + (p.h / 4.0) as usize {
            for x in x0..x0 + (p.w / 4.0) as usize {
                mask.set(x, y.min(119), true);
            }
        }
    }
    let mut shape = SoftShape::default();
    let mut rgba = vec![0u8; 320 * 240 * 4];
    c.bench_function("silhouette/update_and_paint_160x120_to_320x240", |b| {
        b.iter(|| {
            shape.update(&mask, &report.players, report.frame_size);
            shape.paint(&mut rgba, 320, 240);
            black_box(&rgba);
        })
    });
}

criterion_group!(benches, ticks, shapes);
criterion_main!(benches);
