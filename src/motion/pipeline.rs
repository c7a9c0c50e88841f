//! The motion core: one call per frame, from luma pixels to a [`MotionReport`].
//!
//! Order of work per frame: reduce the frame, judge the light, compare with the previous
//! frame and the background, clean the masks, learn the background, label, track, measure
//! bodies, recognise gestures, read zones. Every buffer is sized on the first frame (and
//! again only if the frame size changes), so steady state allocates nothing.

use std::time::Duration;

use super::background::Background;
use super::camera_motion::CameraMotion;
use super::difference::difference_masks;
use super::downsample::{Downsampler, scale_for};
use super::frame::LumaFrame;
use super::ghost::{Claim, GhostFinder, GhostSettings};
use super::label::Labeller;
use super::lighting::{ChangeEstimator, LightVerdict, LightingGuard};
use super::mask::{BitMask, Morphology};
use super::players::{Tracker, TrackerSettings};
use super::profile::Profile;
use super::report::{MotionReport, STRAY_COLUMNS, STRAY_ROWS};
use super::zones::{Zone, read_zone};

/// Frames spent measuring the sensor noise before motion is reported: at 15 fps and more,
/// at most two thirds of a second.
pub const WARMUP_FRAMES: u64 = 10;
/// A camera slower than 14 fps (this many seconds a frame) warms up over fewer frames: ten
/// would keep a child in view from the start waiting a whole second to be seen.
const SLOW_FRAME_SECONDS: f32 = 1.0 / 14.0;
/// The frames a slow camera warms up over: the noise needs a few frame differences.
const WARMUP_MIN_FRAMES: u64 = 5;
/// Threshold in noise standard deviations (of the frame difference) at sensitivity 1.
const NOISE_MULTIPLE: f32 = 4.0;
/// The threshold never drops below this, whatever the noise: compression artefacts and
/// flicker of real cameras are not Gaussian.
const MIN_THRESHOLD: f32 = 3.0;
/// Time constants of background learning, in seconds: free pixels, and pixels under a child.
const FREE_SECONDS: f32 = 2.0;
const COVERED_SECONDS: f32 = 30.0;
/// Smallest difference from the background (grey levels) that counts as presence. Real
/// pictures drift against a learned background by a few levels (a codec refreshing the
/// picture, the exposure wandering), far more than from one frame to the next; a child
/// differs from the wall by tens.
const MIN_PRESENCE: u8 = 10;
/// Ghosts are looked for every this many frames.
const GHOST_EVERY: u64 = 4;
/// Ghosts: a part of the presence mask is judged once still this long...
const GHOST_STILL_SECONDS: f32 = 0.4;
/// ...the background is trusted as the room where it was seen free this long...
const GHOST_TRUST_SECONDS: f32 = 0.33;
/// ...a still part nobody covers is the room after this long...
const GHOST_NOBODYS_SECONDS: f32 = 2.0;
/// ...and motion keeps the background within this share of the picture's height from
/// being trusted.
const GHOST_NEAR: f32 = 0.06;
/// The background learns every `LEARN_STEP`-th row each frame, in turn.
const LEARN_STEP: usize = 4;

/// How the core should look at the picture.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MotionConfig {
    /// Standing, seated or bed.
    pub profile: Profile,
    /// Flip the picture left to right, so that it shows the children as a mirror does.
    pub mirror: bool,
    /// At most this many children are followed (1 to 3).
    pub max_players: usize,
    /// Width of the working picture in pixels; frames are reduced by whole blocks to about
    /// this width. 160 keeps a child's hand several pixels wide at 640x480.
    pub working_width: usize,
    /// 1 is normal; 2 reacts to half the contrast, 0.5 needs twice as much.
    pub sensitivity: f32,
    /// Regions whose motion the game wants to know, in picture coordinates.
    pub zones: Vec<Zone>,
    /// Regions never looked at (a window with a moving curtain, a television).
    pub ignore: Vec<Zone>,
}

impl Default for MotionConfig {
    fn default() -> Self {
        Self {
            profile: Profile::Standing,
            mirror: false,
            max_players: 3,
            working_width: 160,
            sensitivity: 1.0,
            zones: Vec::new(),
            ignore: Vec::new(),
        }
    }
}

/// The frame-differencing and blob-tracking core.
///
/// # Examples
/// ```
/// use wigglewoods::motion::{MotionConfig, MotionCore, OwnedFrame};
/// let mut core = MotionCore::new(MotionConfig::default());
/// let mut frame = OwnedFrame::filled(64, 48, 100);
/// for i in 0..20 {
///     frame.timestamp = std::time::Duration::from_millis(33 * i);
///     let report = core.process(&frame.view());
///     assert!(report.players.is_empty() && report.gestures.is_empty());
/// }
/// ```
#[derive(Debug)]
pub struct MotionCore {
    config: MotionConfig,
    frame_size: (usize, usize),
    down: Downsampler,
    width: usize,
    height: usize,
    cur: Vec<u8>,
    prev: Vec<u8>,
    background: Background,
    motion: BitMask,
    presence: BitMask,
    moving: BitMask,
    silhouette: BitMask,
    last_silhouette: BitMask,
    ignore: BitMask,
    morphology: Morphology,
    ghosts: GhostFinder,
    claims: Vec<Claim>,
    labeller: Labeller,
    change: ChangeEstimator,
    guard: LightingGuard,
    camera: CameraMotion,
    tracker: Tracker,
    noise: f32,
    noise_samples: u32,
    frames: u64,
    last_time: Option<Duration>,
    start_time: Duration,
    /// When the current warm-up began (the first frame, or the last restart).
    warmup_start: Duration,
    /// How many frames the current warm-up lasts: decided once, from the camera's pace.
    warmup_frames: u64,
    frame_interval: f32,
    report: MotionReport,
}

impl MotionCore {
    /// A core that sizes itself on the first frame.
    pub fn new(config: MotionConfig) -> Self {
        let mut report = MotionReport::default();
        report.zones.reserve(config.zones.len());
        report.players.reserve(3);
        report.gestures.reserve(64);
        report.blobs.reserve(1024);
        Self {
            config,
            frame_size: (0, 0),
            down: Downsampler::new(1),
            width: 0,
            height: 0,
            cur: Vec::new(),
            prev: Vec::new(),
            background: Background::default(),
            motion: BitMask::default(),
            presence: BitMask::default(),
            moving: BitMask::default(),
            silhouette: BitMask::default(),
            last_silhouette: BitMask::default(),
            ignore: BitMask::default(),
            morphology: Morphology::default(),
            ghosts: GhostFinder::default(),
            claims: Vec::with_capacity(16),
            labeller: Labeller::default(),
            change: ChangeEstimator::default(),
            guard: LightingGuard::default(),
            camera: CameraMotion::default(),
            tracker: Tracker::default(),
            noise: 0.0,
            noise_samples: 0,
            frames: 0,
            last_time: None,
            start_time: Duration::ZERO,
            warmup_start: Duration::ZERO,
            warmup_frames: WARMUP_FRAMES,
            frame_interval: 1.0 / 30.0,
            report,
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &MotionConfig {
        &self.config
    }

    /// Replaces the zones (a mini-game starting), keeping everything learned.
    pub fn set_zones(&mut self, zones: &[Zone]) {
        self.config.zones.clear();
        self.config.zones.extend_from_slice(zones);
    }

    /// Changes the profile, keeping the background and the noise; players start afresh.
    pub fn set_profile(&mut self, profile: Profile) {
        if profile != self.config.profile {
            self.config.profile = profile;
            self.tracker.clear();
        }
    }

    /// The last report.
    pub fn report(&self) -> &MotionReport {
        &self.report
    }

    /// The final mask of the last frame (what was labelled): where the children are.
    pub fn silhouette(&self) -> &BitMask {
        &self.silhouette
    }

    /// The frame-difference mask of the last frame: what moved.
    pub fn moving(&self) -> &BitMask {
        &self.moving
    }

    /// The learned background at the working resolution (row-major, [`MotionCore::mask_size`]):
    /// what the staff diagnostics show as "the empty room", and what tools compare against.
    pub fn background(&self) -> &[u8] {
        self.background.grey()
    }

    /// The last frame as reduced for the core (row-major, [`MotionCore::mask_size`]).
    pub fn working_frame(&self) -> &[u8] {
        &self.prev
    }

    /// Width and height of the working picture and of every mask.
    pub fn mask_size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// Frame pixels per working pixel.
    pub fn scale(&self) -> usize {
        self.down.scale()
    }

    fn resize(&mut self, width: usize, height: usize) {
        let scale = scale_for(width, height, self.config.working_width).min(16);
        self.down = Downsampler::new(scale);
        let (w, h) = self.down.output_size(width, height);
        self.frame_size = (width, height);
        self.width = w;
        self.height = h;
        self.cur = vec![0; w * h];
        self.prev = vec![0; w * h];
        for mask in [
            &mut self.motion,
            &mut self.presence,
            &mut self.moving,
            &mut self.silhouette,
            &mut self.last_silhouette,
            &mut self.ignore,
        ] {
            *mask = BitMask::new(w, h);
        }
        for zone in &self.config.ignore {
            if let Some((x0, y0, x1, y1)) = zone.to_pixels(w, h) {
                for y in y0..=y1 {
                    for x in x0..=x1 {
                        self.ignore.set(x, y, true);
                    }
                }
            }
        }
        self.ghosts.resize(w, h);
        self.labeller.reserve_for(w, h);
        // After opening, every blob holds a 3x3 square: this bounds their number.
        let most_blobs = (w / 3 + 1) * (h / 3 + 1);
        self.report
            .blobs
            .reserve(most_blobs.saturating_sub(self.report.blobs.len()));
        self.tracker.reserve(most_blobs, w);
        self.tracker.clear();
        self.camera.resize(w, h);
        self.frames = 0;
        self.noise = 0.0;
        self.noise_samples = 0;
    }

    /// Analyses one frame and returns the report (also kept for [`MotionCore::report`]).
    pub fn process(&mut self, frame: &LumaFrame<'_>) -> &MotionReport {
        if (frame.width(), frame.height()) != self.frame_size {
            self.resize(frame.width(), frame.height());
        }
        let dt = match self.last_time {
            Some(last) if frame.timestamp() > last => {
                (frame.timestamp() - last).as_secs_f32().clamp(0.001, 0.25)
            }
            _ => self.frame_interval,
        };
        if self.last_time.is_none() {
            self.start_time = frame.timestamp();
        }
        self.last_time = Some(frame.timestamp());
        self.frame_interval += (dt - self.frame_interval) * 0.1;
        let now = frame
            .timestamp()
            .saturating_sub(self.start_time)
            .as_secs_f32();

        self.down.reduce(frame, self.config.mirror, &mut self.cur);
        let mean = mean_of(&self.cur);
        let too_dark = self.guard.observe_brightness(mean, dt);

        let report = &mut self.report;
        report.frame = self.frames;
        report.timestamp = frame.timestamp();
        report.frame_size = (frame.width() as u32, frame.height() as u32);
        report.mask_size = (self.width as u32, self.height as u32);
        report.blobs.clear();
        report.gestures.clear();
        report.camera_moved = false;
        report.stray_motion = [0; STRAY_ROWS];
        report.zones.clear();
        report
            .zones
            .resize(self.config.zones.len(), Default::default());
        report.lighting.too_dark = too_dark;
        report.lighting.mean_luma = mean;

        if self.frames == 0 {
            self.background.reset(&self.cur, self.width);
            self.ghosts.restart();
            self.warmup_start = frame.timestamp();
            self.warmup_frames = WARMUP_FRAMES;
        }
        let change = self.change.estimate(
            &self.cur,
            &self.prev,
            self.width,
            &self.last_silhouette,
            mean.clamp(1.0, 255.0) as u8,
        );
        self.frames += 1;

        if self.frames == WARMUP_MIN_FRAMES + 1 {
            // Decided once, so that a camera whose pace wavers near the limit does not end
            // the warm-up and start it again.
            let paced = frame.timestamp().saturating_sub(self.warmup_start);
            self.warmup_frames = warmup_length(paced.as_secs_f32());
        }
        if self.frames <= self.warmup_frames {
            // Learning: the noise from frame differences, the background as a fast average.
            if self.frames > 1 {
                self.noise_samples += 1;
                self.noise += (change.spread - self.noise) / self.noise_samples as f32;
            }
            self.silhouette.clear();
            self.background
                .learn(&self.cur, &self.silhouette, 1, 1, (0, 1));
            self.finish_empty(true, false, dt, now);
            return &self.report;
        }

        let threshold = (NOISE_MULTIPLE / self.config.sensitivity.clamp(0.25, 4.0) * self.noise)
            .max(MIN_THRESHOLD)
            .round()
            .min(80.0);
        let step = (2.5 * threshold).max(8.0);
        let (low, high) = ((mean - 60.0).max(0.0), (mean + 60.0).min(255.0));
        let verdict = self.guard.judge(&change, low, high, step);
        self.report.lighting.threshold = threshold as u8;
        self.report.lighting.noise = self.noise;
        if let LightVerdict::Changing { .. } = verdict {
            // The light changed: start the background again from this picture.
            self.background.reset(&self.cur, self.width);
            self.ghosts.restart();
            self.silhouette.clear();
            self.finish_empty(false, true, dt, now);
            return &self.report;
        }

        if self.frames.is_multiple_of(LEARN_STEP as u64) {
            // Slow drifts of the light: checked every few frames, they move a level at most.
            let drift = self.change.estimate(
                &self.cur,
                self.background.grey(),
                self.width,
                &self.last_silhouette,
                mean.clamp(1.0, 255.0) as u8,
            );
            if drift.largest(low, high) >= 1.0 {
                self.background.compensate(drift.gain, drift.offset);
            }
        }
        let t = threshold as u8;
        // Against the background the picture drifts more than from frame to frame (codecs
        // refresh it, the exposure wanders): presence needs a clear difference.
        let pt = t.max(MIN_PRESENCE);
        difference_masks(
            &self.cur,
            &self.prev,
            self.background.grey(),
            t,
            pt,
            &mut self.motion,
            &mut self.presence,
        );
        if !self.config.ignore.is_empty() {
            self.motion.and_not(&self.ignore);
            self.presence.and_not(&self.ignore);
        }
        self.tracker.claims(&mut self.claims);
        if self.camera.observe(
            &self.cur,
            &self.prev,
            &self.motion,
            self.background.grey(),
            &self.presence,
            &self.claims,
            dt,
        ) {
            // The picture itself moves: nothing in it can be told from the slide. Start the
            // background again from each new picture until the camera rests.
            self.background.reset(&self.cur, self.width);
            self.ghosts.restart();
            self.report.camera_moved = true;
            // The children already followed coast on (as through a change of the light);
            // nobody new is made of the slide.
            self.finish_empty(false, false, dt, now);
            return &self.report;
        }
        {
            // Trust is watched every frame; ghosts keep, and judging them every few frames
            // costs a quarter and loses nothing.
            let calls = |seconds: f32, every: u64| {
                (seconds / (self.frame_interval * every as f32))
                    .round()
                    .clamp(1.0, 250.0) as u8
            };
            let settings = GhostSettings {
                min_contrast: u32::from(t),
                judge_after: calls(GHOST_STILL_SECONDS, GHOST_EVERY),
                trust_after: calls(GHOST_TRUST_SECONDS, 1),
                nobodys_after: calls(GHOST_NOBODYS_SECONDS, GHOST_EVERY),
                near: (GHOST_NEAR * self.height as f32).round().max(1.0) as usize,
            };
            self.ghosts.watch_trust(
                &self.presence,
                &self.motion,
                &mut self.morphology,
                &settings,
            );
            if self.frames.is_multiple_of(GHOST_EVERY) {
                self.ghosts.absorb(
                    &self.cur,
                    &mut self.background,
                    &mut self.presence,
                    &self.motion,
                    &self.claims,
                    &mut self.morphology,
                    &settings,
                );
            }
        }
        self.moving.copy_from(&self.motion);
        self.morphology.remove_isolated(&mut self.moving);
        self.silhouette.or_of(&self.motion, &self.presence);
        self.morphology.open(&mut self.silhouette);
        self.morphology.close(&mut self.silhouette);

        let moving_fraction = self.moving.count_ones() as f32 / (self.width * self.height) as f32;
        if moving_fraction < 0.05 {
            // Quiet frame: let the noise estimate follow the camera (warming up, gain).
            self.noise += (change.spread - self.noise) * 0.02;
        }
        // A quarter of the rows each frame, at four times the rate.
        let interval = self.frame_interval * LEARN_STEP as f32;
        let free = shift_for(FREE_SECONDS, interval);
        let covered = shift_for(COVERED_SECONDS, interval);
        let phase = (self.frames % LEARN_STEP as u64) as usize;
        self.background.learn(
            &self.cur,
            &self.silhouette,
            free,
            covered,
            (phase, LEARN_STEP),
        );

        self.labeller
            .label(&self.silhouette, &mut self.report.blobs);
        let params = self.config.profile.params();
        let settings = TrackerSettings {
            max_players: self.config.max_players.clamp(1, 3),
            params,
            mirrored: self.config.mirror,
        };
        self.tracker.update(
            &self.report.blobs,
            &self.silhouette,
            &self.moving,
            self.ghosts.untrusted(),
            dt,
            now,
            &settings,
            true,
            &mut self.report.gestures,
        );
        self.tracker
            .players(self.down.scale() as f32, &params, &mut self.report.players);
        fill_unseen_body(
            &mut self.silhouette,
            self.ghosts.untrusted(),
            &self.report.players,
            self.down.scale() as f32,
        );
        stray_motion(
            &self.moving,
            &self.report.players,
            self.down.scale() as f32,
            &mut self.report.stray_motion,
        );
        for (reading, zone) in self.report.zones.iter_mut().zip(&self.config.zones) {
            *reading = read_zone(zone, &self.moving, &self.cur, &self.prev);
        }
        self.report.learning = false;
        self.report.lighting.event = false;
        self.report.motion_fraction = moving_fraction;
        self.report.activity = overall_activity(&self.report);
        self.last_silhouette.copy_from(&self.silhouette);
        std::mem::swap(&mut self.cur, &mut self.prev);
        &self.report
    }

    /// Ends a frame in which no motion is looked for (learning, or light changing).
    fn finish_empty(&mut self, learning: bool, lighting_event: bool, dt: f32, now: f32) {
        self.moving.clear();
        self.silhouette.clear();
        self.last_silhouette.clear();
        let params = self.config.profile.params();
        let settings = TrackerSettings {
            max_players: self.config.max_players.clamp(1, 3),
            params,
            mirrored: self.config.mirror,
        };
        self.tracker.update(
            &[],
            &self.silhouette,
            &self.moving,
            self.ghosts.untrusted(),
            dt,
            now,
            &settings,
            false,
            &mut self.report.gestures,
        );
        // Gestures cannot be told apart from the light now: report none.
        self.report.gestures.clear();
        self.tracker
            .players(self.down.scale() as f32, &params, &mut self.report.players);
        for player in &mut self.report.players {
            player.activity = 0.0;
        }
        self.report.learning = learning;
        self.report.lighting.event = lighting_event;
        self.report.lighting.noise = self.noise;
        self.report.motion_fraction = 0.0;
        self.report.activity = 0.0;
        std::mem::swap(&mut self.cur, &mut self.prev);
    }
}

/// Fills, in each player's box, the gaps between two parts of the silhouette on a row where the
/// background was never seen to be the room: a child in view from the start is part of the
/// background, so where they still stand as they stood (the trunk, while the arms swing) the
/// difference shows nothing. The gap between the arms and the body is the child, not the
/// wall behind: it was never seen. Only the mask drawn and learned from changes; gestures
/// were measured before.
fn fill_unseen_body(
    silhouette: &mut BitMask,
    untrusted: &BitMask,
    players: &[super::report::Player],
    scale: f32,
) {
    if untrusted.width() != silhouette.width() || untrusted.height() != silhouette.height() {
        return;
    }
    let (w, h) = (silhouette.width(), silhouette.height());
    for p in players {
        let x0 = ((p.x / scale).floor().max(0.0) as usize).min(w - 1);
        let x1 = (((p.x + p.w) / scale).ceil() as usize).min(w - 1);
        let y0 = ((p.y / scale).floor().max(0.0) as usize).min(h - 1);
        let y1 = (((p.y + p.h) / scale).ceil() as usize).min(h - 1);
        for y in y0..=y1 {
            let mut last_set: Option<usize> = None;
            let mut x = x0;
            while x <= x1 {
                if silhouette.get(x, y) {
                    if let Some(l) = last_set
                        && x > l + 1
                        && (l + 1..x).all(|g| untrusted.get(g, y))
                    {
                        for g in l + 1..x {
                            silhouette.set(g, y, true);
                        }
                    }
                    last_set = Some(x);
                }
                x += 1;
            }
        }
    }
}

/// Marks the cells of a coarse grid where the picture moves outside every player's box (in
/// frame pixels, `scale` per mask pixel): at least a few pixels, so that noise does not count.
fn stray_motion(
    moving: &BitMask,
    players: &[super::report::Player],
    scale: f32,
    out: &mut [u16; STRAY_ROWS],
) {
    let (w, h) = (moving.width(), moving.height());
    for (row, bits) in out.iter_mut().enumerate() {
        *bits = 0;
        let (y0, y1) = (
            row * h / STRAY_ROWS,
            ((row + 1) * h / STRAY_ROWS).max(row * h / STRAY_ROWS + 1) - 1,
        );
        for col in 0..STRAY_COLUMNS {
            let (x0, x1) = (
                col * w / STRAY_COLUMNS,
                ((col + 1) * w / STRAY_COLUMNS).max(col * w / STRAY_COLUMNS + 1) - 1,
            );
            let (cx, cy) = (
                (x0 + x1) as f32 * 0.5 * scale,
                (y0 + y1) as f32 * 0.5 * scale,
            );
            // Around a child too: feet, hands and a swinging arm stick out of the box.
            let someone = players.iter().any(|p| {
                let m = STRAY_MARGIN * p.h;
                cx >= p.x - m && cx <= p.x + p.w + m && cy >= p.y - m && cy <= p.y + p.h + m
            });
            if !someone && moving.count_in_rect(x0, y0, x1, y1) >= STRAY_PIXELS {
                *bits |= 1 << col;
            }
        }
    }
}

/// Motion this share of a child's height around their box is theirs.
const STRAY_MARGIN: f32 = 0.25;
/// Moving pixels a grid cell needs to count as stray motion.
const STRAY_PIXELS: usize = 3;

/// The most active child's level: the forest answers whoever moves.
fn overall_activity(report: &MotionReport) -> f32 {
    report
        .players
        .iter()
        .map(|p| p.activity)
        .fold(0.0, f32::max)
}

fn mean_of(image: &[u8]) -> f32 {
    // Sums of 256-pixel chunks fit 16 bits' worth of lanes in 32 bits: vectorises well.
    let sum: u64 = image
        .chunks(256)
        .map(|c| u64::from(c.iter().map(|&v| u32::from(v)).sum::<u32>()))
        .sum();
    sum as f32 / image.len().max(1) as f32
}

/// How many frames a warm-up lasts when its first [`WARMUP_MIN_FRAMES`] frame intervals took
/// `seconds`: [`WARMUP_FRAMES`], or [`WARMUP_MIN_FRAMES`] where the camera is slow.
fn warmup_length(seconds: f32) -> u64 {
    if seconds > WARMUP_MIN_FRAMES as f32 * SLOW_FRAME_SECONDS {
        WARMUP_MIN_FRAMES
    } else {
        WARMUP_FRAMES
    }
}

/// The learning shift (rate 2^-shift per frame) for a time constant at this frame interval.
fn shift_for(seconds: f32, frame_interval: f32) -> u32 {
    (seconds / frame_interval.max(1e-3))
        .log2()
        .round()
        .clamp(1.0, 14.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::OwnedFrame;

    fn frame_at(i: u64, draw: impl Fn(&mut OwnedFrame)) -> OwnedFrame {
        let mut f = OwnedFrame::filled(160, 120, 90);
        // A fixed texture so that the picture is not flat.
        for (k, px) in f.data.iter_mut().enumerate() {
            *px = 60 + ((k * 7919) % 61) as u8;
        }
        draw(&mut f);
        f.timestamp = Duration::from_millis(33 * i);
        f
    }

    fn block(f: &mut OwnedFrame, x0: usize, y0: usize, w: usize, h: usize, v: u8) {
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                f.set(x, y, v);
            }
        }
    }

    #[test]
    fn a_slow_camera_warms_up_over_five_frames_a_fast_one_over_ten() {
        // The frames a core reports as learning, fed at `fps` with every interval stretched
        // or shrunk by up to `jitter` (a share of the interval), alternately.
        let learning = |fps: f64, jitter: f64| {
            let mut core = MotionCore::new(MotionConfig::default());
            let mut time = 0.0;
            let mut seen = Vec::new();
            for i in 0..20u64 {
                let mut f = frame_at(i, |_| {});
                f.timestamp = Duration::from_secs_f64(time);
                seen.push(core.process(&f.view()).learning);
                let wobble = if i % 2 == 0 { jitter } else { -jitter };
                time += (1.0 + wobble) / fps;
            }
            // Learning is one run from the first frame, never begun again.
            let n = seen.iter().take_while(|&&l| l).count();
            assert!(seen[n..].iter().all(|&l| !l), "{fps} fps: {seen:?}");
            n
        };
        assert_eq!(learning(30.0, 0.0), 10);
        assert_eq!(learning(18.0, 0.0), 10);
        assert_eq!(learning(15.0, 0.0), 10);
        assert_eq!(learning(12.0, 0.0), 5);
        assert_eq!(learning(10.0, 0.0), 5);
        assert_eq!(learning(5.0, 0.0), 5);
        // A camera near the limit whose pace wavers picks one length and keeps it.
        assert!([5, 10].contains(&learning(14.0, 0.2)));
    }

    #[test]
    fn a_moving_block_is_found_and_nothing_else() {
        let mut core = MotionCore::new(MotionConfig {
            working_width: 160,
            ..MotionConfig::default()
        });
        for i in 0..WARMUP_FRAMES + 5 {
            let r = core.process(&frame_at(i, |_| {}).view());
            assert!(r.blobs.is_empty(), "frame {i}: {:?}", r.blobs);
        }
        let r = core.process(&frame_at(20, |f| block(f, 40, 30, 20, 50, 230)).view());
        assert_eq!(r.blobs.len(), 1);
        let b = r.blobs[0];
        assert_eq!((b.x, b.y, b.w, b.h, b.area), (40, 30, 20, 50, 1000));
        assert!(r.motion_fraction > 0.0);
        assert!(!r.lighting.event);
    }

    #[test]
    fn a_global_brightness_jump_is_a_lighting_event() {
        let mut core = MotionCore::new(MotionConfig::default());
        for i in 0..WARMUP_FRAMES + 5 {
            core.process(&frame_at(i, |_| {}).view());
        }
        let r = core.process(
            &frame_at(20, |f| {
                f.data.iter_mut().for_each(|p| *p = p.saturating_add(40))
            })
            .view(),
        );
        assert!(r.lighting.event);
        assert!(r.blobs.is_empty() && r.gestures.is_empty());
        // Once the light settles, the new picture is the background: nothing moves.
        let mut last = None;
        for i in 21..40 {
            let r = core.process(
                &frame_at(i, |f| {
                    f.data.iter_mut().for_each(|p| *p = p.saturating_add(40))
                })
                .view(),
            );
            last = Some((r.lighting.event, r.blobs.len()));
        }
        assert_eq!(last, Some((false, 0)));
    }

    #[test]
    fn a_dark_room_is_reported() {
        let mut core = MotionCore::new(MotionConfig::default());
        let mut dark = OwnedFrame::filled(160, 120, 8);
        let mut report = false;
        for i in 0..90 {
            dark.timestamp = Duration::from_millis(33 * i);
            report = core.process(&dark.view()).lighting.too_dark;
        }
        assert!(report);
    }

    #[test]
    fn the_learned_threshold_follows_the_noise() {
        let noisy = |seed: u64, amount: i32| {
            let mut f = OwnedFrame::filled(320, 240, 120);
            let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            for px in &mut f.data {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let r = ((s >> 33) % (2 * amount as u64 + 1)) as i32 - amount;
                *px = (120 + r) as u8;
            }
            f.timestamp = Duration::from_millis(33 * seed);
            f
        };
        let mut quiet = MotionCore::new(MotionConfig::default());
        let mut loud = MotionCore::new(MotionConfig::default());
        for i in 0..30 {
            quiet.process(&noisy(i, 4).view());
            loud.process(&noisy(i, 60).view());
        }
        let (tq, tl) = (
            quiet.report().lighting.threshold,
            loud.report().lighting.threshold,
        );
        assert!(tl > tq + 3, "quiet {tq}, loud {tl}");
        assert!(loud.report().blobs.is_empty(), "noise made blobs");
    }
}
