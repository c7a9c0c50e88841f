//! Dates and times in UTC without a date crate: civil dates from day numbers and back
//! (Howard Hinnant's algorithms), RFC 3339 and file-name stamps, and `YYYY-MM-DD` parsing.
//!
//! Logs keep times as seconds since the Unix epoch (for arithmetic) and as UTC text (for
//! people). Everything here is UTC: a session that starts at half past midnight in British
//! summer time belongs to the previous day.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day, for retention and day arithmetic.
pub const DAY_S: i64 = 86_400;

/// Seconds since the Unix epoch of a wall-clock time (negative before 1970), because logs do
/// their arithmetic on plain integers.
pub fn epoch_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// Day number (days since 1970-01-01) of a civil date, so that dates can be compared and
/// stepped as integers.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` of a day number, the inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A calendar day in UTC, what `--from` and `--to` name and what reports group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl Date {
    /// The date of a day number (days since 1970-01-01).
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day }
    }

    /// The UTC date of a time in seconds since the epoch.
    pub fn from_epoch(secs: i64) -> Date {
        Date::from_days(secs.div_euclid(DAY_S))
    }

    /// The day number, for ranges and steps.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// Seconds since the epoch at 00:00:00 UTC of this day.
    pub fn start_epoch(self) -> i64 {
        self.days() * DAY_S
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date that could not be read, with what was written, for a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: write it as YYYY-MM-DD, e.g. 2026-11-03")]
pub struct DateError(pub String);

/// Reads `n` ASCII digits exactly.
fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day, a real day).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let year = digits(&s[0..4]).ok_or_else(err)?;
        let month = digits(&s[5..7]).ok_or_else(err)? as u32;
        let day = digits(&s[8..10]).ok_or_else(err)? as u32;
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(err());
        }
        Ok(Date { year, month, day })
    }
}

/// A UTC time to the second, the form every time in a log is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UtcTime {
    /// The day.
    pub date: Date,
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
    /// 0 to 59.
    pub second: u32,
}

impl UtcTime {
    /// The UTC time of seconds since the epoch.
    pub fn from_epoch(secs: i64) -> UtcTime {
        let date = Date::from_epoch(secs);
        let s = secs.rem_euclid(DAY_S) as u32;
        UtcTime {
            date,
            hour: s / 3600,
            minute: s / 60 % 60,
            second: s % 60,
        }
    }

    /// Seconds since the epoch.
    pub fn epoch(self) -> i64 {
        self.date.start_epoch()
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// `2026-11-03T14:05:09Z`: RFC 3339, what the log files hold.
    pub fn rfc3339(self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date, self.hour, self.minute, self.second
        )
    }

    /// `20261103T140509Z`: the start stamp in file names (sorts by time, no colons).
    pub fn stamp(self) -> String {
        let d = self.date;
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            d.year, d.month, d.day, self.hour, self.minute, self.second
        )
    }

    /// `2026-11-03 14:05:09`: the form spreadsheets recognise as a date and time.
    pub fn spreadsheet(self) -> String {
        format!(
            "{} {:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )
    }

    /// Parses exactly the RFC 3339 form [`UtcTime::rfc3339`] writes.
    pub fn parse_rfc3339(s: &str) -> Option<UtcTime> {
        let b = s.as_bytes();
        if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
            return None;
        }
        let date: Date = s[0..10].parse().ok()?;
        UtcTime::checked(date, &s[11..13], &s[14..16], &s[17..19])
    }

    /// Parses exactly the stamp [`UtcTime::stamp`] writes.
    pub fn parse_stamp(s: &str) -> Option<UtcTime> {
        let b = s.as_bytes();
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
            return None;
        }
        let date: Date = format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8])
            .parse()
            .ok()?;
        UtcTime::checked(date, &s[9..11], &s[11..13], &s[13..15])
    }

    fn checked(date: Date, h: &str, m: &str, s: &str) -> Option<UtcTime> {
        let (hour, minute, second) = (digits(h)?, digits(m)?, digits(s)?);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        Some(UtcTime {
            date,
            hour: hour as u32,
            minute: minute as u32,
            second: second as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(Date::from_days(20_760).to_string(), "2026-11-03");
    }

    #[test]
    fn days_round_trip_over_centuries() {
        // Every day from 1900 to 2200, including 1900 (not leap) and 2000 (leap).
        let mut previous = Date::from_days(days_from_civil(1900, 1, 1) - 1);
        for n in days_from_civil(1900, 1, 1)..days_from_civil(2200, 1, 1) {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
            let date = Date::from_days(n);
            assert!(date > previous);
            assert!(d >= 1 && d <= days_in_month(y, m));
            previous = date;
        }
    }

    #[test]
    fn times_from_system_time() {
        let t = UNIX_EPOCH + Duration::from_secs(1_793_714_709);
        let utc = UtcTime::from_epoch(epoch_seconds(t));
        assert_eq!(utc.rfc3339(), "2026-11-03T14:05:09Z");
        assert_eq!(utc.stamp(), "20261103T140509Z");
        assert_eq!(utc.spreadsheet(), "2026-11-03 14:05:09");
        assert_eq!(utc.epoch(), 1_793_714_709);
        assert_eq!(UtcTime::parse_rfc3339(&utc.rfc3339()), Some(utc));
        assert_eq!(UtcTime::parse_stamp(&utc.stamp()), Some(utc));
        assert_eq!(epoch_seconds(UNIX_EPOCH - Duration::from_secs(5)), -5);
        assert_eq!(UtcTime::from_epoch(-1).rfc3339(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            "2024-02-29".parse::<Date>(),
            Ok(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-11-03",
            "2026/11/03",
            "2026-11-3x",
            "",
            "+026-11-03",
            "2026-11-31",
        ] {
            let e = bad.parse::<Date>().unwrap_err();
            assert!(e.to_string().contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(UtcTime::parse_rfc3339("2026-11-03T24:00:00Z").is_none());
        assert!(UtcTime::parse_rfc3339("2026-11-03 10:00:00Z").is_none());
        assert!(UtcTime::parse_stamp("20261103T1000Z").is_none());
        assert!(UtcTime::parse_stamp("20261103T10000aZ").is_none());
    }
}
