//! Working-day arithmetic for demo due dates, on the Vietnamese calendar
//! (weekends, public holidays and announced swaps).

use dvc_core::calendar::WorkingCalendar;
use dvc_core::date::Date;

const CALENDAR: WorkingCalendar = WorkingCalendar::vietnam();

pub fn is_working_day(date: Date) -> bool {
    CALENDAR.is_working_day(date)
}

/// Returns the `days`-th working day after `start` (0 returns `start`).
/// Past the calendar's last year it returns `start`, which no demo date reaches.
pub fn add_working_days(start: Date, days: u32) -> Date {
    CALENDAR.add_working_days(start, days).unwrap_or(start)
}

/// Returns the working day `days` working days before `start`, so that
/// `add_working_days(result, days) == start` when `start` is a working day.
pub fn subtract_working_days(start: Date, days: u32) -> Date {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        match date.add_days(-1) {
            Some(previous) => date = previous,
            None => return date,
        }
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

/// Returns the last working day on or before `date`.
pub fn last_working_day_until(date: Date) -> Date {
    let mut day = date;
    while !is_working_day(day) {
        match day.add_days(-1) {
            Some(previous) => day = previous,
            None => break,
        }
    }
    day
}

/// Returns the working days left from `today` until `due`: positive while the
/// due date is ahead, 0 on the due day, negative by the working days past it.
pub fn working_days_left(today: Date, due: Date) -> i64 {
    CALENDAR.working_days_between(today, due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn adds_over_weekend() {
        // 2026-12-04 is a Friday.
        assert_eq!(add_working_days(date(2026, 12, 4), 1), date(2026, 12, 7));
        assert_eq!(add_working_days(date(2026, 12, 4), 5), date(2026, 12, 11));
        assert_eq!(add_working_days(date(2026, 12, 4), 0), date(2026, 12, 4));
    }

    #[test]
    fn adds_over_tet() {
        // Offices were closed from Monday 16 to Friday 20 February 2026.
        assert_eq!(add_working_days(date(2026, 2, 13), 1), date(2026, 2, 23));
    }

    #[test]
    fn subtracts_over_weekend() {
        assert_eq!(
            subtract_working_days(date(2026, 12, 7), 1),
            date(2026, 12, 4)
        );
        assert_eq!(
            subtract_working_days(add_working_days(date(2026, 12, 2), 7), 7),
            date(2026, 12, 2)
        );
        assert_eq!(
            subtract_working_days(date(2026, 2, 23), 1),
            date(2026, 2, 13)
        );
    }

    #[test]
    fn last_working_day_skips_back() {
        assert_eq!(last_working_day_until(date(2026, 12, 6)), date(2026, 12, 4));
        assert_eq!(last_working_day_until(date(2026, 12, 4)), date(2026, 12, 4));
        assert_eq!(last_working_day_until(date(2026, 2, 19)), date(2026, 2, 13));
    }

    #[test]
    fn days_left_and_overdue() {
        let friday = date(2026, 12, 4);
        assert_eq!(working_days_left(friday, friday), 0);
        assert_eq!(working_days_left(friday, date(2026, 12, 7)), 1);
        assert_eq!(working_days_left(friday, date(2026, 12, 9)), 3);
        assert_eq!(working_days_left(date(2026, 12, 7), friday), -1);
        assert_eq!(working_days_left(date(2026, 12, 9), friday), -3);
    }
}
