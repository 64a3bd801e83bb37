//! Calendar dates and Vietnam local times (UTC+7, no daylight saving).
//!
//! Vietnam has kept UTC+7 all year since 1975, so a fixed offset replaces a
//! time-zone database; that keeps the browser bundle small.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Vietnam's offset from UTC, in seconds.
pub const VIETNAM_UTC_OFFSET_SECONDS: i64 = 7 * 3600;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

/// Returns the number of days in `month` of `year`, or 0 for a month outside 1..=12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// Builds a date, or `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Returns the number of days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Civil-from-days inverse over 400-year eras (Howard Hinnant's algorithm).
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Returns the date `days` after 1970-01-01, or `None` outside years 1..=9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let shifted = days.checked_add(719_468)?;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::from_ymd(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Returns the date `days` later (earlier when negative), or `None` past year 9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Returns the number of calendar days from `self` to `other`.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match self.days_since_epoch().rem_euclid(7) {
            0 => Weekday::Thursday,
            1 => Weekday::Friday,
            2 => Weekday::Saturday,
            3 => Weekday::Sunday,
            4 => Weekday::Monday,
            5 => Weekday::Tuesday,
            _ => Weekday::Wednesday,
        }
    }

    /// Returns the date in Vietnam at `unix_seconds` (seconds since 1970-01-01 UTC).
    pub fn in_vietnam_at(unix_seconds: i64) -> Option<Date> {
        let local = unix_seconds.checked_add(VIETNAM_UTC_OFFSET_SECONDS)?;
        Date::from_days_since_epoch(local.div_euclid(86_400))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        Date::from_ymd(
            parse_digits(&text[0..4])? as i32,
            parse_digits(&text[5..7])? as u8,
            parse_digits(&text[8..10])? as u8,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid date {text:?}, expected YYYY-MM-DD"))
        })
    }
}

/// A wall-clock time in Vietnam, to the second.
///
/// Serialised as RFC 3339 with the fixed offset: `2026-03-02T09:15:00+07:00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalDateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
}

impl LocalDateTime {
    pub fn new(date: Date, hour: u8, minute: u8, second: u8) -> Option<LocalDateTime> {
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        Some(LocalDateTime {
            date,
            hour,
            minute,
            second,
        })
    }

    pub fn date(self) -> Date {
        self.date
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    pub fn second(self) -> u8 {
        self.second
    }

    /// Returns the Vietnam wall-clock time at `unix_seconds`.
    pub fn in_vietnam_at(unix_seconds: i64) -> Option<LocalDateTime> {
        let local = unix_seconds.checked_add(VIETNAM_UTC_OFFSET_SECONDS)?;
        let date = Date::from_days_since_epoch(local.div_euclid(86_400))?;
        let second_of_day = local.rem_euclid(86_400);
        LocalDateTime::new(
            date,
            (second_of_day / 3600) as u8,
            (second_of_day / 60 % 60) as u8,
            (second_of_day % 60) as u8,
        )
    }

    /// Returns seconds since 1970-01-01 UTC.
    pub fn unix_seconds(self) -> i64 {
        self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - VIETNAM_UTC_OFFSET_SECONDS
    }

    /// Parses the one-stop systems' compact form `yyyyMMddHHmmss`, in Vietnam time.
    pub fn parse_compact(text: &str) -> Option<LocalDateTime> {
        if text.len() != 14 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = Date::from_ymd(
            parse_digits(&text[0..4])? as i32,
            parse_digits(&text[4..6])? as u8,
            parse_digits(&text[6..8])? as u8,
        )?;
        LocalDateTime::new(
            date,
            parse_digits(&text[8..10])? as u8,
            parse_digits(&text[10..12])? as u8,
            parse_digits(&text[12..14])? as u8,
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS+07:00`; other offsets are converted to Vietnam time.
    pub fn parse_rfc3339(text: &str) -> Option<LocalDateTime> {
        // The slices below cut at fixed byte offsets, which is safe only in
        // ASCII text. A valid time has no other characters anyway.
        let bytes = text.as_bytes();
        if !text.is_ascii()
            || bytes.len() < 20
            || bytes[10] != b'T'
            || bytes[13] != b':'
            || bytes[16] != b':'
        {
            return None;
        }
        let date = Date::parse_iso(&text[0..10])?;
        let wall = LocalDateTime::new(
            date,
            parse_digits(&text[11..13])? as u8,
            parse_digits(&text[14..16])? as u8,
            parse_digits(&text[17..19])? as u8,
        )?;
        let offset_seconds = match &text[19..] {
            "Z" => 0,
            offset if offset.len() == 6 && offset.as_bytes()[3] == b':' => {
                let sign = match offset.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let hours = i64::from(parse_digits(&offset[1..3])?);
                let minutes = i64::from(parse_digits(&offset[4..6])?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                sign * (hours * 3600 + minutes * 60)
            }
            _ => return None,
        };
        let utc = wall.unix_seconds() + VIETNAM_UTC_OFFSET_SECONDS - offset_seconds;
        LocalDateTime::in_vietnam_at(utc)
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}+07:00",
            self.date, self.hour, self.minute, self.second
        )
    }
}

impl Serialize for LocalDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LocalDateTime::parse_rfc3339(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid time {text:?}, expected YYYY-MM-DDTHH:MM:SS+07:00"
            ))
        })
    }
}

fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn epoch_round_trip_over_centuries() {
        for days in (-719_000..2_900_000).step_by(997) {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
    }

    #[test]
    fn invalid_days_rejected() {
        assert!(Date::from_ymd(2026, 2, 29).is_none());
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert!(Date::from_ymd(1900, 2, 29).is_none());
        assert!(Date::from_ymd(2026, 13, 1).is_none());
        assert!(Date::from_ymd(2026, 4, 31).is_none());
    }

    #[test]
    fn weekdays() {
        assert_eq!(date(2026, 2, 17).weekday(), Weekday::Tuesday);
        assert_eq!(date(2026, 12, 4).weekday(), Weekday::Friday);
        assert_eq!(date(2025, 1, 29).weekday(), Weekday::Wednesday);
    }

    #[test]
    fn iso_parse_and_format() {
        assert_eq!(Date::parse_iso("2026-02-17"), Some(date(2026, 2, 17)));
        assert_eq!(date(2026, 2, 7).to_string(), "2026-02-07");
        assert!(Date::parse_iso("2026-2-17").is_none());
        assert!(Date::parse_iso("2026-02-30").is_none());
        assert!(Date::parse_iso("+026-02-10").is_none());
    }

    #[test]
    fn vietnam_midnight_boundary() {
        // 2026-02-16T17:00:00Z is midnight of the 17th in Vietnam.
        let utc = date(2026, 2, 16).days_since_epoch() * 86_400 + 17 * 3600;
        assert_eq!(Date::in_vietnam_at(utc), Some(date(2026, 2, 17)));
        assert_eq!(Date::in_vietnam_at(utc - 1), Some(date(2026, 2, 16)));
    }

    #[test]
    fn local_time_formats() {
        let t = LocalDateTime::parse_compact("20210531081500").unwrap();
        assert_eq!(t.to_string(), "2021-05-31T08:15:00+07:00");
        assert_eq!(LocalDateTime::parse_rfc3339(&t.to_string()), Some(t));
        assert_eq!(
            LocalDateTime::parse_rfc3339("2021-05-31T01:15:00Z"),
            Some(t)
        );
        assert!(LocalDateTime::parse_compact("20210531241500").is_none());
        assert!(LocalDateTime::parse_rfc3339("2021-05-31T08:15:00+7").is_none());
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<LocalDateTime>(&json).unwrap(), t);
    }
}
