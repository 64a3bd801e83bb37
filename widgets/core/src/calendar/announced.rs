//! Days off and swapped working days announced by the government, which override the
//! rule-based schedule.
//!
//! Each year the Prime Minister fixes the Tết days and the day next to 2 September, and the
//! government often swaps a working day with a Saturday to make a longer break. Add an entry
//! here when such a schedule is announced; the rules still cover every holiday without one.

use crate::date::Date;

use super::holidays::PublicHoliday;

/// A calendar day as written in the table; a unit test checks that each one exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnnouncedDay {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl AnnouncedDay {
    pub const fn new(year: i32, month: u8, day: u8) -> AnnouncedDay {
        AnnouncedDay { year, month, day }
    }

    /// Returns the date, or `None` when the table names a day that does not exist.
    pub fn date(self) -> Option<Date> {
        Date::from_ymd(self.year, self.month, self.day)
    }
}

/// A weekday given off in exchange for working a weekend day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swap {
    pub day_off: AnnouncedDay,
    pub working_day: AnnouncedDay,
}

/// The announced break for one holiday in one year.
///
/// The break replaces the rule-based days, compensatory days included, of every public
/// holiday whose [`PublicHoliday::main_day`] lies between `first_day_off` and
/// `last_day_off`. Weekdays in that range are days off; the weekends in it are listed as
/// part of the break because announcements count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Announcement {
    /// The holiday the break is announced for; a joint 30 April and 1 May break names
    /// 30 April.
    pub occasion: PublicHoliday,
    pub first_day_off: AnnouncedDay,
    /// Last day off, inclusive.
    pub last_day_off: AnnouncedDay,
    /// Days in the range given as nghỉ bù for a holiday on a weekend.
    pub compensatory_days: &'static [AnnouncedDay],
    /// Days in the range given off in exchange for a weekend working day.
    pub swaps: &'static [Swap],
    /// The announcing body and where the announcement was reported.
    pub source: &'static str,
}

const fn day(year: i32, month: u8, day: u8) -> AnnouncedDay {
    AnnouncedDay::new(year, month, day)
}

/// Schedules announced for public servants, oldest first.
///
/// NOTE: only 2025 and the Tết break of 2026 are recorded. The other 2026 holidays follow
/// the rules, which guess the day next to 2 September 2026 (1 September) and assume no
/// swap around 1 January 2026; check both against the 2026 announcements.
pub const ANNOUNCEMENTS: &[Announcement] = &[
    // Five Tết weekdays, 27 to 31 January, between two weekends: no swap was needed.
    Announcement {
        occasion: PublicHoliday::LunarNewYear,
        first_day_off: day(2025, 1, 25),
        last_day_off: day(2025, 2, 2),
        compensatory_days: &[],
        swaps: &[],
        source: "Labour ministry notice on the Tết Ất Tỵ break for public servants, \
                 reported November 2024",
    },
    Announcement {
        occasion: PublicHoliday::ReunificationDay,
        first_day_off: day(2025, 4, 30),
        last_day_off: day(2025, 5, 4),
        compensatory_days: &[],
        swaps: &[Swap {
            day_off: day(2025, 5, 2),
            working_day: day(2025, 4, 26),
        }],
        source: "Government schedule for the 30 April and 1 May 2025 break, \
                 reported by the national press in 2025",
    },
    Announcement {
        occasion: PublicHoliday::NationalDay,
        first_day_off: day(2025, 8, 30),
        last_day_off: day(2025, 9, 2),
        compensatory_days: &[],
        swaps: &[],
        source: "Government schedule for the National Day 2025 break (2 September with \
                 1 September), reported by the national press in 2025",
    },
    Announcement {
        occasion: PublicHoliday::LunarNewYear,
        first_day_off: day(2026, 2, 14),
        last_day_off: day(2026, 2, 22),
        compensatory_days: &[],
        swaps: &[],
        source: "Government decision on the Tết Bính Ngọ break, reported by the national \
                 news agency and the police newspaper, October 2025",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_days_exist_and_ranges_are_ordered() {
        for announcement in ANNOUNCEMENTS {
            let first = announcement.first_day_off.date().unwrap();
            let last = announcement.last_day_off.date().unwrap();
            assert!(first <= last, "{}", announcement.source);
            for day in announcement.compensatory_days {
                let date = day.date().unwrap();
                assert!((first..=last).contains(&date), "{}", announcement.source);
            }
            for swap in announcement.swaps {
                let day_off = swap.day_off.date().unwrap();
                let working_day = swap.working_day.date().unwrap();
                assert!(
                    first <= day_off && day_off <= last,
                    "{}",
                    announcement.source
                );
                assert!(
                    working_day.weekday().is_weekend(),
                    "{}",
                    announcement.source
                );
                assert!(!day_off.weekday().is_weekend(), "{}", announcement.source);
            }
        }
    }

    #[test]
    fn table_sources_are_named() {
        for announcement in ANNOUNCEMENTS {
            assert!(!announcement.source.trim().is_empty());
        }
    }
}
