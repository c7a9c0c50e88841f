//! `wigglewoods track --latency`: how soon each gesture is reported after a child starts it.
//!
//! The synthetic clips know when each movement starts (and, for rises, when the hands or the
//! body reach the top), so the delay from that moment to the core's report is measured on
//! simulated time: the same numbers on any machine, whatever it is doing.

use crate::motion::synth::{Move, SynthScene, SynthSpec, Truth};
use crate::motion::{GestureKind, MotionConfig, MotionCore, OwnedFrame, Profile, Side};

/// One gesture in one profile: the delays seen, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct GestureLatency {
    /// The profile the child played in.
    pub profile: Profile,
    /// The movement the child made.
    pub action: Move,
    /// What the core is expected to report for it.
    pub kind: GestureKind,
    /// From the start of each repetition to its report.
    pub from_start: Vec<f32>,
    /// For rises (jump, reach up): from the moment the top of the child was highest to the
    /// report; negative when reported on the way up.
    pub from_top: Vec<f32>,
}

impl GestureLatency {
    /// The median delay from the start, if any repetition was reported.
    pub fn median_from_start(&self) -> Option<f32> {
        median(&self.from_start)
    }

    /// The median delay from the top, for rises.
    pub fn median_from_top(&self) -> Option<f32> {
        median(&self.from_top)
    }
}

fn median(values: &[f32]) -> Option<f32> {
    let mut v = values.to_vec();
    v.sort_by(f32::total_cmp);
    (!v.is_empty()).then(|| v[v.len() / 2])
}

/// The movements measured.
pub const MOVES: [Move; 6] = [
    Move::Wave(Side::Right),
    Move::Wiggle,
    Move::Jump,
    Move::ReachUp,
    Move::Lean(Side::Left),
    Move::Freeze,
];

/// Measures every movement of [`MOVES`] in every profile on a 12-second synthetic clip.
pub fn measure() -> Vec<GestureLatency> {
    let mut rows = Vec::new();
    for profile in Profile::ALL {
        for action in MOVES {
            rows.push(measure_one(profile, action));
        }
    }
    rows
}

fn measure_one(profile: Profile, action: Move) -> GestureLatency {
    let spec = SynthSpec::one_move(action, profile);
    let (kind, side) = action
        .expected_gesture(profile)
        .expect("every measured movement is a gesture");
    let mut scene = SynthScene::new(spec.clone());
    let mut core = MotionCore::new(MotionConfig {
        profile,
        ..MotionConfig::default()
    });
    let mut frame = OwnedFrame::default();
    let fps = spec.fps as f32;
    let mut row = GestureLatency {
        profile,
        action,
        kind,
        from_start: Vec::new(),
        from_top: Vec::new(),
    };
    // The repetition under way: its first frame, the frame its top was highest in its first
    // second, and the frame it was reported in.
    struct Repetition {
        start: usize,
        top: Option<(usize, u32)>,
        reported: Option<usize>,
    }
    let rises = matches!(kind, GestureKind::Jump | GestureKind::ReachUp);
    let window = fps.round() as usize;
    let mut current: Option<Repetition> = None;
    let mut done = Vec::new();
    for i in 0..spec.frame_count() {
        let truth: Vec<Truth> = scene.render(i, &mut frame);
        let report = core.process(&frame.view());
        let doing = truth.first().is_some_and(|t| t.action == action);
        if !doing {
            done.extend(current.take());
            continue;
        }
        let rep = current.get_or_insert(Repetition {
            start: i,
            top: None,
            reported: None,
        });
        if let Some(t) = truth.first()
            && i < rep.start + window
            && rep.top.is_none_or(|(_, y)| t.y < y)
        {
            rep.top = Some((i, t.y));
        }
        let hit = report
            .gestures
            .iter()
            .any(|g| g.started && g.kind == kind && (side.is_none() || g.side == side));
        if hit && rep.reported.is_none() {
            rep.reported = Some(i);
        }
    }
    done.extend(current.take());
    for rep in done {
        let Some(at) = rep.reported else { continue };
        row.from_start.push((at - rep.start) as f32 / fps);
        if rises && let Some((top, _)) = rep.top {
            row.from_top.push((at as f32 - top as f32) / fps);
        }
    }
    row
}

/// Prints the table of medians.
pub fn print(rows: &[GestureLatency]) {
    println!("gesture latency on synthetic clips (median, milliseconds):");
    println!(
        "{:10} {:12} {:>10} {:>10} {:>6}",
        "profile", "movement", "from start", "from top", "reps"
    );
    for r in rows {
        let ms = |v: Option<f32>| v.map_or("-".to_owned(), |s| format!("{:.0}", s * 1000.0));
        println!(
            "{:10} {:12} {:>10} {:>10} {:>6}",
            r.profile.name(),
            r.action.to_string(),
            ms(r.median_from_start()),
            if r.from_top.is_empty() {
                "".to_owned()
            } else {
                ms(r.median_from_top())
            },
            r.from_start.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rises_are_reported_near_the_top_and_every_gesture_soon() {
        for profile in Profile::ALL {
            for action in [Move::Jump, Move::ReachUp] {
                let row = measure_one(profile, action);
                let top = row.median_from_top().expect("reported");
                // The bound: within 200 ms of the top (before it counts too).
                assert!(top <= 0.2, "{profile} {action}: {top:.3} s after the top");
            }
        }
        let wave = measure_one(Profile::Standing, Move::Wave(Side::Right));
        assert!(wave.median_from_start().is_some_and(|s| s <= 1.5));
    }
}
