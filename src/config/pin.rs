//! The staff PIN: kept out of debug output and error messages.

use core::fmt;

use serde::{Deserialize, Serialize};

/// Fewest digits a PIN may have.
pub const PIN_MIN_DIGITS: usize = 4;
/// Most digits a PIN may have.
pub const PIN_MAX_DIGITS: usize = 8;

/// The PIN staff type to open the staff panel, as written in the config (in quotes, so that a
/// leading 0 is kept).
///
/// Why its own type: its `Debug` shows no digits, so a config printed to a log or shown on
/// the staff error screen (which families may see) never gives the PIN away.
///
/// # Examples
/// ```
/// use wigglewoods::config::Pin;
/// let pin = Pin::new("0482");
/// assert!(pin.is_well_formed());
/// assert!(pin.matches("0482"));
/// assert!(!pin.matches("482"));
/// assert_eq!(format!("{pin:?}"), "Pin(4 digits)");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Pin(String);

/// Reads `"4821"` and also `Some("4821")`: the config is read with ron's implicit `Some`,
/// under which a written `Some(...)` reaches the PIN itself rather than the `Option`.
impl<'de> Deserialize<'de> for Pin {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Pin, D::Error> {
        struct PinVisitor;
        impl<'de> serde::de::Visitor<'de> for PinVisitor {
            type Value = Pin;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a PIN in quotes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Pin, E> {
                Ok(Pin(v.to_owned()))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Pin, D::Error> {
                d.deserialize_any(PinVisitor)
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Pin, D::Error> {
                d.deserialize_any(PinVisitor)
            }
        }
        deserializer.deserialize_any(PinVisitor)
    }
}

impl Pin {
    /// A PIN with this text (checked by [`Pin::is_well_formed`], not here: the config check
    /// reports a malformed one with its line).
    pub fn new(text: impl Into<String>) -> Pin {
        Pin(text.into())
    }

    /// Whether the PIN is 4 to 8 digits (0 to 9), nothing else.
    pub fn is_well_formed(&self) -> bool {
        (PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&self.0.len())
            && self.0.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether every character is a digit 0 to 9 (the length aside).
    pub fn is_all_digits(&self) -> bool {
        self.0.bytes().all(|b| b.is_ascii_digit())
    }

    /// How many characters it has (for messages that must not show it).
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether it has no characters at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `typed` is this PIN. Compares every digit whatever the first difference, so
    /// the time taken tells nothing.
    pub fn matches(&self, typed: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), typed.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pin({} digits)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_pins() {
        for good in ["0000", "1234", "12345678"] {
            assert!(Pin::new(good).is_well_formed(), "{good}");
        }
        for bad in ["", "123", "123456789", "12a4", "12 34", "１２３４"] {
            assert!(!Pin::new(bad).is_well_formed(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_digits() {
        let text = format!("{:?}", Some(Pin::new("9137")));
        assert!(!text.contains("9137"), "{text}");
    }
}
