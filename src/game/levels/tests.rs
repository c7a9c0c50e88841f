//! The real level files, and the plugin in a headless App loading from temporary folders.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::asset::AssetPlugin;
use bevy::prelude::*;

use super::*;
use crate::game::minigames::level_fields;
use crate::ron_diag::Outline;

fn real_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")
}

fn real_text(game: GameId) -> String {
    std::fs::read_to_string(real_dir().join(game.file_name())).expect("the level file exists")
}

fn real_level(game: GameId) -> LoadedLevel {
    let shown = format!("levels/{}", game.file_name());
    parse_level(&shown, &real_text(game)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_real_file_is_valid_and_lasts_about_a_minute() {
    for game in GameId::ALL {
        let level = real_level(game);
        assert_eq!(level.game, game);
        assert!(
            (60.0..=90.0).contains(&level.seconds),
            "{}: {} s",
            game.name(),
            level.seconds
        );
    }
    let levels = Levels::read_dir(&real_dir());
    assert!(levels.is_ready());
    assert_eq!(levels.errors().count(), 0);
    assert_eq!(levels.playable().collect::<Vec<_>>(), GameId::ALL);
}

/// Whether `easier` is easier than `harder` for one field: `Some(true)` easier, `Some(false)`
/// not, `None` when the field has no easier direction (dance lengths).
fn easier(spec: &FieldSpec, easier: FieldValue, harder: FieldValue) -> Option<bool> {
    let number = |v: FieldValue| match v {
        FieldValue::Whole(n) => n as f32,
        FieldValue::Number(x) => x,
        FieldValue::Pair(..) => f32::NAN,
    };
    let (a, b) = (number(easier), number(harder));
    match spec.easier {
        Easier::Lower => Some(a < b),
        Easier::Higher => Some(a > b),
        Easier::Neither => None,
    }
}

/// Each field's value per profile, as the game reads them from its file.
fn values_by_profile(game: GameId) -> Vec<(FieldSpec, [FieldValue; 3])> {
    use crate::motion::Profile;
    let level = real_level(game);
    let [standing, seated, bed] =
        [Profile::Standing, Profile::Seated, Profile::Bed].map(|profile| level.values(profile));
    level_fields(game)
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            assert_eq!(standing[i].0, spec.name, "values in the table's order");
            (*spec, [standing[i].1, seated[i].1, bed[i].1])
        })
        .collect()
}

#[test]
fn bed_is_easiest_and_standing_hardest_in_every_file() {
    for game in GameId::ALL {
        let mut compared = 0;
        for (spec, [standing, seated, bed]) in values_by_profile(game) {
            let field = spec.name;
            if let Some(bed_easier) = easier(&spec, bed, seated) {
                assert!(
                    bed_easier,
                    "{}: bed not easier than seated in {field}",
                    game.name()
                );
                let seated_easier = easier(&spec, seated, standing).unwrap();
                assert!(
                    seated_easier,
                    "{}: seated not easier than standing in {field}",
                    game.name()
                );
                compared += 1;
            }
        }
        assert!(compared > 0, "{}: nothing to compare", game.name());
    }
}

#[test]
fn every_field_the_game_uses_is_written_with_a_comment_above_it() {
    for game in GameId::ALL {
        let text = real_text(game);
        let lines: Vec<&str> = text.lines().collect();
        let outline = Outline::new(&text);
        for profile in ["standing", "seated", "bed"] {
            for field in level_fields(game).iter().map(|f| f.name) {
                let path = format!("difficulty.{profile}.{field}");
                assert!(
                    outline.key(&path).is_some(),
                    "{}: {path} is not written",
                    game.name()
                );
            }
        }
        for key in outline.keys() {
            let above = lines[key.position.line - 2].trim_start();
            assert!(
                above.starts_with("//"),
                "{}:{}: {} has no comment above it",
                game.file_name(),
                key.position.line,
                key.path
            );
        }
    }
}

#[test]
fn read_dir_reports_missing_files() {
    let dir = TempLevels::new("read-dir");
    std::fs::remove_file(dir.path().join("paint.ron")).unwrap();
    let levels = Levels::read_dir(dir.path());
    assert!(levels.is_ready());
    let errors: Vec<_> = levels.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, GameId::Paint);
    assert_eq!(errors[0].1.kind, LevelErrorKind::NotFound);
    assert_eq!(levels.playable().count(), GameId::ALL.len() - 1);
}

#[test]
fn under_cargo_the_crates_levels_folder_is_found() {
    let crate_levels = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("levels");
    assert_eq!(LevelsDir::find().0, crate_levels);
}

/// A temporary copy of the real levels folder, removed on drop.
struct TempLevels(PathBuf);

impl TempLevels {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-levels-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for game in GameId::ALL {
            std::fs::copy(
                real_dir().join(game.file_name()),
                dir.join(game.file_name()),
            )
            .unwrap();
        }
        TempLevels(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, game: GameId, text: &str) {
        std::fs::write(self.0.join(game.file_name()), text).unwrap();
    }
}

impl Drop for TempLevels {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every [`LevelChanged`] seen, in order.
#[derive(Resource, Default)]
struct Seen(Vec<GameId>);

fn record(mut changed: MessageReader<LevelChanged>, mut seen: ResMut<Seen>) {
    seen.0.extend(changed.read().map(|c| c.0));
}

fn asset_plugin(dir: &TempLevels, watch: bool) -> AssetPlugin {
    AssetPlugin {
        file_path: dir.path().join("assets").to_string_lossy().into_owned(),
        watch_for_changes_override: Some(watch),
        ..default()
    }
}

/// An app with the levels plugin first, as the kiosk adds it, reading `dir`.
fn app_reading(dir: &TempLevels, watch: bool) -> App {
    let mut app = App::new();
    app.insert_resource(LevelsDir(dir.path().to_path_buf()))
        .add_plugins(MinimalPlugins)
        .add_plugins(plugin)
        .add_plugins(asset_plugin(dir, watch))
        .init_resource::<Seen>()
        .add_systems(Update, record);
    app.finish();
    app.cleanup();
    app
}

/// Updates until `done` or a generous frame limit; loading runs on bevy's task pools.
fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    for _ in 0..4000 {
        app.update();
        if done(app.world()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("gave up waiting for {what}");
}

fn ready(world: &World) -> bool {
    world.resource::<Levels>().is_ready()
}

fn broken_statues() -> String {
    real_text(GameId::Statues).replace("freeze_seconds: 2.0", "freeze_seconds: 20.0")
}

fn line_of(text: &str, needle: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
}

#[test]
fn app_loads_valid_levels_and_reports_a_broken_one() {
    let dir = TempLevels::new("app");
    dir.write(GameId::Statues, &broken_statues());
    let mut app = app_reading(&dir, false);
    let ready_now = |app: &mut App| app.world_mut().run_system_cached(levels_ready).unwrap();
    assert!(!ready_now(&mut app));
    update_until(&mut app, "every level", ready);
    assert!(ready_now(&mut app));

    let levels = app.world().resource::<Levels>();
    for game in [
        GameId::AppleShake,
        GameId::FireflyCatch,
        GameId::FrogHop,
        GameId::Paint,
    ] {
        assert_eq!(levels.get(game), Some(&real_level(game)), "{}", game.name());
    }
    assert_eq!(levels.get(GameId::Statues), None);
    let errors: Vec<_> = levels.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (game, error) = errors[0];
    assert_eq!(game, GameId::Statues);
    assert_eq!(error.kind, LevelErrorKind::OutOfRange);
    assert_eq!(
        error.field.as_deref(),
        Some("difficulty.bed.freeze_seconds")
    );
    let line = line_of(&broken_statues(), "freeze_seconds: 20.0");
    assert_eq!(
        error.to_string(),
        format!(
            "levels/statues.ron:{line}:13: difficulty.bed.freeze_seconds: must be between 1 and 15, found 20"
        )
    );
    assert_eq!(levels.playable().count(), GameId::ALL.len() - 1);

    app.update();
    let mut seen = app.world().resource::<Seen>().0.clone();
    seen.sort();
    assert_eq!(seen, GameId::ALL, "one LevelChanged per game");
}

#[test]
fn a_reload_follows_fixes_and_breakages() {
    let dir = TempLevels::new("reload");
    dir.write(GameId::Statues, &broken_statues());
    let mut app = app_reading(&dir, false);
    update_until(&mut app, "every level", ready);
    app.world_mut().resource_mut::<Seen>().0.clear();
    let reload = |app: &mut App| {
        app.world()
            .resource::<AssetServer>()
            .reload("levels://statues.ron");
    };

    // Fixed on disk and reloaded (what the file watcher does): the error is replaced.
    dir.write(GameId::Statues, &real_text(GameId::Statues));
    reload(&mut app);
    update_until(&mut app, "the fixed level", |w| {
        w.resource::<Levels>().get(GameId::Statues).is_some()
    });
    assert_eq!(app.world().resource::<Levels>().errors().count(), 0);
    app.update();
    assert_eq!(app.world().resource::<Seen>().0, [GameId::Statues]);

    // Broken again: reported, and the game is skipped rather than kept at its old values.
    let text = real_text(GameId::Statues).replace("game: statues", "game: statue");
    dir.write(GameId::Statues, &text);
    reload(&mut app);
    update_until(&mut app, "the broken level", |w| {
        w.resource::<Levels>().error(GameId::Statues).is_some()
    });
    let levels = app.world().resource::<Levels>();
    assert_eq!(levels.get(GameId::Statues), None);
    let error = levels.error(GameId::Statues).unwrap().first();
    assert_eq!(error.kind, LevelErrorKind::WrongGame);
    assert_eq!(
        error.message,
        "unknown game `statue`; did you mean `statues`?"
    );
    assert_eq!(error.position.unwrap().line, line_of(&text, "game: statue"));
}

#[test]
fn the_file_watcher_picks_up_an_edit() {
    let dir = TempLevels::new("watch");
    let mut app = app_reading(&dir, true);
    update_until(&mut app, "every level", ready);
    assert_eq!(app.world().resource::<Levels>().errors().count(), 0);

    let text = real_text(GameId::Paint).replace("brush: 0.14", "brush: 0.2");
    dir.write(GameId::Paint, &text);
    update_until(&mut app, "the watcher", |w| {
        w.resource::<Levels>()
            .get(GameId::Paint)
            .and_then(|l| l.values(crate::motion::Profile::Bed).first().copied())
            .is_some_and(|(_, brush)| brush == FieldValue::Number(0.2))
    });
}

#[test]
fn a_missing_file_is_reported_and_the_rest_load() {
    let dir = TempLevels::new("missing");
    std::fs::remove_file(dir.path().join("frog_hop.ron")).unwrap();
    let mut app = app_reading(&dir, false);
    update_until(&mut app, "every level", ready);
    let levels = app.world().resource::<Levels>();
    let error = levels.error(GameId::FrogHop).unwrap().first();
    assert_eq!(error.kind, LevelErrorKind::NotFound);
    assert_eq!(error.file, "levels/frog_hop.ron");
    assert!(error.message.contains("frog_hop.ron"), "{error}");
    assert_eq!(levels.playable().count(), GameId::ALL.len() - 1);
}

#[test]
fn source_plugin_first_and_plugin_after_asset_plugin_works() {
    let dir = TempLevels::new("split");
    let mut app = App::new();
    app.insert_resource(LevelsDir(dir.path().to_path_buf()))
        .add_plugins(MinimalPlugins)
        .add_plugins(source_plugin)
        .add_plugins(asset_plugin(&dir, false))
        .add_plugins(plugin);
    update_until(&mut app, "every level", ready);
    assert_eq!(
        app.world().resource::<Levels>().playable().count(),
        GameId::ALL.len()
    );
}

#[test]
fn plugin_after_asset_plugin_alone_skips_every_game_without_panicking() {
    let dir = TempLevels::new("late");
    let mut app = App::new();
    app.insert_resource(LevelsDir(dir.path().to_path_buf()))
        .add_plugins(MinimalPlugins)
        .add_plugins(asset_plugin(&dir, false))
        .add_plugins(plugin);
    update_until(&mut app, "every level", ready);
    let levels = app.world().resource::<Levels>();
    assert_eq!(levels.playable().count(), 0);
    let (_, error) = levels.errors().next().unwrap();
    assert!(
        error.message.contains("levels folder is not set up"),
        "{error}"
    );
}
