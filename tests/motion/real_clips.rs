//! The motion core on real footage: `../shared/real-clips/` (clips of real people with truth
//! made without Wigglewoods), scored the way its `eval.py` scores `wigglewoods track`.
//!
//! The folder is not part of the repository (third-party footage, for internal testing
//! only): where it is missing the test says so and passes. `WIGGLEWOODS_REAL_CLIPS` points
//! elsewhere. The floors asserted are what the core reaches today, so that no change makes
//! it worse unseen; where a floor is below the figure the issue asks for, the figure is named
//! beside it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use wigglewoods::motion::{ClipReader, MotionConfig, MotionCore, OwnedFrame, Profile};

/// What one frame of a run said, reduced to what is scored.
struct Seen {
    learning: bool,
    players: Vec<u32>,
    onsets: Vec<&'static str>,
    gestures: bool,
}

/// The scores of one clip.
#[derive(Debug, Default)]
struct ClipScore {
    detection_1s: Option<f64>,
    count_exact: Option<f64>,
    id_switches: usize,
    empty_player_rate: Option<f64>,
    /// (found, events, onsets) for jump and reach up, where the clip performs them.
    events: BTreeMap<&'static str, (usize, usize, usize)>,
    false_kinds: Vec<String>,
    people: usize,
}

fn folder() -> Option<PathBuf> {
    let dir = std::env::var_os("WIGGLEWOODS_REAL_CLIPS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-clips"));
    dir.join("clips/manifest.json").is_file().then_some(dir)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ranges(v: &Value) -> Vec<(usize, usize)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| Some((r[0].as_u64()? as usize, r[1].as_u64()? as usize)))
                .collect()
        })
        .unwrap_or_default()
}

fn inside(t: usize, ranges: &[(usize, usize)]) -> bool {
    ranges.iter().any(|&(a, b)| a <= t && t <= b)
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| Some(s.as_str()?.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn run(clip: &Path, profile: Profile) -> Vec<Seen> {
    let mut reader = ClipReader::open(clip, 30.0).unwrap_or_else(|e| panic!("{e}"));
    let mut core = MotionCore::new(MotionConfig {
        profile,
        ..MotionConfig::default()
    });
    let mut frame = OwnedFrame::default();
    let mut seen = Vec::new();
    while reader
        .next_frame(&mut frame)
        .unwrap_or_else(|e| panic!("{e}"))
    {
        let r = core.process(&frame.view());
        seen.push(Seen {
            learning: r.learning,
            players: r.players.iter().map(|p| p.id).collect(),
            onsets: r
                .gestures
                .iter()
                .filter(|g| g.started)
                .map(|g| g.kind.name())
                .collect(),
            gestures: !r.gestures.is_empty(),
        });
    }
    seen
}

fn score(truth: &Value, seen: &[Seen]) -> ClipScore {
    let fps = truth["fps"].as_f64().unwrap_or(30.0);
    let per_frame = truth["per_frame"].as_array().cloned().unwrap_or_default();
    let n = per_frame.len().min(seen.len());
    let unscored = ranges(&truth["unscored_ranges"]);
    let scored: Vec<usize> = (0..n)
        .filter(|&t| !seen[t].learning && !inside(t, &unscored))
        .collect();
    let people = |t: usize| per_frame[t]["people"].as_u64().unwrap_or(0) as usize;
    let mean = |xs: Vec<bool>| {
        (!xs.is_empty()).then(|| xs.iter().filter(|&&x| x).count() as f64 / xs.len() as f64)
    };
    let first_second = fps.round() as usize;
    let mut s = ClipScore {
        people: truth["people"].as_u64().unwrap_or(0) as usize,
        ..ClipScore::default()
    };
    s.detection_1s = mean(
        scored
            .iter()
            .filter(|&&t| people(t) >= 1 && t >= first_second)
            .map(|&t| !seen[t].players.is_empty())
            .collect(),
    );
    s.count_exact = mean(
        scored
            .iter()
            .map(|&t| seen[t].players.len() == people(t))
            .collect(),
    );
    let ids: BTreeSet<u32> = scored
        .iter()
        .flat_map(|&t| seen[t].players.iter().copied())
        .collect();
    if truth["single_person_throughout"].as_bool() == Some(true) {
        s.id_switches = ids.len().saturating_sub(1);
    }
    let empty = ranges(&truth["empty_ranges"]);
    s.empty_player_rate = mean(
        scored
            .iter()
            .filter(|&&t| inside(t, &empty))
            .map(|&t| !seen[t].players.is_empty() || seen[t].gestures)
            .collect(),
    );
    let mut onsets: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (t, f) in seen.iter().enumerate().take(n) {
        for &kind in &f.onsets {
            onsets.entry(kind).or_default().push(t);
        }
    }
    let oracle = &truth["oracle_gestures"];
    let performed = names(&truth["performed"]);
    let mut allowed = performed.clone();
    allowed.extend(names(&truth["ambiguous"]));
    if let Some(o) = oracle.as_object() {
        allowed.extend(
            o.iter()
                .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
                .map(|(k, _)| k.clone()),
        );
    }
    s.false_kinds = onsets
        .keys()
        .filter(|k| !allowed.contains(**k))
        .map(|k| k.to_string())
        .collect();
    let tolerance = (0.5 * fps).round() as usize;
    for kind in ["jump", "reach_up"] {
        let events = ranges(&oracle[kind]);
        if performed.contains(kind) && !events.is_empty() {
            let times = onsets.get(kind).cloned().unwrap_or_default();
            let found = events
                .iter()
                .filter(|&&(a, b)| {
                    times
                        .iter()
                        .any(|&o| o + tolerance >= a && o <= b + tolerance)
                })
                .count();
            s.events.insert(kind, (found, events.len(), times.len()));
        }
    }
    s
}

#[test]
fn the_real_clips_score_at_least_as_well_as_today() {
    let Some(dir) = folder() else {
        println!(
            "note: no real clips at ../shared/real-clips (or $WIGGLEWOODS_REAL_CLIPS): \
             the real-footage test is skipped"
        );
        return;
    };
    let manifest = read_json(&dir.join("clips/manifest.json"));
    let clips = manifest["clips"].as_array().cloned().unwrap_or_default();
    assert!(!clips.is_empty(), "the manifest lists no clips");
    let mut scores = Vec::new();
    for clip in &clips {
        let name = clip["name"].as_str().unwrap_or_default().to_owned();
        let profile: Profile = clip["profile"]
            .as_str()
            .unwrap_or("standing")
            .parse()
            .unwrap();
        let truth = read_json(&dir.join(format!("clips/{name}.truth.json")));
        let file = clip["file"].as_str().unwrap_or_default();
        let seen = run(&dir.join("clips").join(file), profile);
        let s = score(&truth, &seen);
        println!(
            "{name:22} {profile:8} found(1s) {:>6} count {:>6} id switches {} empty {:>6} \
             events {:?} false {:?}",
            s.detection_1s.map_or("-".into(), |v| format!("{v:.3}")),
            s.count_exact.map_or("-".into(), |v| format!("{v:.3}")),
            s.id_switches,
            s.empty_player_rate
                .map_or("-".into(), |v| format!("{v:.2}")),
            s.events,
            s.false_kinds,
        );
        scores.push((name, s));
    }
    let mean = |f: fn(&ClipScore) -> Option<f64>| {
        let v: Vec<f64> = scores.iter().filter_map(|(_, s)| f(s)).collect();
        v.iter().sum::<f64>() / v.len().max(1) as f64
    };
    let found = mean(|s| s.detection_1s);
    let exact = mean(|s| s.count_exact);
    let empty = mean(|s| s.empty_player_rate);
    let switches: usize = scores.iter().map(|(_, s)| s.id_switches).sum();
    let false_kinds: usize = scores.iter().map(|(_, s)| s.false_kinds.len()).sum();
    let recall = |kind: &str| {
        let (f, n) = scores
            .iter()
            .filter_map(|(_, s)| s.events.get(kind))
            .fold((0, 0), |(f, n), &(a, b, _)| (f + a, n + b));
        (f, n)
    };
    let (jump_found, jumps) = recall("jump");
    let (reach_found, reaches) = recall("reach_up");
    // Repetitions reported beyond the truth's plus one (per person, where several play).
    let extra: Vec<String> = scores
        .iter()
        .flat_map(|(name, s)| {
            s.events
                .iter()
                .filter(|(_, (_, events, onsets))| *onsets > s.people.max(1) * (events + 1))
                .map(move |(kind, &(_, events, onsets))| {
                    format!("{name} {kind}: {onsets} for {events}")
                })
        })
        .collect();
    println!(
        "summary: found(1s) {found:.3}, count exact {exact:.3}, id switches {switches}, \
         empty frames with a player or gesture {empty:.3}, jump {jump_found}/{jumps}, \
         reach_up {reach_found}/{reaches}, false gesture kinds {false_kinds}, \
         more events than repetitions + 1: {extra:?}"
    );
    // The figures are 0.98, 0.90, one id a person, 80 % recall, no false kinds and
    // 0.10; where today falls short the floor is today's, named with the figure.
    assert!(found >= 0.94, "found in {found:.3} of frames (figure 0.98)");
    assert!(
        exact >= 0.88,
        "count exact in {exact:.3} of frames (figure 0.90)"
    );
    assert_eq!(switches, 0, "one id per person who stays in view");
    assert!(empty <= 0.10, "empty frames with a player: {empty:.3}");
    assert!(
        jumps == 0 || jump_found * 5 >= jumps * 4,
        "jumps {jump_found}/{jumps}"
    );
    assert!(
        reaches == 0 || reach_found * 5 >= reaches * 4,
        "reach up {reach_found}/{reaches}"
    );
    assert_eq!(false_kinds, 0, "false gesture kinds (figure 0)");
}
