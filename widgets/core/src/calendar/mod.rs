//! Vietnamese working days: weekends, public holidays and announced swaps, for counting
//! dossier deadlines (thời hạn giải quyết in ngày làm việc).
//!
//! A [`WorkingCalendar`] combines the holiday rules of the Labour Code 2019 with the table
//! of announced schedules in [`announced`]; an announced break replaces the rules for the
//! holidays it covers. The week is the public servants' week, Monday to Friday.
//!
//! ```
//! use dvc_core::calendar::WorkingCalendar;
//! use dvc_core::date::Date;
//!
//! let calendar = WorkingCalendar::vietnam();
//! let received = Date::from_ymd(2026, 4, 29).unwrap();
//! // 30 April and 1 May are holidays, then comes a weekend.
//! let due = calendar.add_working_days(received, 2).unwrap();
//! assert_eq!(due, Date::from_ymd(2026, 5, 5).unwrap());
//! ```

pub mod announced;
mod holidays;
pub mod lunar;

pub use announced::{AnnouncedDay, Announcement, Swap, ANNOUNCEMENTS};
pub use holidays::{DayOffKind, Holiday, PublicHoliday};

use crate::date::Date;

/// Last year the calendar covers, because the lunar holidays are computed up to it.
pub const LAST_YEAR: i32 = lunar::LAST_YEAR;

/// Working days of public servants in Vietnam.
///
/// Cheap to copy; the schedule of a year is computed when a query needs it.
#[derive(Clone, Copy, Debug)]
pub struct WorkingCalendar {
    announcements: &'static [Announcement],
}

impl WorkingCalendar {
    /// Returns the calendar of the Labour Code 2019 rules overridden by [`ANNOUNCEMENTS`].
    pub const fn vietnam() -> WorkingCalendar {
        WorkingCalendar {
            announcements: ANNOUNCEMENTS,
        }
    }

    /// Returns the calendar of the rules alone, as if nothing had been announced.
    pub const fn rules_only() -> WorkingCalendar {
        WorkingCalendar { announcements: &[] }
    }

    /// Returns the calendar of the rules overridden by `announcements`.
    pub const fn with_announcements(announcements: &'static [Announcement]) -> WorkingCalendar {
        WorkingCalendar { announcements }
    }

    /// Returns whether public offices work on `date`: a weekday that is no day off, or a
    /// weekend day announced as a working day.
    ///
    /// Outside the years of [`lunar::FIRST_YEAR`]..=[`LAST_YEAR`] the lunar holidays are
    /// unknown, so only weekends and the fixed-date holidays are off there.
    pub fn is_working_day(&self, date: Date) -> bool {
        self.year_schedule(date.year()).is_working_day(date)
    }

    /// Returns the holiday `date` belongs to, or `None` for an ordinary day or weekend.
    pub fn holiday(&self, date: Date) -> Option<Holiday> {
        self.year_schedule(date.year()).holiday(date)
    }

    /// Returns every day off of `year` with its holiday, in date order.
    ///
    /// Ordinary weekends are left out; the weekends inside an announced break are included
    /// as [`DayOffKind::WeeklyRest`].
    pub fn days_off(&self, year: i32) -> Vec<(Date, Holiday)> {
        self.year_schedule(year).days_off
    }

    /// Returns the due date `working_days` working days after `start`: the
    /// `working_days`-th working day strictly after `start`.
    ///
    /// `start` itself never counts, whether or not it is a working day, so 1 working day
    /// from a Friday or from a Saturday is the next Monday when that Monday is a working
    /// day. Zero returns `start` unchanged. Returns `None` when the due date would fall
    /// after 31 December of [`LAST_YEAR`].
    pub fn add_working_days(&self, start: Date, working_days: u32) -> Option<Date> {
        if working_days == 0 {
            return Some(start);
        }

        // Each working day takes at least one calendar day, so a count larger than the
        // days left in the calendar cannot fit, and the walk below stays short.
        let last_day = Date::from_ymd(LAST_YEAR, 12, 31)?;
        if i64::from(working_days) > start.days_until(last_day) {
            return None;
        }

        let mut schedules = ScheduleCache::new(*self);
        let mut date = start;
        let mut remaining = working_days;
        while remaining > 0 {
            date = date.add_days(1)?;
            if date > last_day {
                return None;
            }
            if schedules.is_working_day(date) {
                remaining -= 1;
            }
        }
        Some(date)
    }

    /// Returns the working days from `from` to `to`: positive when `to` is later (days
    /// left until a due date), negative when it is earlier (days overdue).
    ///
    /// The count takes the working days after the earlier date up to and including the
    /// later one, so `working_days_between(start, add_working_days(start, n)?) == n`. With
    /// `from` = today and `to` = the due date, the result is 0 on the due date, 1 on a
    /// Friday before a Monday due date, and -1 on a Monday after a Friday due date. A due
    /// date on a non-working day counts like the last working day before it.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (earlier, later, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };

        let mut schedules = ScheduleCache::new(*self);
        let mut count = 0;
        let mut date = earlier;
        while date < later {
            let Some(next) = date.add_days(1) else {
                break;
            };
            date = next;
            if schedules.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }

    fn year_schedule(&self, year: i32) -> YearSchedule {
        YearSchedule::build(year, self.announcements)
    }
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        WorkingCalendar::vietnam()
    }
}

/// The days off and extra working days of one Gregorian year.
struct YearSchedule {
    year: i32,
    /// Sorted by date, one entry a day.
    days_off: Vec<(Date, Holiday)>,
    /// Weekend days worked in exchange for a day off; sorted.
    working_weekend_days: Vec<Date>,
}

impl YearSchedule {
    fn build(year: i32, announcements: &[Announcement]) -> YearSchedule {
        let mut schedule = YearSchedule {
            year,
            days_off: Vec::new(),
            working_weekend_days: Vec::new(),
        };

        // Lunar holidays are missing outside the lunar calendar's years.
        let main_days: Vec<(Date, PublicHoliday)> = PublicHoliday::ALL
            .into_iter()
            .filter_map(|occasion| Some((occasion.main_day(year)?, occasion)))
            .collect();

        // Announced breaks first: they win over the rules.
        let mut covered = Vec::new();
        for announcement in announcements {
            schedule.add_announcement(announcement, &main_days, &mut covered);
        }

        // Rule days of the holidays no announcement covers. A rule day that falls on a
        // weekend, or on a day another holiday already takes, earns a compensatory day.
        let mut to_compensate = Vec::new();
        for &(main_day, occasion) in &main_days {
            if covered.contains(&occasion) {
                continue;
            }
            for date in occasion.rule_days(main_day) {
                let holiday = Holiday {
                    occasion,
                    kind: DayOffKind::Holiday,
                };
                if date.weekday().is_weekend() || schedule.holiday(date).is_some() {
                    // Kept in date order by insertion: a sort would add kilobytes to wasm.
                    let index = to_compensate.partition_point(|(day, _)| *day <= date);
                    to_compensate.insert(index, (date, occasion));
                }
                schedule.insert_day_off(date, holiday);
            }
        }

        // Labour Code 2019, Article 111(3): a holiday on a weekly rest day is made up on
        // the next working day. Earlier holidays claim their days first.
        for (date, occasion) in to_compensate {
            let mut candidate = date;
            while let Some(next) = candidate.add_days(1) {
                candidate = next;
                if schedule.is_working_day(candidate) {
                    schedule.insert_day_off(
                        candidate,
                        Holiday {
                            occasion,
                            kind: DayOffKind::Compensatory,
                        },
                    );
                    break;
                }
            }
        }

        schedule
    }

    /// Adds the days of `announcement` that fall in this year and records in `covered` the
    /// holidays whose day in `main_days` it includes.
    fn add_announcement(
        &mut self,
        announcement: &Announcement,
        main_days: &[(Date, PublicHoliday)],
        covered: &mut Vec<PublicHoliday>,
    ) {
        let (Some(first), Some(last)) = (
            announcement.first_day_off.date(),
            announcement.last_day_off.date(),
        ) else {
            return;
        };

        let covered_main_days: Vec<(Date, PublicHoliday)> = main_days
            .iter()
            .filter(|(main_day, _)| (first..=last).contains(main_day))
            .copied()
            .collect();
        covered.extend(covered_main_days.iter().map(|(_, occasion)| *occasion));

        let mut date = first;
        while date <= last {
            if date.year() == self.year {
                let holiday = announced_day_kind(announcement, date, &covered_main_days);
                self.insert_day_off(date, holiday);
            }
            let Some(next) = date.add_days(1) else {
                break;
            };
            date = next;
        }

        for swap in announcement.swaps {
            if let Some(working_day) = swap.working_day.date() {
                if working_day.year() == self.year {
                    if let Err(index) = self.working_weekend_days.binary_search(&working_day) {
                        self.working_weekend_days.insert(index, working_day);
                    }
                }
            }
        }
    }

    /// Adds a day off unless the day is already off.
    fn insert_day_off(&mut self, date: Date, holiday: Holiday) {
        if let Err(index) = self.days_off.binary_search_by_key(&date, |(day, _)| *day) {
            self.days_off.insert(index, (date, holiday));
        }
    }

    fn holiday(&self, date: Date) -> Option<Holiday> {
        let index = self
            .days_off
            .binary_search_by_key(&date, |(day, _)| *day)
            .ok()?;
        self.days_off.get(index).map(|(_, holiday)| *holiday)
    }

    fn is_working_day(&self, date: Date) -> bool {
        if self.working_weekend_days.binary_search(&date).is_ok() {
            return true;
        }
        !date.weekday().is_weekend() && self.holiday(date).is_none()
    }
}

/// Classifies one day of an announced break. `main_days` are the main days of the holidays
/// the break covers.
fn announced_day_kind(
    announcement: &Announcement,
    date: Date,
    main_days: &[(Date, PublicHoliday)],
) -> Holiday {
    let is_listed = |days: &mut dyn Iterator<Item = AnnouncedDay>| {
        days.filter_map(AnnouncedDay::date).any(|day| day == date)
    };

    if let Some((_, occasion)) = main_days.iter().find(|(day, _)| *day == date) {
        return Holiday {
            occasion: *occasion,
            kind: DayOffKind::Holiday,
        };
    }

    let kind = if is_listed(&mut announcement.swaps.iter().map(|swap| swap.day_off)) {
        DayOffKind::Swapped
    } else if is_listed(&mut announcement.compensatory_days.iter().copied()) {
        DayOffKind::Compensatory
    } else if date.weekday().is_weekend() {
        DayOffKind::WeeklyRest
    } else {
        DayOffKind::Holiday
    };
    Holiday {
        occasion: announcement.occasion,
        kind,
    }
}

/// The schedule of the year last asked for, so that walking day by day builds each year
/// once.
struct ScheduleCache {
    calendar: WorkingCalendar,
    schedule: Option<YearSchedule>,
}

impl ScheduleCache {
    fn new(calendar: WorkingCalendar) -> ScheduleCache {
        ScheduleCache {
            calendar,
            schedule: None,
        }
    }

    fn is_working_day(&mut self, date: Date) -> bool {
        let schedule = match self.schedule.take() {
            Some(schedule) if schedule.year == date.year() => schedule,
            _ => self.calendar.year_schedule(date.year()),
        };
        let is_working = schedule.is_working_day(date);
        self.schedule = Some(schedule);
        is_working
    }
}

#[cfg(test)]
mod tests;
