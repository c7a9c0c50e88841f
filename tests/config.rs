//! The kiosk config end to end: `wigglewoods check-config` as staff run it, and the chord's
//! key names against bevy's own `KeyCode`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bevy::input::keyboard::KeyCode;
use bevy::reflect::enums::{DynamicEnum, DynamicVariant, VariantInfo};
use bevy::reflect::{FromReflect, TypeInfo, Typed};
use wigglewoods::config::{self, KioskConfig};

fn check_config(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wigglewoods"))
        .arg("check-config")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn shipped() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(config::CONFIG_FILE))
        .expect("the shipped config exists")
}

/// A temporary `kiosk-config` folder holding `text` as `kiosk.ron`.
fn temp_config(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!(
            "wigglewoods-check-config-{name}-{}",
            std::process::id()
        ))
        .join("kiosk-config");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("kiosk.ron");
    std::fs::write(&file, text).unwrap();
    file
}

fn line_of(text: &str, needle: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
}

#[test]
fn the_shipped_config_checks_ok_with_a_summary() {
    let out = check_config(&[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}{}", stdout, text(&out.stderr));
    assert_eq!(stdout.lines().next(), Some("kiosk-config/kiosk.ron: OK"));
    for expected in [
        "kiosk     kiosk-1 (Children's ward playroom)",
        "source    camera",
        "profile   standing (sessions: standing, 5 minutes)",
        "playlist  apple_shake, firefly_catch, frog_hop, statues",
        "(kept 90 days)",
    ] {
        assert!(stdout.contains(expected), "{expected:?} not in\n{stdout}");
    }
    let logs = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .join("logs");
    assert!(
        stdout.contains(&format!("logs      {}", logs.display())),
        "{stdout}"
    );
    assert!(text(&out.stderr).is_empty());
}

#[test]
fn every_mistake_is_printed_on_its_own_line_and_the_check_fails() {
    let broken = shipped()
        .replacen("minutes: 5,", "minutes: 0,", 1)
        .replacen("volume: 0.7,", "volume: 1.5,", 1);
    let file = temp_config("broken", &broken);
    let out = check_config(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).is_empty());
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            format!(
                "kiosk-config/kiosk.ron:{}:9: session.minutes: must be between 1 and 60, found 0",
                line_of(&broken, "minutes: 0")
            ),
            format!(
                "kiosk-config/kiosk.ron:{}:9: audio.volume: must be between 0 and 1, found 1.5",
                line_of(&broken, "volume: 1.5")
            ),
        ],
        "{stderr}"
    );
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[2].contains("2 mistakes"), "{stderr}");

    let typo = shipped().replacen("retention_days:", "retension_days:", 1);
    let file = temp_config("typo", &typo);
    let out = check_config(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "kiosk-config/kiosk.ron:{}:9: logs.retension_days: unknown field `retension_days`; \
             did you mean `retention_days`?\n",
            line_of(&typo, "retension_days")
        )),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_level_files_beside_the_config_are_checked_too() {
    let out = check_config(&[]);
    let stdout = text(&out.stdout);
    let levels = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .join("levels");
    assert!(
        stdout.contains(&format!(
            "levels    {} (6 of 6 games ready: apple_shake,",
            levels.display()
        )),
        "{stdout}"
    );

    // A copy of the checkout's folders with one mistake in a level file: the check fails
    // naming the file, line and field, though the config itself is fine.
    let file = temp_config("levels", &shipped());
    let copy = file.parent().unwrap().parent().unwrap().join("levels");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&levels).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let frog = std::fs::read_to_string(copy.join("frog_hop.ron")).unwrap();
    let broken = frog
        .replacen("pads: 10,", "pads: 1,", 1)
        .replacen("hop_window:", "hop_windw:", 1);
    std::fs::write(copy.join("frog_hop.ron"), &broken).unwrap();
    let out = check_config(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("(5 of 6 games ready"), "{stdout}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "levels/frog_hop.ron:{}:13: difficulty.standing.hop_windw: unknown field `hop_windw`; \
             did you mean `hop_window`?\n",
            line_of(&broken, "hop_windw")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("the level files in"), "{stderr}");

    // Another game's setting in a file is a mistake too, not silently ignored.
    let apples = frog.replacen("pads: 10,", "pads: 10,\n            apples: 5,", 1);
    std::fs::write(copy.join("frog_hop.ron"), &apples).unwrap();
    let out = check_config(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("difficulty.standing.apples: unknown field `apples`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_config_is_found_by_one_search_order_from_any_folder() {
    let from_root = |env: Option<&Path>, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_wigglewoods"));
        c.arg("check-config").args(args).current_dir("/");
        match env {
            Some(path) => c.env(config::CONFIG_ENV, path),
            None => c.env_remove(config::CONFIG_ENV),
        };
        c.output().expect("the binary runs")
    };
    // From `/`, nothing named: the checkout the program was built in.
    let out = from_root(None, &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(config::CONFIG_FILE);
    assert!(
        stdout.contains(&format!(
            "file      {} (found in the program's checkout)",
            checkout.display()
        )),
        "{stdout}"
    );

    // `$WIGGLEWOODS_CONFIG` names another file: that one, said so.
    let mine = temp_config(
        "search-env",
        &shipped().replace("\"kiosk-1\"", "\"kiosk-env\""),
    );
    let out = from_root(Some(&mine), &[]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "file      {} (named by $WIGGLEWOODS_CONFIG)",
            mine.display()
        )) && stdout.contains("kiosk     kiosk-env"),
        "{stdout}{}",
        text(&out.stderr)
    );

    // `--config` comes before the environment.
    let out = from_root(
        Some(Path::new("/nonexistent.ron")),
        &[checkout.to_str().unwrap()],
    );
    assert!(
        text(&out.stdout).contains("(given with --config)"),
        "{}",
        text(&out.stdout)
    );

    // A named file that is missing is reported as missing, not replaced by another.
    let out = from_root(Some(Path::new("/nonexistent/kiosk.ron")), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/kiosk.ron") && stderr.contains("is missing"),
        "{stderr}"
    );
}

#[test]
fn a_missing_or_binary_file_fails_without_panicking() {
    let out = check_config(&["/no/such/place/kiosk.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "/no/such/place/kiosk.ron: is missing (looked for /no/such/place/kiosk.ron)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let file = temp_config("binary", "");
    std::fs::write(&file, [0u8, 159, 146, 150, 255, 40]).unwrap();
    let out = check_config(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not UTF-8"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_chord_key_name_is_a_bevy_key_code() {
    let TypeInfo::Enum(info) = KeyCode::type_info() else {
        panic!("KeyCode is an enum");
    };
    for &name in config::key_names() {
        assert!(
            matches!(info.variant(name), Some(VariantInfo::Unit(_))),
            "{name} is not a KeyCode"
        );
        // How the game side can turn a name into a KeyCode without a table of its own.
        let key = KeyCode::from_reflect(&DynamicEnum::new(name, DynamicVariant::Unit));
        assert_eq!(key.map(|k| format!("{k:?}")).as_deref(), Some(name));
    }
    let chord = KioskConfig::default().staff.chord;
    assert!(chord.iter().all(|k| config::is_key_name(k)));
}
