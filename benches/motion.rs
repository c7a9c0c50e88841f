//! Speed of the motion core on realistic frames: the whole pipeline per resolution, and its
//! stages at 640x480. Run with `cargo bench --bench motion`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use wigglewoods::motion::synth::{Scenario, SynthScene, SynthSpec};
use wigglewoods::motion::{
    BitMask, Downsampler, Labeller, LumaFrame, Morphology, MotionConfig, MotionCore, OwnedFrame,
    Zone,
};

/// Frames of a clip with two children playing, rendered once before timing.
fn clip(width: usize, height: usize, frames: usize) -> Vec<OwnedFrame> {
    let mut scene = SynthScene::new(SynthSpec {
        width,
        height,
        seconds: frames as f32 / 30.0,
        players: 2,
        seed: 4,
        scenario: Scenario::Wander,
        ..SynthSpec::default()
    });
    (0..frames)
        .map(|i| {
            let mut f = OwnedFrame::default();
            // Start a little into the clip, where the children are in the picture.
            scene.render(i + 60, &mut f);
            f
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    for (w, h) in [(640, 480), (1280, 720)] {
        let frames = clip(w, h, 120);
        let config = MotionConfig {
            // A game asks about a few regions at once.
            zones: (0..4)
                .map(|i| Zone::centred(0.2 + 0.2 * i as f32, 0.3, 0.15, 0.2))
                .collect(),
            ..MotionConfig::default()
        };
        let mut core = MotionCore::new(config);
        let mut index = 0u32;
        let mut feed = |core: &mut MotionCore| {
            let f = &frames[index as usize % frames.len()];
            let ts = Duration::from_micros(33_333) * index;
            index += 1;
            let view = LumaFrame::new(&f.data, f.width, f.height, f.width, ts).unwrap();
            core.process(&view).players.len()
        };
        // Warm up: noise learning, background and tracks settle.
        for _ in 0..60 {
            feed(&mut core);
        }
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new("frame", format!("{w}x{h}")), |b| {
            b.iter(|| black_box(feed(&mut core)))
        });
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let frames = clip(640, 480, 2);
    let mut group = c.benchmark_group("stages_640x480");
    let mut down = Downsampler::new(4);
    let mut small = vec![0u8; 160 * 120];
    group.bench_function("downsample_4x4", |b| {
        b.iter(|| down.reduce(&frames[0].view(), false, black_box(&mut small)))
    });
    // A realistic mask: the final mask of a core that has watched the clip.
    let mut core = MotionCore::new(MotionConfig::default());
    for (i, f) in clip(640, 480, 90).iter().enumerate() {
        let view =
            LumaFrame::new(&f.data, 640, 480, 640, Duration::from_millis(33 * i as u64)).unwrap();
        core.process(&view);
    }
    let mask: BitMask = core.silhouette().clone();
    let mut morph = Morphology::default();
    group.bench_function("open_close", |b| {
        b.iter(|| {
            let mut m = mask.clone();
            morph.open(&mut m);
            morph.close(&mut m);
            black_box(m.count_ones())
        })
    });
    let mut labeller = Labeller::default();
    let mut blobs = Vec::new();
    group.bench_function("label", |b| {
        b.iter(|| {
            labeller.label(black_box(&mask), &mut blobs);
            blobs.len()
        })
    });
    group.finish();
}

/// The latency the camera side adds: from a frame's arrival at the capture thread to its
/// report being ready for the game (hand-off, motion worker wake-up, core, publication).
fn latency(c: &mut Criterion) {
    use std::time::Instant;
    use wigglewoods::camera::{CapturedFrame, MotionWorker, handoff};
    let frames = clip(640, 480, 120);
    let (mut producer, consumer) = handoff::<CapturedFrame>();
    let mut worker = MotionWorker::spawn(consumer, MotionConfig::default()).expect("worker starts");
    let mut n = 0u32;
    let mut feed = |producer: &mut wigglewoods::camera::Producer<CapturedFrame>| {
        let slot = producer.buffer();
        let f = &frames[n as usize % frames.len()];
        slot.frame.data.clone_from(&f.data);
        slot.frame.width = f.width;
        slot.frame.height = f.height;
        slot.frame.timestamp = Duration::from_micros(33_333) * n;
        slot.sequence = u64::from(n);
        n += 1;
        slot.captured_at = Instant::now();
        producer.publish();
    };
    for _ in 0..60 {
        feed(&mut producer);
        worker
            .wait_output(Duration::from_secs(1))
            .expect("a report");
    }
    c.bench_function("latency/capture_to_report/640x480", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                feed(&mut producer);
                let out = worker
                    .wait_output(Duration::from_secs(1))
                    .expect("a report");
                total += out.latency;
            }
            total
        })
    });
}

criterion_group!(benches, pipeline, stages, latency);
criterion_main!(benches);
