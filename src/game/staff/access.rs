//! Staff access: a key chord (and a PIN, if the ward wants one) that a child will not press
//! by accident, so the kiosk cannot be left or changed from the play area.

use bevy::prelude::*;

/// How staff get in.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct StaffAccess {
    /// Keys held together (the last one pressed while the others are held).
    pub chord: Vec<KeyCode>,
    /// Digits asked for after the chord, if set.
    pub pin: Option<crate::config::Pin>,
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

/// The key code for a key name as written in the kiosk config (bevy's own variant names:
/// `KeyS`, `ControlLeft`, `F12`, `Digit1`...). Why by reflection: the config accepts every
/// name in [`crate::config::KEY_NAMES`], and asking bevy itself means no hand-kept table can
/// fall out of step with it.
pub fn key_from_name(name: &str) -> Option<KeyCode> {
    use bevy::reflect::FromReflect;
    use bevy::reflect::enums::{DynamicEnum, DynamicVariant};
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    KeyCode::from_reflect(&DynamicEnum::new(name, DynamicVariant::Unit))
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
        assert_eq!(key_from_name("Hyperdrive"), None);
        assert_eq!(key_from_name("Key S"), None);
        for name in crate::config::KEY_NAMES {
            assert!(
                key_from_name(name).is_some(),
                "{name} is allowed by the config"
            );
        }
    }
}
