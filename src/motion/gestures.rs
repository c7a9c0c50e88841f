//! Gesture recognition per player: wiggle, wave, reach up, jump, lean and freeze.
//!
//! Each recogniser is a small state machine over the body measurements of consecutive frames,
//! timed in seconds (not frames) and sized in fractions of the player's height.

use super::body::BodyFeatures;
use super::profile::ProfileParams;
use super::report::{Gesture, GestureKind, Side};

/// Rough silhouette area of a child as a multiple of height squared; motion is measured
/// against it so that near and far children count alike.
const BODY_AREA: f32 = 0.3;
/// How long a top-of-silhouette history is kept, for rises.
const RISE_WINDOW: f32 = 0.5;
const HISTORY: usize = 48;
/// A wave is `WAVE_SWINGS` changes of direction within `WAVE_WINDOW` seconds (a hand waving
/// at 1.5 to 3 times a second; slower swings are arms going up and down).
const WAVE_WINDOW: f32 = 1.5;
const WAVE_SWINGS: usize = 3;

/// A small number per gesture kind and side, for remembering what was reported.
fn gesture_key(kind: GestureKind, side: Option<Side>) -> u32 {
    let k = GestureKind::ALL
        .iter()
        .position(|&g| g == kind)
        .unwrap_or(0) as u32;
    let s = match side {
        None => 0,
        Some(Side::Left) => 1,
        Some(Side::Right) => 2,
        Some(Side::Both) => 3,
    };
    k * 4 + s
}

/// Exponential smoothing with time constant `tau` seconds.
fn smooth(value: &mut f32, target: f32, dt: f32, tau: f32) {
    let a = 1.0 - (-dt / tau).exp();
    *value += (target - *value) * a;
}

/// What a gesture recogniser needs besides the measurements.
#[derive(Debug, Clone, Copy)]
pub struct GestureContext {
    /// The player's id, for the report.
    pub player: u32,
    /// Seconds since the core started.
    pub now: f32,
    /// Seconds since the previous frame.
    pub dt: f32,
    /// The player's usual height in mask pixels.
    pub stature: f32,
    /// Thresholds of the profile.
    pub params: ProfileParams,
    /// Whether the picture is mirrored (then the picture's left is the child's left).
    pub mirrored: bool,
    /// Whether the player was measured this frame (false while hidden or merged).
    pub observed: bool,
}

impl GestureContext {
    /// The child's side for a region on the picture's left (0) or right (1).
    fn side_of(&self, picture_side: usize) -> Side {
        let on_picture_left = picture_side == 0;
        // Facing the camera, a child's right hand is on the picture's left, unless mirrored.
        match (on_picture_left, self.mirrored) {
            (true, true) | (false, false) => Side::Left,
            (true, false) | (false, true) => Side::Right,
        }
    }
}

/// Back-and-forth detector for one coordinate of one arm.
#[derive(Debug, Clone, Copy, Default)]
struct Swing {
    extreme: f32,
    direction: i8,
    started: bool,
    reversals: [f32; 4],
    count: usize,
    last_swing: f32,
}

impl Swing {
    fn reset(&mut self) {
        *self = Swing::default();
    }

    /// Feeds a position; returns true when the direction reversed by more than `amplitude`.
    fn feed(&mut self, value: f32, amplitude: f32, now: f32) -> bool {
        if !self.started {
            self.started = true;
            self.extreme = value;
            return false;
        }
        let reversed = if self.direction >= 0 {
            if value > self.extreme {
                self.extreme = value;
                false
            } else {
                self.extreme - value > amplitude
            }
        } else if value < self.extreme {
            self.extreme = value;
            false
        } else {
            value - self.extreme > amplitude
        };
        if reversed {
            self.last_swing = (value - self.extreme).abs();
            self.direction = if self.direction >= 0 { -1 } else { 1 };
            self.extreme = value;
            self.reversals[self.count % 4] = now;
            self.count += 1;
        }
        reversed
    }

    /// Reversals within the last `window` seconds.
    fn recent(&self, now: f32, window: f32) -> usize {
        let n = self.count.min(4);
        (0..n)
            .filter(|&i| now - self.reversals[(self.count - 1 - i) % 4] <= window)
            .count()
    }
}

/// One arm's wave recogniser.
#[derive(Debug, Clone, Copy, Default)]
struct Wave {
    x: Swing,
    quiet: f32,
    active: bool,
}

/// A reach seen starting, whose arms are still being counted.
#[derive(Debug, Clone, Copy)]
struct Reach {
    since: f32,
    raised: [u32; 2],
    height: f32,
}

/// Seconds a reach is watched before its side is decided.
const REACH_LOOK: f32 = 0.15;

/// A sample of the silhouette's vertical extent, for rises.
#[derive(Debug, Clone, Copy, Default)]
struct Heights {
    time: f32,
    top: f32,
    bottom: f32,
    centre: f32,
    base_x: f32,
}

/// All gesture state of one player.
#[derive(Debug, Clone)]
pub struct GestureState {
    age: f32,
    reported: u32,
    base_x: f32,
    energy_fast: f32,
    energy_mid: f32,
    energy_slow: f32,
    play_energy: f32,
    walked_at: f32,
    wiggle_time: f32,
    wiggle: bool,
    last_moved: f32,
    still_since: Option<f32>,
    freeze: bool,
    waves: [Wave; 2],
    history: [Heights; HISTORY],
    history_len: usize,
    rest_top: f32,
    away_time: f32,
    rise_armed: bool,
    reach: Option<Reach>,
    last_rise: f32,
    lean_base: Option<f32>,
    lean_time: f32,
    lean: Option<Side>,
}

impl Default for GestureState {
    fn default() -> Self {
        Self {
            age: 0.0,
            reported: 0,
            base_x: 0.0,
            energy_fast: 0.0,
            energy_mid: 0.0,
            energy_slow: 0.0,
            play_energy: 0.0,
            walked_at: f32::NEG_INFINITY,
            wiggle_time: 0.0,
            wiggle: false,
            last_moved: f32::NEG_INFINITY,
            still_since: None,
            freeze: false,
            waves: [Wave::default(); 2],
            history: [Heights::default(); HISTORY],
            history_len: 0,
            rest_top: 0.0,
            away_time: 0.0,
            rise_armed: true,
            reach: None,
            last_rise: f32::NEG_INFINITY,
            lean_base: None,
            lean_time: 0.0,
            lean: None,
        }
    }
}

/// Speed of the feet, in heights per second, above which a player is walking rather than
/// playing in place, measured over `WALK_WINDOW` seconds.
const WALKING: f32 = 0.4;
const WALK_WINDOW: f32 = 1.0;

/// Seconds a new player is watched before gestures are reported, so that baselines (the
/// resting top of the head, upright) settle while the child arrives.
const SETTLE_SECONDS: f32 = 1.0;

impl GestureState {
    /// The player's activity level now, 0..1.
    pub fn activity(&self, params: &ProfileParams) -> f32 {
        (self.energy_mid / params.activity_full).clamp(0.0, 1.0)
    }

    /// The resting top of the silhouette (head top when arms are down), in mask rows.
    pub fn rest_top(&self) -> f32 {
        self.rest_top
    }

    /// Updates with this frame's measurements and appends the gestures seen to `out`.
    pub fn update(&mut self, f: &BodyFeatures, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let first = out.len();
        self.recognise(f, ctx, out);
        // A gesture starts when it was not reported in the previous frame.
        let mut reported = 0u32;
        for g in &mut out[first..] {
            let bit = 1u32 << gesture_key(g.kind, g.side);
            g.started = self.reported & bit == 0;
            reported |= bit;
        }
        self.reported = reported;
    }

    fn recognise(&mut self, f: &BodyFeatures, ctx: &GestureContext, out: &mut Vec<Gesture>) {
        let p = &ctx.params;
        let stature = ctx.stature.max(4.0);
        let emit = |out: &mut Vec<Gesture>, kind, side, intensity: f32| {
            out.push(Gesture {
                player: ctx.player,
                kind,
                side,
                intensity: intensity.clamp(0.0, 1.0),
                started: false,
            });
        };

        let energy = if ctx.observed {
            f.moving.count as f32 / (BODY_AREA * stature * stature)
        } else {
            0.0
        };
        smooth(&mut self.energy_fast, energy, ctx.dt, 0.15);
        smooth(&mut self.energy_mid, energy, ctx.dt, 0.4);
        smooth(&mut self.energy_slow, energy, ctx.dt, 0.7);
        if !ctx.observed || f.silhouette.count == 0 {
            // Hidden: moving gestures end; a freeze holds (a still child is often unseen).
            self.wiggle = false;
            self.wiggle_time = 0.0;
            self.lean = None;
            for wave in &mut self.waves {
                wave.active = false;
                wave.x.reset();
            }
            if self.freeze {
                emit(out, GestureKind::Freeze, None, 1.0);
            }
            return;
        }
        self.age += ctx.dt;
        let settled = self.age >= SETTLE_SECONDS;
        if !settled {
            self.rest_top = f.top;
        }

        // History of the silhouette's extent, for rises and for telling walking from play.
        let sample = Heights {
            time: ctx.now,
            top: f.top,
            bottom: f.bottom,
            centre: f.silhouette.y,
            base_x: {
                if self.base_x == 0.0 || f.base.count == 0 {
                    self.base_x = f.base.x;
                } else {
                    smooth(&mut self.base_x, f.base.x, ctx.dt, 0.2);
                }
                self.base_x
            },
        };
        self.history[self.history_len % HISTORY] = sample;
        self.history_len += 1;
        let oldest = |window: f32| {
            (0..self.history_len.min(HISTORY))
                .map(|i| self.history[(self.history_len - 1 - i) % HISTORY])
                .take_while(|h| ctx.now - h.time <= window)
                .last()
                .unwrap_or(sample)
        };
        // Walking moves the feet (or the wheelchair) across the picture; wiggling in place
        // only shakes them. Only in-place movement is a wiggle or a lean.
        let then = oldest(WALK_WINDOW);
        let walking = f.base.count > 0
            && then.base_x != 0.0
            && ctx.now - then.time > 0.5 * WALK_WINDOW
            && (sample.base_x - then.base_x).abs() > WALKING * stature * (ctx.now - then.time);
        if walking {
            self.walked_at = ctx.now;
        }
        let in_place = ctx.now - self.walked_at > 0.3;
        smooth(
            &mut self.play_energy,
            if in_place { energy } else { 0.0 },
            ctx.dt,
            0.3,
        );

        // Wiggle: sustained motion of the body, in place.
        if self.play_energy > p.wiggle_on && settled {
            self.wiggle_time += ctx.dt;
        } else if self.play_energy < 0.7 * p.wiggle_on {
            self.wiggle_time = 0.0;
        }
        self.wiggle = self.wiggle_time >= 0.8;
        if self.wiggle && settled {
            emit(
                out,
                GestureKind::Wiggle,
                None,
                self.play_energy / p.wiggle_full,
            );
        }

        // Freeze: still, right after moving.
        if self.energy_slow > 0.8 * p.wiggle_on {
            self.last_moved = ctx.now;
        }
        if self.energy_fast < p.still_below {
            let since = *self.still_since.get_or_insert(ctx.now);
            if !self.freeze && ctx.now - since >= 0.4 && since - self.last_moved < 2.0 {
                self.freeze = true;
                if settled {
                    emit(out, GestureKind::Freeze, None, 1.0);
                }
            } else if self.freeze {
                let stillness = 1.0 - self.energy_fast / (1.5 * p.still_below);
                emit(out, GestureKind::Freeze, None, stillness);
            }
        } else {
            self.still_since = None;
            if self.freeze && self.energy_fast > 1.5 * p.still_below {
                self.freeze = false;
            } else if self.freeze {
                let stillness = 1.0 - self.energy_fast / (1.5 * p.still_below);
                emit(out, GestureKind::Freeze, None, stillness);
            }
        }

        // Wave: an arm beside the body swinging back and forth.
        let amplitude = p.wave_amplitude * stature;
        let min_motion = p.wave_min_motion * stature * stature;
        for side in 0..2 {
            let wave = &mut self.waves[side];
            // The centre of the moving pixels follows the forearm back and forth.
            let arm = f.arm_motion[side];
            if arm.count as f32 >= min_motion {
                wave.quiet = 0.0;
                wave.x.feed(arm.x, amplitude, ctx.now);
            } else {
                wave.quiet += ctx.dt;
                if wave.quiet > 0.5 {
                    wave.x.reset();
                }
            }
            wave.active = wave.x.recent(ctx.now, WAVE_WINDOW) >= WAVE_SWINGS && wave.quiet < 0.25;
            if wave.active && settled {
                let swing = wave.x.last_swing;
                emit(
                    out,
                    GestureKind::Wave,
                    Some(ctx.side_of(side)),
                    swing / (4.0 * amplitude),
                );
            }
        }

        // Rises: the top of the silhouette goes up fast.
        let rise = p.rise * stature;
        let oldest = oldest(RISE_WINDOW);
        let above_rest = self.rest_top - f.top;
        if above_rest.abs() < 0.5 * rise {
            smooth(&mut self.rest_top, f.top, ctx.dt, 1.0);
            self.away_time = 0.0;
            if ctx.now - self.last_rise > 0.5 {
                self.rise_armed = true;
            }
        } else {
            self.away_time += ctx.dt;
            if self.away_time > 3.0 {
                // Held for long (arms kept up, child moved closer): this is the new rest.
                self.rest_top = f.top;
                self.away_time = 0.0;
            }
        }
        let rose_fast = oldest.top - f.top >= 0.8 * rise && above_rest >= rise;
        if rose_fast && self.rise_armed && settled {
            self.rise_armed = false;
            self.last_rise = ctx.now;
            let body_rose = if f.cut_at_bottom {
                oldest.centre - f.silhouette.y >= 0.6 * rise
            } else {
                oldest.bottom - f.bottom >= 0.5 * rise
            };
            if p.jump_enabled && body_rose {
                emit(out, GestureKind::Jump, None, above_rest / (3.0 * rise));
            } else {
                // Arms rise one a little before the other: look a moment longer before
                // saying which arms are up.
                self.reach = Some(Reach {
                    since: ctx.now,
                    raised: [0, 0],
                    height: 0.0,
                });
            }
        }
        if let Some(reach) = &mut self.reach {
            for (most, r) in reach.raised.iter_mut().zip(f.raised) {
                *most = (*most).max(r.count);
            }
            reach.height = reach.height.max(above_rest);
            if ctx.now - reach.since >= REACH_LOOK {
                let [left, right] = reach.raised.map(|c| c as f32);
                let side = if left.min(right) >= 0.3 * left.max(right) {
                    Side::Both
                } else if left > right {
                    ctx.side_of(0)
                } else {
                    ctx.side_of(1)
                };
                let intensity = reach.height / (3.0 * rise);
                self.reach = None;
                emit(out, GestureKind::ReachUp, Some(side), intensity);
            }
        }
        let arms_up = above_rest > 0.5 * rise;

        // Lean: the head held sideways from its resting place over the trunk.
        if !in_place {
            // A child arriving is often cut by the edge of the picture: learn upright anew.
            self.lean_base = None;
        }
        if f.head.count > 0 && f.base.count > 0 && in_place && !self.wiggle && !arms_up {
            let offset = (f.head.x - f.base.x) / stature;
            // Upright starts as the head straight above the base, and learns the child's own
            // slight tilt slowly.
            let base = *self.lean_base.get_or_insert(0.0);
            let away = offset - base;
            match self.lean {
                None => {
                    if away.abs() > p.lean {
                        self.lean_time += ctx.dt;
                    } else {
                        self.lean_time = 0.0;
                        if away.abs() < 0.5 * p.lean && !self.wiggle {
                            let mut b = base;
                            smooth(&mut b, offset, ctx.dt, 3.0);
                            self.lean_base = Some(b.clamp(-0.7 * p.lean, 0.7 * p.lean));
                        }
                    }
                    if self.lean_time >= 0.2 && settled {
                        // Head towards the picture's right (1) or left (0).
                        let side = ctx.side_of(usize::from(away > 0.0));
                        self.lean = Some(side);
                        emit(
                            out,
                            GestureKind::Lean,
                            Some(side),
                            away.abs() / (2.0 * p.lean),
                        );
                    }
                }
                Some(side) => {
                    if away.abs() < 0.6 * p.lean {
                        self.lean = None;
                        self.lean_time = 0.0;
                    } else {
                        emit(
                            out,
                            GestureKind::Lean,
                            Some(side),
                            away.abs() / (2.0 * p.lean),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::body::Patch;
    use crate::motion::profile::Profile;

    fn ctx(now: f32, observed: bool) -> GestureContext {
        GestureContext {
            player: 1,
            now,
            dt: 1.0 / 30.0,
            stature: 60.0,
            params: Profile::Standing.params(),
            mirrored: false,
            observed,
        }
    }

    fn standing(moving: u32) -> BodyFeatures {
        BodyFeatures {
            top: 20.0,
            bottom: 80.0,
            cut_at_bottom: false,
            silhouette: Patch {
                count: 900,
                x: 50.0,
                y: 50.0,
            },
            moving: Patch {
                count: moving,
                x: 50.0,
                y: 50.0,
            },
            trunk: Patch {
                count: 400,
                x: 50.0,
                y: 55.0,
            },
            head: Patch {
                count: 60,
                x: 50.0,
                y: 24.0,
            },
            base: Patch {
                count: 200,
                x: 50.0,
                y: 75.0,
            },
            ..BodyFeatures::default()
        }
    }

    fn run(
        state: &mut GestureState,
        frames: std::ops::Range<u32>,
        f: impl Fn(u32) -> BodyFeatures,
    ) -> Vec<Gesture> {
        let mut out = Vec::new();
        for i in frames {
            state.update(&f(i), &ctx(i as f32 / 30.0, true), &mut out);
        }
        out
    }

    #[test]
    fn stillness_gives_nothing() {
        let mut state = GestureState::default();
        assert!(run(&mut state, 0..300, |_| standing(0)).is_empty());
        assert_eq!(state.activity(&Profile::Standing.params()), 0.0);
    }

    #[test]
    fn sustained_motion_wiggles_then_stillness_freezes() {
        let mut state = GestureState::default();
        let moving = run(&mut state, 0..90, |_| standing(400));
        let first = moving
            .iter()
            .position(|g| g.kind == GestureKind::Wiggle)
            .unwrap();
        assert!(moving[first].started);
        assert!(
            moving[first + 1..]
                .iter()
                .all(|g| !g.started || g.kind != GestureKind::Wiggle)
        );
        assert!(state.activity(&Profile::Standing.params()) > 0.5);
        let still = run(&mut state, 90..150, |_| standing(0));
        let freezes: Vec<_> = still
            .iter()
            .filter(|g| g.kind == GestureKind::Freeze)
            .collect();
        assert_eq!(freezes.iter().filter(|g| g.started).count(), 1);
        assert!(freezes.last().unwrap().intensity > 0.9);
    }

    #[test]
    fn a_fast_whole_body_rise_is_a_jump_and_an_arm_rise_is_a_reach() {
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let jump = run(&mut state, 40..46, |i| {
            let up = (i - 39) as f32 * 2.5;
            let mut f = standing(200);
            f.top -= up;
            f.bottom -= up;
            f.silhouette.y -= up;
            f
        });
        assert_eq!(
            jump.iter().filter(|g| g.kind == GestureKind::Jump).count(),
            1
        );
        run(&mut state, 46..80, |_| standing(0));
        // Arms go up over six frames and stay up.
        let reach = run(&mut state, 80..95, |i| {
            let mut f = standing(100);
            f.top -= (i.min(86) - 79) as f32 * 2.5;
            f.raised = [
                Patch {
                    count: 20,
                    x: 40.0,
                    y: 15.0,
                },
                Patch {
                    count: 2,
                    x: 60.0,
                    y: 15.0,
                },
            ];
            f
        });
        let reaches: Vec<_> = reach
            .iter()
            .filter(|g| g.kind == GestureKind::ReachUp)
            .collect();
        assert_eq!(reaches.len(), 1);
        // Picture left, not mirrored: the child's right arm.
        assert_eq!(reaches[0].side, Some(Side::Right));
    }

    #[test]
    fn an_arm_swinging_waves_on_the_right_side() {
        let mut state = GestureState::default();
        let out = run(&mut state, 0..75, |i| {
            let mut f = standing(60);
            let phase = (i as f32 / 30.0 * 2.0 * std::f32::consts::PI * 2.0).sin();
            f.arm_motion[1] = Patch {
                count: 40,
                x: 75.0 + 6.0 * phase,
                y: 30.0,
            };
            f
        });
        let waves: Vec<_> = out.iter().filter(|g| g.kind == GestureKind::Wave).collect();
        assert!(!waves.is_empty());
        assert!(waves.iter().all(|g| g.side == Some(Side::Left)));
        assert_eq!(waves.iter().filter(|g| g.started).count(), 1);
    }

    #[test]
    fn a_held_head_shift_is_a_lean() {
        let mut state = GestureState::default();
        run(&mut state, 0..40, |_| standing(0));
        let out = run(&mut state, 40..70, |_| {
            let mut f = standing(0);
            f.head.x = 50.0 - 0.2 * 60.0;
            f
        });
        let leans: Vec<_> = out.iter().filter(|g| g.kind == GestureKind::Lean).collect();
        assert!(!leans.is_empty());
        // Head towards the picture's left, unmirrored: the child leans to their right.
        assert_eq!(leans[0].side, Some(Side::Right));
    }
}
