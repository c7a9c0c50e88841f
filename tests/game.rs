//! The game without a window: screens flow from attract to celebration, and each mini-game
//! answers scripted motion in every profile (and does nothing without movement).
//!
//! One test binary for every game (linking bevy is slow, so tests share binaries): hence its
//! length; each game's tests sit together, one section a game.

use std::time::Duration;

use bevy::prelude::*;

use wigglewoods::game::audio::AudioReport;
use wigglewoods::game::headless::{headless_app, start_game};
use wigglewoods::game::levels::Levels;
use wigglewoods::game::minigames::apple_shake::AppleShake;
use wigglewoods::game::minigames::firefly_catch::FireflyCatch;
use wigglewoods::game::minigames::frog_hop::FrogHop;
use wigglewoods::game::minigames::musical_forest::MusicalForest;
use wigglewoods::game::minigames::paint::PaintVeil;
use wigglewoods::game::minigames::statues::StatuesGame;
use wigglewoods::game::motion_bridge::{GestureStarted, Motion};
use wigglewoods::game::play_state::{Score, Stage};
use wigglewoods::game::screens::Screen;
use wigglewoods::game::session::{Session, SessionPlan, StartSession};
use wigglewoods::games::GameId;
use wigglewoods::motion::{
    BitMask, Gesture, GestureKind, MotionReport, Player, Profile, Side, ZoneReading,
};

const FPS: f32 = 30.0;

/// A headless kiosk: the whole game plugin, physics, silent audio, the real level files, and
/// motion scripted by the test.
fn kiosk() -> App {
    kiosk_with(|_| {})
}

/// A headless kiosk with something set up before it starts (settings, a log writer).
fn kiosk_with(before_start: impl FnOnce(&mut App)) -> App {
    let mut app = headless_app(Duration::from_secs_f32(1.0 / FPS), before_start);
    assert!(
        app.world().resource::<Levels>().errors().next().is_none(),
        "the shipped levels are valid"
    );
    app.update();
    app
}

/// One child standing in the middle, moving this much.
fn child(activity: f32, gestures: Vec<Gesture>, zones: Vec<ZoneReading>) -> MotionReport {
    MotionReport {
        frame_size: (640, 480),
        mask_size: (160, 120),
        activity,
        players: vec![Player {
            id: 1,
            x: 240.0,
            y: 96.0,
            w: 160.0,
            h: 384.0,
            cx: 320.0,
            cy: 288.0,
            vx: 0.0,
            vy: 0.0,
            activity,
            presence: 1.0,
        }],
        gestures,
        zones,
        ..MotionReport::default()
    }
}

fn gesture(kind: GestureKind, side: Option<Side>, started: bool) -> Gesture {
    Gesture {
        player: 1,
        kind,
        side,
        intensity: 0.8,
        started,
    }
}

/// Publishes a report as the bridge would and runs one frame.
fn step(app: &mut App, report: MotionReport) {
    let started: Vec<_> = report
        .gestures
        .iter()
        .filter(|g| g.started)
        .copied()
        .collect();
    {
        let mut motion = app.world_mut().resource_mut::<Motion>();
        motion.report = report;
        motion.fresh = true;
    }
    for g in started {
        app.world_mut().write_message(GestureStarted(g));
    }
    app.update();
}

fn seconds(app: &mut App, secs: f32, report: impl Fn(u32) -> MotionReport) {
    for i in 0..(secs * FPS) as u32 {
        step(app, report(i));
    }
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Goes straight to one game for one profile, with time to spare.
fn play(game: GameId, profile: Profile) -> App {
    let mut app = kiosk();
    seconds(&mut app, 0.2, |_| child(0.0, vec![], vec![]));
    assert_eq!(screen(&app), Screen::Attract);
    start_game(&mut app, game, profile);
    assert_eq!(
        *app.world().resource::<State<Stage>>().get(),
        Stage::of(game)
    );
    app
}

#[test]
fn screens_flow_from_attract_to_celebration_and_back() {
    let mut app = kiosk();
    seconds(&mut app, 0.5, |_| child(0.0, vec![], vec![]));
    assert_eq!(
        screen(&app),
        Screen::Attract,
        "loading ends once levels are read"
    );
    app.world_mut().write_message(StartSession(SessionPlan {
        profile: Profile::Seated,
        minutes: 0.5,
        games: vec![GameId::AppleShake, GameId::FrogHop],
        child: Some("K7Q2".into()),
        sound_led: false,
    }));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Calibrate);
    let mut seen = vec![Screen::Calibrate];
    let mut stages = Vec::new();
    for _ in 0..(90.0 * FPS) as u32 {
        step(&mut app, child(0.3, vec![], vec![]));
        let s = screen(&app);
        if seen.last() != Some(&s) {
            seen.push(s);
        }
        if let Some(stage) = app.world().get_resource::<State<Stage>>() {
            let stage = *stage.get();
            if stages.last() != Some(&stage) {
                stages.push(stage);
            }
        }
        if s == Screen::Attract {
            break;
        }
    }
    assert_eq!(
        seen,
        [
            Screen::Calibrate,
            Screen::Play,
            Screen::Celebrate,
            Screen::Attract
        ]
    );
    assert_eq!(
        stages,
        [
            Stage::Between,
            Stage::Game(GameId::AppleShake),
            Stage::Between,
            Stage::Game(GameId::FrogHop),
            Stage::Between
        ]
    );
    let session = app.world().resource::<Session>();
    assert_eq!(session.results.len(), 2);
    // The session's half minute was shared between the two games.
    let played: f32 = session.results.iter().map(|r| r.seconds).sum();
    assert!((played - 30.0).abs() < 1.0, "played {played} s");
}

#[test]
fn wiggling_shakes_apples_into_the_basket_in_every_profile() {
    for profile in Profile::ALL {
        let mut app = play(GameId::AppleShake, profile);
        seconds(&mut app, 8.0, |i| {
            child(
                0.7,
                vec![gesture(GestureKind::Wiggle, None, i == 0)],
                vec![],
            )
        });
        seconds(&mut app, 4.0, |_| child(0.0, vec![], vec![]));
        let state = app.world().resource::<AppleShake>();
        assert!(
            state.loosened >= 2,
            "{profile}: {} apples loosened",
            state.loosened
        );
        assert_eq!(
            state.in_basket, state.loosened,
            "{profile}: every apple lands in the basket"
        );

        let mut still = play(GameId::AppleShake, profile);
        seconds(&mut still, 10.0, |_| child(0.0, vec![], vec![]));
        assert_eq!(
            still.world().resource::<AppleShake>().loosened,
            0,
            "{profile}: no movement, no apples"
        );
    }
}

#[test]
fn waving_over_a_firefly_catches_it_in_every_profile() {
    for profile in Profile::ALL {
        let mut app = play(GameId::FireflyCatch, profile);
        // Motion in the first firefly's area only.
        seconds(&mut app, 3.0, |_| {
            let mut zones = vec![ZoneReading::default(); 6];
            zones[0].motion = 0.4;
            child(0.4, vec![], zones)
        });
        let caught = app.world().resource::<FireflyCatch>().caught;
        assert!(caught >= 1, "{profile}: caught {caught}");

        let mut still = play(GameId::FireflyCatch, profile);
        seconds(&mut still, 5.0, |_| {
            child(0.0, vec![], vec![ZoneReading::default(); 6])
        });
        assert_eq!(
            still.world().resource::<FireflyCatch>().caught,
            0,
            "{profile}"
        );
    }
}

#[test]
fn a_jump_or_arms_up_hops_the_frog_in_every_profile() {
    for profile in Profile::ALL {
        let rise = match profile {
            Profile::Standing => gesture(GestureKind::Jump, None, true),
            Profile::Seated => gesture(GestureKind::ReachUp, Some(Side::Both), true),
            Profile::Bed => gesture(GestureKind::ReachUp, Some(Side::Left), true),
        };
        let mut app = play(GameId::FrogHop, profile);
        step(&mut app, child(0.5, vec![rise], vec![]));
        seconds(&mut app, 1.5, |_| child(0.1, vec![], vec![]));
        assert_eq!(app.world().resource::<FrogHop>().hops, 1, "{profile}");

        let mut still = play(GameId::FrogHop, profile);
        // Waving is not hopping.
        seconds(&mut still, 3.0, |i| {
            child(
                0.4,
                vec![gesture(GestureKind::Wave, Some(Side::Right), i == 0)],
                vec![],
            )
        });
        assert_eq!(still.world().resource::<FrogHop>().hops, 0, "{profile}");
    }
    // Seated, one arm is not enough (both arms are asked for).
    let mut app = play(GameId::FrogHop, Profile::Seated);
    step(
        &mut app,
        child(
            0.5,
            vec![gesture(GestureKind::ReachUp, Some(Side::Right), true)],
            vec![],
        ),
    );
    seconds(&mut app, 1.5, |_| child(0.1, vec![], vec![]));
    assert_eq!(app.world().resource::<FrogHop>().hops, 0);
}

#[test]
fn stillness_in_the_pause_scores_in_statues_in_every_profile() {
    for profile in Profile::ALL {
        for (still_in_pause, wins) in [(true, true), (false, false)] {
            let mut app = play(GameId::Statues, profile);
            for _ in 0..(45.0 * FPS) as u32 {
                let dancing = app.world().resource::<StatuesGame>().clock.music_on();
                let activity = if dancing || !still_in_pause { 0.6 } else { 0.0 };
                step(&mut app, child(activity, vec![], vec![]));
            }
            let stars = app.world().resource::<StatuesGame>().stars;
            assert_eq!(
                stars > 0,
                wins,
                "{profile}, still in pause {still_in_pause}: {stars} stars"
            );
        }
    }
}

#[test]
fn moving_paints_the_grey_wood() {
    for profile in Profile::ALL {
        let mut app = play(GameId::Paint, profile);
        let mut mask = BitMask::new(160, 120);
        for y in 20..110 {
            for x in 60..100 {
                mask.set(x, y, true);
            }
        }
        app.world_mut().resource_mut::<Motion>().silhouette = mask;
        seconds(&mut app, 4.0, |_| child(0.6, vec![], vec![]));
        let painted = app.world().resource::<PaintVeil>().painted();
        assert!(painted > 0.05, "{profile}: painted {painted}");

        let mut still = play(GameId::Paint, profile);
        seconds(&mut still, 4.0, |_| child(0.0, vec![], vec![]));
        assert_eq!(still.world().resource::<PaintVeil>().painted(), 0.0);
    }
}

/// A reading of an instrument's area: this much moving, in this direction (y down).
fn moving(motion: f32, dy: f32) -> ZoneReading {
    ZoneReading {
        motion,
        dx: 0.0,
        dy,
        direction: 0.0,
    }
}

#[test]
fn moving_over_an_instrument_plays_it_where_it_sits_in_every_profile() {
    for profile in Profile::ALL {
        let mut app = play(GameId::MusicalForest, profile);
        // Gentle movement over the drum (on the left), then strong movement over the frogs
        // (on the right).
        seconds(&mut app, 2.0, |_| {
            let mut zones = vec![ZoneReading::default(); 4];
            zones[0] = moving(0.1, -1.0);
            child(0.1, vec![], zones)
        });
        seconds(&mut app, 2.0, |_| {
            let mut zones = vec![ZoneReading::default(); 4];
            zones[1] = moving(0.5, 1.0);
            child(0.5, vec![], zones)
        });
        let forest = app.world().resource::<MusicalForest>();
        let played = forest.played.clone();
        assert!(played[0] >= 4, "{profile}: the drum played {played:?}");
        assert!(played[1] >= 4, "{profile}: the frogs sang {played:?}");
        assert!(
            played[2..].iter().all(|&n| n == 0),
            "{profile}: nothing moved over the others: {played:?}"
        );
        assert_eq!(app.world().resource::<Score>().0, forest.notes);
        let audio = app.world().resource::<AudioReport>();
        let drum = audio.game_sounds["musical_forest/drum"];
        let frogs = audio.game_sounds["musical_forest/frogs"];
        assert_eq!(drum.count, played[0], "{profile}: every note is heard");
        assert!(drum.pan < -0.1, "{profile}: the drum is heard on the left");
        assert!(
            frogs.pan > 0.1,
            "{profile}: the frogs are heard on the right"
        );
        assert!(
            frogs.volume > drum.volume,
            "{profile}: more movement is louder ({} vs {})",
            frogs.volume,
            drum.volume
        );

        let mut still = play(GameId::MusicalForest, profile);
        seconds(&mut still, 3.0, |_| {
            child(0.0, vec![], vec![ZoneReading::default(); 4])
        });
        assert_eq!(
            still.world().resource::<MusicalForest>().notes,
            0,
            "{profile}"
        );
        assert_eq!(
            still
                .world()
                .resource::<AudioReport>()
                .game_sounds_played("musical_forest"),
            0,
            "{profile}: nothing plays without movement"
        );
    }
}

#[test]
fn the_musical_forest_keeps_bed_instruments_close_and_few() {
    let spread = |profile| {
        let app = play(GameId::MusicalForest, profile);
        let forest = app.world().resource::<MusicalForest>();
        let centre = forest.instruments.iter().map(|(_, at)| *at).sum::<Vec2>()
            / forest.instruments.len() as f32;
        let far = forest
            .instruments
            .iter()
            .map(|(_, at)| at.distance(centre))
            .fold(0.0f32, f32::max);
        (forest.instruments.len(), far)
    };
    let (standing, standing_far) = spread(Profile::Standing);
    let (bed, bed_far) = spread(Profile::Bed);
    assert!(
        bed < standing,
        "{bed} instruments in bed, {standing} standing"
    );
    assert!(bed_far < standing_far, "{bed_far} vs {standing_far}");
}

mod staff {
    use super::*;
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    use wigglewoods::game::play_state::Paused;
    use wigglewoods::game::staff::{Action, Panel, StaffAccess, StaffUi};

    /// A kiosk with a keyboard, resting in the attract scene.
    fn kiosk_with_keys(pin: Option<&str>) -> App {
        let mut app = kiosk();
        app.init_resource::<ButtonInput<KeyCode>>();
        app.insert_resource(StaffAccess {
            pin: pin.map(wigglewoods::config::Pin::new),
            ..StaffAccess::default()
        });
        frames(&mut app, 3);
        assert_eq!(screen(&app), Screen::Attract);
        app
    }

    /// Runs frames as bevy's input plugin would: the just-pressed state lasts one frame.
    fn frames(app: &mut App, n: usize) {
        for _ in 0..n {
            step(app, child(0.2, vec![], vec![]));
            app.world_mut()
                .resource_mut::<ButtonInput<KeyCode>>()
                .clear();
        }
    }

    fn chord(app: &mut App) {
        {
            let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
            for k in StaffAccess::default().chord {
                keys.press(k);
            }
        }
        frames(app, 1);
        let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        for k in StaffAccess::default().chord {
            keys.release(k);
        }
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            let logical_key = if c == '\n' {
                Key::Enter
            } else {
                Key::Character(c.to_string().into())
            };
            app.world_mut().write_message(KeyboardInput {
                key_code: KeyCode::KeyA,
                logical_key,
                state: ButtonState::Pressed,
                text: None,
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
            frames(app, 1);
        }
    }

    fn press(app: &mut App, action: Action) {
        let button = {
            let mut q = app.world_mut().query::<(Entity, &Action)>();
            q.iter(app.world())
                .find(|(_, a)| **a == action)
                .map(|(e, _)| e)
                .unwrap_or_else(|| panic!("no {action:?} button"))
        };
        app.world_mut()
            .entity_mut(button)
            .insert(Interaction::Pressed);
        frames(app, 1);
        // The button may be gone with its panel.
        if let Ok(mut e) = app.world_mut().get_entity_mut(button) {
            e.insert(Interaction::None);
        }
    }

    fn open(app: &App) -> Option<Panel> {
        app.world().resource::<StaffUi>().open
    }

    #[test]
    fn the_chord_opens_the_launcher_and_a_session_starts_with_a_code() {
        let mut app = kiosk_with_keys(None);
        // A child mashing keys opens nothing.
        type_text(&mut app, "asdf\n");
        assert_eq!(open(&app), None);
        chord(&mut app);
        assert_eq!(open(&app), Some(Panel::Launcher));
        press(&mut app, Action::Profile(Profile::Bed));
        // A name is refused, with the reason shown.
        type_text(&mut app, "Lily\n");
        assert_eq!(screen(&app), Screen::Attract);
        assert!(app.world().resource::<StaffUi>().message.contains("name"));
        for _ in 0..4 {
            app.world_mut().write_message(KeyboardInput {
                key_code: KeyCode::Backspace,
                logical_key: Key::Backspace,
                state: ButtonState::Pressed,
                text: None,
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
        }
        frames(&mut app, 1);
        type_text(&mut app, "k7q2");
        press(&mut app, Action::Start);
        frames(&mut app, 2);
        assert_eq!(screen(&app), Screen::Calibrate);
        let session = app.world().resource::<Session>();
        assert_eq!(session.plan.child.as_deref(), Some("K7Q2"));
        assert_eq!(session.plan.profile, Profile::Bed);
        assert_eq!(open(&app), None);
    }

    #[test]
    fn the_pin_guards_the_launcher() {
        let mut app = kiosk_with_keys(Some("2468"));
        chord(&mut app);
        assert_eq!(open(&app), Some(Panel::Pin));
        for _ in 0..2 {
            type_text(&mut app, "1111\n");
            assert_eq!(open(&app), Some(Panel::Pin));
        }
        type_text(&mut app, "2468\n");
        assert_eq!(open(&app), Some(Panel::Launcher));
        // Three wrong PINs close the pad.
        let mut app = kiosk_with_keys(Some("2468"));
        chord(&mut app);
        for _ in 0..3 {
            type_text(&mut app, "0000\n");
        }
        assert_eq!(open(&app), None);
    }

    #[test]
    fn staff_pause_resume_and_stop_a_session() {
        let mut app = play(GameId::AppleShake, Profile::Seated);
        app.init_resource::<ButtonInput<KeyCode>>();
        frames(&mut app, 30);
        chord(&mut app);
        assert_eq!(open(&app), Some(Panel::Session));
        press(&mut app, Action::PauseResume);
        assert!(app.world().resource::<Paused>().0);
        let before = app.world().resource::<Session>().game_elapsed;
        frames(&mut app, 60);
        assert_eq!(
            app.world().resource::<Session>().game_elapsed,
            before,
            "time stands still"
        );
        press(&mut app, Action::PauseResume);
        frames(&mut app, 30);
        assert!(app.world().resource::<Session>().game_elapsed > before);
        press(&mut app, Action::Stop);
        frames(&mut app, 2);
        assert_eq!(screen(&app), Screen::Attract);
        let session = app.world().resource::<Session>();
        assert!(session.stopped_by_staff());
        assert_eq!(session.results.len(), 1);
        // The log says so too, with the game played so far.
        let log = app
            .world()
            .resource::<wigglewoods::game::records::Recording>()
            .last
            .clone()
            .expect("the session was logged");
        assert_eq!(log.end, Some(wigglewoods::logs::EndReason::StoppedByStaff));
        assert_eq!(log.games.len(), 1);
    }

    #[test]
    fn closing_the_window_does_nothing_while_locked() {
        let mut app = kiosk_with_keys(None);
        let window = app.world_mut().spawn_empty().id();
        app.world_mut()
            .write_message(bevy::window::WindowCloseRequested { window });
        frames(&mut app, 2);
        assert!(app.world().get_entity(window).is_ok(), "still open");
        assert!(app.world().resource::<Messages<AppExit>>().is_empty());
        chord(&mut app);
        press(&mut app, Action::Quit);
        app.world_mut()
            .write_message(bevy::window::WindowCloseRequested { window });
        frames(&mut app, 1);
        assert!(
            app.world().get_entity(window).is_err(),
            "closed once unlocked"
        );
    }
}

/// Sessions become log files; staff export them from the launcher.
mod records {
    use super::*;
    use std::path::{Path, PathBuf};
    use wigglewoods::config::KioskConfig;
    use wigglewoods::game::records::{Recording, SessionLogs};
    use wigglewoods::game::settings::Settings;
    use wigglewoods::game::staff::{Action, StaffUi};
    use wigglewoods::logs::{EndReason, LogWriter, WriterOptions, read_log};

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-game-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn session_files(root: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "ron") {
                    found.push(path);
                }
            }
        }
        found
    }

    /// A kiosk writing its logs into `logs`.
    fn logged_kiosk(logs: &Path) -> App {
        let writer = LogWriter::start(logs, WriterOptions::default()).unwrap();
        kiosk_with(|app| {
            app.insert_resource(SessionLogs {
                writer: Some(writer),
                kiosk: "ward-a".into(),
                ward: "Rainbow".into(),
            });
        })
    }

    fn writer_flush(app: &App) {
        let logs = app.world().resource::<SessionLogs>();
        assert!(logs.writer.as_ref().unwrap().flush(Duration::from_secs(10)));
    }

    #[test]
    fn a_session_is_checkpointed_while_played_and_logged_when_done() {
        let root = temp_dir("session");
        let mut app = logged_kiosk(&root);
        seconds(&mut app, 0.5, |_| child(0.0, vec![], vec![]));
        app.world_mut().write_message(StartSession(SessionPlan {
            profile: Profile::Seated,
            minutes: 0.5,
            games: vec![GameId::AppleShake, GameId::FrogHop],
            child: Some("K7Q2".into()),
            sound_led: false,
        }));
        // A child wiggling, with a new wiggle every second.
        let wiggling = |i: u32| {
            let started = i.is_multiple_of(30);
            child(
                0.45,
                vec![gesture(GestureKind::Wiggle, None, started)],
                vec![],
            )
        };
        seconds(&mut app, 15.0, wiggling);
        writer_flush(&app);
        let files = session_files(&root);
        assert_eq!(files.len(), 1, "one file per session: {files:?}");
        let checkpoint = read_log(&files[0]).unwrap();
        assert_eq!(checkpoint.end, None, "still running");
        assert!(!checkpoint.timeline.is_empty());

        for _ in 0..(90.0 * FPS) as u32 {
            step(&mut app, wiggling(0));
            if screen(&app) == Screen::Attract {
                break;
            }
        }
        assert_eq!(screen(&app), Screen::Attract);
        writer_flush(&app);
        let files = session_files(&root);
        assert_eq!(files.len(), 1);
        let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with("_ward-a.ron"), "{name}");
        let log = read_log(&files[0]).unwrap();
        assert_eq!(log.end, Some(EndReason::Completed));
        assert_eq!(log.child.as_deref(), Some("K7Q2"));
        assert_eq!(log.ward, "Rainbow");
        assert_eq!(log.profile, Profile::Seated);
        let games: Vec<GameId> = log.games.iter().map(|g| g.game).collect();
        assert_eq!(games, [GameId::AppleShake, GameId::FrogHop]);
        assert!(log.games[0].gestures.get("wiggle").copied().unwrap_or(0) >= 5);
        assert!(log.games[0].score > 0, "apples fell: {:?}", log.games[0]);
        // Calibration and half a minute of games, all of it active.
        let measured: f32 = log.timeline.iter().map(|s| s.seconds).sum();
        assert!((30.0..50.0).contains(&measured), "{measured} s measured");
        assert!(log.timeline.iter().all(|s| s.active && s.activity > 0.4));
        assert!(log.totals.active_minutes > 0.5, "{:?}", log.totals);
        // Files are private to the kiosk's user.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_camera_that_stays_away_ends_the_session_and_the_log_says_so() {
        use wigglewoods::game::motion_bridge::InputState;
        let mut app = play(GameId::AppleShake, Profile::Bed);
        seconds(&mut app, 2.0, |_| child(0.3, vec![], vec![]));
        app.world_mut().resource_mut::<Motion>().input = InputState::Lost {
            reason: "The camera was unplugged.".into(),
        };
        for _ in 0..(125.0 * FPS) as u32 {
            app.update();
            if screen(&app) == Screen::Attract {
                break;
            }
        }
        assert_eq!(screen(&app), Screen::Attract);
        let session = app.world().resource::<Session>();
        assert_eq!(session.ended_early, Some(EndReason::CameraLost));
        let log = app.world().resource::<Recording>().last.clone().unwrap();
        assert_eq!(log.end, Some(EndReason::CameraLost));
        assert_eq!(log.camera_lost.len(), 1, "the outage is in the log");
        assert!(log.camera_lost[0].seconds >= 119.0, "{:?}", log.camera_lost);
        assert_eq!(log.camera_lost[0].reason, "The camera was unplugged.");
        // Only the two seconds with a camera were measured.
        let measured: f32 = log.timeline.iter().map(|s| s.seconds).sum();
        assert!(measured < 3.0, "{measured}");
    }

    #[test]
    fn nobody_in_front_of_the_camera_ends_the_session_by_itself() {
        use wigglewoods::game::motion_bridge::InputState;
        let mut app = play(GameId::FireflyCatch, Profile::Standing);
        app.world_mut().resource_mut::<Motion>().input = InputState::Running {
            name: "test".into(),
        };
        let empty = || MotionReport {
            frame_size: (640, 480),
            mask_size: (160, 120),
            ..MotionReport::default()
        };
        for _ in 0..(185.0 * FPS) as u32 {
            step(&mut app, empty());
            if screen(&app) == Screen::Attract {
                break;
            }
        }
        assert_eq!(screen(&app), Screen::Attract);
        let log = app.world().resource::<Recording>().last.clone().unwrap();
        assert_eq!(log.end, Some(EndReason::Idle));
    }

    #[test]
    fn staff_export_the_report_from_the_launcher() {
        let root = temp_dir("export");
        let logs = root.join("logs");
        let out = root.join("usb");
        let mut app = logged_kiosk(&logs);
        // One finished session in the logs.
        app.world_mut().write_message(StartSession(SessionPlan {
            profile: Profile::Standing,
            minutes: 0.2,
            games: vec![GameId::Statues],
            child: Some("R17".into()),
            sound_led: false,
        }));
        for _ in 0..(60.0 * FPS) as u32 {
            step(&mut app, child(0.3, vec![], vec![]));
            if screen(&app) == Screen::Attract && app.world().resource::<Recording>().last.is_some()
            {
                break;
            }
        }
        writer_flush(&app);
        let mut config = KioskConfig::default();
        config.kiosk.id = "ward-a".into();
        config.logs.folder = logs.clone();
        config.export.folder = out.clone();
        app.insert_resource(Settings {
            config,
            problems: Vec::new(),
        });
        app.init_resource::<ButtonInput<KeyCode>>();
        {
            let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
            for k in wigglewoods::game::staff::StaffAccess::default().chord {
                keys.press(k);
            }
        }
        app.update();
        let button = {
            let mut q = app.world_mut().query::<(Entity, &Action)>();
            q.iter(app.world())
                .find(|(_, a)| **a == Action::Export)
                .map(|(e, _)| e)
                .expect("an export button on the launcher")
        };
        app.world_mut()
            .entity_mut(button)
            .insert(Interaction::Pressed);
        for _ in 0..300 {
            app.update();
            std::thread::sleep(Duration::from_millis(10));
            if app
                .world()
                .resource::<StaffUi>()
                .message
                .starts_with("Exported")
            {
                break;
            }
        }
        let message = app.world().resource::<StaffUi>().message.clone();
        assert!(message.starts_with("Exported 1 session to"), "{message}");
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names[0].starts_with("wigglewoods_ward-a_") && names[0].ends_with("_games.csv"));
        assert!(names[1].ends_with("_report.html"));
        assert!(names[2].ends_with("_sessions.csv"));
        let csv = std::fs::read_to_string(out.join(&names[2])).unwrap();
        assert!(csv.contains("R17"), "{csv}");
    }

    #[test]
    fn a_broken_config_is_shown_to_staff_on_the_attract_screen() {
        let mut app = kiosk_with(|app| {
            app.insert_resource(Settings {
                config: KioskConfig::default(),
                problems: vec![
                    "kiosk-config/kiosk.ron:14:9: audio.cap: must be between 0 and 1, found 1.5"
                        .into(),
                ],
            });
        });
        seconds(&mut app, 0.5, |_| child(0.0, vec![], vec![]));
        assert_eq!(screen(&app), Screen::Attract);
        let mut q = app.world_mut().query::<(&Name, &Children)>();
        let panel = q
            .iter(app.world())
            .find(|(n, _)| n.as_str() == "Config errors")
            .map(|(_, c)| c[0])
            .expect("the staff error screen");
        let text = app.world().get::<Text>(panel).unwrap();
        assert!(text.0.contains("kiosk.ron:14:9: audio.cap"), "{}", text.0);
    }
}

// ---------------------------------------------------------------------------------------
// Answers: how soon the screen (and the speakers) answer a child.

/// The display rate the kiosk draws at.
const DISPLAY_FPS: f32 = 60.0;

/// What the game shows, as numbers: every piece of the game's own (what it spawns for its
/// stage, not the forest around it, which answers any movement) with its place (to half a pixel of the
/// 1280x720 canvas), size (to half a percent), turn (to a two-hundredth of a radian: a tree's
/// crown moves a pixel), visibility and colour (a sprite's tint, a mesh's material, to one
/// level of 255), the pixels of pictures painted into, and the sounds started so far. Two runs given the same movement show the
/// same; a game answering makes them differ.
fn picture(app: &mut App) -> Vec<i64> {
    let world = app.world_mut();
    let materials: Vec<(AssetId<ColorMaterial>, [i64; 4])> = world
        .get_resource::<Assets<ColorMaterial>>()
        .map(|assets| assets.iter().map(|(id, m)| (id, colour(m.color))).collect())
        .unwrap_or_default();
    let mut query = world.query_filtered::<(
        Entity,
        &GlobalTransform,
        Option<&Visibility>,
        Option<&Sprite>,
        Option<&MeshMaterial2d<ColorMaterial>>,
    ), With<DespawnOnExit<Stage>>>();
    let mut out = Vec::new();
    for (entity, at, visibility, sprite, material) in query.iter(world) {
        let (scale, turn, place) = at.to_scale_rotation_translation();
        out.push(entity.to_bits() as i64);
        out.extend(rounded([place.x, place.y, place.z], 2.0));
        out.extend(rounded([scale.x, scale.y, 0.0], 200.0));
        out.extend(rounded([turn.z, turn.w, 0.0], 400.0));
        out.push(visibility.map_or(-1, |v| *v as i64));
        if let Some(sprite) = sprite {
            out.extend(colour(sprite.color));
            // A picture painted into (the paint game's veil): its pixels.
            if let Some(data) = world
                .get_resource::<Assets<Image>>()
                .and_then(|images| images.get(&sprite.image))
                .and_then(|image| image.data.as_ref())
            {
                out.push(
                    data.iter()
                        .fold(0i64, |h, &b| h.wrapping_mul(31).wrapping_add(i64::from(b))),
                );
            }
        }
        if let Some(m) = material
            && let Some((_, colour)) = materials.iter().find(|(id, _)| *id == m.0.id())
        {
            out.extend(colour);
        }
    }
    out.sort_unstable();
    let audio = world.resource::<AudioReport>();
    let mut sounds: Vec<i64> = audio.played.values().map(|&n| i64::from(n)).collect();
    sounds.extend(audio.game_sounds.values().map(|s| i64::from(s.count)));
    sounds.sort_unstable();
    out.push(-7);
    out.extend(sounds);
    out
}

fn rounded(v: [f32; 3], steps: f32) -> [i64; 3] {
    v.map(|x| (x * steps).round() as i64)
}

fn colour(c: Color) -> [i64; 4] {
    c.to_srgba()
        .to_f32_array()
        .map(|x| (x * 255.0).round() as i64)
}

/// One game in a kiosk drawing at the display rate.
fn play_at_display_rate(game: GameId, profile: Profile) -> App {
    // With meshes and materials, so that the games build what they draw.
    let mut app = headless_app(Duration::from_secs_f32(1.0 / DISPLAY_FPS), |app| {
        app.add_plugins(AssetPlugin::default())
            .init_asset::<Mesh>()
            .init_asset::<ColorMaterial>()
            .init_asset::<Image>();
    });
    app.update();
    for _ in 0..6 {
        step(&mut app, child(0.0, vec![], vec![]));
    }
    start_game(&mut app, game, profile);
    app
}

/// What a child does in each game (frame `i` of doing it) and what the same child does
/// when not playing: `(action, idle)`.
fn action_of(game: GameId, profile: Profile, i: u32) -> (MotionReport, MotionReport) {
    let zones = |n: usize, hit: Option<(usize, ZoneReading)>| {
        let mut z = vec![ZoneReading::default(); n];
        if let Some((k, reading)) = hit {
            z[k] = reading;
        }
        z
    };
    match game {
        // The wiggle itself (the idle child moves as much, without wiggling).
        GameId::AppleShake => (
            child(
                0.7,
                vec![gesture(GestureKind::Wiggle, None, i == 0)],
                vec![],
            ),
            child(0.7, vec![], vec![]),
        ),
        // A hand over the first firefly (the idle child moves as much, elsewhere).
        GameId::FireflyCatch => (
            child(0.4, vec![], zones(6, Some((0, moving(0.4, 0.0))))),
            child(0.4, vec![], zones(6, None)),
        ),
        GameId::FrogHop => {
            let rise = match profile {
                Profile::Standing => gesture(GestureKind::Jump, None, i == 0),
                Profile::Seated => gesture(GestureKind::ReachUp, Some(Side::Both), i == 0),
                Profile::Bed => gesture(GestureKind::ReachUp, Some(Side::Left), i == 0),
            };
            (child(0.5, vec![rise], vec![]), child(0.5, vec![], vec![]))
        }
        // Holding still once the music has stopped (the idle child goes on dancing).
        GameId::Statues => (child(0.0, vec![], vec![]), child(0.6, vec![], vec![])),
        // Moving where the child's shape is (the idle child's shape is elsewhere).
        GameId::Paint => (child(0.6, vec![], vec![]), child(0.6, vec![], vec![])),
        // Moving over the drum (the idle child moves as much, over nothing).
        GameId::MusicalForest => (
            child(0.5, vec![], zones(4, Some((0, moving(0.5, 1.0))))),
            child(0.5, vec![], zones(4, None)),
        ),
    }
}

#[test]
fn every_game_answers_a_child_within_100_ms() {
    // Two kiosks run the same game side by side; from one frame on, the child in the first
    // plays and the child in the second does not. The first frame whose picture differs is
    // the answer. At 60 frames a second, 100 ms is the sixth frame after the report.
    let within = (0.1 * DISPLAY_FPS).round() as u32;
    let mut table = Vec::new();
    for game in GameId::ALL {
        for profile in Profile::ALL {
            let mut playing = play_at_display_rate(game, profile);
            let mut idle = play_at_display_rate(game, profile);
            if game == GameId::Statues {
                // Up to the moment the music stops, both dance.
                while playing.world().resource::<StatuesGame>().clock.music_on() {
                    step(&mut playing, child(0.6, vec![], vec![]));
                    step(&mut idle, child(0.6, vec![], vec![]));
                }
            }
            for _ in 0..30 {
                let (_, still) = action_of(game, profile, 0);
                step(&mut playing, still.clone());
                step(&mut idle, still);
            }
            assert_eq!(
                picture(&mut playing),
                picture(&mut idle),
                "{game:?} {profile}: two kiosks given the same movement show the same"
            );
            if game == GameId::Paint {
                // Paint follows the children's shapes: the playing child's shape comes into
                // the middle; the idle child moves as much out of sight.
                let mut mask = BitMask::new(160, 120);
                for y in 20..110 {
                    for x in 60..100 {
                        mask.set(x, y, true);
                    }
                }
                playing.world_mut().resource_mut::<Motion>().silhouette = mask;
            }
            let answered = (0..30).find(|&i| {
                let (action, still) = action_of(game, profile, i);
                step(&mut playing, action);
                step(&mut idle, still);
                picture(&mut playing) != picture(&mut idle)
            });
            let frames = answered.map(|f| f + 1);
            table.push(format!(
                "{game:?} {profile}: answered on frame {}",
                frames.map_or("never (in 0.5 s)".to_owned(), |f| format!(
                    "{f} ({:.0} ms)",
                    f as f32 * 1000.0 / DISPLAY_FPS
                ))
            ));
            assert!(
                frames.is_some_and(|f| f <= within),
                "{}",
                table.last().unwrap()
            );
        }
    }
    for line in &table {
        println!("{line}");
    }
}

// ---------------------------------------------------------------------------------------
// Play by ear.

/// One child at `x` (of a 640-wide picture) with the top of their box (the hands) at `top`.
fn child_at_place(x: f32, top: f32) -> MotionReport {
    let mut report = child(0.3, vec![], vec![]);
    let p = &mut report.players[0];
    p.cx = x;
    p.x = x - 80.0;
    p.y = top;
    p.h = 480.0 - top;
    report
}

#[test]
fn played_by_ear_each_child_and_target_is_heard_where_they_are() {
    let mut app = play(GameId::FrogHop, Profile::Standing);
    app.world_mut().resource_mut::<Session>().plan.sound_led = true;
    // On the left with the hands low, then on the right with the hands high.
    seconds(&mut app, 0.5, |_| child_at_place(100.0, 300.0));
    let left = app.world().resource::<AudioReport>().ear.clone();
    seconds(&mut app, 0.5, |_| child_at_place(540.0, 20.0));
    let right = app.world().resource::<AudioReport>().ear.clone();
    assert_eq!((left.len(), right.len()), (1, 1), "{left:?} {right:?}");
    let (left, right) = (left[0], right[0]);
    assert_eq!(left.player, 1);
    assert!(left.pan < -0.5 && right.pan > 0.5, "{left:?} {right:?}");
    assert!(
        right.pitch > 1.2 * left.pitch,
        "hands up is higher: {left:?} {right:?}"
    );
    assert!(left.volume > 0.2 && right.volume > 0.2);

    // The game's tune was played as it began, and the next lily pad pings from its place,
    // louder when the child's hand is near it.
    let audio = app.world().resource::<AudioReport>();
    assert!(audio.game_sounds["by_ear/frog_hop"].count >= 1);
    let pad = wigglewoods::game::minigames::frog_hop::pad_position(1, {
        app.world().resource::<FrogHop>().pads
    });
    let pad_picture = wigglewoods::game::layout::world_to_picture(pad);
    let (pad_x, pad_top) = (pad_picture.x * 640.0, pad_picture.y * 480.0);
    let ping = |app: &mut App, x: f32, top: f32| {
        seconds(app, 1.5, |_| child_at_place(x, top));
        app.world().resource::<AudioReport>().game_sounds["by_ear/ping"]
    };
    let near = ping(&mut app, pad_x, pad_top);
    let far_x = if pad_x < 320.0 { 620.0 } else { 20.0 };
    let far = ping(&mut app, far_x, 20.0);
    assert!(near.count >= 1 && far.count > near.count);
    assert!(near.volume > far.volume + 0.1, "near {near:?}, far {far:?}");
    assert!(
        (near.pan - pad.x / 800.0).abs() < 0.01,
        "the pad is heard where it is: {near:?} at {pad}"
    );

    // When the child leaves, their tone goes.
    seconds(&mut app, 0.2, |_| MotionReport {
        frame_size: (640, 480),
        ..MotionReport::default()
    });
    assert!(app.world().resource::<AudioReport>().ear.is_empty());
}

#[test]
fn each_game_sounds_its_own_tune_by_ear_and_nothing_when_off() {
    for game in GameId::ALL {
        let mut app = play(game, Profile::Seated);
        app.world_mut().resource_mut::<Session>().plan.sound_led = true;
        seconds(&mut app, 0.3, |_| child(0.2, vec![], vec![]));
        let audio = app.world().resource::<AudioReport>();
        let tunes: Vec<&str> = audio
            .game_sounds
            .keys()
            .copied()
            .filter(|k| k.starts_with("by_ear/") && *k != "by_ear/ping")
            .collect();
        assert_eq!(
            tunes,
            [wigglewoods::game::by_ear::sounds::motif_name(game)],
            "{game:?}"
        );

        let mut off = play(game, Profile::Seated);
        seconds(&mut off, 2.0, |_| child(0.2, vec![], vec![]));
        let audio = off.world().resource::<AudioReport>();
        assert!(audio.ear.is_empty(), "{game:?}");
        assert_eq!(audio.game_sounds_played("by_ear"), 0, "{game:?}");
    }
}
