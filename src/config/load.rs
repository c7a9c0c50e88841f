//! Reading the kiosk config: finding the file, parsing it with ron, checking it, and making
//! its relative paths absolute.

use std::path::{Path, PathBuf};

use super::check::check;
use super::errors::{ConfigError, ConfigErrorKind, ConfigErrors};
use super::fields::ConfigSchema;
use super::schema::KioskConfig;
use crate::camera::SourceSpec;
use crate::ron_diag::{Outline, explain, position_of_offset};

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `written` taken from `base_dir` (when relative), absolute, with `.` and `..` worked out
/// (`kiosk-config/../logs` is `logs`), so that messages and the summary show plain paths.
pub(super) fn resolve(base_dir: &Path, written: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in absolute(&base_dir.join(written)).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How staff see a config path in messages: `kiosk-config/kiosk.ron` for a file in a
/// `kiosk-config` folder (wherever that is), otherwise the path as given.
pub fn display_name(path: &Path) -> String {
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str());
    match (folder, path.file_name().and_then(|name| name.to_str())) {
        (Some("kiosk-config"), Some(file)) => format!("kiosk-config/{file}"),
        _ => path.display().to_string(),
    }
}

impl KioskConfig {
    /// Reads and checks the config at `path` (see [`super::locate`]), and returns it with its
    /// relative paths made absolute from the config's folder.
    ///
    /// Returns every mistake found, in file order: ron stops at the first syntax or type
    /// mistake; the checks after it (ranges, names, repeats, missing files) report all of
    /// theirs. Never panics.
    pub fn load(path: impl AsRef<Path>) -> Result<KioskConfig, ConfigErrors> {
        let path = path.as_ref();
        let shown = display_name(path);
        let whole = |kind, message: String| {
            ConfigErrors::one(ConfigError::whole_file(&shown, kind, message))
        };
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => whole(
                ConfigErrorKind::NotFound,
                format!("is missing (looked for {})", absolute(path).display()),
            ),
            _ if path.is_dir() => whole(
                ConfigErrorKind::Unreadable,
                format!("{} is a folder, not a config file", path.display()),
            ),
            _ => whole(
                ConfigErrorKind::Unreadable,
                format!("could not be read: {e}"),
            ),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or("");
            ConfigErrors::one(ConfigError {
                file: shown.clone(),
                position: Some(position_of_offset(valid, valid.len())),
                field: None,
                kind: ConfigErrorKind::Unreadable,
                message: "is not UTF-8 text here: save the file as plain text (UTF-8)".to_owned(),
            })
        })?;
        // Symbolic links resolved first, so that working out `..` later is exact.
        let base_dir = absolute(path)
            .parent()
            .map_or_else(|| absolute(Path::new(".")), Path::to_path_buf);
        let base_dir = std::fs::canonicalize(&base_dir).unwrap_or(base_dir);
        let config = KioskConfig::parse(&shown, &text, &base_dir)?;
        Ok(config.resolved(&base_dir))
    }

    /// Parses and checks config text, keeping its paths as written. `file` is the name shown
    /// in errors; relative paths (a clip, the logs and export folders) are checked from
    /// `base_dir`, the config's folder. Why separate from [`KioskConfig::load`]: tests and
    /// tools check text that is not (yet) a file.
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::config::KioskConfig;
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/kiosk-config/kiosk.ron")).unwrap();
    /// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("kiosk-config");
    /// let broken = text.replace("cap: 0.8,", "cap: 1.5,");
    /// let errors = KioskConfig::parse("kiosk-config/kiosk.ron", &broken, &dir).unwrap_err();
    /// assert!(errors.to_string().ends_with("audio.cap: must be between 0 and 1, found 1.5"));
    /// ```
    pub fn parse(file: &str, text: &str, base_dir: &Path) -> Result<KioskConfig, ConfigErrors> {
        // Editors on Windows may start a file with a byte-order mark; ron would reject it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let outline = Outline::new(text);
        let config: KioskConfig = ron_options().from_str(text).map_err(|e| {
            let fault = explain(&outline, &e, &ConfigSchema);
            ConfigErrors::one(ConfigError {
                file: file.to_owned(),
                position: Some(fault.position),
                field: fault.field,
                kind: fault.kind.into(),
                message: fault.message,
            })
        })?;
        let errors = check(&config, base_dir)
            .into_iter()
            .map(|p| ConfigError::at_field(file, &outline, p.path, p.kind, p.message))
            .collect();
        match ConfigErrors::from_vec(errors) {
            None => Ok(config),
            Some(errors) => Err(errors),
        }
    }

    /// This config with its relative paths (logs and export folders, a clip source) made
    /// absolute from `base_dir`, the config's folder: what the kiosk should use, whatever its
    /// current directory. [`KioskConfig::load`] has done this already.
    pub fn resolved(mut self, base_dir: &Path) -> KioskConfig {
        let resolve = |p: &Path| resolve(base_dir, p);
        self.logs.folder = resolve(&self.logs.folder);
        self.export.folder = resolve(&self.export.folder);
        if let SourceSpec::Clip(clip) = &self.input.source {
            self.input.source = SourceSpec::Clip(resolve(clip));
        }
        self
    }
}

/// ron as the config is read: `Some(...)` may be left out around optional values, so staff
/// write `pin: "4821"` rather than `pin: Some("4821")` (both work).
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
