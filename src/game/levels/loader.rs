//! The `Level` asset and its loader: a level file read by bevy's asset server and validated.
//!
//! An invalid file is a load error carrying [`LevelErrors`]; the loader never panics.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, AssetPath, LoadContext};
use bevy::prelude::*;

use super::schema::LoadedLevel;
use super::validate::{LevelError, LevelErrorKind, LevelErrors, parse_level};

/// One validated level file, as a bevy asset.
#[derive(Asset, TypePath, Debug, Clone, PartialEq)]
pub struct Level {
    /// The file's contents, every value within its documented range.
    pub file: LoadedLevel,
}

/// Loads `*.ron` level files into [`Level`]s.
#[derive(Debug, Default, TypePath)]
pub struct LevelLoader;

impl AssetLoader for LevelLoader {
    type Asset = Level;
    type Settings = ();
    type Error = LevelErrors;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<Level, LevelErrors> {
        let file = display_name(load_context.path());
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await.map_err(|e| {
            LevelErrors::one(LevelError::whole_file(
                &file,
                LevelErrorKind::Unreadable,
                format!("could not be read: {e}"),
            ))
        })?;
        let text = String::from_utf8_lossy(&bytes);
        if let std::borrow::Cow::Owned(_) = text {
            return Err(LevelErrors::one(LevelError::whole_file(
                &file,
                LevelErrorKind::Unreadable,
                "is not UTF-8 text: save it as plain text (UTF-8)",
            )));
        }
        parse_level(&file, &text).map(|file| Level { file })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// How staff see a level's path: `levels/apple_shake.ron`.
pub(crate) fn display_name(path: &AssetPath<'_>) -> String {
    format!("levels/{}", path.path().display())
}
