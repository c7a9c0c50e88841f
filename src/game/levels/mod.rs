//! Levels: one RON file per mini-game in `levels/`, loaded as bevy assets and hot-reloaded.
//!
//! The files live in `levels/` beside the crate (or the installed binary), not in `assets/`:
//! they are for play specialists to edit. They are read through a second asset source named
//! `levels` ([`LEVELS_SOURCE`]), watched by bevy's `file_watcher`, so an edit reaches the
//! kiosk within about a second. A broken file is reported with its file, line and field
//! ([`Levels::errors`]) and its game is skipped ([`Levels::get`] gives `None`) until the file
//! is fixed; nothing panics.
//!
//! # Using it
//!
//! ```no_run
//! use bevy::prelude::*;
//! use wigglewoods::game::levels::{self, LevelChanged, Levels, levels_ready};
//! use wigglewoods::games::GameId;
//!
//! fn start_when_ready(levels: Res<Levels>) {
//!     for game in GameId::ALL {
//!         match levels.get(game) {
//!             Some(level) => info!("{} lasts {} s", game.name(), level.seconds),
//!             None => info!("{} is skipped", game.name()),
//!         }
//!     }
//!     for (game, error) in levels.errors() {
//!         warn!("{}: {error}", game.name());
//!     }
//! }
//!
//! App::new()
//!     // The `levels` asset source must exist before `AssetPlugin` builds: add the levels
//!     // plugin (or just `levels::source_plugin`) before `DefaultPlugins`.
//!     .add_plugins(levels::plugin)
//!     .add_plugins(DefaultPlugins)
//!     .add_systems(Update, start_when_ready.run_if(levels_ready))
//!     .run();
//! ```

mod fields;
mod loader;
mod schema;
mod validate;

pub use fields::{Easier, FieldSpec, FieldValue, ValueKind};
pub use loader::{Level, LevelLoader};
pub use schema::{ByProfile, GameLevel, LevelFile, LoadedLevel, present};
pub use validate::{
    LevelError, LevelErrorKind, LevelErrors, Position, Problem, check_level, did_you_mean,
    edit_distance, expected_game, parse_game_level, parse_level,
};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::{AssetReaderError, AssetSourceBuilder, AssetSourceBuilders};
use bevy::asset::{AssetLoadError, LoadState, handle_internal_asset_events};
use bevy::prelude::*;

use crate::games::GameId;

/// The name of the asset source that reads the levels folder: `levels://apple_shake.ron`.
pub const LEVELS_SOURCE: &str = "levels";

/// Where the level files are. Insert it before the levels plugin to choose the folder;
/// otherwise the plugin finds one with [`LevelsDir::find`]. A relative path is taken from
/// the current directory.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct LevelsDir(pub PathBuf);

impl LevelsDir {
    /// The level files that go with the kiosk's config (see [`crate::config::levels_for`]):
    /// beside the config, else the program's own (a checkout's `levels/`, or
    /// `/usr/share/wigglewoods/levels` when installed). When there is none, that path anyway
    /// (every game then reports its file as missing).
    pub fn find() -> LevelsDir {
        LevelsDir(crate::config::levels_for(&crate::config::default_path()))
    }

    /// This folder as an absolute path (relative ones are taken from the current directory).
    pub fn absolute(&self) -> PathBuf {
        absolute(&self.0)
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Sent when a game's entry in [`Levels`] changes: its level was loaded or reloaded with new
/// values, or its file broke (the game is then skipped), or a broken file was fixed.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelChanged(pub GameId);

/// Each game's current level, or why it has none.
#[derive(Resource, Debug, Clone, Default)]
pub struct Levels {
    entries: [Entry; GameId::ALL.len()],
}

#[derive(Debug, Clone, Default, PartialEq)]
enum Entry {
    /// Not loaded yet.
    #[default]
    Pending,
    /// The file is valid.
    Ready(LoadedLevel),
    /// The file is missing or has mistakes: the game is skipped.
    Failed(LevelErrors),
}

fn index(game: GameId) -> usize {
    game.index()
}

impl Levels {
    /// The game's level, if its file loaded and is valid. `None` means skip the game.
    pub fn get(&self, game: GameId) -> Option<&LoadedLevel> {
        match &self.entries[index(game)] {
            Entry::Ready(level) => Some(level),
            _ => None,
        }
    }

    /// Why the game has no level, if its file failed.
    pub fn error(&self, game: GameId) -> Option<&LevelErrors> {
        match &self.entries[index(game)] {
            Entry::Failed(errors) => Some(errors),
            _ => None,
        }
    }

    /// Every mistake in every level file, in playlist order then file order (for the staff
    /// screen).
    pub fn errors(&self) -> impl Iterator<Item = (GameId, &LevelError)> {
        GameId::ALL
            .into_iter()
            .zip(&self.entries)
            .filter_map(|(game, entry)| match entry {
                Entry::Failed(errors) => Some(errors.iter().map(move |e| (game, e))),
                _ => None,
            })
            .flatten()
    }

    /// Whether the game's file has neither loaded nor failed yet.
    pub fn is_pending(&self, game: GameId) -> bool {
        self.entries[index(game)] == Entry::Pending
    }

    /// Whether every file has either loaded or failed: the loading screen waits for this.
    pub fn is_ready(&self) -> bool {
        !self.entries.contains(&Entry::Pending)
    }

    /// The games that have a valid level, in playlist order.
    pub fn playable(&self) -> impl Iterator<Item = GameId> + '_ {
        GameId::ALL
            .into_iter()
            .filter(|&game| self.get(game).is_some())
    }

    /// Sets a game's entry by hand (tools and tests; the plugin keeps it up to date itself).
    pub fn set(&mut self, game: GameId, level: Result<LoadedLevel, LevelErrors>) {
        self.entries[index(game)] = match level {
            Ok(level) => Entry::Ready(level),
            Err(errors) => Entry::Failed(errors),
        };
    }

    /// Reads and checks every game's file in `dir` now, without bevy's asset server (for
    /// command-line checks and tests). Every game ends loaded or failed.
    pub fn read_dir(dir: &Path) -> Levels {
        let mut levels = Levels::default();
        for game in GameId::ALL {
            let shown = format!("levels/{}", game.file_name());
            let path = dir.join(game.file_name());
            let level = match std::fs::read_to_string(&path) {
                Ok(text) => parse_level(&shown, &text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Err(LevelErrors::one(not_found(&shown, &path)))
                }
                Err(e) => Err(LevelErrors::one(LevelError::whole_file(
                    &shown,
                    LevelErrorKind::Unreadable,
                    format!("could not be read: {e}"),
                ))),
            };
            levels.set(game, level);
        }
        levels
    }
}

/// Run condition: every level file has loaded or failed.
pub fn levels_ready(levels: Option<Res<Levels>>) -> bool {
    levels.is_some_and(|levels| levels.is_ready())
}

/// Registers level loading: the `levels` asset source (when added before `AssetPlugin`), the
/// [`Level`] asset and its loader, [`Levels`], [`LevelChanged`], and the systems that load
/// every game's file at startup and follow hot reloads.
///
/// Added before `DefaultPlugins`, it does everything. Added after, it can no longer add the
/// asset source: add [`source_plugin`] before `DefaultPlugins` as well, or every game will
/// report that the levels folder is not set up.
pub fn plugin(app: &mut App) {
    app.add_plugins(LevelsPlugin);
}

/// Registers only the `levels` asset source, reading [`LevelsDir`] (or finding one). Must be
/// added before `AssetPlugin` (part of `DefaultPlugins`); [`plugin`] does it too when it
/// comes first.
pub fn source_plugin(app: &mut App) {
    register_source(app);
}

struct LevelsPlugin;

impl Plugin for LevelsPlugin {
    fn build(&self, app: &mut App) {
        register_source(app);
        app.init_resource::<Levels>().add_message::<LevelChanged>();
        if app.world().contains_resource::<AssetServer>() {
            set_up_loading(app);
        }
    }

    fn finish(&self, app: &mut App) {
        // Added before `AssetPlugin`: the asset side could only be set up now.
        if app.world().contains_resource::<Assets<Level>>() {
            return;
        }
        if app.world().contains_resource::<AssetServer>() {
            set_up_loading(app);
        } else {
            error!("Levels need bevy's AssetPlugin; every mini-game is skipped");
            let mut levels = app.world_mut().resource_mut::<Levels>();
            for game in GameId::ALL {
                levels.set(
                    game,
                    Err(LevelErrors::one(LevelError::whole_file(
                        format!("levels/{}", game.file_name()),
                        LevelErrorKind::Unreadable,
                        "cannot be loaded: the app has no AssetPlugin",
                    ))),
                );
            }
        }
    }
}

/// Adds the `levels` asset source if `AssetPlugin` has not built yet and no one else has.
fn register_source(app: &mut App) {
    let already = app
        .world_mut()
        .get_resource_mut::<AssetSourceBuilders>()
        .is_some_and(|mut builders| builders.get_mut(LEVELS_SOURCE).is_some());
    if already || app.world().contains_resource::<AssetServer>() {
        return;
    }
    let dir = match app.world().get_resource::<LevelsDir>() {
        Some(dir) => dir.absolute(),
        None => LevelsDir::find().0,
    };
    info!("Level files are read from {}", dir.display());
    app.insert_resource(LevelsDir(dir.clone()));
    // An absolute path: bevy joins source paths onto its own base path (BEVY_ASSET_ROOT,
    // CARGO_MANIFEST_DIR or the executable's folder), and joining an absolute path keeps it.
    app.register_asset_source(
        LEVELS_SOURCE,
        AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
    );
}

/// The handles that keep the level assets alive, and the last failure seen for each game.
#[derive(Resource)]
struct LevelHandles {
    handles: Vec<Handle<Level>>,
    seen_failure: Vec<Option<Arc<AssetLoadError>>>,
}

fn set_up_loading(app: &mut App) {
    if app
        .world()
        .resource::<AssetServer>()
        .get_source(LEVELS_SOURCE)
        .is_err()
    {
        warn!(
            "The `{LEVELS_SOURCE}` asset source is missing: add `levels::plugin` or \
             `levels::source_plugin` before `DefaultPlugins`. Every mini-game is skipped."
        );
    }
    app.init_asset::<Level>()
        .register_asset_loader(LevelLoader)
        .add_systems(Startup, load_levels)
        .add_systems(PreUpdate, follow_levels.after(handle_internal_asset_events));
}

fn load_levels(mut commands: Commands, server: Res<AssetServer>) {
    let handles = GameId::ALL
        .iter()
        .map(|game| server.load::<Level>(format!("{LEVELS_SOURCE}://{}", game.file_name())))
        .collect();
    commands.insert_resource(LevelHandles {
        handles,
        seen_failure: vec![None; GameId::ALL.len()],
    });
}

/// Brings [`Levels`] up to date with the asset server: a (re)loaded level replaces the entry,
/// a failed (re)load replaces it with the errors. Runs right after bevy handles finished loads.
fn follow_levels(
    server: Res<AssetServer>,
    assets: Res<Assets<Level>>,
    handles: Option<ResMut<LevelHandles>>,
    dir: Option<Res<LevelsDir>>,
    mut levels: ResMut<Levels>,
    mut changed: MessageWriter<LevelChanged>,
) {
    let Some(mut handles) = handles else {
        return;
    };
    for (i, game) in GameId::ALL.into_iter().enumerate() {
        let id = handles.handles[i].id();
        match server.get_load_state(id) {
            Some(LoadState::Loaded) => {
                let Some(level) = assets.get(id) else {
                    continue;
                };
                if matches!(&levels.entries[i], Entry::Ready(current) if *current == level.file) {
                    continue;
                }
                info!("Level {} loaded", game.file_name());
                handles.seen_failure[i] = None;
                levels.entries[i] = Entry::Ready(level.file.clone());
                changed.write(LevelChanged(game));
            }
            Some(LoadState::Failed(failure)) => {
                if handles.seen_failure[i]
                    .as_ref()
                    .is_some_and(|seen| Arc::ptr_eq(seen, &failure))
                {
                    continue;
                }
                let errors = errors_of_failure(game, &failure, dir.as_deref());
                for e in errors.iter() {
                    warn!("{e}");
                }
                warn!("{} is skipped until its level file is fixed", game.name());
                handles.seen_failure[i] = Some(failure);
                levels.entries[i] = Entry::Failed(errors);
                changed.write(LevelChanged(game));
            }
            _ => {}
        }
    }
}

/// The errors to show for a failed load: the loader's own when it has them.
fn errors_of_failure(
    game: GameId,
    failure: &AssetLoadError,
    dir: Option<&LevelsDir>,
) -> LevelErrors {
    let shown = format!("levels/{}", game.file_name());
    let error = match failure {
        AssetLoadError::AssetLoaderError(e) => {
            if let Some(errors) = e.error().downcast_ref::<LevelErrors>() {
                return errors.clone();
            }
            LevelError::whole_file(&shown, LevelErrorKind::Unreadable, e.to_string())
        }
        AssetLoadError::AssetReaderError(AssetReaderError::NotFound(path)) => {
            let path = match dir {
                Some(dir) => dir.0.join(game.file_name()),
                None => path.clone(),
            };
            not_found(&shown, &path)
        }
        AssetLoadError::MissingAssetSourceError(_) => LevelError::whole_file(
            &shown,
            LevelErrorKind::Unreadable,
            "cannot be loaded: the levels folder is not set up (add `levels::plugin` or \
             `levels::source_plugin` before `DefaultPlugins`)",
        ),
        other => LevelError::whole_file(
            &shown,
            LevelErrorKind::Unreadable,
            format!("could not be loaded: {other}"),
        ),
    };
    LevelErrors::one(error)
}

fn not_found(shown: &str, path: &Path) -> LevelError {
    LevelError::whole_file(
        shown,
        LevelErrorKind::NotFound,
        format!("is missing (looked for {})", path.display()),
    )
}

#[cfg(test)]
mod tests;
