//! Finding the kiosk's files whatever the working directory: the config (one search order,
//! the same for the kiosk and every tool), and the level files and asset folder that go with
//! it. Why one place: `cargo run` in a checkout, an installed `/usr/bin/wigglewoods` started
//! at boot and a tool run by IT from `/` each start somewhere else, and each must find the
//! ward's own config and say which one it used.

use std::path::{Path, PathBuf};

/// The config's place in a checkout (and in a working directory that has one).
pub const CONFIG_FILE: &str = "kiosk-config/kiosk.ron";

/// The environment variable that names a config file: second in the search order, after
/// `--config`, so a systemd unit or a test can choose one without an option.
pub const CONFIG_ENV: &str = "WIGGLEWOODS_CONFIG";

/// The installed config (the Debian package's conffile): last in the search order.
pub const SYSTEM_CONFIG: &str = "/etc/wigglewoods/kiosk.ron";

/// The installed program's data (level files, the asset folder), when no checkout has them.
pub const SYSTEM_DATA: &str = "/usr/share/wigglewoods";

/// How the config in use was found: printed by `check-config`, so IT can tell which of two
/// files the kiosk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigOrigin {
    /// Named with `--config`.
    Option,
    /// Named by `$WIGGLEWOODS_CONFIG`.
    Environment,
    /// `kiosk-config/kiosk.ron` in the working directory (a checkout, run from its root).
    WorkingDirectory,
    /// `kiosk-config/kiosk.ron` of the checkout the program was built in.
    Checkout,
    /// The installed `/etc/wigglewoods/kiosk.ron`.
    System,
    /// None of the places has a config; the kiosk runs with its shipped settings.
    NotFound,
}

impl ConfigOrigin {
    /// A few words for `check-config`'s summary.
    pub fn describe(self) -> &'static str {
        match self {
            ConfigOrigin::Option => "given with --config",
            ConfigOrigin::Environment => "named by $WIGGLEWOODS_CONFIG",
            ConfigOrigin::WorkingDirectory => "found in the working directory",
            ConfigOrigin::Checkout => "found in the program's checkout",
            ConfigOrigin::System => "the installed config",
            ConfigOrigin::NotFound => "not found",
        }
    }
}

/// The config to use and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    /// The file; when nothing was found, the installed path (loading it reports it missing).
    pub path: PathBuf,
    /// How it was found.
    pub origin: ConfigOrigin,
    /// Every place looked at, in order: the message when nothing was found lists them.
    pub searched: Vec<PathBuf>,
}

/// The places the config is searched in. Why a value rather than reading the process's
/// environment inside [`SearchPlaces::locate`]: the order is tested without touching `/etc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPlaces {
    /// `--config`.
    pub option: Option<PathBuf>,
    /// `$WIGGLEWOODS_CONFIG` (ignored when empty).
    pub environment: Option<PathBuf>,
    /// The working directory.
    pub working_dir: PathBuf,
    /// Folders that may be the program's checkout: `CARGO_MANIFEST_DIR` (set by `cargo run`),
    /// then the program's folder and each folder above it (`target/release/..`).
    pub checkouts: Vec<PathBuf>,
    /// The installed config.
    pub system_config: PathBuf,
}

impl SearchPlaces {
    /// The places of this process: its option, environment, working directory and program.
    pub fn of_this_process(option: Option<&Path>) -> SearchPlaces {
        let mut checkouts = Vec::new();
        if let Some(root) = std::env::var_os("CARGO_MANIFEST_DIR") {
            checkouts.push(PathBuf::from(root));
        }
        checkouts.extend(program_ancestors());
        SearchPlaces {
            option: option.map(absolute),
            environment: std::env::var_os(CONFIG_ENV)
                .filter(|v| !v.is_empty())
                .map(|v| absolute(Path::new(&v))),
            working_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            checkouts,
            system_config: PathBuf::from(SYSTEM_CONFIG),
        }
    }

    /// The config to use: `--config`, else `$WIGGLEWOODS_CONFIG` (either taken as named,
    /// even when missing, so a typo is reported rather than another file used), else the
    /// first that exists of `./kiosk-config/kiosk.ron`, the checkout's, and
    /// `/etc/wigglewoods/kiosk.ron`.
    pub fn locate(&self) -> ConfigLocation {
        let named = [
            (&self.option, ConfigOrigin::Option),
            (&self.environment, ConfigOrigin::Environment),
        ];
        if let Some((path, origin)) = named
            .into_iter()
            .find_map(|(path, origin)| path.clone().map(|p| (p, origin)))
        {
            return ConfigLocation {
                searched: vec![path.clone()],
                path,
                origin,
            };
        }
        let mut searched: Vec<(PathBuf, ConfigOrigin)> = vec![(
            self.working_dir.join(CONFIG_FILE),
            ConfigOrigin::WorkingDirectory,
        )];
        for root in &self.checkouts {
            let path = root.join(CONFIG_FILE);
            if !searched.iter().any(|(p, _)| *p == path) {
                searched.push((path, ConfigOrigin::Checkout));
            }
        }
        searched.push((self.system_config.clone(), ConfigOrigin::System));
        let found = searched
            .iter()
            .find(|(path, _)| path.is_file())
            .map(|(path, origin)| (path.clone(), *origin));
        let (path, origin) =
            found.unwrap_or_else(|| (self.system_config.clone(), ConfigOrigin::NotFound));
        ConfigLocation {
            path,
            origin,
            searched: searched.into_iter().map(|(p, _)| p).collect(),
        }
    }
}

/// The config of this process (see [`SearchPlaces::locate`]).
pub fn locate(option: Option<&Path>) -> ConfigLocation {
    SearchPlaces::of_this_process(option).locate()
}

/// The kiosk's config file when none is named: see [`SearchPlaces::locate`].
pub fn default_path() -> PathBuf {
    locate(None).path
}

/// The level files that go with a config: `levels` in the config's folder (a ward's own
/// levels beside `/etc/wigglewoods/kiosk.ron`), or beside a `kiosk-config` folder (a
/// checkout), else the program's own ([`program_data`]).
pub fn levels_for(config: &Path) -> PathBuf {
    let config = absolute(config);
    let folder = config.parent().unwrap_or(Path::new("/"));
    let mut beside = vec![folder.join("levels")];
    if folder
        .file_name()
        .is_some_and(|name| name == "kiosk-config")
    {
        beside.push(folder.with_file_name("levels"));
    }
    beside
        .into_iter()
        .find(|dir| dir.is_dir())
        .map(|dir| std::fs::canonicalize(&dir).unwrap_or(dir))
        .unwrap_or_else(|| program_data().join("levels"))
}

/// The folder that holds the program's own `levels/` and `assets/`: a checkout
/// (`CARGO_MANIFEST_DIR`, or a folder above the program), `share/wigglewoods` beside the
/// program's `bin/` (`/usr/bin` gives `/usr/share/wigglewoods`), else `/usr/share/wigglewoods`.
pub fn program_data() -> PathBuf {
    let mut roots = Vec::new();
    if let Some(root) = std::env::var_os("CARGO_MANIFEST_DIR") {
        roots.push(PathBuf::from(root));
    }
    for dir in program_ancestors() {
        roots.push(dir.join("share").join("wigglewoods"));
        roots.push(dir);
    }
    roots
        .into_iter()
        .find(|root| root.join("levels").is_dir())
        .unwrap_or_else(|| PathBuf::from(SYSTEM_DATA))
}

/// bevy's asset folder: `assets` in [`program_data`], when there is one.
pub fn assets_folder() -> Option<PathBuf> {
    Some(program_data().join("assets")).filter(|dir| dir.is_dir())
}

/// The program's folder and each folder above it.
fn program_ancestors() -> Vec<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .map(|dir| dir.ancestors().map(Path::to_path_buf).collect())
        .unwrap_or_default()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir()
                .join(format!("wigglewoods-locate-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn file(&self, relative: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "()").unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn places(s: &Scratch) -> SearchPlaces {
        SearchPlaces {
            option: None,
            environment: None,
            working_dir: s.0.join("cwd"),
            checkouts: vec![s.0.join("checkout")],
            system_config: s.0.join("etc/wigglewoods/kiosk.ron"),
        }
    }

    #[test]
    fn the_search_goes_option_environment_working_directory_checkout_system() {
        let s = Scratch::new("order");
        let mut p = places(&s);
        assert_eq!(p.locate().origin, ConfigOrigin::NotFound);
        assert_eq!(p.locate().path, p.system_config);
        assert_eq!(p.locate().searched.len(), 3);
        let system = s.file("etc/wigglewoods/kiosk.ron");
        assert_eq!(p.locate().origin, ConfigOrigin::System);
        assert_eq!(p.locate().path, system);
        let checkout = s.file("checkout/kiosk-config/kiosk.ron");
        assert_eq!(
            (p.locate().path, p.locate().origin),
            (checkout, ConfigOrigin::Checkout)
        );
        let here = s.file("cwd/kiosk-config/kiosk.ron");
        assert_eq!(
            (p.locate().path, p.locate().origin),
            (here, ConfigOrigin::WorkingDirectory)
        );
        // A named file is used as named, even when it is missing: a typo is reported, not
        // quietly replaced by another config.
        p.environment = Some(s.0.join("missing.ron"));
        assert_eq!(p.locate().path, s.0.join("missing.ron"));
        assert_eq!(p.locate().origin, ConfigOrigin::Environment);
        p.option = Some(s.0.join("mine.ron"));
        assert_eq!(p.locate().origin, ConfigOrigin::Option);
        assert_eq!(p.locate().path, s.0.join("mine.ron"));
    }

    #[test]
    fn levels_are_taken_beside_the_config_first() {
        let s = Scratch::new("levels");
        let config = s.file("ward/kiosk-config/kiosk.ron");
        s.file("ward/levels/frog_hop.ron");
        assert_eq!(levels_for(&config), s.0.join("ward/levels"));
        s.file("ward/kiosk-config/levels/frog_hop.ron");
        assert_eq!(levels_for(&config), s.0.join("ward/kiosk-config/levels"));
        // Only a `kiosk-config` folder looks beside itself: `/etc/levels` is nobody's.
        let etc = s.file("etc/wigglewoods/kiosk.ron");
        s.file("etc/levels/frog_hop.ron");
        assert_eq!(levels_for(&etc), program_data().join("levels"));
    }

    #[test]
    fn under_cargo_the_checkouts_files_are_found() {
        let found = locate(None);
        assert!(found.path.is_file(), "{found:?}");
        assert!(found.path.ends_with(CONFIG_FILE));
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(program_data(), crate_dir);
        assert_eq!(levels_for(&found.path), crate_dir.join("levels"));
        assert_eq!(assets_folder(), Some(crate_dir.join("assets")));
    }
}
