//! Times of day as staff write them (`"19:30"`), and quiet hours that may run past midnight.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

/// A time of day on the 24-hour clock, to the minute.
///
/// Why its own type: written as `"HH:MM"` in the config, a malformed time is rejected where
/// it is written, with a message that says the form (`"7pm"` is not a time here).
///
/// # Examples
/// ```
/// use wigglewoods::config::ClockTime;
/// let t: ClockTime = "07:30".parse().unwrap();
/// assert_eq!(t.minute_of_day(), 450);
/// assert_eq!(t.to_string(), "07:30");
/// assert!("24:00".parse::<ClockTime>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    minute_of_day: u16,
}

impl ClockTime {
    /// The time `hour:minute`, if it is one (hour 0 to 23, minute 0 to 59).
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then(|| ClockTime {
            minute_of_day: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    /// Minutes since midnight, 0 to 1439: what [`QuietHours::contains`] compares.
    pub fn minute_of_day(self) -> u32 {
        u32::from(self.minute_of_day)
    }
}

/// The form every time must take, quoted in each message about one.
pub const CLOCK_FORM: &str = "a time of day in quotes as \"HH:MM\" on the 24-hour clock, \
     \"00:00\" to \"23:59\"";

/// A text that is not a time of day; the message says the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be {CLOCK_FORM}, found \"{0}\"")]
pub struct BadClockTime(pub String);

impl FromStr for ClockTime {
    type Err = BadClockTime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadClockTime(text.to_owned());
        let (hour, minute) = text.trim().split_once(':').ok_or_else(bad)?;
        let digits = |s: &str, most: usize| {
            (!s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
        };
        // Minutes always have two digits ("7:5" is more likely a typo than 07:05).
        let minute = (minute.len() == 2).then(|| digits(minute, 2)).flatten();
        match (digits(hour, 2), minute) {
            (Some(h), Some(m)) => ClockTime::new(h, m).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}",
            self.minute_of_day / 60,
            self.minute_of_day % 60
        )
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A stretch of the day, from `start` up to (not including) `end`; it runs past midnight
/// when `end` comes before `start` (`19:00` to `08:00` is the night).
///
/// # Examples
/// ```
/// use wigglewoods::config::{ClockTime, QuietHours};
/// let night = QuietHours {
///     start: "19:00".parse().unwrap(),
///     end: "08:00".parse().unwrap(),
/// };
/// assert!(night.contains(23 * 60));
/// assert!(night.contains(7 * 60 + 59));
/// assert!(!night.contains(8 * 60));
/// assert!(!night.contains(12 * 60));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    /// When the quiet hours begin.
    pub start: ClockTime,
    /// When they end.
    pub end: ClockTime,
}

impl Default for QuietHours {
    /// The night on a children's ward: 19:00 to 08:00.
    fn default() -> Self {
        Self {
            start: ClockTime {
                minute_of_day: 19 * 60,
            },
            end: ClockTime {
                minute_of_day: 8 * 60,
            },
        }
    }
}

impl QuietHours {
    /// Whether `minute_of_day` (minutes since midnight) falls in these hours. Equal start and
    /// end make an empty stretch (the config check rejects them).
    pub fn contains(&self, minute_of_day: u32) -> bool {
        let (start, end) = (self.start.minute_of_day(), self.end.minute_of_day());
        let t = minute_of_day % (24 * 60);
        if start <= end {
            (start..end).contains(&t)
        } else {
            t >= start || t < end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_and_print() {
        for (text, minutes) in [
            ("00:00", 0),
            ("7:05", 425),
            ("23:59", 1439),
            (" 12:30 ", 750),
        ] {
            let t: ClockTime = text.parse().unwrap();
            assert_eq!(t.minute_of_day(), minutes, "{text}");
        }
        assert_eq!("7:05".parse::<ClockTime>().unwrap().to_string(), "07:05");
        for bad in [
            "", "7", "7pm", "24:00", "12:60", "12:5", "-1:00", "1:2:3", "12:3x", "٣:00",
        ] {
            let e = bad.parse::<ClockTime>().unwrap_err();
            assert!(
                e.to_string().starts_with("must be a time of day"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn daytime_hours_do_not_wrap() {
        let lunch = QuietHours {
            start: ClockTime::new(12, 0).unwrap(),
            end: ClockTime::new(13, 30).unwrap(),
        };
        assert!(lunch.contains(12 * 60));
        assert!(lunch.contains(13 * 60 + 29));
        assert!(!lunch.contains(13 * 60 + 30));
        assert!(!lunch.contains(11 * 60));
        // Minutes past a day wrap rather than panic.
        assert!(lunch.contains(24 * 60 + 12 * 60));
    }

    #[test]
    fn serde_uses_the_clock_text() {
        let t = ClockTime::new(8, 0).unwrap();
        assert_eq!(ron::to_string(&t).unwrap(), "\"08:00\"");
        assert_eq!(ron::from_str::<ClockTime>("\"08:00\"").unwrap(), t);
        let e = ron::from_str::<ClockTime>("\"8am\"").unwrap_err();
        assert!(e.code.to_string().contains("found \"8am\""), "{e}");
    }
}
