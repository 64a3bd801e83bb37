//! The working-day calendar through the public paths the demo server and the dossier
//! status widget use.

use dvc_core::calendar::lunar::{self, LunarDate};
use dvc_core::calendar::{DayOffKind, PublicHoliday, WorkingCalendar};
use dvc_core::date::Date;

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::from_ymd(y, m, d)
}

#[test]
fn due_date_from_received_date() {
    // A dossier received on Thursday 12 February 2026 with 10 working days: Friday 13,
    // then Tết until 22 February, then 23 February onwards.
    let calendar = WorkingCalendar::vietnam();
    let due = calendar.add_working_days(date(2026, 2, 12).unwrap(), 10);
    assert_eq!(due, date(2026, 3, 5));
}

#[test]
fn days_left_and_overdue_for_status() {
    let calendar = WorkingCalendar::default();
    let due = date(2026, 3, 5).unwrap();
    assert_eq!(
        calendar.working_days_between(date(2026, 3, 2).unwrap(), due),
        3
    );
    assert_eq!(
        calendar.working_days_between(date(2026, 3, 9).unwrap(), due),
        -2
    );
}

#[test]
fn holiday_labels_in_both_locales() {
    let calendar = WorkingCalendar::vietnam();
    let holiday = calendar.holiday(date(2026, 2, 17).unwrap()).unwrap();
    assert_eq!(holiday.occasion, PublicHoliday::LunarNewYear);
    assert_eq!(holiday.kind, DayOffKind::Holiday);
    assert_eq!(holiday.label_vi(), "Tết Nguyên Đán");
    assert_eq!(holiday.label_en(), "Lunar New Year (Tết)");
}

#[test]
fn lunar_conversion_is_public() {
    let hung_kings = LunarDate::new(2026, 3, 10);
    assert_eq!(lunar::from_lunar(hung_kings), date(2026, 4, 26));
    assert_eq!(
        lunar::to_lunar(date(2026, 4, 26).unwrap()),
        Some(hung_kings)
    );
    assert_eq!(lunar::new_year_day(2026), date(2026, 2, 17));
    assert_eq!(lunar::leap_month(2025), Some(6));
}
