//! Key names allowed in the staff chord: bevy's `KeyCode` variant names, kept here as text so
//! that the config needs no game engine (a test checks each against bevy's `KeyCode`).

use crate::ron_diag::did_you_mean;

/// Every key name the staff chord may use: the keys of a usual PC keyboard, named as bevy's
/// `KeyCode` names them (the physical key, whatever the keyboard layout prints on it).
pub const KEY_NAMES: &[&str] = &[
    // Modifiers.
    "ControlLeft",
    "ControlRight",
    "ShiftLeft",
    "ShiftRight",
    "AltLeft",
    "AltRight",
    "SuperLeft",
    "SuperRight",
    // Letters.
    "KeyA",
    "KeyB",
    "KeyC",
    "KeyD",
    "KeyE",
    "KeyF",
    "KeyG",
    "KeyH",
    "KeyI",
    "KeyJ",
    "KeyK",
    "KeyL",
    "KeyM",
    "KeyN",
    "KeyO",
    "KeyP",
    "KeyQ",
    "KeyR",
    "KeyS",
    "KeyT",
    "KeyU",
    "KeyV",
    "KeyW",
    "KeyX",
    "KeyY",
    "KeyZ",
    // The digit row.
    "Digit0",
    "Digit1",
    "Digit2",
    "Digit3",
    "Digit4",
    "Digit5",
    "Digit6",
    "Digit7",
    "Digit8",
    "Digit9",
    // Function keys.
    "F1",
    "F2",
    "F3",
    "F4",
    "F5",
    "F6",
    "F7",
    "F8",
    "F9",
    "F10",
    "F11",
    "F12",
    // Editing and moving.
    "Escape",
    "Tab",
    "CapsLock",
    "Space",
    "Enter",
    "Backspace",
    "Insert",
    "Delete",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "ArrowUp",
    "ArrowDown",
    "ArrowLeft",
    "ArrowRight",
    "PrintScreen",
    "ScrollLock",
    "Pause",
    "ContextMenu",
    // Punctuation (named by their place on a US keyboard).
    "Backquote",
    "Minus",
    "Equal",
    "BracketLeft",
    "BracketRight",
    "Backslash",
    "Semicolon",
    "Quote",
    "Comma",
    "Period",
    "Slash",
    // The number pad.
    "NumLock",
    "Numpad0",
    "Numpad1",
    "Numpad2",
    "Numpad3",
    "Numpad4",
    "Numpad5",
    "Numpad6",
    "Numpad7",
    "Numpad8",
    "Numpad9",
    "NumpadAdd",
    "NumpadSubtract",
    "NumpadMultiply",
    "NumpadDivide",
    "NumpadDecimal",
    "NumpadEnter",
];

/// The allowed key names: for the staff screen and the game side, which turns each into a
/// bevy `KeyCode`.
pub fn key_names() -> &'static [&'static str] {
    KEY_NAMES
}

/// Whether `name` is an allowed key name (exactly: names are case-sensitive, as in bevy).
pub fn is_key_name(name: &str) -> bool {
    KEY_NAMES.contains(&name)
}

/// Everyday names people write for keys, and the key each means.
const ALIASES: &[(&str, &str)] = &[
    ("ctrl", "ControlLeft"),
    ("control", "ControlLeft"),
    ("shift", "ShiftLeft"),
    ("alt", "AltLeft"),
    ("altgr", "AltRight"),
    ("super", "SuperLeft"),
    ("windows", "SuperLeft"),
    ("win", "SuperLeft"),
    ("cmd", "SuperLeft"),
    ("esc", "Escape"),
    ("return", "Enter"),
    ("del", "Delete"),
    ("ins", "Insert"),
    ("pgup", "PageUp"),
    ("pgdn", "PageDown"),
    ("up", "ArrowUp"),
    ("down", "ArrowDown"),
    ("left", "ArrowLeft"),
    ("right", "ArrowRight"),
    ("spacebar", "Space"),
];

/// The allowed key name someone writing `found` most likely meant: the same name in other
/// capitals, an everyday name (`Ctrl`, `Esc`), a bare letter or digit (`S`, `1`), or a near
/// typo. Why: staff write keys as they know them, and the fix should be in the message.
///
/// # Examples
/// ```
/// use wigglewoods::config::suggest_key;
/// assert_eq!(suggest_key("Ctrl"), Some("ControlLeft"));
/// assert_eq!(suggest_key("s"), Some("KeyS"));
/// assert_eq!(suggest_key("7"), Some("Digit7"));
/// assert_eq!(suggest_key("shiftleft"), Some("ShiftLeft"));
/// assert_eq!(suggest_key("ControlLefft"), Some("ControlLeft"));
/// assert_eq!(suggest_key("Banana"), None);
/// ```
pub fn suggest_key(found: &str) -> Option<&'static str> {
    let trimmed = found.trim();
    let lower = trimmed.to_lowercase();
    if let Some(&exact) = KEY_NAMES.iter().find(|k| k.to_lowercase() == lower) {
        return Some(exact);
    }
    if let Some(&(_, key)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
        return Some(key);
    }
    let mut chars = trimmed.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let name = if c.is_ascii_alphabetic() {
            format!("Key{}", c.to_ascii_uppercase())
        } else if c.is_ascii_digit() {
            format!("Digit{c}")
        } else {
            String::new()
        };
        return KEY_NAMES.iter().find(|&&k| k == name).copied();
    }
    did_you_mean(trimmed, KEY_NAMES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_aliases_point_at_names() {
        for (i, a) in KEY_NAMES.iter().enumerate() {
            assert!(!KEY_NAMES[i + 1..].contains(a), "{a} twice");
        }
        for (alias, key) in ALIASES {
            assert!(is_key_name(key), "{alias} -> {key}");
        }
        assert!(is_key_name("F12"));
        assert!(!is_key_name("f12"));
    }

    #[test]
    fn suggestions_for_everyday_names() {
        assert_eq!(suggest_key("Esc"), Some("Escape"));
        assert_eq!(suggest_key(" f12 "), Some("F12"));
        assert_eq!(suggest_key("Shift"), Some("ShiftLeft"));
        assert_eq!(suggest_key("%"), None);
        assert_eq!(suggest_key(""), None);
    }
}
