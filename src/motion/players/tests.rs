//! The tracker on small drawn scenes: children as boxes in a 160x120 mask, moving or not,
//! with known answers (how many players, which ids).

use super::tracking::stands_behind;
use super::*;
use crate::motion::Profile;
use crate::motion::label::Labeller;

const W: usize = 160;
const H: usize = 120;
const DT: f32 = 1.0 / 30.0;

/// A child's box: left, top, width, height in mask pixels.
type Body = (usize, usize, usize, usize);

/// Runs the tracker over frames; each frame's bodies are both present and moving.
struct Scene {
    tracker: Tracker,
    labeller: Labeller,
    settings: TrackerSettings,
    now: f32,
}

impl Scene {
    fn new() -> Self {
        let mut labeller = Labeller::default();
        labeller.reserve_for(W, H);
        Scene {
            tracker: Tracker::default(),
            labeller,
            settings: TrackerSettings {
                max_players: 4,
                params: Profile::Standing.params(),
                mirrored: false,
            },
            now: 0.0,
        }
    }

    /// A scene in which one child has played for `frames` frames, swaying a pixel: a
    /// confirmed player, for what comes next.
    fn playing(body: Body, frames: usize) -> Self {
        let mut scene = Scene::new();
        let (x, y, w, h) = body;
        for i in 0..frames {
            scene.frame(&[(x + i % 2, y, w, h)], true);
        }
        scene
    }

    /// One frame: `bodies` are in the picture, the ones in `moving` also move.
    fn frame(&mut self, bodies: &[Body], moving: bool) -> Vec<Player> {
        let mut silhouette = BitMask::new(W, H);
        for &(x, y, w, h) in bodies {
            for yy in y..(y + h).min(H) {
                for xx in x..(x + w).min(W) {
                    silhouette.set(xx, yy, true);
                }
            }
        }
        let mut motion = BitMask::new(W, H);
        if moving {
            motion.copy_from(&silhouette);
        }
        // The room behind has never been seen: nothing fades for that reason.
        let mut untrusted = BitMask::new(W, H);
        for y in 0..H {
            for x in 0..W {
                untrusted.set(x, y, true);
            }
        }
        let mut blobs = Vec::new();
        self.labeller.label(&silhouette, &mut blobs);
        let mut gestures = Vec::new();
        self.now += DT;
        self.tracker.update(
            &blobs,
            &silhouette,
            &motion,
            &untrusted,
            DT,
            self.now,
            &self.settings,
            true,
            &mut gestures,
        );
        let mut players = Vec::new();
        self.tracker
            .players(1.0, &self.settings.params, &mut players);
        players
    }
}

/// A child 60 rows tall (half the picture) with its left edge at `x`.
fn child_at(x: f32) -> Body {
    (x.round() as usize, 40, 18, 60)
}

#[test]
fn a_moving_child_gets_one_id_and_keeps_it() {
    let mut scene = Scene::new();
    let mut ids = Vec::new();
    for i in 0..90 {
        let x = 60.0 + 15.0 * (i as f32 * 0.2).sin();
        let players = scene.frame(&[child_at(x)], true);
        assert!(players.len() <= 1, "frame {i}: {players:?}");
        if let Some(p) = players.first() {
            ids.push(p.id);
        }
    }
    assert!(ids.len() >= 80, "found in {} of 90 frames", ids.len());
    assert!(ids.iter().all(|&id| id == ids[0]), "ids {ids:?}");
}

#[test]
fn something_that_never_moves_is_not_a_player() {
    let mut scene = Scene::new();
    for _ in 0..60 {
        assert!(scene.frame(&[child_at(60.0)], false).is_empty());
    }
}

#[test]
fn a_small_shape_far_behind_is_not_a_player() {
    let mut scene = Scene::new();
    for i in 0..60 {
        // 15 rows tall (an eighth of the picture), feet high up: someone far away.
        let x = 70 + (i % 10);
        assert!(scene.frame(&[(x, 10, 6, 15)], true).is_empty(), "frame {i}");
    }
}

#[test]
fn in_bed_a_moving_head_alone_is_a_player_and_a_hand_beside_it_is_no_second_one() {
    let mut scene = Scene::new();
    scene.settings.params = Profile::Bed.params();
    // A head and shoulder above the covers, 18 rows of 120, nodding.
    let mut found = 0;
    for i in 0..30 {
        let head = (30 + i % 3, 95, 20, 18);
        found += scene.frame(&[head], true).len();
    }
    assert!(found >= 25, "head found in {found} of 30 frames");
    // A hand moving a little way off, apart from the head in the mask.
    for i in 0..45 {
        let head = (30 + i % 3, 95, 20, 18);
        let hand = (66 + i % 3, 98, 16, 7);
        let players = scene.frame(&[head, hand], true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
    }
    // Standing, the same head is too small to be a child at the kiosk.
    let mut standing = Scene::new();
    for i in 0..30 {
        assert!(standing.frame(&[(30 + i % 3, 95, 20, 18)], true).is_empty());
    }
}

#[test]
fn two_children_side_by_side_keep_their_own_ids() {
    let mut scene = Scene::new();
    let mut seen = Vec::new();
    for i in 0..90 {
        let wobble = 4.0 * (i as f32 * 0.3).sin();
        let players = scene.frame(&[child_at(30.0 + wobble), child_at(110.0 - wobble)], true);
        if players.len() == 2 {
            let left = players.iter().min_by(|a, b| a.cx.total_cmp(&b.cx)).unwrap();
            let right = players.iter().max_by(|a, b| a.cx.total_cmp(&b.cx)).unwrap();
            seen.push((left.id, right.id));
        }
    }
    assert!(
        seen.len() >= 80,
        "both found in {} of 90 frames",
        seen.len()
    );
    assert!(seen.iter().all(|&s| s == seen[0]), "{seen:?}");
    assert_ne!(seen[0].0, seen[0].1);
}

#[test]
fn a_child_who_walks_out_of_the_picture_is_gone_soon() {
    let mut scene = Scene::new();
    for i in 0..30 {
        scene.frame(&[child_at(70.0 + (i % 4) as f32)], true);
    }
    assert_eq!(scene.frame(&[child_at(70.0)], true).len(), 1);
    // Walks to the right edge and out.
    let mut x = 70.0;
    while x < W as f32 {
        let body = child_at(x);
        let visible = (body.0, body.1, body.2.min(W.saturating_sub(body.0)), body.3);
        let bodies: Vec<Body> = (visible.2 > 0).then_some(visible).into_iter().collect();
        scene.frame(&bodies, true);
        x += 4.0;
    }
    let mut gone_after = None;
    for i in 0..60 {
        if scene.frame(&[], false).is_empty() {
            gone_after = Some(i);
            break;
        }
    }
    let frames = gone_after.expect("the player goes");
    assert!(frames as f32 * DT <= 1.0, "gone after {frames} frames");
}

#[test]
fn claims_cover_every_followed_child() {
    let mut scene = Scene::new();
    for i in 0..20 {
        scene.frame(&[child_at(60.0 + (i % 3) as f32)], true);
    }
    let mut claims = Vec::new();
    scene.tracker.claims(&mut claims);
    assert_eq!(claims.len(), 1);
    let (x0, y0, x1, y1) = claims[0];
    assert!(
        x0 <= 60 && x1 >= 78 && y0 <= 40 && y1 >= 99,
        "{:?}",
        claims[0]
    );
    scene.tracker.clear();
    scene.tracker.claims(&mut claims);
    assert!(claims.is_empty());
    // A shape that has never moved (the start pose left in the background) is a candidate at
    // most, and claims nothing: the ghost finder may give it back to the room.
    let mut scene = Scene::new();
    for _ in 0..20 {
        scene.frame(&[child_at(60.0)], false);
        scene.tracker.claims(&mut claims);
        assert!(claims.is_empty(), "{claims:?}");
    }
}

#[test]
fn someone_smaller_with_feet_higher_stands_behind_but_a_crouch_or_a_jump_does_not() {
    // A child 80 rows tall with feet on row 117.
    let child = 117.0;
    // Smaller, feet on row 90: further from the camera.
    assert!(stands_behind((20.0, 40.0, 35.0, 90.0), child, 80.0));
    // Crouching: smaller, the feet where they were.
    assert!(!stands_behind((10.0, 70.0, 50.0, 117.0), child, 80.0));
    // Jumping: the feet high, the size kept.
    assert!(!stands_behind((10.0, 20.0, 50.0, 99.0), child, 80.0));
    // A tuck jump: the feet high and the knees pulled up, a little smaller.
    assert!(!stands_behind((10.0, 30.0, 50.0, 99.0), child, 80.0));
    // Only a little smaller, but the feet a quarter of the stature and more higher: someone
    // tall further back (behind a glass wall).
    assert!(stands_behind((20.0, 30.0, 35.0, 94.0), child, 80.0));
}

#[test]
fn people_in_a_row_at_the_back_of_a_wide_picture_are_players() {
    // Three people side by side, each 46 rows tall (under half the picture) with the feet
    // on row 91: smaller and higher than children near the camera, but on the floor of the
    // play area, not beyond it.
    let mut scene = Scene::new();
    let mut players = Vec::new();
    for i in 0..30 {
        let sway = i % 3;
        let bodies = [
            (20 + sway, 45, 14, 46),
            (70 + sway, 45, 14, 46),
            (120 + sway, 45, 14, 46),
        ];
        players = scene.frame(&bodies, true);
    }
    assert_eq!(players.len(), 3, "{players:?}");
}

#[test]
fn nobody_new_is_made_just_beyond_a_child_lying_down() {
    // A child lying along the bottom of the picture, moving a little.
    let mut scene = Scene::playing((10, 100, 76, 19), 30);
    // Someone standing further back, feet higher, over the child's far end: smaller than the
    // child is long, so behind them.
    for i in 0..30 {
        let players = scene.frame(&[(10, 100, 76, 19), (70 - i % 3, 44, 11, 49)], true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
    }
}

#[test]
fn a_smaller_child_further_back_off_to_the_side_is_a_second_player() {
    // A child near the camera on the left.
    let mut scene = Scene::playing((20, 30, 22, 88), 30);
    // A child a third of the size, feet far higher, walking at the back on the right: a
    // second child further back in the room, not somebody behind the first.
    let mut players = Vec::new();
    for i in 0..20 {
        players = scene.frame(&[(20, 30, 22, 88), (130 - i, 62, 9, 30)], true);
    }
    assert_eq!(players.len(), 2, "{players:?}");
    // The same child just beside the first one is behind them: no second player.
    let mut scene = Scene::playing((20, 30, 22, 88), 30);
    for i in 0..20 {
        let players = scene.frame(&[(20, 30, 22, 88), (50 + i % 2, 62, 9, 30)], true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
    }
    // Someone only a little smaller with the feet far higher is taller than the child and
    // further back (an adult walking past): not a player wherever they are.
    let mut scene = Scene::playing((20, 30, 22, 88), 30);
    for i in 0..20 {
        let players = scene.frame(&[(20, 30, 22, 88), (130 - i, 10, 14, 70)], true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
    }
}

#[test]
fn half_a_child_showing_where_the_whole_child_was_is_no_newcomer() {
    // A child seen whole; then for a moment only the left arm and leg move, and then both
    // sides again, while the trunk between them holds still and shows nothing. The right side
    // comes back where the child was a moment ago, and keeps moving there: the same child,
    // not a second one.
    let mut scene = Scene::playing((60, 30, 40, 80), 20);
    for i in 0..3 {
        scene.frame(&[(60 + i % 2, 30, 14, 80)], true);
    }
    for i in 0..60 {
        let s = i % 2;
        let players = scene.frame(&[(60 + s, 30, 14, 80), (86 - s, 30, 14, 80)], true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
    }
    // A second child walking in beside the first is still a second child.
    let mut players = Vec::new();
    for i in 0..20 {
        let s = i % 2;
        players = scene.frame(
            &[
                (60 + s, 30, 14, 80),
                (86 - s, 30, 14, 80),
                (140 - i, 30, 16, 80),
            ],
            true,
        );
    }
    assert_eq!(players.len(), 2, "{players:?}");
}

#[test]
fn arms_and_legs_apart_from_a_still_trunk_stay_one_child() {
    // A child seen whole for a while, then doing jumping jacks: the arms wave above the head and
    // the legs open and close, while the trunk between them holds still and so shows nothing.
    let mut scene = Scene::playing((60, 30, 40, 80), 20);
    for i in 0..30 {
        let s = i % 3;
        let bodies = [
            (55, 30, 50, 12),
            (66, 24, 28, 14),
            (70 - s, 68, 7, 42),
            (83 + s, 68, 7, 42),
        ];
        let players = scene.frame(&bodies, true);
        assert_eq!(players.len(), 1, "frame {i}: {players:?}");
        let p = &players[0];
        assert!(
            p.y <= 34.0 && p.y + p.h >= 105.0,
            "frame {i}: the child is only part of itself: {p:?}"
        );
    }
}

#[test]
fn two_children_first_seen_as_one_shape_become_two_players() {
    // Two children stand shoulder to shoulder when the core starts, so their first shapes are
    // one; then they play a step apart. The place the first shape filled is nobody's yet (no
    // player holds it): the second child is a player of their own, not a piece of the first.
    let mut scene = Scene::new();
    for i in 0..2 {
        scene.frame(&[(30 + i % 2, 40, 19, 60), (49 + i % 2, 40, 19, 60)], true);
    }
    let mut players = Vec::new();
    for i in 0..30 {
        let s = i % 2;
        players = scene.frame(&[(30 + s, 40, 18, 60), (58 - s, 40, 18, 60)], true);
    }
    assert_eq!(players.len(), 2, "{players:?}");
}

#[test]
fn a_child_doing_jumping_jacks_from_the_start_is_one_player() {
    // The core starts while a child is mid jumping jack: the arms and head swing above, the
    // lower legs open and close apart from each other, and the thighs and trunk between show
    // nothing. Nobody is known yet, so no track holds the pieces together: the two legs,
    // tall and side by side, are still one child because one upper body spans them both.
    let mut scene = Scene::new();
    let mut players = Vec::new();
    for i in 0..30 {
        let s = i % 3;
        let bodies = [
            (58 - s, 36, 36 + 2 * s, 23),
            (61 - s, 87, 12, 26),
            (80 + s, 83, 12, 30),
        ];
        players = scene.frame(&bodies, true);
        assert!(players.len() <= 1, "frame {i}: {players:?}");
    }
    assert_eq!(players.len(), 1, "{players:?}");
    let p = &players[0];
    assert!(
        p.y <= 40.0 && p.y + p.h >= 108.0,
        "the child is only part of itself: {p:?}"
    );
}

#[test]
fn legs_of_two_known_children_under_one_wide_shape_stay_two_children() {
    // Two children play side by side; then their arms meet above (a high five) while their
    // legs move below. The wide shape above spans both children's legs, yet the legs belong
    // to two known children: the legs rule never joins across them.
    let mut scene = Scene::new();
    for i in 0..20 {
        let s = i % 2;
        scene.frame(&[(30 + s, 40, 18, 60), (62 - s, 40, 18, 60)], true);
    }
    let mut players = Vec::new();
    for i in 0..20 {
        let s = i % 2;
        players = scene.frame(
            &[(30, 40, 50, 14), (32 + s, 72, 12, 28), (64 - s, 72, 12, 28)],
            true,
        );
    }
    assert_eq!(players.len(), 2, "{players:?}");
}
