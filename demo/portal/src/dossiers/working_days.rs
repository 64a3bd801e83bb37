//! Working-day arithmetic for demo due dates.
//!
//! TODO: counts Monday to Friday only; switch to the core working-day
//! calendar (with Vietnamese public holidays) when it is available, so due
//! dates skip Tết and the other days off.

use dvc_core::date::Date;

pub fn is_working_day(date: Date) -> bool {
    !date.weekday().is_weekend()
}

/// Returns the date `days` working days after `start` (0 returns `start`).
/// Saturates at the end of the supported calendar.
pub fn add_working_days(start: Date, days: u32) -> Date {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        match date.add_days(1) {
            Some(next) => date = next,
            None => return date,
        }
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

/// Returns the date `days` working days before `start`.
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

/// Returns `start` when it is a working day, else the next working day.
pub fn next_working_day_from(start: Date) -> Date {
    let mut date = start;
    while !is_working_day(date) {
        match date.add_days(1) {
            Some(next) => date = next,
            None => break,
        }
    }
    date
}

/// Returns the working days left from `today` until `due`: positive while the
/// due date is ahead (the due day itself counts, today does not), 0 on the
/// due day, negative by the working days past it once overdue.
pub fn working_days_left(today: Date, due: Date) -> i64 {
    let (from, to, sign) = if due >= today {
        (today, due, 1)
    } else {
        (due, today, -1)
    };
    let mut count = 0;
    let mut date = from;
    while date < to {
        match date.add_days(1) {
            Some(next) => date = next,
            None => break,
        }
        if is_working_day(date) {
            count += 1;
        }
    }
    sign * count
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
    fn subtracts_over_weekend() {
        assert_eq!(
            subtract_working_days(date(2026, 12, 7), 1),
            date(2026, 12, 4)
        );
        assert_eq!(
            subtract_working_days(add_working_days(date(2026, 12, 2), 7), 7),
            date(2026, 12, 2)
        );
    }

    #[test]
    fn next_working_day_skips_weekend() {
        assert_eq!(next_working_day_from(date(2026, 12, 5)), date(2026, 12, 7));
        assert_eq!(next_working_day_from(date(2026, 12, 4)), date(2026, 12, 4));
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
