//! Staff access: a key chord (and a PIN, if the ward wants one) that a child will not press
//! by accident, so the kiosk cannot be left or changed from the play area.

use bevy::prelude::*;

/// How staff get in.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct StaffAccess {
    /// Keys held together (the last one pressed while the others are held).
    pub chord: Vec<KeyCode>,
    /// Digits asked for after the chord, if set.
    pub pin: Option<String>,
}

impl Default for StaffAccess {
    fn default() -> Self {
        Self {
            chord: vec![KeyCode::ControlLeft, KeyCode::ShiftLeft, KeyCode::KeyS],
            pin: None,
        }
    }
}

/// Whether the chord was completed in this frame: every key held, and one of them just
/// pressed (so holding it does not repeat).
pub fn chord_pressed(keys: &ButtonInput<KeyCode>, chord: &[KeyCode]) -> bool {
    !chord.is_empty()
        && chord.iter().all(|k| keys.pressed(*k))
        && chord.iter().any(|k| keys.just_pressed(*k))
}

/// The key code for a key name as written in the kiosk config (bevy's names: `KeyS`,
/// `ControlLeft`, `F12`, `Digit1`...).
pub fn key_from_name(name: &str) -> Option<KeyCode> {
    let letter = |c: char| -> Option<KeyCode> {
        Some(match c {
            'A' => KeyCode::KeyA,
            'B' => KeyCode::KeyB,
            'C' => KeyCode::KeyC,
            'D' => KeyCode::KeyD,
            'E' => KeyCode::KeyE,
            'F' => KeyCode::KeyF,
            'G' => KeyCode::KeyG,
            'H' => KeyCode::KeyH,
            'I' => KeyCode::KeyI,
            'J' => KeyCode::KeyJ,
            'K' => KeyCode::KeyK,
            'L' => KeyCode::KeyL,
            'M' => KeyCode::KeyM,
            'N' => KeyCode::KeyN,
            'O' => KeyCode::KeyO,
            'P' => KeyCode::KeyP,
            'Q' => KeyCode::KeyQ,
            'R' => KeyCode::KeyR,
            'S' => KeyCode::KeyS,
            'T' => KeyCode::KeyT,
            'U' => KeyCode::KeyU,
            'V' => KeyCode::KeyV,
            'W' => KeyCode::KeyW,
            'X' => KeyCode::KeyX,
            'Y' => KeyCode::KeyY,
            'Z' => KeyCode::KeyZ,
            _ => return None,
        })
    };
    let digit = |c: char| -> Option<KeyCode> {
        Some(match c {
            '0' => KeyCode::Digit0,
            '1' => KeyCode::Digit1,
            '2' => KeyCode::Digit2,
            '3' => KeyCode::Digit3,
            '4' => KeyCode::Digit4,
            '5' => KeyCode::Digit5,
            '6' => KeyCode::Digit6,
            '7' => KeyCode::Digit7,
            '8' => KeyCode::Digit8,
            '9' => KeyCode::Digit9,
            _ => return None,
        })
    };
    if let Some(rest) = name.strip_prefix("Key") {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => letter(c),
            _ => None,
        };
    }
    if let Some(rest) = name.strip_prefix("Digit") {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => digit(c),
            _ => None,
        };
    }
    Some(match name {
        "ControlLeft" => KeyCode::ControlLeft,
        "ControlRight" => KeyCode::ControlRight,
        "ShiftLeft" => KeyCode::ShiftLeft,
        "ShiftRight" => KeyCode::ShiftRight,
        "AltLeft" => KeyCode::AltLeft,
        "AltRight" => KeyCode::AltRight,
        "Escape" => KeyCode::Escape,
        "Enter" => KeyCode::Enter,
        "Space" => KeyCode::Space,
        "Tab" => KeyCode::Tab,
        "F1" => KeyCode::F1,
        "F2" => KeyCode::F2,
        "F4" => KeyCode::F4,
        "F5" => KeyCode::F5,
        "F6" => KeyCode::F6,
        "F7" => KeyCode::F7,
        "F8" => KeyCode::F8,
        "F9" => KeyCode::F9,
        "F10" => KeyCode::F10,
        "F11" => KeyCode::F11,
        "F12" => KeyCode::F12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chord_needs_every_key_and_fires_once() {
        let chord = StaffAccess::default().chord;
        let mut keys = ButtonInput::<KeyCode>::default();
        keys.press(KeyCode::ControlLeft);
        keys.press(KeyCode::KeyS);
        assert!(!chord_pressed(&keys, &chord), "shift missing");
        keys.press(KeyCode::ShiftLeft);
        assert!(chord_pressed(&keys, &chord));
        keys.clear();
        assert!(!chord_pressed(&keys, &chord), "held, not pressed again");
    }

    #[test]
    fn config_key_names() {
        assert_eq!(key_from_name("KeyS"), Some(KeyCode::KeyS));
        assert_eq!(key_from_name("F12"), Some(KeyCode::F12));
        assert_eq!(key_from_name("Digit7"), Some(KeyCode::Digit7));
        assert_eq!(key_from_name("KeySS"), None);
        assert_eq!(key_from_name("Hyper"), None);
    }
}
